//! What a form saves, as data ([`SaveOp`]), and how the runtime carries it out in one write
//! transaction ([`apply`]): a record put or deleted, or one whole workflow step.
//!
//! `update` only builds the op; [`apply`] is called by the runtime inside
//! `ledger.write_changes`, so the changes come back for undo whatever the op was.
//!
//! Owns: the vocabulary of saves. Must not touch: the app's state, drawing.

use chrono::NaiveDate;

use crate::domain::{Activity, CertifierRole, Hours, Id, Kind, Record};
use crate::store::{Change, StoreError, Tx};
use crate::workflow::{self, Handoff};

/// One save, whole or not at all.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveOp {
    /// A new or edited record (archiving is an edit with `archived` set).
    Put(Box<Record>),
    /// Several records saved together, in order (a household with its first pairing).
    PutAll(Vec<Record>),
    /// A record nothing points at (a suggestion, a meeting typed by mistake).
    Delete(Kind, Id),
    IssueSlips {
        unit: Id,
        members: Vec<Id>,
        issued_on: NaiveDate,
        report_by: NaiveDate,
    },
    /// 报到登记; a member who walks in without a slip gets a registration made here.
    Reported {
        registration: Option<Id>,
        member: Id,
        community: Id,
        on: NaiveDate,
        posts: Vec<Id>,
        team: String,
    },
    Receipt {
        registration: Id,
        on: NaiveDate,
    },
    Reason {
        registration: Id,
        reason: String,
    },
    Move {
        member: Id,
        to: Id,
        on: NaiveDate,
        demands_to: Option<Id>,
        pairings_to: Option<Id>,
    },
    Activity {
        activity: Box<Activity>,
        attendees: Vec<(Id, Hours)>,
    },
    Certify {
        rows: Vec<Id>,
        role: CertifierRole,
        name: String,
        on: NaiveDate,
    },
    Revoke {
        row: Id,
        reason: String,
    },
    /// Undo: the changes of an earlier save, put back as new logged changes.
    Undo(Vec<Change>),
    /// Redo: the changes an undo made, put back in turn.
    Redo(Vec<Change>),
}

impl SaveOp {
    /// The record a put creates or edits (for "create new" in a picker, and the status line).
    pub fn record_id(&self) -> Option<Id> {
        match self {
            SaveOp::Put(r) => Some(r.id()),
            SaveOp::PutAll(rs) => rs.first().map(Record::id),
            _ => None,
        }
    }

    /// Whether the op moves certified hours, statuses or rosters, so the community's member
    /// list must be read again (a plain new card row does not: its hours are uncertified).
    pub fn touches_roster(&self) -> bool {
        !matches!(
            self,
            SaveOp::Put(r) if matches!(**r, Record::Service(ref s) if s.certification.is_none())
        )
    }
}

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

/// What `update` does once a save is through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    /// Close the form.
    Close,
    /// The card's quick entry (and batch entry): open the next row at once.
    NextRow,
    /// A record made from a picker's "create new": pick it into this field of the form
    /// beneath.
    PickInto(usize),
    /// No form: a list command (archive, `.`), undo or redo.
    Nothing,
    Undo,
    Redo,
}

/// A save asked of the runtime.
#[derive(Debug, Clone, PartialEq)]
pub struct Save {
    pub op: SaveOp,
    pub after: After,
    /// What is saved, for the status line and the undo stack (`新增服务记录 清理楼道`).
    pub what: String,
    /// The clerk was shown the doubts about it (a likely duplicate, a date out of order)
    /// and said to save anyway.
    pub confirmed: bool,
}

/// A save that went through.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub save: Save,
    pub changes: Vec<Change>,
    /// The ledger's commit counter after it, so the app does not take its own save for
    /// another clerk's.
    pub generation: u64,
}

/// A save the ledger refused: each field error with its field's key, and the whole message.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub save: Save,
    pub errors: Vec<(String, String)>,
    pub message: String,
    /// Not refused by the ledger: doubts (`message`) the clerk must confirm first.
    pub doubt: bool,
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
