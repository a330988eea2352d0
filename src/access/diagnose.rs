//! What opening a ledger finds about its access, before redb is asked: an account that may not
//! open it (refused, with the groups that may), a ledger the world can read, and a ledger in a
//! directory shared with a group that the file itself shuts out (warned, with the fix).
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::accounts::{group_name, me, user_name};
use super::acl::{self, Which};

/// This account may not open the ledger as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denied {
    pub path: PathBuf,
    /// This process's account.
    pub account: String,
    /// The account that owns the ledger (or its directory, when the file cannot be seen).
    pub owner: String,
    /// The group whose members write the ledger: its owning group, when that may write.
    pub writers: Option<String>,
    /// The groups given read by the ACL.
    pub readers: Vec<String>,
    /// It may read the ledger, only not write it: `--read-only` would do.
    pub may_read: bool,
}

/// Something about the ledger's access the person opening it should fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// Accounts outside its groups can read (or write) it.
    WorldReadable { path: PathBuf, mode: u32 },
    /// Its directory is shared with a group (setgid, or group-writable) whose members cannot
    /// open it.
    NotShared {
        path: PathBuf,
        clerks: String,
        reviewers: Option<String>,
    },
}

/// Checks `ledger` for an open (`write`: read-write); a ledger that does not exist yet is the
/// store's business (created, or refused as missing).
pub fn check(ledger: &Path, write: bool) -> Result<Option<Warning>, Box<Denied>> {
    let dir = parent(ledger);
    let meta = match std::fs::metadata(ledger) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            return Err(denied(ledger, &dir, false));
        }
        Err(_) => return Ok(None),
    };
    if !may(ledger, libc::R_OK) {
        return Err(denied(ledger, &dir, false));
    }
    if write && !may(ledger, libc::R_OK | libc::W_OK) {
        return Err(denied(ledger, &dir, true));
    }
    let mode = meta.mode() & 0o777;
    if mode & 0o007 != 0 {
        return Ok(Some(Warning::WorldReadable {
            path: ledger.to_path_buf(),
            mode,
        }));
    }
    Ok(unshared(ledger, &meta, &dir))
}

fn unshared(ledger: &Path, meta: &std::fs::Metadata, dir: &Path) -> Option<Warning> {
    let d = std::fs::metadata(dir).ok()?;
    let setgid = d.mode() & 0o2000 != 0;
    // A group-writable directory the world may also write (/tmp) is shared with nobody.
    let group_dir = d.mode() & 0o020 != 0 && d.mode() & 0o002 == 0;
    let dir_readers = read_groups(dir);
    if !setgid && !group_dir && dir_readers.is_empty() {
        return None;
    }
    let file_readers = read_groups(ledger);
    let clerks_write = meta.gid() == d.gid() && meta.mode() & 0o060 == 0o060;
    let reviewers_read = dir_readers.iter().all(|g| file_readers.contains(g));
    if clerks_write && reviewers_read {
        return None;
    }
    Some(Warning::NotShared {
        path: ledger.to_path_buf(),
        clerks: group_name(d.gid()),
        reviewers: dir_readers.first().map(|g| group_name(*g)),
    })
}

/// The groups an ACL lets read `path`.
fn read_groups(path: &Path) -> Vec<u32> {
    acl::get(path, Which::Access)
        .ok()
        .flatten()
        .map(|a| a.groups())
        .unwrap_or_default()
        .into_iter()
        .filter(|(_, perm)| perm & 0o4 != 0)
        .map(|(gid, _)| gid)
        .collect()
}

fn denied(ledger: &Path, dir: &Path, may_read: bool) -> Box<Denied> {
    // The file's own group and ACL when this account can see them, else its directory's.
    let seen = if std::fs::metadata(ledger).is_ok() {
        ledger
    } else {
        dir
    };
    let meta = std::fs::metadata(seen).ok();
    Box::new(Denied {
        path: ledger.to_path_buf(),
        account: user_name(me()),
        owner: meta
            .as_ref()
            .map_or_else(|| "?".into(), |m| user_name(m.uid())),
        writers: meta
            .filter(|m| m.mode() & 0o020 != 0)
            .map(|m| group_name(m.gid())),
        readers: read_groups(seen).into_iter().map(group_name).collect(),
        may_read,
    })
}

/// Whether this account may access `path` as `how` (the effective ids, as open would).
fn may(path: &Path, how: libc::c_int) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(p) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return true;
    };
    // SAFETY: `p` is NUL-terminated.
    unsafe { libc::faccessat(libc::AT_FDCWD, p.as_ptr(), how, libc::AT_EACCESS) == 0 }
}

fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn chmod(path: &Path, mode: u32) {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }

    #[test]
    fn a_private_ledger_in_a_private_directory_is_quiet() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("l.redb");
        std::fs::write(&ledger, b"x").unwrap();
        chmod(&ledger, 0o600);
        assert_eq!(check(&ledger, true), Ok(None));
        assert_eq!(check(&dir.path().join("missing.redb"), true), Ok(None));
    }

    #[test]
    fn a_world_readable_ledger_is_warned_about() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("l.redb");
        std::fs::write(&ledger, b"x").unwrap();
        chmod(&ledger, 0o644);
        assert_eq!(
            check(&ledger, false),
            Ok(Some(Warning::WorldReadable {
                path: ledger.clone(),
                mode: 0o644
            }))
        );
    }

    #[test]
    fn a_ledger_its_shared_directory_cannot_open_is_warned_about() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("l.redb");
        std::fs::write(&ledger, b"x").unwrap();
        chmod(&ledger, 0o600);
        chmod(dir.path(), 0o2770);
        let Ok(Some(Warning::NotShared { path, .. })) = check(&ledger, true) else {
            panic!("no warning for a private ledger in a setgid directory");
        };
        assert_eq!(path, ledger);
        chmod(&ledger, 0o660);
        assert_eq!(check(&ledger, true), Ok(None));
    }
}
