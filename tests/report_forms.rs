//! Every paper form on the demo ledger: titles and columns as on the seeds, totals equal to the
//! ledger's, CSV and XLSX read back.
mod common;

use baodao::demo::{DemoSpec, generate};
use baodao::domain::*;
use baodao::i18n::Lang;
use baodao::report::forms::{Filter, Form, build};
use baodao::report::{Cell, csv, xlsx};
use calamine::Reader;
use common::*;

fn demo() -> (tempfile::TempDir, baodao::store::Ledger) {
    let (dir, _p, ledger) = temp_ledger();
    generate(
        &ledger,
        &DemoSpec {
            members: 300,
            seed: 11,
        },
        &mut |_| {},
    )
    .unwrap();
    (dir, ledger)
}

#[test]
fn every_form_has_the_seed_title_and_columns() {
    let (_d, ledger) = demo();
    let view = ledger.view().unwrap();
    let c = view.communities().unwrap()[0].clone();
    // A member who has served, so the card has rows.
    let m = view
        .members_of_community(c.id)
        .unwrap()
        .into_iter()
        .find(|m| view.member_totals(m.id, 2026).unwrap().services > 0)
        .expect("a serving member");
    let expect: [(Form, &str, &str); 10] = [
        (
            Form::Communities,
            "社区联系方式一览表",
            "序号|县(市、区)|街道(乡镇)|社区名称|社区党组织书记|联系电话|办公地址|固定服务日",
        ),
        (
            Form::Overview,
            "在职党员到社区报到一览表",
            "序号|街道(乡镇)|社区名称|报到党员数|其中：机关|事业|企业|大专院校|其他|已交回执数|逾期未报到数|本年服务人次|本年认证服务时长(小时)",
        ),
        (Form::Slip, "在职党员到社区报到单", "项目|内容"),
        (Form::MemberForm, "在职党员基本情况登记表", "项目|内容"),
        (
            Form::UnitStats,
            "在职党员社区报到情况统计表",
            "单位名称|在职党员总数|报到党员总数|报到涉及社区数|未到社区报到的党员数|未报到的主要原因|报到率(%)|低于要求|每半年到社区服务|说明",
        ),
        (
            Form::Roster,
            "在职党员社区报到登记表",
            "序号|姓名|性别|出生年月|入党时间|文化程度|专业特长|兴趣爱好|工作单位及职务|单位属性(机关、事业、企业、大专院校)|住址|单位电话|手机|志愿服务项目|志愿服务小组|报到日期|是否愿意参加社区其他服务",
        ),
        (
            Form::Card,
            "在职党员社区服务(活动)记录卡",
            "年月日|服务(活动)内容|服务地点|累计服务时间(小时)|评价(优/良/一般)|认证签字",
        ),
        (
            Form::Feedback,
            "在职党员社区表现反馈单",
            "姓名|工作单位及职务|报到社区|报到日期|认领岗位|年度|参加服务次数|认证服务时长(小时)|提出建议数|结对帮扶|积分/星级|评议等次|现实表现|是否取消当年评先评优资格及原因",
        ),
        (
            Form::UnitRoster,
            "在职党员花名册",
            "序号|姓名|性别|职务|手机|报到社区|报到日期|回执交回日期|状态",
        ),
        (
            Form::CommunityRoster,
            "在职党员花名册",
            "序号|姓名|性别|工作单位及职务|手机|报到日期|认领岗位|志愿服务小组",
        ),
    ];
    for (form, title, cols) in expect {
        let filter = match form {
            Form::Slip | Form::MemberForm | Form::Card => Filter {
                member: Some(m.id),
                ..Default::default()
            },
            Form::Feedback | Form::Roster | Form::CommunityRoster => Filter {
                community: Some(c.id),
                year: Some(2026),
                ..Default::default()
            },
            _ => Filter {
                year: Some(2026),
                ..Default::default()
            },
        };
        let r = build(form, &view, &filter, today(), Lang::Zh).unwrap();
        assert!(!r.sheets.is_empty(), "{form:?}");
        let s = &r.sheets[0];
        assert!(s.title.ends_with(title), "{form:?}: {}", s.title);
        assert_eq!(s.headers.join("|"), cols, "{form:?}");
        assert!(!s.rows.is_empty(), "{form:?} has rows");
    }
}

