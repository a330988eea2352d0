//! The ledger file: the only module that touches redb.
//!
//! - [`tables`]: every table and its key/value layout; [`codec`]: row bytes;
//!   [`entity`]: which indexes each entity feeds; [`migrate`]: numbered schema migrations.
//! - [`Ledger::write`] runs one durable transaction ([`Tx`]); [`Ledger::view`] opens a
//!   consistent snapshot ([`View`]).
//!
//! Ledgers open in redb's multi-process mode so several clerks' processes on one server share
//! one file; every commit also records the allocator state (quick repair), so reopening after a
//! crash or a dropped SSH session does not rebuild it from the whole file. Read-only handles
//! go through [`reviewer`], which never writes and is not locked out by a dead writer.
pub mod audit;
pub mod check;
pub mod codec;
pub mod community_tallies;
pub mod copy;
pub mod damage;
pub mod entity;
pub mod error;
pub mod migrate;
mod open_tables;
pub mod read;
mod reviewer;
mod scratch;
pub mod search_docs;
pub mod search_file;
pub mod search_snapshot;
pub mod tables;
mod tally_table;
mod unfinished;
pub mod unit_tallies;
pub mod write;

use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate};
use redb::{
    Builder, ConcurrencyMode, Database, Durability, ReadOnlyDatabase, ReadableDatabase,
    ReadableTable,
};

pub use entity::Stored;
pub use error::{LockReason, StoreError};
pub use read::View;
pub use write::{Change, Tx};

use crate::domain::AuditEntry;

/// How to open a ledger.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// Reviewers: no write is possible, and the file is never created or migrated.
    pub read_only: bool,
    /// The name written into the audit log (defaults to the OS user).
    pub clerk: Option<String>,
    /// Fixes "today" (tests, and year-end rehearsals); defaults to the local date.
    pub today: Option<NaiveDate>,
}

enum Db {
    ReadWrite(Database),
    ReadOnly(ReadOnlyDatabase),
    /// A clerk's ledger, read through a reader's handle until its first write opens redb's
    /// writer: the writer rewrites the header on open and on close, so a clerk who only looks
    /// (or one whose file turns out damaged) must never have opened it. redb's locks belong to
    /// each open file, so the two handles share the file as a reviewer and a clerk would.
    Clerk(Box<ClerkDb>),
}

struct ClerkDb {
    reader: ReadOnlyDatabase,
    writer: std::sync::OnceLock<Database>,
    opening: std::sync::Mutex<()>,
}

/// An open ledger file.
pub struct Ledger {
    db: Db,
    path: PathBuf,
    clerk: String,
    today: Option<NaiveDate>,
    /// A trial's ledger and its snapshot of it, kept open so no clerk reclaims its pages.
    _trial_of: Option<(View, Box<Ledger>)>,
}

/// The cache of each ledger handle this process opens (see [`set_cache_bytes`]).
static CACHE_BYTES: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(256 * 1024 * 1024);

/// Sets the cache of every ledger handle this process opens from now on. A bulk job that
/// writes a province once (the demo generator) reads little back, while a clerk's ledger has
/// two handles (reader and writer) that would each fill theirs with pages it never reads
/// again.
pub fn set_cache_bytes(bytes: usize) {
    CACHE_BYTES.store(bytes, std::sync::atomic::Ordering::Relaxed);
}

fn builder() -> Builder {
    let mut b = Builder::new();
    b.set_concurrency_mode(ConcurrencyMode::MultiWriter);
    // A ledger is read in small pieces by many processes; 1 GiB each (redb's default) would
    // multiply by every clerk and reviewer on a server.
    b.set_cache_size(CACHE_BYTES.load(std::sync::atomic::Ordering::Relaxed));
    b
}

