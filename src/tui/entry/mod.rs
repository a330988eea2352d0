//! Fast data entry on the screen: forms opened from the panes ([`update`]; the form and data
//! entry's popups as layers in [`layers`], what comes back in [`arrive`]), what they ask the
//! runtime to load to open them ([`seed`]) and to save ([`save`]), undo/redo ([`state`]), and
//! the popups of data entry
//! ([`confirm`], [`overdue`]).
//!
//! Owns: the data-entry half of `update`. Must not touch: the ledger (the runtime reads seeds,
//! runs saves, finds doubts and searches for pickers), drawing the panes, the terminal.

pub mod arrive;
pub mod choose;
pub mod confirm;
pub mod layers;
pub mod overdue;
pub mod pairing;
pub mod save;
pub mod seed;
pub mod state;
pub mod update;

pub use state::EntryState;
