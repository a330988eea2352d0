//! A stored snapshot of the whole search index, and the journal of search docs changed since.
//!
//! Building the index of a province ledger from its compiled docs takes seconds; a one-shot
//! `baodao search` cannot afford that, nor can a program that a reviewer opens to look a name
//! up. So a writer that already holds a whole index (the demo generator, a search that had to
//! build one) stores its [`SearchIndex::snapshot`] in parts, and every later change of a
//! search doc appends the record id to a journal in the same transaction. Loading is then:
//! map the snapshot file beside the ledger ([`super::search_file`], written from the parts
//! when it is missing or stale), replay the journal entries after the snapshot's mark. A
//! running program catches up with later entries the same way. The snapshot is a cache: when
//! it is missing, damaged or from another version, the index is built from the docs as before.
use std::path::Path;
use std::sync::Arc;

use redb::{ReadableTable, TableHandle, WriteTransaction};

use super::codec::{decode, encode};
use super::error::StoreError;
use super::open_tables::OpenTables;
use super::read::{View, open_if_exists};
use super::tables::*;
use super::write::Tx;
use crate::domain::Id;
use crate::search::{AlignedBytes, CompiledDoc, SearchIndex, SnapshotBytes, snapshot_checksum};

/// META key of the snapshot's [`Header`].
const HEADER: &str = "search-snapshot";
/// META key of a counter moved by every bulk write, which bypasses the journal: an index
/// read before it cannot catch up by the journal.
const EPOCH: &str = "search-epoch";
/// Parts just under 8 MiB each: redb stores a value in a power-of-two page, so a part of
/// exactly 8 MiB plus its page header would take 16.
const PART: usize = (8 << 20) - (64 << 10);
/// A search that loaded a snapshot with more journal entries than this after it stores a
/// fresh one (when it may write), so that replaying never grows without bound.
pub const STALE_AFTER: u64 = 5_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Header {
    /// The last journal entry the snapshot already contains.
    mark: u64,
    parts: u32,
    len: u64,
}

/// Records that the search doc of `id` changed (written or removed).
pub(super) fn journal(tables: &OpenTables, id: Id) -> Result<(), StoreError> {
    tables.journal(SEARCH_JOURNAL, |t| {
        let next = match t.last()? {
            Some((k, _)) => k.value() + 1,
            None => 1,
        };
        t.insert(next, id.0)?;
        Ok(())
    })
}

/// Drops the snapshot and the journal: after a bulk load or a rebuild, whose docs bypass the
/// journal, the snapshot no longer describes the ledger.
pub(super) fn invalidate(txn: &WriteTransaction) -> Result<(), StoreError> {
    let mut meta = txn.open_table(META)?;
    let epoch = meta.get(EPOCH)?.map(|v| le_u64(v.value())).unwrap_or(0);
    meta.insert(EPOCH, (epoch + 1).to_le_bytes().as_slice())?;
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
) -> Result<Option<AlignedBytes>, StoreError> {
    let Ok(len) = usize::try_from(h.len) else {
        return Ok(None);
    };
    if h.parts as usize != len.div_ceil(PART) {
        return Ok(None);
    }
    let mut buffer = AlignedBytes::zeroed(len);
    let bytes = buffer.bytes_mut();
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
    Ok(Some(buffer))
}

fn le_u64(b: &[u8]) -> u64 {
    b.try_into().map(u64::from_le_bytes).unwrap_or(0)
}

/// Where an index read from the ledger stands: the bulk-write epoch and the snapshot it was
/// read under, and the last journal entry it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SearchMark {
    epoch: u64,
    snapshot: Option<Header>,
    journal: u64,
}

/// An index read from the ledger: see [`View::load_search_index`].
#[derive(Debug)]
pub struct LoadedIndex {
    pub index: SearchIndex,
    pub mark: SearchMark,
    /// `Some(journal mark)` when a fresh snapshot is worth storing: there was none, or more
    /// than [`STALE_AFTER`] changes had to be replayed.
    pub refresh: Option<u64>,
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

    fn header(&self) -> Result<Option<Header>, StoreError> {
        let Some(meta) = open_if_exists(&self.txn, META)? else {
            return Ok(None);
        };
        let Some(header) = meta.get(HEADER)?.map(|v| v.value().to_vec()) else {
            return Ok(None);
        };
        Ok(decode::<Header>(&header, META.name(), HEADER).ok())
    }

