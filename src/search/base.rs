//! The part of an index that a snapshot holds, read in place: records, ids, keys and phone
//! groups straight out of one byte buffer, never copied into the process. The buffer is
//! normally a file beside the ledger mapped by every process on the server, whose pages the
//! page cache holds once for all of them; or a buffer read from the ledger.
//!
//! Owns: the snapshot's layout and reading it in place. Must not touch: files (the store maps
//! them), changes (see [`super::index`], which keeps them beside the base).
use std::ops::Range;
use std::sync::Arc;

use super::index::{Hot, IdMap};
use crate::domain::Id;

/// Where a snapshot's bytes live. The bytes must not change while anything reads them.
pub trait SnapshotBytes: Send + Sync {
    fn bytes(&self) -> &[u8];
}

/// A heap buffer aligned for reading records in place (a `Vec<u8>` is only byte-aligned).
#[derive(Debug, Default)]
pub struct AlignedBytes {
    words: Vec<u128>,
    len: usize,
}

impl AlignedBytes {
    pub fn zeroed(len: usize) -> AlignedBytes {
        AlignedBytes {
            words: vec![0; len.div_ceil(16)],
            len,
        }
    }

    pub fn from_slice(b: &[u8]) -> AlignedBytes {
        let mut out = AlignedBytes::zeroed(b.len());
        out.bytes_mut().copy_from_slice(b);
        out
    }

    pub fn bytes_mut(&mut self) -> &mut [u8] {
        let len = self.len;
        &mut bytemuck::cast_slice_mut::<u128, u8>(&mut self.words)[..len]
    }
}

impl SnapshotBytes for AlignedBytes {
    fn bytes(&self) -> &[u8] {
        &bytemuck::cast_slice::<u128, u8>(&self.words)[..self.len]
    }
}

/// Phone groups 0000–9999.
pub(crate) const GROUPS: usize = 10_000;

/// The sections of a snapshot, each starting on a 16-byte boundary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Layout {
    pub hot: Range<usize>,
    pub ids: Range<usize>,
    /// Slots in the order of their ids, for finding a record by id without a map.
    pub by_id: Range<usize>,
    pub communities: Range<usize>,
    /// `GROUPS + 1` offsets into `phone_slots`, or nothing when no record has a phone.
    pub phone_offsets: Range<usize>,
    pub phone_slots: Range<usize>,
    pub arena: Range<usize>,
}

pub(crate) fn align16(n: usize) -> usize {
    n.div_ceil(16) * 16
}

impl Layout {
    /// Where each section lies for these counts; `None` when they overflow.
    pub fn of(
        n: usize,
        communities: usize,
        phone_slots: Option<usize>,
        arena: usize,
    ) -> Option<Layout> {
        let mut at = 0usize;
        let mut next = |bytes: Option<usize>| -> Option<Range<usize>> {
            let start = at;
            let end = start.checked_add(bytes?)?;
            at = align16(end);
            Some(start..end)
        };
        let hot = next(n.checked_mul(std::mem::size_of::<Hot>()))?;
        let ids = next(n.checked_mul(16))?;
        let by_id = next(n.checked_mul(4))?;
        let communities = next(communities.checked_mul(16))?;
        let phone_offsets = next(Some(if phone_slots.is_some() {
            (GROUPS + 1) * 4
        } else {
            0
        }))?;
        let phone_slots = next(phone_slots.unwrap_or(0).checked_mul(4))?;
        let arena = next(Some(arena))?;
        Some(Layout {
            hot,
            ids,
            by_id,
            communities,
            phone_offsets,
            phone_slots,
            arena,
        })
    }

    /// Where the trailer starts.
    pub fn end(&self) -> usize {
        align16(self.arena.end)
    }
}

/// The records of a snapshot, read in place. See the module docs.
#[derive(Clone)]
pub(crate) struct Base {
    bytes: Arc<dyn SnapshotBytes>,
    layout: Layout,
}

impl std::fmt::Debug for Base {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Base")
            .field("layout", &self.layout)
            .finish()
    }
}

impl Base {
    /// A base over `bytes` laid out as `layout`; `None` when a section is misaligned for
    /// reading in place (the caller then refuses the snapshot).
    pub fn new(bytes: Arc<dyn SnapshotBytes>, layout: Layout) -> Option<Base> {
        let b = bytes.bytes();
        if b.len() < layout.end() {
            return None;
        }
        bytemuck::try_cast_slice::<u8, Hot>(&b[layout.hot.clone()]).ok()?;
        bytemuck::try_cast_slice::<u8, u128>(&b[layout.ids.clone()]).ok()?;
        bytemuck::try_cast_slice::<u8, u32>(&b[layout.by_id.clone()]).ok()?;
        bytemuck::try_cast_slice::<u8, u128>(&b[layout.communities.clone()]).ok()?;
        bytemuck::try_cast_slice::<u8, u32>(&b[layout.phone_offsets.clone()]).ok()?;
        bytemuck::try_cast_slice::<u8, u32>(&b[layout.phone_slots.clone()]).ok()?;
        Some(Base { bytes, layout })
    }

    fn section<T: bytemuck::AnyBitPattern>(&self, r: &Range<usize>) -> &[T] {
        // Checked in `new`; an empty slice rather than a panic all the same.
        self.bytes
            .bytes()
            .get(r.clone())
            .and_then(|b| bytemuck::try_cast_slice(b).ok())
            .unwrap_or_default()
    }

    pub fn hot(&self) -> &[Hot] {
        self.section(&self.layout.hot)
    }

    pub fn len(&self) -> usize {
        self.hot().len()
    }

    pub fn id(&self, slot: usize) -> Option<Id> {
        self.section::<u128>(&self.layout.ids)
            .get(slot)
            .map(|&v| Id(v))
    }

    /// The slot of a record, by binary search over the slots in id order.
    pub fn slot_of(&self, id: Id) -> Option<u32> {
        let order = self.section::<u32>(&self.layout.by_id);
        let ids = self.section::<u128>(&self.layout.ids);
        let at = order
            .binary_search_by(|&s| ids.get(s as usize).copied().unwrap_or(u128::MAX).cmp(&id.0))
            .ok()?;
        order.get(at).copied()
    }

    /// The interned communities, code 1 first.
    pub fn communities(&self) -> IdMap {
        let ids = self.section::<u128>(&self.layout.communities);
        let mut map = IdMap::with_capacity_and_hasher(ids.len(), Default::default());
        for (i, &c) in ids.iter().enumerate() {
            map.insert(Id(c), i as u32 + 1);
        }
        map
    }

    /// The records whose phone holds the 4-digit group `g`.
    pub fn phone_slots(&self, g: usize) -> &[u32] {
        let offsets = self.section::<u32>(&self.layout.phone_offsets);
        let (Some(&a), Some(&b)) = (offsets.get(g), offsets.get(g + 1)) else {
            return &[];
        };
        self.section::<u32>(&self.layout.phone_slots)
            .get(a as usize..b as usize)
            .unwrap_or_default()
    }

    pub fn arena(&self) -> &[u8] {
        self.bytes
            .bytes()
            .get(self.layout.arena.clone())
            .unwrap_or_default()
    }
}
