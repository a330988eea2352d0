//! The file as a reviewer's `--read-only` handle sees it: opened for reading only, so the
//! program cannot write it whatever the file's permissions, and readable after any clerk's
//! process has died.
//!
//! redb's shared reader refuses a file whose last writer did not close cleanly unless a live
//! writer holds it ("it is a live writer's to repair"): after a SIGKILL, a dropped SSH session
//! or an out-of-memory kill, reviewers, who may not write the file, were locked out until a
//! clerk came by. The repair a writer does is only for writers: it rebuilds the allocator state
//! and the layout from the file's length. A reader needs neither: it reads the published commit
//! slot, whose checksum it verifies, by the region geometry, exactly as it does while a live
//! writer has the file open (and every clerk's file has the recovery flag set while any clerk
//! has it open). So this backend reports the flag cleared on the way in and changes nothing
//! else; it takes part in redb's lock protocol like any reader, so a clerk who opens the file
//! later repairs it, follows the reviewer's snapshot and never reuses its pages.
//!
//! The alternative the issue proposed, a copy-on-write backend that lets redb run the repair
//! into memory, was weighed and not taken: it opens a writer's handle, which cannot take part
//! in the multi-process locks on a file opened read-only, so a clerk coming back could reuse
//! the pages the reviewer is reading; it would not follow new commits; and on a file without a
//! quick-repair record it reads the whole file first.
use std::fs::File;
use std::io;
use std::ops::Bound;

use redb::backends::FileBackend;
use redb::{BackendError, StorageBackend};

/// Where redb's file format keeps the god byte (after the 9-byte magic number) and which of
/// its bits means "the last writer did not close cleanly" (redb file format 3).
const GOD_BYTE: u64 = 9;
const RECOVERY_REQUIRED: u8 = 2;

#[derive(Debug)]
pub(super) struct ReviewerFile {
    inner: FileBackend,
}

impl ReviewerFile {
    /// Opens `path` for reading only.
    pub(super) fn open(path: &std::path::Path) -> io::Result<ReviewerFile> {
        let file = File::open(path)?;
        let inner = FileBackend::new(file).map_err(io::Error::other)?;
        Ok(ReviewerFile { inner })
    }
}

fn refused() -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        "the ledger is open read-only",
    )
}

impl StorageBackend for ReviewerFile {
    fn len(&self) -> Result<u64, io::Error> {
        self.inner.len()
    }

    fn read(&self, offset: u64, out: &mut [u8]) -> Result<(), io::Error> {
        self.inner.read(offset, out)?;
        if let Some(at) = GOD_BYTE.checked_sub(offset)
            && let Some(b) = usize::try_from(at).ok().and_then(|at| out.get_mut(at))
        {
            *b &= !RECOVERY_REQUIRED;
        }
        Ok(())
    }

    fn set_len(&self, _len: u64) -> Result<(), io::Error> {
        Err(refused())
    }

    fn sync_data(&self) -> Result<(), io::Error> {
        // Nothing was written.
        Ok(())
    }

    fn write(&self, _offset: u64, _data: &[u8]) -> Result<(), io::Error> {
        Err(refused())
    }

    fn close(&self) -> Result<(), io::Error> {
        self.inner.close()
    }

    fn try_lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<bool, BackendError> {
        self.inner.try_lock_range(start, end)
    }

    fn try_lock_shared_range(
        &self,
        start: Bound<u64>,
        end: Bound<u64>,
    ) -> Result<bool, BackendError> {
        self.inner.try_lock_shared_range(start, end)
    }

    fn lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.inner.lock_range(start, end)
    }

    fn lock_shared_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.inner.lock_shared_range(start, end)
    }

    fn unlock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.inner.unlock_range(start, end)
    }

    fn query_lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<bool, BackendError> {
        self.inner.query_lock_range(start, end)
    }
}
