//! Whether any text of a record holds a character the ledger refuses, found by a serializer
//! that looks at strings only. [`Record::refused_text`](super::record::Record::refused_text)
//! asks this first: most records hold no such text, and building a JSON tree of every saved
//! record to find out was several per cent of a 100,000-row import.
use std::fmt;

use serde::Serialize;
use serde::ser;

use super::safe_text::{self, Lines};

/// Whether some string in `value` (as `serde_json` would write it: field values, not map
/// keys) is refused on a multi-line field. An error of the value's own serialization answers
/// yes too, so that the caller's full walk decides.
pub fn any_refused<T: Serialize + ?Sized>(value: &T) -> bool {
    value.serialize(Scan).is_err()
}

/// A refused string, or any other reason to look closer.
#[derive(Debug)]
pub struct Found;

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("refused text")
    }
}

impl std::error::Error for Found {}

impl ser::Error for Found {
    fn custom<T: fmt::Display>(_: T) -> Found {
        Found
    }
}

struct Scan;

fn text(s: &str) -> Result<(), Found> {
    safe_text::check(s, Lines::Many).map_err(|_| Found)
}

macro_rules! nothing {
    ($($f:ident($t:ty)),* $(,)?) => {
        $(fn $f(self, _: $t) -> Result<(), Found> { Ok(()) })*
    };
}

impl ser::Serializer for Scan {
    type Ok = ();
    type Error = Found;
    type SerializeSeq = Scan;
    type SerializeTuple = Scan;
    type SerializeTupleStruct = Scan;
    type SerializeTupleVariant = Scan;
    type SerializeMap = Scan;
    type SerializeStruct = Scan;
    type SerializeStructVariant = Scan;

    nothing!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_bytes(&[u8]),
    );

    fn serialize_char(self, c: char) -> Result<(), Found> {
        text(c.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, s: &str) -> Result<(), Found> {
        text(s)
    }
    fn serialize_none(self) -> Result<(), Found> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Found> {
        v.serialize(Scan)
    }
    fn serialize_unit(self) -> Result<(), Found> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Found> {
        Ok(())
    }
    // Variant names are identifiers of this program.
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Found> {
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Found> {
        v.serialize(Scan)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        v: &T,
    ) -> Result<(), Found> {
        v.serialize(Scan)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Scan, Found> {
        Ok(Scan)
    }
    fn serialize_tuple(self, _: usize) -> Result<Scan, Found> {
        Ok(Scan)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Scan, Found> {
        Ok(Scan)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Scan, Found> {
        Ok(Scan)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Scan, Found> {
        Ok(Scan)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Scan, Found> {
        Ok(Scan)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Scan, Found> {
        Ok(Scan)
    }
}

macro_rules! elements {
    ($($tr:ident :: $f:ident),* $(,)?) => {
        $(impl ser::$tr for Scan {
            type Ok = ();
            type Error = Found;
            fn $f<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Found> {
                v.serialize(Scan)
            }
            fn end(self) -> Result<(), Found> {
                Ok(())
            }
        })*
    };
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
);

impl ser::SerializeMap for Scan {
    type Ok = ();
    type Error = Found;
    // serde_json's tree holds keys as object keys, which its walk does not look at.
    fn serialize_key<T: Serialize + ?Sized>(&mut self, _: &T) -> Result<(), Found> {
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Found> {
        v.serialize(Scan)
    }
    fn end(self) -> Result<(), Found> {
        Ok(())
    }
}

impl ser::SerializeStruct for Scan {
    type Ok = ();
    type Error = Found;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Found> {
        v.serialize(Scan)
    }
    fn end(self) -> Result<(), Found> {
        Ok(())
    }
}

impl ser::SerializeStructVariant for Scan {
    type Ok = ();
    type Error = Found;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Found> {
        v.serialize(Scan)
    }
    fn end(self) -> Result<(), Found> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Id, Member, Record};

    #[test]
    fn finds_what_the_full_walk_finds() {
        let mut m = Member {
            id: Id(7),
            name: "王芳".into(),
            specialties: "书法\n摄影".into(),
            ..Default::default()
        };
        let clean: Record = m.clone().into();
        assert!(!any_refused(&clean));
        assert!(clean.refused_text().is_none());
        m.specialties = "书法\u{202E}摄影".into();
        let bad: Record = m.into();
        assert!(any_refused(&bad));
        assert!(bad.refused_text().is_some());
    }
}
