//! What the requests screen reads and writes, run by the runtime's `Runner` (the only caller):
//! a community's requests, households, suggestions and joint meetings; each step of a request
//! (dispatch, accept, complete with its service row, cancel, reopen), reported with what it
//! changed (the screen is then read again with the rest).
//!
//! Owns: those reads and writes. Must not touch: the app's state, drawing.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::domain::rules::HalfYears;
use crate::domain::*;
use crate::store::{Ledger, StoreError, View};
use crate::tui::changed::Changed;
use crate::tui::demands::work::{Data, DemandLine, Done, HouseholdLine, Step, Work};
use crate::workflow::service::complete_demand;

pub fn run(ledger: &Ledger, work: Work) -> Result<Done, StoreError> {
    let today = ledger.today();
    match work {
        Work::Load { community } => Ok(Done::Loaded(Box::new(load(
            &ledger.view()?,
            community,
            today,
        )?))),
        Work::Step { demand, step, .. } => {
            let (saved, changes) = ledger.write_changes(|tx| apply(tx, demand, step))?;
            Ok(Done::Stepped {
                generation: ledger.view()?.generation()?,
                demand: Box::new(saved),
                changed: Changed::of(&changes),
            })
        }
    }
}

fn bad_step(e: crate::domain::demand::BadStep) -> StoreError {
    StoreError::Invalid(Invalid(vec![FieldError::new(
        "field.status",
        Problem::Invalid(e.to_string()),
    )]))
}

fn apply(tx: &mut crate::store::Tx, id: Id, step: Step) -> Result<Demand, StoreError> {
    let mut d = tx.get::<Demand>(id)?.ok_or_else(|| StoreError::NotFound {
        kind: "demand",
        id: id.to_string(),
    })?;
    let on = tx.today();
    match step {
        Step::Dispatch(target) => d.dispatch(target.into(), on).map_err(bad_step)?,
        Step::Accept(member) => d.accept(member, on).map_err(bad_step)?,
        Step::Cancel(reason) => d.cancel(&reason, on).map_err(bad_step)?,
        Step::Reopen(note) => d.reopen(&note, on).map_err(bad_step)?,
        Step::Complete {
            date,
            hours,
            place,
            content,
            certifier,
        } => {
            let member = d.accepted_by.ok_or_else(|| {
                bad_step(crate::domain::demand::BadStep {
                    from: d.status,
                    step: "complete",
                })
            })?;
            let mut row = d.service_row(Id::new(), member, date);
            row.hours = hours;
            row.place = place;
            row.content = content;
            // Certified only when the clerk names the certifier here (the community Party
            // organization, 003 附件5); otherwise it waits for 认证签字 on the card.
            row.certification = certifier.map(|name| Certification {
                role: CertifierRole::PartyOrg,
                name,
                on: date,
            });
            return complete_demand(tx, id, row);
        }
    }
    tx.save(d)
}

pub fn load(view: &View, community: Id, today: NaiveDate) -> Result<Data, StoreError> {
    let year = today.year();
    let c = view.get::<Community>(community)?;
    let settings = view.settings()?;
    let mut members: Vec<(Id, String)> = view
        .members_of_community(community)?
        .into_iter()
        .filter(|m| !m.archived)
        .map(|m| (m.id, m.name))
        .collect();
    members.sort_by(|a, b| a.1.cmp(&b.1));
    let names: HashMap<Id, String> = members.iter().cloned().collect();
    let posts: Vec<(Id, String)> = view
        .posts_of_community(community)?
        .into_iter()
        .filter(|p| !p.archived)
        .map(|p| (p.id, p.name))
        .collect();
    let post_names: HashMap<Id, String> = posts.iter().cloned().collect();
    let member_name = |id: Id| -> Result<String, StoreError> {
        Ok(match names.get(&id) {
            Some(n) => n.clone(),
            None => view.get::<Member>(id)?.map(|m| m.name).unwrap_or_default(),
        })
    };
    let mut demands = Vec::new();
    for d in view.demands_of_community(community)? {
        let target = match &d.target {
            Some(DispatchTarget::Member(m)) => member_name(*m)?,
            Some(DispatchTarget::Post(p)) => post_names.get(p).cloned().unwrap_or_default(),
            Some(DispatchTarget::Team(t)) => t.clone(),
            None => String::new(),
        };
        let accepted_by = match d.accepted_by {
            Some(m) => member_name(m)?,
            None => String::new(),
        };
        demands.push(DemandLine {
            demand: d,
            target,
            accepted_by,
        });
    }
    // Newest first: the requests a clerk works on are the recent ones.
    demands.sort_by_key(|l| std::cmp::Reverse(l.demand.asked_on));
    let mut households = Vec::new();
    for h in view.households_of_community(community)? {
        if h.archived {
            continue;
        }
        let mut pairings = Vec::new();
        let mut last_visit: Option<NaiveDate> = None;
        for p in view.pairings_of_household(h.id)? {
            // The visits of ended pairings count too: the household was visited.
            let since = Some(p.since);
            for s in view.services_of_member(p.member, since, Some(today))? {
                if s.household == Some(h.id) && !s.archived {
                    last_visit = last_visit.max(Some(s.date));
                }
            }
            if p.is_active() {
                let name = member_name(p.member)?;
                pairings.push((p, name));
            }
        }
        households.push(HouseholdLine {
            household: h,
            pairings,
            last_visit,
        });
    }
    households.sort_by_key(|h| h.last_visit);
    let mut suggestions = Vec::new();
    for (id, name) in &members {
        for s in view.suggestions_of_member(*id)? {
            if s.date.year() == year && s.community == community {
                suggestions.push((s, name.clone()));
            }
        }
    }
    suggestions.sort_by_key(|s| std::cmp::Reverse(s.0.date));
    let mut meetings = Vec::new();
    for m in view.meetings_of_community(community)? {
        if m.date.year() != year {
            continue;
        }
        let mut units = Vec::new();
        for u in &m.units {
            units.extend(view.get::<Unit>(*u)?.map(|u| u.name));
        }
        meetings.push((m, units));
    }
    meetings.sort_by_key(|m| m.0.date);
    let meetings_check = HalfYears::count(
        meetings.iter().map(|(m, _)| m.date),
        year,
        settings.meetings_per_half,
        today,
    );
    Ok(Data {
        community,
        community_name: c.as_ref().map(|c| c.name.clone()).unwrap_or_default(),
        teams: c
            .map(|c| c.teams.into_iter().map(|t| t.name).collect())
            .unwrap_or_default(),
        demands,
        households,
        suggestions,
        meetings,
        meetings_check,
        members,
        posts,
        settings,
    })
}
