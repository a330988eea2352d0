//! The `/` filter of a list: which rows match what the clerk typed.
//!
//! A small local matcher over the text a row shows: plain substring (ignoring case), pinyin
//! initials and full pinyin of the Chinese in it (`zs` and `zhangsan` find 张三), and a fuzzy
//! subsequence match for longer queries (`紫城` finds 紫鑫城社区). The ledger-wide pinyin search
//! engine can take over by replacing [`filter_rows`], the only entry point the panes use.
//!
//! Owns: matching text. Must not touch: the ledger, list state, keys.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::widgets::palette::pinyin_keys;

/// A row's searchable text, prepared once when its rows are loaded or the filter opens.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RowKey {
    /// The fields, lowercased, separated by spaces.
    text: String,
    /// Pinyin initials of each field, separated by spaces (`zs zxcsq`).
    initials: String,
    /// Full pinyin of each field, separated by spaces.
    full: String,
}

impl RowKey {
    /// The key of a row showing `fields`. Personal data (phones, addresses) must not be
    /// passed: a filter that matched on a hidden number would reveal it digit by digit.
    pub fn new(fields: &[&str]) -> RowKey {
        let mut key = RowKey::default();
        for f in fields.iter().filter(|f| !f.is_empty()) {
            let (initials, full) = pinyin_keys(f);
            for (dst, src) in [
                (&mut key.text, f.to_lowercase()),
                (&mut key.initials, initials),
                (&mut key.full, full),
            ] {
                if !dst.is_empty() {
                    dst.push(' ');
                }
                dst.push_str(&src);
            }
        }
        key
    }
}

/// Indices of the rows whose keys match `query`, in their original order (a clerk expects
/// the list to keep its order while it narrows). An empty query matches every row.
pub fn filter_rows(query: &str, keys: &[RowKey]) -> Vec<usize> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return (0..keys.len()).collect();
    }
    let fuzzy = SkimMatcherV2::default().ignore_case();
    // A one-character query would match nearly everything as a subsequence.
    let use_fuzzy = q.chars().count() >= 2;
    let compact: String = q.chars().filter(|c| !c.is_whitespace()).collect();
    keys.iter()
        .enumerate()
        .filter(|(_, k)| {
            k.text.contains(&q)
                || k.initials.contains(&compact)
                || k.full.contains(&compact)
                || (use_fuzzy && fuzzy.fuzzy_match(&k.text, &q).is_some())
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> Vec<RowKey> {
        vec![
            RowKey::new(&["张三", "曲靖供电局", "已报到"]),
            RowKey::new(&["李四", "云南曲靖卷烟厂", "逾期未报到"]),
            RowKey::new(&["Ali 阿力", "曲靖师范学院", ""]),
            RowKey::new(&["紫鑫城社区", "南宁街道"]),
        ]
    }

    #[test]
    fn substring_pinyin_and_fuzzy() {
        let k = keys();
        assert_eq!(filter_rows("张三", &k), [0]);
        assert_eq!(filter_rows("zs", &k), [0]);
        assert_eq!(filter_rows("zhangsan", &k), [0]);
        assert_eq!(filter_rows("ALI", &k), [2]);
        assert_eq!(filter_rows("逾期", &k), [1]);
        assert_eq!(filter_rows("紫城", &k), [3]);
        assert_eq!(filter_rows("曲靖", &k), [0, 1, 2]);
        assert_eq!(filter_rows("", &k), [0, 1, 2, 3]);
        assert!(filter_rows("王五", &k).is_empty());
    }

    #[test]
    fn one_letter_does_not_match_everything() {
        let k = keys();
        assert_eq!(filter_rows("z", &k), [0, 3], "initials and pinyin only");
    }
}
