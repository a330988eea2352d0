//! One normal form for what clerks type and for the records' text, so that case, full-width
//! input from a Chinese IME, spaces and the many ways to write ü never decide a match.

/// Lowercase, full-width ASCII made half-width, whitespace, control characters, middle dots
/// and apostrophes (`xi'an`) dropped, `ü` written `v` as pinyin IMEs do.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // Full-width forms (Ａ, ５, ＠) are what an IME in full-width mode types.
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if c.is_whitespace() || c.is_control() || is_separator(c) {
            continue;
        }
        match c {
            'ü' | 'Ü' => out.push('v'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Characters people put between parts of a name or syllables that carry no meaning for
/// search: 阿不都·热合曼, xi'an.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        '·' | '•' | '・' | '‧' | '\'' | '’' | '‘' | '\u{200B}' | '\u{FEFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_width_spaces_and_umlaut() {
        assert_eq!(normalize(" Cao  Shun\tXian "), "caoshunxian");
        assert_eq!(normalize("ＣＳＸ１３８"), "csx138");
        assert_eq!(normalize("Lü"), "lv");
        assert_eq!(normalize("阿不都·热合曼"), "阿不都热合曼");
        assert_eq!(normalize("xi'an"), "xian");
        assert_eq!(normalize("曹\u{3000}顺仙"), "曹顺仙");
        assert_eq!(normalize(""), "");
    }
}
