//! 结对帮扶: households in difficulty and the members paired with them. Visits are service
//! rows of kind 结对帮扶 pointing at the household.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Id;
use super::validate::{self, FieldError};
use crate::choice;

choice!(
    HouseholdKind {
        EmptyNest = "choice.household.empty_nest",
        LeftBehind = "choice.household.left_behind",
        Bereaved = "choice.household.bereaved",
        Disabled = "choice.household.disabled",
        Poor = "choice.household.poor",
    }
);

/// A household in difficulty (address and contact are personal data, masked on screen).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Household {
    pub id: Id,
    pub community: Id,
    /// 户主 / the person helped
    pub name: String,
    pub kind: HouseholdKind,
    pub address: String,
    pub contact: String,
    pub note: String,
    pub archived: bool,
}

impl Household {
    pub fn validate(&mut self) -> Vec<FieldError> {
        let mut errs = Vec::new();
        match validate::name("field.household", &self.name) {
            Ok(v) => self.name = v,
            Err(e) => errs.push(e),
        }
        errs
    }
}

/// A member paired with a household, with a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pairing {
    pub id: Id,
    pub household: Id,
    pub member: Id,
    pub plan: String,
    pub since: NaiveDate,
    pub ended_on: Option<NaiveDate>,
}

impl Pairing {
    pub fn is_active(&self) -> bool {
        self.ended_on.is_none()
    }

    /// Whether `member` was paired with the household on `day`: the one rule that lets a
    /// service row count as a visit to it (the store refuses any other, and `check` reports
    /// one that got in).
    pub fn covers(&self, member: Id, day: NaiveDate) -> bool {
        self.member == member && self.since <= day && self.ended_on.is_none_or(|e| day <= e)
    }

    /// A start not in the future, an end not before the start, the plan as one line.
    pub fn validate(&mut self, today: NaiveDate) -> Vec<FieldError> {
        let mut errs = Vec::new();
        self.plan = self.plan.trim().to_string();
        if let Err(e) = validate::past_date("tui.f.since", self.since, today) {
            errs.push(e);
        }
        if let Some(end) = self.ended_on {
            if end < self.since {
                errs.push(FieldError::new(
                    "tui.f.ended_on",
                    validate::Problem::EndBeforeStart,
                ));
            } else if let Err(e) = validate::past_date("tui.f.ended_on", end, today) {
                errs.push(e);
            }
        }
        errs
    }
}

choice!(
    /// What became of a suggestion.
    SuggestionOutcome {
        Adopted = "choice.suggestion.adopted",
        Referred = "choice.suggestion.referred",
        Closed = "choice.suggestion.closed",
    }
);

/// 意见建议
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub id: Id,
    pub member: Id,
    pub community: Id,
    pub date: NaiveDate,
    pub content: String,
    pub outcome: Option<SuggestionOutcome>,
}

impl Suggestion {
    pub fn validate(&mut self, today: NaiveDate) -> Vec<FieldError> {
        let mut errs = Vec::new();
        match validate::name("field.content", &self.content) {
            Ok(v) => self.content = v,
            Err(e) => errs.push(e),
        }
        if let Err(e) = validate::past_date("field.date", self.date, today) {
            errs.push(e);
        }
        errs
    }
}
