//! The program's one search index, behind the reference pickers and the search overlay,
//! kept by the runtime. It is the ledger's stored snapshot read in place from the file beside
//! the ledger (shared with every other process on the machine) plus the changes since, which
//! it catches up with from the ledger's journal before each search; so a search never rereads
//! a million records, and the process holds in memory only what changed. Hits are shown from
//! the store's docs, read for the few hits a search returns.
//!
//! Owns: the index, its place in the journal, the search sessions. Must not touch: the app's
//! state.

use std::cell::{RefCell, RefMut};
use std::collections::HashSet;
use std::path::Path;

use crate::domain::Id;
use crate::search::{Doc, Hit, Query, SearchIndex, Session};
use crate::store::search_snapshot::{LoadedIndex, SearchMark};
use crate::store::{StoreError, View};
use crate::tui::form::{PickHit, SearchReq};

/// Most hits a picker shows.
const HITS: usize = 6;

#[derive(Debug)]
struct Engine {
    index: SearchIndex,
    mark: SearchMark,
    /// One session per search box: each remembers its own last keystrokes.
    picker: Session,
    overlay: Session,
    /// The units view's `/` filter.
    units: Session,
    /// The communities pane's `/` filter.
    communities: Session,
}

#[derive(Default)]
pub struct SearchCache {
    inner: RefCell<Option<Engine>>,
    /// The archived units and communities the lists leave out, as of one ledger generation.
    archived: RefCell<Archived>,
}

/// The archived units and communities, each set with the ledger generation it was read at.
/// A file from before their index (schema 5, which a reviewer cannot migrate) gives them only
/// by reading every unit or community row: a province's 83,333 units on each `/` keystroke
/// without this. Every commit, in any process, moves the generation, so a set read at the
/// current one is the ledger's.
#[derive(Default)]
struct Archived {
    units: Option<(u64, HashSet<Id>)>,
    communities: Option<(u64, HashSet<Id>)>,
}

impl SearchCache {
    pub fn new() -> SearchCache {
        SearchCache::default()
    }

    /// Takes an index read elsewhere (on the loop's loading thread); one already in use is
    /// kept, being as current.
    pub fn install(&self, loaded: LoadedIndex) {
        let mut slot = self.inner.borrow_mut();
        if slot.is_none() {
            *slot = Some(Engine {
                index: loaded.index,
                mark: loaded.mark,
                picker: Session::new(),
                overlay: Session::new(),
                units: Session::new(),
                communities: Session::new(),
            });
        }
    }

