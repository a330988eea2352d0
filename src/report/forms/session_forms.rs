//! The year-end session on paper: the 评议汇总表 (each member's facts, points and stars, the
//! grade the rules propose and why, the grade the room gave, disqualification and why) and the
//! community's 年度工作情况 (joint meetings, and each paired unit's community service, every
//! half-year against the ledger's settings). One pair of sheets per community, so a room can
//! work from paper and a reviewer can read it over SSH.
use chrono::NaiveDate;

use super::member_forms::CERTIFIED_ONLY;
use super::{Filter, Names, chosen_communities, hours, text};
use crate::domain::rules::{HalfYears, Rule, YearSpan, stars_text};
use crate::domain::*;
use crate::evaluate::{SessionRow, community_session, tally};
use crate::i18n::Lang;
use crate::report::{Cell, Report, Sheet};
use crate::store::{StoreError, View};

fn headers(h: &[&str]) -> Vec<String> {
    h.iter().map(|s| s.to_string()).collect()
}

/// `report session`: per community, the 评议汇总表 and the 年度工作情况.
pub fn session(
    view: &View,
    filter: &Filter,
    today: NaiveDate,
    lang: Lang,
) -> Result<Report, StoreError> {
    let mut names = Names::for_filter(view, filter)?;
    let year = filter.year_or(today);
    let span = YearSpan::new(year, today);
    let settings = view.settings()?;
    let mut sheets = Vec::new();
    for c in chosen_communities(view, &mut names, filter)? {
        let rows = community_session(view, c.id, year, today, lang)?;
        for r in &rows {
            names.unit_of(view, r.member.unit)?;
        }
        sheets.push(summary_sheet(&c, &rows, &names, year, span.end, lang));
        sheets.push(work_sheet(view, &c, &mut names, &settings, year, today)?);
    }
    Ok(Report { sheets })
}

/// Grades as printed (the paper is in Chinese, like every seed form).
fn grade_text(g: Option<Grade>) -> &'static str {
    g.map(|g| g.label(Lang::Zh)).unwrap_or("")
}

fn summary_sheet(
    c: &Community,
    rows: &[SessionRow],
    names: &Names,
    year: i32,
    as_of: NaiveDate,
    lang: Lang,
) -> Sheet {
    let mut out = Vec::new();
    let mut proposed = [0usize; 4];
    let mut not_graded = 0;
    let mut disqualified = 0;
    for (i, r) in rows.iter().enumerate() {
        let a = &r.assessment;
        let m = &r.member;
        let t = &r.year.totals;
        match a.proposed {
            Some(Grade::Excellent) => proposed[0] += 1,
            Some(Grade::Qualified) => proposed[1] += 1,
            Some(Grade::Basic) => proposed[2] += 1,
            Some(Grade::Unqualified) => proposed[3] += 1,
            None => not_graded += 1,
        }
        let reported = a.check(Rule::Reported);
        // The reasons: the rule's summary, then every check not met with its numbers.
        let mut why = vec![a.why.clone()];
        if a.graded() {
            why.extend(
                a.checks
                    .iter()
                    .filter(|c| !c.ok)
                    .map(|c| format!("{}：{}", c.rule.label(lang), c.detail)),
            );
        }
        let dq = r
            .evaluation
            .as_ref()
            .map(|e| e.disqualified.clone())
            .filter(|s| !s.is_empty())
            .or_else(|| a.disqualified.clone());
        if dq.is_some() {
            disqualified += 1;
        }
        let dq = match dq {
            Some(why) => format!("是：{why}"),
            None if !r.to_grade() => "不作认定".into(),
            None => "否".into(),
        };
        let graded = r.assessment.graded();
        out.push(vec![
            Cell::Int(i as i64 + 1),
            text(&m.name),
            text(&names.unit_name(m.unit)),
            text(m.standing.map(|s| s.label(Lang::Zh)).unwrap_or("")),
            text(&reported.map(|c| c.detail.clone()).unwrap_or_default()),
            if graded {
                Cell::Int(r.year.posts as i64)
            } else {
                text("—")
            },
            Cell::Int(t.certified_services as i64),
            hours(t.certified_halves as u64),
            text(&format!(
                "{}（采纳 {}）",
                t.suggestions, t.suggestions_adopted
            )),
            Cell::Num(a.points),
            text(&stars_text(a.stars)),
            text(if graded {
                grade_text(a.proposed)
            } else {
                "不评议"
            }),
            text(&why.join("；")),
            text(grade_text(r.evaluation.as_ref().map(|e| e.grade))),
            text(&dq),
            text(&a.notes.join("；")),
        ]);
    }
    let given = tally(rows);
    let to_grade = rows.iter().filter(|r| r.to_grade()).count();
    Sheet {
        name: format!("{} 评议汇总", c.name),
        title: "在职党员年度民主评议汇总表".into(),
        above: vec![format!(
            "社区党组织：{}    年度：{year}    情况统计至：{as_of}",
            if c.party_org.is_empty() {
                &c.name
            } else {
                &c.party_org
            }
        )],
        headers: headers(&[
            "序号",
            "姓名",
            "工作单位",
            "党员类别",
            "报到情况",
            "在用岗位数",
            "认证服务次数",
            "认证服务时长(小时)",
            "提出建议数",
            "积分",
            "星级",
            "拟定等次",
            "拟定理由",
            "评议等次",
            "是否取消当年评先评优资格及原因",
            "说明",
        ]),
        rows: out,
        boxed: None,
        below: vec![
            format!(
                "拟定：优秀 {} 人，合格 {} 人，基本合格 {} 人，不合格 {} 人；未到社区报到、社区不评议 {not_graded} 人。",
                proposed[0], proposed[1], proposed[2], proposed[3]
            ),
            format!(
                "已评议 {} / {to_grade} 人：优秀 {} 人，合格 {} 人，基本合格 {} 人，不合格 {} 人；取消当年评先评优资格 {disqualified} 人。",
                to_grade - given[4],
                given[0],
                given[1],
                given[2],
                given[3]
            ),
            "拟定等次由台账按设置的规则提出，评议等次由评议会议决定。".into(),
            CERTIFIED_ONLY.into(),
        ],
        ..Default::default()
    }
}

