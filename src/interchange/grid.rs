//! Reading an imported file (CSV, XLSX, XLS) into a [`Grid`]: the rows that have content,
//! each numbered as Excel numbers it, each cell as it came (text, number, date serial …).
//!
//! The format is told by the file's first bytes, not its name: offices rename files freely.
//! Limits keep a hostile or broken file from exhausting memory or time, and each limit that
//! bites is reported, never silently applied:
//! - the file is at most [`MAX_FILE_BYTES`];
//! - a cell over [`MAX_CELL_BYTES`] is replaced by [`Value::Rejected`] and reported;
//! - cells right of [`MAX_COLUMNS`] are ignored and reported once;
//! - the whole grid holds at most [`MAX_SLOTS`] cells (counting blanks inside a row).
//!
//! XLSX sheets are streamed cell by cell, so a workbook whose only far cell is XFD1048576
//! costs one row, not a 16384 × 1048576 rectangle. (XLS sheets are decoded whole by calamine;
//! that format caps a sheet at 65536 × 256.)
use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, DataRef, Reader, Xls, Xlsx};

use super::encoding::{DecodeError, TextEncoding, decode};
use super::error::{ImportIssue, column_letter};
use crate::domain::safe_text::{self, Lines};
use crate::i18n::{Lang, t, tf};

pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
pub const MAX_CELL_BYTES: usize = 64 * 1024;
pub const MAX_COLUMNS: usize = 1024;
pub const MAX_SLOTS: usize = 8_000_000;

/// One cell as read from the file.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    /// A number cell, kept as the raw `f64` so that a phone or ID number Excel turned into a
    /// number can be recognised (and refused when digits were lost).
    Number(f64),
    /// A date- or time-formatted cell: the Excel serial in the 1900 system (1904-system
    /// workbooks are converted); a time alone is a fraction of a day.
    Date(f64),
    Bool(bool),
    /// An Excel error value such as `#N/A`.
    Error(String),
    /// A cell already reported as unreadable (too long); parsers skip it quietly.
    Rejected,
}

impl Value {
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A row with content.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based, as Excel shows it (blank rows are skipped but still counted).
    pub line: usize,
    pub cells: Vec<Value>,
}

impl Row {
    pub fn get(&self, col: usize) -> &Value {
        self.cells.get(col).unwrap_or(&Value::Empty)
    }
}

/// What kind of file it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    Csv {
        encoding: TextEncoding,
        delimiter: u8,
    },
    Xlsx,
    Xls,
}

/// A sheet of an imported file.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// The file as the clerk named it, for messages.
    pub file: String,
    /// The worksheet read (XLSX/XLS).
    pub sheet: Option<String>,
    pub format: SourceFormat,
    /// Rows with at least one cell, in order.
    pub rows: Vec<Row>,
    /// Cells that could not be taken (too long, too far right); the rest of the file is fine.
    pub issues: Vec<ImportIssue>,
}

/// Which sheet to read and in which language to report.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// A worksheet by name; the first sheet with data when `None`.
    pub sheet: Option<String>,
    pub lang: Lang,
}

/// Reads the file at `path`; `path` as given names the file in messages.
pub fn read_path(path: &Path, opts: &ReadOptions) -> Result<Grid, ImportIssue> {
    let name = path.display().to_string();
    let bytes = file_bytes(path, &name, opts.lang)?;
    read_bytes(&name, &bytes, opts)
}

fn file_bytes(path: &Path, name: &str, lang: Lang) -> Result<Vec<u8>, ImportIssue> {
    let io_err = |e: std::io::Error| ImportIssue::file(name, tf(lang, "import.file.io", &[&e]));
    let file = std::fs::File::open(path).map_err(io_err)?;
    let size = file.metadata().map_err(io_err)?.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(name, lang));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // A file that grows while being read is still bounded.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    Ok(bytes)
}

fn too_large(name: &str, lang: Lang) -> ImportIssue {
    ImportIssue::file(
        name,
        tf(
            lang,
            "import.file.too_large",
            &[&(MAX_FILE_BYTES / 1024 / 1024)],
        ),
    )
}

/// Reads a file already in memory; `name` names it in messages.
pub fn read_bytes(name: &str, bytes: &[u8], opts: &ReadOptions) -> Result<Grid, ImportIssue> {
    let mut sheets = read_sheets(name, bytes, opts, false)?;
    sheets.pop().ok_or_else(|| empty(name, opts.lang))
}

