//! Planning 结对帮扶: households in difficulty with the members paired with them, and the
//! visits (走访), each a 结对帮扶 service row of the visiting member pointing at the
//! household. A household is found by name within its community, or created once from the
//! first row that names it; a visit's member may be left out when the household has one
//! member paired with it.
use std::collections::HashMap;

use super::Progress;
use super::members::tick;
use super::plan::Planner;
use super::services::plan_service_rows;
use super::who::{Named, community_name, member_in};
use crate::domain::{
    Certification, CertifierRole, Choice, Household, HouseholdKind, Id, Pairing, ServiceKind,
    ServiceRecord,
};
use crate::i18n::{t, tf};
use crate::interchange::rows_care::{PairingRow, VisitRow};
use crate::interchange::rows_history::Who;
use crate::store::StoreError;

fn named<'a>(w: &'a Who, key: &'a str) -> Named<'a> {
    Named {
        name: &w.name,
        mobile: w.mobile.as_deref(),
        unit: w.unit.as_deref(),
        key,
    }
}

/// The household of `community` named `name`, if exactly one; reports none or several.
fn household(p: &mut Planner<'_>, row: usize, community: Id, name: &str) -> Option<Id> {
    match p.dir.households_named(community, name) {
        [one] => Some(*one),
        [] => {
            let msg = tf(
                p.lang(),
                "import.ledger.household_missing",
                &[&community_name(p, community), &name],
            );
            p.plan.issue(row, "household", msg);
            None
        }
        many => {
            let ids: Vec<String> = many.iter().map(Id::to_string).collect();
            p.ambiguous(row, "household", name, &ids);
            None
        }
    }
}

/// One pairing per row; a household named for the first time is added with it.
pub fn plan_pairings(
    p: &mut Planner<'_>,
    rows: Vec<(usize, PairingRow)>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), StoreError> {
    let dup_rows = p.duplicates_in_file(
        rows.iter().map(|(r, x)| {
            (
                *r,
                (x.community.clone(), x.household.clone(), x.who.clone().name),
            )
        }),
        "name",
        "import.ledger.dup_record_file",
    );
    // Households this file adds, by community and name.
    let mut added: HashMap<(Id, String), Id> = HashMap::new();
    let total = rows.len();
    for (i, (row, x)) in rows.into_iter().enumerate() {
        tick(progress, i + 1, total);
        if dup_rows.contains(&row) {
            continue;
        }
        let Some(community) = p.community(row, x.community.as_deref()) else {
            continue;
        };
        let Some(member) = member_in(p, row, community, &named(&x.who, "name")) else {
            continue;
        };
        let key = (community, x.household.clone());
        let known = p.dir.households_named(community, &x.household).to_vec();
        let household = match (added.get(&key), known.as_slice()) {
            (Some(id), _) => *id,
            (None, [one]) => *one,
            (None, []) => {
                let Some(kind) = x.household_kind else {
                    let kinds: Vec<&str> = HouseholdKind::ALL
                        .iter()
                        .map(|k| k.label(p.lang()))
                        .collect();
                    let msg = tf(
                        p.lang(),
                        "import.ledger.household_kind",
                        &[&x.household, &kinds.join("、")],
                    );
                    p.plan.issue(row, "household_kind", msg);
                    continue;
                };
                let h = Household {
                    id: Id::new(),
                    community,
                    name: x.household.clone(),
                    kind,
                    address: x.address.clone().unwrap_or_default(),
                    contact: x.contact.clone().unwrap_or_default(),
                    note: x.note.clone().unwrap_or_default(),
                    archived: false,
                };
                added.insert(key, h.id);
                let id = h.id;
                p.plan.add(row, h.into());
                id
            }
            (None, _) => match household(p, row, community, &x.household) {
                Some(id) => id,
                None => continue,
            },
        };
        let existing = if known.contains(&household) {
            p.view
                .pairings_of_household(household)?
                .into_iter()
                .find(|q| q.member == member)
        } else {
            None
        };
        let pairing = Pairing {
            id: Id::new(),
            household,
            member,
            plan: x.plan.clone().unwrap_or_default(),
            since: x.since,
            ended_on: x.ended_on,
        };
        match existing {
            None => p.plan.add(row, pairing.into()),
            Some(old) if p.on_duplicate(row, "name", old.id) => {
                let updated = Pairing {
                    id: old.id,
                    plan: x.plan.unwrap_or(old.plan.clone()),
                    ..pairing
                };
                if updated != old {
                    p.plan.update(row, updated.into());
                }
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// The member a visit row is about: the one it names, else the one member paired with the
/// household.
fn visitor(
    p: &mut Planner<'_>,
    row: usize,
    community: Id,
    household: Id,
    v: &VisitRow,
) -> Option<Id> {
    if let Some(w) = &v.who {
        return member_in(p, row, community, &named(w, "name"));
    }
    match p.dir.paired_with(household) {
        [one] => Some(*one),
        others => {
            let msg = tf(
                p.lang(),
                "import.ledger.visit_who",
                &[&v.household, &others.len()],
            );
            p.plan.issue(row, "name", msg);
            None
        }
    }
}

/// One 结对帮扶 service row per visit; the same visit twice (in the file, or on the card)
/// follows `--on-duplicate`.
pub fn plan_visits(
    p: &mut Planner<'_>,
    rows: Vec<(usize, VisitRow)>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), StoreError> {
    let mut planned: Vec<(usize, ServiceRecord)> = Vec::with_capacity(rows.len());
    let total = rows.len();
    for (i, (row, v)) in rows.into_iter().enumerate() {
        tick(progress, i + 1, total);
        let Some(community) = p.community(row, v.community.as_deref()) else {
            continue;
        };
        let Some(household) = household(p, row, community, &v.household) else {
            continue;
        };
        let Some(member) = visitor(p, row, community, household, &v) else {
            continue;
        };
        // The store's rule for a visit, said here with the row: the member was paired
        // with the household that day.
        if !p.dir.covers(household, member, v.date) {
            let msg = t(p.lang(), "err.not_paired").to_string();
            p.plan.issue(row, "date", msg);
            continue;
        }
        let Some(hours) = v.hours else {
            let msg = tf(p.lang(), "import.value.required", &[&""]);
            p.plan.issue(row, "hours", msg);
            continue;
        };
        // Signed by the person visited, or by whoever else the sheet names.
        let certification = v.certified_by.map(|name| Certification {
            role: if name == v.household {
                CertifierRole::Served
            } else {
                CertifierRole::PartyOrg
            },
            name,
            on: v.date,
        });
        planned.push((
            row,
            ServiceRecord {
                id: Id::new(),
                member,
                community,
                date: v.date,
                content: v.content,
                place: v.place.unwrap_or_default(),
                hours,
                rating: v.rating,
                kind: ServiceKind::Pairing,
                certification,
                activity: None,
                demand: None,
                household: Some(household),
                archived: false,
            },
        ));
    }
    plan_service_rows(p, planned)
}
