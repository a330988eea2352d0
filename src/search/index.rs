//! [`SearchIndex`]: every record's keys, updated one record at a time.
//!
//! Keys live in one contiguous byte arena and each record's hot data (mask, first-byte set,
//! kind, community, where its keys are) in one dense array, so that a scan over a million
//! records reads memory in order and rejects most records without touching their text.
//!
//! An index loaded from a snapshot reads the snapshot's records in place ([`Base`], slots
//! `0..base`), and keeps only what changed since in memory: a changed or removed base record
//! is marked gone in a bit set and, when changed, gets a new slot after the base. So the
//! memory a process holds of its own grows with the changes, not with the ledger.
//!
//! An edited or removed record leaves its old keys behind as garbage; the arena of changed
//! records is compacted when garbage outweighs live keys.
use super::base::{Base, GROUPS};
use super::compiled::CompiledDoc;
use super::pinyin_keys::{FIELD_SEP, PHONE_FIELD};
use super::session::Session;
use super::{Doc, Hit, Kind, Query};
use crate::domain::Id;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Where a record's key lives: in the base's arena below its length, else in the arena of
/// changed records.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, bytemuck::Pod, bytemuck::Zeroable)]
pub(crate) struct Span {
    pub start: u32,
    pub len: u32,
}

/// What a scan reads for every record; stored as is in a snapshot, so every field is a
/// plain integer (any bytes are a valid `Hot`).
#[repr(C)]
#[derive(Debug, Clone, Copy, bytemuck::Pod, bytemuck::Zeroable)]
pub(crate) struct Hot {
    pub mask: u64,
    pub wide: u64,
    pub first: u64,
    pub readings: Span,
    pub ascii: Span,
    pub text: Span,
    /// Interned community (0: none), see `SearchIndex::communities`.
    pub community: u32,
    /// [`Kind::code`].
    pub kind: u8,
    /// 1 for a record, 0 for a free slot.
    pub live: u8,
    pub pad: [u8; 2],
}

impl Hot {
    pub(crate) fn kind(&self) -> Option<Kind> {
        Kind::from_code(self.kind)
    }
}

/// The search index over every roster. See the module docs of [`super`].
#[derive(Debug)]
pub struct SearchIndex {
    /// The snapshot's records, slots `0..base.len()`.
    pub(crate) base: Option<Base>,
    /// Base slots whose record changed or went away since the snapshot.
    pub(crate) gone: Vec<u64>,
    pub(crate) gone_count: usize,
    /// Records added or changed since the snapshot (or all of them, without one), slots
    /// from `base.len()` on.
    pub(crate) hot: Vec<Hot>,
    pub(crate) ids: Vec<Id>,
    /// The docs of those records, for showing hits, when kept (see [`Self::without_docs`]).
    pub(crate) docs: Vec<Option<Doc>>,
    pub(crate) keep_docs: bool,
    pub(crate) free: Vec<u32>,
    /// Slot of each record after the base.
    pub(crate) by_id: IdMap,
    pub(crate) communities: IdMap,
    /// Keys of the records after the base; their spans start at the base arena's length.
    pub(crate) arena: Vec<u8>,
    pub(crate) garbage: usize,
    /// For each 4-digit group 0000–9999, the records after the base whose phone contains it:
    /// a phone query reads one short list instead of every phone.
    pub(crate) phone_grams: Vec<Vec<u32>>,
    /// Changes with every edit, so that a [`Session`] knows its remembered candidates are stale.
    pub(crate) generation: u64,
}

impl Default for SearchIndex {
    fn default() -> SearchIndex {
        SearchIndex {
            base: None,
            gone: Vec::new(),
            gone_count: 0,
            hot: Vec::new(),
            ids: Vec::new(),
            docs: Vec::new(),
            keep_docs: true,
            free: Vec::new(),
            by_id: IdMap::default(),
            communities: IdMap::default(),
            arena: Vec::new(),
            garbage: 0,
            phone_grams: Vec::new(),
            generation: 0,
        }
    }
}

impl SearchIndex {
    pub fn new() -> SearchIndex {
        SearchIndex::default()
    }

