//! Popups on top of the screen, one file each: help and the command palette (in `widgets`),
//! the detail of a record ([`detail`], its lines per kind in [`member`], [`community`],
//! [`unit`], [`record`]). Forms will be added here as more variants.
//!
//! Only the top overlay receives keys, in its own contexts; its outcome tells `update` to
//! keep it, close it, or close it and run a command beneath.
//!
//! Owns: the list of overlay kinds and how keys and drawing reach them. Must not touch: the
//! ledger, the panes.

pub mod community;
pub mod detail;
pub mod member;
pub mod record;
pub mod unit;

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::Widget;

use super::command::{CommandId, Context};
use super::demands::{DemandsScreen, DemandsView};
use super::keymap::Keymap;
use super::privacy::Privacy;
use super::readiness::{self, Readiness, ReadinessView};
use super::reports::{ReportsScreen, ReportsView};
use super::search::{self, SearchOverlay, SearchView};
use super::session::{Ask, SessionScreen, SessionView};
use super::settings::{SettingsScreen, SettingsView};
use super::theme::Theme;
use super::widgets::help::{self, Help, HelpOutcome, HelpView};
use super::widgets::palette::{self, Palette, PaletteOutcome, PaletteView};
use super::widgets::text_input::Edit;
use crate::i18n::Lang;
use detail::{Detail, DetailOutcome, DetailView};

/// An open popup.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help(Help),
    Palette(Palette),
    Detail(Detail),
    /// A form (its keys are routed by `update` to `entry::update`).
    Form(Box<crate::tui::form::Form>),
    /// A yes/no question before work is dropped.
    Confirm(crate::tui::entry::confirm::Confirm),
    /// The overdue slips.
    Overdue(crate::tui::entry::overdue::Overdue),
    /// Which of several records a command acts on (the pairing `P` edits).
    Choose(Box<crate::tui::entry::choose::Choose>),
    /// The year's screens: their keys are handled by `update::year`, which needs the app.
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

/// What `update` does after the top overlay handled a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Close,
    /// Close and run this command on what is beneath.
    Run(CommandId),
    /// Stay open and run this command as if no overlay were open (reveal, presentation).
    Pass(CommandId),
    /// A command that would change the ledger behind a popup showing a record (undo, redo,
    /// archive): not run; the clerk is told to close the popup first.
    Refuse(CommandId),
}

const DETAIL_CONTEXTS: [Context; 2] = [Context::Overlay, Context::Global];
/// A member's detail adds its own keys (pair, visit) above the detail's.
const MEMBER_DETAIL_CONTEXTS: [Context; 3] = [Context::Detail, Context::Overlay, Context::Global];

/// What every overlay is drawn with.
#[derive(Clone, Copy)]
pub struct Ui<'a> {
    pub theme: &'a Theme,
    pub lang: Lang,
    /// The key hints a popup draws are the keys in force.
    pub keymap: &'a Keymap,
}
const CONFIRM_CONTEXTS: [Context; 1] = [Context::Overlay];

