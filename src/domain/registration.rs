//! 报到: a member's registration with a community, from the unit's slip to the receipt.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Id;
use super::validate::{DateRule, FieldError};
use crate::choice;

/// One registration of a member with a community. A member who moves keeps the old ones
/// (with `ended_on` set); exactly one is current.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Registration {
    pub id: Id,
    pub member: Id,
    pub community: Id,
    /// The unit that issued the slip.
    pub unit: Option<Id>,
    /// 报到单 issued on
    pub issued_on: Option<NaiveDate>,
    /// 请于…之前报到
    pub report_by: Option<NaiveDate>,
    /// 报到日期
    pub reported_on: Option<NaiveDate>,
    /// 回执 returned to the unit on
    pub receipt_on: Option<NaiveDate>,
    /// Posts claimed on the receipt.
    pub posts: Vec<Id>,
    /// 志愿服务小组 joined on reporting.
    pub team: String,
    /// 未报到原因
    pub reason: String,
    /// Set when the member moved to another community (转移接续).
    pub ended_on: Option<NaiveDate>,
}

choice!(
    /// Derived from the dates: issued → overdue → reported → receipt returned (or ended).
    RegStatus {
        Issued = "choice.reg.issued",
        Overdue = "choice.reg.overdue",
        Reported = "choice.reg.reported",
        ReceiptReturned = "choice.reg.receipt",
        Ended = "choice.reg.ended",
    }
);

impl RegStatus {
    /// Whether the status counts as reported on 附件3.
    pub fn is_reported(self) -> bool {
        matches!(self, RegStatus::Reported | RegStatus::ReceiptReturned)
    }
}

impl Registration {
    pub fn status(&self, today: NaiveDate) -> RegStatus {
        if self.ended_on.is_some() {
            RegStatus::Ended
        } else if self.receipt_on.is_some() {
            RegStatus::ReceiptReturned
        } else if self.reported_on.is_some() {
            RegStatus::Reported
        } else if self.report_by.is_some_and(|d| d < today) {
            RegStatus::Overdue
        } else {
            RegStatus::Issued
        }
    }

    /// The status as far as stored data goes (without today's date): what the status index
    /// keeps. Overdue is an `Issued` row whose `report_by` has passed, found by a range scan.
    pub fn stored_status(&self) -> RegStatus {
        self.status(NaiveDate::MIN)
    }

    pub fn is_current(&self) -> bool {
        self.ended_on.is_none()
    }

    /// A member's current registration among its registrations in id (creation) order: the
    /// last one not ended.
    pub fn current(history: Vec<Registration>) -> Option<Registration> {
        history.into_iter().rev().find(Registration::is_current)
    }

    /// [`Registration::current`] of a history the caller keeps.
    pub fn current_of(history: &[Registration]) -> Option<&Registration> {
        history.iter().rev().find(|r| r.is_current())
    }

    /// What 报到日期 may be: a day done within the programme, not before the slip was issued
    /// (a member reports with the slip in hand).
    pub fn reported_rule(&self) -> DateRule {
        DateRule::done().not_before(self.issued_on, "err.why_slip")
    }

    /// What 回执交回日期 may be: not before the member reported.
    pub fn receipt_rule(&self) -> DateRule {
        DateRule::done().not_before(self.reported_on, "err.why_reported")
    }

    pub fn validate(&mut self, today: NaiveDate) -> Vec<FieldError> {
        let mut errs = Vec::new();
        let done = DateRule::done();
        for (field, rule, d) in [
            ("field.issued_on", done, self.issued_on),
            ("field.report_by", DateRule::deadline(), self.report_by),
            ("field.reported_on", self.reported_rule(), self.reported_on),
            ("field.receipt_on", self.receipt_rule(), self.receipt_on),
        ] {
            if let Some(d) = d
                && let Err(e) = rule.check(field, d, &d, today)
            {
                errs.push(e);
            }
        }
        // Reported without a post is a state the ledger holds (附件4 as offices kept it has
        // no post column); the year's rules show it (基本合格) and readiness lists it, and
        // the form that marks a member reported still asks for a post.
        self.team = self.team.trim().to_string();
        errs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default()
    }

    #[test]
    fn status_follows_the_dates() {
        let today = d(6, 1);
        let mut r = Registration {
            report_by: Some(d(5, 1)),
            ..Default::default()
        };
        assert_eq!(r.status(today), RegStatus::Overdue);
        assert_eq!(r.stored_status(), RegStatus::Issued);
        r.report_by = Some(d(7, 1));
        assert_eq!(r.status(today), RegStatus::Issued);
        r.reported_on = Some(d(5, 20));
        assert_eq!(r.status(today), RegStatus::Reported);
        r.receipt_on = Some(d(5, 25));
        assert_eq!(r.status(today), RegStatus::ReceiptReturned);
        r.ended_on = Some(d(5, 30));
        assert_eq!(r.status(today), RegStatus::Ended);
    }

    #[test]
    fn reported_without_a_post_is_held_and_dates_are_checked() {
        let mut r = Registration {
            reported_on: Some(d(5, 1)),
            ..Default::default()
        };
        assert!(r.validate(d(6, 1)).is_empty());
        r.posts.push(Id(1));
        assert!(r.validate(d(6, 1)).is_empty());
        r.reported_on = Some(d(7, 1));
        assert_eq!(r.validate(d(6, 1))[0].field, "field.reported_on");
    }
}
