//! Line breaking for printed forms: Chinese breaks between any two characters, except that
//! closing punctuation never starts a line and opening punctuation never ends one (避头尾);
//! Latin words and numbers stay whole unless a word alone is wider than the line.
//!
//! Widths are in em (multiples of the font size) from a [`Measure`]: the XLSX writer, which
//! cannot know the reader's font, uses [`Estimate`]; the PDF writer measures the embedded font.
use unicode_width::UnicodeWidthChar;

/// The advance of a character in em.
pub trait Measure {
    fn advance(&self, ch: char) -> f32;

    fn width(&self, s: &str) -> f32 {
        s.chars().map(|c| self.advance(c)).sum()
    }
}

/// A font-independent guess that errs wide: a CJK character 1 em, anything else 0.6 em.
#[derive(Debug, Clone, Copy, Default)]
pub struct Estimate;

impl Measure for Estimate {
    fn advance(&self, ch: char) -> f32 {
        estimate(ch)
    }
}

pub fn estimate(ch: char) -> f32 {
    match ch {
        '\n' | '\r' => 0.0,
        '☐' | '☑' | '✗' | '✓' => 1.0,
        c => match c.width() {
            Some(2) => 1.0,
            Some(0) | None => 0.0,
            _ => 0.6,
        },
    }
}

/// Never at the start of a line.
fn closes(c: char) -> bool {
    "，。、；：？！）》」』】〕〉…—％,.;:?!)]}%·”’".contains(c)
}

/// Never at the end of a line.
fn opens(c: char) -> bool {
    "（《「『【〔〈“‘([{".contains(c)
}

fn wide(c: char) -> bool {
    c.width() == Some(2) || matches!(c, '☐' | '☑' | '✗' | '✓')
}

/// Pieces that may not be split: a wide character with the punctuation glued to it, a word, a
/// run of spaces.
fn tokens(line: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut glue_next = false;
    for c in line.chars() {
        let space = c == ' ' || c == '\u{3000}';
        let joins_word = !space
            && !wide(c)
            && out
                .last()
                .and_then(|t| t.chars().last())
                .is_some_and(|p| !wide(p) && p != ' ' && p != '\u{3000}' && !closes(p));
        match out.last_mut() {
            Some(last) if glue_next || closes(c) || joins_word => last.push(c),
            Some(last) if space && last.chars().all(|p| p == ' ' || p == '\u{3000}') => {
                last.push(c)
            }
            _ => out.push(c.to_string()),
        }
        glue_next = opens(c);
    }
    out
}

/// `text` broken into lines no wider than `width` em. Hard line breaks are kept; each line
/// keeps its trailing spaces (a break at a space loses nothing), so the lines joined give the
/// text back. An empty text is one empty line.
pub fn wrap(text: &str, width: f32, m: &dyn Measure) -> Vec<String> {
    let mut lines = Vec::new();
    let hard: Vec<&str> = text.split('\n').collect();
    let last = hard.len() - 1;
    for (i, part) in hard.iter().enumerate() {
        let start = lines.len();
        let mut line = String::new();
        let mut used = 0.0f32;
        for tok in tokens(part.trim_end_matches('\r')) {
            let w = m.width(&tok);
            let blank = tok.trim().is_empty();
            if used + w <= width + 1e-3 || (blank && !line.is_empty()) {
                used += w;
                line.push_str(&tok);
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0.0;
            }
            if blank {
                continue;
            }
            // A piece wider than the line is cut where it must be.
            for c in tok.chars() {
                let cw = m.advance(c);
                if used + cw > width + 1e-3 && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    used = 0.0;
                }
                used += cw;
                line.push(c);
            }
        }
        if !line.is_empty() || lines.len() == start {
            lines.push(line);
        }
        if let Some(l) = lines.last_mut().filter(|_| i < last) {
            l.push('\n');
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_breaks_anywhere_but_not_before_closing_punctuation() {
        let text = "我单位党员曹顺仙同志，联系电话";
        let lines = wrap(text, 5.0, &Estimate);
        // The comma stays with 志, which goes to the next line with it.
        assert_eq!(lines, vec!["我单位党员", "曹顺仙同", "志，联系电", "话"]);
        assert!(lines.iter().all(|l| !l.starts_with('，')));
        assert_eq!(lines.concat(), text);
    }

    #[test]
    fn latin_words_and_numbers_stay_whole() {
        let lines = wrap("电话 15195888588 报到", 8.0, &Estimate);
        assert_eq!(lines.concat(), "电话 15195888588 报到");
        assert!(lines.iter().any(|l| l.trim() == "15195888588"), "{lines:?}");
    }

    #[test]
    fn a_long_text_wraps_and_joins_back() {
        let text = "现实表现".repeat(500);
        let lines = wrap(&text, 30.0, &Estimate);
        assert_eq!(lines.len(), 2000 / 30 + 1);
        assert_eq!(lines.concat(), text);
        assert_eq!(wrap("", 3.0, &Estimate), vec![String::new()]);
        assert_eq!(wrap("a\nb", 3.0, &Estimate), vec!["a\n", "b"]);
    }

    #[test]
    fn opening_punctuation_stays_with_what_follows() {
        let lines = wrap("甲乙丙丁（戊己）", 5.0, &Estimate);
        assert_eq!(lines, vec!["甲乙丙丁", "（戊己）"]);
    }
}
