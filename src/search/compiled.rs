//! A record's compiled form — the [`Doc`] plus its precomputed keys — and its byte layout,
//! which the store persists so that a province-sized ledger starts without recomputing
//! pinyin for every name.
//!
//! Layout (little-endian), version 1:
//! `"BDSD"`, format version `u8`, keys version `u8`, kind `u8`, id `[u8; 16]` (big-endian),
//! community flag `u8` and id `[u8; 16]` when set, then `u32` length + UTF-8 bytes for name,
//! community name, unit name, phone, a `u32` count of extra fields and each of them, the
//! key masks `mask`, `wide` and the first-byte set `first` (`u64` each), the readings, ascii and text keys (length +
//! bytes), and last a `u64` checksum of everything before it.
//!
//! Bytes written under another keys version (a changed surname table, say) still load:
//! their keys are recomputed from the doc. Corrupt or truncated bytes are an error.
use super::pinyin_keys::{Keys, compile_keys};
use super::{Doc, Kind};
use crate::domain::Id;

const MAGIC: &[u8; 4] = b"BDSD";
const FORMAT_VERSION: u8 = 1;
/// Bump when the keys a doc compiles to change (normalization, surname table, layout).
pub(crate) const KEYS_VERSION: u8 = 1;

/// A doc with its search keys, ready for [`super::SearchIndex::insert_compiled`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledDoc {
    pub doc: Doc,
    pub(crate) keys: Keys,
}

/// Why stored bytes are not a compiled doc.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("compiled search record is truncated at byte {0}")]
    Truncated(usize),
    #[error("not a compiled search record (bad header)")]
    BadMagic,
    #[error(
        "compiled search record has format version {0}, this program reads {FORMAT_VERSION}; rebuild the search index"
    )]
    Version(u8),
    #[error("compiled search record is corrupt (checksum mismatch); rebuild the search index")]
    Checksum,
    #[error("compiled search record has unknown record kind {0}")]
    Kind(u8),
    #[error("compiled search record has a flag byte {0} that is neither 0 nor 1")]
    Flag(u8),
    #[error("compiled search record holds text that is not UTF-8 at byte {0}")]
    Utf8(usize),
    #[error("compiled search record has {0} unread bytes at its end")]
    Trailing(usize),
}

impl CompiledDoc {
    /// Computes the keys of a doc (the pinyin lookups happen here).
    pub fn compile(doc: Doc) -> CompiledDoc {
        let keys = compile_keys(&doc);
        CompiledDoc { doc, keys }
    }

    /// The name in pinyin, one reading per character (surname readings for people).
    pub fn pinyin(&self) -> &str {
        self.ascii_field(0)
    }

    /// The first letters of [`CompiledDoc::pinyin`].
    pub fn initials(&self) -> &str {
        self.ascii_field(1)
    }

