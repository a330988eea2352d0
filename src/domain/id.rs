//! Stable record ids that stay unique when ledgers are merged.
//!
//! An id is 128 bits: 48 bits of Unix milliseconds at creation, then 80 bits drawn at random
//! and counted up for the next ids of the same millisecond (the ULID layout, monotonic). Two
//! ledgers kept apart for years and merged later (a county collecting its communities'
//! ledgers, a member moving city with their history) cannot collide in practice, and ids sort
//! by creation time, which keeps redb's B-trees append-friendly.
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A record id, shown to people as 26 characters of Crockford base32 (e.g. `01JD3M8Q5Z…`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Id(pub u128);

thread_local! {
    static FRESH: std::cell::RefCell<Fresh> = std::cell::RefCell::new(Fresh::seeded());
}

/// The random half of this thread's ids: the millisecond of the last id, its random bits, and
/// a SplitMix64 state for the next millisecond's.
struct Fresh {
    millis: u128,
    random: u128,
    state: u64,
}

impl Fresh {
    fn seeded() -> Fresh {
        let mut seed = [0u8; 8];
        // The OS random source failing is not something a clerk can act on; fall back to
        // mixing the clock, the process and the thread so that ids stay unique in a ledger.
        if getrandom::fill(&mut seed).is_err() {
            let nanos = chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0) as u64;
            let here = std::ptr::addr_of!(seed) as usize as u64;
            seed = (nanos ^ ((std::process::id() as u64) << 32) ^ here).to_le_bytes();
        }
        Fresh {
            millis: u128::MAX,
            random: 0,
            state: u64::from_le_bytes(seed),
        }
    }

    fn next(&mut self, millis: u128) -> u128 {
        const MASK: u128 = (1 << 80) - 1;
        if millis == self.millis && self.random < MASK {
            self.random += 1;
        } else {
            self.millis = millis;
            self.random = ((self.split_mix() as u128) << 64 | self.split_mix() as u128) & MASK;
        }
        self.random
    }

    fn split_mix(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

const NOT_A_DIGIT: u8 = u8::MAX;

/// Each byte's value as a digit of [`ALPHABET`]: either case, and the letters people misread
/// for digits (O for 0, I and L for 1). Every stored row holds a few ids parsed back from text.
const DIGIT: [u8; 256] = {
    let mut t = [NOT_A_DIGIT; 256];
    let mut i = 0;
    while i < 32 {
        let c = ALPHABET[i];
        t[c as usize] = i as u8;
        t[c.to_ascii_lowercase() as usize] = i as u8;
        i += 1;
    }
    t[b'O' as usize] = 0;
    t[b'o' as usize] = 0;
    t[b'I' as usize] = 1;
    t[b'i' as usize] = 1;
    t[b'L' as usize] = 1;
    t[b'l' as usize] = 1;
    t
};

impl Id {
    /// A fresh id from the clock and 80 random bits. The random bits come from a generator
    /// seeded once per thread from the operating system, not from a system call per id: an
    /// import makes two ids a row (the record and its audit entry) and one `getrandom` each
    /// was a tenth of its planning. Ids made in one millisecond by one thread count up from
    /// the first (as ULIDs do), so they sort in the order they were made and land at the right
    /// edge of the B-trees; another process or thread starts from its own random point.
    pub fn new() -> Id {
        let ms = chrono::Utc::now().timestamp_millis().max(0) as u128;
        let random = FRESH.with(|f| f.borrow_mut().next(ms));
        Id::from_parts(ms, random)
    }

    /// An id from its two halves; used by the deterministic demo generator.
    pub fn from_parts(millis: u128, random: u128) -> Id {
        Id(((millis & ((1 << 48) - 1)) << 80) | (random & ((1 << 80) - 1)))
    }

    /// Milliseconds since the Unix epoch when the id was made.
    pub fn millis(self) -> u64 {
        (self.0 >> 80) as u64
    }

    pub fn to_be_bytes(self) -> [u8; 16] {
        self.0.to_be_bytes()
    }

    pub fn from_be_bytes(bytes: [u8; 16]) -> Id {
        Id(u128::from_be_bytes(bytes))
    }

    /// The last 6 characters: enough for a person to tell records apart on screen.
    pub fn short(self) -> String {
        let s = self.to_string();
        s[s.len() - 6..].to_string()
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = [0u8; 26];
        let mut v = self.0;
        for slot in out.iter_mut().rev() {
            *slot = ALPHABET[(v & 31) as usize];
            v >>= 5;
        }
        // ALPHABET is ASCII, so this cannot fail.
        f.write_str(std::str::from_utf8(&out).unwrap_or("?"))
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({self})")
    }
}

/// Why a text is not an id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a record id: {0:?} (expected 26 characters of 0-9 and A-Z without I, L, O, U)")]
pub struct BadId(pub String);

impl FromStr for Id {
    type Err = BadId;
    fn from_str(s: &str) -> Result<Id, BadId> {
        let t = s.trim();
        if t.len() != 26 {
            return Err(BadId(s.to_string()));
        }
        let mut v: u128 = 0;
        for (i, c) in t.bytes().enumerate() {
            let d = DIGIT[c as usize];
            // The first character carries only 3 bits (26 * 5 = 130 > 128).
            if d == NOT_A_DIGIT || (i == 0 && d > 7) {
                return Err(BadId(s.to_string()));
            }
            v = (v << 5) | d as u128;
        }
        Ok(Id(v))
    }
}

impl Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Id, D::Error> {
        // Parsed from the text in place: every stored row holds a few ids, and a String for
        // each was a measurable part of reading rows back.
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an id")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Id, E> {
                s.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(Text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trip_and_order() {
        let a = Id::from_parts(1_700_000_000_000, 42);
        let b = Id::from_parts(1_700_000_000_001, 1);
        assert!(a < b);
        assert_eq!(a.to_string().parse::<Id>(), Ok(a));
        assert_eq!(a.to_string().len(), 26);
        assert_eq!(a.millis(), 1_700_000_000_000);
    }

    #[test]
    fn ids_made_together_count_up() {
        let ids: Vec<Id> = (0..10_000).map(|_| Id::new()).collect();
        assert!(
            ids.windows(2).all(|w| w[0] < w[1]),
            "made in order, sorted in order"
        );
        let other = std::thread::spawn(Id::new).join().unwrap();
        assert!(!ids.contains(&other));
    }

    #[test]
    fn parses_either_case_and_misread_letters() {
        let id = Id::from_parts(1_700_000_000_000, 0x1234_5678_9abc);
        let text = id.to_string();
        assert_eq!(text.to_lowercase().parse::<Id>(), Ok(id));
        let misread = text.replace('0', "O").replace('1', "l");
        assert_eq!(misread.parse::<Id>(), Ok(id));
        assert!("U".repeat(26).parse::<Id>().is_err());
        assert!(format!("8{}", &text[1..]).parse::<Id>().is_err());
    }

    #[test]
    fn fresh_ids_differ() {
        let ids: std::collections::HashSet<Id> = (0..1000).map(|_| Id::new()).collect();
        assert_eq!(ids.len(), 1000);
    }

    #[test]
    fn rejects_garbage() {
        assert!("hello".parse::<Id>().is_err());
        assert!("ZZZZZZZZZZZZZZZZZZZZZZZZZZ".parse::<Id>().is_err());
    }
}
