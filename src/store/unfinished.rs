//! A ledger a bulk job left part way. A job too big for one transaction (the demo generator:
//! millions of rows) writes its records in batches and their derived data (year totals, unit
//! tallies) at the end; its first batch marks the ledger unfinished in the same commit, and the
//! commit with the derived data clears the mark. So every committed state either passes
//! `check` or says plainly that the job stopped part way, and which job to run again.

use super::tables::META;
use super::{StoreError, Tx, View};

const KEY: &str = "unfinished";

impl Tx<'_> {
    /// Marks the ledger unfinished by `job` (`"demo"`), in this transaction.
    pub fn mark_unfinished(&mut self, job: &str) -> Result<(), StoreError> {
        let mut meta = self.bare().open_table(META)?;
        meta.insert(KEY, job.as_bytes())?;
        Ok(())
    }

    /// Clears the mark, in the transaction that completes the job.
    pub fn mark_finished(&mut self) -> Result<(), StoreError> {
        let mut meta = self.bare().open_table(META)?;
        meta.remove(KEY)?;
        Ok(())
    }
}

impl View {
    /// The job that left the ledger part way, if one did.
    pub fn unfinished(&self) -> Result<Option<String>, StoreError> {
        let Some(meta) = super::read::open_if_exists(&self.txn, META)? else {
            return Ok(None);
        };
        let job = meta.get(KEY)?;
        Ok(job.map(|v| String::from_utf8_lossy(v.value()).into_owned()))
    }
}
