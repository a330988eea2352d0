//! The state of the full-screen program: what is loaded, what is selected, which pane has the
//! keyboard, the open overlays, the status line and the privacy switches.
//!
//! `App` holds no ledger handle and does no I/O: data arrives in actions, and `update` is the
//! only place that changes it. Views read it through `&App`.
//!
//! Owns: the state and small queries on it (contexts in force, the focused list). Must not
//! touch: the store, the terminal, key bindings (the keymap resolves keys).

use chrono::{Datelike, NaiveDate};

use super::command::{CommandId, Context};
use super::data::*;
use super::filter::RowKey;
use super::keymap::Keymap;
use super::layout::{self, Layout, Pane, Screen};
use super::lines::Lines;
use super::overlay::Overlay;
use super::pane::{PaneList, PaneRow};
use super::privacy::Privacy;
use super::theme::Theme;
use super::widgets::list::ListState;
use super::widgets::text_input::{Edit, TextInput};
use crate::domain::{Choice, Id, Settings};
use crate::i18n::Lang;

/// How the program was started; fixed for the session.
#[derive(Debug, Clone)]
pub struct AppConfig {
    pub lang: Lang,
    /// The ledger's file name (not its full path: the header has little room and a path
    /// tells an onlooker more than they need).
    pub ledger_name: String,
    pub clerk: String,
    pub read_only: bool,
    pub today: NaiveDate,
    pub keymap: Keymap,
    /// Where `keys.toml` is read from, shown in help.
    pub keys_path: Option<String>,
    pub theme: Theme,
}

/// A message on the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

#[derive(Debug)]
pub struct App {
    pub config: AppConfig,
    pub screen: Screen,
    pub focus: Pane,
    /// The communities' ids; their lines are read for the rows on screen (`community_rows`).
    pub communities: PaneList<CommunityEntry>,
    /// The `/` filter text whose communities are listed (or being listed).
    pub communities_of: Option<String>,
    /// Lines of the communities on screen (and the selected one).
    pub community_rows: Lines<CommunityRow>,
    pub members: PaneList<MemberRow>,
    pub posts: PaneList<PostRow>,
    pub card: PaneList<ServiceRow>,
    /// The units' ids; their lines are read for the rows on screen (`unit_rows`).
    pub units: PaneList<UnitEntry>,
    /// The `/` filter text whose units are loaded (or being loaded).
    pub units_of: Option<String>,
    /// Lines of the units on screen.
    pub unit_rows: Lines<UnitRow>,
    /// The community whose members and posts are loaded (or being loaded).
    pub members_of: Option<Id>,
    /// The member whose card is loaded (or being loaded).
    pub card_of: Option<Id>,
    /// The households the card's member is paired with now, once the card has arrived.
    pub card_paired: Option<(Id, Vec<(Id, String)>)>,
    pub settings: Settings,
    /// Popups, the top one last; only the top one gets keys.
    pub overlays: Vec<Overlay>,
    pub status: Option<Status>,
    pub privacy: Privacy,
    /// The terminal's size, for page moves and the units on screen.
    pub size: (u16, u16),
    /// The ledger's commit counter as of the last load.
    pub generation: u64,
    pub quit: bool,
    /// Undo/redo, completions and the card's marked range (data entry).
    pub entry: super::entry::EntryState,
    /// The search index once loaded (the search overlay queries it in memory).
    pub search: super::search::Engine,
    /// A record chosen elsewhere (a search hit, a readiness line), selected in its pane as
    /// soon as the pane's rows arrive.
    pub jump: Option<super::search::Jump>,
}

impl App {
    pub fn new(config: AppConfig) -> App {
        App {
            config,
            screen: Screen::Main,
            focus: Pane::Communities,
            communities: PaneList::filtered_outside(),
            communities_of: None,
            community_rows: Lines::default(),
            members: PaneList::default(),
            posts: PaneList::default(),
            card: PaneList::default(),
            units: PaneList::filtered_outside(),
            units_of: None,
            unit_rows: Lines::default(),
            members_of: None,
            card_of: None,
            card_paired: None,
            settings: Settings::default(),
            overlays: Vec::new(),
            status: None,
            privacy: Privacy::default(),
            size: (80, 24),
            generation: 0,
            quit: false,
            entry: Default::default(),
            search: Default::default(),
            jump: None,
        }
    }

