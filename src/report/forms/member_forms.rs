//! Forms about one member: 附件1 报到单 with its 回执, 附件2 基本情况登记表, 附件5 服务记录卡,
//! and the year's 在职党员社区表现反馈单 (grouped by unit, for sending).
use chrono::{Datelike, NaiveDate};

use super::boxed;
use super::ledger_forms::points_and_stars;
use super::{Filter, Names, chosen_members, code, date, hours, text, ym};
use crate::domain::community::STANDARD_POSTS;
use crate::domain::rules;
use crate::domain::*;
use crate::evaluate::community_session;
use crate::i18n::Lang;
use crate::report::{Cell, Report, Sheet};
use crate::store::{StoreError, View};

fn pairs(rows: Vec<(&str, Cell)>) -> Vec<Vec<Cell>> {
    rows.into_iter()
        .map(|(k, v)| vec![Cell::Text(k.to_string()), v])
        .collect()
}

/// The label and the printed value of each row of a field table.
fn pair_texts(rows: &[Vec<Cell>]) -> Vec<boxed::Pair> {
    rows.iter()
        .map(|r| {
            let get = |i: usize| r.get(i).map(Cell::display).unwrap_or_default();
            (get(0), get(1))
        })
        .collect()
}

fn field_headers() -> Vec<String> {
    vec!["项目".into(), "内容".into()]
}

/// 附件1 报到单 + 回执 — one sheet per member: the letter, 000 附件1's field table, the receipt.
pub fn slip(view: &View, filter: &Filter) -> Result<Report, StoreError> {
    let mut names = Names::for_filter(view, filter)?;
    let mut sheets = Vec::new();
    for m in chosen_members(view, filter)? {
        let reg = view.current_registration(m.id)?;
        names.unit_of(view, m.unit)?;
        names.community_of(view, reg.as_ref().map(|r| r.community))?;
        let community = names.community_name(reg.as_ref().map(|r| r.community));
        if let Some(r) = &reg {
            names.posts_of(view, r.community)?;
        }
        let unit = m.unit.and_then(|u| names.units.get(&u)).cloned();
        let standing = m.standing.map(|s| s.label(Lang::Zh)).unwrap_or("正式");
        let by = reg
            .as_ref()
            .and_then(|r| r.report_by)
            .map(fmt_date)
            .unwrap_or_else(|| "    年  月  日".into());
        let issued = reg
            .as_ref()
            .and_then(|r| r.issued_on)
            .map(fmt_date)
            .unwrap_or_default();
        let posts = reg
            .as_ref()
            .map(|r| names.post_names(&r.posts))
            .unwrap_or_default();
        let reported = reg.as_ref().and_then(|r| r.reported_on);
        let place = reg
            .as_ref()
            .and_then(|r| names.communities.get(&r.community))
            .map(|c| (c.county.clone(), c.street.clone()))
            .unwrap_or_default();
        let addressee = format!(
            "{} 县（市、区）  {} 街道（乡镇）  {community}党组织：",
            place.0, place.1
        );
        let letter = format!(
            "    我单位中共（{standing}）党员 {} 同志，联系电话：{}，现到你处报到，请予登记并安排参加社区相关服务活动。",
            m.name, m.mobile
        );
        let by_line = format!("（请于{by}之前报到）");
        let unit_org = unit
            .as_ref()
            .map(|u| u.party_org.clone())
            .unwrap_or_default();
        let above = vec![
            addressee.clone(),
            format!("{letter}{by_line}"),
            format!("（单位党组织盖章）{unit_org}    {issued}"),
        ];
        let rows = pairs(vec![
            ("姓名", text(&m.name)),
            (
                "性别",
                text(m.gender.map(|g| g.label(Lang::Zh)).unwrap_or("")),
            ),
            ("出生年月", ym(m.birth)),
            ("学历", text(&m.education)),
            ("入党时间", ym(m.joined)),
            ("联系电话", code(&m.mobile)),
            ("工作单位及职务", text(&names.unit_and_position(&m))),
            (
                "单位党组织联系人及电话",
                text(
                    &unit
                        .as_ref()
                        .map(|u| format!("{} {}", u.contact_name, u.contact_phone))
                        .unwrap_or_default(),
                ),
            ),
            ("特长", text(&m.specialties)),
            (
                "是否是党代表、人大代表、政协委员",
                text(if m.deputy.is_empty() {
                    "否"
                } else {
                    &m.deputy
                }),
            ),
            ("认领的工作类型", text(&posts)),
            ("能够提供服务的时间", text(&m.availability)),
        ]);
        let receipt_to = format!(
            "{}党组织：",
            unit.as_ref().map(|u| u.name.as_str()).unwrap_or("")
        );
        let receipt = format!(
            "    你单位党员 {} 同志已于 {} 到我处报到登记，认领的社区服务岗位为 {}。",
            m.name,
            reported
                .map(|d| format!("{}月{}日", d.month(), d.day()))
                .unwrap_or_else(|| "  月  日".into()),
            if posts.is_empty() {
                "__________".to_string()
            } else {
                posts.clone()
            }
        );
        let reported_on = reported.map(fmt_date).unwrap_or_default();
        let below = vec![
            "------------------------------ 回执 ------------------------------".into(),
            receipt_to.clone(),
            receipt.clone(),
            format!("（社区党组织盖章）{community}    {reported_on}"),
        ];
        let blank_date = |d: &str| {
            if d.is_empty() {
                "    年  月  日".to_string()
            } else {
                d.to_string()
            }
        };
        let boxed = boxed::slip(boxed::SlipText {
            addressee,
            letter,
            by: by_line,
            unit_org,
            issued: blank_date(&issued),
            fields: pair_texts(&rows),
            receipt_to,
            receipt,
            community_org: community.clone(),
            reported: blank_date(&reported_on),
        });
        sheets.push(Sheet {
            name: m.name.clone(),
            title: "在职党员到社区报到单".into(),
            above,
            headers: field_headers(),
            rows,
            below,
            boxed: Some(boxed),
            owner: Some(m.id),
            ..Default::default()
        });
    }
    Ok(Report { sheets })
}

