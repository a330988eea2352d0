//! The index's arrays as one byte buffer, so that a one-shot search of a province ledger
//! (`baodao search`) reads one buffer instead of compiling a million docs into an index.
//!
//! The snapshot holds what a scan reads — keys, the per-record hot data, ids, communities and
//! phone digit groups — and no docs: a caller shows its hits from the store's docs. The key
//! arena comes first, so that loading keeps the buffer itself as the arena (no copy).
//!
//! Layout, all integers little-endian:
//! arena bytes · hot records (54 bytes each) · ids (16 bytes each, big-endian) · free slots
//! (`u32`) · interned communities (16 bytes each, in code order) · phone groups (none, or a
//! `u32` count per group 0000–9999 then the slots) · trailer: [`MAGIC`], format and keys version,
//! the section sizes and garbage count (`u64` each), and a checksum of everything before it.

use std::collections::HashMap;

use super::Kind;
use super::compiled::KEYS_VERSION;
use super::index::{Hot, IdMap, SearchIndex, Span};
use crate::domain::Id;

const MAGIC: &[u8; 4] = b"BDSX";
const FORMAT: u8 = 1;
const HOT_BYTES: usize = 54;
const GROUPS: usize = 10_000;
/// magic, format, keys version, six `u64` sizes, checksum.
const TRAILER: usize = 4 + 1 + 1 + 6 * 8 + 8;

/// Why a snapshot cannot be loaded; the caller then builds the index from the docs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SnapshotError {
    #[error("search snapshot is truncated or has a bad trailer")]
    Trailer,
    #[error("search snapshot was written by another format or keys version")]
    Version,
    #[error("search snapshot is corrupt (checksum mismatch)")]
    Checksum,
    #[error("search snapshot is inconsistent: {0}")]
    Inconsistent(&'static str),
}

