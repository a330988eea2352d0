//! The index's records as one byte buffer laid out to be read in place ([`super::base`]):
//! stored in the ledger, and copied into a file beside it that every process on the server
//! maps, so that the page cache holds one copy of a province's index for all of them.
//!
//! The snapshot holds what a scan reads — the per-record hot data, ids, the slots in id
//! order, communities, phone digit groups and the keys — and no docs: a caller shows its
//! hits from the store's docs. Only current records are written, renumbered from slot 0.
//!
//! Layout, native little-endian integers, each section on a 16-byte boundary:
//! hot records (`Hot`, 56 bytes each) · ids (`u128`) · slots in id order (`u32`) · interned
//! communities (`u128`, in code order) · phone groups (none, or `GROUPS + 1` `u32` offsets
//! then the slots) · key arena · trailer: [`MAGIC`], format and keys version, two bytes of
//! padding, the counts (`u64` each), and a checksum of everything before it.
use std::sync::Arc;

use super::base::{AlignedBytes, Base, GROUPS, Layout, SnapshotBytes};
use super::compiled::KEYS_VERSION;
use super::index::{Hot, SearchIndex, phone_grams};
use super::pinyin_keys::{FIELD_SEP, PHONE_FIELD};

const MAGIC: &[u8; 4] = b"BDSX";
const FORMAT: u8 = 2;
/// magic, format, keys version, padding, four `u64` counts, checksum.
pub const TRAILER: usize = 4 + 1 + 1 + 2 + 4 * 8 + 8;

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

/// The checksum a snapshot ends with: what tells two copies of it apart.
pub fn snapshot_checksum(bytes: &[u8]) -> Option<u64> {
    let tail = bytes.len().checked_sub(8).and_then(|at| bytes.get(at..))?;
    Some(u64::from_le_bytes(tail.try_into().ok()?))
}

/// Whether a snapshot ending in `tail` (its last [`TRAILER`] bytes or more) was written in
/// this program's format and keys version; one from an older program never loads.
pub fn snapshot_is_current(tail: &[u8]) -> bool {
    let Some(t) = tail.len().checked_sub(TRAILER) else {
        return false;
    };
    &tail[t..t + 4] == MAGIC && tail[t + 4] == FORMAT && tail[t + 5] == KEYS_VERSION
}

fn phone_of(ascii_key: &[u8]) -> &[u8] {
    ascii_key
        .split(|&b| b == FIELD_SEP)
        .nth(PHONE_FIELD)
        .unwrap_or_default()
}

