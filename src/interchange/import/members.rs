//! Planning a roster (附件4: a member and their registration per row) and a file of 报到单
//! (registrations of members already on file).
use std::collections::{HashMap, HashSet};

use super::directory::MemberRef;
use super::plan::Planner;
use super::{OnDuplicate, Progress, Sheet};
use crate::domain::{Id, Member, Registration, YearMonth};
use crate::i18n::tf;
use crate::interchange::rows::{MemberRow, RegistrationRow};
use crate::store::StoreError;

/// How often planning reports progress (rows).
pub(super) const PROGRESS_EVERY: usize = 5_000;

pub(super) fn tick(progress: &mut dyn FnMut(Progress), done: usize, total: usize) {
    if done.is_multiple_of(PROGRESS_EVERY) || done == total {
        progress(Progress {
            stage: "import.stage.check",
            done,
            total,
        });
    }
}

/// Fills `m` with what the row says; cells left blank keep what `m` had, so an update never
/// wipes what the file does not carry.
fn fill_member(m: &mut Member, row: &MemberRow, unit: Option<(Id, String)>) {
    m.name = row.name.clone();
    let text = |dst: &mut String, src: &Option<String>| {
        if let Some(s) = src {
            *dst = s.clone();
        }
    };
    if row.gender.is_some() {
        m.gender = row.gender;
    }
    if row.birth.is_some() {
        m.birth = row.birth;
    }
    if row.joined.is_some() {
        m.joined = row.joined;
    }
    if row.standing.is_some() {
        m.standing = row.standing;
    }
    text(&mut m.ethnicity, &row.ethnicity);
    text(&mut m.education, &row.education);
    text(&mut m.specialties, &row.specialty);
    text(&mut m.hobbies, &row.hobbies);
    text(&mut m.address, &row.address);
    text(&mut m.unit_phone, &row.unit_phone);
    text(&mut m.mobile, &row.mobile);
    text(&mut m.project, &row.service_project);
    text(&mut m.team, &row.service_team);
    if let Some(w) = row.willing_other {
        m.willing_other = w;
    }
    if let Some((id, position)) = unit {
        m.unit = Some(id);
        if !position.is_empty() {
            m.position = position;
        }
    }
}

/// 附件4: one member and one registration per row (rows already through [`SamePerson`]).
pub fn plan_members(
    p: &mut Planner<'_>,
    rows: Vec<(usize, MemberRow)>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), StoreError> {
    let total = rows.len();
    // A member and a registration a row, in one allocation rather than grown by doubling.
    p.plan.steps.reserve(2 * total);
    for (i, (row, m)) in rows.into_iter().enumerate() {
        tick(progress, i + 1, total);
        plan_member_row(p, row, &m)?;
    }
    Ok(())
}

/// Rows that are one person twice — the same mobile, or the same name and birth month —
/// under the `--on-duplicate` rules for the ledger's own duplicates: the later row is
/// skipped (listed, naming the earlier one), merged into the earlier one (`update`: the
/// cells it fills in win), or refused (`error`). Offered rows as they are read, it keeps
/// only the first of each person, so a file of one person repeated costs one row.
#[derive(Default)]
pub struct SamePerson {
    pub rows: Vec<(usize, MemberRow)>,
    by_mobile: HashMap<String, usize>,
    by_birth: HashMap<(String, YearMonth), usize>,
}

impl SamePerson {
    pub fn offer(&mut self, p: &mut Planner<'_>, row: usize, m: MemberRow) {
        let same_mobile = m
            .mobile
            .as_ref()
            .and_then(|x| self.by_mobile.get(x))
            .copied();
        let same_birth = m
            .birth
            .and_then(|b| self.by_birth.get(&(m.name.clone(), b)))
            .copied();
        let Some(earlier) = same_mobile.or(same_birth) else {
            let at = self.rows.len();
            if let Some(x) = &m.mobile {
                self.by_mobile.insert(x.clone(), at);
            }
            if let Some(b) = m.birth {
                self.by_birth.insert((m.name.clone(), b), at);
            }
            self.rows.push((row, m));
            return;
        };
        let first_row = self.rows[earlier].0;
        let why = if same_mobile.is_some() {
            tf(p.lang(), "import.ledger.same_mobile", &[])
        } else {
            tf(p.lang(), "import.ledger.same_birth", &[])
        };
        match p.opts.on_duplicate {
            OnDuplicate::Skip => {
                let note = tf(
                    p.lang(),
                    "import.ledger.skipped_in_file",
                    &[&first_row, &why],
                );
                p.plan.skip(row, note);
            }
            OnDuplicate::Update => {
                self.rows[earlier].1.merge(m);
                let note = tf(
                    p.lang(),
                    "import.ledger.merged_in_file",
                    &[&first_row, &why],
                );
                p.plan.skip(row, note);
            }
            OnDuplicate::Error => {
                let key = if same_mobile.is_some() {
                    "mobile"
                } else {
                    "name"
                };
                let msg = tf(p.lang(), "import.ledger.dup_in_file", &[&first_row, &why]);
                p.plan.issue(row, key, msg);
            }
        }
    }
}