impl SearchIndex {
    /// The index's arrays as one buffer (see the module docs).
    pub fn snapshot(&self) -> Vec<u8> {
        let n = self.hot.len();
        let grams: usize = self.phone_grams.iter().map(Vec::len).sum();
        let mut out = Vec::with_capacity(
            self.arena.len()
                + n * (HOT_BYTES + 16)
                + self.free.len() * 4
                + self.communities.len() * 16
                + (GROUPS + grams) * 4
                + TRAILER,
        );
        out.extend_from_slice(&self.arena);
        for h in &self.hot {
            put_hot(&mut out, h);
        }
        for id in &self.ids {
            out.extend_from_slice(&id.to_be_bytes());
        }
        for f in &self.free {
            out.extend_from_slice(&f.to_le_bytes());
        }
        let mut communities = vec![Id(0); self.communities.len()];
        for (id, &code) in &self.communities {
            if let Some(c) = communities.get_mut(code as usize - 1) {
                *c = *id;
            }
        }
        for c in &communities {
            out.extend_from_slice(&c.to_be_bytes());
        }
        if !self.phone_grams.is_empty() {
            for list in &self.phone_grams {
                out.extend_from_slice(&(list.len() as u32).to_le_bytes());
            }
            for s in self.phone_grams.iter().flatten() {
                out.extend_from_slice(&s.to_le_bytes());
            }
        }
        out.extend_from_slice(MAGIC);
        out.push(FORMAT);
        out.push(KEYS_VERSION);
        for v in [
            self.arena.len(),
            n,
            self.free.len(),
            communities.len(),
            if self.phone_grams.is_empty() {
                0
            } else {
                grams + 1
            },
            self.garbage,
        ] {
            out.extend_from_slice(&(v as u64).to_le_bytes());
        }
        let sum = checksum(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// An index from [`SearchIndex::snapshot`] bytes, without docs. Never panics on bad input.
    pub fn from_snapshot(mut bytes: Vec<u8>) -> Result<SearchIndex, SnapshotError> {
        let len = bytes.len();
        if len < TRAILER {
            return Err(SnapshotError::Trailer);
        }
        let body = len - 8;
        let sum = u64::from_le_bytes(
            bytes[body..]
                .try_into()
                .map_err(|_| SnapshotError::Trailer)?,
        );
        let t = len - TRAILER;
        if &bytes[t..t + 4] != MAGIC {
            return Err(SnapshotError::Trailer);
        }
        if bytes[t + 4] != FORMAT || bytes[t + 5] != KEYS_VERSION {
            return Err(SnapshotError::Version);
        }
        let size = |i: usize| -> usize {
            let at = t + 6 + i * 8;
            let v = u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or_default());
            usize::try_from(v).unwrap_or(usize::MAX)
        };
        let (arena_len, n, n_free, n_comm, grams_plus, garbage) =
            (size(0), size(1), size(2), size(3), size(4), size(5));
        let gram_bytes = if grams_plus == 0 {
            0
        } else {
            (GROUPS + grams_plus - 1).saturating_mul(4)
        };
        let want = [
            arena_len,
            n.saturating_mul(HOT_BYTES + 16),
            n_free.saturating_mul(4),
            n_comm.saturating_mul(16),
            gram_bytes,
        ]
        .iter()
        .try_fold(0usize, |a, &b| a.checked_add(b));
        if want != Some(t) || n > u32::MAX as usize || arena_len > u32::MAX as usize {
            return Err(SnapshotError::Inconsistent("section sizes"));
        }
        // The checksum on one thread, the arrays on another: a province snapshot is a few
        // hundred megabytes.
        let records = &bytes[arena_len..t];
        let (other, hot) = std::thread::scope(|scope| {
            let other = scope.spawn(|| {
                let rest = read_rest(&records[n * HOT_BYTES..], n, n_free, n_comm, grams_plus);
                (checksum(&bytes[..body]) == sum, rest)
            });
            let mut hot = Vec::with_capacity(n);
            for rec in records[..n * HOT_BYTES].chunks_exact(HOT_BYTES) {
                match get_hot(rec, arena_len, n_comm) {
                    Ok(h) => hot.push(h),
                    Err(e) => return (other.join().ok(), Err(e)),
                }
            }
            (other.join().ok(), Ok(hot))
        });
        let Some((true, rest)) = other else {
            return Err(SnapshotError::Checksum);
        };
        let hot = hot?;
        let (ids, free, communities, phone_grams) = rest?;
        bytes.truncate(arena_len);
        Ok(SearchIndex {
            hot,
            docs: Vec::new(),
            late_docs: HashMap::new(),
            ids,
            free,
            by_id: IdMap::default(),
            by_id_pending: true,
            communities,
            arena: bytes,
            garbage,
            phone_grams,
            generation: 1,
        })
    }
}

type Rest = (Vec<Id>, Vec<u32>, IdMap, Vec<Vec<u32>>);

/// Ids, free slots, communities and phone groups: the sections after the hot records.
fn read_rest(
    b: &[u8],
    n: usize,
    n_free: usize,
    n_comm: usize,
    grams_plus: usize,
) -> Result<Rest, SnapshotError> {
    let (id_bytes, b) = b.split_at(n * 16);
    let ids: Vec<Id> = id_bytes
        .chunks_exact(16)
        .map(|c| Id::from_be_bytes(c.try_into().unwrap_or_default()))
        .collect();
    let (free_bytes, b) = b.split_at(n_free * 4);
    let free = u32s(free_bytes);
    if free.iter().any(|&f| f as usize >= n) {
        return Err(SnapshotError::Inconsistent("free slot"));
    }
    let (comm_bytes, b) = b.split_at(n_comm * 16);
    let mut communities = IdMap::with_capacity_and_hasher(n_comm, Default::default());
    for (i, c) in comm_bytes.chunks_exact(16).enumerate() {
        communities.insert(
            Id::from_be_bytes(c.try_into().unwrap_or_default()),
            i as u32 + 1,
        );
    }
    let mut phone_grams = Vec::new();
    if grams_plus > 0 {
        let (count_bytes, slot_bytes) = b.split_at(GROUPS * 4);
        let mut slots = u32s(slot_bytes).into_iter();
        for c in u32s(count_bytes) {
            let list: Vec<u32> = slots.by_ref().take(c as usize).collect();
            if list.len() != c as usize || list.iter().any(|&s| s as usize >= n) {
                return Err(SnapshotError::Inconsistent("phone groups"));
            }
            phone_grams.push(list);
        }
    }
    Ok((ids, free, communities, phone_grams))
}

fn u32s(b: &[u8]) -> Vec<u32> {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes(c.try_into().unwrap_or_default()))
        .collect()
}

fn put_hot(out: &mut Vec<u8>, h: &Hot) {
    for v in [h.mask, h.wide, h.first] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for s in [h.readings, h.ascii, h.text] {
        out.extend_from_slice(&s.start.to_le_bytes());
        out.extend_from_slice(&s.len.to_le_bytes());
    }
    out.extend_from_slice(&h.community.to_le_bytes());
    out.push(h.kind.code());
    out.push(h.live as u8);
}

