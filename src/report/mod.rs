//! The paper forms of the seeds as data ([`Report`] of [`Sheet`]s) and their writers: aligned
//! text for the terminal, CSV and XLSX for spreadsheets, PDF for printing; XLSX and PDF lay
//! the forms out on A4 through one page model ([`layout`]).
//!
//! Writers only read a [`Report`]; they never reach the ledger. Row builders that turn ledger
//! records into sheets live next to them.
pub mod csv;
pub mod forms;
pub mod in_parts;
pub mod layout;
pub mod paper;
pub mod pdf;
pub mod table;
pub mod txt;
pub mod wrap;
pub mod xlsx;

pub use table::{Cell, Report, Sheet};
