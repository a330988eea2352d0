//! The tiered ranking: cheap tiers from the scan, then — only when they leave room under
//! the limit — fuzzy-matcher's SkimMatcherV2 over the remaining records' fields; then one
//! order: tier, the clerk's own community first, score, name, id.
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::index::SearchIndex;
use super::pinyin_keys::{FIELD_SEP, PHONE_FIELD};
use super::scan::{Pattern, ScanOut, Scored, first_field, threads};
use super::{Hit, Tier};

/// Below this many records to score, one thread is faster than starting another.
const PARALLEL_FROM: usize = 8_000;

/// The ranked hits, and the records a longer query could still match (for the session).
pub(crate) fn rank(index: &SearchIndex, pattern: &Pattern, out: ScanOut) -> (Vec<Hit>, Vec<u32>) {
    let ScanOut {
        mut hits,
        pending,
        mut candidates,
    } = out;
    // Fuzzy is the lowest tier: when the cheap tiers already fill the limit, no fuzzy hit
    // can make it into the answer, and the scorer (the expensive part) is skipped. When
    // they do not, nothing was dropped from `hits` yet, so it lists every cheap hit.
    if hits.count < pattern.limit && !pending.is_empty() {
        let (fuzzy, survivors) = fuzzy_all(index, pattern, &pending);
        candidates = hits.slots().chain(survivors).collect();
        for s in fuzzy {
            hits.push(index, s);
        }
    }
    (order(index, hits), candidates)
}

/// The best hits so far, in a buffer that never holds much more than `limit` of them:
/// a one-letter query matches a quarter of a million records by pinyin, and only the
/// first screenful is wanted.
#[derive(Debug)]
pub(crate) struct TopK {
    limit: usize,
    own: Option<u32>,
    items: Vec<(u128, Scored)>,
    /// Keys above this cannot make the answer any more.
    cut: Option<u128>,
    compact_at: usize,
    /// How many hits were offered, kept or not.
    pub count: usize,
}

impl TopK {
    pub(crate) fn new(limit: usize, own: Option<u32>) -> TopK {
        TopK {
            limit,
            own,
            items: Vec::new(),
            cut: None,
            compact_at: limit.saturating_mul(2).max(256),
            count: 0,
        }
    }

    pub(crate) fn push(&mut self, index: &SearchIndex, s: Scored) {
        self.count += 1;
        let key = sort_key(index, &s, self.own);
        self.keep(key, s);
    }

    fn keep(&mut self, key: u128, s: Scored) {
        if self.cut.is_some_and(|c| key > c) {
            return;
        }
        self.items.push((key, s));
        if self.items.len() >= self.compact_at {
            self.compact();
        }
    }

    /// Keeps the best `limit` and everything tied with the last of them, so that names
    /// and ids decide those ties exactly in [`order`].
    fn compact(&mut self) {
        if self.limit == 0 || self.items.len() <= self.limit {
            return;
        }
        self.items
            .select_nth_unstable_by_key(self.limit - 1, |k| k.0);
        let cut = self.items[self.limit - 1].0;
        self.items.retain(|k| k.0 <= cut);
        self.cut = Some(cut);
        // A large tie group must not make every push compact again.
        self.compact_at = self.compact_at.max(self.items.len().saturating_mul(2));
    }

    pub(crate) fn merge(&mut self, other: TopK) {
        self.count += other.count;
        for (key, s) in other.items {
            self.keep(key, s);
        }
    }

    pub(crate) fn slots(&self) -> impl Iterator<Item = u32> + '_ {
        self.items.iter().map(|k| k.1.slot)
    }
}

/// Scores `pending` with the fuzzy matcher; returns the hits and every record whose
/// fields hold the query as a subsequence.
fn fuzzy_all(index: &SearchIndex, p: &Pattern, pending: &[u32]) -> (Vec<Scored>, Vec<u32>) {
    let parts = if pending.len() >= PARALLEL_FROM {
        threads()
    } else {
        1
    };
    if parts == 1 {
        return fuzzy_part(index, p, pending);
    }
    let chunk = pending.len().div_ceil(parts);
    std::thread::scope(|scope| {
        let handles: Vec<_> = pending
            .chunks(chunk)
            .map(|part| scope.spawn(move || fuzzy_part(index, p, part)))
            .collect();
        let mut hits = Vec::new();
        let mut survivors = Vec::new();
        for h in handles {
            if let Ok((part_hits, part_survivors)) = h.join() {
                hits.extend(part_hits);
                survivors.extend(part_survivors);
            }
        }
        (hits, survivors)
    })
}