impl Overlay {
    /// The contexts its keys resolve in, topmost first.
    pub fn contexts(&self) -> &'static [Context] {
        match self {
            Overlay::Help(_) => &help::CONTEXTS,
            Overlay::Palette(_) => &palette::CONTEXTS,
            Overlay::Detail(d) if matches!(d.kind, detail::DetailKind::Member(_)) => {
                &MEMBER_DETAIL_CONTEXTS
            }
            Overlay::Detail(_) | Overlay::Overdue(_) | Overlay::History(_) => &DETAIL_CONTEXTS,
            Overlay::Form(_) => &crate::tui::form::CONTEXTS,
            Overlay::Confirm(_) => &CONFIRM_CONTEXTS,
            Overlay::Choose(_) => &crate::tui::widgets::pick::CONTEXTS,
            Overlay::Search(_) => &search::CONTEXTS,
            Overlay::Session(s) => s.contexts(),
            Overlay::Readiness(_) => &readiness::CONTEXTS,
            Overlay::Settings(s) => s.contexts(),
            Overlay::Import(s) => s.contexts(),
            Overlay::Demands(s) => s.contexts(),
            Overlay::Reports(s) => s.contexts(),
        }
    }

    /// One of the year's screens, whose keys `update::year` handles.
    pub fn is_screen(&self) -> bool {
        matches!(
            self,
            Overlay::Search(_)
                | Overlay::Session(_)
                | Overlay::Readiness(_)
                | Overlay::Settings(_)
                | Overlay::Import(_)
                | Overlay::Demands(_)
                | Overlay::Reports(_)
        )
    }

    /// Whether `c` does something with this overlay on top: the key hints name only these,
    /// and a screen refuses the rest, naming its keys.
    pub fn offers(&self, c: CommandId) -> bool {
        if self.is_screen() && c.acts_on_panes() {
            return false;
        }
        match self {
            Overlay::Demands(s) => s.offers(c),
            // Screens that change nothing (the forms, the readiness lists): a change asked for
            // there would act unseen on the lists beneath (`u` in the form chooser or in F7
            // undid the last save).
            Overlay::Reports(_) | Overlay::Readiness(_) => !c.edits(),
            _ => true,
        }
    }

    /// The record in front on a screen (its personal data may be revealed).
    pub fn owner(&self) -> Option<crate::domain::Id> {
        match self {
            Overlay::Detail(d) => Some(d.owner()),
            Overlay::Search(s) => s.selected().map(|d| d.id),
            Overlay::Session(s) => s.owner(),
            Overlay::Readiness(r) => r.selected().map(|l| l.member),
            Overlay::Demands(d) => d.owner(),
            // A form reveals one member: the form's own, or their row or sheet in a form
            // of many (Privacy::report).
            Overlay::Reports(r) => r.in_front(),
            _ => None,
        }
    }

    pub fn handle_key(&mut self, keymap: &Keymap, ev: &KeyEvent) -> Outcome {
        match self {
            Overlay::Help(h) => help_outcome(h.handle_key(keymap, ev)),
            Overlay::Palette(p) => palette_outcome(p.handle_key(keymap, ev)),
            Overlay::Detail(_) => match keymap.resolve(self.contexts(), ev) {
                Some(c) => match self {
                    Overlay::Detail(d) => detail_command(d, c),
                    _ => Outcome::Stay,
                },
                None => Outcome::Stay,
            },
            Overlay::History(h) => match keymap.resolve(&DETAIL_CONTEXTS, ev) {
                Some(c) => history_command(h, c),
                None => Outcome::Stay,
            },
            // Data entry's popups get their keys through `entry::update`, which can answer
            // with saves and searches.
            Overlay::Form(_) | Overlay::Confirm(_) | Overlay::Overdue(_) | Overlay::Choose(_) => {
                Outcome::Stay
            }
            // Screens get their keys from `update::year` before they would reach here.
            _ => Outcome::Stay,
        }
    }

    /// A command that reached the overlay without a key (the palette, a test).
    pub fn apply(&mut self, command: CommandId) -> Outcome {
        match self {
            Overlay::Help(h) => help_outcome(h.apply(command)),
            Overlay::Palette(p) => palette_outcome(p.apply(command)),
            Overlay::Detail(d) => detail_command(d, command),
            Overlay::History(h) => history_command(h, command),
            Overlay::Form(_) | Overlay::Confirm(_) | Overlay::Overdue(_) | Overlay::Choose(_) => {
                Outcome::Stay
            }
            _ => Outcome::Stay,
        }
    }

    /// Pasted text: typed into the palette's query, ignored elsewhere.
    pub fn paste(&mut self, text: String) {
        if let Overlay::Palette(p) = self {
            p.edit(Edit::Paste(text));
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, ui: Ui, p: &Privacy) {
        let Ui {
            theme,
            lang,
            keymap,
        } = ui;
        match self {
            Overlay::Help(help) => HelpView { help, theme }.render(area, buf),
            Overlay::Palette(palette) => PaletteView { palette, theme }.render(area, buf),
            Overlay::Detail(detail) => DetailView {
                detail,
                theme,
                lang,
                privacy: p,
                keymap,
            }
            .render(area, buf),
            Overlay::Form(form) => crate::tui::form::view::FormView {
                form,
                theme,
                privacy: p,
                keymap,
            }
            .render(area, buf),
            Overlay::Confirm(confirm) => crate::tui::entry::confirm::ConfirmView {
                confirm,
                theme,
                lang,
            }
            .render(area, buf),
            Overlay::Choose(c) => c.list.render(area, buf, theme),
            Overlay::Overdue(overdue) => crate::tui::entry::overdue::OverdueView {
                overdue,
                theme,
                lang,
                keymap,
            }
            .render(area, buf),
            Overlay::Search(search) => SearchView {
                search,
                theme,
                privacy: p,
                keymap,
            }
            .render(area, buf),
            Overlay::Session(session) => SessionView {
                session,
                theme,
                privacy: p,
            }
            .render(area, buf),
            Overlay::Readiness(screen) => ReadinessView { screen, theme }.render(area, buf),
            Overlay::Settings(screen) => SettingsView { screen, theme }.render(area, buf),
            Overlay::Import(screen) => crate::tui::import_screen::ImportView {
                screen,
                theme,
                keymap,
            }
            .render(area, buf),
            Overlay::Demands(screen) => DemandsView {
                screen,
                theme,
                privacy: p,
            }
            .render(area, buf),
            Overlay::Reports(screen) => ReportsView {
                screen,
                theme,
                keymap,
            }
            .render(area, buf),
            Overlay::History(screen) => crate::tui::history::HistoryView {
                screen,
                theme,
                privacy: p,
                keymap,
            }
            .render(area, buf),
        }
    }

    /// Where the terminal cursor goes while this overlay is on top.
    pub fn cursor(&self, area: Rect) -> Option<Position> {
        match self {
            Overlay::Palette(p) => p.cursor_position(area),
            Overlay::Form(f) => crate::tui::form::view::cursor(f, area),
            Overlay::Search(s) => s.cursor_position(area),
            Overlay::Settings(s) => s.cursor_position(area),
            Overlay::Import(s) => s.cursor_position(area),
            Overlay::Demands(s) => s.cursor_position(area),
            Overlay::Choose(c) => c.list.cursor_position(area),
            Overlay::Reports(s) => match &s.choose {
                Some(crate::tui::reports::Choose::Unit(p)) => p.cursor_position(area),
                _ => None,
            },
            Overlay::Session(s) => match &s.ask {
                Some(Ask::Comment(a)) => a.cursor_position(area),
                Some(Ask::Reopen(p)) => p.cursor_position(area),
                Some(Ask::Jump(p)) => p.cursor_position(area),
                _ => None,
            },
            _ => None,
        }
    }
}

