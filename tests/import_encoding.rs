//! Files whose text went through the wrong encoding (乱码) are refused with a message that
//! says so and what to do, never with "no header found".
mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// GBK bytes read as Latin-1 and saved again as UTF-8: what an editor that guessed wrong
/// leaves of a Chinese roster.
fn garbled_latin1(s: &str) -> String {
    let (gbk, _, _) = encoding_rs::GBK.encode(s);
    gbk.iter().map(|b| char::from(*b)).collect()
}

fn import(db: &Path, kind: &str, file: &Path) -> (bool, String) {
    let out = Command::new(bin())
        .args(["--lang", "zh", "--db"])
        .arg(db)
        .args(["import", kind])
        .arg(file)
        .arg("--dry-run")
        .output()
        .expect("run");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const ROSTER: &str =
    "姓名,手机,工作单位及职务,报到日期\n王芳,13800000001,市司法局 科长,2026-03-01\n";

#[test]
fn a_gbk_csv_read_as_latin1_is_called_garbled_with_what_it_says() {
    let (dir, db, ledger) = temp_ledger();
    drop(ledger);
    let file = dir.path().join("m.csv");
    std::fs::write(&file, garbled_latin1(ROSTER)).expect("write");
    let (ok, err) = import(&db, "members", &file);
    assert!(!ok);
    let first = err.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(&format!(
            "{}:1:A: 文件编码看起来不对：“ÐÕÃû”按 GBK",
            file.display()
        )),
        "{err}"
    );
    assert!(first.contains("读是“姓名”"), "{err}");
    assert!(first.contains("另存为 XLSX 或“CSV UTF-8”"), "{err}");
    assert!(!err.contains("找不到表头"), "{err}");

    // The original GBK file itself reads (and finds no community yet).
    let (gbk, _, _) = encoding_rs::GBK.encode(ROSTER);
    std::fs::write(&file, &gbk).expect("write");
    let (ok, err) = import(&db, "members", &file);
    assert!(!ok);
    assert!(err.contains(":2:社区: 这一行没有社区"), "{err}");
}

#[test]
fn a_workbook_of_garbled_cells_is_refused_naming_the_sheet_and_cell() {
    let (dir, db, ledger) = temp_ledger();
    drop(ledger);
    let file = dir.path().join("book.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("花名册").expect("name");
    ws.write_string(0, 0, "在职党员社区报到登记表")
        .expect("cell");
    for (c, h) in ["序号", "姓名", "手机"].iter().enumerate() {
        ws.write_string(2, c as u16, garbled_latin1(h))
            .expect("cell");
    }
    ws.write_string(3, 1, garbled_latin1("王芳")).expect("cell");
    book.save(&file).expect("save");

    let (ok, err) = import(&db, "members", &file);
    assert!(!ok);
    assert!(
        err.starts_with(&format!(
            "{}:3:A: 文件编码看起来不对：“ÐòºÅ”",
            file.display()
        )),
        "{err}"
    );
    let (ok, err) = import(&db, "workbook", &file);
    assert!(!ok);
    assert!(
        err.starts_with(&format!(
            "{}[花名册]:3:A: 文件编码看起来不对",
            file.display()
        )),
        "{err}"
    );
}

#[test]
fn utf8_read_as_gbk_and_lost_characters_are_named_too() {
    let (dir, db, ledger) = temp_ledger();
    drop(ledger);
    let file = dir.path().join("m.csv");
    let (as_gbk, _, _) = encoding_rs::GBK.decode(ROSTER.as_bytes());
    std::fs::write(&file, as_gbk.as_bytes()).expect("write");
    let (ok, err) = import(&db, "members", &file);
    assert!(!ok);
    assert!(err.contains("按 UTF-8 编码读是“姓名”"), "{err}");

    std::fs::write(&file, "锟斤拷,锟斤拷锟斤拷\n锟斤拷,13800000001\n").expect("write");
    let (ok, err) = import(&db, "members", &file);
    assert!(!ok);
    assert!(
        err.contains(":1:A: 文件编码看起来不对：“锟斤拷”中的汉字已变成替换字符"),
        "{err}"
    );
}
