//! 服务记录: one row of the 在职党员社区服务(活动)记录卡 (附件5), and 社区活动 activities that
//! fan out into one row per attendee.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Id;
use super::validate::{self, FieldError, Hours, Problem};
use crate::choice;

choice!(
    /// 评价
    Rating {
        Excellent = "choice.rating.excellent",
        Good = "choice.rating.good",
        Fair = "choice.rating.fair",
    }
);

choice!(
    /// The kind of service, for the card and the rules.
    ServiceKind {
        Theme = "choice.kind.theme",
        Pairing = "choice.kind.pairing",
        Menu = "choice.kind.menu",
        Volunteer = "choice.kind.volunteer",
        Duty = "choice.kind.duty",
        Online = "choice.kind.online",
        Other = "choice.kind.other",
    }
);

choice!(
    /// Who signed the 认证签字.
    CertifierRole {
        Served = "choice.cert.served",
        Organizer = "choice.cert.organizer",
        PartyOrg = "choice.cert.party_org",
    }
);

/// 认证签字
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Certification {
    pub role: CertifierRole,
    pub name: String,
    pub on: NaiveDate,
}

/// One service row. Only certified hours count toward the card's total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceRecord {
    pub id: Id,
    pub member: Id,
    /// The community served (the member's at the time).
    pub community: Id,
    pub date: NaiveDate,
    pub content: String,
    pub place: String,
    pub hours: Hours,
    pub rating: Option<Rating>,
    pub kind: ServiceKind,
    pub certification: Option<Certification>,
    /// The activity, demand or household this row came from.
    pub activity: Option<Id>,
    pub demand: Option<Id>,
    pub household: Option<Id>,
    pub archived: bool,
}

impl ServiceRecord {
    pub fn is_certified(&self) -> bool {
        self.certification.is_some() && !self.archived
    }

    /// Hours that count on the card: certified and not archived.
    pub fn certified_hours(&self) -> Hours {
        if self.is_certified() {
            self.hours
        } else {
            Hours(0)
        }
    }

    pub fn validate(&mut self, today: NaiveDate) -> Vec<FieldError> {
        let mut errs = Vec::new();
        if let Err(e) = validate::past_date("field.date", self.date, today) {
            errs.push(e);
        }
        match validate::name("field.content", &self.content) {
            Ok(c) => self.content = c,
            Err(e) => errs.push(e),
        }
        self.place = self.place.trim().to_string();
        if self.hours.0 == 0 {
            errs.push(FieldError::new("field.hours", Problem::HoursNotPositive));
        } else if self.hours > Hours::DAY_MAX {
            errs.push(FieldError::new(
                "field.hours",
                Problem::HoursOverDay {
                    day_total_half_hours: self.hours.halves(),
                },
            ));
        }
        if let Some(c) = &mut self.certification {
            match validate::name("field.certifier", &c.name) {
                Ok(n) => c.name = n,
                Err(e) => errs.push(e),
            }
        }
        errs
    }

    /// Whether `other` differs from `self` in anything a certification vouches for.
    pub fn differs_in_certified_fields(&self, other: &ServiceRecord) -> bool {
        self.member != other.member
            || self.date != other.date
            || self.content != other.content
            || self.place != other.place
            || self.hours != other.hours
            || self.rating != other.rating
            || self.kind != other.kind
            || self.archived != other.archived
    }
}

choice!(
    /// 社区活动 kinds.
    ActivityKind {
        Theme = "choice.activity.theme",
        ServiceDay = "choice.activity.service_day",
        UnifiedDay = "choice.activity.unified_day",
        Other = "choice.activity.other",
    }
);

/// 社区活动: one event; recording it writes one service row per attendee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub id: Id,
    pub community: Id,
    pub kind: ActivityKind,
    pub title: String,
    pub date: NaiveDate,
    pub place: String,
    /// Default hours per attendee.
    pub hours: Hours,
}

impl Activity {
    pub fn validate(&mut self, today: NaiveDate) -> Vec<FieldError> {
        let mut errs = Vec::new();
        if let Err(e) = validate::past_date("field.date", self.date, today) {
            errs.push(e);
        }
        match validate::name("field.title", &self.title) {
            Ok(c) => self.title = c,
            Err(e) => errs.push(e),
        }
        if self.hours.0 == 0 {
            errs.push(FieldError::new("field.hours", Problem::HoursNotPositive));
        }
        errs
    }

    /// The service row this activity gives one attendee.
    pub fn record_for(&self, id: Id, member: Id, hours: Hours) -> ServiceRecord {
        ServiceRecord {
            id,
            member,
            community: self.community,
            date: self.date,
            content: self.title.clone(),
            place: self.place.clone(),
            hours,
            rating: None,
            kind: ServiceKind::Theme,
            certification: None,
            activity: Some(self.id),
            demand: None,
            household: None,
            archived: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> ServiceRecord {
        ServiceRecord {
            id: Id(1),
            member: Id(2),
            community: Id(3),
            date: NaiveDate::from_ymd_opt(2026, 3, 5).unwrap_or_default(),
            content: "清理楼道".into(),
            place: "3号楼".into(),
            hours: Hours(4),
            rating: Some(Rating::Excellent),
            kind: ServiceKind::Volunteer,
            certification: None,
            activity: None,
            demand: None,
            household: None,
            archived: false,
        }
    }

    #[test]
    fn only_certified_hours_count() {
        let mut r = row();
        assert_eq!(r.certified_hours(), Hours(0));
        r.certification = Some(Certification {
            role: CertifierRole::PartyOrg,
            name: "王书记".into(),
            on: r.date,
        });
        assert_eq!(r.certified_hours(), Hours(4));
    }

    #[test]
    fn a_row_needs_content_and_positive_hours() {
        let mut r = row();
        r.content = " ".into();
        r.hours = Hours(0);
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
        let fields: Vec<_> = r.validate(today).iter().map(|e| e.field).collect();
        assert_eq!(fields, ["field.content", "field.hours"]);
    }
}
