//! Reading what the screen shows from one ledger snapshot ([`View`]).
//!
//! Each function reads only what one pane or one detail needs, through the store's indexes:
//! a community's members are found by the community index, a member's figures come from the
//! running year totals, never from scanning service rows. That keeps the first frame fast on
//! a province-sized ledger, where no list is read whole (the communities' and units' ids are
//! listed, their lines read for the rows on screen).
//!
//! Owns: turning store records into [`crate::tui::data`] rows. Must not touch: the app's state,
//! drawing, writing to the ledger.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::domain::{
    Community, Household, Id, Member, Post, ServiceRecord, Unit, UnitTally, unit_position,
};
use crate::store::{StoreError, View};
use crate::tui::data::*;

/// Lines of the communities read with the list, enough for the tallest first screen.
const FIRST_LINES: usize = 100;

/// The ids of the communities listed (`communities`, archived ones left out), the lines of
/// the first of them and the ledger's settings.
pub fn ledger(view: &View, communities: Vec<Id>) -> Result<LedgerData, StoreError> {
    let first = community_rows(view, &communities[..communities.len().min(FIRST_LINES)])?
        .into_iter()
        .filter_map(|(_, r)| r)
        .collect();
    Ok(LedgerData {
        generation: view.generation()?,
        communities: communities.into_iter().map(CommunityEntry).collect(),
        first,
        settings: view.settings()?,
    })
}

/// The lines of `communities` (the ones on screen); `None` for one archived or gone, which
/// the list then drops.
pub fn community_rows(
    view: &View,
    communities: &[Id],
) -> Result<Vec<(Id, Option<CommunityRow>)>, StoreError> {
    let mut out = Vec::with_capacity(communities.len());
    for id in communities {
        let row = match view.get::<Community>(*id)? {
            Some(c) if !c.archived => Some(CommunityRow {
                id: c.id,
                name: c.name,
                street: c.street,
            }),
            _ => None,
        };
        out.push((*id, row));
    }
    Ok(out)
}

/// Names of units, looked up once each while one payload is built.
struct UnitNames<'v> {
    view: &'v View,
    names: HashMap<Id, String>,
}

impl UnitNames<'_> {
    fn get(&mut self, id: Option<Id>) -> Result<String, StoreError> {
        let Some(id) = id else {
            return Ok(String::new());
        };
        if let Some(n) = self.names.get(&id) {
            return Ok(n.clone());
        }
        let name = self
            .view
            .get::<Unit>(id)?
            .map(|u| u.name)
            .unwrap_or_default();
        self.names.insert(id, name.clone());
        Ok(name)
    }
}

/// One community's current members (with this year's certified hours) and its posts (with
/// how many of those members claimed each).
pub fn community(
    view: &View,
    community: Id,
    today: NaiveDate,
    year: i32,
) -> Result<CommunityData, StoreError> {
    let mut units = UnitNames {
        view,
        names: HashMap::new(),
    };
    let mut members = Vec::new();
    for m in view.members_of_community(community)? {
        if m.archived {
            continue;
        }
        let reg = view.current_registration(m.id)?;
        let totals = view.member_totals(m.id, year)?;
        members.push(MemberRow {
            id: m.id,
            unit: units.get(m.unit)?,
            name: m.name,
            mobile: m.mobile,
            status: reg.as_ref().map(|r| r.status(today)),
            certified_halves: totals.certified_halves,
            posts: reg.map(|r| r.posts).unwrap_or_default(),
        });
    }
    let mut holders: HashMap<Id, usize> = HashMap::new();
    for m in &members {
        for p in &m.posts {
            *holders.entry(*p).or_default() += 1;
        }
    }
    let posts = view
        .posts_of_community(community)?
        .into_iter()
        .filter(|p| !p.archived)
        .map(|p| PostRow {
            holders: holders.get(&p.id).copied().unwrap_or(0),
            id: p.id,
            name: p.name,
            time: p.time,
            place: p.place,
        })
        .collect();
    Ok(CommunityData {
        generation: view.generation()?,
        community,
        members,
        posts,
    })
}

/// A member's service card: every row on file, oldest first, archived rows left out.
pub fn card(view: &View, member: Id) -> Result<CardData, StoreError> {
    let rows = view
        .services_of_member(member, None, None)?
        .into_iter()
        .filter(|s| !s.archived)
        .map(|s| ServiceRow {
            id: s.id,
            date: s.date,
            content: s.content,
            place: s.place,
            hours: s.hours,
            rating: s.rating,
            kind: s.kind,
            certified_by: s.certification.map(|c| c.name),
            household: s.household,
        })
        .collect();
    let mut paired: Vec<(Id, String)> = Vec::new();
    for p in view.pairings_of_member(member)? {
        if p.is_active()
            && !paired.iter().any(|(h, _)| *h == p.household)
            && let Some(h) = view.get::<crate::domain::Household>(p.household)?
            && !h.archived
        {
            paired.push((h.id, h.name));
        }
    }
    Ok(CardData {
        generation: view.generation()?,
        member,
        rows,
        paired,
    })
}

/// The lines of `units` (the ones on screen): each unit with its paired community's name
/// and its figures; `None` for a unit archived or gone, which the list then drops (the search
/// index it is listed from keeps archived units' records).
pub fn unit_rows(
    view: &View,
    units: &[Id],
    today: NaiveDate,
) -> Result<Vec<(Id, Option<UnitRow>)>, StoreError> {
    let mut out = Vec::with_capacity(units.len());
    for id in units {
        let row = match view.get::<Unit>(*id)? {
            Some(u) if !u.archived => Some(UnitRow {
                id: u.id,
                paired_community: match u.paired_community {
                    Some(c) => community_name(view, c)?,
                    None => String::new(),
                },
                stats: one_unit_stats(view, u.id, today)?,
                name: u.name,
                kind: u.kind,
                declared: u.declared_members,
            }),
            _ => None,
        };
        out.push((*id, row));
    }
    Ok(out)
}