fn fmt_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// 附件2 在职党员基本情况登记表 — one sheet per member, the eight standard posts as tick boxes.
pub fn member_form(view: &View, filter: &Filter) -> Result<Report, StoreError> {
    let mut names = Names::for_filter(view, filter)?;
    let mut sheets = Vec::new();
    for m in chosen_members(view, filter)? {
        let reg = view.current_registration(m.id)?;
        names.unit_of(view, m.unit)?;
        names.community_of(view, reg.as_ref().map(|r| r.community))?;
        if let Some(r) = &reg {
            names.posts_of(view, r.community)?;
        }
        let claimed: Vec<String> = reg
            .as_ref()
            .map(|r| {
                r.posts
                    .iter()
                    .filter_map(|p| names.posts.get(p).cloned())
                    .collect()
            })
            .unwrap_or_default();
        let ticks = STANDARD_POSTS
            .iter()
            .map(|p| {
                format!(
                    "{}{p}",
                    if claimed.iter().any(|c| c == p) {
                        "☑"
                    } else {
                        "☐"
                    }
                )
            })
            .collect::<Vec<_>>()
            .join(" ");
        let others: Vec<&String> = claimed
            .iter()
            .filter(|c| !STANDARD_POSTS.contains(&c.as_str()))
            .collect();
        let mut posts = ticks;
        if !others.is_empty() {
            posts.push_str(&format!(
                " 其他：{}",
                others
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            ));
        }
        let rows = pairs(vec![
            ("姓名", text(&m.name)),
            (
                "性别",
                text(m.gender.map(|g| g.label(Lang::Zh)).unwrap_or("")),
            ),
            ("民族", text(&m.ethnicity)),
            ("出生年月", ym(m.birth)),
            ("学历", text(&m.education)),
            ("入党时间", ym(m.joined)),
            (
                "党员类别",
                text(m.standing.map(|s| s.label(Lang::Zh)).unwrap_or("")),
            ),
            ("健康状况", text(&m.health)),
            ("手机", code(&m.mobile)),
            ("工作单位及职务", text(&names.unit_and_position(&m))),
            ("单位电话", code(&m.unit_phone)),
            ("家庭住址", text(&m.address)),
            ("专业特长", text(&m.specialties)),
            ("兴趣爱好", text(&m.hobbies)),
            (
                "是否党代表、人大代表、政协委员",
                text(if m.deputy.is_empty() {
                    "否"
                } else {
                    &m.deputy
                }),
            ),
            ("能参加社区服务的时间", text(&m.availability)),
            (
                "是否愿意参加社区其他服务",
                text(if m.willing_other { "是" } else { "否" }),
            ),
            ("认领岗位（请至少认领一个岗位）", text(&posts)),
            ("志愿服务小组", text(&m.team)),
            ("志愿服务项目", text(&m.project)),
            (
                "报到社区",
                text(&names.community_name(reg.as_ref().map(|r| r.community))),
            ),
            ("报到日期", date(reg.as_ref().and_then(|r| r.reported_on))),
        ]);
        let texts = pair_texts(&rows);
        let get = |label: &str| {
            texts
                .iter()
                .find(|(l, _)| l == label)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let place = reg
            .as_ref()
            .and_then(|r| names.communities.get(&r.community))
            .map(|c| {
                format!(
                    "{} 县（市、区）  {} 街道（乡镇）  {}",
                    c.county, c.street, c.name
                )
            })
            .unwrap_or_else(|| "      县（市、区）      街道（乡镇）      社区（村）".into());
        let boxed = boxed::member_form(boxed::MemberFormText {
            get: &get,
            unit_address: m
                .unit
                .and_then(|u| names.units.get(&u))
                .map(|u| u.address.clone())
                .unwrap_or_default(),
            community: place,
            posts: boxed::post_ticks(&STANDARD_POSTS, &claimed),
        });
        sheets.push(Sheet {
            name: m.name.clone(),
            title: "在职党员基本情况登记表".into(),
            headers: field_headers(),
            rows,
            below: vec!["注：本表所填个人信息严格保密。".into()],
            boxed: Some(boxed),
            owner: Some(m.id),
            ..Default::default()
        });
    }
    Ok(Report { sheets })
}

/// 附件5 在职党员社区服务(活动)记录卡 — one sheet per member, rows in date order within the
/// filter's dates; the total counts certified hours only.
pub fn card(view: &View, filter: &Filter, today: NaiveDate) -> Result<Report, StoreError> {
    // Only the names the cards show: one member's card must not read a province's units.
    let mut names = Names::empty();
    let (from, to) = filter.range(today);
    let mut sheets = Vec::new();
    for m in chosen_members(view, filter)? {
        let rows_src = view.services_of_member(m.id, Some(from), Some(to))?;
        let mut certified = 0u64;
        let mut rows = Vec::new();
        let (mut open_rows, mut open_halves) = (0usize, 0u64);
        for s in rows_src.iter().filter(|s| !s.archived) {
            certified += s.certified_hours().0 as u64;
            // A row not yet certified is on the card but not in its total: say so on the row.
            let signed = match &s.certification {
                Some(c) => text(&c.name),
                None => {
                    open_rows += 1;
                    open_halves += s.hours.0 as u64;
                    text("（未认证）")
                }
            };
            rows.push(vec![
                Cell::Date(s.date),
                text(&s.content),
                text(&s.place),
                hours(s.hours.0 as u64),
                text(s.rating.map(|r| r.label(Lang::Zh)).unwrap_or("")),
                signed,
            ]);
        }
        let reg = view.current_registration(m.id)?;
        names.unit_of(view, m.unit)?;
        names.community_of(view, reg.as_ref().map(|r| r.community))?;
        let title = "在职党员社区服务(活动)记录卡";
        let above = vec![format!(
            "在职党员姓名：{}    工作单位：{}    报到社区：{}",
            m.name,
            names.unit_name(m.unit),
            names.community_name(reg.as_ref().map(|r| r.community))
        )];
        let total = format!(
            "个人累计社区服务活动时间 {} 小时",
            validate::format_halves(certified)
        );
        let only = if open_rows == 0 {
            "（只计社区党组织认证的服务时间）".to_string()
        } else {
            format!(
                "（只计社区党组织认证的服务时间；标为“未认证”的 {open_rows} 条共 {} 小时未计入）",
                validate::format_halves(open_halves)
            )
        };
        let boxed = boxed::card(title, &above, &[total.clone(), only.clone()]);
        sheets.push(Sheet {
            name: m.name.clone(),
            title: title.into(),
            above,
            headers: [
                "年月日",
                "服务(活动)内容",
                "服务地点",
                "累计服务时间(小时)",
                "评价(优/良/一般)",
                "认证签字",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
            rows,
            below: vec![total, only, "社区党组织认证签字：".into()],
            boxed: Some(boxed),
            ..Default::default()
        });
    }
    Ok(Report { sheets })
}

/// 在职党员社区表现反馈单 — one slip per member for the year, in order of unit and name (for
/// sending per unit).
pub fn feedback(
    view: &View,
    filter: &Filter,
    today: NaiveDate,
    lang: Lang,
) -> Result<Report, StoreError> {
    let mut names = Names::for_filter(view, filter)?;
    let year = filter.year_or(today);
    // Per community, so the session's assessment and the recorded grade are the same ones the
    // room saw.
    let mut by_unit: std::collections::BTreeMap<(String, Id), Vec<Vec<Cell>>> = Default::default();
    let communities: Vec<Id> = match (filter.community, filter.member) {
        (Some(c), _) => vec![c],
        (None, Some(m)) => view
            .get::<Member>(m)?
            .and_then(|m| m.community)
            .into_iter()
            .collect(),
        _ => super::chosen_communities(view, &mut names, filter)?
            .iter()
            .map(|c| c.id)
            .collect(),
    };
    for c in communities {
        names.posts_of(view, c)?;
        for row in community_session(view, c, year, today, lang)? {
            let m = &row.member;
            if filter.unit.is_some_and(|u| m.unit != Some(u))
                || filter.member.is_some_and(|id| id != m.id)
            {
                continue;
            }
            let a = &row.assessment;
            // The year's own registration (not today's): a member who moved since, or whose
            // slip came later, is shown as the year stood.
            let reg = row.year.registration.as_ref();
            let reported_on = match row.year.reporting {
                rules::Reporting::Reported { on, .. } => Some(on),
                _ => None,
            };
            let posts = match (reported_on, reg) {
                (Some(_), Some(r)) => {
                    // Claimed at another community when the member moved since.
                    names.posts_of(view, r.community)?;
                    names.post_names(&r.posts)
                }
                _ => String::new(),
            };
            let pairings = row.year.pairings;
            // A member who never reported to the community is not graded by it: the form says
            // so, with the reason, and states no disqualification (README "Rules").
            let grade = match &row.evaluation {
                Some(e) => e.grade.label(Lang::Zh).to_string(),
                None if !row.to_grade() => a.why.clone(),
                None => String::new(),
            };
            let comment = row
                .evaluation
                .as_ref()
                .map(|e| e.comment.clone())
                .unwrap_or_default();
            let dq = row
                .evaluation
                .as_ref()
                .map(|e| e.disqualified.clone())
                .filter(|s| !s.is_empty())
                .or_else(|| a.disqualified.clone());
            let dq = match dq {
                Some(why) => format!("是：{why}"),
                None if !row.to_grade() => "不作认定".into(),
                None => "否".into(),
            };
            let at = reg.map_or(c, |r| r.community);
            names.unit_of(view, m.unit)?;
            names.community_of(view, Some(at))?;
            let key = (names.unit_name(m.unit), m.unit.unwrap_or_default());
            by_unit.entry(key).or_default().push(vec![
                text(&m.name),
                text(&names.unit_and_position(m)),
                // Where the year's report was made (the old community for a member who moved).
                text(&names.community_name(Some(at))),
                date(reported_on),
                text(&posts),
                Cell::Int(year as i64),
                Cell::Int(row.year.totals.certified_services as i64),
                hours(row.year.totals.certified_halves as u64),
                Cell::Int(row.year.totals.suggestions as i64),
                // The pairings of the year with their certified visits (a visit counts like
                // any service once certified: DOMAIN "visits are service records").
                text(&match (pairings, row.year.totals.pairing_visits) {
                    (0, _) => "无".into(),
                    (n, 0) => format!("结对 {n} 户，本年未走访"),
                    (n, v) => format!("结对 {n} 户，走访 {v} 次"),
                }),
                text(&points_and_stars(a.points, a.stars)),
                text(&grade),
                text(&comment),
                text(&dq),
            ]);
        }
    }
    // One slip per member, sent per unit: in order of unit, then name.
    let headers: Vec<String> = FEEDBACK_HEADERS.iter().map(|s| s.to_string()).collect();
    let mut sheets = Vec::new();
    for ((unit, unit_id), mut rows) in by_unit {
        rows.sort_by(|a, b| a[0].display().cmp(&b[0].display()));
        let org = names
            .units
            .get(&unit_id)
            .map(|u| u.party_org.clone())
            .filter(|o| !o.is_empty())
            .unwrap_or_else(|| format!("{unit}党组织"));
        for row in rows {
            let cell = |i: usize| row.get(i).map(Cell::display).unwrap_or_default();
            let fields = [0, 2, 1, 3, 4, 5, 6, 7, 8, 9, 10]
                .iter()
                .map(|&i| (headers[i].clone(), cell(i)))
                .collect();
            let grade = cell(11);
            let grades = Grade::ALL
                .iter()
                .map(|g| {
                    let label = g.label(Lang::Zh);
                    format!("{}{label}", crate::report::paper::tick(label == grade))
                })
                .collect::<Vec<_>>()
                .join("    ");
            let boxed = boxed::feedback(boxed::FeedbackText {
                to: format!("{org}："),
                intro: format!(
                    "    你单位党员 {} 同志 {year} 年度在我社区（{}）参加服务和民主评议的情况反馈如下：",
                    cell(0),
                    cell(2)
                ),
                fields,
                grades,
                comment: cell(12),
                disqualified: cell(13),
                note: CERTIFIED_ONLY.into(),
            });
            sheets.push(Sheet {
                name: cell(0),
                title: "在职党员社区表现反馈单".into(),
                above: vec![format!("{org}：    年度：{year}")],
                headers: headers.clone(),
                rows: vec![row],
                below: vec![
                    CERTIFIED_ONLY.into(),
                    "社区党组织(盖章)：                日期：".into(),
                ],
                boxed: Some(boxed),
                ..Default::default()
            });
        }
    }
    Ok(Report { sheets })
}

/// The 反馈单's facts, in DOMAIN.md's order.
const FEEDBACK_HEADERS: [&str; 14] = [
    "姓名",
    "工作单位及职务",
    "报到社区",
    "报到日期",
    "认领岗位",
    "年度",
    "参加服务次数",
    "认证服务时长(小时)",
    "提出建议数",
    "结对帮扶",
    "积分/星级",
    "评议等次",
    "现实表现",
    "是否取消当年评先评优资格及原因",
];

/// Printed under every form that counts services: one definition, the seeds' 认证.
pub(crate) const CERTIFIED_ONLY: &str =
    "注：服务次数、服务时长只计经认证（服务对象、活动组织方或社区党组织签字）的服务记录。";
