//! Display-width arithmetic for text that mixes Chinese and Latin characters.
//!
//! A Chinese character takes two terminal columns, a Latin letter one; every place the TUI
//! lines text up in columns goes through these helpers so that a column never overflows and a
//! wide character is never cut in half. Also the masks that hide personal data (手机, 家庭住址)
//! on a projected screen.
//!
//! Owns: width, truncation, padding, masking of strings. Must not touch: styles, buffers,
//! terminals; these are plain string functions.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The ellipsis added when text is cut; one column wide.
pub const ELLIPSIS: &str = "…";

/// Columns `s` takes on a terminal (wide CJK characters count two).
pub fn width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}

/// Columns one grapheme takes. Control characters take none; a grapheme the terminal draws
/// at all takes at least one (a lone combining mark would otherwise be zero and vanish).
pub fn grapheme_width(g: &str) -> usize {
    if g.chars().any(char::is_control) {
        return 0;
    }
    g.width()
}

/// `s` cut to at most `max_cols` columns; when anything is cut the result ends with `…`.
/// A wide character that would straddle the limit is dropped whole.
pub fn truncate(s: &str, max_cols: usize) -> String {
    if width(s) <= max_cols {
        return s.to_string();
    }
    if max_cols == 0 {
        return String::new();
    }
    // Room for the ellipsis is kept back first, so the result is at most max_cols wide.
    let budget = max_cols - width(ELLIPSIS);
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = grapheme_width(g);
        if used + w > budget {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push_str(ELLIPSIS);
    out
}

/// `s` truncated to `cols` and padded with spaces on the right to exactly `cols` columns.
pub fn pad_right(s: &str, cols: usize) -> String {
    let mut out = truncate(s, cols);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

/// `s` truncated to `cols` and padded with spaces on the left to exactly `cols` columns
/// (numbers in a table column line up on the right).
pub fn pad_left(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let w = width(&t);
    let mut out: String = std::iter::repeat_n(' ', cols.saturating_sub(w)).collect();
    out.push_str(&t);
    out
}

/// A mobile number with its middle four digits hidden: `13812348588` → `138****8588`, the form
/// clerks and residents recognise from bank and courier slips. Anything that is not an
/// eleven-digit number keeps only its first and last two characters, so no full number shows.
pub fn mask_phone(phone: &str) -> String {
    let phone = phone.trim();
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() == 11 && chars.iter().all(char::is_ascii_digit) {
        let head: String = chars[..3].iter().collect();
        let tail: String = chars[7..].iter().collect();
        return format!("{head}****{tail}");
    }
    if chars.len() <= 4 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..2].iter().collect();
    let tail: String = chars[chars.len() - 2..].iter().collect();
    format!("{head}****{tail}")
}

/// Characters of an address kept before the mask: enough for the district and street
/// (`曲靖市麒麟区…`) so a room can see where a member lives without the door number.
pub const ADDRESS_KEEP: usize = 6;

/// An address with everything after its first [`ADDRESS_KEEP`] characters hidden.
pub fn mask_address(address: &str) -> String {
    let address = address.trim();
    let mut graphemes = address.graphemes(true);
    let head: String = graphemes.by_ref().take(ADDRESS_KEEP).collect();
    if graphemes.next().is_none() {
        // An address no longer than the kept part would be shown whole; show none of it.
        return if head.is_empty() {
            String::new()
        } else {
            "****".to_string()
        };
    }
    format!("{head}****")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_two_columns() {
        assert_eq!(width("紫鑫城社区"), 10);
        assert_eq!(width("abc"), 3);
        assert_eq!(width("党员A"), 5);
        assert_eq!(width(""), 0);
    }

    #[test]
    fn truncate_adds_ellipsis_and_never_splits_a_wide_char() {
        assert_eq!(truncate("紫鑫城社区", 10), "紫鑫城社区");
        assert_eq!(truncate("紫鑫城社区", 9), "紫鑫城社…");
        // 6 columns: the ellipsis leaves 5, which holds two characters and not half a third.
        assert_eq!(truncate("紫鑫城社区", 6), "紫鑫…");
        assert_eq!(truncate("紫鑫城社区", 1), "…");
        assert_eq!(truncate("紫鑫城社区", 0), "");
        assert_eq!(truncate("abcdef", 4), "abc…");
    }

    #[test]
    fn truncate_never_exceeds_the_limit() {
        let samples = [
            "紫鑫城社区党总支",
            "a紫b鑫c城",
            "政策法规宣传岗 13812348588",
            "é́x",
            "",
        ];
        for s in samples {
            for max in 0..20 {
                let t = truncate(s, max);
                assert!(width(&t) <= max, "{s:?} at {max} gave {t:?}");
            }
        }
    }

    #[test]
    fn padding_gives_exact_width() {
        assert_eq!(pad_right("张三", 6), "张三  ");
        assert_eq!(pad_left("12", 5), "   12");
        assert_eq!(width(&pad_right("紫鑫城社区", 7)), 7);
        assert_eq!(pad_right("紫鑫城社区", 7), "紫鑫城…");
        assert_eq!(width(&pad_left("紫鑫城社区", 4)), 4);
    }

    #[test]
    fn phone_mask_hides_the_middle_digits() {
        assert_eq!(mask_phone("13812348588"), "138****8588");
        assert_eq!(mask_phone(" 13812348588 "), "138****8588");
        assert_eq!(mask_phone("0874-3123456"), "08****56");
        assert_eq!(mask_phone("110"), "***");
        assert_eq!(mask_phone(""), "");
    }

    #[test]
    fn address_mask_keeps_the_district() {
        assert_eq!(
            mask_address("曲靖市麒麟区南宁街道紫鑫城3栋2单元"),
            "曲靖市麒麟区****"
        );
        assert_eq!(mask_address("3栋2单元"), "****");
        assert_eq!(mask_address(""), "");
        assert!(!mask_address("紫鑫城小区3栋2单元501").contains("501"));
    }
}
