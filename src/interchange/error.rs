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
    /// Issues of the same kind left out after this one (see [`bound`]).
    pub more: usize,
}

impl ImportIssue {
    /// A problem with the whole file.
    pub fn file(file: &str, message: String) -> ImportIssue {
        ImportIssue {
            file: file.to_string(),
            row: 0,
            column: String::new(),
            message,
            more: 0,
        }
    }

    /// A problem at one cell (or one row, with an empty column).
    pub fn at(file: &str, row: usize, column: &str, message: String) -> ImportIssue {
        ImportIssue {
            file: file.to_string(),
            row,
            column: column.to_string(),
            message,
            more: 0,
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

impl ImportIssue {
    /// The issue as printed, with how many more of its kind were left out.
    pub fn shown(&self, lang: Lang) -> String {
        if self.more == 0 {
            self.to_string()
        } else {
            format!(
                "{}{}",
                self,
                tf(lang, "import.more_like_this", &[&self.more])
            )
        }
    }
}

/// How many issues of one kind are kept: enough to see the pattern and find the rows.
pub const PER_KIND: usize = 3;

/// Above this many issues a list is compacted by [`bound`] as it grows, so a file whose
/// every row has the same problem costs the memory of a few issues and a count.
pub const COMPACT_AT: usize = 4_096;

/// Keeps the first [`PER_KIND`] issues of each kind (the same column and the same message
/// once the values in it are masked) and counts the rest on the last one kept, in `more`.
/// Applying it again to its own output changes nothing.
pub fn bound(issues: &mut Vec<ImportIssue>) {
    let mut kept: std::collections::HashMap<(String, String), (usize, usize)> =
        std::collections::HashMap::new();
    let mut out: Vec<ImportIssue> = Vec::with_capacity(issues.len().min(256));
    for issue in issues.drain(..) {
        let kind = (issue.column.clone(), shape(&issue.message));
        match kept.get_mut(&kind) {
            Some((n, last)) if *n >= PER_KIND => out[*last].more += 1 + issue.more,
            Some((n, last)) => {
                *n += 1;
                *last = out.len();
                out.push(issue);
            }
            None => {
                kept.insert(kind, (1, out.len()));
                out.push(issue);
            }
        }
    }
    *issues = out;
}

/// [`bound`] once `issues` has grown past [`COMPACT_AT`].
pub fn bound_if_large(issues: &mut Vec<ImportIssue>) {
    if issues.len() >= COMPACT_AT {
        bound(issues);
    }
}

/// A message with what varies from row to row masked: quoted values, numbers, ids.
fn shape(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quoted = false;
    let mut in_word = false;
    for c in message.chars() {
        match c {
            '“' | '"' if !quoted => {
                quoted = true;
                out.push('"');
            }
            '”' | '"' if quoted => {
                quoted = false;
                out.push('"');
            }
            _ if quoted => {}
            c if c.is_ascii_alphanumeric() => {
                if !in_word {
                    out.push('#');
                }
                in_word = true;
                continue;
            }
            c => out.push(c),
        }
        in_word = false;
    }
    out
}

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
    fn bound_keeps_a_few_of_each_kind_and_counts_the_rest() {
        let mut issues: Vec<ImportIssue> = (1..=10_000)
            .map(|r| ImportIssue::at("f", r, "手机", format!("“13{r}”不是手机号")))
            .chain([ImportIssue::at("f", 7, "姓名", "必填".into())])
            .collect();
        bound(&mut issues);
        assert_eq!(issues.len(), PER_KIND + 1);
        assert_eq!(issues[PER_KIND - 1].more, 10_000 - PER_KIND);
        let again = issues.clone();
        bound(&mut issues);
        assert_eq!(issues, again);
        assert!(issues[2].shown(Lang::Zh).contains("9997"));
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(16_383), "XFD");
    }
}
