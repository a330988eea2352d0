//! The search snapshot as a file beside the ledger (`LEDGER.search`), mapped read-only by
//! every process that searches, so that the page cache holds one copy of a province's index
//! for all the clerks and reviewers on a server instead of one copy in each process.
//!
//! The file is a cache of the snapshot stored in the ledger, byte for byte: it is used only
//! when its length and checksum are those of the stored snapshot, and otherwise replaced
//! from the ledger. It is written under a temporary name and renamed into place, never
//! changed in place, so a process that mapped the old file keeps reading a whole one. It
//! gets the ledger file's mode and group: whoever may read the ledger may read its index.
//!
//! Owns: the file, its name, its mode. Must not touch: the ledger's tables.
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::search::{SnapshotBytes, snapshot_checksum};

/// The snapshot file of the ledger at `ledger`.
pub fn path_of(ledger: &Path) -> PathBuf {
    let mut p = ledger.as_os_str().to_owned();
    p.push(".search");
    PathBuf::from(p)
}

/// A mapped snapshot file.
struct Mapped(memmap2::Mmap);

impl SnapshotBytes for Mapped {
    fn bytes(&self) -> &[u8] {
        &self.0
    }
}

/// The file's bytes, mapped, when it holds the snapshot of `len` bytes ending in `sum`.
pub fn open(ledger: &Path, len: u64, sum: u64) -> Option<Arc<dyn SnapshotBytes>> {
    let file = File::open(path_of(ledger)).ok()?;
    if file.metadata().ok()?.len() != len {
        return None;
    }
    // Populated: the page tables are filled in one call rather than by a fault per page as
    // the checksum and the first search touch them.
    // SAFETY: the mapping is read-only and the file is never written in place (it is
    // replaced by a rename), so its bytes cannot change under the references handed out.
    // A file truncated by hand under a running program is not defended against here, as
    // with any mapped file.
    let map = unsafe { memmap2::MmapOptions::new().populate().map(&file) }.ok()?;
    if snapshot_checksum(&map) != Some(sum) {
        return None;
    }
    Some(Arc::new(Mapped(map)))
}

/// Writes `bytes` as the snapshot file of `ledger`, with the ledger's mode and group.
/// An error leaves any earlier file in place.
pub fn write(ledger: &Path, bytes: &[u8]) -> std::io::Result<()> {
    sweep_stale(ledger);
    let target = path_of(ledger);
    let tmp = tmp_of(&target, std::process::id());
    let result = write_as(&tmp, ledger, bytes).and_then(|()| std::fs::rename(&tmp, &target));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// `LEDGER.search.PID.tmp`: the name a process writes under before the rename.
fn tmp_of(target: &Path, pid: u32) -> PathBuf {
    let mut tmp = target.as_os_str().to_owned();
    tmp.push(format!(".{pid}.tmp"));
    PathBuf::from(tmp)
}

/// Removes the temporary files of writers that died before their rename (a SIGKILL, a power
/// cut): at a province's size each is a few hundred megabytes nobody would ever clean up.
/// A file whose process still runs (or may run: another user's) is left alone.
pub fn sweep_stale(ledger: &Path) {
    let target = path_of(ledger);
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!("{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let pid = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|pid| pid.parse::<u32>().ok());
        if let Some(pid) = pid
            && !process_may_live(pid)
        {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(unix)]
fn process_may_live(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // Signal 0 sends nothing: it only asks whether the process exists. EPERM means it does
    // (another user's); only ESRCH says it is gone.
    // SAFETY: kill with signal 0 has no effect on any process.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(not(unix))]
fn process_may_live(_pid: u32) -> bool {
    true
}

fn write_as(tmp: &Path, ledger: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let mut file = o.open(tmp)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let meta = std::fs::metadata(ledger)?;
        // The group first: a mode with group bits is only meant for the ledger's group.
        // Not being a member of it is no reason to fail; the mode still applies.
        let _ = std::os::unix::fs::fchown(&file, None, Some(meta.gid()));
        file.set_permissions(std::fs::Permissions::from_mode(meta.mode() & 0o7777))?;
    }
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_dead_writers_temporary_file_is_swept_a_living_ones_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("ledger.redb");
        std::fs::write(&ledger, b"x").unwrap();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let target = path_of(&ledger);
        let stale = tmp_of(&target, dead);
        let live = tmp_of(&target, std::process::id());
        let other = dir.path().join("notes.123.tmp");
        for f in [&stale, &live, &other] {
            std::fs::write(f, b"half").unwrap();
        }
        sweep_stale(&ledger);
        assert!(!stale.exists());
        assert!(live.exists());
        assert!(other.exists());
    }
}