#[test]
fn totals_equal_the_ledger() {
    let (_d, ledger) = demo();
    let view = ledger.view().unwrap();
    let r = build(
        Form::Overview,
        &view,
        &Filter {
            year: Some(2026),
            ..Default::default()
        },
        today(),
        Lang::Zh,
    )
    .unwrap();
    let foot = r.sheets[0].rows.last().unwrap().clone();
    let mut services = 0;
    let mut halves = 0u64;
    for c in view.communities().unwrap() {
        let t = view.community_totals(c.id, 2026).unwrap();
        // 本年服务人次 counts certified services, like the hours beside it and the 反馈单.
        services += t.certified_services as i64;
        halves += t.certified_halves as u64;
    }
    assert_eq!(foot[11], Cell::Int(services));
    assert_eq!(foot[12], Cell::Num(halves as f64 / 2.0));
    // The card's foot counts certified hours only, and equals the running totals.
    let m = view
        .members_of_community(view.communities().unwrap()[0].id)
        .unwrap()
        .into_iter()
        .find(|m| view.member_totals(m.id, 2026).unwrap().certified_halves > 0)
        .expect("a member with certified service");
    let card = build(
        Form::Card,
        &view,
        &Filter {
            member: Some(m.id),
            year: Some(2026),
            ..Default::default()
        },
        today(),
        Lang::Zh,
    )
    .unwrap();
    let t = view.member_totals(m.id, 2026).unwrap();
    let want = format!(
        "个人累计社区服务活动时间 {} 小时",
        validate::format_halves(t.certified_halves as u64)
    );
    assert_eq!(card.sheets[0].below[0], want);
    assert_eq!(card.sheets[0].rows.len() as u32, t.services);
}

#[test]
fn csv_and_xlsx_read_back() {
    let (dir, ledger) = demo();
    let view = ledger.view().unwrap();
    let r = build(Form::Roster, &view, &Filter::default(), today(), Lang::Zh).unwrap();
    let bytes = csv::to_csv(&r).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    let text = String::from_utf8(bytes).unwrap();
    let first = &r.sheets[0];
    let name = first.rows[0][1].display();
    assert!(text.contains(&name) && text.contains(&first.headers[16]));
    let path = dir.path().join("roster.xlsx");
    std::fs::write(&path, xlsx::to_xlsx(&r).unwrap()).unwrap();
    let mut wb = calamine::open_workbook_auto(&path).unwrap();
    assert_eq!(
        wb.sheet_names().len(),
        r.sheets.len(),
        "one sheet per community"
    );
    let range = wb.worksheet_range(&wb.sheet_names()[0].clone()).unwrap();
    let cells: Vec<String> = range
        .rows()
        .flat_map(|row| row.iter().map(|c| c.to_string()))
        .collect();
    assert!(cells.iter().any(|c| c == &name));
    // Phones are stored as text, so all 11 digits survive.
    let phone = first.rows[0][12].display();
    assert!(cells.iter().any(|c| c == &phone), "phone {phone} as text");
}

#[test]
fn feedback_shows_the_grades_entered() {
    let (_d, ledger) = demo();
    let view = ledger.view().unwrap();
    let c = view.communities().unwrap()[0].clone();
    let m = view.members_of_community(c.id).unwrap()[0].clone();
    drop(view);
    ledger
        .write(|tx| {
            tx.save(Evaluation {
                id: Id::new(),
                community: c.id,
                member: m.id,
                year: 2026,
                grade: Grade::Excellent,
                comment: "服务群众热情主动".into(),
                evaluated_on: today(),
                disqualified: String::new(),
            })
        })
        .unwrap();
    let view = ledger.view().unwrap();
    let r = build(
        Form::Feedback,
        &view,
        &Filter {
            member: Some(m.id),
            year: Some(2026),
            ..Default::default()
        },
        today(),
        Lang::Zh,
    )
    .unwrap();
    let row = &r.sheets[0].rows[0];
    assert_eq!(row[0].display(), m.name);
    assert_eq!(row[11].display(), "优秀");
    assert_eq!(row[12].display(), "服务群众热情主动");
}
