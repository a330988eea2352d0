//! The global search overlay (`s` from anywhere): one box over every roster — members,
//! communities, units, posts, households, requests — typed the way clerks type (characters,
//! pinyin, initials, phone digits). Results come grouped by kind, the clerk's own community
//! first, and Enter jumps to the record in its pane.
//!
//! The index is the runtime's (`runtime::search::SearchCache`, shared with the pickers), read
//! in the background after the first frame or on first use. Each edit asks the runtime to
//! [`Find`] the text; the hits come back with their docs, and are shown if the text is still
//! the one typed.
//!
//! Owns: the query, the grouped hits, the selection, the jump. Must not touch: the ledger,
//! the panes' rows (a jump only says what to select; `update::jump` applies it).

mod view;

use crate::domain::Id;
use crate::i18n::{Lang, t};
use crate::search::{Doc, Kind};
use crate::tui::action::{Effect, Loaded};
use crate::tui::command::{CommandId, Context};
use crate::tui::layer::{Cx, Layer, Outcome};
use crate::tui::widgets::list::ListState;
use crate::tui::widgets::text_input::{Edit, TextInput};
use ratatui::layout::{Position, Rect};

/// The contexts of the search box: typing first, then the popup's keys.
pub const CONTEXTS: [Context; 3] = [Context::Input, Context::Overlay, Context::Global];

/// Hits fetched per keystroke: enough for every group to show a screenful.
const LIMIT: usize = 200;

pub fn kind_label(kind: Kind, lang: Lang) -> &'static str {
    match kind {
        Kind::Member => t(lang, "tui.search.kind_member"),
        Kind::Community => t(lang, "tui.search.kind_community"),
        Kind::Unit => t(lang, "tui.search.kind_unit"),
        Kind::Post => t(lang, "tui.search.kind_post"),
        Kind::Household => t(lang, "tui.search.kind_household"),
        Kind::Demand => t(lang, "tui.search.kind_demand"),
    }
}

/// Whether the runtime's search index is ready.
#[derive(Debug, Clone, Default)]
pub struct Engine {
    pub ready: bool,
    /// A load was asked for and has not arrived.
    pub loading: bool,
}

/// A search of every roster, as the overlay asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Find {
    pub text: String,
    /// The clerk's community (its records rank first).
    pub home: Option<Id>,
    pub limit: usize,
}

/// Where a chosen hit takes the clerk; applied once the pane holding it has its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jump {
    Member {
        community: Id,
        member: Id,
    },
    Community(Id),
    Unit(Id),
    Post {
        community: Id,
        post: Id,
    },
    Household {
        community: Id,
        household: Id,
    },
    Demand {
        community: Id,
        demand: Id,
    },
    /// A member in no community (stranded by an old save or an import): no pane lists them,
    /// so their form opens, to give them a community or archive them.
    Fix(Id),
}

/// One line of the result list: a group's heading or a hit.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    Heading(Kind, usize),
    Hit(Doc),
}

#[derive(Debug, Clone)]
pub struct SearchOverlay {
    pub input: TextInput,
    pub rows: Vec<Row>,
    /// Over `rows`; headings are skipped by the motions.
    pub list: ListState,
    /// The clerk's community (its records rank first).
    pub home: Option<Id>,
    pub lang: Lang,
    /// The index is still being read; typing is kept and searched once it arrives.
    pub loading: bool,
}

impl SearchOverlay {
    pub fn new(home: Option<Id>, lang: Lang) -> SearchOverlay {
        SearchOverlay {
            input: TextInput::new().with_placeholder(t(lang, "tui.search.placeholder")),
            rows: Vec::new(),
            list: ListState::new(0),
            home,
            lang,
            loading: false,
        }
    }

    /// The document of the selected hit.
    pub fn selected(&self) -> Option<&Doc> {
        match self.rows.get(self.list.selected()?) {
            Some(Row::Hit(d)) => Some(d),
            _ => None,
        }
    }

    /// Types into the query; searches it again when the index is there.
    fn typed(&mut self, edit: Edit, ready: bool) -> Outcome {
        if self.input.apply(edit)
            && ready
            && let Some(find) = self.find()
        {
            return Outcome::Effect(Effect::Find(find));
        }
        Outcome::Stay
    }

    /// The search for what is typed (for the runtime to run); `None` while the box is empty,
    /// which finds nothing.
    pub fn find(&mut self) -> Option<Find> {
        let text = self.input.value().to_string();
        if text.trim().is_empty() {
            self.show(Vec::new());
            return None;
        }
        Some(Find {
            text,
            home: self.home,
            limit: LIMIT,
        })
    }

