//! How the runtime carries out a form's save ([`SaveOp`], defined with data entry) in one write
//! transaction ([`apply`]): a record put or deleted, or one whole workflow step.
//!
//! `update` only builds the op; [`apply`] is called by the runtime inside
//! `ledger.write_changes`, so the changes come back for undo whatever the op was.
//!
//! Owns: carrying out saves. Must not touch: the app's state, drawing.

use crate::domain::Id;
use crate::store::{StoreError, Tx};
use crate::tui::entry::save::{Refused, Save, SaveOp, Saved};
use crate::workflow::{self, Handoff};

/// Runs `op` in the open transaction.
pub fn apply(tx: &mut Tx, op: &SaveOp) -> Result<(), StoreError> {
    match op {
        SaveOp::Put(r) => tx.save_record((**r).clone(), "save", "").map(drop),
        SaveOp::PutAll(rs) => {
            for r in rs {
                tx.save_record(r.clone(), "save", "")?;
            }
            Ok(())
        }
        SaveOp::Delete(kind, id) => tx.delete(*kind, *id, ""),
        SaveOp::IssueSlips {
            unit,
            members,
            issued_on,
            report_by,
        } => workflow::issue_slips(tx, *unit, members, *issued_on, *report_by).map(drop),
        SaveOp::Reported {
            registration,
            member,
            community,
            on,
            posts,
            team,
        } => {
            let id = match registration {
                Some(id) => *id,
                None => {
                    let unit = tx
                        .get::<crate::domain::Member>(*member)?
                        .and_then(|m| m.unit);
                    let r = crate::domain::Registration {
                        id: Id::new(),
                        member: *member,
                        community: *community,
                        unit,
                        ..Default::default()
                    };
                    tx.save(r)?.id
                }
            };
            workflow::mark_reported(tx, id, *on, posts.clone(), team).map(drop)
        }
        SaveOp::Receipt { registration, on } => {
            workflow::mark_receipt(tx, *registration, *on).map(drop)
        }
        SaveOp::Reason {
            registration,
            reason,
        } => workflow::record_reason(tx, *registration, reason).map(drop),
        SaveOp::Move {
            member,
            to,
            on,
            demands_to,
            pairings_to,
        } => {
            let handoff = Handoff {
                demands_to: *demands_to,
                pairings_to: *pairings_to,
            };
            workflow::move_member(tx, *member, *to, *on, &handoff).map(drop)
        }
        SaveOp::Activity {
            activity,
            attendees,
        } => workflow::record_activity(tx, (**activity).clone(), attendees).map(drop),
        SaveOp::Certify {
            rows,
            role,
            name,
            on,
        } => workflow::certify(tx, rows, *role, name, *on).map(drop),
        SaveOp::Revoke { row, reason } => tx.revoke_certification(*row, reason),
        SaveOp::Undo(changes) => tx.revert(changes, "undo"),
        SaveOp::Redo(changes) => tx.revert(changes, "redo"),
    }
}

/// Whether the ledger would take `op`, without taking it: the op runs in a write transaction
/// that is then dropped (aborted). A doubt is asked only about a save that can be made; one the
/// ledger refuses is refused at once, naming its field.
pub fn trial(ledger: &crate::store::Ledger, op: &SaveOp) -> Result<(), StoreError> {
    let mut accepted = false;
    let out = ledger.write_changes(|tx| {
        apply(tx, op)?;
        accepted = true;
        // Any error drops the transaction: nothing of the trial is kept.
        Err::<(), _>(StoreError::Interrupted)
    });
    match out {
        Err(_) if accepted => Ok(()),
        Err(e) => Err(e),
        Ok(_) => Ok(()),
    }
}

/// Runs a save for the runtime: one write transaction, then the result as data.
pub fn run(
    ledger: &crate::store::Ledger,
    lang: crate::i18n::Lang,
    save: Save,
) -> Result<Saved, Box<Refused>> {
    let out = ledger.write_changes(|tx| {
        apply(tx, &save.op)?;
        Ok(())
    });
    match out {
        Ok(((), changes)) => {
            let generation = ledger
                .view()
                .and_then(|v| v.generation())
                .unwrap_or_default();
            Ok(Saved {
                save,
                changes,
                generation,
            })
        }
        Err(e) => {
            let errors = match &e {
                StoreError::Invalid(inv) => inv
                    .0
                    .iter()
                    .map(|f| (f.field.to_string(), f.message(lang)))
                    .collect(),
                _ => Vec::new(),
            };
            Err(Box::new(Refused {
                save,
                errors,
                message: e.message(lang),
                doubt: false,
            }))
        }
    }
}
