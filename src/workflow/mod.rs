//! The clerk's workflows as transactions: each function takes an open [`Tx`] and makes every
//! change of one step (a slip issued to many members, an activity fanned out to its attendees,
//! a member moving community) so that it is saved whole or not at all. Screens and commands
//! call these; none of them talks to a person.
pub mod registration;
pub mod service;

pub use registration::{
    Handoff, issue_slips, mark_receipt, mark_reported, move_member, record_reason,
};
pub use service::{certify, complete_demand, record_activity};
