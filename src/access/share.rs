//! The layout `baodao init` gives a ledger shared by a group of clerks and a group of reviewers.
//!
//! One file has one group, so the clerks' group owns the directory and every file in it, with
//! read and write (`0660`; the directory `2770`, setgid so that whatever a clerk creates in it
//! belongs to the clerks' group too), and the reviewers' group is given read by a POSIX ACL
//! entry (`group:REVIEWERS:r--`, on the directory `r-x`, and the same as the directory's
//! default ACL, so a file copied in by hand is readable by reviewers and writable by clerks).
//! Everyone else gets nothing. The clerks' group is the owning group because writing is what
//! must never depend on a file system's ACL support; reviewers only read, and redb's shared
//! reader opens the file read-only and takes only shared locks, which read access allows.
use std::io;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use super::accounts::group_name;
use super::acl::{self, Acl, Which};

/// The groups a ledger is shared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub clerks: u32,
    pub reviewers: Option<u32>,
}

/// Permission bits of the ledger's directory: the clerks' group writes, setgid.
pub const DIR_MODE: u32 = 0o2770;
/// Permission bits of every file in it.
pub const FILE_MODE: u32 = 0o660;

/// What of a path's access differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aspect {
    Group,
    Mode,
    Acl,
}

/// One way a path's access differs from the layout, described for a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub what: Aspect,
    pub now: String,
    pub wanted: String,
}

impl Layout {
    fn mode(dir: bool) -> u32 {
        if dir { DIR_MODE } else { FILE_MODE }
    }

    fn acl(&self, dir: bool) -> Option<Acl> {
        let read = if dir { 0o5 } else { 0o4 };
        self.reviewers
            .map(|r| Acl::with_groups(Self::mode(dir) & 0o777, &[(r, read)]))
    }

    /// How `path` differs from the layout; empty when it matches.
    pub fn differences(&self, path: &Path) -> io::Result<Vec<Difference>> {
        let meta = std::fs::metadata(path)?;
        let dir = meta.is_dir();
        let mut out = Vec::new();
        if meta.gid() != self.clerks {
            out.push(Difference {
                what: Aspect::Group,
                now: group_name(meta.gid()),
                wanted: group_name(self.clerks),
            });
        }
        let mode = meta.mode() & 0o7777;
        if mode != Self::mode(dir) {
            out.push(Difference {
                what: Aspect::Mode,
                now: format!("{mode:04o}"),
                wanted: format!("{:04o}", Self::mode(dir)),
            });
        }
        let now = named_groups(acl::get(path, Which::Access)?.as_ref());
        let wanted = named_groups(self.acl(dir).as_ref());
        if now != wanted {
            out.push(Difference {
                what: Aspect::Acl,
                now,
                wanted,
            });
        }
        Ok(out)
    }

    /// Gives `path` (the directory or a file in it) the layout. Needs root or, for a path this
    /// account owns, membership of the clerks' group.
    pub fn apply(&self, path: &Path) -> io::Result<()> {
        let dir = std::fs::metadata(path)?.is_dir();
        std::os::unix::fs::chown(path, None, Some(self.clerks))?;
        acl::set(path, Which::Access, self.acl(dir).as_ref())?;
        if dir {
            acl::set(path, Which::Default, self.acl(true).as_ref())?;
        }
        // After the ACL, whose mask chmod sets from the group bits; and chown may have
        // dropped the setgid bit.
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(Self::mode(dir)))
    }
}

/// Gives a new ledger in a directory laid out like `init`'s (setgid, so its group is the
/// clerks', and closed to everyone else) the layout of the files beside it; elsewhere, or when
/// this account may not, it stays as it was made (private to its creator).
pub fn join_directory(ledger: &Path) -> io::Result<()> {
    let dir = match ledger.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let meta = std::fs::metadata(dir)?;
    if meta.mode() & 0o2000 == 0 || meta.mode() & 0o007 != 0 {
        return Ok(());
    }
    let reviewers = acl::get(dir, Which::Access)?
        .map(|a| a.groups())
        .unwrap_or_default()
        .into_iter()
        .find(|(_, perm)| perm & 0o4 != 0)
        .map(|(gid, _)| gid);
    let layout = Layout {
        clerks: meta.gid(),
        reviewers,
    };
    layout.apply(ledger)
}

/// The named groups of an ACL as `getfacl` prints them (`group:reviewers:r--`), or `-`.
fn named_groups(acl: Option<&Acl>) -> String {
    let groups = acl.map(Acl::groups).unwrap_or_default();
    if groups.is_empty() {
        return "-".into();
    }
    groups
        .iter()
        .map(|(gid, perm)| format!("group:{}:{}", group_name(*gid), rwx(*perm)))
        .collect::<Vec<_>>()
        .join(",")
}

fn rwx(perm: u16) -> String {
    [(4, 'r'), (2, 'w'), (1, 'x')]
        .iter()
        .map(|&(bit, c)| if perm & bit != 0 { c } else { '-' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_lays_out_and_differences_name_what_drifted() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("srv");
        std::fs::create_dir(&dir).unwrap();
        let file = dir.join("ledger.redb");
        std::fs::write(&file, b"x").unwrap();
        // SAFETY: getegid cannot fail. Any account may hand its files to its own group, and
        // may name any group in their ACL.
        let own = unsafe { libc::getegid() };
        let layout = Layout {
            clerks: own,
            reviewers: Some(if own == 0 { 1 } else { 0 }),
        };
        match layout.apply(&dir) {
            Err(e) if e.raw_os_error() == Some(libc::EOPNOTSUPP) => {
                println!("skipped: this file system keeps no ACLs");
                return;
            }
            r => r.unwrap(),
        }
        layout.apply(&file).unwrap();
        assert_eq!(layout.differences(&dir).unwrap(), []);
        assert_eq!(layout.differences(&file).unwrap(), []);
        let mode = |p: &Path| std::fs::metadata(p).unwrap().mode() & 0o7777;
        assert_eq!((mode(&dir), mode(&file)), (DIR_MODE, FILE_MODE));

        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        let what: Vec<Aspect> = layout
            .differences(&file)
            .unwrap()
            .iter()
            .map(|d| d.what)
            .collect();
        // The mask shuts the reviewers out too.
        assert_eq!(what, [Aspect::Mode, Aspect::Acl]);
        layout.apply(&file).unwrap();
        assert_eq!(layout.differences(&file).unwrap(), []);

        // Without reviewers, the ACL goes.
        let clerks_only = Layout {
            reviewers: None,
            ..layout
        };
        clerks_only.apply(&file).unwrap();
        assert_eq!(clerks_only.differences(&file).unwrap(), []);
        assert_eq!(
            acl::get(&file, Which::Access)
                .unwrap()
                .filter(Acl::is_extended),
            None
        );
    }
}
