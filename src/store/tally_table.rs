//! A tally kept per record in a table of its own (a unit's, a community's), moved in memory
//! while a write transaction runs and written back once before its commit: a tally that every
//! row of an import moves is decoded and encoded once, not once a row.
use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use redb::{ReadableTable, TableDefinition, TableHandle};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::codec::{decode, encode};
use super::error::StoreError;
use super::open_tables::OpenTables;
use crate::domain::{CommunityTally, Id, UnitTally};

/// What such a table holds: a value with an empty state, which is stored as no row.
pub(super) trait Tally: Serialize + DeserializeOwned + Default {
    fn is_empty(&self) -> bool;
}

impl Tally for UnitTally {
    fn is_empty(&self) -> bool {
        UnitTally::is_empty(self)
    }
}

impl Tally for CommunityTally {
    fn is_empty(&self) -> bool {
        CommunityTally::is_empty(self)
    }
}

type Table = TableDefinition<'static, u128, &'static [u8]>;

/// The transaction's copy of `id`'s tally, read from `table` the first time it is moved.
pub(super) fn moved<'m, T: Tally>(
    tallies: &'m mut BTreeMap<Id, T>,
    tables: &OpenTables,
    table: Table,
    id: Id,
) -> Result<&'m mut T, StoreError> {
    Ok(match tallies.entry(id) {
        Entry::Occupied(e) => e.into_mut(),
        Entry::Vacant(e) => {
            let stored = tables.rows(table, |t| match t.get(id.0)? {
                Some(v) => decode(v.value(), table.name(), &id.to_string()),
                None => Ok(T::default()),
            })?;
            e.insert(stored)
        }
    })
}

/// Writes back the tallies a transaction moved; an empty one is removed.
pub(super) fn flush<T: Tally>(
    tables: &OpenTables,
    table: Table,
    tallies: BTreeMap<Id, T>,
) -> Result<(), StoreError> {
    if tallies.is_empty() {
        return Ok(());
    }
    tables.rows(table, |t| {
        for (id, tally) in tallies {
            if tally.is_empty() {
                t.remove(id.0)?;
            } else {
                t.insert(id.0, encode(&tally).as_slice())?;
            }
        }
        Ok(())
    })
}