    /// An empty index with room for `records` records of about `key_bytes` key bytes each,
    /// so that loading a large ledger does not reallocate.
    pub fn with_capacity(records: usize, key_bytes: usize) -> SearchIndex {
        SearchIndex {
            hot: Vec::with_capacity(records),
            ids: Vec::with_capacity(records),
            by_id: IdMap::with_capacity_and_hasher(records, Default::default()),
            arena: Vec::with_capacity(records.saturating_mul(key_bytes)),
            ..SearchIndex::default()
        }
    }

    /// Keeps no docs: the caller shows hits from the store's docs. A province's docs would
    /// cost more memory than its whole index.
    pub fn without_docs(mut self) -> SearchIndex {
        self.keep_docs = false;
        self.docs = Vec::new();
        self
    }

    /// An index over a snapshot's records, read in place.
    pub(crate) fn over(base: Base) -> SearchIndex {
        SearchIndex {
            communities: base.communities(),
            base: Some(base),
            keep_docs: false,
            generation: 1,
            ..SearchIndex::default()
        }
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        // Every slot after the base holds a record or is free.
        self.base_len() - self.gone_count + self.hot.len() - self.free.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Slots in all: the base's and those after it.
    pub(crate) fn slots(&self) -> usize {
        self.base_len() + self.hot.len()
    }

    pub(crate) fn base_len(&self) -> usize {
        self.base.as_ref().map_or(0, Base::len)
    }

    fn base_arena_len(&self) -> usize {
        self.base.as_ref().map_or(0, |b| b.arena().len())
    }

    /// The base's records (empty without a base).
    pub(crate) fn base_hot(&self) -> &[Hot] {
        self.base.as_ref().map(Base::hot).unwrap_or_default()
    }

    pub(crate) fn hot_at(&self, slot: u32) -> Option<&Hot> {
        let s = slot as usize;
        let n = self.base_len();
        if s < n {
            self.base_hot().get(s)
        } else {
            self.hot.get(s - n)
        }
    }

    fn is_gone(&self, slot: u32) -> bool {
        self.gone
            .get(slot as usize / 64)
            .is_some_and(|w| w & (1 << (slot % 64)) != 0)
    }

    /// Whether a slot holds a current record.
    #[inline]
    pub(crate) fn is_live(&self, slot: u32, hot: &Hot) -> bool {
        hot.live == 1 && (self.gone_count == 0 || !self.is_gone(slot))
    }

    /// The slot of a current record.
    fn slot_of(&self, id: Id) -> Option<u32> {
        if let Some(&s) = self.by_id.get(&id) {
            return Some(s);
        }
        let s = self.base.as_ref()?.slot_of(id)?;
        (!self.is_gone(s)).then_some(s)
    }

    /// Marks a base record gone.
    fn drop_base(&mut self, slot: u32) {
        let words = self.base_len().div_ceil(64);
        if self.gone.len() < words {
            self.gone.resize(words, 0);
        }
        if let Some(w) = self.gone.get_mut(slot as usize / 64)
            && *w & (1 << (slot % 64)) == 0
        {
            *w |= 1 << (slot % 64);
            self.gone_count += 1;
        }
        self.generation = self.generation.wrapping_add(1);
    }

    /// Adds a record or replaces the one with the same id (computing its keys).
    pub fn upsert(&mut self, doc: Doc) {
        self.insert_compiled(CompiledDoc::compile(doc));
    }

    /// Adds or replaces a record whose keys were computed earlier (loaded from the store).
    pub fn insert_compiled(&mut self, compiled: CompiledDoc) {
        let id = compiled.doc.id;
        let mut existing = self.slot_of(id);
        if let Some(s) = existing
            && (s as usize) < self.base_len()
        {
            // The base cannot change: the record moves after it.
            self.drop_base(s);
            existing = None;
        }
        let slot = self.place(existing, id);
        if existing.is_none() {
            self.by_id.insert(id, slot);
        }
        self.fill(slot, compiled);
    }

    /// Removes a record; returns whether it was there.
    pub fn remove(&mut self, id: Id) -> bool {
        let Some(slot) = self.slot_of(id) else {
            return false;
        };
        if (slot as usize) < self.base_len() {
            self.drop_base(slot);
        } else {
            self.by_id.remove(&id);
            self.clear(slot);
        }
        true
    }

    /// Applies changed records (the new doc, or `None` when removed): a stored snapshot's
    /// journal.
    pub fn apply_changes(&mut self, changes: Vec<(Id, Option<CompiledDoc>)>) {
        for (id, doc) in changes {
            match doc {
                Some(d) => self.insert_compiled(d),
                None => {
                    self.remove(id);
                }
            }
        }
    }

    /// The slot for a record after the base: its own (keys released), a free one, or a new one.
    fn place(&mut self, existing: Option<u32>, id: Id) -> u32 {
        if let Some(slot) = existing {
            self.release_keys(slot);
            return slot;
        }
        match self.free.pop() {
            Some(slot) => slot,
            None => {
                self.hot.push(Hot::dead());
                self.ids.push(id);
                if self.keep_docs {
                    self.docs.push(None);
                }
                // Four billion slots is beyond any ledger; the index would run out of memory
                // long before.
                u32::try_from(self.slots() - 1).unwrap_or(u32::MAX)
            }
        }
    }

    /// The position of a slot after the base in the vectors of changed records.
    fn own(&self, slot: u32) -> usize {
        (slot as usize).saturating_sub(self.base_len())
    }

    /// Writes a record's keys, doc and phone groups into its slot.
    fn fill(&mut self, slot: u32, compiled: CompiledDoc) {
        let CompiledDoc { doc, keys } = compiled;
        self.generation = self.generation.wrapping_add(1);
        if self.base_arena_len()
            + self.arena.len()
            + keys.readings.len()
            + keys.ascii.len()
            + keys.text.len()
            > u32::MAX as usize
        {
            self.compact();
        }
        let community = match doc.community {
            Some(c) => {
                let next = self.communities.len() as u32 + 1;
                *self.communities.entry(c).or_insert(next)
            }
            None => 0,
        };
        let hot = Hot {
            mask: keys.mask,
            wide: keys.wide,
            first: keys.first,
            readings: self.push_key(keys.readings.as_bytes()),
            ascii: self.push_key(keys.ascii.as_bytes()),
            text: self.push_key(keys.text.as_bytes()),
            community,
            kind: doc.kind.code(),
            live: 1,
            pad: [0; 2],
        };
        let at = self.own(slot);
        self.hot[at] = hot;
        self.ids[at] = doc.id;
        if let Some(d) = self.docs.get_mut(at) {
            *d = Some(doc);
        }
        let grams = phone_grams(self.phone_key(slot));
        if !grams.is_empty() && self.phone_grams.is_empty() {
            self.phone_grams = vec![Vec::new(); GROUPS];
        }
        for g in grams {
            if let Some(list) = self.phone_grams.get_mut(g as usize) {
                list.push(slot);
            }
        }
    }

    /// Empties a slot after the base and frees it.
    fn clear(&mut self, slot: u32) {
        self.generation = self.generation.wrapping_add(1);
        self.release_keys(slot);
        let at = self.own(slot);
        if let Some(d) = self.docs.get_mut(at) {
            *d = None;
        }
        self.free.push(slot);
    }

    /// The doc of a record, when this index keeps docs (a base keeps none).
    pub fn get(&self, id: Id) -> Option<&Doc> {
        let slot = *self.by_id.get(&id)?;
        self.docs.get(self.own(slot)).and_then(Option::as_ref)
    }

    /// One search over all records, without remembering anything for the next keystroke
    /// (a [`Session`] does that).
    pub fn query(&self, query: &Query) -> Vec<Hit> {
        Session::new().query(self, query)
    }

    /// The ids of every current record of `kind`, in id order: a list of a whole roster
    /// (the units view) read from the index in place, not from the ledger's rows.
    pub fn ids_of(&self, kind: Kind) -> Vec<Id> {
        let mut ids: Vec<Id> = self
            .live()
            .filter(|(_, h)| h.kind() == Some(kind))
            .filter_map(|(slot, _)| self.id_at(slot))
            .collect();
        ids.sort_unstable();
        ids
    }

    /// Every current record: slot and hot data, in slot order.
    pub(crate) fn live(&self) -> impl Iterator<Item = (u32, &Hot)> + '_ {
        self.base_hot()
            .iter()
            .chain(self.hot.iter())
            .enumerate()
            .map(|(i, h)| (i as u32, h))
            .filter(|(s, h)| self.is_live(*s, h))
    }

