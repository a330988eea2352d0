//! What can go wrong with a ledger, each case with a message that says what to do.
use crate::domain::Invalid;
use crate::i18n::{Lang, t, tf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A record failed validation: the clerk must fix the named fields.
    #[error("invalid record")]
    Invalid(Invalid),
    /// A certified row or a closed year: needs an explicit, logged revoke or reopen.
    #[error("locked: {0}")]
    Locked(LockReason),
    #[error("{kind} {id} not found")]
    NotFound { kind: &'static str, id: String },
    #[error("{kind} {id} is referenced by {by}")]
    Referenced {
        kind: &'static str,
        id: String,
        by: String,
    },
    #[error("ledger is read-only")]
    ReadOnly,
    #[error("ledger schema {found} is newer than this program's {supported}")]
    NewerSchema { found: u32, supported: u32 },
    #[error("corrupt row in {table} at {key}: {why}")]
    Corrupt {
        table: String,
        key: String,
        why: String,
    },
    #[error("cannot open {path}: {why}")]
    Open { path: String, why: String },
    #[error("storage: {0}")]
    Storage(String),
    /// `baodao check` found the file damaged: no more writes until it is restored.
    #[error("the ledger {path} is damaged (see {note})")]
    Damaged { path: String, note: String },
    /// The file is shorter than its own pages say: cut short (a copy stopped part way, a
    /// full disk). Left as it is, like any damaged file.
    #[error("the ledger file is cut short")]
    CutShort,
    /// SIGTERM/SIGHUP arrived during a long job; what was committed stays.
    #[error("interrupted")]
    Interrupted,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockReason {
    Certified,
    YearClosed(i32),
}

impl std::fmt::Display for LockReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockReason::Certified => write!(f, "certified"),
            LockReason::YearClosed(y) => write!(f, "year {y} closed"),
        }
    }
}

impl StoreError {
    /// A user's error (exit 1) rather than an internal one (exit 2).
    pub fn is_user_error(&self) -> bool {
        !matches!(self, StoreError::Storage(_) | StoreError::Corrupt { .. })
    }

    /// The message a clerk reads.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            StoreError::Invalid(inv) => inv.message(lang),
            StoreError::Locked(LockReason::Certified) => t(lang, "err.locked").to_string(),
            StoreError::Locked(LockReason::YearClosed(y)) => tf(lang, "err.year_closed", &[y]),
            StoreError::NotFound { kind, id } => tf(lang, "err.record_not_found", &[kind, id]),
            StoreError::Referenced { kind, id, by } => tf(lang, "err.referenced", &[kind, id, by]),
            StoreError::ReadOnly => t(lang, "err.read_only").to_string(),
            StoreError::NewerSchema { found, supported } => {
                tf(lang, "err.newer_schema", &[found, supported])
            }
            StoreError::Corrupt { table, key, why } => tf(lang, "err.corrupt", &[table, key, why]),
            StoreError::Open { path, why } => tf(lang, "err.open", &[path, why]),
            StoreError::Storage(why) => tf(lang, "err.storage", &[why]),
            StoreError::Damaged { path, note } => tf(lang, "err.damaged", &[path, note]),
            StoreError::Interrupted => t(lang, "err.interrupted").to_string(),
            StoreError::CutShort => t(lang, "err.cut_short").to_string(),
        }
    }
}

/// A storage error, or [`StoreError::CutShort`] when a read ran past the end of the file
/// (std's `read_exact` says "failed to fill whole buffer", which redb passes on as text).
fn storage(e: &(dyn std::error::Error + 'static)) -> StoreError {
    let mut cause = Some(e);
    while let Some(c) = cause {
        if c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::UnexpectedEof)
        {
            return StoreError::CutShort;
        }
        cause = c.source();
    }
    let text = e.to_string();
    if text.contains("failed to fill whole buffer") {
        return StoreError::CutShort;
    }
    StoreError::Storage(text)
}

macro_rules! storage_from {
    ($($t:ty),+) => {
        $(impl From<$t> for StoreError {
            fn from(e: $t) -> StoreError {
                storage(&e)
            }
        })+
    };
}

storage_from!(
    redb::Error,
    redb::DatabaseError,
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError,
    redb::SetDurabilityError,
    std::io::Error
);