/// A unit's figures this year from its stored tally: the same counts as 附件3
/// (`evaluate::units`), one row read per unit.
fn one_unit_stats(view: &View, unit: Id, today: NaiveDate) -> Result<UnitStats, StoreError> {
    let tally = match view.unit_tally(unit)? {
        Some(t) => t,
        // A ledger one schema older, read as it is: the unit's members counted the same way.
        None => {
            let mut t = UnitTally::default();
            for m in view.members_of_unit(unit)? {
                let current = view.current_registration(m.id)?;
                if let Some((_, state)) = unit_position(&m, current.as_ref()) {
                    t.add(state, 1);
                }
            }
            t
        }
    };
    let year = tally.year(today.year());
    Ok(UnitStats {
        on_file: year.on_file as usize,
        reported: year.reported as usize,
    })
}

fn community_name(view: &View, id: Id) -> Result<String, StoreError> {
    Ok(view
        .get::<Community>(id)?
        .map(|c| c.name)
        .unwrap_or_default())
}

fn not_found(kind: &'static str, id: Id) -> StoreError {
    StoreError::NotFound {
        kind,
        id: id.to_string(),
    }
}

pub fn member_detail(
    view: &View,
    id: Id,
    today: NaiveDate,
    year: i32,
) -> Result<MemberDetail, StoreError> {
    let member: Member = view.get(id)?.ok_or_else(|| not_found("member", id))?;
    let unit = match member.unit {
        Some(u) => view.get::<Unit>(u)?,
        None => None,
    };
    let mut registrations = Vec::new();
    for r in view.registrations_of_member(id)? {
        registrations.push(RegistrationLine {
            community: community_name(view, r.community)?,
            registration: r,
        });
    }
    let mut posts = Vec::new();
    if let Some(current) = registrations
        .iter()
        .rev()
        .find(|r| r.registration.is_current())
    {
        for p in &current.registration.posts {
            if let Some(post) = view.get::<Post>(*p)? {
                posts.push(post.name);
            }
        }
    }
    let mut pairings = Vec::new();
    let ps = view.pairings_of_member(id)?;
    let visits: Vec<ServiceRecord> = if ps.is_empty() {
        Vec::new()
    } else {
        view.services_of_member(id, None, None)?
            .into_iter()
            .filter(|s| s.household.is_some() && !s.archived)
            .collect()
    };
    for p in ps {
        let mine: Vec<&ServiceRecord> = visits
            .iter()
            .filter(|s| s.household == Some(p.household) && p.covers(id, s.date))
            .collect();
        pairings.push(PairingLine {
            household: view.get::<Household>(p.household)?,
            visits: mine.len(),
            last_visit: mine.iter().map(|s| s.date).max(),
            pairing: p,
        });
    }
    Ok(MemberDetail {
        unit,
        registrations,
        posts,
        pairings,
        suggestions: view.suggestions_of_member(id)?,
        open_demands: view
            .demands_of_member(id)?
            .into_iter()
            .filter(|d| d.is_open())
            .collect(),
        evaluations: view.evaluations_of_member(id)?,
        today,
        year,
        totals: view.member_totals(id, year)?,
        settings: view.settings()?,
        member,
    })
}

pub fn community_detail(view: &View, id: Id) -> Result<CommunityDetail, StoreError> {
    let community: Community = view.get(id)?.ok_or_else(|| not_found("community", id))?;
    let posts = view
        .posts_of_community(id)?
        .into_iter()
        .filter(|p| !p.archived)
        .collect();
    let members = view
        .members_of_community(id)?
        .iter()
        .filter(|m| !m.archived)
        .count();
    Ok(CommunityDetail {
        community,
        posts,
        members,
    })
}

pub fn unit_detail(view: &View, id: Id, today: NaiveDate) -> Result<UnitDetail, StoreError> {
    let unit: Unit = view.get(id)?.ok_or_else(|| not_found("unit", id))?;
    let paired_community = match unit.paired_community {
        Some(c) => community_name(view, c)?,
        None => String::new(),
    };
    Ok(UnitDetail {
        stats: one_unit_stats(view, id, today)?,
        paired_community,
        settings: view.settings()?,
        unit,
    })
}

pub fn post_detail(view: &View, id: Id) -> Result<PostDetail, StoreError> {
    let post: Post = view.get(id)?.ok_or_else(|| not_found("post", id))?;
    let mut holders = Vec::new();
    for m in view.members_of_community(post.community)? {
        if !m.archived
            && view
                .current_registration(m.id)?
                .is_some_and(|r| r.posts.contains(&id))
        {
            holders.push(m.name);
        }
    }
    Ok(PostDetail { post, holders })
}

pub fn service_detail(view: &View, id: Id) -> Result<ServiceDetail, StoreError> {
    let record: ServiceRecord = view.get(id)?.ok_or_else(|| not_found("service", id))?;
    let member = view
        .get::<Member>(record.member)?
        .map(|m| m.name)
        .unwrap_or_default();
    Ok(ServiceDetail {
        community: community_name(view, record.community)?,
        member,
        record,
    })
}
