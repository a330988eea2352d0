//! What opening a form needs ([`SeedReq`]) and what the runtime reads for it ([`Seed`]): the
//! record being edited with the names of what it points at, a member's current registration,
//! a unit's members for its slips, the overdue slips, a community's service history for
//! completion. Pure data; `runtime::seed` reads it in one snapshot.
//!
//! Owns: that vocabulary. Must not touch: the ledger, the app's state.

use std::collections::HashMap;

use crate::domain::*;
use crate::smart_input::history::Completions;

/// Which registration step a member's form is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegStep {
    Reported,
    Receipt,
    Reason,
    Edit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeedReq {
    Edit(Kind, Id),
    Archive(Kind, Id),
    Registration(Id, RegStep),
    Slips(Id),
    Overdue,
    Completions(Id),
}

/// One slip overdue, for the overdue list.
#[derive(Debug, Clone, PartialEq)]
pub struct OverdueLine {
    pub registration: Registration,
    pub member: String,
    pub community: String,
    pub unit: String,
}

#[derive(Debug, Clone)]
pub enum Seed {
    Edit {
        record: Record,
        names: HashMap<Id, String>,
    },
    Archive(Record),
    Registration {
        step: RegStep,
        member: Member,
        registration: Option<Registration>,
        names: HashMap<Id, String>,
    },
    Slips {
        unit: Unit,
        /// Each member with the status of their current registration (for the checklist).
        members: Vec<(Member, Option<RegStatus>)>,
    },
    Overdue(Vec<OverdueLine>),
    Completions(Id, Box<Completions>),
}
