//! One pass of a query over records: the cheap tiers (exact name, name prefix, pinyin,
//! phone) by byte comparison, and the list of records left for the fuzzy scorer.
//!
//! Every record first meets the query's mask: a record lacking any letter, digit or
//! character of the query cannot match in any tier. Name-anchored tiers also need the
//! query's first byte among the name's first bytes. Large scans are split over the cores.
use std::collections::HashSet;
use std::sync::OnceLock;

use super::index::{Hot, SearchIndex};
use super::normalize::normalize;
use super::pinyin_keys::{FIELD_SEP, char_bit, first_bit, match_pinyin, wide_mask};
use super::rank::TopK;
use super::{Kind, Query, Tier};

/// A query, normalized once.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    pub text: String,
    pub mask: u64,
    pub wide: u64,
    pub first: u64,
    /// Only Latin letters, digits and ASCII symbols: matched against the pinyin and Latin
    /// keys; otherwise against the records' own text.
    pub ascii: bool,
    /// Four or more digits and nothing else: also matched inside phone numbers (fewer digits
    /// would match nearly every number, and phones are matched by nothing else).
    pub phone: bool,
    /// [`Kind::code`] of the query's kind.
    pub kind_code: Option<u8>,
    /// `Query::limit`, with 0 (no limit) as `usize::MAX`.
    pub limit: usize,
    /// The clerk's community, interned by the index.
    pub own: Option<u32>,
}

impl Pattern {
    /// `None` when nothing searchable is left after normalization (empty, only spaces).
    pub(crate) fn new(query: &Query, index: &SearchIndex) -> Option<Pattern> {
        let text = normalize(query.text);
        let first = first_bit(text.chars().next()?);
        Some(Pattern {
            mask: text.chars().fold(0, |m, c| m | char_bit(c)),
            wide: wide_mask(&text),
            first,
            ascii: text.is_ascii(),
            phone: text.len() >= 4 && text.bytes().all(|b| b.is_ascii_digit()),
            kind_code: query.kind.map(Kind::code),
            limit: if query.limit == 0 {
                usize::MAX
            } else {
                query.limit
            },
            own: index.community_code(query.community),
            text,
        })
    }
}

/// A record that matched in one of the cheap tiers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scored {
    pub slot: u32,
    pub tier: Tier,
    pub score: i64,
}

/// What a scan found.
#[derive(Debug)]
pub(crate) struct ScanOut {
    pub hits: TopK,
    /// Records that passed the mask but no cheap tier: the fuzzy scorer's input.
    pub pending: Vec<u32>,
    /// Every record that can match this query or any query extending it (a superset):
    /// `hits` and `pending` together, in slot order within each scanned part.
    pub candidates: Vec<u32>,
}

impl ScanOut {
    fn new(pattern: &Pattern) -> ScanOut {
        ScanOut {
            hits: TopK::new(pattern.limit, pattern.own),
            pending: Vec::new(),
            candidates: Vec::new(),
        }
    }
}

/// Which records to scan.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Source<'a> {
    All,
    Slots(&'a [u32]),
}

/// Below this many records one thread is faster than starting another.
const PARALLEL_FROM: usize = 40_000;

pub(crate) fn threads() -> usize {
    static N: OnceLock<usize> = OnceLock::new();
    *N.get_or_init(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(1, 4)
    })
}

pub(crate) fn scan(index: &SearchIndex, pattern: &Pattern, source: Source) -> ScanOut {
    let total = match source {
        Source::All => index.slots(),
        Source::Slots(s) => s.len(),
    };
    let mut out = scan_records(index, pattern, source, total);
    if pattern.phone {
        add_phone_hits(index, pattern, &mut out);
    }
    out
}

