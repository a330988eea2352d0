//! Forms over many records: 表1, 表2, 附件3, 附件4 and the two 花名册.
use chrono::NaiveDate;

use super::{Filter, Names, chosen_communities, code, date, hours, text, ym};
use crate::domain::rules::reporting::YearSpan;
use crate::domain::rules::stars_text;
use crate::domain::*;
use crate::evaluate::units::{UnitFilter, unit_stats as stats};
use crate::i18n::{Lang, t};
use crate::report::{Cell, Report, Sheet};
use crate::store::{StoreError, View};

fn headers(h: &[&str]) -> Vec<String> {
    h.iter().map(|s| s.to_string()).collect()
}

/// 表1 社区联系方式一览表
pub fn communities(view: &View, filter: &Filter) -> Result<Report, StoreError> {
    let rows = chosen_communities(view, &mut Names::empty(), filter)?
        .iter()
        .enumerate()
        .map(|(i, c)| {
            vec![
                Cell::Int(i as i64 + 1),
                text(&c.county),
                text(&c.street),
                text(&c.name),
                text(&c.secretary),
                code(&c.phone),
                text(&c.address),
                text(&c.service_day),
            ]
        })
        .collect();
    Ok(Report {
        sheets: vec![Sheet {
            name: "表1".into(),
            title: "社区联系方式一览表".into(),
            headers: headers(&[
                "序号",
                "县(市、区)",
                "街道(乡镇)",
                "社区名称",
                "社区党组织书记",
                "联系电话",
                "办公地址",
                "固定服务日",
            ]),
            rows,
            ..Default::default()
        }],
    })
}

/// 表2 在职党员到社区报到一览表 — one row per community, for the year.
pub fn overview(view: &View, filter: &Filter, today: NaiveDate) -> Result<Report, StoreError> {
    let year = filter.year_or(today);
    // The year as it stood: registrations reported and still there at its end, and slips whose
    // deadline passed within it (a slip issued later, or due later, is no part of it).
    let span = YearSpan::new(year, today);
    let communities = chosen_communities(view, &mut Names::empty(), filter)?;
    // One stored tally per community, kept with every save; a reviewer reading a file from
    // before the tallies sums the rows instead.
    let stored = view.has_community_tallies()?;
    let mut tallies = match (stored, filter.community) {
        (true, None) => view.community_tallies()?,
        _ => Default::default(),
    };
    let mut kinds = Default::default();
    let mut rows = Vec::new();
    let mut sums = [0i64; 9];
    let mut total_halves = 0u64;
    for (i, c) in communities.iter().enumerate() {
        let tally = match (stored, filter.community) {
            (true, None) => tallies.remove(&c.id).unwrap_or_default(),
            (true, Some(_)) => view.community_tally(c.id)?,
            (false, _) => view.community_tally_from_rows(c.id, &mut kinds)?,
        };
        let y = tally.year(&span);
        // reported, 机关 事业 企业 大专院校 其他, receipts, overdue
        let mut counts = vec![y.reported as i64];
        counts.extend(y.by_kind.iter().map(|&n| n as i64));
        counts.push(y.receipts as i64);
        counts.push(y.overdue as i64);
        let totals = view.community_totals(c.id, year)?;
        let mut row = vec![Cell::Int(i as i64 + 1), text(&c.street), text(&c.name)];
        row.extend(counts.iter().map(|&n| Cell::Int(n)));
        // 本年服务人次 counts certified services, as the 反馈单 and the hours beside it do.
        row.push(Cell::Int(totals.certified_services as i64));
        row.push(hours(totals.certified_halves as u64));
        for (k, n) in counts.iter().enumerate() {
            sums[k] += n;
        }
        sums[8] += totals.certified_services as i64;
        total_halves += totals.certified_halves as u64;
        rows.push(row);
    }
    let mut foot = vec![Cell::Empty, text("合计"), Cell::Empty];
    foot.extend(sums.iter().map(|&n| Cell::Int(n)));
    foot.push(hours(total_halves));
    rows.push(foot);
    Ok(Report {
        sheets: vec![Sheet {
            name: "表2".into(),
            title: "在职党员到社区报到一览表".into(),
            above: vec![format!("年度：{year}")],
            headers: headers(&[
                "序号",
                "街道(乡镇)",
                "社区名称",
                "报到党员数",
                "其中：机关",
                "事业",
                "企业",
                "大专院校",
                "其他",
                "已交回执数",
                "逾期未报到数",
                "本年服务人次",
                "本年认证服务时长(小时)",
            ]),
            rows,
            below: vec![super::member_forms::CERTIFIED_ONLY.into()],
            boxed: None,
            ..Default::default()
        }],
    })
}