/// Every worksheet with data (a CSV is one), in the workbook's order, or only the named one;
/// all of them together within [`MAX_SLOTS`] cells.
pub fn read_all_bytes(
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Result<Vec<Grid>, ImportIssue> {
    read_sheets(name, bytes, opts, true)
}

/// [`read_all_bytes`] of the file at `path`.
pub fn read_all_path(path: &Path, opts: &ReadOptions) -> Result<Vec<Grid>, ImportIssue> {
    let name = path.display().to_string();
    let bytes = file_bytes(path, &name, opts.lang)?;
    read_all_bytes(&name, &bytes, opts)
}

fn read_sheets(
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
    all: bool,
) -> Result<Vec<Grid>, ImportIssue> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(name, opts.lang));
    }
    let sheets = if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        read_xlsx(name, bytes, opts, all)?
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        read_xls(name, bytes, opts, all)?
    } else {
        vec![read_csv(name, bytes, opts.lang)?]
    };
    if sheets.is_empty() {
        return Err(empty(name, opts.lang));
    }
    Ok(sheets)
}

fn empty(name: &str, lang: Lang) -> ImportIssue {
    ImportIssue::file(name, t(lang, "import.file.empty").to_string())
}

/// Collects cells by position, enforcing the limits.
struct Builder<'a> {
    file: &'a str,
    lang: Lang,
    rows: BTreeMap<u32, Vec<Value>>,
    slots: usize,
    far_right_reported: bool,
    issues: Vec<ImportIssue>,
}

impl<'a> Builder<'a> {
    /// `used`: cells already taken by earlier sheets of the same workbook.
    fn new(file: &'a str, lang: Lang, used: usize) -> Builder<'a> {
        Builder {
            file,
            lang,
            rows: BTreeMap::new(),
            slots: used,
            far_right_reported: false,
            issues: Vec::new(),
        }
    }

    /// `row` and `col` are 0-based sheet positions.
    fn put(&mut self, row: u32, col: u32, value: Value) -> Result<(), ImportIssue> {
        if value.is_empty() {
            return Ok(());
        }
        let col = col as usize;
        let line = row as usize + 1;
        if col >= MAX_COLUMNS {
            if !self.far_right_reported {
                self.far_right_reported = true;
                self.issues.push(ImportIssue::at(
                    self.file,
                    line,
                    &column_letter(col),
                    tf(
                        self.lang,
                        "import.grid.far_right",
                        &[&column_letter(MAX_COLUMNS - 1)],
                    ),
                ));
            }
            return Ok(());
        }
        let value = match value {
            Value::Text(s) if s.len() > MAX_CELL_BYTES => {
                self.issues.push(ImportIssue::at(
                    self.file,
                    line,
                    &column_letter(col),
                    tf(
                        self.lang,
                        "import.grid.cell_too_long",
                        &[&(s.len() / 1024), &(MAX_CELL_BYTES / 1024)],
                    ),
                ));
                Value::Rejected
            }
            // Every cell of every format passes here: the one place an office's file meets
            // the ledger's character rule.
            Value::Text(s) if let Err(r) = safe_text::check(&s, Lines::Many) => {
                self.issues.push(ImportIssue::at(
                    self.file,
                    line,
                    &column_letter(col),
                    tf(
                        self.lang,
                        "import.grid.character",
                        &[&r.code(), &r.what(), &r.position],
                    ),
                ));
                Value::Rejected
            }
            v => v,
        };
        let cells = self.rows.entry(row).or_default();
        if cells.len() <= col {
            self.slots += col + 1 - cells.len();
            if self.slots > MAX_SLOTS {
                return Err(ImportIssue::file(
                    self.file,
                    tf(self.lang, "import.grid.too_many_cells", &[&MAX_SLOTS]),
                ));
            }
            cells.resize(col + 1, Value::Empty);
        }
        cells[col] = value;
        Ok(())
    }

    /// Shows a merged region's value in every cell it covers, as the clerk sees it, but only
    /// in rows that already have content and up to the sheet's used width: a merge over
    /// A1:XFD1048576 must not create a million rows.
    fn fill_merged(&mut self, start: (u32, u32), end: (u32, u32)) -> Result<(), ImportIssue> {
        let Some(value) = self
            .rows
            .get(&start.0)
            .and_then(|r| r.get(start.1 as usize))
            .filter(|v| !v.is_empty())
            .cloned()
        else {
            return Ok(());
        };
        let used_width = self.rows.values().map(Vec::len).max().unwrap_or(0);
        let last_col = (end.1 as usize).min(used_width.saturating_sub(1));
        let lines: Vec<u32> = self.rows.range(start.0..=end.0).map(|(r, _)| *r).collect();
        for r in lines {
            for c in start.1 as usize..=last_col {
                let empty = self
                    .rows
                    .get(&r)
                    .is_none_or(|cells| cells.get(c).is_none_or(Value::is_empty));
                if empty && (r, c as u32) != start {
                    self.put(r, c as u32, value.clone())?;
                }
            }
        }
        Ok(())
    }

    fn finish(self, format: SourceFormat, sheet: Option<String>) -> Grid {
        let rows = self
            .rows
            .into_iter()
            .map(|(r, cells)| Row {
                line: r as usize + 1,
                cells,
            })
            .collect();
        Grid {
            file: self.file.to_string(),
            sheet,
            format,
            rows,
            issues: self.issues,
        }
    }
}

fn workbook_error(name: &str, lang: Lang, e: impl std::fmt::Display) -> ImportIssue {
    ImportIssue::file(name, tf(lang, "import.file.damaged", &[&e]))
}

/// Sheets to try, in order: the named one (which must exist), or all of them.
fn sheet_order(
    name: &str,
    names: Vec<String>,
    opts: &ReadOptions,
) -> Result<Vec<String>, ImportIssue> {
    match &opts.sheet {
        Some(wanted) if names.iter().any(|n| n == wanted) => Ok(vec![wanted.clone()]),
        Some(wanted) => Err(ImportIssue::file(
            name,
            tf(
                opts.lang,
                "import.file.no_such_sheet",
                &[wanted, &names.join("、")],
            ),
        )),
        None => Ok(names),
    }
}

fn read_xlsx(
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
    all: bool,
) -> Result<Vec<Grid>, ImportIssue> {
    let lang = opts.lang;
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| workbook_error(name, lang, e))?;
    let is_1904 = book.has_1904_epoch();
    let mut out = Vec::new();
    let mut used = 0;
    for sheet in sheet_order(name, book.sheet_names(), opts)? {
        let mut b = Builder::new(name, lang, used);
        {
            let mut cells = book
                .worksheet_cells_reader(&sheet)
                .map_err(|e| workbook_error(name, lang, e))?;
            while let Some(cell) = cells
                .next_cell()
                .map_err(|e| workbook_error(name, lang, e))?
            {
                let (r, c) = cell.get_position();
                b.put(r, c, from_data_ref(cell.get_value(), is_1904))?;
            }
        }
        if b.rows.is_empty() {
            continue;
        }
        if let Ok(merges) = book.merge_cells_by_sheet_name(&sheet) {
            for m in merges {
                b.fill_merged(m.start, m.end)?;
            }
        }
        used = b.slots;
        out.push(b.finish(SourceFormat::Xlsx, Some(sheet)));
        if !all {
            break;
        }
    }
    Ok(out)
}

