//! A stored snapshot of the whole search index, and the journal of search docs changed since.
//!
//! Building the index of a province ledger from its compiled docs takes seconds; a one-shot
//! `baodao search` cannot afford that. So a writer that already holds a whole index (the demo
//! generator, a search that had to build one) stores its [`SearchIndex::snapshot`] in parts,
//! and every later change of a search doc appends the record id to a journal in the same
//! transaction. Loading is then: read the parts, replay the journal entries after the
//! snapshot's mark. The snapshot is a cache: when it is missing, damaged or from another
//! version, the index is built from the docs as before.
use redb::{ReadableTable, TableHandle, WriteTransaction};

use super::codec::{decode, encode};
use super::error::StoreError;
use super::read::{View, open_if_exists};
use super::tables::*;
use super::write::Tx;
use crate::domain::Id;
use crate::search::{CompiledDoc, SearchIndex};

/// META key of the snapshot's [`Header`].
const HEADER: &str = "search-snapshot";
/// Parts just under 8 MiB each: redb stores a value in a power-of-two page, so a part of
/// exactly 8 MiB plus its page header would take 16.
const PART: usize = (8 << 20) - (64 << 10);
/// A search that loaded a snapshot with more journal entries than this after it stores a
/// fresh one (when it may write), so that replaying never grows without bound.
pub const STALE_AFTER: u64 = 5_000;

#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
struct Header {
    /// The last journal entry the snapshot already contains.
    mark: u64,
    parts: u32,
    len: u64,
}

/// Records that the search doc of `id` changed (written or removed).
pub(super) fn journal(txn: &WriteTransaction, id: Id) -> Result<(), StoreError> {
    let mut t = txn.open_table(SEARCH_JOURNAL)?;
    let next = match t.last()? {
        Some((k, _)) => k.value() + 1,
        None => 1,
    };
    t.insert(next, id.0)?;
    Ok(())
}

/// Drops the snapshot and the journal: after a bulk load or a rebuild, whose docs bypass the
/// journal, the snapshot no longer describes the ledger.
pub(super) fn invalidate(txn: &WriteTransaction) -> Result<(), StoreError> {
    let mut meta = txn.open_table(META)?;
    if meta.remove(HEADER)?.is_some() {
        drop(meta);
        txn.delete_table(SEARCH_SNAPSHOT)?;
        txn.delete_table(SEARCH_JOURNAL)?;
    }
    Ok(())
}

/// The snapshot's parts in one buffer, read by as many threads as the scan uses: a
/// province snapshot is a few hundred megabytes, and one thread copying it is most of a
/// search's time. `None` when a part is missing or the sizes disagree.
fn read_parts(
    parts: &redb::ReadOnlyTable<u32, &'static [u8]>,
    h: Header,
) -> Result<Option<Vec<u8>>, StoreError> {
    let Ok(len) = usize::try_from(h.len) else {
        return Ok(None);
    };
    if h.parts as usize != len.div_ceil(PART) {
        return Ok(None);
    }
    let mut bytes = vec![0u8; len];
    let threads = crate::search::scan::threads().min(h.parts.max(1) as usize);
    let per = (h.parts as usize).div_ceil(threads.max(1)).max(1);
    let results: Vec<Result<bool, StoreError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = bytes
            .chunks_mut(per * PART)
            .enumerate()
            .map(|(i, dest)| {
                scope.spawn(move || -> Result<bool, StoreError> {
                    for (j, out) in dest.chunks_mut(PART).enumerate() {
                        let Some(v) = parts.get((i * per + j) as u32)? else {
                            return Ok(false);
                        };
                        if v.value().len() != out.len() {
                            return Ok(false);
                        }
                        out.copy_from_slice(v.value());
                    }
                    Ok(true)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or(Ok(false)))
            .collect()
    });
    for r in results {
        if !r? {
            return Ok(None);
        }
    }
    Ok(Some(bytes))
}

impl View {
    /// Whether the ledger holds a search snapshot (usable or not).
    pub fn has_search_snapshot(&self) -> Result<bool, StoreError> {
        match open_if_exists(&self.txn, META)? {
            Some(meta) => Ok(meta.get(HEADER)?.is_some()),
            None => Ok(false),
        }
    }

    /// The last journal entry: a snapshot of an index built from this view contains it.
    pub fn search_journal_mark(&self) -> Result<u64, StoreError> {
        let Some(t) = open_if_exists(&self.txn, SEARCH_JOURNAL)? else {
            return Ok(0);
        };
        Ok(t.last()?.map(|(k, _)| k.value()).unwrap_or(0))
    }

    /// The index from the stored snapshot plus the journal since, with how many journal
    /// entries were replayed; `None` when there is no usable snapshot (build it from the docs).
    pub fn search_index_from_snapshot(&self) -> Result<Option<(SearchIndex, u64)>, StoreError> {
        let Some(meta) = open_if_exists(&self.txn, META)? else {
            return Ok(None);
        };
        let Some(header) = meta.get(HEADER)?.map(|v| v.value().to_vec()) else {
            return Ok(None);
        };
        let Ok(h) = decode::<Header>(&header, META.name(), HEADER) else {
            return Ok(None);
        };
        let Some(parts) = open_if_exists(&self.txn, SEARCH_SNAPSHOT)? else {
            return Ok(None);
        };

        let Some(bytes) = read_parts(&parts, h)? else {
            return Ok(None);
        };
        let Ok(mut index) = SearchIndex::from_snapshot(bytes) else {
            return Ok(None);
        };
        let mut replayed = 0;
        if let Some(j) = open_if_exists(&self.txn, SEARCH_JOURNAL)? {
            let mut changed: Vec<Id> = Vec::new();
            for e in j.range(h.mark + 1..)? {
                changed.push(Id(e?.1.value()));
                replayed += 1;
            }
            changed.sort_unstable();
            changed.dedup();
            let mut changes = Vec::with_capacity(changed.len());
            if let Some(docs) = open_if_exists(&self.txn, SEARCH_DOCS)? {
                for id in changed {
                    let doc = match docs.get(id.0)? {
                        Some(v) => Some(CompiledDoc::from_bytes(v.value()).map_err(|e| {
                            StoreError::Corrupt {
                                table: SEARCH_DOCS.name().to_string(),
                                key: id.to_string(),
                                why: e.to_string(),
                            }
                        })?),
                        None => None,
                    };
                    changes.push((id, doc));
                }
            }
            index.apply_changes(changes);
        }
        Ok(Some((index, replayed)))
    }
}

impl Tx<'_> {
    /// Stores `index` as the snapshot, `mark` being [`View::search_journal_mark`] of the view
    /// it was built from; journal entries up to the mark are no longer needed.
    pub fn save_search_snapshot(
        &mut self,
        index: &SearchIndex,
        mark: u64,
    ) -> Result<(), StoreError> {
        save(&self.txn, index, mark)
    }
}

