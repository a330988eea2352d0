//! Fast data entry, independent of any screen: what a clerk may type into a field and what it
//! means ([`parse`]), and the defaults a form takes from the ledger's history ([`history`]).
pub mod history;
pub mod parse;
