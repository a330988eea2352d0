//! The year-end figures, gathered from a ledger snapshot and judged by [`crate::domain::rules`]:
//! one member's year, a community's session list, the readiness lists before the session, and
//! the province-wide per-unit statistics.
//!
//! Reads through [`View`] only, and uses the running totals, so no figure here scans the
//! service rows.
pub mod readiness;
pub mod units;

use chrono::NaiveDate;

use crate::domain::rules::reporting::{YearSpan, year_registrations};
use crate::domain::rules::{Assessment, MemberYear, assess};
use crate::domain::*;
use crate::i18n::Lang;
use crate::store::{StoreError, View};

/// The facts of one member's year as they stood in that year (to its end, or to `today` while
/// it runs), from the registrations, totals and pairings. `None` when the member was not in
/// the programme that year (every slip came after it).
pub fn member_year(
    view: &View,
    m: &Member,
    year: i32,
    today: NaiveDate,
) -> Result<Option<MemberYear>, StoreError> {
    let span = YearSpan::new(year, today);
    let history = view.registrations_of_member(m.id)?;
    let Some(regs) = year_registrations(&history, &span) else {
        return Ok(None);
    };
    let mut posts = 0;
    if regs.reporting.is_reported() {
        for p in regs.counted.iter().flat_map(|r| r.posts.iter()) {
            // A post counts while it is in use: a withdrawn (archived) post, or a claim that
            // points at no post, does not (README "Rules").
            if view.get::<Post>(*p)?.is_some_and(|p| !p.archived) {
                posts += 1;
            }
        }
    }
    let pending_move = match &regs.pending {
        Some(r) => Some((
            view.get::<Community>(r.community)?
                .map(|c| c.name)
                .unwrap_or_default(),
            r.report_by,
        )),
        None => None,
    };
    let pairings = view
        .pairings_of_member(m.id)?
        .iter()
        .filter(|p| p.since <= span.end && p.ended_on.is_none_or(|e| e >= span.start))
        .count();
    Ok(Some(MemberYear {
        year,
        standing: m.standing,
        reporting: regs.reporting,
        registration: regs.counted,
        posts,
        moved_in_year: regs.moved_in_year,
        pending_move,
        totals: view.member_totals(m.id, year)?,
        pairings,
    }))
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

impl SessionRow {
    /// The community grades this member (it proposes a grade), or one was recorded anyway.
    pub fn to_grade(&self) -> bool {
        self.assessment.graded() || self.evaluation.is_some()
    }
}

/// Every current member of a community who was in the programme that year, with the year
/// assessed, in roster order (by name).
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
        let Some(facts) = member_year(view, &m, year, today)? else {
            continue;
        };
        let assessment = assess(&facts, &settings, lang);
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

/// Tally of grades recorded in a session (优秀, 合格, 基本合格, 不合格, not yet graded),
/// over the members the community grades.
pub fn tally(rows: &[SessionRow]) -> [usize; 5] {
    let mut t = [0; 5];
    for r in rows.iter().filter(|r| r.to_grade()) {
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
