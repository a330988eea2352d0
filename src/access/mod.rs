//! Who may open a ledger's files on a shared server: their group, permission bits and POSIX
//! ACL. Touches no redb and prints nothing.
//!
//! - [`LedgerAccess`]: a ledger's own access, given to every file written beside it (backups,
//!   the copy kept before a migration), so a copy is never readable by more accounts than the
//!   ledger — nor, when its writer may hand it to the ledger's group, by fewer.
//! - [`share`]: the layout `baodao init` gives a ledger for groups of clerks and reviewers.
//! - [`diagnose`]: what opening a ledger finds (an account without access, a world-readable or
//!   unshared ledger).
pub mod accounts;
pub mod acl;
pub mod diagnose;
pub mod share;

use std::io;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use acl::{Acl, Which};

/// A ledger file's group, permission bits and extended ACL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerAccess {
    gid: u32,
    mode: u32,
    acl: Option<Acl>,
}

impl LedgerAccess {
    /// The access `ledger` has now.
    pub fn of(ledger: &Path) -> io::Result<LedgerAccess> {
        let meta = std::fs::metadata(ledger)?;
        Ok(LedgerAccess {
            gid: meta.gid(),
            mode: meta.mode() & 0o777,
            acl: acl::get(ledger, Which::Access)?.filter(Acl::is_extended),
        })
    }

    /// Gives `file` (just written by this process, so its owner) the ledger's access. When this
    /// account may not hand files to the ledger's group (a reviewer's backup), the file stays
    /// private to its writer instead: a copy never reaches a group the ledger does not.
    pub fn give(&self, file: &Path) -> io::Result<()> {
        let meta = std::fs::metadata(file)?;
        let shared =
            meta.gid() == self.gid || std::os::unix::fs::chown(file, None, Some(self.gid)).is_ok();
        let (mode, extended) = if shared {
            (self.mode, self.acl.as_ref())
        } else {
            (self.mode & 0o700, None)
        };
        match acl::set(file, Which::Access, extended) {
            Ok(()) => {}
            // A file system without ACLs (a backup disk) keeps the group's bits only: the
            // named groups' read is lost, never widened.
            Err(e) if e.raw_os_error() == Some(libc::EOPNOTSUPP) => {}
            Err(e) => return Err(e),
        }
        // After the ACL: chmod sets its mask from the group bits, which are the ledger's.
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(mode))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_gets_the_ledgers_bits_and_never_more() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("l.redb");
        let copy = dir.path().join("c.redb");
        std::fs::write(&ledger, b"x").unwrap();
        std::fs::write(&copy, b"x").unwrap();
        std::fs::set_permissions(&ledger, std::fs::Permissions::from_mode(0o640)).unwrap();
        std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o666)).unwrap();
        let access = LedgerAccess::of(&ledger).unwrap();
        access.give(&copy).unwrap();
        assert_eq!(LedgerAccess::of(&copy).unwrap(), access);
        let mode = std::fs::metadata(&copy).unwrap().mode() & 0o7777;
        assert_eq!(mode, 0o640);
    }
}
