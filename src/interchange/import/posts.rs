//! Planning a community's 岗位 and 志愿服务队 from their lists.
use std::collections::HashMap;

use super::Progress;
use super::members::tick;
use super::plan::Planner;
use crate::domain::{Community, Id, Post, Team, TeamBasis};
use crate::interchange::rows_history::{PostRow, TeamRow};
use crate::store::StoreError;

/// 岗位: a post per row, new or (under `--on-duplicate update`) with its duties, time and
/// place replaced by the cells the row fills in.
pub fn plan_posts(
    p: &mut Planner<'_>,
    rows: Vec<(usize, PostRow)>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), StoreError> {
    let mut resolved = Vec::with_capacity(rows.len());
    for (row, r) in rows {
        if let Some(c) = p.community(row, r.community.as_deref()) {
            resolved.push((row, c, r));
        }
    }
    let dup_rows = p.duplicates_in_file(
        resolved
            .iter()
            .map(|(row, c, r)| (*row, (*c, r.name.clone()))),
        "name",
        "import.ledger.dup_name_in_file",
    );
    let total = resolved.len();
    for (i, (row, community, r)) in resolved.into_iter().enumerate() {
        tick(progress, i + 1, total);
        if dup_rows.contains(&row) {
            continue;
        }
        let existing = p.dir.posts_named(community, &r.name).first().cloned();
        let fill = |post: &mut Post| {
            for (dst, src) in [
                (&mut post.duties, &r.duties),
                (&mut post.time, &r.time),
                (&mut post.place, &r.place),
            ] {
                if let Some(s) = src {
                    *dst = s.clone();
                }
            }
        };
        match existing {
            None => {
                let mut post = Post {
                    id: Id::new(),
                    community,
                    name: r.name.clone(),
                    ..Default::default()
                };
                fill(&mut post);
                p.plan.add(row, post.into());
            }
            Some(old) if p.on_duplicate(row, "name", old.id) => {
                let mut post = old.clone();
                fill(&mut post);
                if post != old {
                    p.plan.update(row, post.into());
                }
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// 志愿服务队: the teams a list names are added to their community (one update of each
/// community, at its first row); a team already there is a duplicate under
/// `--on-duplicate` (update sets how it is grouped).
pub fn plan_teams(
    p: &mut Planner<'_>,
    rows: Vec<(usize, TeamRow)>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), StoreError> {
    let mut changed: Vec<(usize, Community)> = Vec::new();
    let mut at: HashMap<Id, usize> = HashMap::new();
    let mut named: HashMap<(Id, String), usize> = HashMap::new();
    let total = rows.len();
    for (i, (row, t)) in rows.into_iter().enumerate() {
        tick(progress, i + 1, total);
        let Some(community) = p.community(row, t.community.as_deref()) else {
            continue;
        };
        if let Some(first) = named.insert((community, t.name.clone()), row) {
            let msg = crate::i18n::tf(p.lang(), "import.ledger.dup_name_in_file", &[&first]);
            p.plan.issue(row, "name", msg);
            continue;
        }
        let slot = match at.get(&community) {
            Some(&k) => k,
            None => {
                let Some(c) = p.view.get::<Community>(community)? else {
                    continue;
                };
                changed.push((row, c));
                at.insert(community, changed.len() - 1);
                changed.len() - 1
            }
        };
        let c = &mut changed[slot].1;
        match c.teams.iter().position(|x| x.name == t.name) {
            None => c.teams.push(Team {
                name: t.name,
                basis: t.basis.unwrap_or(TeamBasis::Place),
            }),
            Some(k) => {
                let id = c.id;
                if p.on_duplicate(row, "name", id)
                    && let Some(b) = t.basis
                {
                    changed[slot].1.teams[k].basis = b;
                }
            }
        }
    }
    for (row, c) in changed {
        let before = p.view.get::<Community>(c.id)?;
        if before.as_ref() != Some(&c) {
            p.plan.update(row, c.into());
        }
    }
    Ok(())
}
