//! The search index behind reference pickers, kept by the runtime: read from the ledger's
//! compiled docs on the first search, then kept current by [`SearchCache::refresh`] after each
//! save, so a picker never rereads a million records. One [`Session`] narrows the hits as a
//! name is typed letter by letter.
//!
//! Owns: the index and session. Must not touch: the app's state.

use std::cell::RefCell;

use crate::domain::{Kind, Record};
use crate::search::{Query, SearchIndex, Session};
use crate::store::{Change, StoreError, View};
use crate::tui::form::{PickHit, SearchReq};

/// Most hits a picker shows.
const HITS: usize = 6;

#[derive(Default)]
pub struct SearchCache {
    inner: RefCell<Option<(SearchIndex, Session)>>,
}

impl SearchCache {
    pub fn new() -> SearchCache {
        SearchCache::default()
    }

    /// The hits for a picker's text.
    pub fn query(&self, view: &View, req: &SearchReq) -> Result<Vec<PickHit>, StoreError> {
        let mut slot = self.inner.borrow_mut();
        if slot.is_none() {
            *slot = Some((view.search_index()?, Session::new()));
        }
        let Some((index, session)) = slot.as_mut() else {
            return Ok(Vec::new());
        };
        let hits = session.query(
            index,
            &Query {
                text: &req.text,
                kind: Some(req.spec.kind),
                community: req.spec.community,
                limit: HITS,
            },
        );
        Ok(hits
            .into_iter()
            .filter_map(|h| index.get(h.id))
            .map(|d| PickHit {
                id: d.id,
                name: d.name.clone(),
                detail: [d.unit_name.as_str(), d.community_name.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty() && **s != d.name)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" · "),
            })
            .collect())
    }

    /// Brings the index up to date with a save's changes (when it was loaded at all).
    pub fn refresh(&self, view: &View, changes: &[Change]) -> Result<(), StoreError> {
        let mut slot = self.inner.borrow_mut();
        if changes.iter().any(renamed) {
            // Members and posts show their unit's and community's names: read afresh on the
            // next search rather than patch every dependent here.
            *slot = None;
        }
        let Some((index, _)) = slot.as_mut() else {
            return Ok(());
        };
        for c in changes {
            if !searchable(c.kind) {
                continue;
            }
            match view.search_doc(c.id)? {
                Some(doc) => index.insert_compiled(doc),
                None => {
                    index.remove(c.id);
                }
            }
        }
        Ok(())
    }

    /// Whether the index was read (for tests: a picker loads it once).
    pub fn is_loaded(&self) -> bool {
        self.inner.borrow().is_some()
    }
}

fn renamed(c: &Change) -> bool {
    match (&c.before, &c.after) {
        (Some(Record::Unit(b)), Some(Record::Unit(a))) => b.name != a.name,
        (Some(Record::Community(b)), Some(Record::Community(a))) => b.name != a.name,
        _ => false,
    }
}

fn searchable(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Member | Kind::Community | Kind::Unit | Kind::Post | Kind::Household | Kind::Demand
    )
}
