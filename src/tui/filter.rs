//! The `/` filter of a list and the filter of a form's checklist: which rows match what the
//! clerk typed.
//!
//! The rows are searched by the ledger's own search engine (`crate::search`), over a small
//! index of the rows' shown text: the same readings (单丽萍 is `slp`, 曾 is zeng), initials,
//! full pinyin, prefixes and fuzzy matches as the search overlay and the pickers, so a name
//! found one way is found every way.
//!
//! Owns: the rows' index and matching. Must not touch: the ledger, list state, keys.

use crate::domain::Id;
use crate::search::{Doc, Hit, Kind, Query, SearchIndex, Tier};

/// A row's searchable text, prepared when its rows are loaded or the filter opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowKey {
    /// The first field is the row's name, read as a person's name when `person`.
    fields: Vec<String>,
    person: bool,
}

impl RowKey {
    /// The key of a row showing `fields`, the first being its name. Personal data (phones,
    /// addresses) must not be passed: a filter that matched on a hidden number would
    /// reveal it digit by digit.
    pub fn new(fields: &[&str]) -> RowKey {
        RowKey {
            fields: fields.iter().map(|f| f.to_string()).collect(),
            person: false,
        }
    }

    /// A row whose name is a person's (a member): its surname is read as a surname (单 shan).
    pub fn person(fields: &[&str]) -> RowKey {
        RowKey {
            person: true,
            ..RowKey::new(fields)
        }
    }

    fn doc(&self, i: usize) -> Doc {
        let mut fields = self.fields.iter().filter(|f| !f.is_empty());
        Doc {
            kind: if self.person {
                Kind::Member
            } else {
                Kind::Post
            },
            id: Id(i as u128),
            name: fields.next().cloned().unwrap_or_default(),
            community: None,
            community_name: String::new(),
            unit_name: String::new(),
            phone: String::new(),
            extra: fields.cloned().collect(),
        }
    }
}

/// The rows' keys, indexed by the search engine.
#[derive(Debug, Clone, Default)]
pub struct RowIndex {
    /// Shared, not copied, when a list is cloned.
    index: std::sync::Arc<SearchIndex>,
    len: usize,
}

impl RowIndex {
    pub fn new(keys: Vec<RowKey>) -> RowIndex {
        let mut index = SearchIndex::new();
        for (i, k) in keys.iter().enumerate() {
            index.upsert(k.doc(i));
        }
        RowIndex {
            index: std::sync::Arc::new(index),
            len: keys.len(),
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Indices of the rows matching `query`, in their original order (a clerk expects the list to
/// keep its order while it narrows). An empty query matches every row.
pub fn filter_rows(query: &str, rows: &RowIndex) -> Vec<usize> {
    if query.trim().is_empty() {
        return (0..rows.len).collect();
    }
    let hits = rows.index.query(&Query {
        text: query.trim(),
        kind: None,
        community: None,
        limit: 0,
    });
    listed(&hits)
        .into_iter()
        .map(|id| id.0 as usize)
        .filter(|i| *i < rows.len)
        .collect()
}

/// The ids a list shows for a filter's `hits`, in id order. A list keeps its order, so the
/// engine's ranking cannot push loose matches to the bottom as the search overlay does: they
/// are shown only when nothing matches better (`紫城` for 紫鑫城社区), never mixed in among
/// names that match (`ali` is not 单丽萍).
pub fn listed(hits: &[Hit]) -> Vec<Id> {
    let close = hits.iter().any(|h| h.tier < Tier::Fuzzy);
    let mut found: Vec<Id> = hits
        .iter()
        .filter(|h| !close || h.tier < Tier::Fuzzy)
        .map(|h| h.id)
        .collect();
    found.sort_unstable();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> RowIndex {
        RowIndex::new(vec![
            RowKey::person(&["张三", "曲靖供电局", "已报到"]),
            RowKey::person(&["李四", "云南曲靖卷烟厂", "逾期未报到"]),
            RowKey::person(&["Ali 阿力", "曲靖师范学院", ""]),
            RowKey::new(&["紫鑫城社区", "南宁街道"]),
            RowKey::person(&["单丽萍", "曲靖市第一中学", ""]),
        ])
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
        assert_eq!(filter_rows("曲靖", &k), [0, 1, 2, 4]);
        assert_eq!(filter_rows("", &k), [0, 1, 2, 3, 4]);
        assert!(filter_rows("王五", &k).is_empty());
    }

    #[test]
    fn a_surname_is_read_as_a_surname_as_in_search() {
        let k = keys();
        assert_eq!(filter_rows("slp", &k), [4]);
        assert_eq!(filter_rows("shanliping", &k), [4]);
    }
}
