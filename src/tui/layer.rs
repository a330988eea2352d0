//! One way through the TUI: every popup and screen over the panes is a [`Layer`], and every
//! layer answers with the one [`Outcome`].
//!
//! `update` is the only router: it resolves a key in the top layer's contexts, checks the
//! command is usable there (`App::usable`), hands the layer the command (or the typed text),
//! and applies the outcome. A layer sees a read-only [`Cx`], never the whole app; what needs
//! the app (a form's save, which names records from the panes) comes back as
//! [`Outcome::Then`], run by `update`.
//!
//! Owns: the trait and the outcome vocabulary. Must not touch: the ledger, the panes.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::Widget;

use super::action::{Effect, Loaded};
use super::app::{App, AppConfig};
use super::changed::Changed;
use super::command::{CommandId, Context};
use super::keymap::Keymap;
use super::overlay::Overlay;
use super::privacy::Privacy;
use super::search::Jump;
use super::theme::Theme;
use super::widgets::text_input::Edit;
use crate::domain::Id;
use crate::i18n::Lang;

/// What a layer may read while it handles a command: never the whole app.
#[derive(Clone, Copy)]
pub struct Cx<'a> {
    pub keymap: &'a Keymap,
    pub lang: Lang,
    pub today: chrono::NaiveDate,
    pub read_only: bool,
    pub privacy: &'a Privacy,
    /// The search index is in memory (a search box searches as it is typed).
    pub search_ready: bool,
}

impl<'a> Cx<'a> {
    pub fn new(config: &'a AppConfig, privacy: &'a Privacy, search_ready: bool) -> Cx<'a> {
        Cx {
            keymap: &config.keymap,
            lang: config.lang,
            today: config.today,
            read_only: config.read_only,
            privacy,
            search_ready,
        }
    }
}

/// What every layer is drawn with.
#[derive(Clone, Copy)]
pub struct Ui<'a> {
    pub theme: &'a Theme,
    pub lang: Lang,
    /// The key hints a popup draws are the keys in force.
    pub keymap: &'a Keymap,
}

/// A layer as it is drawn: the layer, what every layer is drawn with, and what may be shown.
/// A layer's view is `impl Widget for Drawn<'_, ItsLayer>`, which gives it [`Draw`].
pub struct Drawn<'a, L: ?Sized> {
    pub layer: &'a L,
    pub ui: Ui<'a>,
    pub privacy: &'a Privacy,
}

/// How a layer is drawn over the body: its [`Drawn`] view (every layer has one).
pub trait Draw {
    fn render(&self, area: Rect, buf: &mut Buffer, ui: Ui, privacy: &Privacy);
}

impl<L> Draw for L
where
    for<'a> Drawn<'a, L>: Widget,
{
    fn render(&self, area: Rect, buf: &mut Buffer, ui: Ui, privacy: &Privacy) {
        Drawn {
            layer: self,
            ui,
            privacy,
        }
        .render(area, buf)
    }
}

/// A step that needs the app (a form's save names records from the panes).
pub type Then = Box<dyn FnOnce(&mut App) -> Vec<Effect>>;

/// What `update` does after a layer handled a command, some text or its data.
pub enum Outcome {
    Stay,
    /// Take this layer off.
    Close,
    /// Close, then run this command where the clerk then is (the palette's choice).
    Run(CommandId),
    /// Stay open and run this command on the panes beneath (reveal, quit, help).
    Pass(CommandId),
    /// Not run: said on the status line with the keys that work here.
    Refuse(CommandId),
    Effect(Effect),
    Info(String),
    Error(String),
    /// Close, then select this record in its pane.
    Jump(Jump),
    /// Put a layer on top (a question before work is dropped).
    Push(Overlay),
    /// This clerk's own commit moved the ledger to this generation, changing this: what
    /// shows it is read again.
    Saved(u64, Changed),
    Then(Then),
    All(Vec<Outcome>),
}

impl Outcome {
    /// Both, in order.
    pub fn and(self, next: Outcome) -> Outcome {
        match (self, next) {
            (Outcome::Stay, next) => next,
            (first, Outcome::Stay) => first,
            (Outcome::All(mut v), next) => {
                v.push(next);
                Outcome::All(v)
            }
            (first, next) => Outcome::All(vec![first, next]),
        }
    }
}

