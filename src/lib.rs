//! baodao (报到台账): the ledger of in-service Party members reporting to, and serving, the
//! community where they live.
//!
//! Layers, from the inside out:
//! - [`domain`]: plain types, ids, validation and the year's rules; knows nothing of storage or
//!   screens.
//! - [`store`]: the only module that touches redb.
//! - [`search`]: the pinyin-aware fuzzy index over every roster.
//! - [`report`]: the seed's paper forms as row builders, and their writers (txt, CSV, XLSX).
//! - [`interchange`]: import of the offices' CSV/XLSX files and ledger bundles.
//! - [`access`]: who may open a ledger's files on a shared server (groups, modes, ACLs).
//! - [`cli`]: headless commands; [`tui`]: the full-screen program.
pub mod access;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod evaluate;
pub mod export_file;
pub mod i18n;
pub mod interchange;
#[cfg(unix)]
pub mod pty;
pub mod report;
pub mod search;
pub mod signals;
pub mod smart_input;
pub mod store;
pub mod tui;
pub mod workflow;
