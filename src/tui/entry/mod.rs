//! Fast data entry on the screen: forms opened from the panes ([`update`]; their keys in
//! [`keys`], what comes back in [`arrive`]), what the runtime
//! loads to open them ([`seed`]), the saves it runs ([`save`]), the search index behind
//! reference pickers ([`search`]), undo/redo ([`state`]), and the popups of data entry
//! ([`confirm`], [`overdue`]).
//!
//! Owns: the data-entry half of `update` and of the runtime. Must not touch: drawing the panes,
//! the terminal. Only the runtime calls [`save::apply`], [`seed::load`] and [`search`].

pub mod arrive;
pub mod choose;
pub mod confirm;
pub use crate::tui::runtime::doubt;
pub mod keys;
pub mod overdue;
pub mod pairing;
pub use crate::tui::runtime::save;
pub use crate::tui::runtime::search;
pub use crate::tui::runtime::seed;
pub mod state;
pub mod update;

pub use state::EntryState;
