//! The year's rules (DOMAIN.md "Rules"), computed from facts the ledger hands in: whether a
//! member reported and holds a post, services and suggestions against the minimums, points and
//! stars, the grade the rules propose, and whether the member is disqualified from awards. Also
//! a unit's reporting rate and half-year service, and a community's half-year joint meetings.
//!
//! Pure functions over plain data: the same facts always give the same result, so a room can be
//! shown exactly why a grade is proposed.
use chrono::{Datelike, NaiveDate};

use super::*;
use crate::i18n::{Lang, t, tf};

/// What the ledger knows of one member's year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MemberYear {
    pub year: i32,
    pub standing: Option<Standing>,
    /// Reported to a community on or before the end of the year.
    pub reported_on: Option<NaiveDate>,
    /// The report-by date of the slip, when not reported.
    pub report_by: Option<NaiveDate>,
    /// 未报到原因, when not reported.
    pub reason: String,
    /// Posts claimed in the current registration.
    pub posts: usize,
    /// Registered with more than one community during the year (moved).
    pub moved_in_year: bool,
    pub totals: YearTotals,
    /// Active pairings with households.
    pub pairings: usize,
}

/// One rule check, with its numbers for the room.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub rule: Rule,
    pub ok: bool,
    /// e.g. `认证服务 3 次 / 至少 2 次`
    pub detail: String,
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
    pub proposed: Grade,
    /// Why the grade is proposed, in the clerk's language.
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

/// Applies the ledger's settings to a member's year.
pub fn assess(m: &MemberYear, s: &Settings, today: NaiveDate, lang: Lang) -> Assessment {
    let reported = m.reported_on.is_some();
    let has_reason = !m.reason.trim().is_empty();
    let reported_detail = match (m.reported_on, m.report_by) {
        (Some(d), _) => tf(lang, "rule.reported_on", &[&d]),
        (None, Some(by)) if by < today => {
            if has_reason {
                tf(lang, "rule.overdue_reason", &[&by, &m.reason])
            } else {
                tf(lang, "rule.overdue", &[&by])
            }
        }
        (None, Some(by)) => tf(lang, "rule.due", &[&by]),
        (None, None) => t(lang, "rule.no_slip").to_string(),
    };
    let services = m.totals.certified_services;
    let checks = vec![
        Check {
            rule: Rule::Reported,
            ok: reported,
            detail: reported_detail,
        },
        Check {
            rule: Rule::Post,
            ok: m.posts >= 1,
            detail: tf(lang, "rule.posts_n", &[&m.posts]),
        },
        Check {
            rule: Rule::Services,
            ok: services >= s.min_services,
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
    ];
    let points = points(&m.totals, &s.points);
    let stars = s.points.stars_for(points);
    let below = services < s.min_services || m.totals.suggestions < s.min_suggestions;
    let (proposed, why) = if !reported && !has_reason {
        (Grade::Unqualified, t(lang, "rule.why_unreported"))
    } else if !reported || below || m.posts == 0 {
        (Grade::Basic, t(lang, "rule.why_basic"))
    } else if stars >= 4 {
        (Grade::Excellent, t(lang, "rule.why_excellent"))
    } else {
        (Grade::Qualified, t(lang, "rule.why_qualified"))
    };
    let disqualified = if !reported && !has_reason {
        Some(t(lang, "rule.dq_unreported").to_string())
    } else if services < s.min_services {
        Some(tf(lang, "rule.dq_services", &[&services, &s.min_services]))
    } else {
        None
    };
    let mut notes = Vec::new();
    if m.moved_in_year {
        notes.push(t(lang, "rule.note_moved").to_string());
    }
    if m.standing == Some(Standing::Probationary) {
        notes.push(t(lang, "rule.note_probationary").to_string());
    }
    Assessment {
        checks,
        points,
        stars,
        proposed,
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

/// A unit's reporting for a year (附件3 and the 90% rule).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitRate {
    /// Members the unit declared (在职党员总数); 0 when not declared.
    pub declared: u32,
    pub on_file: u32,
    pub reported: u32,
    /// The base of the rate: the declared total when it exceeds the members on file (the
    /// members not on file have not reported as far as the ledger knows), else those on file.
    pub base: u32,
    pub percent: f64,
    pub meets: bool,
    pub note: Option<String>,
}

pub fn unit_rate(declared: u32, on_file: u32, reported: u32, s: &Settings, lang: Lang) -> UnitRate {
    let base = declared.max(on_file);
    let percent = if base == 0 {
        0.0
    } else {
        reported as f64 * 100.0 / base as f64
    };
    let note = (declared > on_file).then(|| tf(lang, "rule.note_declared", &[&declared, &on_file]));
    UnitRate {
        declared,
        on_file,
        reported,
        base,
        percent,
        meets: base > 0 && percent + 1e-9 >= s.unit_rate_percent as f64,
        note,
    }
}

#[cfg(test)]
mod tests;
