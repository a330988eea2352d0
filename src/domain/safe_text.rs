//! The one rule for characters that may not be in the ledger's text, and the one way to make
//! any text safe to print.
//!
//! A name or an address from an office's file can carry bytes a terminal obeys rather than
//! shows: ESC and C1 sequences (clear the screen, move the cursor, OSC 52 sets the clipboard),
//! bidi overrides that show `exe.txt` for `txt.exe`, zero-width characters that make two
//! different names look the same. Every entry point (import cells, bundles, form fields,
//! keys.toml) refuses them with [`check`], naming the character as `U+XXXX`; every output to a
//! terminal or a text file passes through [`neutralise`] as well, so text stored before the rule
//! existed, or by another program, still cannot act on a reviewer's terminal.
//!
//! Owns: which characters are refused, and how they are shown. Must not touch: I/O.

use std::borrow::Cow;

/// Whether a field may hold several lines (a 现实表现, a plan) or only one (a name, a phone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    One,
    /// Tab and line ends (LF, CRLF) are allowed.
    Many,
}

/// A refused character and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    pub ch: char,
    /// 1-based position in characters (what a clerk counts in a cell).
    pub position: usize,
}

impl Refused {
    /// `U+001B`.
    pub fn code(&self) -> String {
        code_point(self.ch)
    }

    /// What the character is, in a few words a clerk can search for.
    pub fn what(&self) -> &'static str {
        kind(self.ch)
    }
}

/// `U+001B`, `U+202E`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// Bidi controls: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and the
/// invisible direction marks.
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Characters that take no space and, in this ledger's Chinese and Latin text, mean nothing:
/// zero-width space and non-joiner, word joiner, the byte-order mark inside text, the
/// Mongolian vowel separator, interlinear annotation marks, and the line and paragraph
/// separators that some terminals and editors treat as line ends. The zero-width joiner is
/// judged by its neighbours (see [`check`]).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}' | '\u{2028}' | '\u{2029}'
    ) || ('\u{FFF9}'..='\u{FFFB}').contains(&c)
}

/// Pictographs a zero-width joiner may join into one emoji (👨‍👩‍👧): the only place it
/// carries meaning here.
fn is_pictograph(c: char) -> bool {
    matches!(c, '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{FE0F}')
}

fn kind(c: char) -> &'static str {
    match c {
        '\u{1B}' => "ESC",
        '\0'..='\u{1F}' => "C0",
        '\u{7F}' => "DEL",
        '\u{80}'..='\u{9F}' => "C1",
        c if is_bidi(c) => "bidi",
        _ => "zero-width",
    }
}

/// Whether `c` is refused wherever it stands (the joiner and line ends need their context).
fn always_refused(c: char) -> bool {
    let u = c as u32;
    u < 0x20 || (0x7F..=0x9F).contains(&u) || is_bidi(c) || is_invisible(c)
}

/// The first refused character of `s`, if any.
pub fn check(s: &str, lines: Lines) -> Result<(), Refused> {
    // Fast path: plain ASCII text without controls is the common case.
    if s.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return Ok(());
    }
    // One pass with the neighbours at hand, no copy of the text: every name of a large
    // import comes through here.
    let mut prev = None;
    let mut chars = s.chars().peekable();
    let mut i = 0;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let ok = match c {
            '\t' | '\n' => lines == Lines::Many,
            '\r' => lines == Lines::Many && next == Some('\n'),
            '\u{200D}' => prev.is_some_and(is_pictograph) && next.is_some_and(is_pictograph),
            c => !always_refused(c),
        };
        if !ok {
            return Err(Refused {
                ch: c,
                position: i + 1,
            });
        }
        prev = Some(c);
        i += 1;
    }
    Ok(())
}

