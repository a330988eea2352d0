//! The year-end figures, gathered from a ledger snapshot and judged by [`crate::domain::rules`]:
//! one member's year, a community's session list, and the province-wide per-unit statistics.
//!
//! Reads through [`View`] only, and uses the running totals, so no figure here scans the
//! service rows.
pub mod units;

use chrono::{Datelike, NaiveDate};

use crate::domain::rules::{Assessment, MemberYear, assess};
use crate::domain::*;
use crate::i18n::Lang;
use crate::store::{StoreError, View};

/// The facts of one member's year, from the registrations, totals and pairings.
pub fn member_year(view: &View, m: &Member, year: i32) -> Result<MemberYear, StoreError> {
    let regs = view.registrations_of_member(m.id)?;
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    // The registration that counts for the year: the current one, else the last that ended
    // during or after the year.
    let current = regs.iter().rev().find(|r| r.is_current()).or_else(|| {
        regs.iter()
            .rev()
            .find(|r| r.ended_on.is_some_and(|e| e >= start))
    });
    let in_year = regs
        .iter()
        .filter(|r| {
            r.reported_on.is_some_and(|d| d <= end) && r.ended_on.is_none_or(|e| e >= start)
        })
        .count();
    let pairings = view
        .pairings_of_member(m.id)?
        .iter()
        .filter(|p| p.is_active())
        .count();
    Ok(MemberYear {
        year,
        standing: m.standing,
        reported_on: current.and_then(|r| r.reported_on).filter(|d| *d <= end),
        report_by: current.and_then(|r| r.report_by),
        reason: current.map(|r| r.reason.clone()).unwrap_or_default(),
        posts: current.map(|r| r.posts.len()).unwrap_or(0),
        moved_in_year: in_year > 1
            || regs
                .iter()
                .any(|r| r.ended_on.is_some_and(|e| e.year() == year)),
        totals: view.member_totals(m.id, year)?,
        pairings,
    })
}

/// One member of a community's session: the member, the facts, the rules' verdict and the
/// grade recorded so far.
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub member: Member,
    pub year: MemberYear,
    pub assessment: Assessment,
    pub evaluation: Option<Evaluation>,
}

/// Every current member of a community with the year assessed, in roster order (by name).
pub fn community_session(
    view: &View,
    community: Id,
    year: i32,
    today: NaiveDate,
    lang: Lang,
) -> Result<Vec<SessionRow>, StoreError> {
    let settings = view.settings()?;
    let evaluations = view.evaluations_of_community(community, year)?;
    let mut members = view.members_of_community(community)?;
    members.retain(|m| !m.archived);
    members.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    let mut rows = Vec::with_capacity(members.len());
    for m in members {
        let facts = member_year(view, &m, year)?;
        let assessment = assess(&facts, &settings, today, lang);
        let evaluation = evaluations.iter().find(|e| e.member == m.id).cloned();
        rows.push(SessionRow {
            member: m,
            year: facts,
            assessment,
            evaluation,
        });
    }
    Ok(rows)
}

/// Tally of grades recorded in a session (优秀, 合格, 基本合格, 不合格, not yet graded).
pub fn tally(rows: &[SessionRow]) -> [usize; 5] {
    let mut t = [0; 5];
    for r in rows {
        let i = match r.evaluation.as_ref().map(|e| e.grade) {
            Some(Grade::Excellent) => 0,
            Some(Grade::Qualified) => 1,
            Some(Grade::Basic) => 2,
            Some(Grade::Unqualified) => 3,
            None => 4,
        };
        t[i] += 1;
    }
    t
}
