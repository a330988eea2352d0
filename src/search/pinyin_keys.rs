//! The per-record search keys and the pinyin matcher.
//!
//! A record's keys are computed once (and persisted in its compiled form, see `compiled`):
//! - `readings`: for each character of the normalized name, the character itself and every
//!   reading it can have — all heteronyms from the pinyin data, except that the leading
//!   characters of a person's name take their surname reading (曾 zeng, 单 shan, 欧阳 ouyang).
//! - `ascii`: the fields a Latin-letter or digit query is checked against: the name's
//!   pinyin, its initials, the phone, and any Latin words of the other fields.
//! - `text`: the normalized name, community, unit and extra fields, for Chinese queries.
//! - `mask`: a 64-bit summary of every character above but the phone's digits (phones are
//!   found through their own digit index), so that most records are rejected by one AND
//!   before any of their text is read; `wide`: a finer summary of the non-ASCII characters,
//!   for Chinese queries.
//! - `first`: the first bytes of the name's first character and of its readings, which
//!   every name-anchored match (exact, prefix, pinyin) must start with.
use std::borrow::Cow;

use pinyin::ToPinyinMulti;

use super::Doc;
use super::normalize::normalize;
use super::surnames::surname_readings;

/// Separates the characters of a name in `readings`.
pub(crate) const CHAR_SEP: u8 = 0x1E;
/// Separates the alternatives of one character in `readings`, and the fields of `ascii` and
/// `text`. Normalized text never contains control characters, so neither byte can clash.
pub(crate) const ALT_SEP: u8 = 0x1F;
pub(crate) const FIELD_SEP: u8 = 0x1F;

/// The phone's position among the `ascii` fields (after pinyin and initials).
pub(crate) const PHONE_FIELD: usize = 2;

/// Names longer than this many characters get readings for their start only: a pinyin
/// match is anchored at the start of the name, and nobody types 40 syllables.
const MAX_NAME_CHARS: usize = 40;
/// Longer fields are cut (at a character boundary) in the keys; the doc keeps them whole.
const MAX_FIELD_BYTES: usize = 1024;
/// A pinyin query longer than this cannot match any name's readings in practice.
pub(crate) const MAX_PINYIN_QUERY: usize = 160;

/// The precomputed keys of one record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Keys {
    pub readings: String,
    pub ascii: String,
    pub text: String,
    pub mask: u64,
    pub wide: u64,
    pub first: u64,
}

/// One bit per letter and digit, one for all other ASCII, 27 buckets for everything else.
pub(crate) fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        c if c.is_ascii() => 1 << 36,
        // A multiplicative hash spreads neighbouring code points (common CJK characters are
        // close together) over the buckets.
        c => 1 << (37 + ((c as u32).wrapping_mul(2_654_435_761) >> 16) % 27),
    }
}

/// The bit of a non-ASCII character in `Keys::wide` (0 for ASCII).
pub(crate) fn wide_bit(c: char) -> u64 {
    if c.is_ascii() {
        0
    } else {
        1 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 26)
    }
}

/// The wide mask of a text.
pub(crate) fn wide_mask(text: &str) -> u64 {
    text.chars().fold(0, |m, c| m | wide_bit(c))
}

/// The mask of a text: the OR of its characters' bits. Separators are not text, and
/// leaving them out keeps punctuation queries from passing every record.
pub(crate) fn text_mask(text: &str) -> u64 {
    text.chars()
        .filter(|c| !c.is_control())
        .fold(0, |m, c| m | char_bit(c))
}

/// The bit in `Keys::first` for the first character of a name or reading. (Its first byte
/// would do for letters, but the lead bytes of CJK characters would share bits with them.)
pub(crate) fn first_bit(c: char) -> u64 {
    char_bit(c)
}

fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Every reading of one character, most common first, with ü written v. Borrowed from the
/// pinyin data unless it has a ü: every record's name is compiled on every save.
fn readings_of(c: char) -> Vec<Cow<'static, str>> {
    let mut out: Vec<Cow<'static, str>> = Vec::new();
    if let Some(multi) = c.to_pinyin_multi() {
        for p in multi {
            let plain = p.plain();
            let r = if plain.contains('ü') {
                Cow::Owned(plain.replace('ü', "v"))
            } else {
                Cow::Borrowed(plain)
            };
            if !out.contains(&r) {
                out.push(r);
            }
        }
    }
    out
}

