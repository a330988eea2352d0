//! The year's rules (DOMAIN.md "Rules"), computed from facts the ledger hands in: whether a
//! member reported and holds a post, services and suggestions against the minimums, points and
//! stars, the grade the rules propose, and whether the member is disqualified from awards. Also
//! a unit's reporting rate and half-year service, and a community's half-year joint meetings.
//!
//! Where a rule is read one way among several, the reading is in README "Rules".
//!
//! Pure functions over plain data: the same facts always give the same result, so a room can be
//! shown exactly why a grade is proposed.
use chrono::{Datelike, NaiveDate};

pub mod reporting;

use super::*;
use crate::i18n::{Lang, t, tf};
pub use reporting::{Reporting, YearSpan};

/// What the ledger knows of one member's year, as it stood in that year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MemberYear {
    pub year: i32,
    pub standing: Option<Standing>,
    /// Where the member stood on reporting ([`reporting::year_registrations`]).
    pub reporting: Reporting,
    /// The registration the year counts: the one reported on, or the one still to report on.
    pub registration: Option<Registration>,
    /// Posts in use (not withdrawn) claimed on the registration the year counts.
    pub posts: usize,
    /// Registered with more than one community during the year (moved).
    pub moved_in_year: bool,
    /// Moved within the year and not yet reported at the new community: its name and the
    /// new slip's deadline.
    pub pending_move: Option<(String, Option<NaiveDate>)>,
    pub totals: YearTotals,
    /// Pairings with households that ran during the year.
    pub pairings: usize,
}

/// One rule check, with its numbers for the room.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub rule: Rule,
    pub ok: bool,
    /// Met, with something the room should see (reported after the deadline).
    pub remark: bool,
    /// e.g. `认证服务 3 次 / 至少 2 次`
    pub detail: String,
}

impl Check {
    /// ✓ met, ! met with a remark, ✗ not met.
    pub fn mark(&self) -> &'static str {
        match (self.ok, self.remark) {
            (false, _) => "✗",
            (true, true) => "!",
            (true, false) => "✓",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    Reported,
    Post,
    Services,
    Suggestions,
}

impl Rule {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Rule::Reported => t(lang, "rule.reported"),
            Rule::Post => t(lang, "rule.post"),
            Rule::Services => t(lang, "rule.services"),
            Rule::Suggestions => t(lang, "rule.suggestions"),
        }
    }
}

/// The rules applied to one member's year.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub checks: Vec<Check>,
    pub points: f64,
    pub stars: u8,
    /// The grade the rules propose; `None` when the community does not grade the member (never
    /// reported to it, for a recorded reason or with the deadline not yet passed).
    pub proposed: Option<Grade>,
    /// Why the grade is proposed, or why the member is not graded, in the clerk's language.
    pub why: String,
    /// 取消当年评先评优资格 and why; `None` when not disqualified.
    pub disqualified: Option<String>,
    /// Notes the room should hear (moved mid-year, probationary member).
    pub notes: Vec<String>,
}

impl Assessment {
    pub fn all_met(&self) -> bool {
        self.checks.iter().all(|c| c.ok)
    }

    /// Whether the community grades this member at all.
    pub fn graded(&self) -> bool {
        self.proposed.is_some()
    }

    pub fn check(&self, rule: Rule) -> Option<&Check> {
        self.checks.iter().find(|c| c.rule == rule)
    }
}

/// Points (积分) from certified service only.
pub fn points(t: &YearTotals, f: &PointsFormula) -> f64 {
    let other_suggestions = t.suggestions.saturating_sub(t.suggestions_adopted);
    f.per_hour * t.certified_halves as f64 / 2.0
        + f.per_service * t.certified_services as f64
        + f.rating_excellent * t.rated_excellent as f64
        + f.rating_good * t.rated_good as f64
        + f.demand_done * t.demands_done as f64
        + f.suggestion_adopted * t.suggestions_adopted as f64
        + f.suggestion_other * other_suggestions as f64
}

