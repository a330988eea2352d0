//! Year-end truth on a constructed ledger with a member on every reporting boundary, judged for
//! the current year (2026, on 20 December) and a past year (2025). Every figure below was worked
//! out by hand from the rules (DOMAIN.md "Default settings" and README "Rules"), not by the code
//! under test:
//!
//! | member   | registrations                                          | 2026                     | 2025                    |
//! |----------|--------------------------------------------------------|--------------------------|-------------------------|
//! | 甲按时   | C: slip 2025-03-01, due 03-31, reported 03-20, post P  | 合格, 16 pts ★           | 合格, 8.5 pts ☆         |
//! | 乙迟到   | C: slip 2026-03-01, due 03-10, reported 03-11          | 合格, late by 1 day      | not in the year         |
//! | 丙后发   | C: slip 2026-01-05, due 03-31, never reported          | 不合格, disqualified     | not in the year         |
//! | 丁跨年   | C: slip 2025-12-01, due 2026-01-10, reported 01-08     | 合格                     | 报到期限未到, not graded |
//! | 戊未到期 | C: slip 2026-12-01, due 2027-01-10                     | 报到期限未到, not graded  | not in the year         |
//! | 己转移   | D: reported 2025-02-10, ended 2026-07-01; C: due 07-31 | 合格 (moved, reported)   | 基本合格, 0 services    |
//! | 庚有因   | C: slip 2025-03-01, due 03-31, reason 长期外派新疆     | not graded, no DQ        | not graded, no DQ       |
//! | 辛无故   | C: slip 2025-03-01, due 03-31, no reason               | 不合格, disqualified     | 不合格, disqualified    |
//! | 壬撤岗   | C: reported 2026-02-01, its only post withdrawn        | 基本合格 (no post)       | not in the year         |
mod common;
#[path = "tui_common.rs"]
mod tui;

use std::collections::HashMap;

use baodao::domain::rules::Rule;
use baodao::domain::*;
use baodao::evaluate::{SessionRow, community_session, readiness};
use baodao::i18n::Lang;
use baodao::report::forms::{Filter, Form, build};
use baodao::report::{Cell, Report, Sheet, csv, txt, xlsx};
use baodao::store::{Ledger, OpenOptions, Tx};
use chrono::NaiveDate;
use common::date;

fn today() -> NaiveDate {
    date(2026, 12, 20)
}

struct Case {
    c: Id,
    d: Id,
    members: HashMap<&'static str, Id>,
}

fn certified(member: Id, community: Id, day: NaiveDate, halves: u16) -> ServiceRecord {
    ServiceRecord {
        id: Id::new(),
        member,
        community,
        date: day,
        content: "社区服务".into(),
        place: "社区".into(),
        hours: Hours(halves),
        rating: None,
        kind: ServiceKind::Volunteer,
        certification: Some(Certification {
            role: CertifierRole::PartyOrg,
            name: "王书记".into(),
            on: day,
        }),
        activity: None,
        demand: None,
        household: None,
        archived: false,
    }
}

fn suggestion(member: Id, community: Id, day: NaiveDate, adopted: bool) -> Suggestion {
    Suggestion {
        id: Id::new(),
        member,
        community,
        date: day,
        content: "建议增设充电桩".into(),
        outcome: adopted.then_some(SuggestionOutcome::Adopted),
    }
}

fn slip(member: Id, community: Id, issued: NaiveDate, by: NaiveDate) -> Registration {
    Registration {
        id: Id::new(),
        member,
        community,
        issued_on: Some(issued),
        report_by: Some(by),
        ..Default::default()
    }
}

fn unit(tx: &mut Tx, name: &str, declared: u32, paired: Option<Id>) -> Unit {
    tx.save(Unit {
        id: Id::new(),
        name: name.into(),
        kind: UnitKind::Organ,
        address: String::new(),
        party_org: String::new(),
        contact_name: String::new(),
        contact_phone: String::new(),
        liaisons: vec![],
        paired_community: paired,
        declared_members: declared,
        archived: false,
    })
    .expect("unit")
}