fn get_hot(b: &[u8], arena_len: usize, communities: usize) -> Result<Hot, SnapshotError> {
    let u64_at = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or_default());
    let u32_at = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().unwrap_or_default());
    let span = |i: usize| -> Result<Span, SnapshotError> {
        let s = Span {
            start: u32_at(i),
            len: u32_at(i + 4),
        };
        if s.start as usize + s.len as usize > arena_len {
            return Err(SnapshotError::Inconsistent("key outside the arena"));
        }
        Ok(s)
    };
    let kind = Kind::from_code(b[52]).ok_or(SnapshotError::Inconsistent("record kind"))?;
    if u32_at(48) as usize > communities {
        return Err(SnapshotError::Inconsistent("community code"));
    }
    Ok(Hot {
        mask: u64_at(0),
        wide: u64_at(8),
        first: u64_at(16),
        readings: span(24)?,
        ascii: span(32)?,
        text: span(40)?,
        community: u32_at(48),
        kind,
        live: b[53] == 1,
    })
}

/// A word-at-a-time checksum: a million-record snapshot is a few hundred megabytes, and a
/// byte-at-a-time hash would cost more than the load it protects.
fn checksum(b: &[u8]) -> u64 {
    let mut words = b.chunks_exact(8);
    let mut h: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut x: u64 = 0;
    for w in words.by_ref() {
        let v = u64::from_le_bytes(w.try_into().unwrap_or_default());
        h = (h ^ v).rotate_left(23).wrapping_add(x);
        x = x.wrapping_add(v);
    }
    for &byte in words.remainder() {
        h = (h ^ u64::from(byte)).rotate_left(7);
    }
    h ^ x.rotate_left(32) ^ b.len() as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::tests::member;
    use crate::search::{CompiledDoc, Query};

    fn sample() -> SearchIndex {
        let mut index = SearchIndex::new();
        index.upsert(member(1, "曾顺仙", 7, "13812348588"));
        index.upsert(member(2, "曹顺仙", 8, "13900001111"));
        index.upsert(member(3, "吕小红", 7, ""));
        index.upsert(member(4, "删掉的", 9, "13700002222"));
        index.remove(Id(4));
        index.upsert(member(2, "曹顺先", 8, "13900001111"));
        index
    }

    fn answers(index: &SearchIndex) -> Vec<Vec<(Id, i64)>> {
        ["sx", "zeng", "lv", "1111", "顺", "2222", "xian"]
            .iter()
            .map(|q| {
                index
                    .query(&Query {
                        text: q,
                        kind: None,
                        community: Some(Id(7)),
                        limit: 10,
                    })
                    .into_iter()
                    .map(|h| (h.id, h.score))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_loaded_snapshot_answers_like_the_index_it_was_taken_from() {
        let index = sample();
        let loaded = SearchIndex::from_snapshot(index.snapshot()).unwrap();
        assert_eq!(loaded.len(), 3);
        assert_eq!(answers(&loaded), answers(&index));
        assert!(answers(&index)[0].len() >= 2);
        // It keeps taking changes like any index.
        let mut loaded = loaded;
        loaded.upsert(member(5, "曾小仙", 7, "13600003333"));
        assert!(answers(&loaded)[1].iter().any(|(id, _)| *id == Id(5)));
    }

    #[test]
    fn a_journal_applied_without_the_id_map_gives_the_same_index() {
        let mut index = sample();
        let mut loaded = SearchIndex::from_snapshot(index.snapshot()).unwrap();
        let changes = vec![
            (Id(1), None),
            (
                Id(3),
                Some(CompiledDoc::compile(member(3, "吕晓红", 9, "13511112222"))),
            ),
            (
                Id(6),
                Some(CompiledDoc::compile(member(6, "曾顺贤", 7, "13600001111"))),
            ),
        ];
        for (id, doc) in changes.clone() {
            match doc {
                Some(d) => index.insert_compiled(d),
                None => {
                    index.remove(id);
                }
            }
        }
        loaded.apply_changes(changes);
        assert!(loaded.by_id_pending, "a few changes need no id map");
        assert_eq!(loaded.len(), index.len());
        assert_eq!(answers(&loaded), answers(&index));
        assert_eq!(loaded.first_difference(&index), None);
        // The id map, built later, sees the applied changes.
        assert!(loaded.remove(Id(6)) && !loaded.remove(Id(1)));
    }

    #[test]
    fn damaged_snapshots_are_refused_without_panic() {
        let good = sample().snapshot();
        assert!(SearchIndex::from_snapshot(Vec::new()).is_err());
        assert!(SearchIndex::from_snapshot(good[..good.len() - 1].to_vec()).is_err());
        for i in (0..good.len()).step_by(7) {
            let mut bad = good.clone();
            bad[i] ^= 0x5A;
            assert!(SearchIndex::from_snapshot(bad).is_err(), "byte {i}");
        }
        // An empty index round-trips too.
        let empty = SearchIndex::from_snapshot(SearchIndex::new().snapshot()).unwrap();
        assert!(empty.is_empty());
    }
}