    fn epoch(&self) -> Result<u64, StoreError> {
        let Some(meta) = open_if_exists(&self.txn, META)? else {
            return Ok(0);
        };
        Ok(meta.get(EPOCH)?.map(|v| le_u64(v.value())).unwrap_or(0))
    }

    /// The stored snapshot's bytes: the mapped file beside the ledger at `beside` when it is
    /// this snapshot's copy (written first when it is not, and when that is possible), else
    /// read from the parts into this process's memory. `None` when there is no usable one.
    fn snapshot_bytes(
        &self,
        h: Header,
        beside: Option<&Path>,
        file_may_be_used: bool,
    ) -> Result<Option<Arc<dyn SnapshotBytes>>, StoreError> {
        let Some(parts) = open_if_exists(&self.txn, SEARCH_SNAPSHOT)? else {
            return Ok(None);
        };
        // The snapshot's last bytes are its checksum, which names this copy.
        let Some(sum) = h
            .parts
            .checked_sub(1)
            .map(|last| parts.get(last))
            .transpose()?
            .flatten()
            .and_then(|v| snapshot_checksum(v.value()))
        else {
            return Ok(None);
        };
        if file_may_be_used
            && let Some(file) = beside.and_then(|p| super::search_file::open(p, h.len, sum))
        {
            return Ok(Some(file));
        }
        let Some(buffer) = read_parts(&parts, h)? else {
            return Ok(None);
        };
        if let Some(p) = beside
            && super::search_file::write(p, crate::search::SnapshotBytes::bytes(&buffer)).is_ok()
            && let Some(file) = super::search_file::open(p, h.len, sum)
        {
            return Ok(Some(file));
        }
        // No file (a directory the process may not write): this process keeps its own copy.
        Ok(Some(Arc::new(buffer)))
    }

    /// The index from the stored snapshot plus the journal since, with how many journal
    /// entries were replayed; `None` when there is no usable snapshot (build it from the docs).
    /// Read into this process's memory: see [`Self::load_search_index`] for the shared file.
    pub fn search_index_from_snapshot(&self) -> Result<Option<(SearchIndex, u64)>, StoreError> {
        Ok(self
            .snapshot_index(None)?
            .map(|(index, _, replayed)| (index, replayed)))
    }

    fn snapshot_index(
        &self,
        beside: Option<&Path>,
    ) -> Result<Option<(SearchIndex, SearchMark, u64)>, StoreError> {
        let Some(h) = self.header()? else {
            return Ok(None);
        };
        let Some(bytes) = self.snapshot_bytes(h, beside, true)? else {
            return Ok(None);
        };
        let mut index = match SearchIndex::from_snapshot(bytes) {
            Ok(index) => index,
            // The file beside the ledger is only known by its length and last bytes: one
            // damaged in between fails the whole checksum here. Read the ledger's parts,
            // which replace the file, rather than let every reader build from the docs.
            Err(_) if beside.is_some() => {
                let Some(bytes) = self.snapshot_bytes(h, beside, false)? else {
                    return Ok(None);
                };
                let Ok(index) = SearchIndex::from_snapshot(bytes) else {
                    return Ok(None);
                };
                index
            }
            Err(_) => return Ok(None),
        };
        let mut mark = SearchMark {
            epoch: self.epoch()?,
            snapshot: Some(h),
            journal: h.mark,
        };
        let replayed = self.replay(&mut index, &mut mark)?;
        Ok(Some((index, mark, replayed)))
    }