/// 附件3 在职党员社区报到情况统计表 — one row per unit, with the rate and the 90% rule.
pub fn unit_stats(
    view: &View,
    filter: &Filter,
    today: NaiveDate,
    lang: Lang,
) -> Result<Report, StoreError> {
    let year = filter.year_or(today);
    let settings = view.settings()?;
    let f = UnitFilter {
        unit: filter.unit,
        community: filter.community,
    };
    let rows = stats(view, year, today, &f)?
        .into_iter()
        .map(|s| {
            let reasons = s
                .reasons
                .iter()
                .take(3)
                .map(|(r, n)| format!("{r}({n})"))
                .collect::<Vec<_>>()
                .join("；");
            let mut note = s.rate.note(lang).unwrap_or_default();
            if !s.services.ok() {
                if !note.is_empty() {
                    note.push('；');
                }
                note.push_str(&format!(
                    "{}：{}",
                    t(lang, "report.unit_service"),
                    s.services.detail(lang)
                ));
            }
            vec![
                text(&s.unit.name),
                Cell::Int(s.rate.base as i64),
                Cell::Int(s.rate.reported as i64),
                Cell::Int(s.communities as i64),
                Cell::Int(s.not_reported as i64),
                text(&reasons),
                // Rounded down to a tenth, so the printed rate agrees with the flag beside it.
                match s.rate.permille() {
                    Some(p) => Cell::Num(p as f64 / 10.0),
                    None => text("—"),
                },
                text(match s.rate.below() {
                    Some(true) => "是",
                    Some(false) => "否",
                    None => "—",
                }),
                text(if s.services.ok() { "是" } else { "否" }),
                text(&note),
            ]
        })
        .collect();
    Ok(Report {
        sheets: vec![Sheet {
            name: "附件3".into(),
            title: "在职党员社区报到情况统计表".into(),
            above: vec![format!(
                "年度：{year}    报到率要求：{}%",
                settings.unit_rate_percent
            )],
            headers: headers(&[
                "单位名称",
                "在职党员总数",
                "报到党员总数",
                "报到涉及社区数",
                "未到社区报到的党员数",
                "未报到的主要原因",
                "报到率(%)",
                "低于要求",
                "每半年到社区服务",
                "说明",
            ]),
            rows,
            ..Default::default()
        }],
    })
}

/// 附件4 在职党员社区报到登记表 — the community roster, one sheet per community.
pub fn roster(view: &View, filter: &Filter) -> Result<Report, StoreError> {
    let mut names = Names::for_filter(view, filter)?;
    let mut sheets = Vec::new();
    for c in chosen_communities(view, &mut names, filter)? {
        names.posts_of(view, c.id)?;
        let mut members = view.members_of_community(c.id)?;
        members.retain(|m| !m.archived && filter.unit.is_none_or(|u| m.unit == Some(u)));
        members.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        let owners = members.iter().map(|m| m.id).collect();
        let mut rows = Vec::new();
        for (i, m) in members.iter().enumerate() {
            let reg = view.current_registration(m.id)?;
            names.unit_of(view, m.unit)?;
            let kind = m
                .unit
                .and_then(|u| names.units.get(&u))
                .map(|u| u.kind.label(Lang::Zh));
            rows.push(vec![
                Cell::Int(i as i64 + 1),
                text(&m.name),
                text(m.gender.map(|g| g.label(Lang::Zh)).unwrap_or("")),
                ym(m.birth),
                ym(m.joined),
                text(&m.education),
                text(&m.specialties),
                text(&m.hobbies),
                text(&names.unit_and_position(m)),
                text(kind.unwrap_or("")),
                text(&m.address),
                code(&m.unit_phone),
                code(&m.mobile),
                text(&m.project),
                text(&m.team),
                date(reg.as_ref().and_then(|r| r.reported_on)),
                text(if m.willing_other { "是" } else { "否" }),
            ]);
        }
        sheets.push(Sheet {
            name: c.name.clone(),
            title: "在职党员社区报到登记表".into(),
            above: vec![format!(
                "县(市、区)：{}    街道(乡镇)：{}    社区党组织：{}",
                c.county,
                c.street,
                if c.party_org.is_empty() {
                    &c.name
                } else {
                    &c.party_org
                }
            )],
            headers: headers(&[
                "序号",
                "姓名",
                "性别",
                "出生年月",
                "入党时间",
                "文化程度",
                "专业特长",
                "兴趣爱好",
                "工作单位及职务",
                "单位属性(机关、事业、企业、大专院校)",
                "住址",
                "单位电话",
                "手机",
                "志愿服务项目",
                "志愿服务小组",
                "报到日期",
                "是否愿意参加社区其他服务",
            ]),
            rows,
            owners,
            ..Default::default()
        });
    }
    Ok(Report { sheets })
}

