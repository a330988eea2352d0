//! Applying a [`Plan`] in one write transaction, or refusing all of it.
//!
//! Every record goes through the store's `save_record`: the same validation, reference and
//! lock checks, indexes, running totals and audit entry as a record typed by hand. A record
//! the store refuses is turned into an issue on its row and the rest are still tried, so the
//! clerk sees every problem at once; since those refusals happen before the store writes
//! anything for that record, trying on is safe. Any issue, or a dry run, ends the closure with
//! an error, which aborts the transaction: nothing is saved.
use std::collections::HashSet;

use chrono::Local;

use super::plan::Plan;
use super::{ImportError, Options, Progress};
use crate::domain::validate::field_name;
use crate::domain::{AuditEntry, Id, Invalid};
use crate::interchange::error::{ImportIssue, bound, bound_if_large};
use crate::store::{Ledger, StoreError, Tx};

/// How often saving reports progress (records).
const PROGRESS_EVERY: usize = 10_000;

/// Saves `plan` (see the module docs). `summary` is the note of the one `import` entry added
/// to the audit log in the same transaction.
pub fn apply(
    ledger: &Ledger,
    plan: Plan,
    opts: &Options,
    summary: &str,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), ImportError> {
    apply_all(ledger, vec![plan], opts, summary, progress)
}

/// [`apply`] for the sheets of a workbook: every plan in one transaction, in order.
pub fn apply_all(
    ledger: &Ledger,
    plans: Vec<Plan>,
    opts: &Options,
    summary: &str,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), ImportError> {
    let mut sheets = Vec::with_capacity(plans.len());
    // Each sheet's steps as planned (moved, not copied into one list: a roster's are a
    // hundred megabytes).
    let mut work = Vec::with_capacity(plans.len());
    for plan in plans {
        let Plan {
            file,
            steps,
            columns,
            schema,
            ..
        } = plan;
        // Kept for mapping a store error's field back to a column.
        sheets.push(Plan {
            file,
            columns,
            schema,
            ..Plan::default()
        });
        work.push(steps);
    }
    let mut issues: Vec<ImportIssue> = Vec::new();
    let total: usize = work.iter().map(Vec::len).sum();
    let result = ledger.write(|tx| {
        let mut failed_rows: HashSet<(usize, usize)> = HashSet::new();
        let steps = work
            .into_iter()
            .enumerate()
            .flat_map(|(k, steps)| steps.into_iter().map(move |s| (k, s)));
        for (i, (k, step)) in steps.enumerate() {
            if (i + 1) % PROGRESS_EVERY == 0 || i + 1 == total {
                progress(Progress {
                    stage: "import.stage.save",
                    done: i + 1,
                    total,
                });
            }
            // A row whose member was refused would only add "not found" for its registration.
            if failed_rows.contains(&(k, step.row)) {
                continue;
            }
            let lookup = &sheets[k];
            let note = format!("{}:{}", lookup.file, step.row);
            let action = if step.update {
                "import-update"
            } else {
                "import"
            };
            match tx.save_record(step.record, action, &note) {
                Ok(_) => {}
                Err(e) if e.is_user_error() => {
                    failed_rows.insert((k, step.row));
                    issues.extend(row_issues(lookup, step.row, &e, opts));
                    bound_if_large(&mut issues);
                }
                Err(e) => return Err(e),
            }
        }
        if !issues.is_empty() || opts.dry_run {
            // Any error aborts the transaction; which one does not matter, the caller looks
            // at `issues` and `dry_run`.
            return Err(StoreError::Invalid(Invalid(Vec::new())));
        }
        log_summary(tx, summary)
    });
    match result {
        Ok(()) => Ok(()),
        Err(_) if !issues.is_empty() => {
            bound(&mut issues);
            let sheet_of = |i: &ImportIssue| sheets.iter().position(|p| p.file == i.file);
            issues.sort_by_key(|i| (sheet_of(i), i.row));
            Err(ImportError::Refused {
                issues,
                ignored: Vec::new(),
            })
        }
        Err(StoreError::Invalid(Invalid(v))) if opts.dry_run && v.is_empty() => Ok(()),
        Err(e) => Err(ImportError::Store(e)),
    }
}

/// One issue per field the store refused, at that field's column; a lock or a missing
/// reference as one issue on the row.
fn row_issues(plan: &Plan, row: usize, e: &StoreError, opts: &Options) -> Vec<ImportIssue> {
    match e {
        StoreError::Invalid(inv) if !inv.0.is_empty() => inv
            .0
            .iter()
            .map(|fe| {
                let column = plan.column_of_field(fe.field);
                let full = fe.message(opts.lang);
                // The message starts with the field's name; the column already says it.
                let name = field_name(opts.lang, fe.field);
                let message = if column.is_empty() {
                    full
                } else {
                    full.strip_prefix(name)
                        .map(|rest| rest.trim_start_matches(['：', ':', ' ']).to_string())
                        .unwrap_or(full)
                };
                ImportIssue::at(&plan.file, row, &column, message)
            })
            .collect(),
        other => vec![ImportIssue::at(
            &plan.file,
            row,
            "",
            other.message(opts.lang),
        )],
    }
}

/// The import's one summary entry, as [`Ledger::log`] writes it, but inside the import's own
/// transaction so that the log never claims an import that did not happen.
fn log_summary(tx: &mut Tx<'_>, summary: &str) -> Result<(), StoreError> {
    let clerk = tx.clerk().to_string();
    tx.append_audit(AuditEntry {
        id: Id::new(),
        clerk,
        at: Local::now().to_rfc3339(),
        kind: "ledger".into(),
        record: Id(0),
        action: "import".into(),
        before: None,
        after: None,
        note: summary.to_string(),
        account: String::new(),
    })
}