/// `n` members of `unit` at community `e`, each reported with post `post`.
fn reported_members(tx: &mut Tx, unit: Id, e: Id, post: Id, n: usize) {
    for i in 0..n {
        let m = tx
            .save(Member {
                id: Id::new(),
                name: format!("统计{i:03}"),
                unit: Some(unit),
                community: Some(e),
                ..Default::default()
            })
            .expect("member");
        tx.save(Registration {
            reported_on: Some(date(2026, 2, 1)),
            posts: vec![post],
            ..slip(m.id, e, date(2026, 1, 5), date(2026, 1, 31))
        })
        .expect("registration");
    }
}

fn ledger() -> (tempfile::TempDir, Ledger, Case) {
    let dir = tempfile::tempdir().expect("tempdir");
    let ledger = Ledger::open(
        &dir.path().join("ledger.redb"),
        OpenOptions {
            clerk: Some("测试员".into()),
            today: Some(today()),
            ..Default::default()
        },
    )
    .expect("open");
    let case = ledger
        .write(|tx| {
            let community = |tx: &mut Tx, name: &str| {
                tx.save(Community {
                    id: Id::new(),
                    name: name.into(),
                    street: "南宁街道".into(),
                    ..Default::default()
                })
            };
            let post = |tx: &mut Tx, c: Id, name: &str| {
                tx.save(Post {
                    id: Id::new(),
                    community: c,
                    name: name.into(),
                    ..Default::default()
                })
            };
            let c = community(tx, "紫鑫城社区")?;
            let d = community(tx, "阳光社区")?;
            let e = community(tx, "教育社区")?;
            let p = post(tx, c.id, "政策法规宣传岗")?;
            let q = post(tx, d.id, "网格巡查岗")?;
            let r = post(tx, c.id, "临时岗")?;
            let pe = post(tx, e.id, "青少年教育服务岗")?;
            let u = unit(tx, "区财政局", 9, Some(c.id));
            let mut members = HashMap::new();
            for name in [
                "甲按时",
                "乙迟到",
                "丙后发",
                "丁跨年",
                "戊未到期",
                "己转移",
                "庚有因",
                "辛无故",
                "壬撤岗",
            ] {
                let m = tx.save(Member {
                    id: Id::new(),
                    name: name.into(),
                    standing: Some(Standing::Full),
                    unit: Some(u.id),
                    community: Some(c.id),
                    ..Default::default()
                })?;
                members.insert(name, m.id);
            }
            let m = |n: &str| members[n];
            let (c, d) = (c.id, d.id);
            // 甲按时: on time in 2025, receipt returned.
            tx.save(Registration {
                reported_on: Some(date(2025, 3, 20)),
                receipt_on: Some(date(2025, 4, 1)),
                posts: vec![p.id],
                ..slip(m("甲按时"), c, date(2025, 3, 1), date(2025, 3, 31))
            })?;
            let mut good = certified(m("甲按时"), c, date(2025, 5, 10), 3);
            good.rating = Some(Rating::Good);
            tx.save(good)?;
            tx.save(certified(m("甲按时"), c, date(2025, 10, 10), 3))?;
            tx.save(suggestion(m("甲按时"), c, date(2025, 7, 1), false))?;
            let mut best = certified(m("甲按时"), c, date(2026, 4, 10), 4);
            best.rating = Some(Rating::Excellent);
            tx.save(best)?;
            tx.save(certified(m("甲按时"), c, date(2026, 8, 10), 4))?;
            tx.save(certified(m("甲按时"), c, date(2026, 11, 10), 4))?;
            tx.save(ServiceRecord {
                certification: None,
                ..certified(m("甲按时"), c, date(2026, 11, 11), 2)
            })?;
            tx.save(suggestion(m("甲按时"), c, date(2026, 6, 1), true))?;
            // 乙迟到: reported one day after the deadline.
            tx.save(Registration {
                reported_on: Some(date(2026, 3, 11)),
                posts: vec![p.id],
                ..slip(m("乙迟到"), c, date(2026, 3, 1), date(2026, 3, 10))
            })?;
            tx.save(certified(m("乙迟到"), c, date(2026, 5, 1), 2))?;
            tx.save(certified(m("乙迟到"), c, date(2026, 9, 1), 2))?;
            tx.save(suggestion(m("乙迟到"), c, date(2026, 9, 2), false))?;
            // 丙后发: slip issued in 2026 only, never reported, no reason.
            tx.save(slip(m("丙后发"), c, date(2026, 1, 5), date(2026, 3, 31)))?;
            // 丁跨年: issued in December 2025, due in January 2026, reported in time.
            tx.save(Registration {
                reported_on: Some(date(2026, 1, 8)),
                posts: vec![p.id],
                ..slip(m("丁跨年"), c, date(2025, 12, 1), date(2026, 1, 10))
            })?;
            tx.save(certified(m("丁跨年"), c, date(2026, 2, 1), 2))?;
            tx.save(certified(m("丁跨年"), c, date(2026, 10, 1), 2))?;
            tx.save(suggestion(m("丁跨年"), c, date(2026, 10, 2), false))?;
            // 戊未到期: due after today.
            tx.save(slip(m("戊未到期"), c, date(2026, 12, 1), date(2027, 1, 10)))?;
            // 己转移: reported and served at D, moved to C on 1 July, not reported there yet.
            tx.save(Registration {
                reported_on: Some(date(2025, 2, 10)),
                posts: vec![q.id],
                ended_on: Some(date(2026, 7, 1)),
                ..slip(m("己转移"), d, date(2025, 2, 1), date(2025, 2, 28))
            })?;
            tx.save(slip(m("己转移"), c, date(2026, 7, 1), date(2026, 7, 31)))?;
            tx.save(certified(m("己转移"), d, date(2026, 3, 1), 4))?;
            tx.save(certified(m("己转移"), d, date(2026, 5, 1), 4))?;
            tx.save(suggestion(m("己转移"), d, date(2026, 5, 2), false))?;
            // 庚有因 and 辛无故: overdue since March 2025, with and without a reason.
            tx.save(Registration {
                reason: "长期外派新疆".into(),
                ..slip(m("庚有因"), c, date(2025, 3, 1), date(2025, 3, 31))
            })?;
            tx.save(slip(m("辛无故"), c, date(2025, 3, 1), date(2025, 3, 31)))?;
            // 壬撤岗: reported with a post the community withdrew since.
            tx.save(Registration {
                reported_on: Some(date(2026, 2, 1)),
                posts: vec![r.id],
                ..slip(m("壬撤岗"), c, date(2026, 1, 20), date(2026, 2, 28))
            })?;
            tx.save(Post {
                archived: true,
                ..r
            })?;
            tx.save(certified(m("壬撤岗"), c, date(2026, 3, 1), 2))?;
            tx.save(certified(m("壬撤岗"), c, date(2026, 10, 1), 2))?;
            tx.save(suggestion(m("壬撤岗"), c, date(2026, 10, 2), false))?;
            // The room has graded 甲 already.
            tx.save(Evaluation {
                id: Id::new(),
                community: c,
                member: m("甲按时"),
                year: 2026,
                grade: Grade::Qualified,
                comment: "服务积极".into(),
                evaluated_on: today(),
                disqualified: String::new(),
            })?;
            // The community's joint meetings and the paired unit's services.
            for day in [date(2025, 6, 1), date(2025, 11, 1), date(2026, 3, 5)] {
                tx.save(JointMeeting {
                    id: Id::new(),
                    community: c,
                    date: day,
                    units: vec![u.id],
                    topics: "共建议题".into(),
                })?;
            }
            for day in [date(2026, 4, 1), date(2026, 9, 1)] {
                tx.save(UnitService {
                    id: Id::new(),
                    unit: u.id,
                    community: c,
                    date: day,
                    content: "义诊".into(),
                    participants: 5,
                })?;
            }
            // Units on the 90% boundary, at E.
            let v = unit(tx, "区教育局", 209, None);
            reported_members(tx, v.id, e.id, pe.id, 188);
            let y = unit(tx, "区档案局", 10, None);
            reported_members(tx, y.id, e.id, pe.id, 9);
            let x = unit(tx, "区审计局", 1, None);
            reported_members(tx, x.id, e.id, pe.id, 2);
            unit(tx, "区统计局", 0, None);
            Ok(Case { c, d, members })
        })
        .expect("ledger");
    (dir, ledger, case)
}

