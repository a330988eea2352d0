//! The shape every form takes before it is written: a [`Report`] of [`Sheet`]s of [`Cell`]s.
//!
//! Row builders (one per paper form) fill these; the writers in [`super::txt`],
//! [`super::csv`] and [`super::xlsx`] only read them. Nothing here knows about the ledger.
use chrono::NaiveDate;
use unicode_width::UnicodeWidthStr;

use super::paper::Boxed;
use crate::domain::Id;

/// One value on a form.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Free text (names, addresses, contents of a service).
    Text(String),
    /// Digits that are not a quantity (phones, ID numbers, member numbers): always written as
    /// text so that spreadsheets neither drop leading zeros nor round long numbers.
    Code(String),
    Int(i64),
    Num(f64),
    Date(NaiveDate),
    Empty,
}

impl Cell {
    /// The cell as a person reads it on paper; dates as `yyyy-mm-dd`.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) | Cell::Code(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Num(x) => format_num(*x),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Empty => String::new(),
        }
    }

    /// Quantities line up on the right in printed tables.
    pub fn is_numeric(&self) -> bool {
        matches!(self, Cell::Int(_) | Cell::Num(_))
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::Int(n)
    }
}

impl From<NaiveDate> for Cell {
    fn from(d: NaiveDate) -> Cell {
        Cell::Date(d)
    }
}

/// Hours and rates: no trailing zeros (`1.5`, `2`), at most two decimals.
pub fn format_num(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// One paper form (or one worksheet of a workbook).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// The worksheet tab; [`sheet_names`] makes it valid and unique when writing.
    pub name: String,
    /// The form's title, e.g. 在职党员社区报到登记表.
    pub title: String,
    /// Lines between the title and the header, e.g. `县(市、区)：… 街道(乡镇)：… 社区党组织：…`.
    pub above: Vec<String>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Lines under the table, e.g. `个人累计社区服务活动时间 12 小时`.
    pub below: Vec<String>,
    /// How the form prints when it is one member to a page (附件1, 附件2, 附件5, 反馈单):
    /// the boxes of the seed's paper. `None`: the table as it is.
    pub boxed: Option<Boxed>,
    /// The member a one-member sheet is about (附件1, 附件2): whose personal data a reveal on
    /// screen shows. Not printed.
    pub owner: Option<Id>,
    /// The member each row is about, in row order, where the rows are people (the rosters);
    /// empty otherwise. Lets the screen reveal one person's row of a roster. Not printed.
    pub owners: Vec<Id>,
}

impl Sheet {
    /// The number of columns: the header's, or the widest row's if a row is wider.
    pub fn width(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .chain(std::iter::once(self.headers.len()))
            .max()
            .unwrap_or(0)
    }

    /// The widest display width of each column over header and rows (CJK counts 2).
    pub fn column_widths(&self) -> Vec<usize> {
        let mut widths = vec![0; self.width()];
        for (i, h) in self.headers.iter().enumerate() {
            widths[i] = widths[i].max(display_width(h));
        }
        for row in &self.rows {
            for (i, c) in row.iter().enumerate() {
                widths[i] = widths[i].max(display_width(&c.display()));
            }
        }
        widths
    }
}

/// A set of forms written together (one file).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    pub sheets: Vec<Sheet>,
}

/// Columns a string takes on a terminal or in a monospaced print: CJK characters count 2.
/// Control characters count 0 here; writers replace them before printing (see [`printable`]).
pub fn display_width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` on one line without control characters: newlines and tabs become spaces, every other
/// character the ledger refuses (an escape sequence from an imported file could repaint a
/// reviewer's terminal, a bidi override disguise a name) is dropped.
pub fn printable(s: &str) -> String {
    let spaced: String = s
        .chars()
        .filter(|&c| c != '\r')
        .map(|c| if matches!(c, '\n' | '\t') { ' ' } else { c })
        .collect();
    crate::domain::safe_text::strip(&spaced)
}

/// Like [`printable`], but a newline stays a line break (a comment written on several lines).
pub fn printable_keep_lines(s: &str) -> String {
    s.split('\n').map(printable).collect::<Vec<_>>().join("\n")
}

/// Excel's limits on a worksheet name: 1–31 characters, none of `[]:*?/\`, not starting or
/// ending with an apostrophe.
fn sanitize_sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'').trim();
    let cleaned: String = cleaned.chars().take(31).collect();
    if cleaned.is_empty() {
        "Sheet".to_string()
    } else {
        cleaned
    }
}

/// Valid worksheet names for `sheets`, unique ignoring case as Excel requires: a repeated
/// name gets `(2)`, `(3)` … and is shortened to keep within 31 characters.
pub fn sheet_names(sheets: &[Sheet]) -> Vec<String> {
    let names: Vec<&str> = sheets
        .iter()
        .map(|s| {
            if s.name.trim().is_empty() {
                s.title.as_str()
            } else {
                s.name.as_str()
            }
        })
        .collect();
    unique_names(&names)
}

/// Valid and unique worksheet names for `names` (see [`sheet_names`]).
pub fn unique_names(names: &[&str]) -> Vec<String> {
    let mut taken = SheetNames::default();
    names.iter().map(|raw| taken.take(raw)).collect()
}

/// The worksheet names given so far, for a workbook written one sheet at a time.
#[derive(Debug, Default)]
pub struct SheetNames {
    /// Lower-cased: Excel compares names ignoring case.
    taken: std::collections::HashSet<String>,
}

impl SheetNames {
    /// `raw` made valid and unique among the names given before (see [`sheet_names`]).
    pub fn take(&mut self, raw: &str) -> String {
        let base = sanitize_sheet_name(raw);
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name.to_lowercase()) {
            let suffix = format!("({n})");
            let keep = 31 - suffix.chars().count();
            name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
            n += 1;
        }
        self.taken.insert(name.to_lowercase());
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_without_noise() {
        assert_eq!(format_num(1.5), "1.5");
        assert_eq!(format_num(2.0), "2");
        assert_eq!(format_num(0.126), "0.13");
        assert_eq!(format_num(-0.001), "0");
        assert_eq!(
            Cell::Date(NaiveDate::from_ymd_opt(2024, 3, 5).unwrap()).display(),
            "2024-03-05"
        );
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mk = |n: &str| Sheet {
            name: n.to_string(),
            ..Sheet::default()
        };
        let names = sheet_names(&[
            mk("附件5 服务记录卡 [张三]"),
            mk("附件5 服务记录卡 [张三]"),
            mk(""),
            mk("a/very/long/name/that/does/not/fit/in/excel"),
            mk("SHEET"),
        ]);
        assert_eq!(names[0], "附件5 服务记录卡 _张三_");
        assert_eq!(names[1], "附件5 服务记录卡 _张三_(2)");
        assert_eq!(names[2], "Sheet");
        assert_eq!(names[3].chars().count(), 31);
        assert_eq!(names[4], "SHEET(2)");
    }

    #[test]
    fn printable_drops_escapes() {
        assert_eq!(printable("a\x1b[2Jb\nc"), "a[2Jb c");
        assert_eq!(display_width("张三ab"), 6);
    }
}