fn plan_member_row(p: &mut Planner<'_>, row: usize, m: &MemberRow) -> Result<(), StoreError> {
    let Some(community) = p.community(row, m.community.as_deref()) else {
        return Ok(());
    };
    let mobile = m.mobile.clone().unwrap_or_default();
    let existing: Vec<MemberRef> = p.dir.member_exact(&m.name, &mobile);
    // Decide about a duplicate before anything else, so a skipped row creates no unit.
    let update = match existing.as_slice() {
        [] => None,
        [one] if p.on_duplicate(row, "name", one.id) => Some(one.id),
        [_] => return Ok(()),
        many => {
            let ids: Vec<String> = many.iter().map(|r| r.id.to_string()).collect();
            let msg = tf(
                p.lang(),
                "import.ledger.ambiguous",
                &[&m.name, &ids.join("；")],
            );
            p.plan.issue(row, "name", msg);
            return Ok(());
        }
    };
    let unit = match &m.unit_position {
        Some(text) => match p.unit(row, "unit_position", text, m.unit_kind) {
            Some(u) => Some(u),
            None => return Ok(()),
        },
        None => None,
    };
    let Some(posts) = p.posts(row, community, &m.posts) else {
        return Ok(());
    };
    let new_registration = |member: Id| Registration {
        id: Id::new(),
        member,
        community,
        unit: unit.as_ref().map(|u| u.0),
        reported_on: m.reported_on,
        posts: posts.clone(),
        team: m.service_team.clone().unwrap_or_default(),
        ..Default::default()
    };
    // A reported row without a post comes in as printed (附件4 has no post column): the
    // year's rules show the member lacking a post, and readiness lists them.
    let Some(id) = update else {
        let mut member = Member {
            id: Id::new(),
            community: Some(community),
            ..Default::default()
        };
        fill_member(&mut member, m, unit.clone());
        let r = new_registration(member.id);
        p.plan.add(row, member.into());
        p.plan.add(row, r.into());
        return Ok(());
    };
    let Some(mut member) = p.view.get::<Member>(id)? else {
        return Ok(());
    };
    let before = member.clone();
    fill_member(&mut member, m, unit.clone());
    let registration = match p.view.current_registration(id)? {
        Some(r) if r.community != community => {
            moved_issue(p, row, r.community);
            return Ok(());
        }
        Some(mut r) => {
            let was = r.clone();
            merge_registration(&mut r, unit.as_ref().map(|u| u.0), m, &posts);
            (r != was).then_some((r, true))
        }
        None => {
            member.community = Some(community);
            Some((new_registration(member.id), false))
        }
    };
    if member != before {
        p.plan.update(row, member.into());
    }
    match registration {
        Some((r, true)) => p.plan.update(row, r.into()),
        Some((r, false)) => p.plan.add(row, r.into()),
        None => {}
    }
    Ok(())
}

fn merge_registration(r: &mut Registration, unit: Option<Id>, m: &MemberRow, posts: &[Id]) {
    if m.reported_on.is_some() {
        r.reported_on = m.reported_on;
    }
    if !posts.is_empty() {
        r.posts = posts.to_vec();
    }
    if let Some(t) = &m.service_team {
        r.team = t.clone();
    }
    if unit.is_some() {
        r.unit = unit;
    }
}

fn moved_issue(p: &mut Planner<'_>, row: usize, other: Id) {
    let name = p
        .dir
        .communities
        .values()
        .flatten()
        .find(|c| c.id == other)
        .map(|c| c.name.clone())
        .unwrap_or_else(|| other.to_string());
    let msg = tf(p.lang(), "import.ledger.moved", &[&name]);
    p.plan.issue(row, "community", msg);
}