/// One half-year figure: the count, or 未到期 for a half not begun.
fn half(h: &HalfYears, i: usize) -> Cell {
    if h.due[i] {
        Cell::Int(h.counts[i] as i64)
    } else {
        text("未到期")
    }
}

fn met(h: &HalfYears) -> Cell {
    text(if !h.due[0] && !h.due[1] {
        "未到期"
    } else if h.ok() {
        "是"
    } else {
        "否"
    })
}

fn work_sheet(
    view: &View,
    c: &Community,
    names: &mut Names,
    settings: &Settings,
    year: i32,
    today: NaiveDate,
) -> Result<Sheet, StoreError> {
    use chrono::Datelike;
    let mut meetings: Vec<JointMeeting> = view
        .meetings_of_community(c.id)?
        .into_iter()
        .filter(|m| m.date.year() == year)
        .collect();
    meetings.sort_by_key(|m| m.date);
    let check = HalfYears::count(
        meetings.iter().map(|m| m.date),
        year,
        settings.meetings_per_half,
        today,
    );
    let mut rows = vec![vec![
        text("社区召开联席会"),
        half(&check, 0),
        half(&check, 1),
        Cell::Int(settings.meetings_per_half as i64),
        met(&check),
    ]];
    for u in names.paired_with(view, c.id)? {
        // The unit's community service wherever it served, as 附件3 counts it.
        let dates: Vec<NaiveDate> = view
            .unit_services_of_unit(u.id)?
            .into_iter()
            .map(|s| s.date)
            .collect();
        let h = HalfYears::count(dates, year, settings.unit_services_per_half, today);
        rows.push(vec![
            text(&format!("结对单位 {} 到社区服务", u.name)),
            half(&h, 0),
            half(&h, 1),
            Cell::Int(settings.unit_services_per_half as i64),
            met(&h),
        ]);
    }
    for m in &meetings {
        for u in &m.units {
            names.unit_of(view, Some(*u))?;
        }
    }
    let mut below: Vec<String> = meetings
        .iter()
        .map(|m| {
            let present: Vec<String> = m.units.iter().map(|u| names.unit_name(Some(*u))).collect();
            format!(
                "联席会 {}：{}（参加单位：{}）",
                m.date,
                m.topics,
                present.join("、")
            )
        })
        .collect();
    below.push("注：每半年要求见台账设置；尚未开始的半年不作要求（未到期）。".into());
    Ok(Sheet {
        name: format!("{} 年度工作", c.name),
        title: "社区在职党员工作年度情况".into(),
        above: vec![format!("社区：{}    年度：{year}", c.name)],
        headers: headers(&["项目", "上半年", "下半年", "每半年至少", "是否达到"]),
        rows,
        below,
        boxed: None,
        ..Default::default()
    })
}