fn fuzzy_part(index: &SearchIndex, p: &Pattern, slots: &[u32]) -> (Vec<Scored>, Vec<u32>) {
    // Query and keys are both normalized to lowercase: respecting case is the same answer
    // without lowercasing every character again.
    let matcher = SkimMatcherV2::default().respect_case();
    let q = p.text.as_bytes();
    let mut hits = Vec::new();
    let mut survivors = Vec::new();
    for &slot in slots {
        let Some(hot) = index.hot_at(slot) else {
            continue;
        };
        let key = if p.ascii {
            index.key(hot.ascii)
        } else {
            index.key(hot.text)
        };
        let mut best: Option<i64> = None;
        let mut survived = false;
        for (i, field) in key.split(|&b| b == FIELD_SEP).enumerate() {
            // Phones have their own tier, by consecutive digits only.
            if (p.ascii && i == PHONE_FIELD) || !subsequence(field, q) {
                continue;
            }
            survived = true;
            let Ok(field) = std::str::from_utf8(field) else {
                continue;
            };
            if let Some(s) = matcher.fuzzy_match(field, &p.text) {
                let s = s * field_weight(p.ascii, i);
                best = Some(best.map_or(s, |b| b.max(s)));
            }
        }
        if survived {
            survivors.push(slot);
        }
        if let Some(score) = best {
            hits.push(Scored {
                slot,
                tier: Tier::Fuzzy,
                score,
            });
        }
    }
    (hits, survivors)
}

/// Name-like fields count most, then the community and unit, then extras.
fn field_weight(ascii: bool, field: usize) -> i64 {
    match (ascii, field) {
        // ascii keys: pinyin, initials, (phone, not scored), Latin words of other fields.
        (true, 0 | 1) => 4,
        // text keys: name, community, unit, extras.
        (false, 0) => 4,
        (false, 1 | 2) => 2,
        _ => 1,
    }
}

/// Whether `needle` occurs in `hay` in order (bytes; for UTF-8 this is a necessary
/// condition of the characters occurring in order, and the scorer decides).
pub(crate) fn subsequence(hay: &[u8], needle: &[u8]) -> bool {
    let mut want = needle.iter();
    let mut next = want.next();
    for &b in hay {
        match next {
            None => return true,
            Some(&n) if n == b => next = want.next(),
            Some(_) => {}
        }
    }
    next.is_none()
}

/// A sort key that decides almost every comparison without reading a name:
/// tier, not-own-community, inverted score, then the first 6 bytes of the name.
fn sort_key(index: &SearchIndex, s: &Scored, own: Option<u32>) -> u128 {
    let Some(hot) = index.hot_at(s.slot) else {
        return u128::MAX;
    };
    let not_own = u128::from(own != Some(hot.community) || hot.community == 0);
    let inverted = !((s.score as u64) ^ (1 << 63));
    let name = first_field(index.key(hot.text));
    let mut prefix = [0u8; 8];
    let n = name.len().min(6);
    prefix[2..2 + n].copy_from_slice(&name[..n]);
    ((s.tier as u128) << 120)
        | (not_own << 112)
        | ((inverted as u128) << 48)
        | u128::from(u64::from_be_bytes(prefix))
}

fn order(index: &SearchIndex, mut hits: TopK) -> Vec<Hit> {
    hits.compact();
    let mut keyed = hits.items;
    let name = |s: &Scored| {
        index
            .hot_at(s.slot)
            .map(|h| first_field(index.key(h.text)))
            .unwrap_or_default()
    };
    keyed.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| name(&a.1).cmp(name(&b.1)))
            .then_with(|| {
                let ia = index.id_at(a.1.slot);
                let ib = index.id_at(b.1.slot);
                ia.cmp(&ib)
            })
    });
    keyed
        .into_iter()
        .filter_map(|(_, s)| {
            let hot = index.hot_at(s.slot)?;
            Some(Hit {
                kind: hot.kind()?,
                id: index.id_at(s.slot)?,
                score: s.score,
                tier: s.tier,
            })
        })
        .take(hits.limit)
        .collect()
}