    /// Shows the hits found for `text`, if that is still what is typed.
    pub fn found(&mut self, text: &str, docs: Vec<Doc>) {
        if self.input.value() == text {
            self.show(docs);
        }
    }

    /// Groups the hits (docs in rank order) and selects the first.
    fn show(&mut self, docs: Vec<Doc>) {
        self.rows = group(docs);
        self.list = ListState::new(self.rows.len());
        self.list.set_height(self.rows.len().max(1));
        self.skip_heading(1);
    }

    pub fn set_height(&mut self, rows: usize) {
        self.list.set_height(rows);
    }

    /// Moves off a heading in the direction of travel (or back when at the end).
    fn skip_heading(&mut self, dir: isize) {
        for step in [dir, -dir] {
            while let Some(i) = self.list.selected() {
                if !matches!(self.rows.get(i), Some(Row::Heading(..))) {
                    return;
                }
                let before = i;
                self.list.move_by(step);
                if self.list.selected() == Some(before) {
                    break;
                }
            }
        }
    }
}

impl Layer for SearchOverlay {
    fn contexts(&self) -> &'static [Context] {
        &CONTEXTS
    }

    fn command(&mut self, command: CommandId, cx: &Cx) -> Outcome {
        if let Some(edit) = Edit::from_command(command) {
            return self.typed(edit, cx.search_ready);
        }
        let dir = match command {
            CommandId::MoveUp | CommandId::PageUp => -1,
            _ => 1,
        };
        if self.list.apply(command) {
            self.skip_heading(dir);
            return Outcome::Stay;
        }
        match command {
            CommandId::Confirm => match self.selected().and_then(jump_to) {
                Some(j) => Outcome::Jump(j),
                None => Outcome::Stay,
            },
            CommandId::Cancel | CommandId::Close | CommandId::Search => Outcome::Close,
            other => Outcome::Pass(other),
        }
    }

    fn edit(&mut self, edit: Edit, cx: &Cx) -> Outcome {
        self.typed(edit, cx.search_ready)
    }

    /// The index is ready: what was typed meanwhile is searched; hits are shown if their
    /// text is still the one typed.
    fn arrived(&mut self, data: &Loaded, _: &Cx) -> Option<Outcome> {
        match data {
            Loaded::SearchReady => {
                self.loading = false;
                Some(match self.find() {
                    Some(find) => Outcome::Effect(Effect::Find(find)),
                    None => Outcome::Stay,
                })
            }
            Loaded::Found(text, docs) => {
                self.found(text, docs.clone());
                Some(Outcome::Stay)
            }
            _ => None,
        }
    }

    fn cursor(&self, area: Rect) -> Option<Position> {
        self.cursor_position(area)
    }

    fn covers(&self) -> bool {
        true
    }

    fn revealable(&self, _: Lang) -> Option<(Id, Option<String>)> {
        self.selected().map(|d| (d.id, None))
    }

    fn fit(&mut self, body: Rect) {
        self.set_height(body.height.saturating_sub(3) as usize);
    }
}

/// Hits in groups in the order of [`Kind::ALL`], each group in rank order under its heading.
fn group(docs: Vec<Doc>) -> Vec<Row> {
    let mut rows = Vec::new();
    for kind in Kind::ALL {
        let of_kind: Vec<&Doc> = docs.iter().filter(|d| d.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        rows.push(Row::Heading(kind, of_kind.len()));
        rows.extend(of_kind.into_iter().map(|d| Row::Hit(d.clone())));
    }
    rows
}

/// Where a hit lives. A record without a community (a unit) needs none; a member whose
/// community is unknown opens in their form; a post without one cannot be shown.
pub fn jump_to(doc: &Doc) -> Option<Jump> {
    Some(match doc.kind {
        Kind::Member => match doc.community {
            Some(community) => Jump::Member {
                community,
                member: doc.id,
            },
            None => Jump::Fix(doc.id),
        },
        Kind::Community => Jump::Community(doc.id),
        Kind::Unit => Jump::Unit(doc.id),
        Kind::Post => Jump::Post {
            community: doc.community?,
            post: doc.id,
        },
        Kind::Household => Jump::Household {
            community: doc.community?,
            household: doc.id,
        },
        Kind::Demand => Jump::Demand {
            community: doc.community?,
            demand: doc.id,
        },
    })
}
