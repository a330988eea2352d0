//! Whole files through the import: each text encoding, titles above the header, two-row
//! merged headers, unknown and missing columns, and the typed rows that come out.
use baodao::domain::{Gender, Hours, Rating, UnitKind, YearMonth};
use baodao::i18n::Lang;
use baodao::interchange::encoding::TextEncoding;
use baodao::interchange::grid::SourceFormat;
use baodao::interchange::header::{Binding, find_header};
use baodao::interchange::rows;
use baodao::interchange::{ReadOptions, Value, read_bytes, read_path, schemas};
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook};

const ROSTER: &str = "\
在职党员社区报到登记表,,,,,
县(市、区)：江宁区 街道(乡镇)：东山街道 社区党组织：紫鑫城社区党委,,,,,
序号,*姓名,性别,出生年月,手机,报到日期
1,张三,男,1963.04,13812345678,2024年3月5日
2,李四,女,197512,139 0000 1111,2024/3/6
";

fn opts() -> ReadOptions {
    ReadOptions::default()
}

fn check_roster(bytes: &[u8], want: TextEncoding) {
    let grid = read_bytes("roster.csv", bytes, &opts()).unwrap();
    match grid.format {
        SourceFormat::Csv {
            encoding,
            delimiter,
        } => {
            assert_eq!(encoding, want);
            assert_eq!(delimiter, b',');
        }
        other => panic!("read as {other:?}"),
    }
    let parsed = rows::members(&grid, Lang::Zh);
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
    assert_eq!(parsed.header_lines, vec![3]);
    assert_eq!(parsed.rows.len(), 2);
    let (line, zhang) = &parsed.rows[0];
    assert_eq!(*line, 4);
    assert_eq!(zhang.name, "张三");
    assert_eq!(zhang.gender, Some(Gender::Male));
    assert_eq!(
        zhang.birth,
        Some(YearMonth {
            year: 1963,
            month: 4
        })
    );
    assert_eq!(zhang.mobile.as_deref(), Some("13812345678"));
    assert_eq!(zhang.reported_on, NaiveDate::from_ymd_opt(2024, 3, 5));
    let li = &parsed.rows[1].1;
    assert_eq!(li.mobile.as_deref(), Some("13900001111"));
    assert_eq!(
        li.birth,
        Some(YearMonth {
            year: 1975,
            month: 12
        })
    );
}

#[test]
fn utf8_plain() {
    check_roster(ROSTER.as_bytes(), TextEncoding::Utf8);
}

#[test]
fn utf8_with_bom() {
    let mut b = b"\xEF\xBB\xBF".to_vec();
    b.extend_from_slice(ROSTER.as_bytes());
    check_roster(&b, TextEncoding::Utf8Bom);
}

#[test]
fn gbk_from_chinese_excel() {
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(ROSTER);
    assert!(!unmappable);
    check_roster(&gbk, TextEncoding::Gb18030);
}

#[test]
fn utf16_unicode_text_with_tabs() {
    let tabbed = ROSTER.replace(',', "\t");
    let mut b = vec![0xFF, 0xFE];
    for u in tabbed.encode_utf16() {
        b.extend_from_slice(&u.to_le_bytes());
    }
    let grid = read_bytes("roster.txt", &b, &opts()).unwrap();
    assert!(matches!(
        grid.format,
        SourceFormat::Csv {
            delimiter: b'\t',
            ..
        }
    ));
    assert_eq!(rows::members(&grid, Lang::Zh).rows.len(), 2);
}

#[test]
fn semicolons_and_a_file_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("名单.csv");
    std::fs::write(&path, ROSTER.replace(',', ";")).unwrap();
    let grid = read_path(&path, &opts()).unwrap();
    assert!(matches!(
        grid.format,
        SourceFormat::Csv {
            delimiter: b';',
            ..
        }
    ));
    assert_eq!(rows::members(&grid, Lang::Zh).rows.len(), 2);
}

#[test]
fn unknown_columns_are_listed_and_missing_required_is_an_error() {
    let csv = "姓名,手机,微信号,备注\n张三,13812345678,zs,\n";
    let grid = read_bytes("a.csv", csv.as_bytes(), &opts()).unwrap();
    let parsed = rows::members(&grid, Lang::Zh);
    assert_eq!(
        parsed.ignored,
        vec![
            ("C".to_string(), "微信号".to_string()),
            ("D".to_string(), "备注".to_string())
        ]
    );
    let summary = rows::summary(&parsed, Lang::Zh);
    assert!(summary.contains("C(微信号)"), "{summary}");

    let csv = "序号,性别,手机\n1,男,13812345678\n";
    let grid = read_bytes("b.csv", csv.as_bytes(), &opts()).unwrap();
    let parsed = rows::members(&grid, Lang::Zh);
    assert!(parsed.rows.is_empty());
    assert_eq!(parsed.issues.len(), 1, "{:?}", parsed.issues);
    assert_eq!(
        parsed.issues[0].to_string(),
        "b.csv:1:姓名: 缺少必填列“姓名”（可用列名：姓名、党员姓名、在职党员姓名）"
    );
}