    /// The first difference between the records of two indexes (ids, kinds, communities,
    /// masks and keys), or `None` when they hold the same: `check` compares the stored
    /// snapshot with an index built from the docs.
    pub fn first_difference(&self, other: &SearchIndex) -> Option<String> {
        if self.len() != other.len() {
            return Some(format!(
                "{} records, the docs give {}",
                self.len(),
                other.len()
            ));
        }
        let community_of = |ix: &SearchIndex, code: u32| -> Option<Id> {
            ix.communities
                .iter()
                .find(|(_, c)| **c == code)
                .map(|(id, _)| *id)
        };
        let mut codes: HashMap<(u32, u32), bool> = HashMap::new();
        for (slot, a) in self.live() {
            let Some(id) = self.id_at(slot) else {
                continue;
            };
            let Some(b) = other.slot_of(id).and_then(|o| other.hot_at(o)) else {
                return Some(format!("record {id} is not in the docs"));
            };
            let same_keys = (a.mask, a.wide, a.first, a.kind) == (b.mask, b.wide, b.first, b.kind)
                && [
                    (a.readings, b.readings),
                    (a.ascii, b.ascii),
                    (a.text, b.text),
                ]
                .iter()
                .all(|(x, y)| self.key(*x) == other.key(*y));
            let same_community = *codes.entry((a.community, b.community)).or_insert_with(|| {
                community_of(self, a.community) == community_of(other, b.community)
            });
            if !same_keys || !same_community {
                return Some(format!("record {id} differs from its doc"));
            }
        }
        None
    }