fn save(txn: &WriteTransaction, index: &SearchIndex, mark: u64) -> Result<(), StoreError> {
    // Another process may have stored a newer snapshot meanwhile and pruned the journal up to
    // its mark: this older one would then miss the changes in between. Keep the newer.
    let current = txn
        .open_table(META)?
        .get(HEADER)?
        .map(|v| v.value().to_vec());
    if let Some(Ok(h)) = current.map(|b| decode::<Header>(&b, META.name(), HEADER))
        && h.mark > mark
    {
        return Ok(());
    }
    let bytes = index.snapshot();
    txn.delete_table(SEARCH_SNAPSHOT)?;
    let mut parts = txn.open_table(SEARCH_SNAPSHOT)?;
    let mut n = 0u32;
    for chunk in bytes.chunks(PART) {
        parts.insert(n, chunk)?;
        n += 1;
    }
    let header = Header {
        mark,
        parts: n,
        len: bytes.len() as u64,
    };
    txn.open_table(META)?
        .insert(HEADER, encode(&header).as_slice())?;
    // The entry at the mark stays: the next entry is numbered after it, so the sequence never
    // restarts below a stored mark (which would hide later changes from the replay).
    let mut j = txn.open_table(SEARCH_JOURNAL)?;
    j.retain_in(..mark, |_, _| false)?;
    Ok(())
}

/// The snapshot of a ledger being migrated, built from its docs in the migration's
/// transaction: a province ledger's first search after the upgrade is then fast too.
pub(super) fn build(txn: &WriteTransaction) -> Result<(), StoreError> {
    let index = super::search_docs::index_of(&txn.open_table(SEARCH_DOCS)?)?;
    let mark = txn
        .open_table(SEARCH_JOURNAL)?
        .last()?
        .map(|(k, _)| k.value())
        .unwrap_or(0);
    save(txn, &index, mark)
}

impl super::Ledger {
    /// The search index for a one-shot search: the stored snapshot and its journal when there
    /// is one, else built from the docs. With it, `Some(mark)` when a fresh snapshot is worth
    /// storing ([`Self::store_search_snapshot`]): there was none, or more than
    /// [`STALE_AFTER`] changes had to be replayed. An index from a snapshot holds no docs:
    /// show hits with [`View::search_doc`].
    pub fn search_index(&self) -> Result<(SearchIndex, Option<u64>), StoreError> {
        let view = self.view()?;
        let mark = view.search_journal_mark()?;
        Ok(match view.search_index_from_snapshot()? {
            Some((index, replayed)) => (index, (replayed > STALE_AFTER).then_some(mark)),
            None => (view.search_index()?, Some(mark)),
        })
    }

    /// Stores `index`, built from a view whose journal mark was `mark`, as the snapshot.
    pub fn store_search_snapshot(&self, index: &SearchIndex, mark: u64) -> Result<(), StoreError> {
        self.write(|tx| tx.save_search_snapshot(index, mark))
    }
}
