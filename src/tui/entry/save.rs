//! What a form saves, as data ([`SaveOp`]), the save asked of the runtime ([`Save`]) and
//! what comes back ([`Saved`], [`Refused`]). `update` only builds them; `runtime::save`
//! carries an op out in one write transaction.
//!
//! Owns: the vocabulary of saves. Must not touch: the ledger, the app's state, drawing.

use chrono::NaiveDate;

use crate::domain::{Activity, CertifierRole, Hours, Id, Kind, Record};
use crate::tui::runtime::Change;

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