    /// The id of the live record in a slot.
    pub(crate) fn id_at(&self, slot: u32) -> Option<Id> {
        let hot = self.hot_at(slot)?;
        if !self.is_live(slot, hot) {
            return None;
        }
        match &self.base {
            Some(b) if (slot as usize) < b.len() => b.id(slot as usize),
            _ => self.ids.get(self.own(slot)).copied(),
        }
    }

    pub(crate) fn community_code(&self, id: Option<Id>) -> Option<u32> {
        id.and_then(|id| self.communities.get(&id).copied())
    }

    /// The records whose phone may contain `digits` (4 or more): a superset to verify, gone
    /// records included.
    pub(crate) fn phone_slots(&self, digits: &[u8]) -> impl Iterator<Item = u32> + '_ {
        let g = phone_grams(digits.get(..4).unwrap_or_default())
            .first()
            .map(|&g| g as usize);
        let base = match (&self.base, g) {
            (Some(b), Some(g)) => b.phone_slots(g),
            _ => &[],
        };
        let own = g
            .and_then(|g| self.phone_grams.get(g))
            .map(Vec::as_slice)
            .unwrap_or_default();
        base.iter().chain(own.iter()).copied()
    }

    /// The phone digits of a record, as stored in its keys.
    pub(crate) fn phone_key(&self, slot: u32) -> &[u8] {
        self.hot_at(slot)
            .map(|h| self.key(h.ascii))
            .and_then(|k| k.split(|&b| b == FIELD_SEP).nth(PHONE_FIELD))
            .unwrap_or_default()
    }

    pub(crate) fn key(&self, span: Span) -> &[u8] {
        let start = span.start as usize;
        let end = start + span.len as usize;
        let base = self.base.as_ref().map(Base::arena).unwrap_or_default();
        if start < base.len() {
            base.get(start..end).unwrap_or_default()
        } else {
            let b = base.len();
            self.arena.get(start - b..end - b).unwrap_or_default()
        }
    }

    fn push_key(&mut self, bytes: &[u8]) -> Span {
        let start = self.base_arena_len() + self.arena.len();
        match u32::try_from(start + bytes.len()) {
            Ok(_) => {
                self.arena.extend_from_slice(bytes);
                Span {
                    start: start as u32,
                    len: bytes.len() as u32,
                }
            }
            // Only with more than 4 GiB of live keys: the record stays retrievable by id
            // but cannot be found by search.
            Err(_) => Span::default(),
        }
    }

    /// Releases the keys of a slot after the base.
    fn release_keys(&mut self, slot: u32) {
        for g in phone_grams(self.phone_key(slot)) {
            if let Some(list) = self.phone_grams.get_mut(g as usize) {
                list.retain(|&s| s != slot);
            }
        }
        let at = self.own(slot);
        let h = self.hot[at];
        self.garbage += (h.readings.len + h.ascii.len + h.text.len) as usize;
        // Dead before a compaction, so that it does not copy keys nobody uses.
        self.hot[at] = Hot::dead();
        if self.garbage > 1 << 20 && self.garbage * 2 > self.arena.len() {
            self.compact();
        }
    }

    /// Copies the live keys after the base into a fresh arena, in slot order.
    fn compact(&mut self) {
        let offset = self.base_arena_len();
        let live = self.arena.len().saturating_sub(self.garbage);
        let mut arena = Vec::with_capacity(live + live / 4);
        for h in self.hot.iter_mut().filter(|h| h.live == 1) {
            for span in [&mut h.readings, &mut h.ascii, &mut h.text] {
                let start = (span.start as usize).saturating_sub(offset);
                let bytes = self
                    .arena
                    .get(start..start + span.len as usize)
                    .unwrap_or_default();
                span.start = (offset + arena.len()) as u32;
                arena.extend_from_slice(bytes);
            }
        }
        self.arena = arena;
        self.garbage = 0;
        self.generation = self.generation.wrapping_add(1);
    }
}