impl Ledger {
    /// Opens (or, unless read-only, creates) the ledger at `path`, migrating an older schema
    /// after backing the file up, and refusing one written by a newer program.
    pub fn open(path: &Path, opts: OpenOptions) -> Result<Ledger, StoreError> {
        let open_err = |why: String| StoreError::Open {
            path: path.display().to_string(),
            why,
        };
        if opts.read_only && !path.exists() {
            return Err(open_err("no such file".into()));
        }
        if !opts.read_only && !path.exists() {
            damage::refuse_if_marked(path)?;
            create_whole(path, &opts)?;
        }
        let exists = path.exists();
        // redb would make an empty ledger of an empty file; a ledger is never empty, so this
        // is one cut short (or not a ledger), to be left as it is.
        if exists && std::fs::metadata(path).is_ok_and(|m| m.len() == 0) {
            return Err(open_err(format!("{} (empty)", damaged())));
        }
        if !opts.read_only {
            damage::refuse_if_marked(path)?;
        }
        let clerk = opts.clerk.clone().unwrap_or_else(os_user);
        // A clerk's ledger is looked at before it is written: a file from a newer program or
        // a damaged one is refused without redb's writer rewriting its header on the way.
        let db = open_db(path, opts.read_only).map_err(&open_err)?;
        let mut ledger = Ledger {
            db,
            path: path.to_path_buf(),
            clerk,
            today: opts.today,
            _trial_of: None,
        };
        let found = ledger.schema_version()?;
        let read_only = opts.read_only;
        if found > migrate::CURRENT {
            return Err(StoreError::NewerSchema {
                found,
                supported: migrate::CURRENT,
            });
        }
        if found < migrate::CURRENT && !(read_only && found >= migrate::READABLE_FROM) {
            if opts.read_only {
                return Err(open_err(format!(
                    "schema {found} needs migrating to {}; open it once without --read-only",
                    migrate::CURRENT
                )));
            }
            if found > 0 {
                ledger = ledger.backup_before_migration(found, opts)?;
            }
            migrate::run(&ledger, found)?;
        }
        if !read_only {
            ledger.ensure_identity()?;
            // A clerk's next run clears what a killed one left beside the ledger.
            search_file::sweep_stale(path);
        }
        Ok(ledger)
    }

    /// A new ledger made whole (schema, settings, identity) under a name of its own, then
    /// linked into place: a process killed while creating leaves no file, or a complete one,
    /// never an empty or half-made file at `path`.
    fn create_whole_at(tmp: &Path, opts: &OpenOptions) -> Result<(), StoreError> {
        create_private(tmp).map_err(|e| StoreError::Open {
            path: tmp.display().to_string(),
            why: e.to_string(),
        })?;
        // In a directory laid out for clerks and reviewers (`baodao init`) a new ledger
        // joins the layout; failing that it stays private, which is never too open.
        let _ = crate::access::share::join_directory(tmp);
        let db = builder().create(tmp).map_err(|e| StoreError::Open {
            path: tmp.display().to_string(),
            why: describe(e),
        })?;
        let ledger = Ledger {
            db: Db::ReadWrite(db),
            path: tmp.to_path_buf(),
            clerk: opts.clerk.clone().unwrap_or_else(os_user),
            today: opts.today,
            _trial_of: None,
        };
        migrate::run(&ledger, 0)?;
        ledger.ensure_identity()?;
        ledger.close()
    }

