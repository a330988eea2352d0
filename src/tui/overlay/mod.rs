//! The stack of popups and screens over the panes: one variant per kind of
//! [`Layer`](super::layer::Layer), each implemented in its own module (the detail of a record
//! here in [`detail`], its lines per kind in [`member`], [`community`], [`unit`], [`record`]).
//!
//! Only the top layer receives keys; `update` routes them through [`Overlay::layer_mut`], so
//! this file is the one place that lists the kinds.
//!
//! Owns: the list of layer kinds. Must not touch: the ledger, the panes.

pub mod community;
pub mod detail;
pub mod member;
pub mod record;
pub mod unit;

use super::demands::DemandsScreen;
use super::layer::Layer;
pub use super::layer::Ui;
use super::readiness::Readiness;
use super::reports::ReportsScreen;
use super::search::SearchOverlay;
use super::session::SessionScreen;
use super::settings::SettingsScreen;
use super::widgets::help::Help;
use super::widgets::palette::Palette;
use detail::Detail;

/// An open popup.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help(Help),
    Palette(Palette),
    Detail(Detail),
    /// A form (data entry's layers are in `entry::layers`).
    Form(Box<crate::tui::form::Form>),
    /// A yes/no question before work is dropped.
    Confirm(crate::tui::entry::confirm::Confirm),
    /// The overdue slips.
    Overdue(crate::tui::entry::overdue::Overdue),
    /// Which of several records a command acts on (the pairing `P` edits).
    Choose(Box<crate::tui::entry::choose::Choose>),
    /// The year's screens, covering the panes.
    Search(Box<SearchOverlay>),
    Session(Box<SessionScreen>),
    Readiness(Box<Readiness>),
    Settings(Box<SettingsScreen>),
    Import(Box<crate::tui::import_screen::ImportScreen>),
    Demands(Box<DemandsScreen>),
    Reports(Box<ReportsScreen>),
    /// A record's logged changes.
    History(Box<crate::tui::history::HistoryScreen>),
}

impl Overlay {
    /// The layer behind the variant: everything else reaches a popup through this.
    pub fn layer(&self) -> &dyn Layer {
        match self {
            Overlay::Help(l) => l,
            Overlay::Palette(l) => l,
            Overlay::Detail(l) => l,
            Overlay::Form(l) => l.as_ref(),
            Overlay::Confirm(l) => l,
            Overlay::Overdue(l) => l,
            Overlay::Choose(l) => l.as_ref(),
            Overlay::Search(l) => l.as_ref(),
            Overlay::Session(l) => l.as_ref(),
            Overlay::Readiness(l) => l.as_ref(),
            Overlay::Settings(l) => l.as_ref(),
            Overlay::Import(l) => l.as_ref(),
            Overlay::Demands(l) => l.as_ref(),
            Overlay::Reports(l) => l.as_ref(),
            Overlay::History(l) => l.as_ref(),
        }
    }

    pub fn layer_mut(&mut self) -> &mut dyn Layer {
        match self {
            Overlay::Help(l) => l,
            Overlay::Palette(l) => l,
            Overlay::Detail(l) => l,
            Overlay::Form(l) => l.as_mut(),
            Overlay::Confirm(l) => l,
            Overlay::Overdue(l) => l,
            Overlay::Choose(l) => l.as_mut(),
            Overlay::Search(l) => l.as_mut(),
            Overlay::Session(l) => l.as_mut(),
            Overlay::Readiness(l) => l.as_mut(),
            Overlay::Settings(l) => l.as_mut(),
            Overlay::Import(l) => l.as_mut(),
            Overlay::Demands(l) => l.as_mut(),
            Overlay::Reports(l) => l.as_mut(),
            Overlay::History(l) => l.as_mut(),
        }
    }
}
