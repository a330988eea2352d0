//! Text that went through the wrong encoding before it reached us (乱码), told apart from
//! a sheet that merely lacks its header, so the clerk learns what happened to the file and
//! how to get a good copy rather than "no header found".
//!
//! Three ways it happens to offices' files:
//! - GBK bytes read as a Western encoding (Latin-1 / Windows-1252) and saved again: 姓名
//!   becomes `ÐÕÃû`. Recoverable reading: back to the bytes, then GBK.
//! - UTF-8 bytes read as GBK and saved again: 姓名 becomes `濮撳悕`. Back to GBK bytes,
//!   then UTF-8.
//! - GBK bytes read as UTF-8 with replacement: the characters are gone (`�`, or `锟斤拷`,
//!   which is what the replacement characters look like after a second round).
//!
//! Only the header rows are looked at, and only when the header was not found: a reading
//! counts when it names a column of one of the import's forms, or when a cell is nothing
//! but the marks GBK text leaves as Latin-1, so a sheet with a German street name in it is
//! not called garbled.
use super::error::{ImportIssue, column_letter};
use super::grid::Grid;
use super::header::HEADER_SCAN_ROWS;
use super::schemas;
use super::values::text_of;
use crate::i18n::{Lang, tf};

/// What a cell's text was before it was garbled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Misread {
    /// GBK read as Latin-1 or Windows-1252: the text as GBK.
    GbkAsLatin(String),
    /// UTF-8 read as GBK: the text as UTF-8.
    Utf8AsGbk(String),
    /// Replacement characters: the text is lost.
    Lost,
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// The byte a Latin-1 or Windows-1252 reading turned into `c`.
fn western_byte(c: char) -> Option<u8> {
    if (c as u32) < 0x100 {
        return Some(c as u32 as u8);
    }
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
    (!unmappable && bytes.len() == 1).then(|| bytes[0])
}

/// A header name of any of the import's forms.
fn names_a_column(text: &str) -> bool {
    schemas::ALL.iter().any(|s| s.match_header(text).is_some())
}

/// How `text` was garbled, if it reads as garbled text; `strict` asks for a reading that
/// names a column.
pub fn misread(text: &str, strict: bool) -> Option<Misread> {
    if text.contains('\u{FFFD}') || text.contains("锟斤拷") {
        return Some(Misread::Lost);
    }
    let bytes: Option<Vec<u8>> = text.chars().map(western_byte).collect();
    if let Some(bytes) = bytes
        && bytes.iter().filter(|b| **b >= 0x80).count() >= 2
        && let Some(gbk) =
            encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(&bytes)
        && gbk.chars().any(is_cjk)
    {
        // Nothing but high marks (`ÐÕÃû`) is GBK for certain; a mix may be a Western name.
        let all_marks = text.chars().all(|c| !c.is_ascii_alphabetic());
        if names_a_column(&gbk) || (all_marks && !strict) {
            return Some(Misread::GbkAsLatin(gbk.into_owned()));
        }
    }
    if text.chars().any(is_cjk) {
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
        if !unmappable
            && let Ok(utf8) = std::str::from_utf8(&bytes)
            && utf8 != text
            && names_a_column(utf8)
        {
            return Some(Misread::Utf8AsGbk(utf8.to_string()));
        }
    }
    None
}

/// The issue to show instead of "no header" when the first rows of `grid` are garbled text.
pub fn suspect(grid: &Grid, lang: Lang) -> Option<ImportIssue> {
    let mut weak = None;
    for row in grid.rows.iter().take(HEADER_SCAN_ROWS) {
        for (col, v) in row.cells.iter().enumerate() {
            let text = text_of(v);
            if text.is_ascii() {
                continue;
            }
            let Some(m) = misread(&text, false) else {
                continue;
            };
            let message = match &m {
                Misread::GbkAsLatin(s) => tf(lang, "import.file.misread_gbk", &[&text, s]),
                Misread::Utf8AsGbk(s) => tf(lang, "import.file.misread_utf8", &[&text, s]),
                Misread::Lost => tf(lang, "import.file.misread_lost", &[&text]),
            };
            let issue = ImportIssue::at(&grid.file, row.line, &column_letter(col), message);
            // A reading that names a column is the best evidence: show that one.
            let named = match &m {
                Misread::GbkAsLatin(s) | Misread::Utf8AsGbk(s) => names_a_column(s),
                Misread::Lost => false,
            };
            if named {
                return Some(issue);
            }
            weak.get_or_insert(issue);
        }
    }
    weak
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_latin1(s: &str) -> String {
        let (gbk, _, _) = encoding_rs::GBK.encode(s);
        gbk.iter().map(|b| char::from(*b)).collect()
    }

    #[test]
    fn reads_back_each_kind_of_garbling() {
        assert_eq!(as_latin1("姓名"), "ÐÕÃû");
        assert_eq!(
            misread("ÐÕÃû", true),
            Some(Misread::GbkAsLatin("姓名".into()))
        );
        // Windows-1252 for the bytes 0x80–0x9F: 联系电话 has 0x95 (•) in it.
        let (gbk, _, _) = encoding_rs::GBK.encode("联系电话");
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.decode(&gbk);
        assert_eq!(
            misread(&cp1252, true),
            Some(Misread::GbkAsLatin("联系电话".into()))
        );
        let (as_gbk, _, _) = encoding_rs::GBK.decode("姓名".as_bytes());
        assert_eq!(as_gbk, "濮撳悕");
        assert_eq!(
            misread(&as_gbk, true),
            Some(Misread::Utf8AsGbk("姓名".into()))
        );
        assert_eq!(misread("锟斤拷锟斤拷", true), Some(Misread::Lost));
        assert_eq!(misread("姓\u{FFFD}", true), Some(Misread::Lost));
    }

    #[test]
    fn leaves_good_text_and_western_names_alone() {
        for good in [
            "姓名",
            "手机号码",
            "紫鑫城社区",
            "Müller Straße",
            "José",
            "Zoë Müller",
        ] {
            assert_eq!(misread(good, false), None, "{good}");
        }
    }
}