impl SearchIndex {
    /// The index's current records as one buffer (see the module docs).
    ///
    /// Written straight into that buffer in two passes (sizes, then records): a province's
    /// index and its snapshot are each a few hundred megabytes, and copies of the snapshot's
    /// parts beside them would double the peak memory of whoever stores it.
    pub fn snapshot(&self) -> Vec<u8> {
        let slots: Vec<u32> = self
            .live()
            .filter(|(s, _)| self.hot_at(*s).is_some())
            .map(|(s, _)| s)
            .collect();
        let n = slots.len();
        let mut communities = vec![0u128; self.communities.len()];
        for (id, &code) in &self.communities {
            if let Some(c) = communities.get_mut(code as usize - 1) {
                *c = id.0;
            }
        }
        // First pass: the arena's length and the phone groups' sizes.
        let mut arena_len = 0usize;
        let mut offsets = vec![0u32; GROUPS + 1];
        let mut total = 0usize;
        for &s in &slots {
            let Some(h) = self.hot_at(s) else { continue };
            for span in [h.readings, h.ascii, h.text] {
                arena_len += self.key(span).len();
            }
            for g in phone_grams(phone_of(self.key(h.ascii))) {
                offsets[g as usize + 1] += 1;
                total += 1;
            }
        }
        let phones = (total > 0).then_some(total);
        let Some(layout) = Layout::of(n, communities.len(), phones, arena_len) else {
            return Vec::new();
        };
        let mut out = vec![0u8; layout.end() + TRAILER];
        // Second pass: each record, its keys and its phone groups in place.
        let mut fill = offsets.clone();
        for i in 0..GROUPS {
            fill[i + 1] += fill[i];
        }
        let mut ids: Vec<u128> = Vec::with_capacity(n);
        let mut arena_at = 0usize;
        let hot_size = std::mem::size_of::<Hot>();
        for (i, &s) in slots.iter().enumerate() {
            let Some(&stored) = self.hot_at(s) else {
                continue;
            };
            let mut h = stored;
            for span in [&mut h.readings, &mut h.ascii, &mut h.text] {
                let key = self.key(*span);
                let at = layout.arena.start + arena_at;
                out[at..at + key.len()].copy_from_slice(key);
                span.start = arena_at as u32;
                arena_at += key.len();
            }
            let at = layout.hot.start + i * hot_size;
            out[at..at + hot_size].copy_from_slice(bytemuck::bytes_of(&h));
            let id = self.id_at(s).map_or(0, |id| id.0);
            let at = layout.ids.start + i * 16;
            out[at..at + 16].copy_from_slice(bytemuck::bytes_of(&id));
            ids.push(id);
            if phones.is_some() {
                for g in phone_grams(phone_of(self.key(stored.ascii))) {
                    let at = layout.phone_slots.start + fill[g as usize] as usize * 4;
                    out[at..at + 4].copy_from_slice(&(i as u32).to_ne_bytes());
                    fill[g as usize] += 1;
                }
            }
        }
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_unstable_by_key(|&i| ids[i as usize]);
        drop(ids);
        let mut put = |r: std::ops::Range<usize>, b: &[u8]| out[r].copy_from_slice(b);
        put(layout.by_id.clone(), bytemuck::cast_slice(&order));
        put(
            layout.communities.clone(),
            bytemuck::cast_slice(&communities),
        );
        if phones.is_some() {
            for i in 0..GROUPS {
                offsets[i + 1] += offsets[i];
            }
            put(layout.phone_offsets.clone(), bytemuck::cast_slice(&offsets));
        }
        let mut t = layout.end();
        out[t..t + 4].copy_from_slice(MAGIC);
        out[t + 4] = FORMAT;
        out[t + 5] = KEYS_VERSION;
        t += 8;
        for v in [n, communities.len(), phones.map_or(0, |m| m + 1), arena_len] {
            out[t..t + 8].copy_from_slice(&(v as u64).to_le_bytes());
            t += 8;
        }
        let sum = checksum(&out[..t]);
        out[t..t + 8].copy_from_slice(&sum.to_le_bytes());
        out
    }

    /// An index reading a snapshot's records in place, without docs. Never panics on bad
    /// input. The bytes must stay unchanged as long as the index lives.
    pub fn from_snapshot(bytes: Arc<dyn SnapshotBytes>) -> Result<SearchIndex, SnapshotError> {
        let b = bytes.bytes();
        let len = b.len();
        if len < TRAILER {
            return Err(SnapshotError::Trailer);
        }
        let t = len - TRAILER;
        if &b[t..t + 4] != MAGIC {
            return Err(SnapshotError::Trailer);
        }
        // The records are read in place as this machine's integers.
        if b[t + 4] != FORMAT || b[t + 5] != KEYS_VERSION || cfg!(target_endian = "big") {
            return Err(SnapshotError::Version);
        }
        let count = |i: usize| -> usize {
            let at = t + 8 + i * 8;
            let v = u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or_default());
            usize::try_from(v).unwrap_or(usize::MAX)
        };
        let (n, n_comm, phones, arena) = (count(0), count(1), count(2), count(3));
        let phones = phones.checked_sub(1);
        let layout = Layout::of(n, n_comm, phones, arena)
            .filter(|l| l.end() == t && n <= u32::MAX as usize && arena <= u32::MAX as usize)
            .ok_or(SnapshotError::Inconsistent("section sizes"))?;
        if snapshot_checksum(b) != Some(checksum(&b[..len - 8])) {
            return Err(SnapshotError::Checksum);
        }
        let base =
            Base::new(bytes.clone(), layout).ok_or(SnapshotError::Inconsistent("alignment"))?;
        Ok(SearchIndex::over(base))
    }

    /// [`Self::from_snapshot`] of bytes in a plain vector (copied once to align them).
    pub fn from_snapshot_vec(bytes: &[u8]) -> Result<SearchIndex, SnapshotError> {
        SearchIndex::from_snapshot(Arc::new(AlignedBytes::from_slice(bytes)))
    }
}

