//! What a write changed, in one vocabulary: a form's save (and undo, redo), a request's step,
//! a session's grade or closing, the settings, an import, another clerk's commit. Each says
//! [`Changed`]; `update::reload` alone turns that into what is read again.
//!
//! Owns: the vocabulary. Must not touch: what is reloaded, the ledger.

use crate::domain::{Kind, Record};
use crate::tui::runtime::Change;

/// The kinds of record a write touched, and whether certified hours moved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changed {
    kinds: u32,
    /// A certified service row was added, edited, revoked or archived: the members' year
    /// totals moved (an uncertified row leaves them as they were).
    hours: bool,
}

fn bit(kind: Kind) -> u32 {
    1 << Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

impl Changed {
    /// Nothing: a read, or a write that changed no record.
    pub const NOTHING: Changed = Changed {
        kinds: 0,
        hours: false,
    };

    /// Anything may have changed: another clerk's commit, an import.
    pub fn everything() -> Changed {
        Changed {
            kinds: Kind::ALL.iter().fold(0, |b, k| b | bit(*k)),
            hours: true,
        }
    }

    /// The settings were saved. The lists judge by them (overdue weeks, stars, the year's
    /// rules), so everything on screen is read again.
    pub fn settings() -> Changed {
        Changed::everything()
    }

    /// Records of these kinds were written, none of them a certified service row (those are
    /// told by [`Changed::of`], from the rows written).
    pub fn kinds(kinds: &[Kind]) -> Changed {
        let mut c = Changed::NOTHING;
        for k in kinds {
            c.kinds |= bit(*k);
        }
        c
    }

    /// Only certified hours (what a view showing year totals cares about).
    pub fn hours_moved() -> Changed {
        Changed {
            kinds: 0,
            hours: true,
        }
    }

    /// What a transaction's changes touched.
    pub fn of(changes: &[Change]) -> Changed {
        let mut c = Changed::NOTHING;
        for ch in changes {
            c.kinds |= bit(ch.kind);
            let certified = |r: &Option<Record>| matches!(r, Some(Record::Service(s)) if s.certification.is_some());
            c.hours |= certified(&ch.before) || certified(&ch.after);
        }
        c
    }

    pub fn has(self, kind: Kind) -> bool {
        self.kinds & bit(kind) != 0
    }

    pub fn hours(self) -> bool {
        self.hours
    }

    pub fn is_nothing(self) -> bool {
        self == Changed::NOTHING
    }

    /// Whether anything in `self` is also in `other`.
    pub fn meets(self, other: Changed) -> bool {
        self.kinds & other.kinds != 0 || (self.hours && other.hours)
    }

    /// Both together.
    pub fn and(self, other: Changed) -> Changed {
        Changed {
            kinds: self.kinds | other.kinds,
            hours: self.hours || other.hours,
        }
    }
}
