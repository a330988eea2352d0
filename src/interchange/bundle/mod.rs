//! Bundles: records moved between ledgers, for 转移接续 (a member moving city takes their
//! history) and a county collecting its communities' ledgers.
//!
//! A bundle is JSON Lines: a header `{"format":"baodao-bundle","version":2,…}` naming the
//! exporting ledger and the time of export, then one entry per line, `{"changed":TIME,
//! "item":RECORD}`, where `changed` is the record's version (when it was last changed at its
//! origin) and the record is as the domain serializes it, and last `{"sha256":HEX}`, the
//! SHA-256 of every byte before that line. A bundle whose checksum does not match is damaged
//! and refused whole, before anything in it is believed. Records come in dependency order
//! (what a record points to comes before it, and year closures last, since a closed year
//! refuses the rows in it) and by id within a kind.
//!
//! Import merges by id in one transaction, comparing versions (see [`merge`]). Anything the
//! receiving ledger refuses (a certified row changed, a closed year, an id that names a
//! different thing here) is listed and nothing is applied.
pub mod collect;
pub mod merge;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use collect::{Scope, collect};
pub use merge::{BundleOutcome, Prefer, import_bundle};

use super::error::ImportIssue;
use crate::domain::safe_text::neutralise;
use crate::domain::{Id, Record};
use crate::i18n::{Lang, tf};
use crate::store::{StoreError, View};

pub const FORMAT: &str = "baodao-bundle";
/// The version this program writes and the newest it reads.
pub const VERSION: u32 = 2;

/// The first line of a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub format: String,
    pub version: u32,
    /// `community`, `member` or `ledger`.
    pub scope: String,
    /// The id of the community or member (empty for a whole ledger).
    pub subject: String,
    /// Its name, for the clerk who receives the file.
    pub name: String,
    /// Records after the header: a shorter file was cut off on the way.
    pub records: usize,
    /// The identity of the exporting ledger.
    pub ledger: String,
    /// When it was exported (RFC 3339).
    pub exported_at: String,
}

/// One record line: the record and its version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    changed: Option<String>,
    item: Record,
}

/// The last line.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Trailer {
    sha256: String,
}

/// Where a bundle comes from: the exporting ledger and the time of export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub ledger: String,
    pub exported_at: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bundle's bytes: the header line, one entry per record with its version, the checksum.
pub fn write(
    origin: &Origin,
    scope: Scope,
    name: &str,
    records: &[(Record, Option<String>)],
) -> String {
    let (scope_name, subject) = match scope {
        Scope::Community(id) => ("community", id.to_string()),
        Scope::Member(id) => ("member", id.to_string()),
        Scope::Ledger => ("ledger", String::new()),
    };
    let header = Header {
        format: FORMAT.into(),
        version: VERSION,
        scope: scope_name.into(),
        subject,
        name: name.to_string(),
        records: records.len(),
        ledger: origin.ledger.clone(),
        exported_at: origin.exported_at.clone(),
    };
    let mut out = String::new();
    // JSON's own escapes keep the same values and leave nothing a terminal would obey if the
    // file is shown with `cat`.
    for line in std::iter::once(serde_json::to_string(&header).unwrap_or_default()).chain(
        records.iter().map(|(r, changed)| {
            let e = Entry {
                changed: changed.clone(),
                item: r.clone(),
            };
            serde_json::to_string(&e).unwrap_or_default()
        }),
    ) {
        out.push_str(&neutralise(&line));
        out.push('\n');
    }
    seal(out)
}

/// `body` (whole lines) with its checksum line appended.
pub fn seal(mut body: String) -> String {
    let sum = hex(&Sha256::digest(body.as_bytes()));
    body.push_str(&format!("{{\"sha256\":\"{sum}\"}}\n"));
    body
}