fn read_xls(
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
    all: bool,
) -> Result<Vec<Grid>, ImportIssue> {
    let lang = opts.lang;
    let mut book = Xls::new(Cursor::new(bytes)).map_err(|e| workbook_error(name, lang, e))?;
    let mut out = Vec::new();
    let mut used = 0;
    for sheet in sheet_order(name, book.sheet_names(), opts)? {
        let range = book
            .worksheet_range(&sheet)
            .map_err(|e| workbook_error(name, lang, e))?;
        let mut b = Builder::new(name, lang, used);
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, v) in range.used_cells() {
            b.put(r0 + r as u32, c0 + c as u32, from_data(v))?;
        }
        if b.rows.is_empty() {
            continue;
        }
        for m in book.merge_cells_by_sheet_name(&sheet).unwrap_or_default() {
            b.fill_merged(m.start, m.end)?;
        }
        used = b.slots;
        out.push(b.finish(SourceFormat::Xls, Some(sheet)));
        if !all {
            break;
        }
    }
    Ok(out)
}

/// Dates as 1900-system serials whatever the workbook's epoch: the 1904 system counts from
/// 1904-01-01, 1462 days later. A time alone (under one day) is the same in both.
fn date_serial(dt: &calamine::ExcelDateTime, is_1904: bool) -> f64 {
    let v = dt.as_f64();
    if is_1904 && v >= 1.0 { v + 1462.0 } else { v }
}

fn from_data_ref(v: &DataRef<'_>, is_1904: bool) -> Value {
    match v {
        DataRef::Int(i) => Value::Number(*i as f64),
        DataRef::Float(f) => Value::Number(*f),
        DataRef::String(s) => Value::Text(s.clone()),
        DataRef::SharedString(s) => Value::Text((*s).to_string()),
        DataRef::Bool(b) => Value::Bool(*b),
        DataRef::DateTime(dt) => Value::Date(date_serial(dt, is_1904)),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Value::Text(s.clone()),
        DataRef::Error(e) => Value::Error(e.to_string()),
        DataRef::Empty => Value::Empty,
    }
}