impl std::fmt::Debug for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Stay => write!(f, "Stay"),
            Outcome::Close => write!(f, "Close"),
            Outcome::Run(c) => write!(f, "Run({c:?})"),
            Outcome::Pass(c) => write!(f, "Pass({c:?})"),
            Outcome::Refuse(c) => write!(f, "Refuse({c:?})"),
            Outcome::Effect(e) => write!(f, "Effect({e:?})"),
            Outcome::Info(s) => write!(f, "Info({s:?})"),
            Outcome::Error(s) => write!(f, "Error({s:?})"),
            Outcome::Jump(j) => write!(f, "Jump({j:?})"),
            Outcome::Push(o) => write!(f, "Push({o:?})"),
            Outcome::Saved(g, c) => write!(f, "Saved({g}, {c:?})"),
            Outcome::Then(_) => write!(f, "Then(..)"),
            Outcome::All(v) => write!(f, "All({v:?})"),
        }
    }
}

/// Outcomes are compared by what they say; a pushed layer or a step needing the app is never
/// equal to another (tests compare the plain ones).
impl PartialEq for Outcome {
    fn eq(&self, other: &Outcome) -> bool {
        use Outcome::*;
        match (self, other) {
            (Stay, Stay) | (Close, Close) => true,
            (Run(a), Run(b)) | (Pass(a), Pass(b)) | (Refuse(a), Refuse(b)) => a == b,
            (Effect(a), Effect(b)) => a == b,
            (Info(a), Info(b)) | (Error(a), Error(b)) => a == b,
            (Jump(a), Jump(b)) => a == b,
            (Saved(a, x), Saved(b, y)) => a == b && x == y,
            (All(a), All(b)) => a == b,
            _ => false,
        }
    }
}

/// A popup or screen over the panes, drawn by its [`Drawn`] view.
pub trait Layer: Draw {
    /// The contexts its keys resolve in, topmost first.
    fn contexts(&self) -> &'static [Context];

    /// A key the layer answers before the keymap sees it (a yes/no question's `y`).
    fn key(&mut self, _ev: &KeyEvent, _cx: &Cx) -> Option<Outcome> {
        None
    }

    /// A command resolved in its contexts (or chosen in the palette), already known usable.
    fn command(&mut self, c: CommandId, cx: &Cx) -> Outcome;

    /// Typed or pasted text (a key no command is bound to).
    fn edit(&mut self, _edit: Edit, _cx: &Cx) -> Outcome {
        Outcome::Stay
    }

    /// Data the runtime read; `None` when it is not this layer's.
    fn arrived(&mut self, _data: &Loaded, _cx: &Cx) -> Option<Outcome> {
        None
    }

    /// Where the terminal cursor goes while this layer is on top.
    fn cursor(&self, _area: Rect) -> Option<Position> {
        None
    }

    /// Typed work that closing would lose.
    fn unsaved(&self) -> bool {
        false
    }

    /// A screen that covers the panes (their focus keys do nothing there).
    fn covers(&self) -> bool {
        false
    }

    /// Whether `c` does something with this layer on top. A change to the ledger is offered
    /// only where it is bound in the layer's own contexts: one asked for anywhere else would
    /// act unseen on what lies beneath (Ctrl-r redid an undone save behind the import screen).
    fn offers(&self, c: CommandId) -> bool {
        if self.covers() && c.acts_on_panes() {
            return false;
        }
        !c.edits()
            || self
                .contexts()
                .iter()
                .any(|x| *x != Context::Global && c.spec().applies_in(*x))
    }

    /// A popup showing one record: a refusal says to close it first.
    fn shows_record(&self) -> bool {
        false
    }

    /// The record in front, whose personal data `r` reveals; its name when the layer
    /// knows it.
    fn revealable(&self, _lang: Lang) -> Option<(Id, Option<String>)> {
        None
    }

    /// The body's area changed (or may have): fit the rows shown.
    fn fit(&mut self, _body: Rect) {}

    /// A reveal or presentation mode changed what may be shown.
    fn relayout(&mut self, _privacy: &Privacy) {}
}

/// A scrolled text's move: `top`, the first line shown, goes a line or a page (`page` lines)
/// at a time, never past `last`. False for a command that is not a move.
pub fn scroll(top: &mut usize, c: CommandId, page: usize, last: usize) -> bool {
    *top = match c {
        CommandId::MoveDown => (*top + 1).min(last),
        CommandId::MoveUp => top.saturating_sub(1),
        CommandId::PageDown => (*top + page).min(last),
        CommandId::PageUp => top.saturating_sub(page),
        _ => return false,
    };
    true
}

/// A context for a layer's own tests: the default keys, Chinese, nothing revealed.
#[cfg(test)]
pub(crate) fn test_cx<R>(f: impl FnOnce(&Cx) -> R) -> R {
    let keymap = Keymap::defaults();
    let privacy = Privacy::default();
    f(&Cx {
        keymap: &keymap,
        lang: Lang::Zh,
        today: chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap_or_default(),
        read_only: false,
        privacy: &privacy,
        search_ready: false,
    })
}
