//! Reading the audit log, and who writes it.
//!
//! Every entry carries the OS account of the process that made the change, taken from the
//! uid (never from `USER`, which anyone can set); `--clerk` only adds a display name beside it.
//! A record's *version* is the time of its last change at its origin: the time of its latest
//! entry, or, for a record merged from a bundle, the time the bundle said it was changed (kept
//! in the entry's note as ` @TIME`), so that versions compare across ledgers.
//!
//! Owns: decoding audit entries (both layouts), the log query, record versions, the ledger's
//! identity. Must not touch: writing records.

use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset, NaiveDate};
use redb::{ReadableTable, TableHandle, WriteTransaction};
use serde::{Deserialize, Serialize};

use super::codec::decode;
use super::error::StoreError;
use super::read::{View, open_if_exists};
use super::tables::{AUDIT, AUDIT_BY_RECORD, META};
use super::write::Tx;
use crate::domain::{AuditEntry, Id};

/// The login name of the real uid (`getpwuid`), or `uid N` when the system has no name for
/// it. Root is `root` whatever `USER` says.
pub fn os_account() -> &'static str {
    static ACCOUNT: OnceLock<String> = OnceLock::new();
    ACCOUNT.get_or_init(account_of_uid)
}

#[cfg(unix)]
fn account_of_uid() -> String {
    // SAFETY: getuid cannot fail; getpwuid_r writes only into the buffers given to it.
    let uid = unsafe { libc::getuid() };
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut buf = vec![0 as libc::c_char; 4096];
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    let rc = unsafe { libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut found) };
    if rc == 0 && !found.is_null() && !pwd.pw_name.is_null() {
        // SAFETY: pw_name points into `buf`, NUL-terminated by getpwuid_r.
        let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
        let name = name.to_string_lossy();
        if !name.is_empty() {
            return name.into_owned();
        }
    }
    format!("uid {uid}")
}

#[cfg(not(unix))]
fn account_of_uid() -> String {
    std::env::var("USERNAME").unwrap_or_else(|_| "unknown".into())
}

/// The entry layout written before the OS account was recorded.
#[derive(Deserialize, Serialize)]
struct EntryV1 {
    id: Id,
    clerk: String,
    at: String,
    kind: String,
    record: Id,
    action: String,
    before: Option<String>,
    after: Option<String>,
    note: String,
}

/// An audit row of either layout. The account is the last field, so a program that knows
/// only the first layout still reads the rows this one writes (postcard leaves trailing
/// bytes unread), and a row of the first layout reads here with no account.
pub fn decode_entry(bytes: &[u8], key: &str) -> Result<AuditEntry, StoreError> {
    match decode::<AuditEntry>(bytes, AUDIT.name(), key) {
        Ok(e) => Ok(e),
        Err(first) => match decode::<EntryV1>(bytes, AUDIT.name(), key) {
            Ok(v) => Ok(AuditEntry {
                id: v.id,
                clerk: v.clerk,
                at: v.at,
                kind: v.kind,
                record: v.record,
                action: v.action,
                before: v.before,
                after: v.after,
                note: v.note,
                account: String::new(),
            }),
            Err(_) => Err(first),
        },
    }
}

/// The note of an entry for a record merged from a bundle: where it came from, and the time
/// it was changed at its origin (its version).
pub fn bundle_note(place: &str, version: Option<&str>) -> String {
    match version {
        Some(v) => format!("{place} @{v}"),
        None => place.to_string(),
    }
}

/// The version an entry gives its record (see the module docs): for a record merged from a
/// bundle that did not know its version, none.
pub fn version_of_entry(e: &AuditEntry) -> Option<String> {
    if e.action.starts_with("bundle") {
        return e
            .note
            .rsplit_once(" @")
            .map(|(_, v)| v)
            .filter(|v| DateTime::parse_from_rfc3339(v).is_ok())
            .map(str::to_string);
    }
    Some(e.at.clone())
}

/// Which entries `baodao log` shows.
#[derive(Debug, Clone, Default)]
pub struct LogFilter {
    /// Only this record's history.
    pub record: Option<Id>,
    /// Only entries whose display name or OS account is this.
    pub clerk: Option<String>,
    /// Only entries on or after this day (local time of the entry).
    pub since: Option<NaiveDate>,
    /// At most this many, the newest.
    pub limit: Option<usize>,
}

