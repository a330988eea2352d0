use super::*;
use crate::report::Sheet;
use crate::report::paper::{Block, Boxed, Field};
use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use std::io::{Cursor, Read};

fn roster_sheet() -> Sheet {
    let d = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
    Sheet {
        name: "附件4".into(),
        title: "在职党员社区报到登记表".into(),
        above: vec!["县(市、区)：江宁区".into()],
        headers: vec![
            "序号".into(),
            "姓名".into(),
            "手机".into(),
            "身份证号".into(),
            "报到日期".into(),
            "时长".into(),
        ],
        rows: vec![vec![
            Cell::Int(1),
            "张三".into(),
            Cell::Code("13812345678".into()),
            Cell::Code("11010519491231002X".into()),
            Cell::Date(d),
            Cell::Num(1.5),
        ]],
        below: vec!["个人累计社区服务活动时间 1.5 小时".into()],
        boxed: None,
        ..Default::default()
    }
}

/// The named part of the workbook (it is a zip of XML files).
pub(crate) fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn reads_back_with_calamine() {
    let sheet = roster_sheet();
    let report = Report {
        sheets: vec![sheet.clone(), sheet],
    };
    let bytes = to_xlsx(&report).unwrap();
    let mut book = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), vec!["附件4", "附件4(2)"]);
    let range = book.worksheet_range("附件4").unwrap();
    assert_eq!(
        range.get_value((0, 0)),
        Some(&Data::String("在职党员社区报到登记表".into()))
    );
    assert_eq!(
        range.get_value((1, 0)),
        Some(&Data::String("县(市、区)：江宁区".into()))
    );
    assert_eq!(range.get_value((2, 2)), Some(&Data::String("手机".into())));
    assert_eq!(range.get_value((3, 0)), Some(&Data::Float(1.0)));
    // Codes stay text: every digit of the phone and the ID survives.
    assert_eq!(
        range.get_value((3, 2)),
        Some(&Data::String("13812345678".into()))
    );
    assert_eq!(
        range.get_value((3, 3)),
        Some(&Data::String("11010519491231002X".into()))
    );
    match range.get_value((3, 4)) {
        Some(Data::DateTime(dt)) => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            assert_eq!((y, m, day), (2024, 3, 5));
        }
        other => panic!("date cell read back as {other:?}"),
    }
    assert_eq!(range.get_value((3, 5)), Some(&Data::Float(1.5)));
    assert_eq!(
        range.get_value((4, 0)),
        Some(&Data::String("个人累计社区服务活动时间 1.5 小时".into()))
    );
    let merges = book.merge_cells_by_sheet_name("附件4").unwrap();
    assert!(merges.iter().any(|m| m.start == (0, 0) && m.end == (0, 5)));
}

