//! [`Session`]: search as the clerk types, one keystroke at a time.
//!
//! Every match tier only narrows when a query grows (a record matching `caos` also matches
//! `cao`), so a session remembers the candidates of its last few queries and checks a
//! longer query only against the candidates of the longest remembered query it extends.
//! Backspace finds its earlier query still remembered. Any edit of the index makes the
//! memory stale, and the next query scans everything again.
use super::index::SearchIndex;
use super::rank::rank;
use super::scan::{Pattern, Source, scan};
use super::{Hit, Kind, Query};

/// How many earlier queries a session remembers (backspace over a few letters).
const REMEMBERED: usize = 8;

#[derive(Debug)]
struct Memo {
    generation: u64,
    kind: Option<Kind>,
    ascii: bool,
    text: String,
    candidates: Vec<u32>,
}

/// The search state of one search box.
#[derive(Debug, Default)]
pub struct Session {
    memos: Vec<Memo>,
}

impl Session {
    pub fn new() -> Session {
        Session::default()
    }

    /// Forgets remembered queries (when the search box is cleared or closed).
    pub fn reset(&mut self) {
        self.memos.clear();
    }

    /// The ranked hits for `query`. An empty query (or only spaces) finds nothing.
    pub fn query(&mut self, index: &SearchIndex, query: &Query) -> Vec<Hit> {
        let Some(pattern) = Pattern::new(query, index) else {
            return Vec::new();
        };
        self.memos.retain(|m| m.generation == index.generation);
        // A Latin query and a Chinese one are checked against different keys, so one's
        // candidates do not bound the other's.
        let base = self
            .memos
            .iter()
            .filter(|m| {
                m.kind == query.kind
                    && m.ascii == pattern.ascii
                    && pattern.text.starts_with(&m.text)
            })
            .max_by_key(|m| m.text.len());
        let out = match base {
            Some(m) => scan(index, &pattern, Source::Slots(&m.candidates)),
            None => scan(index, &pattern, Source::All),
        };
        let (hits, candidates) = rank(index, &pattern, out);
        self.memos
            .retain(|m| m.text != pattern.text || m.kind != query.kind);
        if self.memos.len() >= REMEMBERED {
            self.memos.remove(0);
        }
        self.memos.push(Memo {
            generation: index.generation,
            kind: query.kind,
            ascii: pattern.ascii,
            text: pattern.text,
            candidates,
        });
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::names;
    use crate::demo::rng::Rng;
    use crate::domain::Id;
    use crate::search::Doc;

    fn roster(n: usize) -> SearchIndex {
        let mut rng = Rng::new(11);
        let mut index = SearchIndex::new();
        for i in 0..n {
            let class = *rng.pick(&names::UnitClass::ALL);
            index.upsert(Doc {
                kind: Kind::Member,
                id: Id(i as u128 + 1),
                name: names::person_name(&mut rng),
                community: Some(Id(rng.below(20) as u128 + 1000)),
                community_name: names::community_name(&mut rng),
                unit_name: names::unit_name(&mut rng, class),
                phone: names::mobile(&mut rng),
                extra: names::some_of(&mut rng, names::SPECIALTIES, 2)
                    .into_iter()
                    .map(String::from)
                    .collect(),
            });
        }
        index
    }

    fn typed(word: &str) -> Vec<String> {
        let chars: Vec<char> = word.chars().collect();
        (1..=chars.len())
            .map(|i| chars[..i].iter().collect())
            .collect()
    }

    #[test]
    fn keystrokes_give_the_same_answers_as_fresh_queries() {
        let index = roster(3000);
        let mut session = Session::new();
        let mut words: Vec<String> = Vec::new();
        for w in [
            "caoshunxian",
            "wangf",
            "zhangw",
            "csx",
            "13812",
            "lvm",
            "ouyang",
            "ab",
        ] {
            words.extend(typed(w));
        }
        // Backspace and retype, a Chinese name, a switch from Latin to Chinese.
        words.extend(["zhan", "zha", "zh", "zhao", "张", "张伟", "z", "z张"].map(String::from));
        for text in &words {
            for (limit, community) in [(0, None), (20, Some(Id(1003))), (1, None)] {
                let query = Query {
                    text,
                    kind: None,
                    community,
                    limit,
                };
                let fresh = index.query(&query);
                assert_eq!(session.query(&index, &query), fresh, "{text} {limit}");
                if limit > 0 {
                    let all = index.query(&Query { limit: 0, ..query });
                    let want: Vec<Hit> = all.into_iter().take(limit).collect();
                    assert_eq!(fresh, want, "limit {limit} for {text}");
                }
            }
        }
    }

    #[test]
    fn an_edit_between_keystrokes_is_seen() {
        let mut index = roster(500);
        let mut session = Session::new();
        let query = |text| Query {
            text,
            kind: None,
            community: None,
            limit: 0,
        };
        let before = session.query(&index, &query("qx")).len();
        index.upsert(Doc {
            kind: Kind::Member,
            id: Id(99_999),
            name: "覃仙".into(),
            community: None,
            community_name: String::new(),
            unit_name: String::new(),
            phone: String::new(),
            extra: Vec::new(),
        });
        let after = session.query(&index, &query("qxi"));
        assert!(after.iter().any(|h| h.id == Id(99_999)));
        assert!(after.len() <= before + 1);
        index.remove(Id(99_999));
        assert!(
            !session
                .query(&index, &query("qxia"))
                .iter()
                .any(|h| h.id == Id(99_999))
        );
        session.reset();
        assert!(session.query(&index, &query("")).is_empty());
    }
}
