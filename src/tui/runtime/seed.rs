//! What opening a form needs from the ledger: the record being edited with the names of what
//! it points at, a member's current registration, a unit's members for its slips, the overdue
//! slips, a community's service history for completion. The runtime reads a [`SeedReq`] in one
//! snapshot ([`load`]) and `update` opens the form from the [`Seed`] (both defined with data
//! entry).
//!
//! Owns: those reads. Must not touch: the app's state, writing.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::*;
use crate::smart_input::history::Completions;
use crate::store::{StoreError, View};
use crate::tui::entry::seed::{OverdueLine, Seed, SeedReq};

fn missing(kind: Kind, id: Id) -> StoreError {
    StoreError::NotFound {
        kind: kind.name(),
        id: id.to_string(),
    }
}

fn record(view: &View, kind: Kind, id: Id) -> Result<Record, StoreError> {
    let r: Option<Record> = match kind {
        Kind::Community => view.get::<Community>(id)?.map(Into::into),
        Kind::Unit => view.get::<Unit>(id)?.map(Into::into),
        Kind::Member => view.get::<Member>(id)?.map(Into::into),
        Kind::Registration => view.get::<Registration>(id)?.map(Into::into),
        Kind::Post => view.get::<Post>(id)?.map(Into::into),
        Kind::Service => view.get::<ServiceRecord>(id)?.map(Into::into),
        Kind::Household => view.get::<Household>(id)?.map(Into::into),
        Kind::Pairing => view.get::<Pairing>(id)?.map(Into::into),
        Kind::Suggestion => view.get::<Suggestion>(id)?.map(Into::into),
        Kind::Meeting => view.get::<JointMeeting>(id)?.map(Into::into),
        Kind::UnitService => view.get::<UnitService>(id)?.map(Into::into),
        Kind::Demand => view.get::<Demand>(id)?.map(Into::into),
        _ => None,
    };
    r.ok_or_else(|| missing(kind, id))
}

/// The names of the records `r` points at, for its reference fields.
fn names_of(view: &View, r: &Record) -> Result<HashMap<Id, String>, StoreError> {
    let mut units: Vec<Id> = Vec::new();
    let mut communities: Vec<Id> = Vec::new();
    let mut posts: Vec<Id> = Vec::new();
    let mut members: Vec<Id> = Vec::new();
    let mut households: Vec<Id> = Vec::new();
    match r {
        Record::Member(m) => {
            units.extend(m.unit);
            communities.extend(m.community);
        }
        Record::Unit(u) => communities.extend(u.paired_community),
        Record::Registration(x) => posts.extend(x.posts.iter().copied()),
        Record::Meeting(m) => units.extend(m.units.iter().copied()),
        Record::UnitService(s) => communities.push(s.community),
        Record::Service(s) => households.extend(s.household),
        Record::Pairing(p) => {
            members.push(p.member);
            households.push(p.household);
        }
        _ => {}
    }
    let mut names = HashMap::new();
    for m in members {
        if let Some(x) = view.get::<Member>(m)? {
            names.insert(m, x.name);
        }
    }
    for h in households {
        if let Some(x) = view.get::<Household>(h)? {
            names.insert(h, x.name);
        }
    }
    for u in units {
        if let Some(x) = view.get::<Unit>(u)? {
            names.insert(u, x.name);
        }
    }
    for c in communities {
        if let Some(x) = view.get::<Community>(c)? {
            names.insert(c, x.name);
        }
    }
    for p in posts {
        if let Some(x) = view.get::<Post>(p)? {
            names.insert(p, x.name);
        }
    }
    Ok(names)
}

pub fn load(view: &View, req: &SeedReq, today: NaiveDate) -> Result<Seed, StoreError> {
    Ok(match req {
        SeedReq::Edit(kind, id) => {
            let record = record(view, *kind, *id)?;
            Seed::Edit {
                names: names_of(view, &record)?,
                record,
            }
        }
        SeedReq::Archive(kind, id) => Seed::Archive(record(view, *kind, *id)?),
        SeedReq::Registration(member, step) => {
            let m: Member = view
                .get(*member)?
                .ok_or_else(|| missing(Kind::Member, *member))?;
            let registration = view.current_registration(*member)?;
            let names = match &registration {
                Some(r) => names_of(view, &Record::Registration(r.clone()))?,
                None => HashMap::new(),
            };
            Seed::Registration {
                step: *step,
                member: m,
                registration,
                names,
            }
        }
        SeedReq::Slips(unit) => {
            let u: Unit = view.get(*unit)?.ok_or_else(|| missing(Kind::Unit, *unit))?;
            let mut members = Vec::new();
            for m in view.members_of_unit(*unit)? {
                if m.archived {
                    continue;
                }
                let status = view.current_registration(m.id)?.map(|r| r.status(today));
                members.push((m, status));
            }
            Seed::Slips { unit: u, members }
        }
        SeedReq::Overdue => {
            let mut lines = Vec::new();
            for r in view.overdue_registrations(today)? {
                if !r.is_current() {
                    continue;
                }
                let member = view.get::<Member>(r.member)?;
                let unit = match member.as_ref().and_then(|m| m.unit) {
                    Some(u) => view.get::<Unit>(u)?.map(|u| u.name).unwrap_or_default(),
                    None => String::new(),
                };
                lines.push(OverdueLine {
                    member: member.map(|m| m.name).unwrap_or_default(),
                    community: view
                        .get::<Community>(r.community)?
                        .map(|c| c.name)
                        .unwrap_or_default(),
                    unit,
                    registration: r,
                });
            }
            lines.sort_by_key(|l| l.registration.report_by);
            Seed::Overdue(lines)
        }
        SeedReq::Completions(community) => {
            // Two years of history complete what clerks type now; a province-sized community
            // need not be read back to its first year.
            let since = today - chrono::Duration::days(730);
            let rows = view.services_of_community(*community, Some(since), None)?;
            Seed::Completions(*community, Box::new(Completions::from_rows(&rows)))
        }
    })
}