fn session(ledger: &Ledger, community: Id, year: i32) -> Vec<SessionRow> {
    let view = ledger.view().expect("view");
    community_session(&view, community, year, today(), Lang::Zh).expect("session")
}

fn form(ledger: &Ledger, form: Form, community: Option<Id>, year: i32) -> Report {
    let view = ledger.view().expect("view");
    let filter = Filter {
        community,
        year: Some(year),
        ..Filter::default()
    };
    build(form, &view, &filter, today(), Lang::Zh).expect("form")
}

/// The rows of `sheet` by their text in column `key`, each row as displayed text.
fn rows_by(sheet: &Sheet, key: usize) -> HashMap<String, Vec<String>> {
    sheet
        .rows
        .iter()
        .map(|r| {
            let cells: Vec<String> = r.iter().map(Cell::display).collect();
            (cells[key].clone(), cells)
        })
        .collect()
}

fn names(rows: &[SessionRow]) -> Vec<&str> {
    rows.iter().map(|r| r.member.name.as_str()).collect()
}

fn row<'a>(rows: &'a [SessionRow], name: &str) -> &'a SessionRow {
    rows.iter()
        .find(|r| r.member.name == name)
        .unwrap_or_else(|| panic!("{name} not in the session"))
}

const NOT_GRADED: &str = "：未到社区报到，社区不作评议，也不作取消评先评优资格的认定";
const DQ_UNREPORTED: &str = "无故不报到，取消当年评先评优资格";

