//! Bundles: records moved between ledgers, for 转移接续 (a member moving city takes their
//! history) and a county collecting its communities' ledgers.
//!
//! A bundle is JSON Lines: a header `{"format":"baodao-bundle","version":1,…}` then one
//! [`Record`] per line, as the domain serializes it. Records come in dependency order (what a
//! record points to comes before it, and year closures last, since a closed year refuses
//! the rows in it) and by id within a kind. Nothing in it depends on the clock or on the
//! ledger it came from, so export → import → export gives the same bytes.
//!
//! Import merges by id in one transaction: an identical record is left alone, a new one is
//! added and a different one updated, each through the store's `save` (validated, audited).
//! Anything the receiving ledger refuses (a certified row changed, a closed year) is listed
//! and nothing is applied.
pub mod collect;
pub mod merge;

use serde::{Deserialize, Serialize};

pub use collect::{Scope, collect};
pub use merge::{BundleOutcome, import_bundle};

use super::error::ImportIssue;
use crate::domain::{Id, Record};
use crate::i18n::{Lang, tf};

pub const FORMAT: &str = "baodao-bundle";
/// The version this program writes and the newest it reads.
pub const VERSION: u32 = 1;

/// The first line of a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// The bundle's bytes: the header line, then one record per line.
pub fn write(scope: Scope, name: &str, records: &[Record]) -> String {
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
    };
    let mut out = serde_json::to_string(&header).unwrap_or_default();
    out.push('\n');
    for r in records {
        // JSON's own escapes: the same value, and nothing a terminal would obey if the file
        // is shown with `cat`.
        out.push_str(&crate::domain::safe_text::neutralise(&r.to_json()));
        out.push('\n');
    }
    out
}

/// A bundle as read: its header and each record with its line number.
#[derive(Debug, Clone, PartialEq)]
pub struct Bundle {
    pub file: String,
    pub header: Header,
    pub records: Vec<(usize, Record)>,
}

/// Parses a bundle, listing every line that is not a record as `FILE:LINE: message`. A
/// bundle from a newer program is refused as a whole: its records may mean something this
/// program would get wrong.
pub fn read(file: &str, text: &str, lang: Lang) -> Result<Bundle, Vec<ImportIssue>> {
    let whole = |msg: String| vec![ImportIssue::file(file, msg)];
    let mut lines = text.lines().enumerate();
    let Some((_, first)) = lines.next() else {
        return Err(whole(tf(lang, "bundle.empty", &[])));
    };
    let first = first.trim_start_matches('\u{feff}');
    let value: serde_json::Value =
        serde_json::from_str(first).map_err(|_| whole(tf(lang, "bundle.not_bundle", &[])))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(whole(tf(lang, "bundle.not_bundle", &[])));
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > u64::from(VERSION) {
        return Err(whole(tf(lang, "bundle.newer", &[&version, &VERSION])));
    }
    let header: Header = serde_json::from_value(value).map_err(|e| {
        vec![ImportIssue::at(
            file,
            1,
            "",
            tf(lang, "bundle.bad_header", &[&e]),
        )]
    })?;
    if header.version == 0 {
        return Err(whole(tf(lang, "bundle.not_bundle", &[])));
    }
    let mut records = Vec::new();
    let mut issues = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for (i, line) in lines {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Record>(line) {
            Ok(r) if let Some(e) = r.refused_text() => {
                issues.push(ImportIssue::at(file, n, "", e.message(lang)));
            }
            Ok(r) => {
                if let Some(first) = seen.insert((r.kind(), r.id()), n) {
                    let msg = tf(lang, "bundle.repeated", &[&r.id(), &first]);
                    issues.push(ImportIssue::at(file, n, "", msg));
                }
                records.push((n, r));
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
