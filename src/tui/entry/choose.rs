//! Which record a command acts on when there are several: `P` on a household or a member with
//! more than one pairing lists them (whom, since, until, the plan) to pick the one to edit or
//! end. Typing narrows the list by the lists' search engine; Enter opens that pairing's form.
//!
//! Owns: the list and what picking leads to. Must not touch: the ledger (the pairing is read
//! fresh as a form's seed).

use super::seed::SeedReq;
use crate::domain::{Id, Kind};
use crate::tui::action::{Effect, Load};
use crate::tui::widgets::pick::{PickList, Picked};

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

/// What `update` does after a command.
pub enum Outcome {
    Stay,
    Close,
    /// Close, and run these.
    Run(Vec<Effect>),
    Pass(crate::tui::command::CommandId),
}

impl Choose {
    pub fn apply(&mut self, c: crate::tui::command::CommandId) -> Outcome {
        match self.list.apply(c) {
            Picked::Typing => Outcome::Stay,
            Picked::Cancelled => Outcome::Close,
            Picked::Pass(c) => Outcome::Pass(c),
            Picked::Chosen(id) => Outcome::Run(match self.then {
                Then::EditPairing => {
                    vec![Effect::Load(Load::Seed(SeedReq::Edit(Kind::Pairing, id)))]
                }
            }),
        }
    }
}