/// How the member stood on reporting, in words: `2026-03-10 报到`, `逾期报到 1 天（…）`,
/// `报到期限未到（限 … 前）`, `逾期未报到（限 … 前），原因：…`.
pub fn reporting_text(r: &Reporting, lang: Lang) -> String {
    let with_reason = |text: String, reason: &str| {
        if reason.is_empty() {
            text
        } else {
            tf(lang, "rule.with_reason", &[&text, &reason])
        }
    };
    match r {
        Reporting::Reported {
            on,
            by: Some(by),
            late_days: Some(days),
        } => tf(lang, "rule.reported_late", &[days, on, by]),
        Reporting::Reported { on, .. } => tf(lang, "rule.reported_on", &[on]),
        Reporting::Due { by: Some(by), .. } => with_reason(tf(lang, "rule.due", &[by]), r.reason()),
        Reporting::Due { by: None, .. } => {
            with_reason(t(lang, "rule.due_open").to_string(), r.reason())
        }
        Reporting::Overdue { by, .. } if r.reason().is_empty() => tf(lang, "rule.overdue", &[by]),
        Reporting::Overdue { by, .. } => tf(lang, "rule.overdue_reason", &[by, &r.reason()]),
        Reporting::NoSlip => t(lang, "rule.no_slip").to_string(),
    }
}

/// Applies the ledger's settings to a member's year.
///
/// Who is graded (003 三.3 and DOMAIN.md "Default settings"): a member who reported by the
/// year's end is graded on every rule; one who let the deadline pass without a reason is
/// proposed 不合格 and disqualified (无故不报到); anyone else who has not reported — a reason
/// recorded, the deadline not yet passed, or no slip — never came to the community, which
/// therefore does not grade them and states no disqualification.
pub fn assess(m: &MemberYear, s: &Settings, lang: Lang) -> Assessment {
    let reporting = &m.reporting;
    let late = matches!(
        reporting,
        Reporting::Reported {
            late_days: Some(_),
            ..
        }
    );
    let mut checks = vec![Check {
        rule: Rule::Reported,
        ok: reporting.is_reported(),
        remark: late,
        detail: reporting_text(reporting, lang),
    }];
    let points = points(&m.totals, &s.points);
    let stars = s.points.stars_for(points);
    let mut notes = Vec::new();
    match &m.pending_move {
        Some((community, by)) => {
            let by = by.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
            notes.push(tf(lang, "rule.note_moved_pending", &[community, &by]));
        }
        None if m.moved_in_year => notes.push(t(lang, "rule.note_moved").to_string()),
        None => {}
    }
    if m.standing == Some(Standing::Probationary) {
        notes.push(t(lang, "rule.note_probationary").to_string());
    }
    if !reporting.is_reported() {
        let (proposed, why, disqualified) = if reporting.without_reason() {
            (
                Some(Grade::Unqualified),
                t(lang, "rule.why_unreported").to_string(),
                Some(t(lang, "rule.dq_unreported").to_string()),
            )
        } else {
            let why = tf(lang, "rule.not_graded", &[&reporting_text(reporting, lang)]);
            (None, why, None)
        };
        return Assessment {
            checks,
            points,
            stars,
            proposed,
            why,
            disqualified,
            notes,
        };
    }
    let services = m.totals.certified_services;
    checks.extend([
        Check {
            rule: Rule::Post,
            ok: m.posts >= 1,
            remark: false,
            detail: tf(lang, "rule.posts_n", &[&m.posts]),
        },
        Check {
            rule: Rule::Services,
            ok: services >= s.min_services,
            remark: false,
            detail: tf(
                lang,
                "rule.services_n",
                &[
                    &services,
                    &m.totals.services,
                    &validate::format_halves(m.totals.certified_halves as u64),
                    &s.min_services,
                ],
            ),
        },
        Check {
            rule: Rule::Suggestions,
            ok: m.totals.suggestions >= s.min_suggestions,
            remark: false,
            detail: tf(
                lang,
                "rule.suggestions_n",
                &[
                    &m.totals.suggestions,
                    &m.totals.suggestions_adopted,
                    &s.min_suggestions,
                ],
            ),
        },
    ]);
    let below = services < s.min_services || m.totals.suggestions < s.min_suggestions;
    let (proposed, why) = if below || m.posts == 0 {
        (Grade::Basic, t(lang, "rule.why_basic"))
    } else if stars >= 4 {
        (Grade::Excellent, t(lang, "rule.why_excellent"))
    } else {
        (Grade::Qualified, t(lang, "rule.why_qualified"))
    };
    // 虽报到但未达基本服务要求 (003 三.3): the service minimum, not the suggestions.
    let disqualified = (services < s.min_services)
        .then(|| tf(lang, "rule.dq_services", &[&services, &s.min_services]));
    Assessment {
        checks,
        points,
        stars,
        proposed: Some(proposed),
        why: why.to_string(),
        disqualified,
        notes,
    }
}

/// ★ repeated, for screens and forms (`☆` when none).
pub fn stars_text(n: u8) -> String {
    if n == 0 {
        "☆".into()
    } else {
        "★".repeat(n as usize)
    }
}

