//! A community's registrations counted by the dates that decide where each stands in a year
//! (表2 在职党员到社区报到一览表: 报到党员数 by the kind of the member's unit, 已交回执数,
//! 逾期未报到数). The store keeps one tally per community in the same transaction as every
//! registration, member and unit change, so the province's 表2 reads one row per community
//! instead of every registration and its member.
//!
//! The tally keeps dates, not verdicts: whether a slip is overdue depends on the day the form
//! is made (a deadline passes while nothing is written), so each year's figures are worked
//! out when asked, by [`reg_year`], from the dates the registrations share. The same type sums
//! a community's rows, so the stored tally and the rows are compared by `check`.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::rules::reporting::{RegYear, YearSpan, reg_year};
use super::{Registration, UnitKind};

/// What 表2 needs of one registration: its dates (days since 0001-01-01, as the indexes keep
/// them) and the kind of the member's unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RegDates {
    pub issued_on: Option<i32>,
    pub report_by: Option<i32>,
    pub reported_on: Option<i32>,
    pub receipt_on: Option<i32>,
    pub ended_on: Option<i32>,
    /// 单位属性 of the member's unit; `None` without a unit (counted as 其他).
    pub kind: Option<UnitKind>,
}

fn days(d: Option<NaiveDate>) -> Option<i32> {
    use chrono::Datelike;
    d.map(|d| d.num_days_from_ce())
}

fn date(d: Option<i32>) -> Option<NaiveDate> {
    d.and_then(NaiveDate::from_num_days_from_ce_opt)
}

impl RegDates {
    pub fn of(r: &Registration, kind: Option<UnitKind>) -> RegDates {
        RegDates {
            issued_on: days(r.issued_on),
            report_by: days(r.report_by),
            reported_on: days(r.reported_on),
            receipt_on: days(r.receipt_on),
            ended_on: days(r.ended_on),
            kind,
        }
    }

    /// The dates as a registration, for the rule that reads them ([`reg_year`]).
    fn registration(&self) -> Registration {
        Registration {
            issued_on: date(self.issued_on),
            report_by: date(self.report_by),
            reported_on: date(self.reported_on),
            receipt_on: date(self.receipt_on),
            ended_on: date(self.ended_on),
            ..Default::default()
        }
    }
}

/// 表2's columns for one community and year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CommunityYear {
    /// 报到党员数: reported by the year's last day and still there at its end.
    pub reported: u32,
    /// Of those, by unit kind: 机关, 事业, 企业, 大专院校, 其他.
    pub by_kind: [u32; 5],
    /// 已交回执数: of those, the receipt returned by the year's last day.
    pub receipts: u32,
    /// 逾期未报到数: not reported and the deadline passed within the year.
    pub overdue: u32,
}

impl CommunityYear {
    pub fn add(&mut self, o: &CommunityYear) {
        self.reported += o.reported;
        for (a, b) in self.by_kind.iter_mut().zip(o.by_kind) {
            *a += b;
        }
        self.receipts += o.receipts;
        self.overdue += o.overdue;
    }
}

/// How many of a community's registrations share each [`RegDates`], sorted by them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CommunityTally {
    pub regs: Vec<(RegDates, u32)>,
}

impl CommunityTally {
    /// Counts one registration in (`sign` 1) or out (`sign` -1).
    pub fn add(&mut self, dates: RegDates, sign: i64) {
        match self.regs.binary_search_by(|(d, _)| d.cmp(&dates)) {
            Ok(i) => {
                let n = (self.regs[i].1 as i64 + sign).max(0) as u32;
                if n == 0 {
                    self.regs.remove(i);
                } else {
                    self.regs[i].1 = n;
                }
            }
            Err(i) if sign > 0 => self.regs.insert(i, (dates, sign as u32)),
            Err(_) => {}
        }
    }

    pub fn is_empty(&self) -> bool {
        self.regs.is_empty()
    }

    /// The community's 表2 figures for the year of `span`, as they stand on its last day.
    pub fn year(&self, span: &YearSpan) -> CommunityYear {
        let mut out = CommunityYear::default();
        for (d, n) in &self.regs {
            match reg_year(&d.registration(), span) {
                RegYear::Reported => {
                    out.reported += n;
                    out.by_kind[kind_slot(d.kind)] += n;
                    if date(d.receipt_on).is_some_and(|r| r <= span.end) {
                        out.receipts += n;
                    }
                }
                RegYear::Overdue => out.overdue += n,
                _ => {}
            }
        }
        out
    }
}

/// The 表2 column a unit kind counts in: 机关, 事业, 企业, 大专院校, else 其他.
fn kind_slot(kind: Option<UnitKind>) -> usize {
    match kind {
        Some(UnitKind::Organ) => 0,
        Some(UnitKind::Institution) => 1,
        Some(UnitKind::Enterprise) => 2,
        Some(UnitKind::College) => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn slip(issued: NaiveDate, by: NaiveDate) -> Registration {
        Registration {
            issued_on: Some(issued),
            report_by: Some(by),
            ..Default::default()
        }
    }

    #[test]
    fn a_deadline_passes_with_the_day_the_form_is_made() {
        let mut t = CommunityTally::default();
        t.add(RegDates::of(&slip(d(2025, 3, 1), d(2025, 3, 20)), None), 1);
        let on = |today| t.year(&YearSpan::new(2025, today)).overdue;
        assert_eq!(on(d(2025, 3, 20)), 0, "the deadline day is still in time");
        assert_eq!(on(d(2025, 3, 21)), 1);
        assert_eq!(on(d(2026, 5, 1)), 1, "2025 as it ended");
        assert_eq!(t.year(&YearSpan::new(2024, d(2026, 5, 1))).overdue, 0);
    }

    #[test]
    fn reported_members_count_by_unit_kind_with_their_receipts() {
        let mut t = CommunityTally::default();
        let mut r = slip(d(2025, 3, 1), d(2025, 3, 20));
        r.reported_on = Some(d(2025, 3, 10));
        t.add(RegDates::of(&r, Some(UnitKind::Organ)), 1);
        t.add(RegDates::of(&r, Some(UnitKind::SocialOrg)), 1);
        r.receipt_on = Some(d(2025, 6, 1));
        t.add(RegDates::of(&r, Some(UnitKind::Organ)), 1);
        let y = t.year(&YearSpan::new(2025, d(2025, 5, 1)));
        assert_eq!((y.reported, y.by_kind, y.receipts), (3, [2, 0, 0, 0, 1], 0));
        let y = t.year(&YearSpan::new(2025, d(2025, 12, 31)));
        assert_eq!(y.receipts, 1);
        // Moved away within the year: no longer one of the community's reported members.
        let mut moved = r.clone();
        moved.ended_on = Some(d(2025, 9, 1));
        t.add(RegDates::of(&r, Some(UnitKind::Organ)), -1);
        t.add(RegDates::of(&moved, Some(UnitKind::Organ)), 1);
        let y = t.year(&YearSpan::new(2025, d(2025, 12, 31)));
        assert_eq!((y.reported, y.receipts), (2, 0));
    }

    #[test]
    fn counting_out_undoes_counting_in() {
        let mut t = CommunityTally::default();
        let a = RegDates::of(&slip(d(2025, 3, 1), d(2025, 3, 20)), None);
        t.add(a, 1);
        t.add(a, 1);
        t.add(a, -1);
        assert_eq!(t.regs, vec![(a, 1)]);
        t.add(a, -1);
        t.add(a, -1);
        assert!(t.is_empty());
    }
}