#[test]
fn a_table_prints_on_a4_one_page_wide_with_its_titles_repeated() {
    let mut sheet = roster_sheet();
    sheet.headers.extend((0..11).map(|i| format!("栏目{i}")));
    let bytes = to_xlsx(&Report {
        sheets: vec![sheet],
    })
    .unwrap();
    let ws = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(ws.contains(r#"paperSize="9""#), "{ws}");
    assert!(ws.contains(r#"orientation="landscape""#), "{ws}");
    assert!(ws.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "{ws}");
    assert!(ws.contains(r#"fitToHeight="0""#), "{ws}");
    assert!(ws.contains(r#"horizontalCentered="1""#), "{ws}");
    assert!(
        ws.contains("<oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter>"),
        "{ws}"
    );
    let book = part(&bytes, "xl/workbook.xml");
    // Title, the line above and the header repeat on every page.
    assert!(
        book.contains(
            r#"<definedName name="_xlnm.Print_Titles" localSheetId="0">附件4!$1:$3</definedName>"#
        ),
        "{book}"
    );
}

#[test]
fn boxed_forms_are_one_worksheet_with_a_page_per_member() {
    let member = |name: &str| Sheet {
        name: name.into(),
        title: "在职党员基本情况登记表".into(),
        boxed: Some(Boxed {
            columns: vec![1.0, 2.0],
            blocks: vec![
                Block::Title("在职党员基本情况登记表".into()),
                Block::Boxes {
                    fields: vec![Field::label("姓名", 1), Field::value(name, 1)],
                    lines: 1,
                },
            ],
        }),
        ..Sheet::default()
    };
    let report = Report {
        sheets: vec![member("张三"), member("李四"), member("王五")],
    };
    let bytes = to_xlsx(&report).unwrap();
    let book = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(book.sheet_names().len(), 1);
    let ws = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(ws.contains(r#"orientation="portrait""#), "{ws}");
    // A break after each member's two rows.
    assert!(ws.contains(r#"<rowBreaks count="2" manualBreakCount="2"><brk id="2" max="16383" man="1"/><brk id="4" max="16383" man="1"/></rowBreaks>"#), "{ws}");
}

/// A card of `rows` service rows with a 现实表现 box of `comment` under it.
fn long_card(rows: usize, comment: &str) -> Report {
    let d = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
    let headers = [
        "年月日",
        "服务(活动)内容",
        "服务地点",
        "时长",
        "评价",
        "认证签字",
    ];
    Report {
        sheets: vec![Sheet {
            name: "张三".into(),
            title: "在职党员社区服务(活动)记录卡".into(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: (0..rows)
                .map(|i| {
                    vec![
                        Cell::Date(d),
                        Cell::Text(format!("第{i}次 政策宣讲")),
                        "社区活动室".into(),
                        Cell::Num(1.5),
                        "优".into(),
                        "王书记".into(),
                    ]
                })
                .collect(),
            boxed: Some(Boxed {
                columns: vec![1.7, 3.3, 2.1, 1.4, 1.4, 1.6],
                blocks: vec![
                    Block::Title("在职党员社区服务(活动)记录卡".into()),
                    Block::Table,
                    Block::Boxes {
                        fields: vec![Field::label("现实表现", 1), Field::value(comment, 5)],
                        lines: 4,
                    },
                ],
            }),
            ..Sheet::default()
        }],
    }
}

#[test]
fn a_long_card_repeats_its_header_on_every_page_and_no_row_is_taller_than_excel_allows() {
    let comment = "服务群众热情主动，".repeat(223);
    let bytes = to_xlsx(&long_card(200, &comment)).unwrap();
    let ws = part(&bytes, "xl/worksheets/sheet1.xml");
    let breaks: Vec<u32> = ws
        .split(r#"<brk id=""#)
        .skip(1)
        .map(|s| s.split('"').next().unwrap().parse().unwrap())
        .collect();
    assert!(breaks.len() >= 4, "200 rows and a long comment: {breaks:?}");
    let mut book = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    let range = book
        .worksheet_range("在职党员社区服务(活动)记录卡")
        .unwrap();
    let text = |r: u32, c: u32| match range.get_value((r, c)) {
        Some(Data::String(s)) => s.clone(),
        _ => String::new(),
    };
    // Every page that goes on with the table starts with its header.
    let (rows, _) = range.get_size();
    let last = (0..rows as u32)
        .find(|&r| text(r, 1) == "第199次 政策宣讲")
        .expect("the last service row");
    let continued: Vec<u32> = breaks.iter().copied().filter(|&b| b <= last).collect();
    assert!(continued.len() >= 3, "{breaks:?}");
    for b in continued {
        assert_eq!(text(b, 0), "年月日", "row {b}");
        assert_eq!(text(b, 5), "认证签字", "row {b}");
    }
    // A row of at most 409 pt (Excel's limit): the comment is in several rows, all of it.
    let heights: Vec<f32> = ws
        .split(r#" ht=""#)
        .skip(1)
        .map(|s| s.split('"').next().unwrap().parse().unwrap())
        .collect();
    assert!(heights.iter().all(|h| *h <= 409.0), "{heights:?}");
    let printed: String = (0..rows as u32).map(|r| text(r, 1)).collect();
    assert!(printed.contains(&comment), "the whole comment");
}
