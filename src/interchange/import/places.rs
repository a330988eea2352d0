//! Planning 表1 (communities, each new one with the eight standard posts) and the list of
//! paired units.
use super::Progress;
use super::members::tick;
use super::plan::Planner;
use crate::domain::community::STANDARD_POSTS;
use crate::domain::{Community, Id, Post, Unit};
use crate::i18n::tf;
use crate::interchange::rows::{CommunityRow, UnitRow, split_list};
use crate::store::StoreError;

fn set(dst: &mut String, src: &Option<String>) {
    if let Some(s) = src {
        *dst = s.clone();
    }
}

/// What a row's name finds among the records already in the ledger.
enum Found<T> {
    New,
    Existing(T),
    /// Skipped: a duplicate the options say to skip, or a name shared by several records
    /// (the issue is recorded).
    Skip,
}

fn find_one<T: Clone>(
    p: &mut Planner<'_>,
    row: usize,
    name: &str,
    existing: &[T],
    id: impl Fn(&T) -> Id,
) -> Found<T> {
    match existing {
        [] => Found::New,
        [one] if p.on_duplicate(row, "name", id(one)) => Found::Existing(one.clone()),
        [_] => Found::Skip,
        many => {
            let ids: Vec<String> = many.iter().map(|r| id(r).to_string()).collect();
            let msg = tf(
                p.lang(),
                "import.ledger.ambiguous",
                &[&name, &ids.join("；")],
            );
            p.plan.issue(row, "name", msg);
            Found::Skip
        }
    }
}

/// 表1: a community per row. A new community gets the eight standard posts of 003 附件2, so
/// that members can claim a post as soon as the roster comes in.
pub fn plan_communities(
    p: &mut Planner<'_>,
    rows: Vec<(usize, CommunityRow)>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), StoreError> {
    let dup_rows = p.duplicates_in_file(
        rows.iter().map(|(r, c)| (*r, c.name.clone())),
        "name",
        "import.ledger.dup_name_in_file",
    );
    let total = rows.len();
    for (i, (row, c)) in rows.into_iter().enumerate() {
        tick(progress, i + 1, total);
        if dup_rows.contains(&row) {
            continue;
        }
        let existing: Vec<Community> = p.dir.communities_named(&c.name).to_vec();
        let mut community = match find_one(p, row, &c.name, &existing, |c| c.id) {
            Found::New => Community {
                id: Id::new(),
                name: c.name.clone(),
                ..Default::default()
            },
            Found::Existing(one) => one,
            Found::Skip => continue,
        };
        let before = community.clone();
        set(&mut community.county, &c.county);
        set(&mut community.street, &c.street);
        set(&mut community.secretary, &c.secretary);
        set(&mut community.phone, &c.phone);
        set(&mut community.address, &c.address);
        set(&mut community.service_day, &c.service_day);
        if existing.is_empty() {
            let id = community.id;
            p.plan.add(row, community.into());
            for name in STANDARD_POSTS {
                let post = Post {
                    id: Id::new(),
                    community: id,
                    name: name.to_string(),
                    ..Default::default()
                };
                p.dir.add_post(post.clone());
                p.plan.add(row, post.into());
            }
        } else if community != before {
            p.plan.update(row, community.into());
        }
    }
    Ok(())
}

/// Paired units with their contacts.
pub fn plan_units(
    p: &mut Planner<'_>,
    rows: Vec<(usize, UnitRow)>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), StoreError> {
    let dup_rows = p.duplicates_in_file(
        rows.iter().map(|(r, u)| (*r, u.name.clone())),
        "name",
        "import.ledger.dup_name_in_file",
    );
    let total = rows.len();
    for (i, (row, u)) in rows.into_iter().enumerate() {
        tick(progress, i + 1, total);
        if dup_rows.contains(&row) {
            continue;
        }
        let paired = match &u.paired_community {
            Some(name) => match p.community(row, Some(name)) {
                Some(id) => Some(id),
                None => continue,
            },
            None => None,
        };
        let existing: Vec<Unit> = p.dir.units_named(&u.name).to_vec();
        let mut unit = match find_one(p, row, &u.name, &existing, |u| u.id) {
            Found::New => Unit::named(u.name.clone()),
            Found::Existing(one) => one,
            Found::Skip => continue,
        };
        let before = unit.clone();
        if let Some(k) = u.kind {
            unit.kind = k;
        }
        set(&mut unit.address, &u.address);
        set(&mut unit.party_org, &u.party_org);
        set(&mut unit.contact_name, &u.contact);
        set(&mut unit.contact_phone, &u.phone);
        if let Some(l) = &u.liaison {
            unit.liaisons = split_list(l);
        }
        if paired.is_some() {
            unit.paired_community = paired;
        }
        if let Some(n) = u.member_total {
            unit.declared_members = n;
        }
        if existing.is_empty() {
            p.plan.add(row, unit.into());
        } else if unit != before {
            p.plan.update(row, unit.into());
        }
    }
    Ok(())
}
