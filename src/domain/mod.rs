//! Plain types of the ledger: ids, entities, validation and the year's rules.
//! Imports no redb, ratatui or crossterm.
pub mod id;

pub use id::Id;