/// Whether `c` never reaches an output: everything [`check`] refuses on one line, except tab
/// and newline, which outputs use as their own separators (a field's own tabs and newlines are
/// the writer's business: TSV turns them into spaces). The zero-width joiner is let through:
/// alone it does nothing a terminal obeys.
fn escaped_on_output(c: char) -> bool {
    c != '\t' && c != '\n' && always_refused(c)
}

/// `s` with every character that could act on a terminal written out as `\u001b` (the JSON
/// escape, so JSON output stays valid JSON with the same value): visible, inert, reversible.
pub fn neutralise(s: &str) -> Cow<'_, str> {
    if !s.chars().any(escaped_on_output) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if escaped_on_output(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` on one line for a table cell or a screen: tab and line ends become spaces, then
/// [`neutralise`].
pub fn one_line(s: &str) -> Cow<'_, str> {
    if !s.contains(['\t', '\n', '\r']) {
        return neutralise(s);
    }
    let spaced = s.replace("\r\n", " ").replace(['\t', '\n', '\r'], " ");
    Cow::Owned(neutralise(&spaced).into_owned())
}

/// Whether a piece of drawn text holds anything [`neutralise`] would change, or a line end
/// (for a terminal cell, where neither belongs).
pub fn unsafe_in_cell(s: &str) -> bool {
    s.chars()
        .any(|c| c == '\t' || c == '\n' || always_refused(c))
}

/// `s` without any character that could act on a terminal (for a screen cell, where an
/// escape written out would not fit).
pub fn strip(s: &str) -> String {
    s.chars()
        .filter(|&c| !(c == '\t' || c == '\n' || always_refused(c)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_each_class_and_names_it() {
        for (s, code) in [
            ("张\u{1b}]52;c;ZWNobyBwd25lZA==\u{7}三", "U+001B"),
            ("张\u{9b}2J", "U+009B"),
            ("txt\u{202E}exe", "U+202E"),
            ("a\u{2066}b", "U+2066"),
            ("曾\u{200B}国华", "U+200B"),
            ("曾\u{200D}国华", "U+200D"),
            ("x\u{7f}", "U+007F"),
            ("\u{FEFF}name", "U+FEFF"),
            ("a\rb", "U+000D"),
        ] {
            let r = check(s, Lines::Many).unwrap_err();
            assert_eq!(r.code(), code, "{s:?}");
        }
        assert_eq!(check("曾国华\u{1b}", Lines::One).unwrap_err().position, 4);
    }

    #[test]
    fn lines_and_tabs_only_where_a_field_allows_lines() {
        assert!(check("第一行\n第二行\r\n\t第三行", Lines::Many).is_ok());
        assert!(check("a\nb", Lines::One).is_err());
        assert!(check("a\tb", Lines::One).is_err());
    }

    #[test]
    fn plain_text_and_emoji_joins_pass() {
        for s in [
            "曾国华",
            "Zeng Guohua",
            "曲靖市麒麟区 3栋2单元",
            "👨\u{200D}👩\u{200D}👧",
            "",
        ] {
            assert!(check(s, Lines::One).is_ok(), "{s:?}");
        }
    }

    #[test]
    fn neutralise_escapes_every_control_and_keeps_the_rest() {
        let s = "张\u{1b}[2J\u{9b}三\u{202E}\u{200B}\n";
        let n = neutralise(s);
        assert_eq!(n, "张\\u001b[2J\\u009b三\\u202e\\u200b\n");
        assert!(n.chars().all(|c| c == '\n' || !always_refused(c)));
        assert!(matches!(neutralise("曾国华"), Cow::Borrowed(_)));
        assert_eq!(one_line("a\tb\r\nc"), "a b c");
        assert_eq!(strip("a\u{1b}b\u{202e}"), "ab");
    }

    #[test]
    fn a_neutralised_json_string_is_the_same_json_value() {
        let raw = serde_json::json!({ "name": "张\u{85}\u{202E}三\u{1b}" }).to_string();
        let safe = neutralise(&raw);
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["name"], "张\u{85}\u{202E}三\u{1b}");
    }
}