    pub fn lang(&self) -> Lang {
        self.config.lang
    }

    pub fn year(&self) -> i32 {
        self.config.today.year()
    }

    pub fn info(&mut self, text: String) {
        self.status = Some(Status { text, error: false });
    }

    pub fn error(&mut self, text: String) {
        self.status = Some(Status { text, error: true });
    }

    /// The layout of the current terminal size (`None` when it is too small).
    pub fn layout(&self) -> Option<Layout> {
        let area = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        layout::layout(area, self.screen, self.focus)
    }

    /// The contexts keys resolve in now, topmost first.
    pub fn contexts(&self) -> Vec<Context> {
        if let Some(top) = self.overlays.last() {
            return top.layer().contexts().to_vec();
        }
        if self.layout().is_none() {
            return vec![Context::Global];
        }
        if self.active().filtering() {
            vec![Context::Input, Context::List, Context::Global]
        } else {
            vec![Context::List, Context::Global]
        }
    }

    /// Whether `c` does something where the clerk is (see [`Layer::offers`]).
    pub fn offers(&self, c: CommandId) -> bool {
        self.overlays.last().is_none_or(|o| o.layer().offers(c))
    }

    /// Whether `c` is usable where the clerk is: offered here, and no change on a read-only
    /// ledger. The one rule the footer, help, palette and a refusal's list of keys follow.
    pub fn usable(&self, c: CommandId) -> bool {
        self.offers(c) && !(self.config.read_only && c.edits())
    }