impl LogFilter {
    fn keeps(&self, e: &AuditEntry) -> bool {
        if let Some(c) = &self.clerk
            && e.clerk != *c
            && e.account != *c
        {
            return false;
        }
        if let Some(d) = self.since {
            match DateTime::parse_from_rfc3339(&e.at) {
                Ok(t) if t.date_naive() >= d => {}
                _ => return false,
            }
        }
        true
    }
}

impl View {
    /// Entries matching `filter`, oldest first.
    pub fn audit_log(&self, filter: &LogFilter) -> Result<Vec<AuditEntry>, StoreError> {
        let mut out = Vec::new();
        if let Some(r) = filter.record {
            out = self.audit_of(r)?;
            out.retain(|e| filter.keeps(e));
        } else if let Some(table) = open_if_exists(&self.txn, AUDIT)? {
            let limit = filter.limit.unwrap_or(usize::MAX);
            for entry in table.iter()?.rev() {
                let (k, v) = entry?;
                let e = decode_entry(v.value(), &Id(k.value()).to_string())?;
                // Entries are in time order: once before `since`, the rest are older still.
                if let Some(d) = filter.since
                    && DateTime::parse_from_rfc3339(&e.at).is_ok_and(|t| t.date_naive() < d)
                {
                    break;
                }
                if filter.keeps(&e) {
                    out.push(e);
                    if out.len() >= limit {
                        break;
                    }
                }
            }
            out.reverse();
        }
        if let Some(n) = filter.limit
            && out.len() > n
        {
            out.drain(..out.len() - n);
        }
        Ok(out)
    }

    /// The version of a record here: when it was last changed at its origin.
    pub fn version_of(&self, record: Id) -> Result<Option<String>, StoreError> {
        let Some(index) = open_if_exists(&self.txn, AUDIT_BY_RECORD)? else {
            return Ok(None);
        };
        let Some(entry) = last_entry_of(&index, record)? else {
            return Ok(None);
        };
        version_in(&self.txn.open_table(AUDIT)?, entry)
    }

    /// The ledger's identity (written on its first read-write open), if it has one yet.
    pub fn ledger_identity(&self) -> Result<Option<String>, StoreError> {
        let Some(meta) = open_if_exists(&self.txn, META)? else {
            return Ok(None);
        };
        let v = meta.get(IDENTITY)?;
        Ok(v.map(|v| String::from_utf8_lossy(v.value()).into_owned()))
    }
}

impl Tx<'_> {
    /// [`View::version_of`] inside a write transaction.
    pub fn version_of(&self, record: Id) -> Result<Option<String>, StoreError> {
        let Some(entry) = self
            .tables
            .pairs(AUDIT_BY_RECORD, |index| last_entry_of(&*index, record))?
        else {
            return Ok(None);
        };
        self.tables.rows(AUDIT, |audit| version_in(&*audit, entry))
    }
}

/// The META key of the ledger's identity: a random id, the same for every copy of the file.
const IDENTITY: &str = "ledger-id";

/// Gives the ledger an identity if it has none (bundles name the ledger they came from).
pub(super) fn ensure_identity(txn: &WriteTransaction) -> Result<bool, StoreError> {
    let mut meta = txn.open_table(META)?;
    if meta.get(IDENTITY)?.is_some() {
        return Ok(false);
    }
    let id = Id::new().to_string();
    meta.insert(IDENTITY, id.as_bytes())?;
    Ok(true)
}

/// Compares two versions as instants (they may carry different offsets); `None` when either
/// is not a time.
pub fn compare_versions(a: &str, b: &str) -> Option<std::cmp::Ordering> {
    let a: DateTime<FixedOffset> = DateTime::parse_from_rfc3339(a).ok()?;
    let b: DateTime<FixedOffset> = DateTime::parse_from_rfc3339(b).ok()?;
    Some(a.cmp(&b))
}

/// The id of a record's latest audit entry, read the same way in a view and in a write.
fn last_entry_of(
    index: &impl ReadableTable<(u128, u128), ()>,
    record: Id,
) -> Result<Option<u128>, StoreError> {
    Ok(index
        .range((record.0, 0u128)..=(record.0, u128::MAX))?
        .next_back()
        .transpose()?
        .map(|(k, _)| k.value().1))
}

/// The version an audit entry gives its record.
fn version_in(
    audit: &impl ReadableTable<u128, &'static [u8]>,
    entry: u128,
) -> Result<Option<String>, StoreError> {
    match audit.get(entry)? {
        Some(v) => Ok(version_of_entry(&decode_entry(
            v.value(),
            &Id(entry).to_string(),
        )?)),
        None => Ok(None),
    }
}
