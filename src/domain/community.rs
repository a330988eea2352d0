//! 社区 communities, their 岗位 posts and 志愿服务队 teams.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Id;
use super::validate::{self, FieldError};
use crate::choice;

/// 社区: a community Party organization members report to (表1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Community {
    pub id: Id,
    pub name: String,
    /// 县(市、区)
    pub county: String,
    /// 街道(乡镇)
    pub street: String,
    /// 社区党组织名称
    pub party_org: String,
    /// 社区党组织书记
    pub secretary: String,
    pub phone: String,
    /// 办公地址
    pub address: String,
    /// 固定服务日, e.g. 每月第一个周六
    pub service_day: String,
    /// 志愿服务队/小组
    pub teams: Vec<Team>,
    pub archived: bool,
}

choice!(
    /// How a volunteer team is grouped: by place, by trade, or by interest.
    TeamBasis {
        Place = "choice.team.place",
        Trade = "choice.team.trade",
        Interest = "choice.team.interest",
    }
);

/// 志愿服务队/小组
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Team {
    pub name: String,
    pub basis: TeamBasis,
}

/// 岗位: a service post of one community that members claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Post {
    pub id: Id,
    pub community: Id,
    pub name: String,
    /// 岗位职责
    pub duties: String,
    /// 服务时间
    pub time: String,
    /// 服务地点
    pub place: String,
    pub archived: bool,
}

/// The eight standard posts of 003 附件2.
pub const STANDARD_POSTS: [&str; 8] = [
    "政策法规宣传岗",
    "社区工作参议岗",
    "文明创建示范岗",
    "公益事业推动岗",
    "困难群众帮扶岗",
    "社区稳定维护岗",
    "环境保护卫士岗",
    "青少年教育服务岗",
];

impl Community {
    pub fn validate(&mut self) -> Vec<FieldError> {
        let mut errs = Vec::new();
        match validate::name("field.community_name", &self.name) {
            Ok(n) => self.name = n,
            Err(e) => errs.push(e),
        }
        errs
    }
}

impl Post {
    pub fn validate(&mut self) -> Vec<FieldError> {
        let mut errs = Vec::new();
        match validate::name("field.post_name", &self.name) {
            Ok(n) => self.name = n,
            Err(e) => errs.push(e),
        }
        errs
    }
}

/// 联席会: a community's joint meeting with its units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JointMeeting {
    pub id: Id,
    pub community: Id,
    pub date: NaiveDate,
    /// Units present.
    pub units: Vec<Id>,
    pub topics: String,
}

impl JointMeeting {
    pub fn validate(&mut self, today: NaiveDate) -> Vec<FieldError> {
        let mut errs = Vec::new();
        if let Err(e) = validate::past_date("field.date", self.date, today) {
            errs.push(e);
        }
        errs
    }
}
