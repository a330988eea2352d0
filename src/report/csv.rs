//! CSV forms for spreadsheets: UTF-8 with a byte-order mark, because Excel on a Chinese
//! Windows opens a CSV without one as GBK and shows the Chinese as mojibake.
//!
//! Layout of one file (a CSV has no worksheets):
//! ```text
//! <title>                 one field
//! <above lines>           one field each
//! <header>
//! <rows>
//! <below lines>           one field each
//!                         an empty line, then the next sheet's title, and so on
//! ```
//! Two protections for Excel users, both undone by this crate's importer:
//! - text that only looks like a number or a date (phones, ID numbers, 出生年月 `1975.10`,
//!   dates) is written `="13812345678"`, which a spreadsheet shows as text, so a phone is not
//!   turned into `1.38123E+10`, an ID number rounded to 15 digits nor `1975.10` cut to `1975.1`;
//! - a text starting with `=`, `+`, `-` or `@` and not a number gets a leading `'` so that Excel
//!   does not run it as a formula (the usual CSV injection defence).
use std::io::{self, Write};

use super::table::{Cell, Report, Sheet};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The whole report as bytes.
pub fn to_csv(report: &Report) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    write_csv(report, &mut out)?;
    Ok(out)
}

/// Writes the report to `w` (a file, a buffer).
pub fn write_csv<W: Write>(report: &Report, w: W) -> io::Result<()> {
    let mut out = CsvSheets::new(w)?;
    for sheet in &report.sheets {
        out.sheet(sheet)?;
    }
    out.finish()
}

/// A CSV written one sheet at a time, so a form built in parts never has to be held whole:
/// the BOM first, a blank line between sheets.
pub struct CsvSheets<W: Write> {
    w: W,
    first: bool,
}

impl<W: Write> CsvSheets<W> {
    pub fn new(mut w: W) -> io::Result<Self> {
        w.write_all(BOM)?;
        Ok(CsvSheets { w, first: true })
    }

    pub fn sheet(&mut self, sheet: &Sheet) -> io::Result<()> {
        if !self.first {
            // A truly blank line: the csv writer would write an empty record as `""`.
            self.w.write_all(b"\r\n")?;
        }
        self.first = false;
        self.w.write_all(&sheet_bytes(sheet)?)
    }

    pub fn finish(mut self) -> io::Result<()> {
        self.w.flush()
    }
}

fn sheet_bytes(sheet: &Sheet) -> io::Result<Vec<u8>> {
    let mut wr = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    if !sheet.title.is_empty() {
        wr.write_record([guard(&sheet.title)])?;
    }
    for line in &sheet.above {
        wr.write_record([guard(line)])?;
    }
    if !sheet.headers.is_empty() {
        wr.write_record(sheet.headers.iter().map(|h| guard(h)))?;
    }
    for row in &sheet.rows {
        wr.write_record(row.iter().map(field))?;
    }
    for line in &sheet.below {
        wr.write_record([guard(line)])?;
    }
    wr.into_inner().map_err(|e| e.into_error())
}

fn field(cell: &Cell) -> String {
    match cell {
        Cell::Code(s) | Cell::Text(s) if looks_like_a_number(s) => as_text(s),
        Cell::Code(s) | Cell::Text(s) => guard(s),
        Cell::Date(_) => as_text(&cell.display()),
        other => other.display(),
    }
}

/// `="…"`: a spreadsheet shows the value as written instead of converting it.
fn as_text(s: &str) -> String {
    format!("=\"{s}\"")
}

/// Text a spreadsheet would read as a number, a date or a time and so change: 出生年月
/// `1975.10` (it would show `1975.1`), dates `2024-03-05`, phones, long ID numbers.
fn looks_like_a_number(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || ".-/:+%eE ".contains(c))
}

fn guard(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@']);
    if risky && s.trim().parse::<f64>().is_err() {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_formulas_are_defused() {
        assert_eq!(field(&Cell::Code("13812345678".into())), "=\"13812345678\"");
        assert_eq!(
            field(&Cell::Code("0871-1234567".into())),
            "=\"0871-1234567\""
        );
        assert_eq!(field(&Cell::Text("1975.10".into())), "=\"1975.10\"");
        assert_eq!(field(&Cell::Text("张三 1975".into())), "张三 1975");
        assert_eq!(
            field(&Cell::Code("11010519491231002X".into())),
            "11010519491231002X"
        );
        assert_eq!(
            field(&Cell::Text("=HYPERLINK(\"x\")".into())),
            "'=HYPERLINK(\"x\")"
        );
        assert_eq!(field(&Cell::Text("-1.5".into())), "=\"-1.5\"");
        assert_eq!(field(&Cell::Num(1.5)), "1.5");
    }
}

#[cfg(test)]
mod round_trip {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn reads_back_with_the_csv_crate() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
        let sheet = |title: &str| Sheet {
            name: title.into(),
            title: title.into(),
            above: vec!["社区党组织：紫鑫城社区党委".into()],
            headers: vec![
                "姓名".into(),
                "手机".into(),
                "报到日期".into(),
                "时长".into(),
            ],
            rows: vec![vec![
                "张三，李四".into(),
                Cell::Code("13812345678".into()),
                Cell::Date(d),
                Cell::Num(1.5),
            ]],
            below: vec!["合计 1.5 小时".into()],
            boxed: None,
            ..Default::default()
        };
        let report = Report {
            sheets: vec![sheet("表一"), sheet("表二")],
        };
        let bytes = to_csv(&report).unwrap();
        assert!(bytes.starts_with(BOM));
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(&bytes[BOM.len()..]);
        let recs: Vec<Vec<String>> = rdr
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        // The csv crate skips the blank separator line, so the second sheet follows directly.
        assert_eq!(recs.len(), 10);
        assert_eq!(recs[0], vec!["表一"]);
        assert_eq!(recs[2], vec!["姓名", "手机", "报到日期", "时长"]);
        assert_eq!(
            recs[3],
            vec!["张三，李四", "=\"13812345678\"", "=\"2024-03-05\"", "1.5"]
        );
        assert_eq!(recs[4], vec!["合计 1.5 小时"]);
        assert_eq!(recs[5], vec!["表二"]);
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains("合计 1.5 小时\r\n\r\n表二\r\n"), "{text}");
    }
}
