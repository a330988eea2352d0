//! Where a member stood on reporting in a given year, from the registrations as they stood
//! then: a slip issued after the year is no part of it, a deadline after the year's end (or
//! after today) is not yet overdue, and a member who moved counts the report made at the old
//! community.
//!
//! The one place that reads a year out of registration dates: the session, the readiness lists,
//! 表2 and the 反馈单 all ask here.
use chrono::{Datelike, NaiveDate};

use crate::domain::{Id, Registration};

/// The days of a year that have happened: 1 January to 31 December, or to today while the
/// year runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearSpan {
    pub start: NaiveDate,
    /// The last day that counts: 31 December, or today if earlier.
    pub end: NaiveDate,
    /// A deadline before this day has passed: 1 January of the next year, or today if earlier
    /// (a slip is overdue the day after its 请于…之前报到 date, as [`Registration::status`]).
    pub cutoff: NaiveDate,
}

impl YearSpan {
    pub fn new(year: i32, today: NaiveDate) -> YearSpan {
        let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
        let next = NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap_or(NaiveDate::MAX);
        let last = next.pred_opt().unwrap_or(next);
        YearSpan {
            start,
            end: last.min(today),
            cutoff: next.min(today),
        }
    }

    pub fn year(&self) -> i32 {
        self.start.year()
    }
}

/// One registration seen from a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegYear {
    /// Its slip was issued after the year, or it ended before the year began.
    Outside,
    /// Reported on or before the year's last day; still current at its end.
    Reported,
    /// Reported, then ended (moved away) within the year.
    ReportedThenEnded,
    /// Not reported, the deadline not passed (or none written on the slip).
    Due,
    /// Not reported and the deadline passed within the year.
    Overdue,
    /// Not reported and ended within the year.
    EndedUnreported,
}

/// When a registration began: the slip's date, else the report's; a registration with neither
/// is taken to have always been there (rows imported without dates).
fn began(r: &Registration) -> NaiveDate {
    r.issued_on.or(r.reported_on).unwrap_or(NaiveDate::MIN)
}

/// A registration as it stood in the year of `span`.
pub fn reg_year(r: &Registration, span: &YearSpan) -> RegYear {
    if began(r) > span.end || r.ended_on.is_some_and(|e| e < span.start) {
        return RegYear::Outside;
    }
    let ended = r.ended_on.is_some_and(|e| e <= span.end);
    let reported = r.reported_on.is_some_and(|d| d <= span.end);
    match (reported, ended) {
        (true, false) => RegYear::Reported,
        (true, true) => RegYear::ReportedThenEnded,
        (false, true) => RegYear::EndedUnreported,
        (false, false) if r.report_by.is_some_and(|by| by < span.cutoff) => RegYear::Overdue,
        (false, false) => RegYear::Due,
    }
}

/// How a member stands on reporting for the year.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Reporting {
    /// Reported by the year's last day; `late_days` after the slip's deadline.
    Reported {
        on: NaiveDate,
        by: Option<NaiveDate>,
        late_days: Option<i64>,
    },
    /// 报到期限未到: slip issued, not reported, deadline not passed (or none written).
    Due {
        by: Option<NaiveDate>,
        reason: String,
    },
    /// Deadline passed, not reported.
    Overdue { by: NaiveDate, reason: String },
    /// No slip on file at all.
    #[default]
    NoSlip,
}

impl Reporting {
    pub fn is_reported(&self) -> bool {
        matches!(self, Reporting::Reported { .. })
    }

    /// 未报到原因 as recorded (trimmed); empty when reported or none given.
    pub fn reason(&self) -> &str {
        match self {
            Reporting::Due { reason, .. } | Reporting::Overdue { reason, .. } => reason.trim(),
            _ => "",
        }
    }

    /// 无故不报到: the deadline passed and no reason is recorded (003 三.3).
    pub fn without_reason(&self) -> bool {
        matches!(self, Reporting::Overdue { .. }) && self.reason().is_empty()
    }
}

/// A member's registrations read for one year.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct YearRegistrations {
    pub reporting: Reporting,
    /// The registration the year's report was made on (the latest reported by the year's end),
    /// or the one the member is still to report on.
    pub counted: Option<Registration>,
    /// More than one community during the year (转移接续).
    pub moved_in_year: bool,
    /// Moved within the year and not yet reported at the new community: that registration.
    pub pending: Option<Registration>,
}