/// The two halves of a year, as inclusive date ranges.
pub fn halves(year: i32) -> [(NaiveDate, NaiveDate); 2] {
    let d = |m, day| NaiveDate::from_ymd_opt(year, m, day).unwrap_or(NaiveDate::MIN);
    [(d(1, 1), d(6, 30)), (d(7, 1), d(12, 31))]
}

/// Whether something is required in a half-year yet: a half that has not started is not due.
pub fn half_due(start: NaiveDate, today: NaiveDate) -> bool {
    start <= today
}

/// A half-year requirement: how many were held in each half against the minimum.
#[derive(Debug, Clone, PartialEq)]
pub struct HalfYears {
    pub counts: [u32; 2],
    pub due: [bool; 2],
    pub minimum: u32,
}

impl HalfYears {
    /// Counts dated events into the halves of `year`.
    pub fn count(
        dates: impl IntoIterator<Item = NaiveDate>,
        year: i32,
        minimum: u32,
        today: NaiveDate,
    ) -> HalfYears {
        let mut counts = [0u32; 2];
        for d in dates {
            if d.year() == year {
                counts[(d.month() > 6) as usize] += 1;
            }
        }
        let h = halves(year);
        HalfYears {
            counts,
            due: [half_due(h[0].0, today), half_due(h[1].0, today)],
            minimum,
        }
    }

    /// Met in every half that is due.
    pub fn ok(&self) -> bool {
        (0..2).all(|i| !self.due[i] || self.counts[i] >= self.minimum)
    }

    pub fn detail(&self, lang: Lang) -> String {
        let half = |i: usize| {
            if self.due[i] {
                let mark = if self.counts[i] >= self.minimum {
                    "✓"
                } else {
                    "✗"
                };
                format!("{}{mark}", self.counts[i])
            } else {
                t(lang, "rule.not_due").to_string()
            }
        };
        tf(lang, "rule.halves", &[&half(0), &half(1), &self.minimum])
    }
}

/// A unit's reporting for a year (附件3, the units view and the 90% rule): one definition.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitRate {
    /// Members the unit declared (在职党员总数); 0 when not declared.
    pub declared: u32,
    pub on_file: u32,
    pub reported: u32,
    /// The base of the rate: the larger of the declared total and the members on file. Members
    /// declared but not on file have not reported as far as the ledger knows; members on file
    /// beyond the declared total are members all the same (and flagged: the declared total is
    /// out of date).
    pub base: u32,
    /// The threshold (percent) the rate is held against.
    pub threshold: u32,
}

pub fn unit_rate(declared: u32, on_file: u32, reported: u32, s: &Settings) -> UnitRate {
    UnitRate {
        declared,
        on_file,
        reported,
        base: declared.max(on_file),
        threshold: s.unit_rate_percent,
    }
}

impl UnitRate {
    /// Whether there is anyone to count (0 declared and 0 on file is no rate at all).
    pub fn rated(&self) -> bool {
        self.base > 0
    }

    /// At or above the threshold, counted exactly (no rounding).
    pub fn meets(&self) -> bool {
        self.rated() && self.reported as u64 * 100 >= self.threshold as u64 * self.base as u64
    }

    /// Below the threshold; `None` when there is nobody to count.
    pub fn below(&self) -> Option<bool> {
        self.rated().then(|| !self.meets())
    }

    /// The rate in tenths of a percent, rounded down, so that a printed rate never reaches the
    /// threshold the unit is below (188/209 = 89.95…% prints 89.9, not 90).
    pub fn permille(&self) -> Option<u64> {
        self.rated()
            .then(|| self.reported as u64 * 1000 / self.base as u64)
    }

    /// The rate as printed: `89.9`, `100`, or `—` when there is nobody to count.
    pub fn percent_text(&self) -> String {
        match self.permille() {
            Some(p) if p % 10 == 0 => format!("{}", p / 10),
            Some(p) => format!("{}.{}", p / 10, p % 10),
            None => "—".to_string(),
        }
    }

    /// Members not on file: the declared total exceeds the members on file.
    pub fn short_of_declared(&self) -> bool {
        self.declared > self.on_file
    }

    /// More members on file than the unit declared.
    pub fn beyond_declared(&self) -> bool {
        self.declared > 0 && self.on_file > self.declared
    }

    /// What the room should know about the base, or `None`.
    pub fn note(&self, lang: Lang) -> Option<String> {
        if self.short_of_declared() {
            Some(tf(
                lang,
                "rule.note_declared",
                &[&self.declared, &self.on_file],
            ))
        } else if self.beyond_declared() {
            Some(tf(
                lang,
                "rule.note_beyond",
                &[&self.on_file, &self.declared],
            ))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests;
