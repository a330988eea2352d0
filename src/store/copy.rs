//! `baodao backup`: a consistent copy of the ledger, table by table from one read snapshot,
//! so other clerks keep working while it runs.
use std::path::Path;

use redb::{Key, ReadTransaction, ReadableTable, TableDefinition, Value, WriteTransaction};

use super::entity::{DATED_INDEXES, PAIR_INDEXES, table_of};
use super::tables::*;
use super::{Ledger, OpenOptions, StoreError, builder, create_like};
use crate::domain::Kind;

impl Ledger {
    /// Writes a consistent copy of the ledger to `out`, which must not exist yet, with the
    /// ledger's own access (group, permission bits, ACL). Returns the number of rows copied.
    pub fn backup(&self, out: &Path) -> Result<u64, StoreError> {
        if out.exists() {
            return Err(StoreError::Open {
                path: out.display().to_string(),
                why: "already exists; choose a new file name".into(),
            });
        }
        let src = self.view()?;
        create_like(&self.path, out)?;
        let dst = builder().create(out).map_err(|e| StoreError::Open {
            path: out.display().to_string(),
            why: e.to_string(),
        })?;
        let txn = dst.begin_write()?;
        let mut rows = copy(&src.txn, &txn, META)?;
        for kind in Kind::ALL {
            rows += copy(&src.txn, &txn, table_of(kind))?;
        }
        for def in PAIR_INDEXES {
            rows += copy(&src.txn, &txn, def)?;
        }
        for def in DATED_INDEXES {
            rows += copy(&src.txn, &txn, def)?;
        }
        rows += copy(&src.txn, &txn, MEMBER_YEAR_TOTALS)?;
        rows += copy(&src.txn, &txn, COMMUNITY_YEAR_TOTALS)?;
        rows += copy(&src.txn, &txn, UNIT_TALLIES)?;
        rows += copy(&src.txn, &txn, SEARCH_DOCS)?;
        rows += copy(&src.txn, &txn, SEARCH_SNAPSHOT)?;
        rows += copy(&src.txn, &txn, SEARCH_JOURNAL)?;
        rows += copy(&src.txn, &txn, AUDIT)?;
        rows += copy(&src.txn, &txn, AUDIT_BY_RECORD)?;
        txn.commit()?;
        drop(dst);
        // Prove the copy opens as a ledger before calling it a backup.
        Ledger::open(
            out,
            OpenOptions {
                read_only: true,
                ..Default::default()
            },
        )?;
        Ok(rows)
    }
}

fn copy<K: Key + 'static, V: Value + 'static>(
    src: &ReadTransaction,
    dst: &WriteTransaction,
    def: TableDefinition<K, V>,
) -> Result<u64, StoreError> {
    let Some(from) = super::read::open_if_exists(src, def)? else {
        return Ok(0);
    };
    let mut to = dst.open_table(def)?;
    let mut n = 0;
    for entry in from.iter()? {
        let (k, v) = entry?;
        to.insert(k.value(), v.value())?;
        n += 1;
    }
    Ok(n)
}
