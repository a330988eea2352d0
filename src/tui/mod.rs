//! The full-screen program (ratatui + crossterm).
//!
//! Built as an Elm-like loop: a terminal event goes through the [`keymap`] to a
//! [`command::CommandId`], [`update`] changes the [`app::App`] without I/O and returns
//! [`action::Effect`]s, the [`runtime`] carries them out against the ledger ([`runtime::load`]) and
//! feeds the results back as [`action::Action`]s, and [`view`] draws the state read-only.
//! Only the files under `runtime/` name the store (a test holds that).
//!
//! The main screen: [`layout`] (four panes, or two on a narrow terminal), [`pane`] lists with
//! the `/` [`filter`], [`overlay`]s (details, help, palette), [`privacy`] of personal data,
//! [`headless`] sessions for tests and [`shots`] for `baodao screenshots`.
//!
//! The foundations every pane stands on:
//! - [`terminal`]: raw mode, alternate screen, panic hook, SIGTERM/SIGHUP, event reading;
//!   [`term_keys`] decodes the terminal's bytes into keys;
//! - [`command`] and [`keymap`]: the one command table behind keys, help and the palette;
//! - [`text`]: display width of Chinese text, truncation, masks for personal data;
//! - [`theme`]: styles for 16 colours or `NO_COLOR`;
//! - [`widgets`]: text field, list/table, help overlay, command palette;
//! - [`screenshot`]: a rendered buffer as text and SVG.
//!
//! Must not touch: redb (the store is reached through effects run by the loop), the CLI.

pub mod action;
pub mod app;
pub mod changed;
pub mod command;
pub mod data;
pub mod demands;
pub mod entry;
pub mod filter;
pub mod form;
pub use runtime::headless;
pub mod history;
pub mod import_screen;
pub mod keymap;
pub mod layer;
pub mod layout;
pub mod lines;
pub mod overlay;
pub mod pane;
pub mod privacy;
pub mod readiness;
pub mod reports;
pub mod runtime;
pub mod screenshot;
pub mod search;
pub mod session;
pub mod settings;
pub use runtime::shots;
pub mod term_keys;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod update;
pub mod view;
pub mod widgets;

pub use runtime::run;
