//! Merging a bundle into a ledger by id, in one transaction (see the module docs above).
use chrono::Local;

use super::Bundle;
use super::collect::fetch_tx;
use crate::domain::{AuditEntry, Id, Invalid, Kind};
use crate::i18n::Lang;
use crate::interchange::error::ImportIssue;
use crate::interchange::import::{ImportError, Progress};
use crate::store::{Ledger, StoreError};

/// What merging a bundle did, or in a dry run would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BundleOutcome {
    pub file: String,
    pub dry_run: bool,
    /// (kind, added, updated, unchanged), in kind order.
    pub counts: Vec<(Kind, usize, usize, usize)>,
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

/// Merges `bundle` into `ledger`: all of it, or (on any refusal, or a dry run) none of it.
pub fn import_bundle(
    ledger: &Ledger,
    bundle: Bundle,
    dry_run: bool,
    lang: Lang,
    progress: &mut dyn FnMut(Progress),
) -> Result<BundleOutcome, ImportError> {
    let Bundle { file, records, .. } = bundle;
    let mut outcome = BundleOutcome {
        file: file.clone(),
        dry_run,
        counts: Vec::new(),
    };
    let mut issues: Vec<ImportIssue> = Vec::new();
    let total = records.len();
    let result = ledger.write(|tx| {
        for (i, (line, rec)) in records.into_iter().enumerate() {
            if (i + 1) % 10_000 == 0 || i + 1 == total {
                progress(Progress {
                    stage: "import.stage.save",
                    done: i + 1,
                    total,
                });
            }
            let kind = rec.kind();
            let current = fetch_tx(tx, kind, rec.id())?;
            let action = match &current {
                Some(c) if *c == rec => {
                    outcome.count(kind, 2);
                    continue;
                }
                Some(_) => "bundle-update",
                None => "bundle",
            };
            let note = format!("{file}:{line}");
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
            "{file}: +{} ~{} ={}",
            outcome.added(),
            outcome.updated(),
            outcome.unchanged()
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