#[test]
fn the_session_judges_the_current_year_by_its_facts() {
    let (_dir, ledger, case) = ledger();
    let rows = session(&ledger, case.c, 2026);
    assert_eq!(
        names(&rows),
        [
            "丁跨年",
            "丙后发",
            "乙迟到",
            "壬撤岗",
            "己转移",
            "庚有因",
            "戊未到期",
            "甲按时",
            "辛无故"
        ]
    );
    let reported = |n: &str| row(&rows, n).assessment.checks[0].detail.clone();
    let verdict = |n: &str| {
        let a = &row(&rows, n).assessment;
        (a.proposed, a.disqualified.clone())
    };
    // 甲: 6 certified hours + 3 services × 2 + one 优 + one adopted suggestion × 3 = 16 → ★;
    // the uncertified hour counts nowhere.
    let a = &row(&rows, "甲按时").assessment;
    assert_eq!((a.points, a.stars), (16.0, 1));
    assert_eq!(verdict("甲按时"), (Some(Grade::Qualified), None));
    // 7. Late by a day: reported, with the days said (not "on time").
    assert_eq!(
        reported("乙迟到"),
        "逾期报到 1 天（2026-03-11 报到，限 2026-03-10 前）"
    );
    assert_eq!(row(&rows, "乙迟到").assessment.checks[0].mark(), "!");
    // 2 hours + 2 × 2 + 1 other suggestion = 7.
    assert_eq!(row(&rows, "乙迟到").assessment.points, 7.0);
    assert_eq!(verdict("乙迟到"), (Some(Grade::Qualified), None));
    // 1. (current year) A slip of this year, overdue without reason: 无故不报到.
    assert_eq!(
        verdict("丙后发"),
        (Some(Grade::Unqualified), Some(DQ_UNREPORTED.into()))
    );
    assert_eq!(reported("丁跨年"), "2026-01-08 已报到");
    assert_eq!(verdict("丁跨年"), (Some(Grade::Qualified), None));
    // 2. Deadline after today: 报到期限未到, not graded, not disqualified.
    assert_eq!(reported("戊未到期"), "报到期限未到（限 2027-01-10 前）");
    assert_eq!(verdict("戊未到期"), (None, None));
    // 3. Moved mid-year, not re-reported yet: reported at the old community, its services
    // (2 × 2 hours at 阳光社区) and suggestion count: 4 + 4 + 1 = 9.
    let moved = &row(&rows, "己转移").assessment;
    assert_eq!(reported("己转移"), "2025-02-10 已报到");
    assert_eq!(moved.points, 9.0);
    assert!(moved.all_met(), "{:?}", moved.checks);
    assert_eq!(verdict("己转移"), (Some(Grade::Qualified), None));
    assert_eq!(
        moved.notes,
        [
            "年内转移到紫鑫城社区，尚未在新社区报到（限 2026-07-31 前）：按原社区的报到和全年在各社区的服务评议"
        ]
    );
    // 4. Not reported with a reason: not graded by the community, no disqualification.
    assert_eq!(
        reported("庚有因"),
        "逾期未报到（限 2025-03-31 前），原因：长期外派新疆"
    );
    assert_eq!(verdict("庚有因"), (None, None));
    assert_eq!(
        row(&rows, "庚有因").assessment.why,
        format!("逾期未报到（限 2025-03-31 前），原因：长期外派新疆{NOT_GRADED}")
    );
    assert_eq!(
        verdict("辛无故"),
        (Some(Grade::Unqualified), Some(DQ_UNREPORTED.into()))
    );
    // The only post withdrawn: no post in use, 基本合格, not disqualified (2 services).
    let no_post = &row(&rows, "壬撤岗").assessment;
    assert_eq!(
        no_post.check(Rule::Post).map(|c| (c.ok, c.detail.as_str())),
        Some((false, "认领 0 个岗位"))
    );
    assert_eq!(verdict("壬撤岗"), (Some(Grade::Basic), None));
}

