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