#[test]
fn every_bad_value_is_reported_with_its_place() {
    let csv = "\
姓名,性别,出生年月,手机,身份证号
张三,男,1963.1,1.38123E+10,110105194912310000
李四,x,1975.05,13900001111,11010519491231002X
,女,1980.01,13900002222,
";
    let grid = read_bytes("m.csv", csv.as_bytes(), &opts()).unwrap();
    let parsed = rows::members(&grid, Lang::Zh);
    let places: Vec<String> = parsed
        .issues
        .iter()
        .map(|i| format!("{}:{}", i.row, i.column))
        .collect();
    assert_eq!(
        places,
        vec!["2:出生年月", "2:手机", "2:身份证号", "3:性别", "4:姓名"]
    );
    assert!(parsed.issues[1].message.contains("丢失"));
    assert!(parsed.rows.is_empty());
    let en = rows::members(&grid, Lang::En);
    assert!(en.issues[1].message.contains("lost its last digits"));
}

#[test]
fn two_row_header_in_csv_with_tick_columns() {
    // 单位属性 over four tick columns, 联系方式 over two phones; 姓名 spans both rows.
    let csv = "\
姓名,单位属性,,,,联系方式,
,机关,事业,企业,大专院校,单位电话,手机
张三,√,,,,025-86661234,13812345678
李四,,,√,,,13900001111
王五,√,√,,,,13900002222
";
    let grid = read_bytes("t.csv", csv.as_bytes(), &opts()).unwrap();
    let header = find_header(&grid, &schemas::MEMBERS, Lang::Zh).unwrap();
    assert_eq!(header.lines, vec![1, 2]);
    let kind = header
        .fields
        .iter()
        .find(|(k, _, _)| *k == "unit_kind")
        .unwrap();
    assert_eq!(
        kind.2,
        Binding::Choice(vec![
            (1, "机关".into()),
            (2, "事业".into()),
            (3, "企业".into()),
            (4, "大专院校".into())
        ])
    );
    assert!(header.has("unit_phone") && header.has("mobile"));
    let parsed = rows::members(&grid, Lang::Zh);
    assert_eq!(parsed.rows.len(), 2);
    assert_eq!(parsed.rows[0].1.unit_kind, Some(UnitKind::Organ));
    assert_eq!(parsed.rows[0].1.unit_phone.as_deref(), Some("025-86661234"));
    assert_eq!(parsed.rows[1].1.unit_kind, Some(UnitKind::Enterprise));
    assert_eq!(parsed.issues.len(), 1);
    assert_eq!(parsed.issues[0].row, 5);
    assert!(parsed.issues[0].message.contains("机关、事业"));
}

/// The same two-row header as a real workbook with merged cells.
#[test]
fn merged_header_in_xlsx() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let f = Format::new();
    ws.merge_range(0, 0, 0, 6, "在职党员社区报到登记表", &f)
        .unwrap();
    ws.merge_range(1, 0, 2, 0, "姓名", &f).unwrap();
    ws.merge_range(1, 1, 1, 4, "单位属性", &f).unwrap();
    ws.merge_range(1, 5, 1, 6, "联系方式", &f).unwrap();
    for (c, t) in ["机关", "事业", "企业", "大专院校", "单位电话", "手机"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, c as u16 + 1, *t).unwrap();
    }
    ws.write_string(3, 0, "张三").unwrap();
    ws.write_string(3, 2, "√").unwrap();
    // A phone typed as a number: all eleven digits are kept.
    ws.write_number(3, 6, 13812345678.0).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let grid = read_bytes("merged.xlsx", &bytes, &opts()).unwrap();
    assert_eq!(grid.format, SourceFormat::Xlsx);
    let parsed = rows::members(&grid, Lang::Zh);
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
    assert_eq!(parsed.header_lines, vec![2, 3]);
    assert_eq!(parsed.rows.len(), 1);
    let (line, row) = &parsed.rows[0];
    assert_eq!(*line, 4);
    assert_eq!(row.unit_kind, Some(UnitKind::Institution));
    assert_eq!(row.mobile.as_deref(), Some("13812345678"));
}

