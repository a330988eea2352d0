//! Merging a bundle into a ledger by id, in one transaction, comparing versions.
//!
//! For each record of the bundle:
//! - not here: added;
//! - here and the same: left alone;
//! - here but naming a different thing (another person, unit or community under the same id,
//!   as two ledgers made from the same seed have): a conflict that refuses the whole bundle,
//!   since the records pointing to it would attach to the wrong one;
//! - here and different: the newer version wins ([`Prefer::Newer`]); a bundle's record older
//!   than this ledger's copy is not applied and is reported as a conflict. `--prefer bundle`
//!   applies it anyway, `--prefer ledger` keeps every record already here.
//!
//! Each applied record is saved through the store (validated, audited, its version kept in
//! the note), and a dry run lists what would change, field by field.
use chrono::Local;

use super::Bundle;
use super::collect::fetch_tx;
use crate::domain::{AuditEntry, Id, Invalid, Kind, Record};
use crate::i18n::{Lang, tf};
use crate::interchange::error::ImportIssue;
use crate::interchange::import::{ImportError, Progress, kind_label};
use crate::store::audit::{bundle_note, compare_versions};
use crate::store::{Ledger, StoreError};

/// Which side wins when a record differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Prefer {
    /// The more recently changed version; an older bundle record is a conflict.
    #[default]
    Newer,
    /// The bundle's version, even when older.
    Bundle,
    /// This ledger's version: only new records are added.
    Ledger,
}

/// What merging a bundle did, or in a dry run would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BundleOutcome {
    pub file: String,
    pub dry_run: bool,
    /// (kind, added, updated, unchanged), in kind order.
    pub counts: Vec<(Kind, usize, usize, usize)>,
    /// Records not applied because this ledger's copy is newer (or preferred), one line each.
    pub conflicts: Vec<String>,
    /// What changed (or would), one line per record: `+` added, `~` updated with its fields.
    pub changes: Vec<String>,
}

impl BundleOutcome {
    fn count(&mut self, kind: Kind, slot: usize) {
        let i = match self.counts.iter().position(|c| c.0 == kind) {
            Some(i) => i,
            None => {
                self.counts.push((kind, 0, 0, 0));
                self.counts.len() - 1
            }
        };
        let c = &mut self.counts[i];
        match slot {
            0 => c.1 += 1,
            1 => c.2 += 1,
            _ => c.3 += 1,
        }
    }

    pub fn added(&self) -> usize {
        self.counts.iter().map(|c| c.1).sum()
    }

    pub fn updated(&self) -> usize {
        self.counts.iter().map(|c| c.2).sum()
    }

    pub fn unchanged(&self) -> usize {
        self.counts.iter().map(|c| c.3).sum()
    }
}

/// The record's fields as a JSON object (the content of the domain's serialization).
fn fields(r: &Record) -> serde_json::Map<String, serde_json::Value> {
    match serde_json::to_value(r) {
        Ok(serde_json::Value::Object(mut o)) => match o.remove("record") {
            Some(serde_json::Value::Object(f)) => f,
            _ => o,
        },
        _ => serde_json::Map::new(),
    }
}