fn from_data(v: &Data) -> Value {
    match v {
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::String(s) => Value::Text(s.clone()),
        Data::Bool(b) => Value::Bool(*b),
        // calamine's XLS reader reports the epoch per value; a 1904 date's year shows it.
        Data::DateTime(dt) => {
            let v = dt.as_f64();
            let as_1900 =
                calamine::ExcelDateTime::new(v, calamine::ExcelDateTimeType::DateTime, false);
            let is_1904 = v >= 1.0 && as_1900.to_ymd_hms_milli() != dt.to_ymd_hms_milli();
            Value::Date(date_serial(dt, is_1904))
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Text(s.clone()),
        Data::Error(e) => Value::Error(e.to_string()),
        Data::Empty => Value::Empty,
    }
}

/// The delimiter that splits the first lines most consistently: `,`, tab or `;`. Quoted
/// text is skipped so that a comma inside an address does not vote.
pub fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let mut best = (b',', 0usize, 0usize);
    for d in [b',', b'\t', b';'] {
        let counts: Vec<usize> = lines.iter().map(|l| count_unquoted(l, d)).collect();
        let Some(&max) = counts.iter().max() else {
            continue;
        };
        if max == 0 {
            continue;
        }
        // Lines agreeing on the most common non-zero count.
        let mut freq: BTreeMap<usize, usize> = BTreeMap::new();
        for &c in counts.iter().filter(|&&c| c > 0) {
            *freq.entry(c).or_default() += 1;
        }
        let (mode, agree) = freq
            .iter()
            .max_by_key(|(count, n)| (**n, **count))
            .map(|(c, n)| (*c, *n))
            .unwrap_or((0, 0));
        if (agree, mode) > (best.1, best.2) {
            best = (d, agree, mode);
        }
    }
    best.0
}

fn count_unquoted(line: &str, d: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == d && !quoted {
            n += 1;
        }
    }
    n
}

/// What Excel users write to keep a value as text in a CSV: `="0871"` (formula form, also
/// what this crate's CSV writer emits) and a leading apostrophe.
fn unwrap_text_marker(s: &str) -> &str {
    if let Some(inner) = s.strip_prefix("=\"").and_then(|r| r.strip_suffix('"')) {
        return inner;
    }
    s.strip_prefix('\'').unwrap_or(s)
}

fn read_csv(name: &str, bytes: &[u8], lang: Lang) -> Result<Grid, ImportIssue> {
    let (text, encoding) = decode(bytes).map_err(|e| {
        let key = match e {
            DecodeError::Binary => "import.file.binary",
            DecodeError::Unknown => "import.file.encoding",
        };
        ImportIssue::file(name, t(lang, key).to_string())
    })?;
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut b = Builder::new(name, lang, 0);
    // Excel numbers rows by physical lines, less the line breaks inside quoted cells. The
    // csv crate skips blank lines and reports where it started reading (before the blanks),
    // so count the line breaks up to each record's first byte ourselves, incrementally.
    let raw = text.as_bytes();
    let mut scanned = 0usize;
    let mut breaks = 0usize;
    let mut embedded = 0usize;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let mut start = record.position().map_or(scanned, |p| p.byte() as usize);
                while raw.get(start).is_some_and(|b| matches!(b, b'\n' | b'\r')) {
                    start += 1;
                }
                let start = start.max(scanned).min(raw.len());
                breaks += raw[scanned..start].iter().filter(|&&b| b == b'\n').count();
                scanned = start;
                let excel_row = breaks - embedded;
                embedded += record
                    .iter()
                    .map(|f| f.matches('\n').count())
                    .sum::<usize>();
                let row = u32::try_from(excel_row).unwrap_or(u32::MAX);
                for (c, field) in record.iter().enumerate() {
                    let v = unwrap_text_marker(field);
                    b.put(row, c as u32, Value::Text(v.to_string()))?;
                }
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                b.issues.push(ImportIssue::at(
                    name,
                    line,
                    "",
                    tf(lang, "import.file.csv_error", &[&e]),
                ));
                if !matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                    break;
                }
            }
        }
    }
    if b.rows.is_empty() {
        return Err(ImportIssue::file(
            name,
            t(lang, "import.file.empty").to_string(),
        ));
    }
    Ok(b.finish(
        SourceFormat::Csv {
            encoding,
            delimiter,
        },
        None,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(text: &str) -> Grid {
        read_bytes("t.csv", text.as_bytes(), &ReadOptions::default()).unwrap()
    }

    #[test]
    fn sniffs_delimiters() {
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc\n1\t\"x,y\"\t3\n"), b'\t');
        assert_eq!(sniff_delimiter("a;b;c\n1;2,5;3\n"), b';');
    }

    #[test]
    fn rows_keep_excel_numbers_across_blank_lines_and_embedded_newlines() {
        let g = csv("标题\n\n姓名,住址\n张三,\"一单元\n2号\"\n\n李四,x\n");
        let lines: Vec<usize> = g.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 3, 4, 6]);
    }

    #[test]
    fn text_markers_are_removed() {
        let g = csv("a,b\n=\"0871\",'138\n");
        assert_eq!(g.rows[1].cells[0], Value::Text("0871".into()));
        assert_eq!(g.rows[1].cells[1], Value::Text("138".into()));
    }
}
