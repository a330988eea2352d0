//! 三单制 (居民点单、支部下单、党员接单) and 微心愿: residents' requests served by members.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Id;
use super::validate::{self, FieldError};
use crate::choice;

choice!(
    DemandKind {
        Menu = "choice.demand.menu",
        Wish = "choice.demand.wish",
    }
);

choice!(
    /// open → dispatched → accepted → done, or cancelled (and reopened) on the way.
    DemandStatus {
        Open = "choice.demand.open",
        Dispatched = "choice.demand.dispatched",
        Accepted = "choice.demand.accepted",
        Done = "choice.demand.done",
        Cancelled = "choice.demand.cancelled",
    }
);

/// 支部下单: whom the branch dispatched a request to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DispatchTarget {
    Post(Id),
    Team(String),
    Member(Id),
}

/// A step in a request's life, kept so that reopening loses nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemandEvent {
    pub on: NaiveDate,
    pub status: DemandStatus,
    pub note: String,
}

/// 居民点单 / 微心愿
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Demand {
    pub id: Id,
    pub community: Id,
    pub kind: DemandKind,
    /// Who asked (a resident, not a member).
    pub requester: String,
    pub contact: String,
    pub content: String,
    pub asked_on: NaiveDate,
    /// Expected done by; past it and not done → overdue.
    pub due: Option<NaiveDate>,
    pub target: Option<DispatchTarget>,
    pub accepted_by: Option<Id>,
    pub status: DemandStatus,
    pub done_on: Option<NaiveDate>,
    pub cancel_reason: String,
    /// The service row written when it was done.
    pub service: Option<Id>,
    pub history: Vec<DemandEvent>,
}

impl Demand {
    pub fn is_open(&self) -> bool {
        !matches!(self.status, DemandStatus::Done | DemandStatus::Cancelled)
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.due.is_some_and(|d| d < today)
    }

    pub fn validate(&mut self, today: NaiveDate) -> Vec<FieldError> {
        let mut errs = Vec::new();
        match validate::name("field.requester", &self.requester) {
            Ok(v) => self.requester = v,
            Err(e) => errs.push(e),
        }
        match validate::name("field.content", &self.content) {
            Ok(v) => self.content = v,
            Err(e) => errs.push(e),
        }
        if let Err(e) = validate::past_date("field.date", self.asked_on, today) {
            errs.push(e);
        }
        errs
    }
}

/// A step that does not fit the request's state (e.g. accepting a cancelled request).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("demand is {from:?}, cannot {step}")]
pub struct BadStep {
    pub from: DemandStatus,
    pub step: &'static str,
}

impl Demand {
    fn step(&mut self, to: DemandStatus, on: NaiveDate, note: &str) {
        self.status = to;
        self.history.push(DemandEvent {
            on,
            status: to,
            note: note.to_string(),
        });
    }

    /// 支部下单: the branch dispatches an open (or reopened) request.
    pub fn dispatch(&mut self, target: DispatchTarget, on: NaiveDate) -> Result<(), BadStep> {
        if !matches!(self.status, DemandStatus::Open | DemandStatus::Dispatched) {
            return Err(BadStep {
                from: self.status,
                step: "dispatch",
            });
        }
        self.target = Some(target);
        self.step(DemandStatus::Dispatched, on, "");
        Ok(())
    }

    /// 党员接单: a member takes it on.
    pub fn accept(&mut self, member: Id, on: NaiveDate) -> Result<(), BadStep> {
        if !matches!(
            self.status,
            DemandStatus::Open | DemandStatus::Dispatched | DemandStatus::Accepted
        ) {
            return Err(BadStep {
                from: self.status,
                step: "accept",
            });
        }
        self.accepted_by = Some(member);
        self.step(DemandStatus::Accepted, on, "");
        Ok(())
    }

