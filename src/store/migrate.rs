//! Numbered schema migrations, each in its own write transaction.
//!
//! | version | what changed |
//! |---|---|
//! | 1 | the first layout: rows, indexes, audit log |
//! | 2 | running per-member and per-community year totals, built from the rows |
//! | 3 | the search index's compiled docs (names with their pinyin keys) |
//! | 4 | running per-unit tallies of members by reporting state; the search snapshot and its journal |
//! | 5 | running per-community tallies of registrations by their dates (表2); a search snapshot of an older format stored afresh |
//!
//! A file with a newer version than [`CURRENT`] is refused ([`StoreError::NewerSchema`]); an
//! older one is copied aside first (`*.schema{N}.bak.redb`, see [`Ledger::open`]).
use redb::{ReadableTable, TableDefinition, TableHandle, WriteTransaction};

use super::codec::{decode, encode};
use super::entity::{DATED_INDEXES, PAIR_INDEXES, Stored};
use super::tables::*;
use super::{Ledger, StoreError};
use crate::domain::*;

/// The schema this program writes.
pub const CURRENT: u32 = 6;
/// The oldest schema a reviewer's read-only open accepts: schemas 5 and 6 only add tables that
/// readers do without (表2 is then summed from the rows, archived units found from theirs).
pub const READABLE_FROM: u32 = 4;

/// Brings a ledger from `found` to [`CURRENT`].
pub fn run(ledger: &Ledger, found: u32) -> Result<(), StoreError> {
    let db = ledger.writer()?;
    let mut version = found;
    while version < CURRENT {
        let txn = db.begin_write()?;
        match version {
            0 => create_v1(&txn)?,
            1 => build_totals(&txn)?,
            2 => {
                super::search_docs::rebuild(&txn)?;
            }
            3 => {
                super::unit_tallies::rebuild(&txn)?;
                super::search_snapshot::build(&txn)?;
            }
            4 => {
                super::community_tallies::rebuild(&txn)?;
                super::search_snapshot::renew_if_outdated(&txn)?;
            }
            5 => archived(&txn)?,
            _ => unreachable_version(version)?,
        }
        version += 1;
        set_version(&txn, version)?;
        txn.commit()?;
    }
    Ok(())
}

/// Schema 6: the index of archived units and communities, from their rows.
fn archived(txn: &WriteTransaction) -> Result<(), StoreError> {
    let mut index = txn.open_table(ARCHIVED)?;
    let units = txn.open_table(UNITS)?;
    for row in units.iter()? {
        let (k, v) = row?;
        let u: crate::domain::Unit = decode(v.value(), UNITS.name(), &k.value())?;
        if u.archived {
            index.insert((ARCHIVED_UNIT, u.id.0), ())?;
        }
    }
    let communities = txn.open_table(COMMUNITIES)?;
    for row in communities.iter()? {
        let (k, v) = row?;
        let c: crate::domain::Community = decode(v.value(), COMMUNITIES.name(), &k.value())?;
        if c.archived {
            index.insert((ARCHIVED_COMMUNITY, c.id.0), ())?;
        }
    }
    Ok(())
}

fn unreachable_version(v: u32) -> Result<(), StoreError> {
    Err(StoreError::Storage(format!("no migration from schema {v}")))
}

fn set_version(txn: &WriteTransaction, v: u32) -> Result<(), StoreError> {
    let mut meta = txn.open_table(META)?;
    meta.insert("schema", v.to_le_bytes().as_slice())?;
    Ok(())
}

/// Schema 1: every row, index and audit table, and the default settings.
pub fn create_v1(txn: &WriteTransaction) -> Result<(), StoreError> {
    for kind in Kind::ALL {
        txn.open_table(super::entity::table_of(kind))?;
    }
    for def in PAIR_INDEXES {
        txn.open_table(def)?;
    }
    for def in DATED_INDEXES {
        txn.open_table(def)?;
    }
    txn.open_table(AUDIT)?;
    txn.open_table(AUDIT_BY_RECORD)?;
    let mut meta = txn.open_table(META)?;
    if meta.get("settings")?.is_none() {
        meta.insert("settings", encode(&Settings::default()).as_slice())?;
    }
    Ok(())
}

/// Schema 2: year totals, summed from every service row and suggestion.
fn build_totals(txn: &WriteTransaction) -> Result<(), StoreError> {
    let mut b = TotalsBuilder::default();
    for_each::<ServiceRecord>(txn, |s| b.service(&s))?;
    for_each::<Suggestion>(txn, |s| b.suggestion(&s))?;
    write_totals(txn, MEMBER_YEAR_TOTALS, b.member)?;
    write_totals(txn, COMMUNITY_YEAR_TOTALS, b.community)
}

fn write_totals(
    txn: &WriteTransaction,
    def: TableDefinition<'static, (u128, i32), &'static [u8]>,
    totals: std::collections::HashMap<(Id, i32), YearTotals>,
) -> Result<(), StoreError> {
    let mut t = txn.open_table(def)?;
    for ((id, year), v) in totals {
        if !v.is_zero() {
            t.insert((id.0, year), encode(&v).as_slice())?;
        }
    }
    Ok(())
}

fn for_each<E: Stored>(txn: &WriteTransaction, mut f: impl FnMut(E)) -> Result<(), StoreError> {
    let table = txn.open_table(E::TABLE)?;
    for entry in table.iter()? {
        let (k, v) = entry?;
        f(decode(
            v.value(),
            E::TABLE.name(),
            &Id(k.value()).to_string(),
        )?);
    }
    Ok(())
}