fn scan_records(index: &SearchIndex, pattern: &Pattern, source: Source, total: usize) -> ScanOut {
    let parts = if total >= PARALLEL_FROM { threads() } else { 1 };
    if parts == 1 {
        let mut out = ScanOut::new(pattern);
        match source {
            Source::All => scan_range(index, pattern, 0..total, &mut out),
            Source::Slots(s) => scan_slots(index, pattern, s, &mut out),
        }
        return out;
    }
    let chunk = total.div_ceil(parts);
    let outs: Vec<ScanOut> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..parts)
            .map(|i| {
                let range = (i * chunk).min(total)..((i + 1) * chunk).min(total);
                scope.spawn(move || {
                    let mut out = ScanOut::new(pattern);
                    match source {
                        Source::All => scan_range(index, pattern, range, &mut out),
                        Source::Slots(s) => scan_slots(index, pattern, &s[range], &mut out),
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    let mut out = ScanOut::new(pattern);
    for part in outs {
        out.hits.merge(part.hits);
        out.pending.extend(part.pending);
        out.candidates.extend(part.candidates);
    }
    out
}

/// Slots `range`: those of the base read in place, then those after it.
fn scan_range(index: &SearchIndex, p: &Pattern, range: std::ops::Range<usize>, out: &mut ScanOut) {
    let base = index.base_hot();
    let n = base.len();
    if range.start < n {
        let end = range.end.min(n);
        for (i, hot) in base[range.start..end].iter().enumerate() {
            visit(index, p, (range.start + i) as u32, hot, out);
        }
    }
    if range.end > n {
        let start = range.start.max(n);
        for (i, hot) in index.hot[start - n..range.end - n].iter().enumerate() {
            visit(index, p, (start + i) as u32, hot, out);
        }
    }
}

fn scan_slots(index: &SearchIndex, p: &Pattern, slots: &[u32], out: &mut ScanOut) {
    for &slot in slots {
        if let Some(hot) = index.hot_at(slot) {
            visit(index, p, slot, hot, out);
        }
    }
}

#[inline]
fn visit(index: &SearchIndex, p: &Pattern, slot: u32, hot: &Hot, out: &mut ScanOut) {
    if hot.mask & p.mask != p.mask
        || hot.wide & p.wide != p.wide
        || p.kind_code.is_some_and(|k| k != hot.kind)
        || !index.is_live(slot, hot)
    {
        return;
    }
    out.candidates.push(slot);
    match cheap_tier(index, p, hot) {
        Some((tier, score)) => out.hits.push(index, Scored { slot, tier, score }),
        None => out.pending.push(slot),
    }
}

/// The best cheap tier of a record, by byte comparison only.
fn cheap_tier(index: &SearchIndex, p: &Pattern, hot: &Hot) -> Option<(Tier, i64)> {
    let q = p.text.as_bytes();
    if hot.first & p.first != 0 {
        let name = first_field(index.key(hot.text));
        if name == q {
            return Some((Tier::ExactName, 0));
        }
        if name.starts_with(q) {
            // Shorter names first: 曹顺 before 曹顺仙 for 曹顺.
            return Some((Tier::NamePrefix, -((name.len() - q.len()) as i64)));
        }
        if let Some(m) = match_pinyin(index.key(hot.readings), q) {
            return Some((Tier::Pinyin, m.score()));
        }
    }
    None
}

/// Phone hits come from the index's digit groups, not from the scanned records: phone
/// digits are kept out of the masks (every record has them), and a phone query costs a
/// few hundred checks whatever the roster's size.
fn add_phone_hits(index: &SearchIndex, p: &Pattern, out: &mut ScanOut) {
    let q = p.text.as_bytes();
    let mut phone: Vec<Scored> = Vec::new();
    for slot in index.phone_slots(q) {
        let Some(hot) = index.hot_at(slot) else {
            continue;
        };
        if !index.is_live(slot, hot) || p.kind_code.is_some_and(|k| k != hot.kind) {
            continue;
        }
        let digits = index.phone_key(slot);
        if let Some(at) = digits.windows(q.len()).position(|w| w == q) {
            // The last digits of the number rank first (`3456` is how clerks and the
            // README name a member by phone), then the digits it starts with, then the rest
            // by how early they come.
            let score = if digits.ends_with(q) { 1 } else { -(at as i64) };
            phone.push(Scored {
                slot,
                tier: Tier::Phone,
                score,
            });
        }
    }
    if phone.is_empty() {
        return;
    }
    // A record found by name as well keeps its better tier, and is not scored twice.
    let better: HashSet<u32> = out.hits.slots().collect();
    phone.retain(|s| !better.contains(&s.slot));
    let found: HashSet<u32> = phone.iter().map(|s| s.slot).collect();
    out.pending.retain(|s| !found.contains(s));
    for s in phone {
        out.hits.push(index, s);
    }
}

pub(crate) fn first_field(key: &[u8]) -> &[u8] {
    key.split(|&b| b == FIELD_SEP).next().unwrap_or_default()
}