    fn backup_before_migration(self, found: u32, opts: OpenOptions) -> Result<Ledger, StoreError> {
        let path = self.path.clone();
        drop(self);
        let backup = path.with_extension(format!("schema{found}.bak.redb"));
        copy_file_like(&path, &backup)?;
        let db = builder().open(&path).map_err(|e| StoreError::Open {
            path: path.display().to_string(),
            why: describe(e),
        })?;
        let clerk = opts.clerk.unwrap_or_else(os_user);
        Ok(Ledger {
            db: Db::ReadWrite(db),
            path,
            clerk,
            today: opts.today,
            _trial_of: None,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn clerk(&self) -> &str {
        &self.clerk
    }

    /// A copy of the ledger to try changes on (an import's dry run): the commit it holds now,
    /// every write kept in this process's memory, so the file is never written and a reviewer
    /// may try an import too.
    pub fn trial(self) -> Result<Ledger, StoreError> {
        let (header, pinned) = scratch::pinned_header(&self.path, || self.view())?;
        let copy = scratch::ScratchCopy::open(&self.path, header)?;
        let mut b = Builder::new();
        b.set_cache_size(64 * 1024 * 1024);
        let db = match quietly(|| b.create_with_backend(copy)) {
            Some(Ok(db)) => db,
            Some(Err(e)) => return Err(self.open_failed(describe(e))),
            None => return Err(self.open_failed(damaged())),
        };
        Ok(Ledger {
            db: Db::ReadWrite(db),
            path: self.path.clone(),
            clerk: self.clerk.clone(),
            today: self.today,
            _trial_of: Some((pinned, Box::new(self))),
        })
    }

    /// redb's writer for this ledger, opened at the first write of a clerk's ledger.
    fn writer(&self) -> Result<&Database, StoreError> {
        let clerk = match &self.db {
            Db::ReadWrite(db) => return Ok(db),
            Db::ReadOnly(_) => return Err(StoreError::ReadOnly),
            Db::Clerk(c) => c,
        };
        if let Some(db) = clerk.writer.get() {
            return Ok(db);
        }
        let _one = clerk
            .opening
            .lock()
            .map_err(|_| StoreError::Storage("ledger writer poisoned".into()))?;
        if clerk.writer.get().is_none() {
            damage::refuse_if_marked(&self.path)?;
            let db = match quietly(|| builder().create(&self.path)) {
                Some(Ok(db)) => db,
                Some(Err(e)) => return Err(self.open_failed(describe(e))),
                None => return Err(self.open_failed(damaged())),
            };
            let _ = clerk.writer.set(db);
        }
        clerk
            .writer
            .get()
            .ok_or_else(|| StoreError::Storage("ledger writer not opened".into()))
    }

    fn open_failed(&self, why: String) -> StoreError {
        StoreError::Open {
            path: self.path.display().to_string(),
            why,
        }
    }

    pub fn is_read_only(&self) -> bool {
        matches!(self.db, Db::ReadOnly(_))
    }

    /// Today's date for validation and rules (fixed in tests).
    pub fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(|| Local::now().date_naive())
    }

    /// A consistent snapshot of the ledger.
    pub fn view(&self) -> Result<View, StoreError> {
        let txn = match &self.db {
            Db::ReadWrite(db) => db.begin_read()?,
            Db::ReadOnly(db) => db.begin_read()?,
            Db::Clerk(c) => match c.writer.get() {
                Some(db) => db.begin_read()?,
                None => c.reader.begin_read()?,
            },
        };
        Ok(View { txn })
    }

    /// Runs `f` in one durable transaction: all of it is saved when this returns `Ok`, none of
    /// it otherwise.
    pub fn write<T>(
        &self,
        f: impl FnOnce(&mut Tx) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.transact(true, false, Durability::Immediate, f)
            .map(|(t, _)| t)
    }

    /// [`Self::write`], also returning the changes made (for undo).
    pub fn write_changes<T>(
        &self,
        f: impl FnOnce(&mut Tx) -> Result<T, StoreError>,
    ) -> Result<(T, Vec<Change>), StoreError> {
        self.transact(true, true, Durability::Immediate, f)
    }

    /// A large batch (the demo generator): no per-row audit entries. Still durable: redb
    /// refuses non-durable commits on a file shared between processes.
    pub fn write_bulk<T>(
        &self,
        f: impl FnOnce(&mut Tx) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.transact(false, false, Durability::Immediate, |tx| {
            // Bulk rows bypass the search journal: a stored snapshot would miss them.
            search_snapshot::invalidate(tx.bare())?;
            f(tx)
        })
        .map(|(t, _)| t)
    }

    fn transact<T>(
        &self,
        audit: bool,
        keep_changes: bool,
        durability: Durability,
        f: impl FnOnce(&mut Tx) -> Result<T, StoreError>,
    ) -> Result<(T, Vec<Change>), StoreError> {
        // A check in another process may have found the file damaged since it was opened.
        damage::refuse_if_marked(&self.path)?;
        let db = self.writer()?;
        let mut txn = db.begin_write()?;
        txn.set_durability(durability)?;
        txn.set_quick_repair(true);
        let mut tx = Tx {
            tables: open_tables::OpenTables::new(&txn),
            clerk: &self.clerk,
            now: Local::now().to_rfc3339(),
            today: self.today(),
            audit,
            changes: Vec::new(),
            keep_changes,
            pending_audit: Vec::new(),
            unit_tallies: Default::default(),
            community_tallies: Default::default(),
        };
        // On error the transaction is dropped, which aborts it: nothing partial is saved.
        let out = f(&mut tx)?;
        tx.flush_tallies()?;
        tx.flush_audit()?;
        bump_generation(&tx)?;
        // The open tables write their roots back as they close, before the commit.
        let changes = std::mem::take(&mut tx.changes);
        drop(tx);
        txn.commit()?;
        Ok((out, changes))
    }

    /// Gives the ledger its identity on its first read-write open (one small commit, once).
    fn ensure_identity(&self) -> Result<(), StoreError> {
        if self.view()?.ledger_identity()?.is_some() {
            return Ok(());
        }
        if self.is_read_only() {
            return Ok(());
        }
        let txn = self.writer()?.begin_write()?;
        if audit::ensure_identity(&txn)? {
            txn.commit()?;
        }
        Ok(())
    }

    /// The schema version recorded in the file (0 for a new, empty file).
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        let view = self.view()?;
        let Some(meta) = read::open_if_exists(&view.txn, tables::META)? else {
            return Ok(0);
        };
        let v = meta.get("schema")?.map(|v| v.value().to_vec());
        match v {
            None => Ok(0),
            Some(b) => match <[u8; 4]>::try_from(b.as_slice()) {
                Ok(a) => Ok(u32::from_le_bytes(a)),
                Err(_) => Err(StoreError::Corrupt {
                    table: "meta-v1".into(),
                    key: "schema".into(),
                    why: format!("{} bytes", b.len()),
                }),
            },
        }
    }

    /// Adds a summary entry to the audit log (an import, the demo generation) on its own.
    pub fn log(&self, action: &str, note: &str) -> Result<(), StoreError> {
        let clerk = self.clerk.clone();
        self.write(|tx| {
            tx.append_audit(AuditEntry {
                id: crate::domain::Id::new(),
                clerk,
                at: Local::now().to_rfc3339(),
                kind: "ledger".into(),
                record: crate::domain::Id(0),
                action: action.into(),
                before: None,
                after: None,
                note: note.into(),
                account: String::new(),
            })
        })
    }

    /// Closes the file, reporting any error (dropping closes too, silently).
    pub fn close(self) -> Result<(), StoreError> {
        match self.db {
            Db::ReadWrite(db) => db.close().map_err(|e| StoreError::Storage(e.to_string())),
            Db::ReadOnly(db) => db.close().map_err(|e| StoreError::Storage(e.to_string())),
            Db::Clerk(c) => {
                let ClerkDb { reader, writer, .. } = *c;
                if let Some(db) = writer.into_inner() {
                    db.close().map_err(|e| StoreError::Storage(e.to_string()))?;
                }
                reader
                    .close()
                    .map_err(|e| StoreError::Storage(e.to_string()))
            }
        }
    }
}

/// Opens the redb file. redb's debug builds assert on some kinds of damage instead of returning
/// an error; a damaged file must be refused with a message either way, never crash the program.
/// Every open reads through [`reviewer::ReviewerFile`]: it never writes, and it opens a file
/// whose last writer died without waiting for a clerk to repair it. A clerk's ledger opens
/// redb's writer at its first write ([`Ledger::writer`]); one the reader cannot open for
/// another reason than damage is opened by the writer at once, which says why.
fn open_db(path: &Path, read_only: bool) -> Result<Db, String> {
    let opened = quietly(|| {
        let file = reviewer::ReviewerFile::open(path).map_err(redb::DatabaseError::from)?;
        builder().open_read_only_with_backend(file)
    });
    let reader = match opened {
        Some(Ok(db)) => db,
        Some(Err(e)) => {
            let why = describe(e);
            if read_only || why.starts_with(&damaged()) {
                return Err(why);
            }
            return match quietly(|| builder().create(path)) {
                Some(Ok(db)) => Ok(Db::ReadWrite(db)),
                Some(Err(e)) => Err(describe(e)),
                None => Err(damaged()),
            };
        }
        None => return Err(damaged()),
    };
    Ok(if read_only {
        Db::ReadOnly(reader)
    } else {
        Db::Clerk(Box::new(ClerkDb {
            reader,
            writer: std::sync::OnceLock::new(),
            opening: std::sync::Mutex::new(()),
        }))
    })
}

/// Runs `f`, turning a panic into `None` without printing it: redb asserts on some kinds of
/// damage, and a damaged file must be a message, never a crash.
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    out.ok()
}