#[test]
fn the_session_judges_a_past_year_by_that_years_facts() {
    let (_dir, ledger, case) = ledger();
    let rows = session(&ledger, case.c, 2025);
    // 1. Slips issued in 2026 are no part of 2025: 乙, 丙, 戊 and 壬 are not in its session.
    assert_eq!(
        names(&rows),
        ["丁跨年", "己转移", "庚有因", "甲按时", "辛无故"]
    );
    let verdict = |n: &str| {
        let a = &row(&rows, n).assessment;
        (
            a.proposed,
            a.disqualified.clone(),
            a.checks[0].detail.clone(),
        )
    };
    // 1. A deadline after the year's end is not overdue in that year.
    assert_eq!(
        verdict("丁跨年"),
        (None, None, "报到期限未到（限 2026-01-10 前）".into())
    );
    // 甲 in 2025: 3 hours + 2 × 2 + 良 0.5 + 1 other suggestion = 8.5 → no star.
    let a = &row(&rows, "甲按时").assessment;
    assert_eq!((a.points, a.stars), (8.5, 0));
    assert_eq!(a.proposed, Some(Grade::Qualified));
    // 己 reported at 阳光社区 in 2025 and did no service that year.
    assert_eq!(
        verdict("己转移"),
        (
            Some(Grade::Basic),
            Some("达不到基本服务要求（认证服务 0 次，至少 2 次），取消当年评先评优资格".into()),
            "2025-02-10 已报到".into()
        )
    );
    assert_eq!(verdict("庚有因").0, None);
    assert_eq!(verdict("庚有因").1, None);
    assert_eq!(
        verdict("辛无故"),
        (
            Some(Grade::Unqualified),
            Some(DQ_UNREPORTED.into()),
            "逾期未报到（限 2025-03-31 前），未说明原因".into()
        )
    );
}

#[test]
fn the_feedback_form_states_each_year_as_it_was() {
    let (_dir, ledger, case) = ledger();
    // Columns: 0 姓名 … 3 报到日期, 4 认领岗位, 6 参加服务次数, 7 认证服务时长, 10 积分/星级,
    // 11 评议等次, 13 是否取消当年评先评优资格及原因.
    let sheet = |year| {
        // One slip (sheet) per member, as the paper is sent.
        let r = form(&ledger, Form::Feedback, Some(case.c), year);
        let mut rows = HashMap::new();
        for sheet in &r.sheets {
            rows.extend(rows_by(sheet, 0));
        }
        rows
    };
    let y26 = sheet(2026);
    let pick = |rows: &HashMap<String, Vec<String>>, n: &str, cols: &[usize]| {
        cols.iter().map(|&i| rows[n][i].clone()).collect::<Vec<_>>()
    };
    // 5. 参加服务次数 counts certified services: 甲 has 3 (and an uncertified fourth).
    assert_eq!(
        pick(&y26, "甲按时", &[3, 4, 6, 7, 10, 11, 13]),
        [
            "2025-03-20",
            "政策法规宣传岗",
            "3",
            "6",
            "16 / ★",
            "合格",
            "否"
        ]
    );
    // 4. Not reported with a reason: 未到社区报到 with the reason, no disqualification stated.
    assert_eq!(
        pick(&y26, "庚有因", &[3, 11, 13]),
        [
            String::new(),
            format!("逾期未报到（限 2025-03-31 前），原因：长期外派新疆{NOT_GRADED}"),
            "不作认定".into()
        ]
    );
    // 2. Deadline not passed: not graded, no disqualification.
    assert_eq!(
        pick(&y26, "戊未到期", &[11, 13]),
        [
            format!("报到期限未到（限 2027-01-10 前）{NOT_GRADED}"),
            "不作认定".to_string()
        ]
    );
    // 3. Moved: the report at the old community, the year's services there.
    assert_eq!(
        pick(&y26, "己转移", &[2, 3, 4, 6, 7, 13]),
        ["阳光社区", "2025-02-10", "网格巡查岗", "2", "4", "否"]
    );
    assert_eq!(y26["丙后发"][13], format!("是：{DQ_UNREPORTED}"));
    assert!(
        form(&ledger, Form::Feedback, Some(case.c), 2026).sheets[0]
            .below
            .iter()
            .any(|l| l.contains("只计经认证"))
    );
    // 1. The past year: slips issued later are not on its forms; a deadline in the next
    // year is not 无故不报到.
    let y25 = sheet(2025);
    let mut names: Vec<&String> = y25.keys().collect();
    names.sort();
    assert_eq!(names, ["丁跨年", "己转移", "庚有因", "甲按时", "辛无故"]);
    assert_eq!(
        pick(&y25, "丁跨年", &[3, 11, 13]),
        [
            String::new(),
            format!("报到期限未到（限 2026-01-10 前）{NOT_GRADED}"),
            "不作认定".into()
        ]
    );
    assert_eq!(
        pick(&y25, "甲按时", &[6, 7, 10, 11]),
        ["2", "3", "8.5 / ☆", ""],
        "graded in 2026 only"
    );
}