    /// Applies the journal entries after `mark` to `index`; returns how many there were.
    fn replay(&self, index: &mut SearchIndex, mark: &mut SearchMark) -> Result<u64, StoreError> {
        let Some(j) = open_if_exists(&self.txn, SEARCH_JOURNAL)? else {
            return Ok(0);
        };
        let mut replayed = 0;
        let mut changed: Vec<Id> = Vec::new();
        for e in j.range(mark.journal + 1..)? {
            let (k, v) = e?;
            changed.push(Id(v.value()));
            mark.journal = k.value();
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
        Ok(replayed)
    }

    /// The search index for this view: the stored snapshot, read in place from the file
    /// beside the ledger at `beside` (shared with every process on the machine), plus the
    /// journal since; built from the docs when there is no usable snapshot. Holds no docs:
    /// show hits with [`View::search_doc`].
    pub fn load_search_index(&self, beside: Option<&Path>) -> Result<LoadedIndex, StoreError> {
        let last = self.search_journal_mark()?;
        Ok(match self.snapshot_index(beside)? {
            Some((index, mark, replayed)) => LoadedIndex {
                index,
                mark,
                refresh: (replayed > STALE_AFTER).then_some(last),
            },
            None => LoadedIndex {
                index: self.search_index()?.without_docs(),
                mark: SearchMark {
                    epoch: self.epoch()?,
                    snapshot: self.header()?,
                    journal: last,
                },
                refresh: Some(last),
            },
        })
    }

    /// Brings an index loaded at `mark` up to this view by the journal. `false` when the
    /// journal cannot: a bulk write, or another snapshot stored since (load it afresh).
    pub fn search_catch_up(
        &self,
        index: &mut SearchIndex,
        mark: &mut SearchMark,
    ) -> Result<bool, StoreError> {
        if self.epoch()? != mark.epoch || self.header()? != mark.snapshot {
            return Ok(false);
        }
        if self.search_journal_mark()? < mark.journal {
            return Ok(false);
        }
        self.replay(index, mark)?;
        Ok(true)
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
        save_bytes(self.bare(), &index.snapshot(), mark).map(drop)
    }
}

/// Stores a snapshot's bytes; `false` when a newer one was already stored.
fn save_bytes(txn: &WriteTransaction, bytes: &[u8], mark: u64) -> Result<bool, StoreError> {
    // Another process may have stored a newer snapshot meanwhile and pruned the journal up to
    // its mark: this older one would then miss the changes in between. Keep the newer.
    let current = txn
        .open_table(META)?
        .get(HEADER)?
        .map(|v| v.value().to_vec());
    if let Some(Ok(h)) = current.map(|b| decode::<Header>(&b, META.name(), HEADER))
        && h.mark > mark
    {
        return Ok(false);
    }
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
    Ok(true)
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
    save_bytes(txn, &index.snapshot(), mark).map(drop)
}

/// Schema 5: a snapshot stored by an older program (another format or keys version) never
/// loads, so every reader would build the index from the docs at every start; it is replaced
/// by one built from the docs, in the migration's transaction.
pub(super) fn renew_if_outdated(txn: &WriteTransaction) -> Result<(), StoreError> {
    let header = txn
        .open_table(META)?
        .get(HEADER)?
        .map(|v| v.value().to_vec());
    let Some(Ok(h)) = header.map(|b| decode::<Header>(&b, META.name(), HEADER)) else {
        return Ok(());
    };
    let mut tail: Vec<u8> = Vec::new();
    {
        let parts = txn.open_table(SEARCH_SNAPSHOT)?;
        // The trailer may begin in the part before the last.
        for i in (0..h.parts).rev() {
            if let Some(v) = parts.get(i)? {
                let mut b = v.value().to_vec();
                b.extend_from_slice(&tail);
                tail = b;
            }
            if tail.len() >= crate::search::SNAPSHOT_TRAILER {
                break;
            }
        }
    }
    if !crate::search::snapshot_is_current(&tail) {
        build(txn)?;
    }
    Ok(())
}

impl super::Ledger {
    /// The search index for a one-shot search: see [`View::load_search_index`]. With it,
    /// `Some(mark)` when a fresh snapshot is worth storing ([`Self::store_search_snapshot`]).
    pub fn search_index(&self) -> Result<(SearchIndex, Option<u64>), StoreError> {
        let loaded = self.view()?.load_search_index(Some(self.path()))?;
        Ok((loaded.index, loaded.refresh))
    }

    /// Stores `index`, built from a view whose journal mark was `mark`, as the snapshot, and
    /// writes the file beside the ledger that readers map (when it can be written).
    pub fn store_search_snapshot(&self, index: &SearchIndex, mark: u64) -> Result<(), StoreError> {
        self.store_search_snapshot_bytes(&index.snapshot(), mark)
    }

    /// [`Self::store_search_snapshot`] of an index's [`SearchIndex::snapshot`], for a caller
    /// that drops the index first (the demo generator: a province's index and its snapshot
    /// bytes are each a few hundred megabytes).
    pub fn store_search_snapshot_bytes(&self, bytes: &[u8], mark: u64) -> Result<(), StoreError> {
        let stored = self.write(|tx| save_bytes(tx.bare(), bytes, mark))?;
        if stored {
            // A cache: a reader writes it from the parts when this fails.
            let _ = super::search_file::write(self.path(), bytes);
        }
        Ok(())
    }
}