/// Finds the member a row of a services or registrations file means: by member id, else by
/// name and mobile, else by name alone, else by mobile alone. `None` after reporting.
pub(super) fn find_member(
    p: &mut Planner<'_>,
    row: usize,
    name: Option<&str>,
    mobile: Option<&str>,
    member_id: Option<&str>,
) -> Option<MemberRef> {
    let lang = p.lang();
    if let Some(text) = member_id {
        let found = text.parse::<Id>().ok().and_then(|id| p.dir.member(id));
        if found.is_none() {
            let msg = tf(lang, "import.ledger.member_id_missing", &[&text]);
            p.plan.issue(row, "member_id", msg);
        }
        return found;
    }
    let found = match (name, mobile) {
        (Some(n), m) => p.dir.members_named(n, m),
        (None, Some(m)) => p.dir.members_with_mobile(m),
        (None, None) => return None,
    };
    let who = name.unwrap_or_default();
    let with_mobile = mobile.map(|m| format!("（{m}）")).unwrap_or_default();
    match found.as_slice() {
        [one] => Some(*one),
        [] => {
            let msg = tf(lang, "import.ledger.member_missing", &[&who, &with_mobile]);
            p.plan.issue(row, "name", msg);
            None
        }
        many => {
            let msg = tf(lang, "import.ledger.member_ambiguous", &[&who, &many.len()]);
            p.plan.issue(row, "name", msg);
            None
        }
    }
}

/// 报到单: a registration per row for a member already on file.
pub fn plan_registrations(
    p: &mut Planner<'_>,
    rows: Vec<(usize, RegistrationRow)>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), StoreError> {
    debug_assert_eq!(p.sheet(), Sheet::Registrations);
    let mut resolved = Vec::with_capacity(rows.len());
    for (row, r) in rows {
        if let Some(m) = find_member(p, row, Some(&r.name), r.mobile.as_deref(), None) {
            resolved.push((row, m, r));
        }
    }
    let dup_rows: HashSet<usize> = p.duplicates_in_file(
        resolved.iter().map(|(row, m, _)| (*row, m.id)),
        "name",
        "import.ledger.dup_member_file",
    );
    let total = resolved.len();
    for (i, (row, m, r)) in resolved.into_iter().enumerate() {
        tick(progress, i + 1, total);
        if !dup_rows.contains(&row) {
            plan_registration_row(p, row, m, &r)?;
        }
    }
    Ok(())
}

fn plan_registration_row(
    p: &mut Planner<'_>,
    row: usize,
    who: MemberRef,
    r: &RegistrationRow,
) -> Result<(), StoreError> {
    let Some(community) = p.community(row, r.community.as_deref()) else {
        return Ok(());
    };
    // Decide about a duplicate before anything else, so a skipped row creates no unit.
    let current = match p.view.current_registration(who.id)? {
        Some(cur) if cur.community != community => {
            moved_issue(p, row, cur.community);
            return Ok(());
        }
        Some(cur) if !p.on_duplicate(row, "name", cur.id) => return Ok(()),
        other => other,
    };
    let unit = match &r.unit {
        Some(text) => match p.unit(row, "unit", text, None) {
            Some(u) => Some(u.0),
            None => return Ok(()),
        },
        None => None,
    };
    let Some(posts) = p.posts(row, community, &r.posts) else {
        return Ok(());
    };
    let (mut reg, update) = match current {
        Some(cur) => (cur, true),
        None => (
            Registration {
                id: Id::new(),
                member: who.id,
                community,
                ..Default::default()
            },
            false,
        ),
    };
    let was = reg.clone();
    if unit.is_some() {
        reg.unit = unit;
    }
    for (dst, src) in [
        (&mut reg.issued_on, r.issued_on),
        (&mut reg.report_by, r.report_by),
        (&mut reg.reported_on, r.reported_on),
        (&mut reg.receipt_on, r.receipt_on),
    ] {
        if src.is_some() {
            *dst = src;
        }
    }
    if !posts.is_empty() {
        reg.posts = posts;
    }
    if let Some(why) = &r.reason {
        reg.reason = why.clone();
    }
    if update {
        if reg != was {
            p.plan.update(row, reg.into());
        }
        return Ok(());
    }
    // The roster lists a member under their current community.
    if who.community != Some(community)
        && let Some(mut member) = p.view.get::<Member>(who.id)?
    {
        member.community = Some(community);
        p.plan.update(row, member.into());
    }
    p.plan.add(row, reg.into());
    Ok(())
}