/// A checksum of 1 MiB pieces summed on every core: a province snapshot is a few hundred
/// megabytes, checked by every process that maps it.
fn checksum(b: &[u8]) -> u64 {
    const PIECE: usize = 1 << 20;
    let pieces: Vec<&[u8]> = b.chunks(PIECE).collect();
    let threads = crate::search::scan::threads();
    let per = pieces.len().div_ceil(threads).max(1);
    let sums: Vec<u64> = if pieces.len() <= 1 {
        pieces.iter().map(|p| word_sum(p)).collect()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = pieces
                .chunks(per)
                .map(|group| scope.spawn(move || group.iter().map(|p| word_sum(p)).collect()))
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|_| vec![0]))
                .collect::<Vec<u64>>()
        })
    };
    let all: Vec<u8> = sums.iter().flat_map(|s| s.to_le_bytes()).collect();
    word_sum(&all) ^ b.len() as u64
}

/// A hash of four independent word lanes: the processor overlaps them, so a few hundred
/// megabytes cost tens of milliseconds rather than the load they protect.
fn word_sum(b: &[u8]) -> u64 {
    let mut blocks = b.chunks_exact(32);
    let mut lanes: [u64; 4] = [
        0x9E37_79B9_7F4A_7C15,
        0xC2B2_AE3D_27D4_EB4F,
        0x1656_67B1_9E37_79F9,
        0x85EB_CA77_C2B2_AE63,
    ];
    for block in blocks.by_ref() {
        for (i, lane) in lanes.iter_mut().enumerate() {
            let v = u64::from_le_bytes(block[i * 8..i * 8 + 8].try_into().unwrap_or_default());
            *lane = (*lane ^ v)
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .rotate_left(29);
        }
    }
    let mut h = lanes.iter().fold(b.len() as u64, |h, l| {
        (h ^ l).wrapping_mul(0xBF58_476D_1CE4_E5B9)
    });
    for &byte in blocks.remainder() {
        h = (h ^ u64::from(byte)).wrapping_mul(0x0100_0000_01B3);
    }
    h ^ (h >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Id;
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
        let loaded = SearchIndex::from_snapshot_vec(&index.snapshot()).unwrap();
        assert_eq!(loaded.len(), 3);
        assert_eq!(answers(&loaded), answers(&index));
        assert!(answers(&index)[0].len() >= 2);
        // It keeps taking changes like any index.
        let mut loaded = loaded;
        loaded.upsert(member(5, "曾小仙", 7, "13600003333"));
        assert!(answers(&loaded)[1].iter().any(|(id, _)| *id == Id(5)));
    }

    #[test]
    fn a_journal_applied_to_a_loaded_snapshot_gives_the_same_index() {
        let mut index = sample();
        let mut loaded = SearchIndex::from_snapshot_vec(&index.snapshot()).unwrap();
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
        assert_eq!(loaded.len(), index.len());
        assert_eq!(answers(&loaded), answers(&index));
        assert_eq!(loaded.first_difference(&index), None);
        // The id map, built later, sees the applied changes.
        assert!(loaded.remove(Id(6)) && !loaded.remove(Id(1)));
    }

    #[test]
    fn damaged_snapshots_are_refused_without_panic() {
        let good = sample().snapshot();
        assert!(SearchIndex::from_snapshot_vec(&[]).is_err());
        assert!(SearchIndex::from_snapshot_vec(&good[..good.len() - 1]).is_err());
        for i in (0..good.len()).step_by(7) {
            let mut bad = good.clone();
            bad[i] ^= 0x5A;
            assert!(SearchIndex::from_snapshot_vec(&bad).is_err(), "byte {i}");
        }
        // An empty index round-trips too.
        let empty = SearchIndex::from_snapshot_vec(&SearchIndex::new().snapshot()).unwrap();
        assert!(empty.is_empty());
    }
}
