//! 单位: members' work units, which issue slips and receive the year-end feedback.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Id;
use super::validate::{self, FieldError};
use crate::choice;

choice!(
    /// 单位属性
    UnitKind {
        Organ = "choice.unit.organ",
        Institution = "choice.unit.institution",
        Enterprise = "choice.unit.enterprise",
        College = "choice.unit.college",
        SocialOrg = "choice.unit.social",
        Other = "choice.unit.other",
    }
);

/// 单位 (its Party organization).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub id: Id,
    pub name: String,
    pub kind: UnitKind,
    pub address: String,
    /// 单位党组织
    pub party_org: String,
    /// 单位党组织联系人
    pub contact_name: String,
    pub contact_phone: String,
    /// 联络员 (at least one is expected; kept as names with phones in free text)
    pub liaisons: Vec<String>,
    /// 结对社区
    pub paired_community: Option<Id>,
    /// 在职党员总数 as the unit declares it (may exceed the members on file)
    pub declared_members: u32,
    pub archived: bool,
}

impl Unit {
    /// A new unit with only its name: kind 其他, no contacts, no pairing, none declared.
    pub fn named(name: impl Into<String>) -> Unit {
        Unit {
            id: Id::new(),
            name: name.into(),
            kind: UnitKind::Other,
            address: String::new(),
            party_org: String::new(),
            contact_name: String::new(),
            contact_phone: String::new(),
            liaisons: Vec::new(),
            paired_community: None,
            declared_members: 0,
            archived: false,
        }
    }

    pub fn validate(&mut self) -> Vec<FieldError> {
        let mut errs = Vec::new();
        match validate::name("field.unit_name", &self.name) {
            Ok(n) => self.name = n,
            Err(e) => errs.push(e),
        }
        errs
    }
}

/// A unit's own community service (单位到社区开展服务), counted each half-year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitService {
    pub id: Id,
    pub unit: Id,
    pub community: Id,
    pub date: NaiveDate,
    pub content: String,
    /// How many of the unit's members took part.
    pub participants: u32,
}

impl UnitService {
    pub fn validate(&mut self, today: NaiveDate) -> Vec<FieldError> {
        let mut errs = Vec::new();
        if let Err(e) = validate::past_date("field.date", self.date, today) {
            errs.push(e);
        }
        match validate::name("field.content", &self.content) {
            Ok(c) => self.content = c,
            Err(e) => errs.push(e),
        }
        errs
    }
}
