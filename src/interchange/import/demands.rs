//! Planning 三单制 requests and 微心愿 with their state: each request is built by the
//! domain's own steps (dispatch, accept, complete, cancel), so an imported request has the
//! history one typed in the program would have. A done request gives its taker a 菜单服务
//! row on the card, as completing it in the program does — unless the card already holds
//! that service (same day, same content), which is then the request's row.
use std::collections::HashMap;

use super::Progress;
use super::members::tick;
use super::plan::Planner;
use super::who::{Named, member_in};
use crate::domain::demand::BadStep;
use crate::domain::{Choice, Demand, DemandEvent, DemandStatus, DispatchTarget, Id, ServiceRecord};
use crate::i18n::tf;
use crate::interchange::rows_care::DemandRow;
use crate::store::StoreError;

pub fn plan_demands(
    p: &mut Planner<'_>,
    rows: Vec<(usize, DemandRow)>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), StoreError> {
    let dup_rows = p.duplicates_in_file(
        rows.iter().map(|(r, d)| {
            (
                *r,
                (
                    d.community.clone(),
                    d.requester.clone(),
                    d.content.clone(),
                    d.asked_on,
                ),
            )
        }),
        "content",
        "import.ledger.dup_record_file",
    );
    let mut known: HashMap<Id, Vec<Demand>> = HashMap::new();
    let total = rows.len();
    for (i, (row, d)) in rows.into_iter().enumerate() {
        tick(progress, i + 1, total);
        if dup_rows.contains(&row) {
            continue;
        }
        let Some(community) = p.community(row, d.community.as_deref()) else {
            continue;
        };
        let taker = match &d.taker {
            Some(w) => {
                let named = Named {
                    name: &w.name,
                    mobile: w.mobile.as_deref(),
                    unit: w.unit.as_deref(),
                    key: "taker",
                };
                match member_in(p, row, community, &named) {
                    Some(m) => Some(m),
                    None => continue,
                }
            }
            None => None,
        };
        let target = d.dispatched_to.as_deref().map(|text| {
            // A post of the community, else the member who took it (by name), else a team.
            let to_taker = taker.filter(|_| d.taker.as_ref().is_some_and(|w| w.name == text));
            match (p.dir.posts_named(community, text), to_taker) {
                ([post, ..], _) => DispatchTarget::Post(post.id),
                ([], Some(m)) => DispatchTarget::Member(m),
                ([], None) => DispatchTarget::Team(text.to_string()),
            }
        });
        let of_community = match known.entry(community) {
            std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(p.view.demands_of_community(community)?)
            }
        };
        let existing = of_community
            .iter()
            .find(|x| {
                x.requester == d.requester && x.content == d.content && x.asked_on == d.asked_on
            })
            .cloned();
        let id = match &existing {
            None => Id::new(),
            Some(old) if p.on_duplicate(row, "content", old.id) => old.id,
            Some(_) => continue,
        };
        let mut demand = Demand {
            id,
            community,
            kind: d.kind,
            requester: d.requester.clone(),
            contact: d.contact.clone().unwrap_or_default(),
            content: d.content.clone(),
            asked_on: d.asked_on,
            due: d.due,
            target: None,
            accepted_by: None,
            status: DemandStatus::Open,
            done_on: None,
            cancel_reason: String::new(),
            service: None,
            history: vec![DemandEvent {
                on: d.asked_on,
                status: DemandStatus::Open,
                note: String::new(),
            }],
        };
        // The row already written for a done request: by an earlier import of it, or on
        // the member's card (the services sheet of the same workbook, typed by hand).
        let mut kept = existing.as_ref().and_then(|x| x.service);
        if let (DemandStatus::Done, Some(m), Some(done), None) = (d.status, taker, d.done_on, kept)
        {
            kept = p
                .view
                .services_of_member(m, Some(done), Some(done))?
                .into_iter()
                .find(|s| !s.archived && s.content.trim() == d.content.trim())
                .map(|s| s.id);
        }
        let service = match steps(&mut demand, &d, target, taker, kept) {
            Ok(s) => s,
            Err(e) => {
                let label = d.status.label(p.lang());
                let msg = tf(p.lang(), "import.ledger.demand_step", &[&label, &e]);
                p.plan.issue(row, "status", msg);
                continue;
            }
        };
        match existing {
            None => p.plan.add(row, demand.into()),
            Some(old) if old != demand => p.plan.update(row, demand.into()),
            Some(_) => {}
        }
        if let Some(s) = service {
            p.plan.add(row, s.into());
        }
    }
    Ok(())
}

/// Takes `demand` from open to the row's state through the domain's steps; returns the
/// service row to add when it is done and no row (`kept`) is there for it yet.
fn steps(
    demand: &mut Demand,
    d: &DemandRow,
    target: Option<DispatchTarget>,
    taker: Option<Id>,
    kept: Option<Id>,
) -> Result<Option<ServiceRecord>, BadStep> {
    let on = d.asked_on;
    let target = target.or(match (d.status, taker) {
        (DemandStatus::Dispatched, Some(m)) => Some(DispatchTarget::Member(m)),
        _ => None,
    });
    if let Some(t) = target {
        demand.dispatch(t, on)?;
    }
    if d.status != DemandStatus::Dispatched
        && let Some(m) = taker
    {
        demand.accept(m, on)?;
    }
    let mut added = None;
    match (d.status, taker, d.done_on) {
        (DemandStatus::Done, Some(m), Some(done)) => {
            let service = match kept {
                Some(id) => id,
                None => {
                    let mut row = demand.service_row(Id::new(), m, done);
                    if let Some(h) = d.hours {
                        row.hours = h;
                    }
                    let id = row.id;
                    added = Some(row);
                    id
                }
            };
            demand.complete(service, done)?;
        }
        (DemandStatus::Cancelled, ..) => {
            let reason = d.cancel_reason.as_deref().unwrap_or_default();
            demand.cancel(reason, d.done_on.unwrap_or(on))?;
        }
        _ => {}
    }
    Ok(added)
}
