//! The full-screen program (ratatui + crossterm).
//!
//! Built as an Elm-like loop: a terminal event goes through the [`keymap`] to a
//! [`command::CommandId`], `update` changes the state without I/O, and views draw the state
//! read-only. This layer holds the foundations every pane stands on:
//! - [`terminal`]: raw mode, alternate screen, panic hook, SIGTERM/SIGHUP, event reading;
//! - [`command`] and [`keymap`]: the one command table behind keys, help and the palette;
//! - [`text`]: display width of Chinese text, truncation, masks for personal data;
//! - [`theme`]: styles for 16 colours or `NO_COLOR`;
//! - [`widgets`]: text field, list/table, help overlay, command palette;
//! - [`screenshot`]: a rendered buffer as text and SVG.
//!
//! Must not touch: redb (the store is reached through effects run by the loop), the CLI.

pub mod command;
pub mod keymap;
pub mod screenshot;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod widgets;

/// Runs the full-screen program on an open ledger.
pub fn run(_ledger: crate::store::Ledger, lang: crate::i18n::Lang) -> anyhow::Result<()> {
    eprintln!("{}", crate::i18n::t(lang, "tui.not_yet"));
    Ok(())
}