#[test]
fn table_2_counts_each_year_as_it_stood_and_certified_services_only() {
    let (_dir, ledger, case) = ledger();
    let _ = case.d;
    // Columns: 2 社区名称, 3 报到党员数, 4 机关, 9 已交回执数, 10 逾期未报到数, 11 本年服务人次,
    // 12 本年认证服务时长.
    let cols = |year, name: &str| {
        let r = form(&ledger, Form::Overview, None, year);
        let rows = rows_by(&r.sheets[0], 2);
        [3, 4, 9, 10, 11, 12].map(|i| rows[name][i].clone())
    };
    // 2026 at 紫鑫城: reported at the year's end 甲乙丁壬 (4, all 机关), one receipt; overdue
    // 丙, 己's new slip, 庚, 辛 (戊 is due in 2027); certified services 甲3 乙2 丁2 壬2 = 9
    // (甲's uncertified one is not counted), hours 6 + 2 + 2 + 2 = 12.
    assert_eq!(cols(2026, "紫鑫城社区"), ["4", "4", "1", "4", "9", "12"]);
    // 阳光社区 2026: 己 moved away on 1 July; 2 services of 2 hours there.
    assert_eq!(cols(2026, "阳光社区"), ["0", "0", "0", "0", "2", "4"]);
    // 2025: only 甲 reported at 紫鑫城; overdue 庚 and 辛 (丙's slip is 2026's, 丁's deadline
    // is in 2026); 甲's 2 services of 1.5 hours.
    assert_eq!(cols(2025, "紫鑫城社区"), ["1", "1", "1", "2", "2", "3"]);
    // 己 was 阳光社区's at the end of 2025.
    assert_eq!(cols(2025, "阳光社区"), ["1", "1", "0", "0", "0", "0"]);
}

#[test]
fn annex_3_prints_the_rate_its_flag_agrees_with() {
    let (_dir, ledger, _case) = ledger();
    let r = form(&ledger, Form::UnitStats, None, 2026);
    // Columns: 1 在职党员总数, 2 报到党员总数, 4 未到社区报到的党员数, 6 报到率, 7 低于要求, 9 说明.
    let rows = rows_by(&r.sheets[0], 0);
    let cols = |n: &str| [1, 2, 4, 6, 7].map(|i| rows[n][i].clone());
    // 188 / 209 = 89.952…%: below 90, printed 89.9 (not 90).
    assert_eq!(cols("区教育局"), ["209", "188", "21", "89.9", "是"]);
    assert!(
        rows["区教育局"][9]
            .starts_with("单位申报在职党员 209 名，台账在册 188 名：未在册的按未报到计；")
    );
    // 9 / 10 = 90% exactly: meets.
    assert_eq!(cols("区档案局"), ["10", "9", "1", "90", "否"]);
    // Two on file against one declared: the base is 2, and it is flagged.
    assert_eq!(cols("区审计局"), ["2", "2", "0", "100", "否"]);
    assert!(rows["区审计局"][9].contains("台账在册 2 名，多于单位申报的在职党员总数 1 名"));
    // Nobody declared, nobody on file: no rate, not "below".
    assert_eq!(cols("区统计局"), ["0", "0", "0", "—", "—"]);
    // 区财政局: 甲乙丁壬 reported of 9 = 44.44…% → 44.4.
    assert_eq!(cols("区财政局"), ["9", "4", "5", "44.4", "是"]);
}