fn help_outcome(o: HelpOutcome) -> Outcome {
    match o {
        HelpOutcome::Stay => Outcome::Stay,
        HelpOutcome::Close => Outcome::Close,
    }
}

fn palette_outcome(o: PaletteOutcome) -> Outcome {
    match o {
        PaletteOutcome::Stay => Outcome::Stay,
        PaletteOutcome::Close => Outcome::Close,
        PaletteOutcome::Run(c) => Outcome::Run(c),
    }
}

/// Scrolling and closing are the detail's; any other command (reveal, quit, help) is run
/// with the detail left open, so a clerk can reveal a phone while reading.
fn history_command(h: &mut crate::tui::history::HistoryScreen, c: CommandId) -> Outcome {
    use crate::tui::history::HistoryOutcome;
    match h.apply(c) {
        HistoryOutcome::Stay => Outcome::Stay,
        HistoryOutcome::Close => Outcome::Close,
        HistoryOutcome::Pass(other) if other.edits() => Outcome::Refuse(other),
        HistoryOutcome::Pass(other) => Outcome::Pass(other),
    }
}

fn detail_command(d: &mut Detail, command: CommandId) -> Outcome {
    match command {
        CommandId::MoveUp
        | CommandId::MoveDown
        | CommandId::PageUp
        | CommandId::PageDown
        | CommandId::Close
        | CommandId::Confirm
        | CommandId::Cancel => match d.apply(command) {
            DetailOutcome::Stay => Outcome::Stay,
            DetailOutcome::Close => Outcome::Close,
        },
        // Undo, redo, archive …: they would act on the list beneath, unseen (Ctrl-r would
        // redo an undone save while the clerk reads a record). The detail's own steps (a
        // member's pair and visit) act on the record shown.
        other if other.edits() && !other.spec().applies_in(Context::Detail) => {
            Outcome::Refuse(other)
        }
        other => Outcome::Pass(other),
    }
}
