//! Broken and hostile files: each gives a clean message naming the file, quickly, without
//! allocating in proportion to what the file claims.
use std::time::{Duration, Instant};

use baodao::i18n::Lang;
use baodao::interchange::grid::{MAX_CELL_BYTES, MAX_COLUMNS};
use baodao::interchange::rows;
use baodao::interchange::{ReadOptions, Value, read_bytes, read_path};
use rust_xlsxwriter::Workbook;

/// Generous for a loaded shared machine; the real times are milliseconds.
const FAST: Duration = Duration::from_secs(5);

fn opts() -> ReadOptions {
    ReadOptions::default()
}

fn roster_xlsx() -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in ["姓名", "手机"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..200u32 {
        ws.write_string(r, 0, format!("党员{r}")).unwrap();
        ws.write_string(r, 1, "13812345678").unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn missing_header() {
    let csv = "张三,13812345678\n李四,13900001111\n";
    let grid = read_bytes("noheader.csv", csv.as_bytes(), &opts()).unwrap();
    let parsed = rows::members(&grid, Lang::Zh);
    assert!(parsed.rows.is_empty());
    assert_eq!(parsed.issues.len(), 1);
    let msg = parsed.issues[0].to_string();
    assert!(
        msg.starts_with("noheader.csv: 前 15 行中找不到表头"),
        "{msg}"
    );
    let en = rows::members(&grid, Lang::En).issues[0].to_string();
    assert!(en.contains("no header in the first 15 rows"), "{en}");
}

#[test]
fn header_below_the_scanned_rows_is_not_found() {
    let mut csv = String::new();
    for i in 0..20 {
        csv.push_str(&format!("说明第{i}行\n"));
    }
    csv.push_str("姓名,手机\n张三,13812345678\n");
    let grid = read_bytes("deep.csv", csv.as_bytes(), &opts()).unwrap();
    assert!(rows::members(&grid, Lang::Zh).rows.is_empty());
}

#[test]
fn wrong_column_count() {
    // Row 3 has an extra cell (a comma in an address typed without quotes); row 4 is short.
    let csv = "姓名,住址,手机\n张三,一单元,13812345678\n李四,二单元,3号,13900001111\n王五\n";
    let grid = read_bytes("cols.csv", csv.as_bytes(), &opts()).unwrap();
    let parsed = rows::members(&grid, Lang::Zh);
    let shown: Vec<String> = parsed.issues.iter().map(ToString::to_string).collect();
    assert_eq!(shown.len(), 2, "{shown:?}");
    assert!(
        shown[0].starts_with("cols.csv:3:D: 表头只到 C 列"),
        "{shown:?}"
    );
    // The shifted row also puts 3号 in the mobile column.
    assert!(shown[1].starts_with("cols.csv:3:手机:"), "{shown:?}");
    let names: Vec<&str> = parsed.rows.iter().map(|(_, r)| r.name.as_str()).collect();
    assert_eq!(names, vec!["张三", "王五"]);
}

#[test]
fn ten_megabyte_cell_in_csv() {
    let mut csv = String::from("姓名,住址\n张三,");
    csv.push_str(&"很".repeat(10 * 1024 * 1024 / 3));
    csv.push_str("\n李四,二单元\n");
    let start = Instant::now();
    let grid = read_bytes("big.csv", csv.as_bytes(), &opts()).unwrap();
    let parsed = rows::members(&grid, Lang::Zh);
    assert!(start.elapsed() < FAST, "{:?}", start.elapsed());
    assert_eq!(grid.rows[1].cells[1], Value::Rejected);
    assert_eq!(parsed.issues.len(), 1, "{:?}", parsed.issues);
    let msg = parsed.issues[0].to_string();
    assert!(msg.starts_with("big.csv:2:住址: 单元格内容过长"), "{msg}");
    assert!(msg.contains(&format!("上限 {} KB", MAX_CELL_BYTES / 1024)));
    // The other row is fine, and the row with the long address is still imported.
    assert_eq!(parsed.rows.len(), 2);
}

#[test]
fn ten_megabyte_cell_in_xlsx() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "姓名").unwrap();
    ws.write_string(0, 1, "住址").unwrap();
    ws.write_string(1, 0, "张三").unwrap();
    // The writer keeps to Excel's limit of 32767 characters, so the longest cell it makes is
    // 96 KiB of three-byte characters: over the import's limit all the same.
    ws.write_string(1, 1, "很".repeat(32_767)).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let grid = read_bytes("big.xlsx", &bytes, &opts()).unwrap();
    assert_eq!(grid.rows[1].cells[1], Value::Rejected);
    assert!(grid.issues[0].to_string().starts_with("big.xlsx:2:B:"));
}

