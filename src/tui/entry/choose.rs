//! Which record a command acts on when there are several: `P` on a household or a member with
//! more than one pairing lists them (whom, since, until, the plan) to pick the one to edit or
//! end. Typing narrows the list by the lists' search engine; Enter opens that pairing's form.
//!
//! Owns: the list and what picking leads to (its layer is in `entry::layers`). Must not touch: the ledger (the pairing is read
//! fresh as a form's seed).

use crate::domain::Id;
use crate::tui::widgets::pick::PickList;

/// What picking a row does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// Open the pairing's form (plan, start, end).
    EditPairing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choose {
    pub list: PickList<Id>,
    pub then: Then,
}