#[test]
fn xlsx_service_card_with_dates_times_and_notes() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("记录卡").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let time = Format::new().set_num_format("h:mm");
    ws.write_string(0, 0, "在职党员社区服务（活动）记录卡")
        .unwrap();
    for (c, h) in [
        "姓名",
        "年月日",
        "服务（活动）内容",
        "服务地点",
        "服务时间（小时）",
        "评价（优/良/一般）",
        "认证签字",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let d = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 3, 5).unwrap();
    ws.write_string(3, 0, "张三").unwrap();
    ws.write_datetime_with_format(3, 1, &d, &date).unwrap();
    ws.write_string(3, 2, "政策宣传").unwrap();
    ws.write_number(3, 4, 2.0).unwrap();
    ws.write_string(3, 5, "优").unwrap();
    ws.write_string(4, 0, "张三").unwrap();
    ws.write_string(4, 1, "2024年3月9日").unwrap();
    ws.write_string(4, 2, "环境整治").unwrap();
    ws.write_number_with_format(4, 4, 0.0625, &time).unwrap();
    ws.write_string(4, 5, "良").unwrap();
    ws.write_string(6, 0, "个人累计社区服务活动时间 3.5 小时")
        .unwrap();
    let bytes = book.save_to_buffer().unwrap();

    let grid = read_bytes("card.xlsx", &bytes, &opts()).unwrap();
    assert_eq!(grid.sheet.as_deref(), Some("记录卡"));
    let parsed = rows::services(&grid, Lang::Zh);
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
    assert_eq!(parsed.rows.len(), 2);
    let first = &parsed.rows[0].1;
    assert_eq!(first.date, NaiveDate::from_ymd_opt(2024, 3, 5).unwrap());
    assert_eq!(first.hours, Some(Hours(4)));
    assert_eq!(first.rating, Some(Rating::Excellent));
    let second = &parsed.rows[1].1;
    assert_eq!(second.date, NaiveDate::from_ymd_opt(2024, 3, 9).unwrap());
    assert_eq!(second.hours, Some(Hours(3)));
}

#[test]
fn named_sheet_and_first_sheet_with_data() {
    let mut book = Workbook::new();
    book.add_worksheet().set_name("说明").unwrap();
    let ws = book.add_worksheet();
    ws.set_name("社区").unwrap();
    for (c, h) in [
        "序号",
        "县（市、区）",
        "街道（乡镇）",
        "社区名称",
        "联系电话",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_number(1, 0, 1.0).unwrap();
    ws.write_string(1, 3, "紫鑫城社区").unwrap();
    ws.write_string(1, 4, "025-52101234").unwrap();
    let bytes = book.save_to_buffer().unwrap();

    let grid = read_bytes("c.xlsx", &bytes, &opts()).unwrap();
    assert_eq!(grid.sheet.as_deref(), Some("社区"));
    let parsed = rows::communities(&grid, Lang::Zh);
    assert_eq!(parsed.rows[0].1.name, "紫鑫城社区");

    let named = ReadOptions {
        sheet: Some("说明".into()),
        lang: Lang::Zh,
    };
    let grid = read_bytes("c.xlsx", &bytes, &named);
    assert!(grid.is_err(), "an empty named sheet has no data");
    let missing = ReadOptions {
        sheet: Some("Sheet9".into()),
        lang: Lang::Zh,
    };
    let err = read_bytes("c.xlsx", &bytes, &missing).unwrap_err();
    assert!(err.message.contains("说明、社区"), "{err}");
}

#[test]
fn units_and_registrations() {
    let csv = "单位名称,单位属性,联系电话,在职党员总数\n区财政局,机关单位,025-1234567,35\n某公司,外企,,x\n";
    let grid = read_bytes("u.csv", csv.as_bytes(), &opts()).unwrap();
    let parsed = rows::units(&grid, Lang::Zh);
    assert_eq!(parsed.rows.len(), 1);
    assert_eq!(parsed.rows[0].1.member_total, Some(35));
    assert_eq!(parsed.issues.len(), 2, "{:?}", parsed.issues);

    let csv = "姓名,报到社区,报到日期,回执交回日期,认领岗位\n张三,紫鑫城社区,2024-03-05,2024-03-01,政策法规宣传岗、环境保护卫士岗\n李四,紫鑫城社区,2024-03-05,2024-03-08,文明创建示范岗\n";
    let grid = read_bytes("r.csv", csv.as_bytes(), &opts()).unwrap();
    let parsed = rows::registrations(&grid, Lang::Zh);
    assert_eq!(parsed.rows.len(), 1);
    assert_eq!(parsed.issues.len(), 1);
    assert_eq!(parsed.issues[0].column, "回执交回日期");
    assert_eq!(parsed.rows[0].1.posts, vec!["文明创建示范岗"]);
    assert_eq!(
        rows::guess_schema(&grid).map(|s| s.name_key),
        Some("import.schema.registrations")
    );
}

#[test]
fn csv_text_markers_keep_codes() {
    let csv = "姓名,手机,身份证号\n张三,=\"13812345678\",'11010519491231002X\n";
    let grid = read_bytes("k.csv", csv.as_bytes(), &opts()).unwrap();
    assert_eq!(grid.rows[1].cells[1], Value::Text("13812345678".into()));
    let parsed = rows::members(&grid, Lang::Zh);
    assert_eq!(
        parsed.rows[0].1.id_number.as_deref(),
        Some("11010519491231002X")
    );
}