    /// Done: records the service row's id (the caller writes the row in the same transaction).
    pub fn complete(&mut self, service: Id, on: NaiveDate) -> Result<(), BadStep> {
        if self.status != DemandStatus::Accepted || self.accepted_by.is_none() {
            return Err(BadStep {
                from: self.status,
                step: "complete",
            });
        }
        self.done_on = Some(on);
        self.service = Some(service);
        self.step(DemandStatus::Done, on, "");
        Ok(())
    }

    /// Cancelled with a reason (kept in the history).
    pub fn cancel(&mut self, reason: &str, on: NaiveDate) -> Result<(), BadStep> {
        if !self.is_open() || reason.trim().is_empty() {
            return Err(BadStep {
                from: self.status,
                step: "cancel",
            });
        }
        self.cancel_reason = reason.trim().to_string();
        self.step(DemandStatus::Cancelled, on, reason.trim());
        Ok(())
    }

    /// Reopens a cancelled or done request; what happened before stays in the history, the
    /// service row of a done request stays on the member's card.
    pub fn reopen(&mut self, note: &str, on: NaiveDate) -> Result<(), BadStep> {
        if self.is_open() {
            return Err(BadStep {
                from: self.status,
                step: "reopen",
            });
        }
        self.done_on = None;
        self.service = None;
        self.accepted_by = None;
        self.step(DemandStatus::Open, on, note);
        Ok(())
    }

    /// The service row completing this request gives the member, pre-filled and editable.
    pub fn service_row(&self, id: Id, member: Id, on: NaiveDate) -> crate::domain::ServiceRecord {
        crate::domain::ServiceRecord {
            id,
            member,
            community: self.community,
            date: on,
            content: self.content.clone(),
            place: String::new(),
            hours: crate::domain::Hours(2),
            rating: None,
            kind: crate::domain::ServiceKind::Menu,
            certification: None,
            activity: None,
            demand: Some(self.id),
            household: None,
            archived: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, day).unwrap_or_default()
    }

    fn demand() -> Demand {
        Demand {
            id: Id(1),
            community: Id(2),
            kind: DemandKind::Menu,
            requester: "王奶奶".into(),
            contact: "13900001111".into(),
            content: "楼道灯坏了".into(),
            asked_on: d(1),
            due: Some(d(10)),
            target: None,
            accepted_by: None,
            status: DemandStatus::Open,
            done_on: None,
            cancel_reason: String::new(),
            service: None,
            history: vec![],
        }
    }

    #[test]
    fn every_state_in_order_and_back() {
        let mut x = demand();
        assert!(x.complete(Id(9), d(2)).is_err(), "not accepted yet");
        x.dispatch(DispatchTarget::Team("楼栋服务队".into()), d(2))
            .unwrap();
        x.accept(Id(5), d(3)).unwrap();
        assert!(x.is_overdue(d(11)));
        x.complete(Id(9), d(4)).unwrap();
        assert_eq!(
            (x.status, x.service, x.done_on),
            (DemandStatus::Done, Some(Id(9)), Some(d(4)))
        );
        assert!(!x.is_overdue(d(11)));
        assert!(x.cancel("重复", d(5)).is_err(), "done is not open");
        x.reopen("居民反映灯又坏了", d(6)).unwrap();
        assert_eq!(x.status, DemandStatus::Open);
        assert!(x.cancel("  ", d(7)).is_err(), "a reason is required");
        x.cancel("居民已自行修好", d(7)).unwrap();
        assert!(x.accept(Id(5), d(8)).is_err(), "cancelled");
        x.reopen("", d(8)).unwrap();
        let states: Vec<DemandStatus> = x.history.iter().map(|e| e.status).collect();
        use DemandStatus::*;
        assert_eq!(states, [Dispatched, Accepted, Done, Open, Cancelled, Open]);
        let row = x.service_row(Id(10), Id(5), d(9));
        assert_eq!(
            (row.demand, row.kind, row.content.as_str()),
            (Some(Id(1)), crate::domain::ServiceKind::Menu, "楼道灯坏了")
        );
    }
}
