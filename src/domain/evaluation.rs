//! 年度民主评议: a member's grade for a year, and a community's year closing.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Id;
use crate::choice;

choice!(
    /// 评议等次
    Grade {
        Excellent = "choice.grade.excellent",
        Qualified = "choice.grade.qualified",
        Basic = "choice.grade.basic",
        Unqualified = "choice.grade.unqualified",
    }
);

/// One member's evaluation for one year in one community.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub id: Id,
    pub community: Id,
    pub member: Id,
    pub year: i32,
    pub grade: Grade,
    /// 现实表现
    pub comment: String,
    pub evaluated_on: NaiveDate,
    /// 取消当年评先评优资格 and why (empty when not disqualified)
    pub disqualified: String,
}

/// A community's year closed after its session; reopening is explicit and logged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearClosure {
    pub id: Id,
    pub community: Id,
    pub year: i32,
    pub closed_on: NaiveDate,
    pub closed_by: String,
    /// Set when reopened (with why); a closure with `reopened` no longer locks the year.
    pub reopened: Option<(NaiveDate, String, String)>,
}

impl YearClosure {
    pub fn locks(&self) -> bool {
        self.reopened.is_none()
    }
}
