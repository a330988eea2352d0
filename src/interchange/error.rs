//! What went wrong in an imported file, said where a clerk can find it: the file, the row as
//! Excel numbers it, the column by its header text (or letter), and what to do.
//!
//! Import never stops at the first problem: readers and parsers return every [`ImportIssue`]
//! they find, so a clerk fixes a file in one pass. A file that cannot be read at all (not a
//! table, damaged, too large) is a single issue with row 0.
use std::fmt;

use crate::i18n::{Lang, tf};

/// One problem in an imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportIssue {
    /// The file as the clerk named it.
    pub file: String,
    /// 1-based row as Excel shows it; 0 when the problem is the whole file.
    pub row: usize,
    /// The header text of the column (e.g. `手机`), or its letter (`C`) when it has none;
    /// empty when the problem is the whole row or file.
    pub column: String,
    /// Already in the clerk's language.
    pub message: String,
}

impl ImportIssue {
    /// A problem with the whole file.
    pub fn file(file: &str, message: String) -> ImportIssue {
        ImportIssue {
            file: file.to_string(),
            row: 0,
            column: String::new(),
            message,
        }
    }

    /// A problem at one cell (or one row, with an empty column).
    pub fn at(file: &str, row: usize, column: &str, message: String) -> ImportIssue {
        ImportIssue {
            file: file.to_string(),
            row,
            column: column.to_string(),
            message,
        }
    }
}

/// `FILE:ROW:COLUMN: message`, leaving out the parts that do not apply.
impl fmt::Display for ImportIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.row > 0 {
            write!(f, ":{}", self.row)?;
            if !self.column.is_empty() {
                write!(f, ":{}", self.column)?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ImportIssue {}

/// Why one value is not acceptable; the message is looked up in the catalog when shown, so
/// the same error reads in Chinese or English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// Catalog key (`import.value.*`).
    pub key: &'static str,
    /// Fills `{0}`, `{1}` … in the message; `{0}` is always the value as found.
    pub args: Vec<String>,
}

impl ValueError {
    pub fn new(key: &'static str, value: impl Into<String>) -> ValueError {
        ValueError {
            key,
            args: vec![value.into()],
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let args: Vec<&dyn fmt::Display> =
            self.args.iter().map(|a| a as &dyn fmt::Display).collect();
        tf(lang, self.key, &args)
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Zh))
    }
}

impl std::error::Error for ValueError {}

/// The spreadsheet letter of a 0-based column: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_letter(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_display_names_the_place() {
        let i = ImportIssue::at("members.xlsx", 7, "手机", "太短".into());
        assert_eq!(i.to_string(), "members.xlsx:7:手机: 太短");
        let f = ImportIssue::file("x.csv", "不是表格".into());
        assert_eq!(f.to_string(), "x.csv: 不是表格");
        assert_eq!(
            ImportIssue::at("a", 3, "", "m".into()).to_string(),
            "a:3: m"
        );
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(16_383), "XFD");
    }
}
