//! Row bytes: one format byte, then postcard. Decoding returns `Result`: a corrupt or
//! foreign row is an error naming the table and key, never a panic.
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::StoreError;

/// The only row format so far. A new one would be written by a migration.
const FORMAT: u8 = 1;

pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    // Serialized straight after the format byte: one buffer, not a second one copied in.
    // Most rows (a member, a registration, an audit entry) fit the first allocation.
    let mut out = Vec::with_capacity(256);
    out.push(FORMAT);
    // postcard only fails on writer errors, and a Vec cannot fail.
    postcard::to_extend(value, out).unwrap_or_else(|_| vec![FORMAT])
}

/// What [`encode`] writes for `value` after the format byte: the later fields of a row whose
/// first field is known only later ([`join`]). postcard writes a struct's fields, and a
/// tuple's items, one after another with nothing between.
pub fn encode_tail<T: Serialize>(value: &T) -> Vec<u8> {
    postcard::to_extend(value, Vec::with_capacity(256)).unwrap_or_default()
}

/// The row [`encode`] writes for a struct whose first field is `head` and whose other fields,
/// in order, [`encode_tail`] wrote into `tail`.
pub fn join<T: Serialize>(head: &T, tail: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + tail.len());
    out.push(FORMAT);
    let mut out = postcard::to_extend(head, out).unwrap_or_else(|_| vec![FORMAT]);
    out.extend_from_slice(tail);
    out
}

/// `key` is only formatted when the row is corrupt: reads run per row in bulk paths.
pub fn decode<T: DeserializeOwned>(
    bytes: &[u8],
    table: &str,
    key: &(impl std::fmt::Display + ?Sized),
) -> Result<T, StoreError> {
    let corrupt = |why: String| StoreError::Corrupt {
        table: table.to_string(),
        key: key.to_string(),
        why,
    };
    match bytes.split_first() {
        Some((&FORMAT, rest)) => postcard::from_bytes(rest).map_err(|e| corrupt(e.to_string())),
        Some((other, _)) => Err(corrupt(format!("unknown row format {other}"))),
        None => Err(corrupt("empty row".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Id, Member};

    #[test]
    fn a_row_joined_from_its_parts_is_the_row() {
        use crate::domain::AuditEntry;
        for (before, after) in [(None, Some("{\"a\":1}")), (Some("x".repeat(300)), None)] {
            let e = AuditEntry {
                id: Id(u128::MAX - 5),
                clerk: "王芳".into(),
                at: "2026-11-22T10:00:00+08:00".into(),
                kind: "member".into(),
                record: Id(42),
                action: "import".into(),
                before: before.clone(),
                after: after.map(str::to_string),
                note: "roster.csv:7".into(),
                account: "clerk".into(),
            };
            let tail = encode_tail(&(
                &e.clerk, &e.at, &e.kind, e.record, &e.action, &e.before, &e.after, &e.note,
                &e.account,
            ));
            assert_eq!(join(&e.id, &tail), encode(&e));
        }
    }

    #[test]
    fn corrupt_rows_are_errors() {
        let m = Member {
            id: Id(7),
            name: "曾红".into(),
            ..Default::default()
        };
        let bytes = encode(&m);
        assert_eq!(decode::<Member>(&bytes, "t", "k").ok(), Some(m));
        assert!(decode::<Member>(&[], "t", "k").is_err());
        assert!(decode::<Member>(&[9, 1, 2], "t", "k").is_err());
        let mut cut = bytes.clone();
        cut.truncate(bytes.len() / 2);
        assert!(decode::<Member>(&cut, "t", "k").is_err());
        for i in 1..bytes.len() {
            let mut flipped = bytes.clone();
            flipped[i] ^= 0xFF;
            let _ = decode::<Member>(&flipped, "t", "k"); // must not panic
        }
    }
}