    fn ascii_field(&self, n: usize) -> &str {
        self.keys
            .ascii
            .split(super::pinyin_keys::FIELD_SEP as char)
            .nth(n)
            .unwrap_or_default()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let d = &self.doc;
        let k = &self.keys;
        let strings = d.name.len()
            + d.community_name.len()
            + d.unit_name.len()
            + d.phone.len()
            + d.extra.iter().map(|e| e.len() + 4).sum::<usize>()
            + k.readings.len()
            + k.ascii.len()
            + k.text.len();
        let mut out = Vec::with_capacity(64 + strings + 32);
        out.extend_from_slice(MAGIC);
        out.push(FORMAT_VERSION);
        out.push(KEYS_VERSION);
        out.push(d.kind.code());
        out.extend_from_slice(&d.id.to_be_bytes());
        match d.community {
            Some(c) => {
                out.push(1);
                out.extend_from_slice(&c.to_be_bytes());
            }
            None => out.push(0),
        }
        for s in [&d.name, &d.community_name, &d.unit_name, &d.phone] {
            put_str(&mut out, s);
        }
        put_len(&mut out, d.extra.len());
        for e in &d.extra {
            put_str(&mut out, e);
        }
        out.extend_from_slice(&k.mask.to_le_bytes());
        out.extend_from_slice(&k.wide.to_le_bytes());
        out.extend_from_slice(&k.first.to_le_bytes());
        for s in [&k.readings, &k.ascii, &k.text] {
            put_str(&mut out, s);
        }
        let sum = checksum(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Reads bytes written by [`CompiledDoc::to_bytes`]; never panics on bad input.
    pub fn from_bytes(bytes: &[u8]) -> Result<CompiledDoc, DecodeError> {
        if bytes.len() < MAGIC.len() + 8 {
            return Err(DecodeError::Truncated(bytes.len()));
        }
        if &bytes[..4] != MAGIC {
            return Err(DecodeError::BadMagic);
        }
        if bytes[4] != FORMAT_VERSION {
            return Err(DecodeError::Version(bytes[4]));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        let mut sum_bytes = [0u8; 8];
        sum_bytes.copy_from_slice(sum);
        if checksum(body) != u64::from_le_bytes(sum_bytes) {
            return Err(DecodeError::Checksum);
        }
        let mut r = Reader {
            bytes: body,
            pos: 5,
        };
        let keys_version = r.u8()?;
        let kind_code = r.u8()?;
        let kind = Kind::from_code(kind_code).ok_or(DecodeError::Kind(kind_code))?;
        let id = Id::from_be_bytes(r.array()?);
        let community = match r.u8()? {
            0 => None,
            1 => Some(Id::from_be_bytes(r.array()?)),
            other => return Err(DecodeError::Flag(other)),
        };
        let name = r.string()?;
        let community_name = r.string()?;
        let unit_name = r.string()?;
        let phone = r.string()?;
        let count = r.len()?;
        // Each extra field takes at least its 4-byte length: a huge count in a short record
        // is corruption, not a reason to allocate.
        if count > (body.len() - r.pos) / 4 {
            return Err(DecodeError::Truncated(body.len()));
        }
        let mut extra = Vec::with_capacity(count);
        for _ in 0..count {
            extra.push(r.string()?);
        }
        let mask = u64::from_le_bytes(r.array()?);
        let wide = u64::from_le_bytes(r.array()?);
        let first = u64::from_le_bytes(r.array()?);
        let readings = r.string()?;
        let ascii = r.string()?;
        let text = r.string()?;
        if r.pos != body.len() {
            return Err(DecodeError::Trailing(body.len() - r.pos));
        }
        let doc = Doc {
            kind,
            id,
            name,
            community,
            community_name,
            unit_name,
            phone,
            extra,
        };
        if keys_version != KEYS_VERSION {
            return Ok(CompiledDoc::compile(doc));
        }
        let keys = Keys {
            readings,
            ascii,
            text,
            mask,
            wide,
            first,
        };
        Ok(CompiledDoc { doc, keys })
    }
}

fn put_len(out: &mut Vec<u8>, len: usize) {
    // Fields are cut far below 4 GiB by the ledger's own limits; saturate rather than wrap.
    out.extend_from_slice(&u32::try_from(len).unwrap_or(u32::MAX).to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    let len = s.len().min(u32::MAX as usize);
    put_len(out, len);
    out.extend_from_slice(&s.as_bytes()[..len]);
}

/// A fast 64-bit checksum over whole words: catches flipped and truncated bytes without
/// costing noticeable time when a million records load.
fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = 0x5BD1_E995_u64 ^ bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let mut b = [0u8; 8];
        b.copy_from_slice(w);
        h = (h ^ u64::from_le_bytes(b)).wrapping_mul(K).rotate_left(29);
    }
    let mut tail = [0u8; 8];
    tail[..words.remainder().len()].copy_from_slice(words.remainder());
    h = (h ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    h ^ (h >> 32)
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], DecodeError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(DecodeError::Truncated(self.pos))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn u8(&mut self) -> Result<u8, DecodeError> {
        Ok(self.take(1)?[0])
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    fn len(&mut self) -> Result<usize, DecodeError> {
        Ok(u32::from_le_bytes(self.array()?) as usize)
    }

    fn string(&mut self) -> Result<String, DecodeError> {
        let len = self.len()?;
        let at = self.pos;
        let bytes = self.take(len)?;
        std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|_| DecodeError::Utf8(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Doc {
        Doc {
            kind: Kind::Member,
            id: Id(0x0123_4567_89AB_CDEF_0011_2233_4455_6677),
            name: "曾顺仙".into(),
            community: Some(Id(42)),
            community_name: "紫鑫城社区".into(),
            unit_name: "曲靖市教育局".into(),
            phone: "13812345678".into(),
            extra: vec!["计算机".into(), "书法".into()],
        }
    }

    #[test]
    fn round_trip() {
        let c = CompiledDoc::compile(doc());
        assert_eq!((c.pinyin(), c.initials()), ("zengshunxian", "zsx"));
        let back = CompiledDoc::from_bytes(&c.to_bytes());
        assert_eq!(back, Ok(c.clone()));
        let mut plain = doc();
        plain.community = None;
        plain.extra.clear();
        let c = CompiledDoc::compile(plain);
        assert_eq!(CompiledDoc::from_bytes(&c.to_bytes()), Ok(c));
    }

    #[test]
    fn corrupt_bytes_are_errors() {
        let bytes = CompiledDoc::compile(doc()).to_bytes();
        for cut in 0..bytes.len() {
            assert!(CompiledDoc::from_bytes(&bytes[..cut]).is_err(), "cut {cut}");
        }
        for i in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 0x41;
            assert!(CompiledDoc::from_bytes(&bad).is_err(), "flip {i}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(CompiledDoc::from_bytes(&longer).is_err());
        assert_eq!(
            CompiledDoc::from_bytes(b"nothing like it"),
            Err(DecodeError::BadMagic)
        );
    }

    #[test]
    fn well_checksummed_garbage_is_an_error_not_a_panic() {
        // A record whose checksum is right but whose content lies (a huge extra count, a
        // bad kind): the decoder must still refuse it without panicking or allocating.
        let mut body = Vec::new();
        body.extend_from_slice(MAGIC);
        body.extend_from_slice(&[FORMAT_VERSION, KEYS_VERSION, 0]);
        body.extend_from_slice(&[0; 16]);
        body.push(0);
        for _ in 0..4 {
            body.extend_from_slice(&0u32.to_le_bytes());
        }
        body.extend_from_slice(&u32::MAX.to_le_bytes());
        let sum = checksum(&body);
        body.extend_from_slice(&sum.to_le_bytes());
        assert!(CompiledDoc::from_bytes(&body).is_err());
    }

    #[test]
    fn old_keys_are_recomputed() {
        let c = CompiledDoc::compile(doc());
        let mut bytes = c.to_bytes();
        bytes[5] = KEYS_VERSION.wrapping_add(1);
        let body_len = bytes.len() - 8;
        let sum = checksum(&bytes[..body_len]);
        bytes[body_len..].copy_from_slice(&sum.to_le_bytes());
        assert_eq!(CompiledDoc::from_bytes(&bytes), Ok(c));
    }
}