#[test]
fn the_session_summary_puts_the_proposed_grades_on_paper() {
    let (dir, ledger, case) = ledger();
    let r = form(&ledger, Form::Session, Some(case.c), 2026);
    assert_eq!(r.sheets.len(), 2, "the summary and the year's work");
    let summary = &r.sheets[0];
    assert_eq!(summary.title, "在职党员年度民主评议汇总表");
    // Columns: 4 报到情况, 5 在用岗位数, 6 认证服务次数, 9 积分, 10 星级, 11 拟定等次, 12 拟定理由,
    // 13 评议等次, 14 是否取消当年评先评优资格及原因.
    let rows = rows_by(summary, 1);
    let cols = |n: &str| [4, 5, 6, 9, 10, 11, 13, 14].map(|i| rows[n][i].clone());
    assert_eq!(
        cols("甲按时"),
        [
            "2025-03-20 已报到",
            "1",
            "3",
            "16",
            "★",
            "合格",
            "合格",
            "否"
        ]
    );
    assert_eq!(
        cols("乙迟到"),
        [
            "逾期报到 1 天（2026-03-11 报到，限 2026-03-10 前）",
            "1",
            "2",
            "7",
            "☆",
            "合格",
            "",
            "否"
        ]
    );
    assert_eq!(
        cols("庚有因"),
        [
            "逾期未报到（限 2025-03-31 前），原因：长期外派新疆",
            "—",
            "0",
            "0",
            "☆",
            "不评议",
            "",
            "不作认定"
        ]
    );
    assert_eq!(cols("辛无故")[5], "不合格");
    assert_eq!(cols("辛无故")[7], format!("是：{DQ_UNREPORTED}"));
    assert_eq!(
        rows["壬撤岗"][12],
        "未认领岗位或低于服务/建议最低要求；认领岗位：认领 0 个岗位"
    );
    assert!(rows["己转移"][15].starts_with("年内转移到紫鑫城社区"));
    // Proposed: 合格 甲乙丁己, 基本合格 壬, 不合格 丙辛, not graded 庚戊; graded 1 of 7.
    assert_eq!(
        summary.below[..2],
        [
            "拟定：优秀 0 人，合格 4 人，基本合格 1 人，不合格 2 人；未到社区报到、社区不评议 2 人。",
            "已评议 1 / 7 人：优秀 0 人，合格 1 人，基本合格 0 人，不合格 0 人；取消当年评先评优资格 2 人。"
        ]
    );
    // The year's work: one joint meeting in the first half, none in the second; the paired
    // unit served once in each half.
    let work = rows_by(&r.sheets[1], 0);
    assert_eq!(
        work["社区召开联席会"],
        ["社区召开联席会", "1", "0", "1", "否"]
    );
    assert_eq!(
        work["结对单位 区财政局 到社区服务"],
        ["结对单位 区财政局 到社区服务", "1", "1", "1", "是"]
    );
    // The past year: 2 meetings (June, November), no unit service; its own summary.
    let past = form(&ledger, Form::Session, Some(case.c), 2025);
    let work = rows_by(&past.sheets[1], 0);
    assert_eq!(work["社区召开联席会"][1..], ["1", "1", "1", "是"]);
    assert_eq!(
        work["结对单位 区财政局 到社区服务"][1..],
        ["0", "0", "1", "否"]
    );
    assert_eq!(
        past.sheets[0].below[0],
        "拟定：优秀 0 人，合格 1 人，基本合格 1 人，不合格 1 人；未到社区报到、社区不评议 2 人。"
    );
    // Every format the writers support.
    let text = txt::to_txt(&r);
    assert!(text.contains("在职党员年度民主评议汇总表") && text.contains("不作认定"));
    let bytes = csv::to_csv(&r).expect("csv");
    assert!(
        String::from_utf8(bytes)
            .expect("utf-8")
            .contains("逾期报到 1 天")
    );
    let path = dir.path().join("session.xlsx");
    std::fs::write(&path, xlsx::to_xlsx(&r).expect("xlsx")).expect("write");
    assert!(std::fs::metadata(&path).expect("xlsx written").len() > 1000);
}

