//! The paper forms of the seeds as data ([`Report`] of [`Sheet`]s) and their writers: aligned
//! text for the terminal and printing, CSV and XLSX for spreadsheets.
//!
//! Writers only read a [`Report`]; they never reach the ledger. Row builders that turn ledger
//! records into sheets live next to them.
pub mod csv;
pub mod forms;
pub mod table;
pub mod txt;
pub mod xlsx;

pub use table::{Cell, Report, Sheet};
