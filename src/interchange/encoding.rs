//! Which text encoding an imported CSV is in, and its text.
//!
//! Offices send CSVs from Excel on Chinese Windows (GBK, no marker), from WPS or newer Excel
//! (UTF-8 with a byte-order mark), from other programs (plain UTF-8) and, via "Unicode text",
//! UTF-16. Detection: a byte-order mark decides; otherwise valid UTF-8 is UTF-8 (GBK text of
//! any length is practically never valid UTF-8); otherwise GB18030, a superset of GBK, which
//! must decode without a single invalid sequence. Bytes that are not text at all (NULs, many
//! control characters) are refused rather than shown as garbage rows.
use std::borrow::Cow;

/// The encoding a CSV was found to be in (shown to the clerk after an import).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 (BOM)",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Gb18030 => "GBK/GB18030",
        }
    }
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes or control characters: a binary file, not a CSV.
    Binary,
    /// Neither UTF-8 nor GB18030.
    Unknown,
}

/// The text of `bytes` and the encoding it was in.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, TextEncoding), DecodeError> {
    let (text, enc) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let s = std::str::from_utf8(rest).map_err(|_| DecodeError::Unknown)?;
        (Cow::Borrowed(s), TextEncoding::Utf8Bom)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let s = encoding_rs::UTF_16LE
            .decode_without_bom_handling_and_without_replacement(rest)
            .ok_or(DecodeError::Unknown)?;
        (s, TextEncoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let s = encoding_rs::UTF_16BE
            .decode_without_bom_handling_and_without_replacement(rest)
            .ok_or(DecodeError::Unknown)?;
        (s, TextEncoding::Utf16Be)
    } else if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        (Cow::Borrowed(s), TextEncoding::Utf8)
    } else {
        let s = encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .ok_or(DecodeError::Unknown)?;
        (s, TextEncoding::Gb18030)
    };
    if looks_binary(&text) {
        return Err(DecodeError::Binary);
    }
    Ok((text, enc))
}

/// More than one control character (other than tab and line ends) per hundred characters in
/// the first 64 KiB: no spreadsheet writes that.
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(65_536) {
        total += 1;
        // ESC, BEL and backspace are what terminal tricks are made of: such a file is text,
        // and each cell holding one is refused by name (grid), not as a binary file.
        if c == '\0'
            || (c.is_control()
                && !matches!(
                    c,
                    '\t' | '\n' | '\r' | '\u{c}' | '\u{1b}' | '\u{7}' | '\u{8}'
                ))
        {
            control += 1;
        }
    }
    control > 0 && control * 100 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_encoding() {
        let text = "姓名,手机\n张三,13812345678\n";
        let (s, e) = decode(text.as_bytes()).unwrap();
        assert_eq!((s.as_ref(), e), (text, TextEncoding::Utf8));

        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        let (s, e) = decode(&bom).unwrap();
        assert_eq!((s.as_ref(), e), (text, TextEncoding::Utf8Bom));

        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let (s, e) = decode(&gbk).unwrap();
        assert_eq!((s.as_ref(), e), (text, TextEncoding::Gb18030));

        let mut utf16 = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let (s, e) = decode(&utf16).unwrap();
        assert_eq!((s.as_ref(), e), (text, TextEncoding::Utf16Le));
    }

    #[test]
    fn refuses_binary_and_unknown() {
        assert_eq!(
            decode(b"PK\x03\x04\0\0garbage").unwrap_err(),
            DecodeError::Binary
        );
        assert_eq!(
            decode(b"\x01\x02\x03\x04abc").unwrap_err(),
            DecodeError::Binary
        );
        // 0xFF is invalid in both UTF-8 and GB18030.
        assert_eq!(decode(b"abc\xFF").unwrap_err(), DecodeError::Unknown);
    }
}