fn bump_generation(tx: &Tx) -> Result<(), StoreError> {
    let mut meta = tx.bare().open_table(tables::META)?;
    let g = meta
        .get("generation")?
        .and_then(|v| v.value().try_into().ok().map(u64::from_le_bytes))
        .unwrap_or(0);
    meta.insert("generation", (g + 1).to_le_bytes().as_slice())?;
    Ok(())
}

/// Creates the ledger at `path` whole: made beside it under a name of this process, then
/// linked to `path` (which another process creating it at the same time may have done first:
/// then theirs is kept). Leftovers of creators killed part way are removed.
fn create_whole(path: &Path, opts: &OpenOptions) -> Result<(), StoreError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let io_err = |e: std::io::Error| StoreError::Open {
        path: path.display().to_string(),
        why: e.to_string(),
    };
    std::fs::create_dir_all(&dir).map_err(io_err)?;
    remove_dead_creations(&dir, &name);
    let tmp = dir.join(format!(".{name}.{}.new", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let made = Ledger::create_whole_at(&tmp, opts).and_then(|()| {
        match std::fs::hard_link(&tmp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            // A file system without hard links: a rename, which could replace a ledger
            // another process created meanwhile, so only when there is still none.
            Err(_) if !path.exists() => std::fs::rename(&tmp, path).map_err(io_err),
            Err(e) => Err(io_err(e)),
        }
    });
    let _ = std::fs::remove_file(&tmp);
    made
}

/// Removes `.NAME.PID.new` files in `dir` whose creating process no longer runs.
fn remove_dead_creations(dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".new"))
            .and_then(|pid| pid.parse::<i32>().ok())
        else {
            continue;
        };
        // SAFETY: signal 0 only asks whether the process exists.
        let gone = unsafe { libc::kill(pid, 0) } != 0
            && std::io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH);
        if gone {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Creates an empty file readable by its owner only: a ledger holds personal data.
fn create_private(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)?;
    }
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path).map(drop)
}

