//! Committed sample files as offices send them, and the forms this crate writes read back
//! through its own import.
use std::path::Path;

use baodao::domain::{Gender, UnitKind, YearMonth};
use baodao::i18n::Lang;
use baodao::interchange::encoding::TextEncoding;
use baodao::interchange::grid::SourceFormat;
use baodao::interchange::rows;
use baodao::interchange::{ReadOptions, read_bytes, read_path};
use baodao::report::{Cell, Report, Sheet, csv::to_csv, xlsx::to_xlsx};
use chrono::NaiveDate;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// 附件4 with all 17 columns, saved by Excel on Chinese Windows (GBK), with the title, the
/// 县/街道/社区 line, a note at the end, and the mistakes clerks make.
#[test]
fn roster_in_gbk_with_the_form_layout() {
    let grid = read_path(&fixture("roster_gbk.csv"), &ReadOptions::default()).unwrap();
    assert!(matches!(
        grid.format,
        SourceFormat::Csv {
            encoding: TextEncoding::Gb18030,
            delimiter: b','
        }
    ));
    let parsed = rows::members(&grid, Lang::Zh);
    assert_eq!(parsed.header_lines, vec![3]);
    assert!(parsed.ignored.is_empty(), "{:?}", parsed.ignored);
    let problems: Vec<String> = parsed
        .issues
        .iter()
        .map(|i| format!("{}:{}", i.row, i.column))
        .collect();
    assert_eq!(
        problems,
        vec!["5:出生年月", "5:手机"],
        "{:?}",
        parsed.issues
    );
    assert!(
        parsed.issues[0]
            .to_string()
            .contains("roster_gbk.csv:5:出生年月: “1975.1”无法确定是 1 月还是 10 月")
    );
    assert_eq!(parsed.rows.len(), 2);
    let (line, wang) = &parsed.rows[0];
    assert_eq!(*line, 4);
    assert_eq!(wang.name, "王建国");
    assert_eq!(wang.gender, Some(Gender::Male));
    assert_eq!(
        wang.joined,
        Some(YearMonth {
            year: 1992,
            month: 7
        })
    );
    assert_eq!(wang.unit_kind, Some(UnitKind::Organ));
    assert_eq!(wang.unit_phone.as_deref(), Some("025-52101234"));
    assert_eq!(wang.willing_other, Some(true));
    let zhao = &parsed.rows[1].1;
    assert_eq!(zhao.mobile.as_deref(), Some("13912345678"));
    assert_eq!(zhao.reported_on, NaiveDate::from_ymd_opt(2024, 3, 8));
    assert_eq!(zhao.willing_other, Some(false));
    assert_eq!(zhao.service_team, None);
}

fn roster_report() -> Report {
    let headers = [
        "序号",
        "姓名",
        "性别",
        "出生年月",
        "手机",
        "身份证号",
        "报到日期",
    ];
    Report {
        sheets: vec![Sheet {
            name: "附件4".into(),
            title: "在职党员社区报到登记表".into(),
            above: vec![
                "县(市、区)：江宁区 街道(乡镇)：东山街道 社区党组织：紫鑫城社区党委".into(),
            ],
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: vec![vec![
                Cell::Int(1),
                "张三".into(),
                "男".into(),
                "1963.10".into(),
                Cell::Code("13812345678".into()),
                Cell::Code("11010519491231002X".into()),
                Cell::Date(NaiveDate::from_ymd_opt(2024, 3, 5).unwrap()),
            ]],
            below: vec!["注：个人信息请严格保密。".into()],
            boxed: None,
            ..Default::default()
        }],
    }
}

fn check_round_trip(name: &str, bytes: &[u8]) {
    let grid = read_bytes(name, bytes, &ReadOptions::default()).unwrap();
    let parsed = rows::members(&grid, Lang::Zh);
    assert!(parsed.issues.is_empty(), "{name}: {:?}", parsed.issues);
    assert_eq!(parsed.rows.len(), 1, "{name}");
    let row = &parsed.rows[0].1;
    assert_eq!(row.name, "张三");
    assert_eq!(
        row.birth,
        Some(YearMonth {
            year: 1963,
            month: 10
        })
    );
    assert_eq!(row.mobile.as_deref(), Some("13812345678"));
    assert_eq!(row.id_number.as_deref(), Some("11010519491231002X"));
    assert_eq!(row.reported_on, NaiveDate::from_ymd_opt(2024, 3, 5));
}

/// What the program exports, a clerk can import again unchanged: codes survive as text.
#[test]
fn exported_forms_import_again() {
    let report = roster_report();
    check_round_trip("export.csv", &to_csv(&report).unwrap());
    check_round_trip("export.xlsx", &to_xlsx(&report).unwrap());
}
