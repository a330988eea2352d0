//! The messages of the loop: an [`Action`] goes into `update`, which changes the app and
//! returns [`Effect`]s; the runtime carries out each effect (reading the ledger, quitting) and
//! turns its result back into an `Action`.
//!
//! Owns: the vocabulary between `update` and the runtime. Must not touch: either side's
//! work. Forms add their own variants here (`Effect::Save(...)`, `Action::Saved(...)`).

use crossterm::event::KeyEvent;

use super::command::CommandId;
use super::data::*;
use crate::domain::Id;

/// Something that happened: a key, a tick of the clock, data arriving.
#[derive(Debug, Clone)]
pub enum Action {
    Key(KeyEvent),
    /// Text pasted into the terminal.
    Paste(String),
    Resize(u16, u16),
    /// A command run without a key (from the palette, or by a test).
    Command(CommandId),
    /// The clock: about every half second while the program waits for keys.
    Tick,
    /// The ledger's commit counter, as the runtime just read it.
    Generation(u64),
    Loaded(Loaded),
    /// Reading the ledger failed; the message is for the status line.
    Failed(String),
    /// A form's save went through (with its changes, for undo).
    Saved(Box<crate::tui::entry::save::Saved>),
    /// The ledger refused a save; the form shows why, field by field.
    Refused(Box<crate::tui::entry::save::Refused>),
    /// A reference field's search results, for the text they were found for.
    Hits(String, Vec<crate::tui::form::PickHit>),
}

/// Data read for the screen.
#[derive(Debug, Clone)]
pub enum Loaded {
    Ledger(LedgerData),
    Community(CommunityData),
    Card(CardData),
    Communities(CommunitiesData),
    CommunityRows(Vec<(Id, Option<CommunityRow>)>),
    Units(UnitsData),
    UnitRows(Vec<(Id, Option<UnitRow>)>),
    MemberDetail(Box<MemberDetail>),
    CommunityDetail(Box<CommunityDetail>),
    UnitDetail(Box<UnitDetail>),
    PostDetail(Box<PostDetail>),
    ServiceDetail(Box<ServiceDetail>),
    /// What a form needs to open.
    Seed(Box<crate::tui::entry::seed::Seed>),
    /// The search index is being read in the background (asked for by the loop itself).
    SearchLoading,
    /// The search index is ready.
    SearchReady,
    /// Reading the search index failed (the message is for the status line); the next
    /// search asks again.
    SearchFailed(String),
    /// The search overlay's hits (with their docs, in rank order), for the text searched.
    Found(String, Vec<crate::search::Doc>),
    Session(Box<super::session::work::Done>),
    Readiness(Box<super::readiness::Lists>),
    /// The settings as saved, and the ledger generation after saving them.
    SettingsSaved(super::settings::Draft, u64),
    Demands(Box<super::demands::work::Done>),
    Reports(Box<super::reports::work::Done>),
    /// A record's logged changes, for the history screen.
    History(Box<super::history::HistoryScreen>),
    /// The import screen's file checked, imported or completed.
    Import(Box<super::import_screen::Done>),
}

/// What a [`Load`] should read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Load {
    /// The communities' ids, the first ones' lines and the settings.
    Ledger,
    /// The ids of the communities the 社区 pane lists for this `/` filter text.
    Communities(String),
    /// The lines of these communities (the ones on screen).
    CommunityRows(Vec<Id>),
    /// A community's members and posts.
    Community(Id),
    /// A member's service card.
    Card(Id),
    /// The ids of the units the 单位 view lists for this `/` filter text.
    Units(String),
    /// The lines of these units (the ones on screen).
    UnitRows(Vec<Id>),
    MemberDetail(Id),
    CommunityDetail(Id),
    UnitDetail(Id),
    PostDetail(Id),
    ServiceDetail(Id),
    /// What a form needs to open (the record to edit, a registration, a unit's members).
    Seed(crate::tui::entry::seed::SeedReq),
}

/// Work for the runtime.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Load(Load),
    /// Read the ledger's commit counter (another clerk may have saved).
    CheckGeneration,
    /// Read the search index (the search overlay's first use).
    LoadSearch,
    /// Search every roster for the search overlay.
    Find(crate::tui::search::Find),
    /// Read or write for the year-end session.
    Session(super::session::work::Work),
    /// The readiness lists of a community.
    Readiness(Id),
    SaveSettings(super::settings::Draft),
    /// Read or step the requests of a community.
    Demands(super::demands::work::Work),
    /// Read a record's history (its id and what the screen calls it).
    History(Id, String),
    /// Build a form for the screen, or export it.
    Reports(super::reports::work::Work),
    /// Check or import a file, or complete its path.
    Import(super::import_screen::Work),
    Quit,
    /// One write transaction for a form (or undo/redo).
    Save(Box<crate::tui::entry::save::Save>),
    /// Search the index for a reference field.
    Search(crate::tui::form::SearchReq),
}