fn shown(v: Option<&serde_json::Value>) -> String {
    match v {
        None | Some(serde_json::Value::Null) => "∅".into(),
        Some(serde_json::Value::String(s)) if s.is_empty() => "∅".into(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// What a clerk calls the record: its name, else its id.
fn title(r: &Record) -> String {
    match fields(r).get("name") {
        Some(serde_json::Value::String(n)) if !n.is_empty() => format!("{n} {}", r.id()),
        _ => r.id().to_string(),
    }
}

/// Whether `here` and `there`, sharing an id, are the same thing: the same name for the
/// kinds that have one (a member also by mobile or birth month, so a corrected name is not a
/// stranger), else the same member, unit or community they belong to.
fn same_thing(here: &Record, there: &Record) -> bool {
    let (a, b) = (fields(here), fields(there));
    let same = |k: &str| a.get(k) == b.get(k);
    if here.kind() != there.kind() {
        return false;
    }
    if a.contains_key("name") {
        return match here.kind() {
            Kind::Member => {
                let known = |k: &str| {
                    !matches!(a.get(k), None | Some(serde_json::Value::Null))
                        && a.get(k) != Some(&serde_json::Value::String(String::new()))
                };
                same("name")
                    || (known("mobile") && same("mobile"))
                    || (known("birth") && same("birth"))
            }
            _ => same("name"),
        };
    }
    ["member", "unit", "community"]
        .iter()
        .find(|k| a.contains_key(**k))
        .is_none_or(|k| same(k))
}

/// `~ 党员 曾顺仙 ID: 家庭住址 A → B; …`
fn diff(lang: Lang, here: &Record, there: &Record) -> String {
    let (a, b) = (fields(here), fields(there));
    let mut parts = Vec::new();
    for (k, v) in &b {
        if a.get(k) != Some(v) {
            parts.push(format!("{k}: {} → {}", shown(a.get(k)), shown(Some(v))));
        }
    }
    format!(
        "~ {} {}: {}",
        kind_label(lang, there.kind()),
        title(there),
        parts.join("; ")
    )
}

/// Merges `bundle` into `ledger`: all of it, or (on any refusal, or a dry run) none of it.
pub fn import_bundle(
    ledger: &Ledger,
    bundle: Bundle,
    dry_run: bool,
    prefer: Prefer,
    lang: Lang,
    progress: &mut dyn FnMut(Progress),
) -> Result<BundleOutcome, ImportError> {
    let Bundle { file, records, .. } = bundle;
    let mut outcome = BundleOutcome {
        file: file.clone(),
        dry_run,
        ..BundleOutcome::default()
    };
    let mut issues: Vec<ImportIssue> = Vec::new();
    let total = records.len();
    let result = ledger.write(|tx| {
        for (i, (line, rec, version)) in records.into_iter().enumerate() {
            if (i + 1) % 10_000 == 0 || i + 1 == total {
                progress(Progress {
                    stage: "import.stage.save",
                    done: i + 1,
                    total,
                });
            }
            let kind = rec.kind();
            let label = kind_label(lang, kind);
            let current = fetch_tx(tx, kind, rec.id())?;
            let action = match &current {
                Some(c) if *c == rec => {
                    outcome.count(kind, 2);
                    continue;
                }
                Some(c) if !same_thing(c, &rec) => {
                    let msg = tf(
                        lang,
                        "bundle.other_thing",
                        &[&label, &title(c), &title(&rec)],
                    );
                    issues.push(ImportIssue::at(&file, line, "", msg));
                    continue;
                }
                Some(c) => {
                    let here = tx.version_of(rec.id())?;
                    let older = match (&version, &here) {
                        (Some(b), Some(h)) => compare_versions(b, h).is_none_or(|o| o.is_lt()),
                        // A bundle record without a version cannot show it is newer.
                        (None, Some(_)) => true,
                        (_, None) => false,
                    };
                    let keep_ours = match prefer {
                        Prefer::Ledger => true,
                        Prefer::Bundle => false,
                        Prefer::Newer => older,
                    };
                    if keep_ours {
                        let key = if older {
                            "bundle.conflict_older"
                        } else {
                            "bundle.conflict_kept"
                        };
                        let there = version.as_deref().unwrap_or("?");
                        let ours = here.as_deref().unwrap_or("?");
                        outcome.conflicts.push(format!(
                            "{file}:{line}: {}",
                            tf(lang, key, &[&label, &title(c), &there, &ours])
                        ));
                        continue;
                    }
                    outcome.changes.push(diff(lang, c, &rec));
                    "bundle-update"
                }
                None => {
                    outcome.changes.push(format!("+ {label} {}", title(&rec)));
                    "bundle"
                }
            };
            let note = bundle_note(&format!("{file}:{line}"), version.as_deref());
            match tx.save_record(rec, action, &note) {
                Ok(_) => outcome.count(kind, if current.is_some() { 1 } else { 0 }),
                Err(e) if e.is_user_error() => {
                    issues.push(ImportIssue::at(&file, line, "", e.message(lang)));
                }
                Err(e) => return Err(e),
            }
        }
        if !issues.is_empty() || dry_run {
            // Aborts the transaction; the caller tells the cases apart by `issues`.
            return Err(StoreError::Invalid(Invalid(Vec::new())));
        }
        let clerk = tx.clerk().to_string();
        let note = format!(
            "{file}: +{} ~{} ={} !{}",
            outcome.added(),
            outcome.updated(),
            outcome.unchanged(),
            outcome.conflicts.len()
        );
        tx.append_audit(AuditEntry {
            id: Id::new(),
            clerk,
            at: Local::now().to_rfc3339(),
            kind: "ledger".into(),
            record: Id(0),
            action: "import-bundle".into(),
            before: None,
            after: None,
            note,
            account: String::new(),
        })
    });
    outcome.counts.sort_by_key(|c| c.0);
    match result {
        Ok(()) => Ok(outcome),
        Err(_) if !issues.is_empty() => Err(ImportError::Refused {
            issues,
            ignored: Vec::new(),
        }),
        Err(StoreError::Invalid(Invalid(v))) if dry_run && v.is_empty() => Ok(outcome),
        Err(e) => Err(ImportError::Store(e)),
    }
}