    /// The index, read when there is none yet, and brought up to `view` by the journal (read
    /// afresh when the journal cannot, after a bulk import or a newer snapshot).
    fn current(&self, view: &View, beside: &Path) -> Result<RefMut<'_, Engine>, StoreError> {
        let mut slot = self.inner.borrow_mut();
        if let Some(e) = slot.as_mut() {
            let Engine { index, mark, .. } = e;
            if !view.search_catch_up(index, mark)? {
                *slot = None;
            }
        }
        if slot.is_none() {
            let loaded = view.load_search_index(Some(beside))?;
            *slot = Some(Engine {
                index: loaded.index,
                mark: loaded.mark,
                picker: Session::new(),
                overlay: Session::new(),
                units: Session::new(),
                communities: Session::new(),
            });
        }
        Ok(RefMut::map(slot, |s| s.as_mut().expect("filled above")))
    }

    /// The hits for a picker's text.
    pub fn query(
        &self,
        view: &View,
        beside: &Path,
        req: &SearchReq,
    ) -> Result<Vec<PickHit>, StoreError> {
        let mut guard = self.current(view, beside)?;
        let Engine { index, picker, .. } = &mut *guard;
        let hits = picker.query(
            index,
            &Query {
                text: &req.text,
                kind: Some(req.spec.kind),
                community: req.spec.community,
                limit: HITS,
            },
        );
        // A post is claimed at its own community: the standard eight share their names
        // across communities, and another's would look the same in the list.
        let own = |d: &Doc| {
            req.spec.kind != crate::search::Kind::Post
                || req.spec.community.is_none()
                || d.community == req.spec.community
        };
        Ok(docs(view, &hits)?
            .into_iter()
            .filter(own)
            .map(|d| PickHit {
                detail: [d.unit_name.as_str(), d.community_name.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty() && **s != d.name)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" · "),
                id: d.id,
                name: d.name,
            })
            .collect())
    }

    /// The search overlay's hits for `text` (at most `limit`, the clerk's community first),
    /// with their docs, in rank order.
    pub fn find(
        &self,
        view: &View,
        beside: &Path,
        text: &str,
        home: Option<Id>,
        limit: usize,
    ) -> Result<Vec<Doc>, StoreError> {
        let mut guard = self.current(view, beside)?;
        let Engine { index, overlay, .. } = &mut *guard;
        let hits = overlay.query(
            index,
            &Query {
                text,
                kind: None,
                community: home,
                limit,
            },
        );
        docs(view, &hits)
    }

    /// Members whose doc matches `text` (a name, a mobile), best first: the candidates a
    /// new or edited member is compared with before saving.
    pub fn members(
        &self,
        view: &View,
        beside: &Path,
        text: &str,
        limit: usize,
    ) -> Result<Vec<Id>, StoreError> {
        let guard = self.current(view, beside)?;
        let hits = guard.index.query(&Query {
            text,
            kind: Some(crate::search::Kind::Member),
            community: None,
            limit,
        });
        Ok(hits.into_iter().map(|h| h.id).collect())
    }

    /// The units the units view lists for its `/` filter, in id order: every unit when the
    /// filter is empty, archived ones left out. Read from the index (the mapped file every
    /// process shares), so a process holds the ids of a province's units, never their rows;
    /// the index keeps archived units' records, which the store's index of them takes out.
    pub fn units(&self, view: &View, beside: &Path, filter: &str) -> Result<Vec<Id>, StoreError> {
        self.listed(view, beside, crate::search::Kind::Unit, filter)
    }

    /// The communities the communities pane lists for a (non-empty) `/` filter, in id order,
    /// archived ones left out, as [`SearchCache::units`].
    pub fn communities(
        &self,
        view: &View,
        beside: &Path,
        filter: &str,
    ) -> Result<Vec<Id>, StoreError> {
        self.listed(view, beside, crate::search::Kind::Community, filter)
    }

    /// A list filter over units or communities (each with its own session), archived ones
    /// taken out (read once per ledger generation, see [`Archived`]).
    fn listed(
        &self,
        view: &View,
        beside: &Path,
        kind: crate::search::Kind,
        filter: &str,
    ) -> Result<Vec<Id>, StoreError> {
        let mut ids = {
            let mut guard = self.current(view, beside)?;
            let Engine {
                index,
                units,
                communities,
                ..
            } = &mut *guard;
            let session = if kind == crate::search::Kind::Community {
                communities
            } else {
                units
            };
            filtered(index, session, kind, filter)
        };
        self.without_archived(view, kind, &mut ids)?;
        Ok(ids)
    }

    /// Takes the archived units or communities (`kind`) out of `ids`; the set is read once
    /// per ledger generation (see [`Archived`]).
    pub fn without_archived(
        &self,
        view: &View,
        kind: crate::search::Kind,
        ids: &mut Vec<Id>,
    ) -> Result<(), StoreError> {
        let generation = view.generation()?;
        let mut archived = self.archived.borrow_mut();
        let slot = if kind == crate::search::Kind::Community {
            &mut archived.communities
        } else {
            &mut archived.units
        };
        let set = match slot {
            Some((g, set)) if *g == generation => set,
            _ => {
                let set = if kind == crate::search::Kind::Community {
                    view.archived_communities()?
                } else {
                    view.archived_units()?
                };
                &mut slot.insert((generation, set)).1
            }
        };
        if !set.is_empty() {
            ids.retain(|id| !set.contains(id));
        }
        Ok(())
    }

    /// Makes sure the index is read (the overlay's first use without the loading thread).
    pub fn ensure(&self, view: &View, beside: &Path) -> Result<(), StoreError> {
        self.current(view, beside).map(drop)
    }

    /// Whether the index was read (for tests: a picker loads it once).
    pub fn is_loaded(&self) -> bool {
        self.inner.borrow().is_some()
    }
}

/// The records of `kind` a list shows for its `/` filter, in id order (every one for an empty
/// filter), by the list's own session.
fn filtered(
    index: &SearchIndex,
    session: &mut Session,
    kind: crate::search::Kind,
    filter: &str,
) -> Vec<Id> {
    if filter.trim().is_empty() {
        session.reset();
        return index.ids_of(kind);
    }
    let hits = session.query(
        index,
        &Query {
            text: filter.trim(),
            kind: Some(kind),
            community: None,
            limit: 0,
        },
    );
    crate::tui::filter::listed(&hits)
}

/// The docs of `hits`, read from the store; a hit whose doc went away since is left out.
fn docs(view: &View, hits: &[Hit]) -> Result<Vec<Doc>, StoreError> {
    let mut out = Vec::with_capacity(hits.len());
    for h in hits {
        if let Some(c) = view.search_doc(h.id)? {
            out.push(c.doc);
        }
    }
    Ok(out)
}
