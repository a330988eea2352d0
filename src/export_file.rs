//! Every file the program hands out (a report, a bundle): created new and private.
//!
//! The bytes go to a temporary file beside the target, created with mode 0600, synced, and only
//! then moved to the target's name. So an exported roster never inherits an old file's mode or
//! owner (a 0666 file left by someone else in a shared directory), a reader never sees half a
//! file, and a symlink planted at the target is never followed. An existing target is refused
//! unless the caller passes `force`; a symlink, a directory or any other non-regular file always.
//!
//! Owns: the one way to write an export. Must not touch: the ledger's own files and the files
//! kept beside it (backups, migration copies), which keep the ledger's modes.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::i18n::{Lang, tf};

/// Why an export file was not written.
#[derive(Debug, thiserror::Error)]
pub enum ExportFileError {
    #[error("{0}: the file exists")]
    Exists(PathBuf),
    #[error("{0}: a symbolic link")]
    Symlink(PathBuf),
    #[error("{0}: not a regular file")]
    NotRegular(PathBuf),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl ExportFileError {
    /// What happened and what to do, for a clerk.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ExportFileError::Exists(p) => tf(lang, "export.exists", &[&p.display()]),
            ExportFileError::Symlink(p) => tf(lang, "export.symlink", &[&p.display()]),
            ExportFileError::NotRegular(p) => tf(lang, "export.not_regular", &[&p.display()]),
            ExportFileError::Io { path, source } => {
                tf(lang, "cli.write_failed", &[&path.display(), source])
            }
        }
    }
}

/// Writes `bytes` to `path` as a new file readable by its owner only.
pub fn write(path: &Path, bytes: &[u8], force: bool) -> Result<(), ExportFileError> {
    write_with(path, force, |f| f.write_all(bytes))
}

/// [`write`] with the content produced by `fill` into the (temporary) file.
pub fn write_with(
    path: &Path,
    force: bool,
    fill: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> Result<(), ExportFileError> {
    let io = |source| ExportFileError::Io {
        path: path.to_path_buf(),
        source,
    };
    refuse_target(path, force)?;
    let (tmp, mut file) = temp_beside(path).map_err(io)?;
    let written = fill(&mut file)
        .and_then(|()| file.sync_all())
        .map_err(io)
        .and_then(|()| {
            drop(file);
            put_in_place(&tmp, path, force)
        });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    sync_dir(path);
    Ok(())
}

/// A symlink or a non-regular file is never written over; an existing file only with `force`.
fn refuse_target(path: &Path, force: bool) -> Result<(), ExportFileError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(ExportFileError::Symlink(path.to_path_buf())),
        Ok(m) if !m.file_type().is_file() => Err(ExportFileError::NotRegular(path.to_path_buf())),
        Ok(_) if !force => Err(ExportFileError::Exists(path.to_path_buf())),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(ExportFileError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// `.NAME.PID-N.tmp` in the target's directory (a rename does not cross file systems), created
/// new with mode 0600 whatever the umask.
fn temp_beside(path: &Path) -> std::io::Result<(PathBuf, File)> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let mut last = None;
    for n in 0..100u32 {
        let tmp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
        let mut o = std::fs::OpenOptions::new();
        o.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            o.mode(0o600);
        }
        match o.open(&tmp) {
            Ok(f) => {
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
                }
                return Ok((tmp, f));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no temporary name free")))
}

/// Moves the finished temporary file to `path`. Without `force` a hard link claims the name
/// (it fails if anything appeared there since the check), so nothing is ever replaced.
fn put_in_place(tmp: &Path, path: &Path, force: bool) -> Result<(), ExportFileError> {
    let io = |source| ExportFileError::Io {
        path: path.to_path_buf(),
        source,
    };
    if force {
        // The target may have turned into a symlink since the first look; rename would
        // replace the link itself, not follow it, but refuse it all the same.
        refuse_target(path, true)?;
        return std::fs::rename(tmp, path).map_err(io);
    }
    match std::fs::hard_link(tmp, path) {
        Ok(()) => {
            let _ = std::fs::remove_file(tmp);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(ExportFileError::Exists(path.to_path_buf()))
        }
        // A file system without hard links: look once more, then rename.
        Err(_) => {
            refuse_target(path, false)?;
            std::fs::rename(tmp, path).map_err(io)
        }
    }
}

/// The rename is durable once the directory is synced; a failure here loses nothing written.
fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    use super::*;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).map(|m| m.mode() & 0o777).unwrap_or(0)
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn a_new_file_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("roster.csv");
        write(&p, b"a,b\n", false).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"a,b\n");
        assert_eq!(mode(&p), 0o600);
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn an_existing_file_is_refused_unless_forced_and_then_replaced_private() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("roster.csv");
        std::fs::write(&p, b"old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o666)).unwrap();
        let e = write(&p, b"new", false).unwrap_err();
        assert!(matches!(e, ExportFileError::Exists(_)), "{e}");
        assert!(
            e.message(Lang::En).contains("--force"),
            "{}",
            e.message(Lang::En)
        );
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        assert_eq!(mode(&p), 0o666);
        // Another owner's file (only root can make one): replaced by a new file of ours.
        let root = unsafe { libc::geteuid() } == 0;
        if root {
            std::os::unix::fs::chown(&p, Some(65534), Some(65534)).unwrap();
        }
        write(&p, b"new", true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        assert_eq!(mode(&p), 0o600);
        let meta = std::fs::metadata(&p).unwrap();
        assert_eq!(meta.uid(), unsafe { libc::geteuid() });
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_symlink_is_refused_even_when_forced() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"keep").unwrap();
        let link = dir.path().join("out.csv");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        for force in [false, true] {
            let e = write(&link, b"roster", force).unwrap_err();
            assert!(matches!(e, ExportFileError::Symlink(_)), "{e}");
        }
        // A dangling link too: following it would create the file it points at.
        let dangling = dir.path().join("dangling.csv");
        let target = dir.path().join("created-through-link");
        std::os::unix::fs::symlink(&target, &dangling).unwrap();
        assert!(write(&dangling, b"roster", false).is_err());
        assert!(!target.exists());
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_directory_or_a_fifo_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        assert!(matches!(
            write(&sub, b"x", true),
            Err(ExportFileError::NotRegular(_))
        ));
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            write(&fifo, b"x", true),
            Err(ExportFileError::NotRegular(_))
        ));
    }

    #[test]
    fn a_failed_fill_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.xlsx");
        let e = write_with(&p, false, |_| Err(std::io::Error::other("disk full")));
        assert!(e.is_err());
        assert!(!p.exists());
        assert!(leftovers(dir.path()).is_empty());
    }
}
