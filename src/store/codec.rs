//! Row bytes: one format byte, then postcard. Decoding returns `Result`: a corrupt or
//! foreign row is an error naming the table and key, never a panic.
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::StoreError;

/// The only row format so far. A new one would be written by a migration.
const FORMAT: u8 = 1;

pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = vec![FORMAT];
    // postcard only fails on writer errors, and a Vec cannot fail.
    out.extend(postcard::to_allocvec(value).unwrap_or_default());
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
