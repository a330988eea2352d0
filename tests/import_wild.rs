//! Files shaped as offices really keep them: headers written the way people write them,
//! workbooks that open with instructions, rosters padded for print, and the same person
//! twice in one file.
mod common;

use std::path::{Path, PathBuf};

use baodao::domain::*;
use baodao::i18n::Lang;
use baodao::interchange::ImportIssue;
use baodao::interchange::header::find_header;
use baodao::interchange::import::{ImportError, Options, Outcome, Sheet, import_file};
use baodao::interchange::rows::{self, person_name};
use baodao::interchange::{ReadOptions, read_bytes, schemas};
use baodao::store::Ledger;
use common::*;
use rust_xlsxwriter::Workbook;

fn opts(sheet: Sheet) -> Options {
    let mut o = Options::new(sheet);
    o.lang = Lang::Zh;
    o
}

fn import(ledger: &Ledger, file: &Path, o: &Options) -> Result<Outcome, Vec<ImportIssue>> {
    match import_file(ledger, file, o, &mut |_| {}) {
        Ok(out) => Ok(out),
        Err(ImportError::Refused { issues, .. }) => Err(issues),
        Err(ImportError::Store(e)) => panic!("store error: {e}"),
    }
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

fn grid(text: &str) -> baodao::interchange::Grid {
    read_bytes("t.csv", text.as_bytes(), &ReadOptions::default()).expect("grid")
}

#[test]
fn a_header_naming_only_the_required_column_is_a_header() {
    let g = grid("编号,社区名称,所属市州\n1,紫鑫城社区,南京市\n2,玄武门社区,南京市\n");
    let h = find_header(&g, &schemas::COMMUNITIES, Lang::Zh).expect("header");
    assert_eq!(h.lines, vec![1]);
    let parsed = rows::communities(&g, Lang::Zh);
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
    let names: Vec<&str> = parsed.rows.iter().map(|(_, r)| r.name.as_str()).collect();
    assert_eq!(names, ["紫鑫城社区", "玄武门社区"]);
    // A data row alone never reads as a header: numbers are not column names.
    let g = grid("1,社区,3\n");
    assert!(find_header(&g, &schemas::COMMUNITIES, Lang::Zh).is_err());
}

#[test]
fn prefixes_suffixes_notes_and_spaces_are_read_past() {
    let g = grid("编号,社区名称,所属街道,所属县区,所属市州\n1,紫鑫城社区,锁金街道,玄武区,南京市\n");
    let parsed = rows::communities(&g, Lang::Zh);
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
    let r = &parsed.rows[0].1;
    assert_eq!(r.street.as_deref(), Some("锁金街道"));
    assert_eq!(r.county.as_deref(), Some("玄武区"));

    let g = grid(
        "姓　名,性 别,出生年月（年.月）,联系电话（手机）,所在单位名称,手机号码备用\n\
         张三,男,1963.04,13812345678,市委办公室,\n",
    );
    let parsed = rows::members(&g, Lang::Zh);
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
    let r = &parsed.rows[0].1;
    assert_eq!(r.name, "张三");
    assert_eq!(r.gender, Some(Gender::Male));
    assert_eq!(
        r.birth,
        Some(YearMonth {
            year: 1963,
            month: 4
        })
    );
    assert_eq!(r.mobile.as_deref(), Some("13812345678"));
    assert_eq!(r.unit_position.as_deref(), Some("市委办公室"));
    assert!(parsed.ignored.iter().any(|(_, h)| h == "手机号码备用"));
}

#[test]
fn padded_names_are_names() {
    assert_eq!(person_name("王　芳"), "王芳");
    assert_eq!(person_name("王 芳"), "王芳");
    assert_eq!(person_name(" 欧阳　 娜娜 "), "欧阳娜娜");
    assert_eq!(person_name("阿依古丽·买买提"), "阿依古丽·买买提");
    assert_eq!(person_name("阿依古丽 ・ 买买提"), "阿依古丽·买买提");
    assert_eq!(person_name("John  Smith"), "John Smith");
    let g = grid("姓名,手机\n王　芳,13812345678\n李 四,13812345679\n");
    let parsed = rows::members(&g, Lang::Zh);
    let names: Vec<&str> = parsed.rows.iter().map(|(_, r)| r.name.as_str()).collect();
    assert_eq!(names, ["王芳", "李四"]);
}

/// A workbook as offices send it: 填表说明 first, the roster on the second sheet.
#[test]
fn the_sheet_whose_header_fits_is_imported() {
    let (dir, _path, ledger) = temp_ledger();
    let communities = write(dir.path(), "c.csv", "社区名称,街道\n紫鑫城社区,锁金街道\n");
    import(&ledger, &communities, &opts(Sheet::Communities)).expect("communities");
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("填表说明").expect("name");
    notes
        .write(0, 0, "填表说明：姓名必填，手机填写 11 位")
        .expect("cell");
    notes.write(1, 0, "报到日期写成 2024-03-05").expect("cell");
    let roster = book.add_worksheet();
    roster.set_name("登记表").expect("name");
    for (c, h) in ["序号", "姓名", "手机"].iter().enumerate() {
        roster.write(0, c as u16, *h).expect("cell");
    }
    roster.write(1, 0, 1).expect("cell");
    roster.write(1, 1, "王　芳").expect("cell");
    roster.write(1, 2, "13812345678").expect("cell");
    let file = dir.path().join("roster.xlsx");
    book.save(&file).expect("save");
    let mut o = opts(Sheet::Members);
    o.community = Some("紫鑫城社区".into());
    let out = import(&ledger, &file, &o).expect("imported");
    assert_eq!(out.added(Kind::Member), 1);
    assert_eq!(out.sheet.as_deref(), Some("登记表"));
    assert!(out.lines(Lang::Zh).iter().any(|l| l.contains("登记表")));
    let v = ledger.view().expect("view");
    let names: Vec<String> = v
        .all::<Member>()
        .expect("members")
        .into_iter()
        .map(|m| m.name)
        .collect();
    assert_eq!(names, ["王芳"]);
}
