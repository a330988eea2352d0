//! A ledger known to be damaged. When `baodao check` finds the file itself damaged it leaves a
//! note beside it (`LEDGER.damaged`, with the findings); from then on no clerk's process writes
//! to it, since every write would build on pages that cannot be trusted, and the message says
//! how to restore the last copy made by `baodao backup`. Reading stays possible, so what can
//! still be read can be looked at. The note is a file of its own because the damaged ledger
//! must not be written, even to say that it is damaged.
use std::path::{Path, PathBuf};

use super::StoreError;

/// Where the note for the ledger at `path` lives.
pub fn note_path(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(".damaged");
    PathBuf::from(p)
}

/// Leaves the note with `findings`. A reviewer may not be allowed to write beside the ledger:
/// then the next clerk's check leaves it.
pub fn mark(path: &Path, findings: &[String]) -> std::io::Result<()> {
    std::fs::write(note_path(path), findings.join("\n") + "\n")
}

/// Refuses to write a ledger with a damage note.
pub(super) fn refuse_if_marked(path: &Path) -> Result<(), StoreError> {
    let note = note_path(path);
    if note.exists() {
        return Err(StoreError::Damaged {
            path: path.display().to_string(),
            note: note.display().to_string(),
        });
    }
    Ok(())
}
