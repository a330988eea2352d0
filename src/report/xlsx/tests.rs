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