/// Ids are already random (80 random bits each), so hashing them needs only a mix, not
/// SipHash: loading a million records spends noticeably less time in the map.
pub(crate) type IdMap = HashMap<Id, u32, BuildHasherDefault<IdHasher>>;

#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u128(&mut self, v: u128) {
        // Both halves count: demo and imported ids may differ only in their low bits.
        let x = (v as u64) ^ ((v >> 64) as u64).rotate_left(32) ^ self.0;
        self.0 = (x ^ (x >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        self.0 ^= self.0 >> 32;
    }
}

/// The distinct 4-digit groups of a phone, as numbers 0–9999.
pub(crate) fn phone_grams(phone: &[u8]) -> Vec<u16> {
    let mut grams: Vec<u16> = phone
        .windows(4)
        .filter(|w| w.iter().all(u8::is_ascii_digit))
        .map(|w| w.iter().fold(0u16, |n, d| n * 10 + u16::from(d - b'0')))
        .collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

impl Hot {
    pub(crate) fn dead() -> Hot {
        bytemuck::Zeroable::zeroed()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::search::Tier;

    pub(crate) fn member(n: u128, name: &str, community: u128, phone: &str) -> Doc {
        Doc {
            kind: Kind::Member,
            id: Id(n),
            name: name.into(),
            community: Some(Id(community)),
            community_name: format!("社区{community}"),
            unit_name: "曲靖市教育局".into(),
            phone: phone.into(),
            extra: vec!["书法".into()],
        }
    }

    fn q(text: &str) -> Query<'_> {
        Query {
            text,
            kind: None,
            community: None,
            limit: 0,
        }
    }

    fn names(index: &SearchIndex, query: &Query) -> Vec<String> {
        index
            .query(query)
            .iter()
            .filter_map(|h| index.get(h.id).map(|d| d.name.clone()))
            .collect()
    }

    fn index_of(docs: Vec<Doc>) -> SearchIndex {
        let mut index = SearchIndex::new();
        for d in docs {
            index.upsert(d);
        }
        index
    }

    #[test]
    fn every_way_of_typing_a_name_finds_it() {
        let index = index_of(vec![
            member(1, "曹顺仙", 100, "13812345678"),
            member(2, "吕梁", 100, ""),
            member(3, "王芳", 100, ""),
            member(4, "曾丽", 100, ""),
            member(5, "欧阳修", 100, ""),
        ]);
        for text in [
            "csx",
            "caoshunxian",
            "cao shun xian",
            "CAOSX",
            "caoshunx",
            "曹顺仙",
            "曹顺",
            "曹sx",
            "2345",
            "ＣＳＸ",
        ] {
            let found = names(&index, &q(text));
            assert_eq!(found.first().map(String::as_str), Some("曹顺仙"), "{text}");
        }
        for text in ["lv", "lu", "lvl", "luliang", "lü"] {
            assert_eq!(
                names(&index, &q(text)).first().map(String::as_str),
                Some("吕梁"),
                "{text}"
            );
        }
        assert_eq!(names(&index, &q("zengli")), vec!["曾丽"]);
        assert_eq!(names(&index, &q("oyx")), vec!["欧阳修"]);
        // Chinese text matches names by characters, anywhere in the name.
        assert_eq!(names(&index, &q("顺仙")), vec!["曹顺仙"]);
        let hits = index.query(&q("csx"));
        assert_eq!(hits[0].tier, Tier::Pinyin);
        assert_eq!(index.query(&q("2345"))[0].tier, Tier::Phone);
        // Three digits are not enough to search phones.
        assert!(index.query(&q("234")).is_empty());
    }

    #[test]
    fn tiers_rank_exact_then_prefix_then_pinyin_then_phone_then_fuzzy() {
        let index = index_of(vec![
            member(1, "王丽丽", 1, ""),          // fuzzy: wanglili contains l…i
            member(2, "李明", 1, ""),            // pinyin: li…
            member(3, "li", 1, ""),              // exact (a Latin name)
            member(4, "lily", 1, ""),            // prefix
            member(5, "张三", 1, "13800001111"), // no match
        ]);
        let hits = index.query(&q("li"));
        let tiers: Vec<Tier> = hits.iter().map(|h| h.tier).collect();
        assert_eq!(
            tiers,
            vec![Tier::ExactName, Tier::NamePrefix, Tier::Pinyin, Tier::Fuzzy]
        );
        assert_eq!(
            names(&index, &q("li")),
            vec!["li", "lily", "李明", "王丽丽"]
        );

        let index = index_of(vec![
            member(1, "1380车间", 1, ""),        // prefix (a name with digits)
            member(2, "张三", 1, "13800001111"), // phone
            member(3, "李四", 1, "13080000000"), // 1,3,8,0 in order but not together
            member(4, "王五", 1, "13913801380"), // phone, its last four digits
        ]);
        // Within phones, the number ending in the digits first, then the one starting with them.
        assert_eq!(names(&index, &q("1380")), vec!["1380车间", "王五", "张三"]);
        let tiers: Vec<Tier> = index.query(&q("1380")).iter().map(|h| h.tier).collect();
        assert_eq!(tiers, vec![Tier::NamePrefix, Tier::Phone, Tier::Phone]);
    }

    #[test]
    fn own_community_first_within_a_tier_and_stable_ties() {
        let index = index_of(vec![
            member(5, "张伟", 1, ""),
            member(3, "张伟", 1, ""),
            member(4, "张伟", 2, ""),
            member(2, "张卫", 1, ""),
            member(1, "张玮", 2, ""),
        ]);
        let mut query = q("zw");
        let ids =
            |query: &Query| -> Vec<u128> { index.query(query).iter().map(|h| h.id.0).collect() };
        // No community: all pinyin level 2, so by name (张伟 < 张卫 < 张玮 in code points?)
        // then id.
        let mut by_name: Vec<(String, u128)> = [
            (5, "张伟"),
            (3, "张伟"),
            (4, "张伟"),
            (2, "张卫"),
            (1, "张玮"),
        ]
        .iter()
        .map(|(i, n)| (n.to_string(), *i))
        .collect();
        by_name.sort();
        assert_eq!(ids(&query), by_name.iter().map(|p| p.1).collect::<Vec<_>>());
        query.community = Some(Id(2));
        let got = ids(&query);
        assert_eq!(&got[..2], &[4, 1]);
        let again = ids(&query);
        assert_eq!(got, again);
        // A better tier still beats the own community.
        query.text = "张伟";
        let got = ids(&query);
        assert_eq!(got[0], 4, "exact name, own community");
        assert_eq!(&got[1..3], &[3, 5], "exact name, other community, by id");
    }

    #[test]
    fn upsert_edit_and_remove_are_seen_at_once() {
        let mut index = SearchIndex::new();
        assert!(index.is_empty());
        index.upsert(member(1, "曹顺仙", 1, ""));
        index.upsert(member(2, "李明", 1, ""));
        assert_eq!(index.len(), 2);
        assert_eq!(names(&index, &q("csx")), vec!["曹顺仙"]);
        index.upsert(member(1, "曹顺先", 1, "13900001234"));
        assert_eq!(index.len(), 2);
        assert_eq!(names(&index, &q("曹顺先")), vec!["曹顺先"]);
        assert!(names(&index, &q("曹顺仙")).is_empty());
        assert_eq!(
            index.get(Id(1)).map(|d| d.phone.as_str()),
            Some("13900001234")
        );
        assert!(index.remove(Id(1)));
        assert!(!index.remove(Id(1)));
        assert!(names(&index, &q("csx")).is_empty());
        assert!(index.get(Id(1)).is_none());
        assert_eq!(index.len(), 1);
        // The freed slot is reused.
        index.upsert(member(7, "王芳", 3, ""));
        assert_eq!(names(&index, &q("wf")), vec!["王芳"]);
        assert_eq!(names(&index, &q("lm")), vec!["李明"]);
    }

    #[test]
    fn many_edits_compact_without_losing_records() {
        let mut index = SearchIndex::new();
        for round in 0..40u128 {
            for n in 0..1000u128 {
                let name = if n % 2 == 0 { "曹顺仙" } else { "李明" };
                let mut d = member(n, name, 1, "");
                d.extra = vec![format!("第{round}轮"), "x".repeat(200)];
                index.upsert(d);
            }
        }
        assert_eq!(index.len(), 1000);
        assert!(
            index.arena.len() < 4 * 1000 * 300,
            "arena {}",
            index.arena.len()
        );
        assert_eq!(index.query(&q("csx")).len(), 500);
        assert_eq!(index.query(&q("第39轮")).len(), 1000);
        assert!(index.query(&q("第38轮")).is_empty());
    }

    #[test]
    fn kind_filter_and_limit() {
        let mut index = index_of(vec![member(1, "紫鑫", 1, ""), member(2, "紫鑫华", 1, "")]);
        index.upsert(Doc {
            kind: Kind::Community,
            id: Id(9),
            name: "紫鑫城社区".into(),
            community: Some(Id(9)),
            community_name: "紫鑫城社区".into(),
            unit_name: String::new(),
            phone: String::new(),
            extra: vec!["麒麟区".into(), "南宁街道".into()],
        });
        let mut query = q("zx");
        assert_eq!(index.query(&query).len(), 3);
        query.kind = Some(Kind::Community);
        assert_eq!(names(&index, &query), vec!["紫鑫城社区"]);
        query.kind = None;
        query.limit = 1;
        assert_eq!(names(&index, &query), vec!["紫鑫"]);
        // Extra fields are searched fuzzily.
        assert_eq!(names(&index, &q("南宁")), vec!["紫鑫城社区"]);
    }

    #[test]
    fn odd_queries_answer_without_panic() {
        let index = index_of(vec![
            member(1, "曹顺仙", 1, "13812345678"),
            member(2, "Anna", 1, ""),
        ]);
        assert!(index.query(&q("")).is_empty());
        assert!(index.query(&q("   \t ")).is_empty());
        assert!(index.query(&q("\u{3000}")).is_empty());
        for text in ["!@#$%^&*()", "😀", "曹😀", "\u{0}", "'", "ｃ", "ß", "İ"] {
            let _ = index.query(&q(text));
        }
        let paste: String = "曹顺仙在紫鑫城社区报到😀abc123"
            .chars()
            .cycle()
            .take(500)
            .collect();
        assert!(index.query(&q(&paste)).is_empty());
        let latin: String = "caoshunxian".chars().cycle().take(500).collect();
        assert!(index.query(&q(&latin)).is_empty());
        assert_eq!(names(&index, &q("ANNA")), vec!["Anna"]);
    }
}
