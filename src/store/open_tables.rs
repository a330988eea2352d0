//! The tables a write transaction has opened, kept open until it ends. A save touches about
//! fifteen tables (its row, the rows it refers to, index rows, tallies, its search doc), and
//! opening and closing each of them per save was a fifth of a 100,000-row import's time.
//!
//! Every read and write of a [`Tx`](super::Tx) goes through here. redb refuses to open a table
//! twice, so code that needs the bare transaction (deleting and rebuilding a table, the meta
//! table) closes them first ([`OpenTables::close`]). A table held open here is part of the
//! transaction like any other: an abort drops its changes with the rest.
use std::cell::RefCell;
use std::collections::HashMap;

use redb::{Key, Table, TableDefinition, TableHandle, Value, WriteTransaction};

use super::error::StoreError;

/// The open tables of one write transaction, by key and value layout.
pub(super) struct OpenTables<'t> {
    txn: &'t WriteTransaction,
    rows: Slot<'t, u128, &'static [u8]>,
    pairs: Slot<'t, (u128, u128), ()>,
    dated: Slot<'t, (u128, i32, u128), ()>,
    totals: Slot<'t, (u128, i32), &'static [u8]>,
    journal: Slot<'t, u64, u128>,
    /// Names of the units and communities read for search docs in this transaction: every
    /// member of a 100,000-row import shows its community's and unit's names, and reading
    /// and decoding those rows again for each was a tenth of the import. Only names found
    /// are kept; a write of a unit or community forgets its name ([`OpenTables::forget_name`]).
    names: RefCell<HashMap<u128, String>>,
}

/// The tables of one layout opened so far (a few, so a list is searched).
type Slot<'t, K, V> = RefCell<Vec<(TableDefinition<'static, K, V>, Table<'t, K, V>)>>;

/// Runs `f` on `def`'s table, opening it the first time.
fn with<'t, K: Key + 'static, V: Value + 'static, R>(
    slot: &Slot<'t, K, V>,
    txn: &'t WriteTransaction,
    def: TableDefinition<'static, K, V>,
    f: impl FnOnce(&mut Table<'t, K, V>) -> Result<R, StoreError>,
) -> Result<R, StoreError> {
    // A second borrow would be a table used from inside its own use: a bug, reported as an
    // error rather than a panic.
    let mut open = slot
        .try_borrow_mut()
        .map_err(|_| StoreError::Storage(format!("table {} used re-entrantly", def.name())))?;
    let i = match open.iter().position(|(d, _)| d.name() == def.name()) {
        Some(i) => i,
        None => {
            open.push((def, txn.open_table(def)?));
            open.len() - 1
        }
    };
    f(&mut open[i].1)
}

impl<'t> OpenTables<'t> {
    pub(super) fn new(txn: &'t WriteTransaction) -> OpenTables<'t> {
        OpenTables {
            txn,
            rows: RefCell::default(),
            pairs: RefCell::default(),
            dated: RefCell::default(),
            totals: RefCell::default(),
            journal: RefCell::default(),
            names: RefCell::default(),
        }
    }

    /// A table of rows or tallies: id → codec bytes.
    pub(super) fn rows<R>(
        &self,
        def: TableDefinition<'static, u128, &'static [u8]>,
        f: impl FnOnce(&mut Table<'t, u128, &'static [u8]>) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        with(&self.rows, self.txn, def, f)
    }

    /// A pair index.
    pub(super) fn pairs<R>(
        &self,
        def: TableDefinition<'static, (u128, u128), ()>,
        f: impl FnOnce(&mut Table<'t, (u128, u128), ()>) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        with(&self.pairs, self.txn, def, f)
    }

    /// A dated index.
    pub(super) fn dated<R>(
        &self,
        def: TableDefinition<'static, (u128, i32, u128), ()>,
        f: impl FnOnce(&mut Table<'t, (u128, i32, u128), ()>) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        with(&self.dated, self.txn, def, f)
    }

    /// A year-totals table: (id, year) → codec bytes.
    pub(super) fn totals<R>(
        &self,
        def: TableDefinition<'static, (u128, i32), &'static [u8]>,
        f: impl FnOnce(&mut Table<'t, (u128, i32), &'static [u8]>) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        with(&self.totals, self.txn, def, f)
    }

    /// The search journal.
    pub(super) fn journal<R>(
        &self,
        def: TableDefinition<'static, u64, u128>,
        f: impl FnOnce(&mut Table<'t, u64, u128>) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        with(&self.journal, self.txn, def, f)
    }

    /// The name of unit or community `id` as last read in this transaction, or `read`'s
    /// answer (kept when it found one).
    pub(super) fn name(
        &self,
        id: u128,
        read: impl FnOnce() -> Result<Option<String>, StoreError>,
    ) -> Result<String, StoreError> {
        if let Some(n) = self.names.borrow().get(&id) {
            return Ok(n.clone());
        }
        let found = read()?;
        match found {
            Some(n) => {
                self.names.borrow_mut().insert(id, n.clone());
                Ok(n)
            }
            None => Ok(String::new()),
        }
    }

    /// Forgets a kept name: its unit or community is being written.
    pub(super) fn forget_name(&self, id: u128) {
        self.names.borrow_mut().remove(&id);
    }

    /// Closes every table (each writes its root back into the transaction), so that the bare
    /// transaction may open any of them.
    pub(super) fn close(&self) -> &'t WriteTransaction {
        self.rows.borrow_mut().clear();
        self.pairs.borrow_mut().clear();
        self.dated.borrow_mut().clear();
        self.totals.borrow_mut().clear();
        self.journal.borrow_mut().clear();
        // Whoever takes the bare transaction may rewrite any row.
        self.names.borrow_mut().clear();
        self.txn
    }
}
