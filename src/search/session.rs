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
        let Some(pattern) = Pattern::new(query) else {
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
        let (hits, candidates) = rank(index, &pattern, query, out);
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