    /// The keys of the commands usable where the clerk is, those of everywhere left out, as
    /// a refusal names them: `H 新增帮扶对象 · e 修改 · … · Esc 关闭`.
    pub fn keys_here(&self) -> String {
        let lang = self.lang();
        self.config
            .keymap
            .help(&self.contexts())
            .into_iter()
            .filter(|s| s.context != Context::Global)
            .flat_map(|s| s.entries)
            .filter(|e| self.usable(e.command) && !e.command.is_motion())
            .filter_map(|e| Some(format!("{} {}", e.keys.first()?, e.command.name(lang))))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// The list that has the keyboard.
    pub fn active(&self) -> &dyn ListPane {
        match (self.screen, self.focus) {
            (Screen::Units, _) => &self.units,
            (Screen::Main, Pane::Communities) => &self.communities,
            (Screen::Main, Pane::Members) => &self.members,
            (Screen::Main, Pane::Posts) => &self.posts,
            (Screen::Main, Pane::Card) => &self.card,
        }
    }

    pub fn active_mut(&mut self) -> &mut dyn ListPane {
        match (self.screen, self.focus) {
            (Screen::Units, _) => &mut self.units,
            (Screen::Main, Pane::Communities) => &mut self.communities,
            (Screen::Main, Pane::Members) => &mut self.members,
            (Screen::Main, Pane::Posts) => &mut self.posts,
            (Screen::Main, Pane::Card) => &mut self.card,
        }
    }

    pub fn pane(&self, pane: Pane) -> &dyn ListPane {
        match pane {
            Pane::Communities => &self.communities,
            Pane::Members => &self.members,
            Pane::Posts => &self.posts,
            Pane::Card => &self.card,
        }
    }

    pub fn pane_mut(&mut self, pane: Pane) -> &mut dyn ListPane {
        match pane {
            Pane::Communities => &mut self.communities,
            Pane::Members => &mut self.members,
            Pane::Posts => &mut self.posts,
            Pane::Card => &mut self.card,
        }
    }

    /// The line of the community selected (on screen, so read once it has arrived).
    pub fn selected_community(&self) -> Option<&CommunityRow> {
        self.communities
            .selected_id()
            .and_then(|id| self.community_rows.get(&id))
    }

    pub fn selected_member(&self) -> Option<&MemberRow> {
        self.members.selected()
    }

    /// The line of the unit selected in the units view (on screen, so read).
    pub fn selected_unit(&self) -> Option<&UnitRow> {
        self.units
            .selected_id()
            .and_then(|id| self.unit_rows.get(&id))
    }

    /// Forgets the units' lines (the ledger changed): `follow` reads the ones on screen again,
    /// and the list itself when it was loaded.
    pub fn units_changed(&mut self) {
        if self.units.loaded {
            self.units_of = None;
        }
        self.unit_rows.clear();
    }

    /// Forgets the communities' lines (the ledger changed): `follow` reads the ones on screen
    /// again.
    pub fn communities_changed(&mut self) {
        self.community_rows.clear();
    }

    /// Whether anything typed would be lost by quitting: a layer's typed work (a form's
    /// changes, a 现实表现 not yet saved with a grade); the filter's text is not ledger data.
    pub fn unsaved_work(&self) -> bool {
        self.overlays.iter().any(|o| o.layer().unsaved())
    }
}

/// What `update` and the views need of any list pane, whatever its rows.
pub trait ListPane {
    fn state(&self) -> &ListState;
    fn state_mut(&mut self) -> &mut ListState;
    fn filter_input(&self) -> &TextInput;
    fn filtering(&self) -> bool;
    fn set_filtering(&mut self, on: bool);
    fn is_filtered(&self) -> bool;
    fn edit_filter(&mut self, edit: Edit);
    fn clear_filter(&mut self);
    fn selected_id(&self) -> Option<Id>;
    fn shown_len(&self) -> usize;
    fn loaded(&self) -> bool;
}

impl<T: PaneRow> ListPane for PaneList<T> {
    fn state(&self) -> &ListState {
        &self.list
    }
    fn state_mut(&mut self) -> &mut ListState {
        &mut self.list
    }
    fn filter_input(&self) -> &TextInput {
        &self.filter
    }
    fn filtering(&self) -> bool {
        self.filtering
    }
    fn set_filtering(&mut self, on: bool) {
        self.filtering = on;
    }
    fn is_filtered(&self) -> bool {
        PaneList::is_filtered(self)
    }
    fn edit_filter(&mut self, edit: Edit) {
        PaneList::edit_filter(self, edit)
    }
    fn clear_filter(&mut self) {
        PaneList::clear_filter(self)
    }
    fn selected_id(&self) -> Option<Id> {
        PaneList::selected_id(self)
    }
    fn shown_len(&self) -> usize {
        PaneList::shown_len(self)
    }
    fn loaded(&self) -> bool {
        self.loaded
    }
}

impl PaneRow for CommunityEntry {
    fn id(&self) -> Id {
        self.0
    }
    // Never used: the list is filtered by the ledger's index as it is read, as the units'.
    fn key(&self, _: Lang) -> RowKey {
        RowKey::new(&[])
    }
}

impl PaneRow for MemberRow {
    fn id(&self) -> Id {
        self.id
    }
    fn key(&self, lang: Lang) -> RowKey {
        let status = self.status.map(|s| s.label(lang)).unwrap_or("");
        RowKey::person(&[&self.name, &self.unit, status])
    }
}

impl PaneRow for PostRow {
    fn id(&self) -> Id {
        self.id
    }
    fn key(&self, _: Lang) -> RowKey {
        RowKey::new(&[&self.name, &self.place])
    }
}

impl PaneRow for ServiceRow {
    fn id(&self) -> Id {
        self.id
    }
    fn key(&self, _: Lang) -> RowKey {
        RowKey::new(&[&self.date.to_string(), &self.content, &self.place])
    }
}

impl PaneRow for UnitEntry {
    fn id(&self) -> Id {
        self.0
    }
    // Never used: the units list is filtered by the ledger's index as it is read
    // (`PaneList::filtered_outside`), over the unit's name, kind, paired community and address.
    fn key(&self, _: Lang) -> RowKey {
        RowKey::new(&[])
    }
}