/// Reads `history` (a member's registrations in id order) for the year of `span`. `None` when
/// the member was not in the programme that year: every slip came after it, or every
/// registration ended before it.
pub fn year_registrations(history: &[Registration], span: &YearSpan) -> Option<YearRegistrations> {
    if history.is_empty() {
        return Some(YearRegistrations::default());
    }
    let seen: Vec<(&Registration, RegYear)> = history
        .iter()
        .map(|r| (r, reg_year(r, span)))
        .filter(|(_, y)| *y != RegYear::Outside)
        .collect();
    if seen.is_empty() {
        return None;
    }
    let moved_in_year = seen.len() > 1
        || seen
            .iter()
            .any(|(_, y)| matches!(y, RegYear::ReportedThenEnded | RegYear::EndedUnreported));
    let reported = seen
        .iter()
        .filter(|(_, y)| matches!(y, RegYear::Reported | RegYear::ReportedThenEnded))
        .max_by_key(|(r, _)| r.reported_on);
    // The registration open at the year's end (the last one, when several are).
    let open = seen
        .iter()
        .rev()
        .find(|(_, y)| matches!(y, RegYear::Reported | RegYear::Due | RegYear::Overdue))
        .or(seen.last());
    let Some((r, _)) = reported else {
        let (r, y) = open?;
        let reason = r.reason.trim().to_string();
        let reporting = match (y, r.report_by) {
            (RegYear::Overdue, Some(by)) => Reporting::Overdue { by, reason },
            (_, by) => Reporting::Due { by, reason },
        };
        return Some(YearRegistrations {
            reporting,
            counted: Some((*r).clone()),
            moved_in_year,
            pending: None,
        });
    };
    let on = r.reported_on.unwrap_or(span.end);
    let pending = open
        .filter(|(o, y)| {
            matches!(y, RegYear::Due | RegYear::Overdue) && o.id != r.id && began(o) >= on
        })
        .map(|(o, _)| (*o).clone());
    Some(YearRegistrations {
        reporting: Reporting::Reported {
            on,
            by: r.report_by,
            late_days: r
                .report_by
                .filter(|by| on > *by)
                .map(|by| (on - by).num_days()),
        },
        counted: Some((*r).clone()),
        moved_in_year,
        pending,
    })
}

/// Whether registration `r` at its community is one of the community's reported members at the
/// year's end (表2 报到党员数).
pub fn registered_at_end(r: &Registration, span: &YearSpan) -> bool {
    reg_year(r, span) == RegYear::Reported
}

/// The community of the pending registration, for notes.
pub fn pending_community(y: &YearRegistrations) -> Option<Id> {
    y.pending.as_ref().map(|r| r.community)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn slip(issued: NaiveDate, by: NaiveDate) -> Registration {
        Registration {
            id: Id(1),
            community: Id(10),
            issued_on: Some(issued),
            report_by: Some(by),
            ..Default::default()
        }
    }

    #[test]
    fn a_slip_issued_after_the_year_is_no_part_of_it() {
        let r = slip(d(2025, 2, 1), d(2025, 3, 31));
        let today = d(2025, 12, 20);
        assert_eq!(reg_year(&r, &YearSpan::new(2024, today)), RegYear::Outside);
        assert_eq!(
            year_registrations(std::slice::from_ref(&r), &YearSpan::new(2024, today)),
            None
        );
        assert_eq!(reg_year(&r, &YearSpan::new(2025, today)), RegYear::Overdue);
    }

    #[test]
    fn a_deadline_after_the_year_or_today_is_not_overdue() {
        // Issued in December 2025, due 10 January 2026.
        let r = slip(d(2025, 12, 1), d(2026, 1, 10));
        let y = |today| reg_year(&r, &YearSpan::new(2025, today));
        assert_eq!(y(d(2025, 12, 20)), RegYear::Due);
        assert_eq!(y(d(2026, 3, 1)), RegYear::Due, "2025 is judged as it ended");
        assert_eq!(
            reg_year(&r, &YearSpan::new(2026, d(2026, 3, 1))),
            RegYear::Overdue
        );
        // The deadline day itself is still in time; the day after is overdue.
        let r = slip(d(2025, 12, 1), d(2025, 12, 20));
        assert_eq!(y(d(2025, 12, 20)), RegYear::Due);
        assert_eq!(
            reg_year(&r, &YearSpan::new(2025, d(2025, 12, 21))),
            RegYear::Overdue
        );
        assert_eq!(
            reg_year(&r, &YearSpan::new(2025, d(2026, 1, 1))),
            RegYear::Overdue
        );
    }

    #[test]
    fn a_move_keeps_the_report_at_the_old_community() {
        let mut old = slip(d(2025, 1, 5), d(2025, 1, 31));
        old.reported_on = Some(d(2025, 1, 20));
        old.ended_on = Some(d(2025, 8, 1));
        let mut new = slip(d(2025, 8, 1), d(2025, 8, 31));
        new.id = Id(2);
        new.community = Id(11);
        let y = year_registrations(&[old, new], &YearSpan::new(2025, d(2025, 12, 20)))
            .unwrap_or_default();
        assert!(y.moved_in_year);
        assert_eq!(
            y.reporting,
            Reporting::Reported {
                on: d(2025, 1, 20),
                by: Some(d(2025, 1, 31)),
                late_days: None
            }
        );
        assert_eq!(pending_community(&y), Some(Id(11)));
    }

    #[test]
    fn late_by_days() {
        let mut r = slip(d(2025, 3, 1), d(2025, 3, 10));
        r.reported_on = Some(d(2025, 3, 11));
        let y = year_registrations(&[r], &YearSpan::new(2025, d(2025, 12, 20))).unwrap_or_default();
        assert!(matches!(
            y.reporting,
            Reporting::Reported {
                late_days: Some(1),
                ..
            }
        ));
    }
}