#[test]
fn truncated_xlsx() {
    let bytes = roster_xlsx();
    for cut in [bytes.len() / 2, bytes.len() - 30, 100, 10] {
        let start = Instant::now();
        let err = read_bytes("cut.xlsx", &bytes[..cut], &opts()).unwrap_err();
        assert!(start.elapsed() < FAST);
        let msg = err.to_string();
        assert!(msg.starts_with("cut.xlsx: "), "{msg}");
        assert!(msg.contains("损坏") || msg.contains("不是表格"), "{msg}");
    }
}

#[test]
fn binary_garbage() {
    // A deterministic spray of bytes, some with a zip or OLE signature in front.
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut noise = vec![0u8; 200_000];
    for b in noise.iter_mut() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        *b = state as u8;
    }
    let mut zip = b"PK\x03\x04".to_vec();
    zip.extend_from_slice(&noise);
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend_from_slice(&noise);
    let png = [&b"\x89PNG\r\n\x1a\n"[..], &noise].concat();
    for (name, bytes) in [
        ("a.csv", &noise),
        ("b.xlsx", &zip),
        ("c.xls", &ole),
        ("d.png", &png),
    ] {
        let start = Instant::now();
        let err = read_bytes(name, bytes, &opts()).unwrap_err();
        assert!(start.elapsed() < FAST, "{name}: {:?}", start.elapsed());
        assert!(err.to_string().starts_with(&format!("{name}: ")), "{err}");
        assert_eq!(err.row, 0);
    }
}

#[test]
fn empty_and_missing_files() {
    let err = read_bytes("empty.csv", b"", &opts()).unwrap_err();
    assert_eq!(err.to_string(), "empty.csv: 文件中没有数据");
    let dir = tempfile::tempdir().unwrap();
    let err = read_path(&dir.path().join("无此文件.xlsx"), &opts()).unwrap_err();
    assert!(err.message.starts_with("无法读取文件"), "{err}");
}

/// A workbook with a cell at XFD1048576 (the last cell of a sheet) and a header at A1: the
/// reader must not build the 16384 × 1048576 rectangle between them.
#[test]
fn cell_at_xfd1048576() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "姓名").unwrap();
    ws.write_string(0, 1, "手机").unwrap();
    ws.write_string(1, 0, "张三").unwrap();
    ws.write_string(1, 1, "13812345678").unwrap();
    ws.write_string(1_048_575, 16_383, "far away").unwrap();
    let bytes = book.save_to_buffer().unwrap();

    let start = Instant::now();
    let grid = read_bytes("far.xlsx", &bytes, &opts()).unwrap();
    let parsed = rows::members(&grid, Lang::Zh);
    assert!(start.elapsed() < FAST, "{:?}", start.elapsed());
    assert_eq!(grid.rows.len(), 2, "only rows with kept cells");
    assert!(grid.rows.iter().all(|r| r.cells.len() <= MAX_COLUMNS));
    assert_eq!(parsed.rows.len(), 1);
    assert_eq!(parsed.issues.len(), 1);
    assert_eq!(parsed.issues[0].row, 1_048_576);
    assert_eq!(parsed.issues[0].column, "XFD");
}

/// A merge stretching far down (a unit merged over "all" rows) must not create rows either.
/// (100 000 rows rather than the sheet's last: the writer materialises every merged cell.)
#[test]
fn merge_to_the_last_row() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let f = rust_xlsxwriter::Format::new();
    ws.write_string(0, 0, "姓名").unwrap();
    ws.write_string(0, 1, "工作单位").unwrap();
    ws.merge_range(1, 1, 100_000, 1, "区财政局", &f).unwrap();
    ws.write_string(1, 0, "张三").unwrap();
    ws.write_string(2, 0, "李四").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let start = Instant::now();
    let grid = read_bytes("merge.xlsx", &bytes, &opts()).unwrap();
    assert!(start.elapsed() < FAST);
    assert_eq!(grid.rows.len(), 3);
    let parsed = rows::members(&grid, Lang::Zh);
    // The vertical merge shows the unit on every member's row, as Excel does.
    let units: Vec<Option<&str>> = parsed
        .rows
        .iter()
        .map(|(_, r)| r.unit_position.as_deref())
        .collect();
    assert_eq!(units, vec![Some("区财政局"), Some("区财政局")]);
}
