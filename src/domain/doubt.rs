//! Doubts: what a save points out before it is made, going through only when the clerk says
//! so. Unlike a validation error a doubt can be right — two real namesakes, a member who
//! served before the paperwork caught up, the same service done twice in a day — so the
//! program asks instead of refusing, and names what it found.
//!
//! Owns: when two records look like one, and when a service comes before its report. Must
//! not touch: reading the ledger (the caller hands in what is on file).

use chrono::NaiveDate;

use super::{Hours, Member, Registration, ServiceRecord, YearMonth};
use crate::i18n::{Lang, t, tf};

/// One thing a save should be confirmed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Doubt {
    /// A row with the same member, date, content and hours is on file.
    SameService {
        member: String,
        date: NaiveDate,
        content: String,
        hours: Hours,
    },
    /// A service dated before the member reported to the community (or who has not
    /// reported there at all).
    BeforeReport {
        member: String,
        date: NaiveDate,
        reported: Option<NaiveDate>,
    },
    /// Another member on file has this mobile.
    SameMobile {
        other: String,
        community: String,
        mobile: String,
    },
    /// Another member on file has this name and birth.
    SameNameBirth {
        other: String,
        community: String,
        birth: YearMonth,
    },
}

impl Doubt {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Doubt::SameService {
                member,
                date,
                content,
                hours,
            } => tf(lang, "doubt.same_service", &[member, date, content, hours]),
            Doubt::BeforeReport {
                member,
                date,
                reported: Some(r),
            } => tf(lang, "doubt.before_report", &[member, date, r]),
            Doubt::BeforeReport {
                member,
                date,
                reported: None,
            } => tf(lang, "doubt.not_reported", &[member, date]),
            Doubt::SameMobile {
                other,
                community,
                mobile,
            } => tf(lang, "doubt.same_mobile", &[other, community, mobile]),
            Doubt::SameNameBirth {
                other,
                community,
                birth,
            } => tf(lang, "doubt.same_name_birth", &[other, community, birth]),
        }
    }

    /// Several doubts as one question: the first three, and how many more.
    pub fn summary(doubts: &[Doubt], lang: Lang) -> String {
        let mut parts: Vec<String> = doubts.iter().take(3).map(|d| d.message(lang)).collect();
        if doubts.len() > 3 {
            parts.push(tf(lang, "doubt.more", &[&(doubts.len() - 3)]));
        }
        parts.join(t(lang, "doubt.sep"))
    }
}

/// The live row on file that `row` repeats: same member, date, content and hours.
pub fn same_service<'a>(
    row: &ServiceRecord,
    on_file: &'a [ServiceRecord],
) -> Option<&'a ServiceRecord> {
    on_file.iter().find(|r| {
        r.id != row.id
            && !r.archived
            && r.member == row.member
            && r.date == row.date
            && r.content.trim() == row.content.trim()
            && r.hours == row.hours
    })
}

/// Whether a service on `date` at `community` comes before the member reported there:
/// `None` when a registration there was reported on or before the date; otherwise
/// `Some(the day they did report there, if any)`.
pub fn before_report(
    date: NaiveDate,
    community: super::Id,
    registrations: &[Registration],
) -> Option<Option<NaiveDate>> {
    let reported = registrations
        .iter()
        .filter(|r| r.community == community)
        .filter_map(|r| r.reported_on);
    let mut first = None;
    for d in reported {
        if d <= date {
            return None;
        }
        first = Some(first.map_or(d, |f: NaiveDate| f.min(d)));
    }
    Some(first)
}

/// The doubt `member` raises against `other`, a different live member on file.
pub fn same_member(member: &Member, other: &Member, community: &str) -> Option<Doubt> {
    if other.id == member.id || other.archived {
        return None;
    }
    if !member.mobile.is_empty() && other.mobile == member.mobile {
        return Some(Doubt::SameMobile {
            other: other.name.clone(),
            community: community.to_string(),
            mobile: member.mobile.clone(),
        });
    }
    match member.birth {
        Some(birth) if other.name == member.name && other.birth == Some(birth) => {
            Some(Doubt::SameNameBirth {
                other: other.name.clone(),
                community: community.to_string(),
                birth,
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Id, ServiceKind};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default()
    }

    fn row(id: u128, content: &str, hours: u16) -> ServiceRecord {
        ServiceRecord {
            id: Id(id),
            member: Id(7),
            community: Id(9),
            date: d(5, 1),
            content: content.into(),
            place: String::new(),
            hours: Hours(hours),
            rating: None,
            kind: ServiceKind::Volunteer,
            certification: None,
            activity: None,
            demand: None,
            household: None,
            archived: false,
        }
    }

    #[test]
    fn a_row_repeating_member_date_content_and_hours_is_a_duplicate() {
        let on_file = [row(1, "清理楼道", 4), row(2, "反诈宣传", 4)];
        assert_eq!(
            same_service(&row(3, "清理楼道", 4), &on_file).map(|r| r.id),
            Some(Id(1))
        );
        assert!(same_service(&row(3, "清理楼道", 3), &on_file).is_none());
        assert!(
            same_service(&row(1, "清理楼道", 4), &on_file).is_none(),
            "itself"
        );
        let mut archived = on_file.clone();
        archived[0].archived = true;
        assert!(same_service(&row(3, "清理楼道", 4), &archived).is_none());
    }

    #[test]
    fn a_service_before_the_report_there_is_doubted() {
        let reg = |c: u128, on: Option<NaiveDate>| Registration {
            community: Id(c),
            reported_on: on,
            ..Default::default()
        };
        let regs = [reg(9, Some(d(5, 10))), reg(8, Some(d(1, 1)))];
        assert_eq!(before_report(d(5, 1), Id(9), &regs), Some(Some(d(5, 10))));
        assert_eq!(before_report(d(5, 10), Id(9), &regs), None);
        assert_eq!(before_report(d(5, 1), Id(7), &regs), Some(None));
        let m = Doubt::BeforeReport {
            member: "张伟".into(),
            date: d(5, 1),
            reported: Some(d(5, 10)),
        };
        assert!(
            m.message(Lang::Zh).contains("2026-05-10"),
            "{}",
            m.message(Lang::Zh)
        );
    }

    #[test]
    fn members_sharing_a_mobile_or_name_and_birth_are_doubted() {
        let birth = YearMonth::new(1980, 3);
        let a = Member {
            id: Id(1),
            name: "王芳".into(),
            mobile: "13900001111".into(),
            birth,
            ..Default::default()
        };
        let mut b = Member {
            id: Id(2),
            name: "李明".into(),
            mobile: "13900001111".into(),
            ..Default::default()
        };
        assert!(matches!(
            same_member(&a, &b, "紫鑫城社区"),
            Some(Doubt::SameMobile { .. })
        ));
        b.mobile = "13900002222".into();
        assert_eq!(same_member(&a, &b, "紫鑫城社区"), None);
        b.name = "王芳".into();
        b.birth = birth;
        assert!(matches!(
            same_member(&a, &b, "紫鑫城社区"),
            Some(Doubt::SameNameBirth { .. })
        ));
        b.birth = YearMonth::new(1981, 3);
        assert_eq!(same_member(&a, &b, "紫鑫城社区"), None, "namesakes");
    }
}