/// Compiles the keys of a record.
pub(crate) fn compile_keys(doc: &Doc) -> Keys {
    let name = normalize(cut(&doc.name, MAX_FIELD_BYTES));
    let chars: Vec<char> = name.chars().take(MAX_NAME_CHARS).collect();
    let surname = if doc.kind.is_person() {
        surname_readings(&chars)
    } else {
        Vec::new()
    };

    let mut readings = String::new();
    let mut pinyin = String::new();
    let mut initials = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 {
            readings.push(CHAR_SEP as char);
        }
        readings.push(c);
        let alts = match surname.get(i) {
            Some(r) => vec![Cow::Borrowed(*r)],
            None => readings_of(c),
        };
        for alt in &alts {
            readings.push(ALT_SEP as char);
            readings.push_str(alt);
        }
        let default = alts.first().map(|r| r.as_ref());
        match default {
            Some(r) => {
                pinyin.push_str(r);
                initials.push_str(&r[..1]);
            }
            None if c.is_ascii_alphanumeric() => {
                pinyin.push(c);
                initials.push(c);
            }
            None => {}
        }
    }

    let phone: String = doc.phone.chars().filter(char::is_ascii_digit).collect();
    let others: Vec<String> = std::iter::once(&doc.community_name)
        .chain(std::iter::once(&doc.unit_name))
        .chain(doc.extra.iter())
        .map(|f| normalize(cut(f, MAX_FIELD_BYTES)))
        .collect();

    let mut ascii_fields = vec![pinyin, initials, cut(&phone, 64).to_string()];
    for field in &others {
        // Latin words inside Chinese text (IBM, Python, A栋) are typed in Latin letters.
        let latin: String = field
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
            .collect();
        ascii_fields.extend(latin.split(' ').filter(|w| !w.is_empty()).map(String::from));
    }
    let ascii = ascii_fields.join(&(FIELD_SEP as char).to_string());

    let mut text = name.clone();
    for field in &others {
        text.push(FIELD_SEP as char);
        text.push_str(field);
    }

    let wide = wide_mask(&text);
    let mut mask = ascii_fields
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != PHONE_FIELD)
        .fold(text_mask(&text), |m, (_, f)| m | text_mask(f));
    for c in readings.chars().filter(|c| !c.is_control()) {
        mask |= char_bit(c);
        // A clerk may type u for ü (lu → 吕).
        if c == 'v' {
            mask |= char_bit('u');
        }
    }
    let first = readings
        .split(CHAR_SEP as char)
        .next()
        .map(|slot| {
            slot.split(ALT_SEP as char)
                .filter_map(|alt| alt.chars().next())
                .fold(0, |m, c| m | first_bit(c))
        })
        .unwrap_or(0);
    Keys {
        readings,
        ascii,
        text,
        mask,
        wide,
        first,
    }
}

/// How well a query matched a name's readings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PinyinMatch {
    /// 3: the query spells every character, the last one in full (`caoshunxian`, `lv` → 吕);
    /// 2: it reaches the last character (`csx`, `caosx`); 1: it covers the first characters.
    pub level: u8,
    /// How many pieces the query was cut into; fewer means more full syllables were typed.
    pub segments: u8,
    /// How many pieces matched a character's other readings than its first (most common)
    /// one: `zsx` finds 丁信学 through 丁 zheng and 信 shen, but 周顺仙 comes first.
    pub rare: u8,
    /// The name's length in characters.
    pub chars: u16,
}

impl PinyinMatch {
    pub(crate) fn score(self) -> i64 {
        self.level as i64 * 100_000
            - self.segments as i64 * 100
            - self.rare as i64 * 10
            - self.chars as i64
    }
}

/// A path's cost: pieces first, then pieces through a rare reading (`PIECE` per piece, so
/// that no count of rare readings outweighs one piece more).
type Cost = u16;
const PIECE: Cost = 256;
const UNREACHED: Cost = Cost::MAX;

fn same(query: u8, reading: u8) -> bool {
    query == reading || (query == b'u' && reading == b'v')
}

