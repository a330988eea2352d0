//! Planning 附件5 service rows: one [`ServiceRecord`] per row, for a member found by id, or
//! by name and mobile. Hours per day are the store's rule, checked when the plan is applied.
use chrono::NaiveDate;

use super::Progress;
use super::members::{find_member, tick};
use super::plan::Planner;
use crate::domain::{Certification, CertifierRole, Choice, Hours, Id, ServiceKind, ServiceRecord};
use crate::i18n::{Lang, tf};
use crate::interchange::rows::ServiceRow;
use crate::store::StoreError;

/// The 服务类型 cell: a kind's label in either language, or the usual short forms.
fn parse_kind(s: &str) -> Option<ServiceKind> {
    ServiceKind::parse(s).or(match s.trim() {
        "主题" | "主题活动日" => Some(ServiceKind::Theme),
        "结对" | "帮扶" => Some(ServiceKind::Pairing),
        "菜单" | "三单制" | "点单" => Some(ServiceKind::Menu),
        "志愿" | "志愿者服务" => Some(ServiceKind::Volunteer),
        "定点服务" | "值班" | "定点" => Some(ServiceKind::Duty),
        "网上" | "线上" | "线上服务" => Some(ServiceKind::Online),
        "其它" => Some(ServiceKind::Other),
        _ => None,
    })
}

fn kinds(lang: Lang) -> String {
    ServiceKind::ALL
        .iter()
        .map(|k| k.label(lang))
        .collect::<Vec<_>>()
        .join("、")
}

pub fn plan_services(
    p: &mut Planner<'_>,
    rows: Vec<(usize, ServiceRow)>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), StoreError> {
    let lang = p.lang();
    let mut planned: Vec<(usize, ServiceRecord)> = Vec::with_capacity(rows.len());
    let total = rows.len();
    for (i, (row, s)) in rows.into_iter().enumerate() {
        tick(progress, i + 1, total);
        let Some(who) = find_member(
            p,
            row,
            s.name.as_deref(),
            s.mobile.as_deref(),
            s.member_id.as_deref(),
        ) else {
            continue;
        };
        let community = match (p.opts.community.is_some(), who.community) {
            (true, _) => p.community(row, None),
            (false, Some(c)) => Some(c),
            (false, None) => {
                let who_name = s.name.clone().unwrap_or_else(|| who.id.to_string());
                let msg = tf(lang, "import.ledger.no_member_community", &[&who_name]);
                p.plan.issue(row, "name", msg);
                None
            }
        };
        let Some(community) = community else { continue };
        let Some(hours) = s.hours else {
            let msg = tf(lang, "import.value.required", &[&""]);
            p.plan.issue(row, "hours", msg);
            continue;
        };
        let kind = match s.kind.as_deref() {
            None => ServiceKind::Other,
            Some(text) => match parse_kind(text) {
                Some(k) => k,
                None => {
                    let msg = tf(lang, "import.ledger.service_kind", &[&text, &kinds(lang)]);
                    p.plan.issue(row, "kind", msg);
                    continue;
                }
            },
        };
        planned.push((
            row,
            ServiceRecord {
                id: Id::new(),
                member: who.id,
                community,
                date: s.date,
                content: s.content.clone(),
                place: s.place.clone().unwrap_or_default(),
                hours,
                rating: s.rating,
                kind,
                // 认证签字 with a name: the community Party org vouched for the row.
                certification: s.certified_by.map(|name| Certification {
                    role: CertifierRole::PartyOrg,
                    name,
                    on: s.date,
                }),
                activity: None,
                demand: None,
                household: None,
                archived: false,
            },
        ));
    }
    plan_service_rows(p, planned)
}

/// Plans service rows read from a file: a row repeated in the file is reported, a row already
/// on the member's card is left alone or updated by the `--on-duplicate` rule, the rest added.
pub(super) fn plan_service_rows(
    p: &mut Planner<'_>,
    planned: Vec<(usize, ServiceRecord)>,
) -> Result<(), StoreError> {
    let dup_rows = p.duplicates_in_file(
        planned
            .iter()
            .map(|(row, s)| (*row, (s.member, s.date, s.content.clone(), s.hours))),
        "content",
        "import.ledger.dup_service_file",
    );
    for (row, s) in planned {
        if dup_rows.contains(&row) {
            continue;
        }
        match same_service_on_file(p, s.member, s.date, &s.content, s.hours)? {
            None => p.plan.add(row, s.into()),
            Some(old) => {
                if p.on_duplicate(row, "content", old.id) {
                    let mut new = s;
                    new.id = old.id;
                    if new != old {
                        p.plan.update(row, new.into());
                    }
                }
            }
        }
    }
    Ok(())
}

/// The member's row already in the ledger with the same date, content and hours: the same
/// card imported twice must not double the hours.
pub(super) fn same_service_on_file(
    p: &Planner<'_>,
    member: Id,
    date: NaiveDate,
    content: &str,
    hours: Hours,
) -> Result<Option<ServiceRecord>, StoreError> {
    Ok(p.view
        .services_of_member(member, Some(date), Some(date))?
        .into_iter()
        .find(|s| !s.archived && s.content.trim() == content.trim() && s.hours == hours))
}