/// 花名册(社区) — one sheet per community.
pub fn community_roster(view: &View, filter: &Filter) -> Result<Report, StoreError> {
    let mut names = Names::for_filter(view, filter)?;
    let mut sheets = Vec::new();
    for c in chosen_communities(view, &mut names, filter)? {
        names.posts_of(view, c.id)?;
        let mut members = view.members_of_community(c.id)?;
        members.retain(|m| !m.archived);
        members.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        let owners = members.iter().map(|m| m.id).collect();
        let mut rows = Vec::new();
        for (i, m) in members.iter().enumerate() {
            let reg = view.current_registration(m.id)?;
            names.unit_of(view, m.unit)?;
            rows.push(vec![
                Cell::Int(i as i64 + 1),
                text(&m.name),
                text(m.gender.map(|g| g.label(Lang::Zh)).unwrap_or("")),
                text(&names.unit_and_position(m)),
                code(&m.mobile),
                date(reg.as_ref().and_then(|r| r.reported_on)),
                text(
                    &reg.as_ref()
                        .map(|r| names.post_names(&r.posts))
                        .unwrap_or_default(),
                ),
                text(&m.team),
            ]);
        }
        sheets.push(Sheet {
            name: c.name.clone(),
            title: format!("{} 在职党员花名册", c.name),
            headers: headers(&[
                "序号",
                "姓名",
                "性别",
                "工作单位及职务",
                "手机",
                "报到日期",
                "认领岗位",
                "志愿服务小组",
            ]),
            rows,
            owners,
            ..Default::default()
        });
    }
    Ok(Report { sheets })
}

/// 花名册(单位) — one sheet per unit.
pub fn unit_roster(
    view: &View,
    filter: &Filter,
    today: NaiveDate,
    lang: Lang,
) -> Result<Report, StoreError> {
    let mut names = Names::for_filter(view, filter)?;
    match filter.unit {
        Some(u) => names.unit_of(view, Some(u))?,
        None => names.every_unit(view)?,
    }
    let mut units: Vec<Unit> = names
        .units
        .values()
        .filter(|u| !u.archived && filter.unit.is_none_or(|f| f == u.id))
        .cloned()
        .collect();
    units.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    let mut sheets = Vec::new();
    for u in units {
        let mut members = view.members_of_unit(u.id)?;
        members.retain(|m| !m.archived && filter.community.is_none_or(|c| m.community == Some(c)));
        if members.is_empty() && filter.unit.is_none() {
            continue;
        }
        members.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        let owners = members.iter().map(|m| m.id).collect();
        let mut rows = Vec::new();
        for (i, m) in members.iter().enumerate() {
            let reg = view.current_registration(m.id)?;
            names.community_of(view, reg.as_ref().map(|r| r.community))?;
            let status = reg
                .as_ref()
                .map(|r| r.status(today).label(lang))
                .unwrap_or("");
            rows.push(vec![
                Cell::Int(i as i64 + 1),
                text(&m.name),
                text(m.gender.map(|g| g.label(Lang::Zh)).unwrap_or("")),
                text(&m.position),
                code(&m.mobile),
                text(&names.community_name(reg.as_ref().map(|r| r.community))),
                date(reg.as_ref().and_then(|r| r.reported_on)),
                date(reg.as_ref().and_then(|r| r.receipt_on)),
                text(status),
            ]);
        }
        sheets.push(Sheet {
            name: u.name.clone(),
            title: format!("{} 在职党员花名册", u.name),
            headers: headers(&[
                "序号",
                "姓名",
                "性别",
                "职务",
                "手机",
                "报到社区",
                "报到日期",
                "回执交回日期",
                "状态",
            ]),
            rows,
            owners,
            ..Default::default()
        });
    }
    Ok(Report { sheets })
}

/// Stars as on the feedback form, e.g. `56.5 / ★★`.
pub(crate) fn points_and_stars(points: f64, stars: u8) -> String {
    format!(
        "{} / {}",
        crate::report::table::format_num(points),
        stars_text(stars)
    )
}
