//! The search engine over every roster (members, communities, units, posts, households,
//! demands): the way Chinese clerks type — characters, full pinyin, initials, a mix of them,
//! or a few digits of a phone.
//!
//! The ledger hands the engine one [`Doc`] per record and keeps it current with
//! [`SearchIndex::upsert`] and [`SearchIndex::remove`]; the engine answers with ranked record
//! ids ([`Hit`]) and never touches storage. To keep startup fast on a province-sized ledger
//! the store persists each record's [`CompiledDoc`] (the doc plus its precomputed pinyin
//! keys) and loads it back with [`SearchIndex::insert_compiled`].
//!
//! Parts:
//! - `normalize`: one normal form for query and record text (case, full-width, spaces, ü).
//! - `surnames`: how a person's leading characters are read as a surname (曾 zeng, 单 shan …).
//! - `pinyin_keys`: the per-record keys (every reading of every character) and the pinyin
//!   matcher for full pinyin, initials and any mix of them.
//! - `compiled`: [`CompiledDoc`] and its byte form.
//! - `index`: [`SearchIndex`], the records and their keys in contiguous buffers.
//! - `scan`, `rank`: one query over the records, then the tiered ranking.
//! - `session`: [`Session`], which remembers the previous keystroke's candidates so that
//!   typing one more letter only re-checks what already matched.
mod base;
mod compiled;
mod index;
mod normalize;
mod pinyin_keys;
mod rank;
pub(crate) mod scan;
mod session;
mod snapshot;
mod surnames;

pub use base::{AlignedBytes, SnapshotBytes};
pub use compiled::{CompiledDoc, DecodeError};
pub use index::SearchIndex;
pub use normalize::normalize;
pub use session::Session;
pub use snapshot::{
    SnapshotError, TRAILER as SNAPSHOT_TRAILER, snapshot_checksum, snapshot_is_current,
};

use crate::domain::Id;

/// Which roster a record belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// 在职党员
    Member,
    /// 社区
    Community,
    /// 单位
    Unit,
    /// 岗位
    Post,
    /// 结对帮扶户
    Household,
    /// 三单制 居民点单 / 微心愿
    Demand,
}

impl Kind {
    /// Every roster, in the order results are grouped in.
    pub const ALL: [Kind; 6] = [
        Kind::Member,
        Kind::Community,
        Kind::Unit,
        Kind::Post,
        Kind::Household,
        Kind::Demand,
    ];

    /// The roster a record of this kind is found in; `None` for the kinds that are not
    /// searched (service rows, registrations …). The store indexes exactly these.
    pub fn of(kind: crate::domain::Kind) -> Option<Kind> {
        use crate::domain::Kind as R;
        Some(match kind {
            R::Member => Kind::Member,
            R::Community => Kind::Community,
            R::Unit => Kind::Unit,
            R::Post => Kind::Post,
            R::Household => Kind::Household,
            R::Demand => Kind::Demand,
            _ => return None,
        })
    }

    pub(crate) fn code(self) -> u8 {
        match self {
            Kind::Member => 0,
            Kind::Community => 1,
            Kind::Unit => 2,
            Kind::Post => 3,
            Kind::Household => 4,
            Kind::Demand => 5,
        }
    }

    pub(crate) fn from_code(code: u8) -> Option<Kind> {
        Some(match code {
            0 => Kind::Member,
            1 => Kind::Community,
            2 => Kind::Unit,
            3 => Kind::Post,
            4 => Kind::Household,
            5 => Kind::Demand,
            _ => return None,
        })
    }

    /// Whether the record's name is a person's name, read with the surname table.
    pub(crate) fn is_person(self) -> bool {
        matches!(self, Kind::Member | Kind::Household)
    }
}

/// What the ledger hands the engine for one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub kind: Kind,
    pub id: Id,
    /// 姓名 / 社区名称 / 单位名称 / 岗位名称 …
    pub name: String,
    /// The record's community, so that a clerk sees their own community's records first.
    pub community: Option<Id>,
    pub community_name: String,
    pub unit_name: String,
    /// Digits only; may be empty.
    pub phone: String,
    /// Specialties, street, county …: matched fuzzily, with a lower weight.
    pub extra: Vec<String>,
}

/// One search, as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Query<'a> {
    /// What the clerk typed. Empty (or only spaces) finds nothing.
    pub text: &'a str,
    /// Only this roster, or all of them.
    pub kind: Option<Kind>,
    /// The clerk's community: its records come first within each tier.
    pub community: Option<Id>,
    /// At most this many hits; 0 means no limit.
    pub limit: usize,
}

/// How a record matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tier {
    /// The name is the query (曹顺仙).
    ExactName,
    /// The name starts with the query (曹顺).
    NamePrefix,
    /// The name's pinyin: full, initials or mixed (caoshunxian, csx, caosx, 曹sx).
    Pinyin,
    /// Four or more consecutive digits of the phone.
    Phone,
    /// Fuzzy match over name, pinyin, unit, community and extra fields.
    Fuzzy,
}

/// One ranked result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub kind: Kind,
    pub id: Id,
    /// Higher is better, comparable only within one tier.
    pub score: i64,
    pub tier: Tier,
}