/// Matches a normalized query against a name's readings, anchored at the name's start.
///
/// The query must split into pieces, one per character in order, each either the whole
/// character itself or a non-empty prefix of one of its readings: `csx`, `caoshunxian`,
/// `caosx`, `caoshunx` and `曹sx` all match 曹顺仙. Works on bytes, so any stored bytes are
/// safe to match against; `u` in the query also matches a reading's `v` (ü).
pub(crate) fn match_pinyin(readings: &[u8], query: &[u8]) -> Option<PinyinMatch> {
    let n = query.len();
    if n == 0 || n > MAX_PINYIN_QUERY || readings.is_empty() {
        return None;
    }
    // cur[p]: the cheapest path that consumes query[..p] at the current character boundary.
    let mut cur = [UNREACHED; MAX_PINYIN_QUERY + 1];
    let mut next = [UNREACHED; MAX_PINYIN_QUERY + 1];
    cur[0] = 0;
    let (mut lo, mut hi) = (0usize, 0usize);
    let slots = readings.split(|&b| b == CHAR_SEP).count();
    let mut best: Option<PinyinMatch> = None;
    for (i, slot) in readings.split(|&b| b == CHAR_SEP).enumerate() {
        let last = i + 1 == slots;
        let (mut nlo, mut nhi) = (usize::MAX, 0usize);
        for p in lo..=hi {
            if cur[p] == UNREACHED {
                continue;
            }
            let mut reach = |end: usize, whole: bool, rare: bool| {
                let cost = cur[p]
                    .saturating_add(PIECE)
                    .saturating_add(Cost::from(rare));
                if end == n {
                    let level = match (last, whole) {
                        (true, true) => 3,
                        (true, false) => 2,
                        _ => 1,
                    };
                    let m = PinyinMatch {
                        level,
                        segments: (cost / PIECE).min(u8::MAX as Cost) as u8,
                        rare: (cost % PIECE) as u8,
                        chars: slots.min(u16::MAX as usize) as u16,
                    };
                    let better = match best {
                        None => true,
                        Some(b) => {
                            (m.level, std::cmp::Reverse((m.segments, m.rare)))
                                > (b.level, std::cmp::Reverse((b.segments, b.rare)))
                        }
                    };
                    if better {
                        best = Some(m);
                    }
                } else if cost < next[end] {
                    next[end] = cost;
                    nlo = nlo.min(end);
                    nhi = nhi.max(end);
                }
            };
            for (k, alt) in slot.split(|&b| b == ALT_SEP).enumerate() {
                if alt.is_empty() {
                    continue;
                }
                if k == 0 {
                    // The character itself: whole or not at all (a CJK character is several
                    // bytes, and half of one is not a match).
                    if query[p..].starts_with(alt) {
                        reach(p + alt.len(), true, false);
                    }
                } else {
                    let mut j = 0;
                    while j < alt.len() && p + j < n && same(query[p + j], alt[j]) {
                        j += 1;
                        reach(p + j, j == alt.len(), k > 1);
                    }
                }
            }
        }
        if nlo == usize::MAX {
            break;
        }
        for v in cur[lo..=hi].iter_mut() {
            *v = UNREACHED;
        }
        std::mem::swap(&mut cur, &mut next);
        lo = nlo;
        hi = nhi;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Id;
    use crate::search::Kind;

    fn person(name: &str) -> Keys {
        compile_keys(&Doc {
            kind: Kind::Member,
            id: Id(1),
            name: name.into(),
            community: None,
            community_name: String::new(),
            unit_name: String::new(),
            phone: String::new(),
            extra: Vec::new(),
        })
    }

    fn matches(name: &str, query: &str) -> Option<PinyinMatch> {
        let keys = person(name);
        match_pinyin(keys.readings.as_bytes(), normalize(query).as_bytes())
    }

    #[test]
    fn a_match_through_common_readings_ranks_first() {
        // 丁 zheng and 信 shen are real but rare readings: 丁信学 matches zsx, after 周顺仙.
        let rare = matches("丁信学", "zsx").expect("heteronyms still match");
        let common = matches("周顺仙", "zsx").expect("match");
        assert_eq!((rare.level, rare.segments), (common.level, common.segments));
        assert_eq!((rare.rare, common.rare), (2, 0));
        assert!(common.score() > rare.score());
        // Fewer pieces still outweigh rare readings: a full spelling beats initials.
        assert!(matches("丁信学", "zhengshenxue").unwrap().score() > common.score());
    }

    #[test]
    fn full_initials_and_mixed() {
        for q in [
            "csx",
            "caoshunxian",
            "cao shun xian",
            "CaoShunXian",
            "caosx",
            "caoshunx",
            "cshunxian",
            "曹sx",
            "曹顺xian",
        ] {
            assert!(matches("曹顺仙", q).is_some(), "{q}");
        }
        for q in ["sx", "cx", "caoxian", "caoshunxiana", "曹x顺"] {
            assert!(matches("曹顺仙", q).is_none(), "{q}");
        }
    }

    #[test]
    fn levels_order_full_over_initials_over_partial() {
        let full = matches("曹顺仙", "caoshunxian").map(|m| m.level);
        let initials = matches("曹顺仙", "csx").map(|m| m.level);
        let partial = matches("曹顺仙", "cs").map(|m| m.level);
        assert_eq!((full, initials, partial), (Some(3), Some(2), Some(1)));
        let a = matches("李明", "liming").map(PinyinMatch::score);
        let b = matches("李明", "lim").map(PinyinMatch::score);
        assert!(a > b);
    }

    #[test]
    fn u_or_v_for_umlaut() {
        assert!(matches("吕", "lv").is_some());
        assert!(matches("吕", "lu").is_some());
        assert!(matches("吕", "lü").is_some());
        assert!(matches("吕明", "lvm").is_some());
        assert!(matches("女娲", "nvw").is_some());
        assert!(matches("吕", "la").is_none());
    }

    #[test]
    fn surnames_read_as_surnames_other_characters_keep_all_readings() {
        for (name, q, wrong) in [
            ("曾丽", "zengli", "cengli"),
            ("单雄", "shanxiong", "danxiong"),
            ("解放", "xiefang", "jiefang"),
            ("仇英", "qiuying", "chouying"),
            ("区志坚", "ouzhijian", "quzhijian"),
            ("朴敏", "piaomin", "pumin"),
            ("查良", "zhaliang", "chaliang"),
            ("翟军", "zhaijun", "dijun"),
            ("覃海", "qinhai", "tanhai"),
            ("缪斌", "miaobin", "moubin"),
            ("盖伟", "gewei", "gaiwei"),
            ("乐平", "yueping", "leping"),
            ("华强", "huaqiang", "xqiang"),
            ("尉迟恭", "yuchigong", "weichigong"),
            ("欧阳修", "ouyangxiu", "oyx1"),
            ("万俟卨", "moqixie", "wanqixie"),
            ("单于云", "chanyuyun", "shanyuyun"),
        ] {
            assert!(matches(name, q).is_some(), "{name} {q}");
            assert!(matches(name, wrong).is_none(), "{name} {wrong}");
        }
        assert!(matches("尉迟恭", "ycg").is_some());
        assert!(matches("欧阳修", "oyx").is_some());
        // Not a surname position: 曾 and 单 keep every reading (曾经 ceng, 简单 dan).
        assert!(matches("王曾", "wangceng").is_some());
        assert!(matches("王曾", "wangzeng").is_some());
        assert!(matches("李单", "lidan").is_some());
        // Other characters keep all heteronyms: 行 xing/hang, 重 zhong/chong.
        assert!(matches("李行", "lixing").is_some());
        assert!(matches("李行", "lihang").is_some());
        assert!(matches("王重", "wangchong").is_some());
        assert!(matches("王重", "wangzhong").is_some());
    }

    #[test]
    fn surname_table_only_for_person_names() {
        let unit = compile_keys(&Doc {
            kind: Kind::Unit,
            id: Id(2),
            name: "曾经的公司".into(),
            community: None,
            community_name: String::new(),
            unit_name: String::new(),
            phone: String::new(),
            extra: Vec::new(),
        });
        assert!(match_pinyin(unit.readings.as_bytes(), b"cengjing").is_some());
        assert!(unit.ascii.starts_with("cengjing"));
        assert!(person("曾丽").ascii.starts_with("zengli\u{1f}zl"));
    }

    #[test]
    fn characters_without_reading_match_themselves() {
        assert!(matches("A组张三", "azzs").is_some());
        assert!(matches("A组张三", "a组").is_some());
        assert!(matches("张3", "z3").is_some());
        // 𠮷 (U+20BB7) has no reading in the data: typing it still finds the name.
        assert!(matches("𠮷明", "𠮷m").is_some());
        assert!(matches("Anna", "ANN").is_some());
    }

    #[test]
    fn odd_queries_do_not_match_or_panic() {
        let keys = person("曹顺仙");
        let long = "c".repeat(5000);
        assert!(match_pinyin(keys.readings.as_bytes(), long.as_bytes()).is_none());
        assert!(match_pinyin(keys.readings.as_bytes(), b"").is_none());
        assert!(match_pinyin(b"", b"c").is_none());
        assert!(match_pinyin(&[0x1e, 0x1f, 0xff, 0x1e], b"\xff").is_none());
        assert!(match_pinyin(keys.readings.as_bytes(), "😀".as_bytes()).is_none());
    }

    #[test]
    fn mask_covers_everything_a_match_needs() {
        let keys = person("吕明");
        for c in ['l', 'v', 'u', 'm', '吕', '明'] {
            assert_ne!(keys.mask & char_bit(c), 0, "{c}");
        }
        assert_ne!(keys.wide & wide_bit('明'), 0);
        assert_ne!(keys.first & first_bit('l'), 0);
        assert_ne!(keys.first & first_bit('吕'), 0);
        assert_eq!(keys.first & first_bit('m'), 0);
        // The lead byte of 吕 (0xE5) must not pass for a letter.
        assert_eq!(keys.first & first_bit('e'), 0);
    }
}