/// #18: the readiness lists are the session's failed checks, member by member.
#[test]
fn readiness_and_the_session_agree_member_by_member() {
    let (_dir, ledger, case) = ledger();
    let view = ledger.view().expect("view");
    let lists = readiness::load(&view, case.c, today(), Lang::Zh).expect("readiness");
    let rows = session(&ledger, case.c, 2026);
    let on = |section: usize, id: Id| lists.sections[section].iter().any(|l| l.member == id);
    for r in &rows {
        let a = &r.assessment;
        let failed = |rule| a.check(rule).is_some_and(|c| !c.ok);
        let name = &r.member.name;
        assert_eq!(
            on(0, r.member.id),
            failed(Rule::Reported),
            "{name}: reported"
        );
        assert_eq!(
            on(2, r.member.id),
            failed(Rule::Services) || failed(Rule::Suggestions),
            "{name}: minimums"
        );
        assert_eq!(on(3, r.member.id), failed(Rule::Post), "{name}: post");
    }
    // By hand: overdue 丙 庚 辛, then 戊 (deadline not passed); 壬's post was withdrawn.
    let listed =
        |s: usize| -> Vec<&str> { lists.sections[s].iter().map(|l| l.name.as_str()).collect() };
    assert_eq!(listed(0), ["丙后发", "庚有因", "辛无故", "戊未到期"]);
    assert_eq!(listed(3), ["壬撤岗"]);
    assert!(case.members.contains_key("壬撤岗"));
}

/// The session screen itself, at 80x24: 7. late is said with the days; 4. a member the
/// community does not grade is passed over (a grade key refused, Enter moves on, nothing
/// saved); 1. the past year opens with that year's members and facts.
#[test]
fn the_session_screen_says_each_year_as_it_was() {
    let (_dir, ledger, case) = ledger();
    let mut s = tui::session(ledger, Lang::Zh, 80, 24);
    // The community pane lists in creation order; select 紫鑫城社区 by moving to it.
    for _ in 0..3 {
        if s.app.communities.selected_id() == Some(case.c) {
            break;
        }
        s.press("Down");
    }
    assert_eq!(s.app.communities.selected_id(), Some(case.c));
    s.press("F6");
    let text = s.text();
    // 甲 graded of the 7 the community grades (9 listed, 庚 and 戊 not graded).
    assert!(text.contains("2026年 · 已评 1/7"), "{text}");
    assert!(text.contains("[1/9] 丁跨年"), "{text}");
    s.press("Down");
    s.press("Down");
    let text = s.text();
    assert!(
        text.contains("! 到社区报到  逾期报到 1 天（2026-03-11 报到，限 2026-03-10 前）"),
        "{text}"
    );
    for _ in 0..3 {
        s.press("Down");
    }
    let text = s.text();
    assert!(text.contains("[6/9] 庚有因"), "{text}");
    assert!(
        text.contains("不评议：未到社区报到，社区不作评议，也不认定取消评先评优资格"),
        "{text}"
    );
    s.press("3");
    s.press("Enter");
    let text = s.text();
    assert!(text.contains("[7/9] 戊未到期"), "Enter moved on:\n{text}");
    assert!(text.contains("已评 1/7"), "nothing graded:\n{text}");
    let view = s.ledger.view().expect("view");
    let graded = view
        .evaluations_of_community(case.c, 2026)
        .expect("evaluations");
    assert_eq!(graded.len(), 1, "only 甲's grade");
    drop(view);
    // Closing the year: the confirmation counts those not graded apart.
    s.press("F");
    let text = s.text();
    assert!(text.contains("未到社区报到、社区不评议：2 人"), "{text}");
    s.press("Esc");
    // The year before: its own members, 丁's deadline in 2026 not yet passed in 2025.
    s.press("[");
    s.press("Up");
    let text = s.text();
    assert!(text.contains("2025年 · 已评 0/3"), "{text}");
    assert!(
        text.contains("[1/5] 丁跨年")
            && text.contains("✗ 到社区报到  报到期限未到（限 2026-01-10 前）"),
        "{text}"
    );
}