/// Creates `out`, empty and private, then gives it `ledger`'s access: a copy beside a ledger
/// shared with groups of clerks and reviewers is shared with the same groups, and no more.
fn create_like(ledger: &Path, out: &Path) -> Result<(), StoreError> {
    create_private(out)?;
    give_access(ledger, out)
}

/// Copies `ledger` to `out` (replacing an earlier copy there) with `ledger`'s access.
fn copy_file_like(ledger: &Path, out: &Path) -> Result<(), StoreError> {
    match create_private(out) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(e.into()),
        _ => {}
    }
    give_access(ledger, out)?;
    let mut from = std::fs::File::open(ledger)?;
    let mut to = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(out)?;
    std::io::copy(&mut from, &mut to)?;
    to.sync_all()?;
    Ok(())
}

fn give_access(ledger: &Path, out: &Path) -> Result<(), StoreError> {
    crate::access::LedgerAccess::of(ledger)
        .and_then(|a| a.give(out))
        .map_err(|e| StoreError::Open {
            path: out.display().to_string(),
            why: e.to_string(),
        })
}

/// The display name when no `--clerk` is given: the OS account of the uid (not `USER`,
/// which anyone can set).
fn os_user() -> String {
    audit::os_account().to_string()
}

fn damaged() -> String {
    "the file is damaged or is not a baodao ledger; it was left untouched".into()
}

/// A clerk-readable reason why redb refused the file.
fn describe(e: redb::DatabaseError) -> String {
    match e {
        redb::DatabaseError::Storage(redb::StorageError::Corrupted(why)) => {
            format!("{} ({why})", damaged())
        }
        // Shorter than its own header says: cut short.
        redb::DatabaseError::Storage(redb::StorageError::Io(e))
            if e.kind() == std::io::ErrorKind::UnexpectedEof =>
        {
            format!("{} (cut short)", damaged())
        }
        other => other.to_string(),
    }
}