/// Collects `scope` from `view` with each record's version and writes the bundle; `None`
/// when the community or member does not exist.
pub fn export(
    view: &View,
    scope: Scope,
    name: &str,
    exported_at: &str,
) -> Result<Option<(String, usize)>, StoreError> {
    let Some(records) = collect(view, scope)? else {
        return Ok(None);
    };
    let mut versioned = Vec::with_capacity(records.len());
    for r in records {
        let v = view.version_of(r.id())?;
        versioned.push((r, v));
    }
    let origin = Origin {
        ledger: view.ledger_identity()?.unwrap_or_default(),
        exported_at: exported_at.to_string(),
    };
    let n = versioned.len();
    Ok(Some((write(&origin, scope, name, &versioned), n)))
}

/// A bundle as read: its header and each record with its line number and version.
#[derive(Debug, Clone, PartialEq)]
pub struct Bundle {
    pub file: String,
    pub header: Header,
    pub records: Vec<(usize, Record, Option<String>)>,
}

/// The body before the checksum line, if the file ends with a well-formed checksum line that
/// matches it.
fn verified(text: &str) -> Option<&str> {
    let body_and_last = text.strip_suffix('\n')?;
    let cut = body_and_last.rfind('\n').map_or(0, |i| i + 1);
    let (body, last) = body_and_last.split_at(cut);
    let t: Trailer = serde_json::from_str(last).ok()?;
    // Exactly the line this program writes: nothing else may ride along.
    if last != format!("{{\"sha256\":\"{}\"}}", t.sha256) || t.sha256.len() != 64 {
        return None;
    }
    (hex(&Sha256::digest(body.as_bytes())) == t.sha256).then_some(body)
}

/// Parses a bundle, listing every line that is not a record as `FILE:LINE: message`. A
/// damaged bundle (its checksum does not match) is refused whole, and so is one from a newer
/// program (its records may mean something this program would get wrong) or from an older
/// one without a checksum.
pub fn read(file: &str, text: &str, lang: Lang) -> Result<Bundle, Vec<ImportIssue>> {
    let whole = |msg: String| vec![ImportIssue::file(file, msg)];
    let Some(first) = text.lines().next() else {
        return Err(whole(tf(lang, "bundle.empty", &[])));
    };
    let value: serde_json::Value = serde_json::from_str(first.trim_start_matches('\u{feff}'))
        .map_err(|_| whole(tf(lang, "bundle.not_bundle", &[])))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(whole(tf(lang, "bundle.not_bundle", &[])));
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > u64::from(VERSION) {
        return Err(whole(tf(lang, "bundle.newer", &[&version, &VERSION])));
    }
    if version == 1 {
        return Err(whole(tf(lang, "bundle.unsigned", &[])));
    }
    let Some(body) = verified(text) else {
        return Err(whole(tf(lang, "bundle.damaged", &[])));
    };
    let mut lines = body.lines().enumerate();
    let header: Header = lines
        .next()
        .and_then(|(_, l)| serde_json::from_str(l).ok())
        .filter(|h: &Header| h.version == VERSION)
        .ok_or_else(|| whole(tf(lang, "bundle.damaged", &[])))?;
    let mut records = Vec::new();
    let mut issues = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for (i, line) in lines {
        let n = i + 1;
        match serde_json::from_str::<Entry>(line) {
            Ok(e) if let Some(err) = e.item.refused_text() => {
                issues.push(ImportIssue::at(file, n, "", err.message(lang)));
            }
            Ok(Entry { changed, item: r }) => {
                if let Some(first) = seen.insert((r.kind(), r.id()), n) {
                    let msg = tf(lang, "bundle.repeated", &[&r.id(), &first]);
                    issues.push(ImportIssue::at(file, n, "", msg));
                }
                records.push((n, r, changed));
            }
            Err(e) => {
                let msg = tf(lang, "bundle.bad_line", &[&e]);
                issues.push(ImportIssue::at(file, n, "", msg));
            }
        }
    }
    let found = records.len() + issues.iter().filter(|i| i.row > 0).count();
    if issues.is_empty() && found != header.records {
        issues.push(ImportIssue::file(
            file,
            tf(lang, "bundle.count", &[&header.records, &found]),
        ));
    }
    if issues.is_empty() {
        Ok(Bundle {
            file: file.to_string(),
            header,
            records,
        })
    } else {
        Err(issues)
    }
}

/// The subject's id named in a header, if any.
pub fn subject(h: &Header) -> Option<Id> {
    h.subject.parse().ok()
}
