//! Stable record ids that stay unique when ledgers are merged.
//!
//! An id is 128 bits: 48 bits of Unix milliseconds at creation, then 80 random bits (the ULID
//! layout). Two ledgers kept apart for years and merged later (a county collecting its
//! communities' ledgers, a member moving city with their history) cannot collide in practice,
//! and ids sort roughly by creation time, which keeps redb's B-trees append-friendly.
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A record id, shown to people as 26 characters of Crockford base32 (e.g. `01JD3M8Q5Z…`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Id(pub u128);

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

impl Id {
    /// A fresh id from the clock and the operating system's random source.
    pub fn new() -> Id {
        let ms = chrono::Utc::now().timestamp_millis().max(0) as u128;
        let mut bytes = [0u8; 10];
        // The OS random source failing is not something a clerk can act on; fall back to
        // mixing the clock and the process id so that ids are still unique in this ledger.
        if getrandom::fill(&mut bytes).is_err() {
            let nanos = chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0) as u128;
            let mixed = nanos ^ ((std::process::id() as u128) << 64);
            bytes.copy_from_slice(&mixed.to_le_bytes()[..10]);
        }
        let mut random = 0u128;
        for b in bytes {
            random = (random << 8) | b as u128;
        }
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
            let c = c.to_ascii_uppercase();
            let c = match c {
                b'O' => b'0',
                b'I' | b'L' => b'1',
                other => other,
            };
            let d = ALPHABET
                .iter()
                .position(|&a| a == c)
                .ok_or_else(|| BadId(s.to_string()))? as u128;
            // The first character carries only 3 bits (26 * 5 = 130 > 128).
            if i == 0 && d > 7 {
                return Err(BadId(s.to_string()));
            }
            v = (v << 5) | d;
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
