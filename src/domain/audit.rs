//! The audit log: who changed which record when, with the record before and after.
use serde::{Deserialize, Serialize};

use super::Id;

/// One change. `before`/`after` are the records as JSON (absent for a creation/removal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: Id,
    /// The display name: `--clerk NAME`, else the OS account.
    pub clerk: String,
    /// RFC 3339 time of the change.
    pub at: String,
    /// The record's kind (`member`, `service` …) and id.
    pub kind: String,
    pub record: Id,
    /// What the change was, e.g. `save`, `revoke-certification`, `reopen-year`, `undo`.
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// Why, where the clerk gave a reason.
    pub note: String,
    /// The OS account of the process that made the change (from its uid; empty in entries
    /// written before it was recorded). Last, so older programs still read the entry.
    pub account: String,
}
