//! The year's screens (search, session, readiness, settings, requests, reports) inside the
//! update loop: their keys, their data arriving, and the jumps they make into the panes.
//!
//! These screens are overlays over the panes, but unlike help or a detail they need the whole
//! app (the search index, the selected community, the privacy switches), so their keys come
//! here instead of going through `Overlay::handle_key`.
//!
//! Owns: routing to each screen and applying what a screen asks of the app. Must not touch:
//! the ledger (screens ask with effects), drawing.

use crossterm::event::KeyEvent;

use crate::domain::{Id, Kind};
use crate::i18n::{t, tf};
use crate::tui::action::{Effect, Load};
use crate::tui::app::App;
use crate::tui::command::CommandId;
use crate::tui::demands::{self, DemandsScreen, Tab};
use crate::tui::entry::seed::SeedReq;
use crate::tui::layout::{Pane, Screen};
use crate::tui::overlay::Overlay;
use crate::tui::readiness::{self, Lists, Readiness};
use crate::tui::reports::{self, ReportsScreen};
use crate::tui::search::{Jump, SearchOutcome, SearchOverlay};
use crate::tui::session::{self, SessionScreen};
use crate::tui::settings::{self as settings_screen, Draft, SettingsScreen};
use crate::tui::widgets::text_input::Edit;

/// A global command opening one of the screens; `None` for any other command.
pub fn open(app: &mut App, c: CommandId) -> Option<Vec<Effect>> {
    Some(match c {
        CommandId::Search => {
            app.active_mut().set_filtering(false);
            let home = app.communities.selected_id();
            let mut s = SearchOverlay::new(home, app.lang());
            let effects = want_index(app);
            s.loading = !app.search.ready;
            app.overlays.push(Overlay::Search(Box::new(s)));
            effects
        }
        CommandId::Session => {
            let Some(community) = app.communities.selected_id() else {
                app.error(t(app.lang(), "tui.status.pick_community").to_string());
                return Some(Vec::new());
            };
            app.active_mut().set_filtering(false);
            let s = SessionScreen::new(community, app.year(), app.config.today, app.lang());
            let work = s.open_work();
            app.overlays.push(Overlay::Session(Box::new(s)));
            vec![Effect::Session(work)]
        }
        CommandId::Readiness => {
            let Some(community) = app.communities.selected_id() else {
                app.error(t(app.lang(), "tui.status.pick_community").to_string());
                return Some(Vec::new());
            };
            app.active_mut().set_filtering(false);
            let r = Readiness::new(community, app.lang());
            app.overlays.push(Overlay::Readiness(Box::new(r)));
            vec![Effect::Readiness(community)]
        }
        CommandId::Import => {
            app.active_mut().set_filtering(false);
            let community = app.communities.selected().map(|c| c.name.clone());
            let s = crate::tui::import_screen::ImportScreen::new(community, app.lang());
            app.overlays.push(Overlay::Import(Box::new(s)));
            Vec::new()
        }
        CommandId::Settings => {
            app.active_mut().set_filtering(false);
            let s = SettingsScreen::new(app.settings.clone(), app.lang());
            app.overlays.push(Overlay::Settings(Box::new(s)));
            Vec::new()
        }
        CommandId::Demands => {
            let Some(community) = app.communities.selected_id() else {
                app.error(t(app.lang(), "tui.status.pick_community").to_string());
                return Some(Vec::new());
            };
            app.active_mut().set_filtering(false);
            open_demands(app, community, Tab::Demands, None)
        }
        CommandId::Reports => {
            app.active_mut().set_filtering(false);
            let unit = match app.screen {
                Screen::Units => app.units.selected_id(),
                Screen::Main => None,
            };
            let s = ReportsScreen::new(
                app.communities.selected_id(),
                app.members.selected_id(),
                unit,
                app.year(),
                app.lang(),
            );
            app.overlays.push(Overlay::Reports(Box::new(s)));
            Vec::new()
        }
        _ => return None,
    })
}

fn open_demands(app: &mut App, community: Id, tab: Tab, select: Option<Id>) -> Vec<Effect> {
    let s = DemandsScreen::new(community, tab, select, app.config.today, app.lang());
    let work = s.load_work();
    app.overlays.push(Overlay::Demands(Box::new(s)));
    vec![Effect::Demands(work)]
}

/// Asks for the search index unless it is ready or on its way. (Once read, the runtime
/// keeps it current by the ledger's journal.)
fn want_index(app: &mut App) -> Vec<Effect> {
    if app.search.ready || app.search.loading {
        return Vec::new();
    }
    app.search.loading = true;
    vec![Effect::LoadSearch]
}

/// A key while a screen is on top.
pub fn key(app: &mut App, ev: &KeyEvent) -> Vec<Effect> {
    let contexts = app.contexts();
    match app.config.keymap.resolve(&contexts, ev) {
        Some(c) => command(app, c),
        None => match Edit::from_key(ev) {
            Some(edit) => edit_text(app, edit),
            None => Vec::new(),
        },
    }
}

pub fn paste(app: &mut App, text: String) -> Vec<Effect> {
    edit_text(app, Edit::Paste(text))
}

fn edit_text(app: &mut App, edit: Edit) -> Vec<Effect> {
    let ready = app.search.ready;
    match app.overlays.last_mut() {
        Some(Overlay::Search(s)) => {
            if s.edit(edit)
                && ready
                && let Some(find) = s.find()
            {
                return vec![Effect::Find(find)];
            }
        }
        Some(Overlay::Session(s)) => s.edit(edit),
        Some(Overlay::Settings(s)) => s.edit(edit),
        Some(Overlay::Import(s)) => s.edit(edit),
        Some(Overlay::Demands(s)) => s.edit(edit),
        Some(Overlay::Reports(s)) => s.edit(edit),
        _ => {}
    }
    Vec::new()
}

/// A command while a screen is on top.
pub fn command(app: &mut App, c: CommandId) -> Vec<Effect> {
    let lang = app.lang();
    if c.edits() && app.config.read_only {
        app.error(tf(lang, "tui.status.read_only", &[&c.name(lang)]));
        return Vec::new();
    }
    if !app.offers(c) {
        return not_here(app, c);
    }
    if c == CommandId::Reveal {
        reveal(app);
        return Vec::new();
    }
    if let Some(edit) = Edit::from_command(c)
        && matches!(app.overlays.last(), Some(Overlay::Search(_)))
    {
        return edit_text(app, edit);
    }
    let outcome = match app.overlays.last_mut() {
        Some(Overlay::Search(s)) => s.apply(c),
        Some(Overlay::Session(s)) => {
            let outcome = s.apply(c);
            return session_outcome(app, outcome);
        }
        Some(Overlay::Demands(s)) => {
            let outcome = s.apply(c);
            return demands_outcome(app, outcome);
        }
        Some(Overlay::Reports(s)) => match s.apply(c) {
            reports::Outcome::Stay => SearchOutcome::Stay,
            reports::Outcome::Close => SearchOutcome::Close,
            reports::Outcome::Work(w) => return vec![Effect::Reports(w)],
            reports::Outcome::Info(msg) => {
                app.info(msg);
                SearchOutcome::Stay
            }
            reports::Outcome::Pass(c) => SearchOutcome::Pass(c),
        },
        Some(Overlay::Settings(s)) => {
            let outcome = s.apply(c, app.config.read_only);
            return settings_outcome(app, outcome);
        }
        Some(Overlay::Import(s)) => {
            let outcome = s.apply(c);
            return import_outcome(app, outcome);
        }
        Some(Overlay::Readiness(r)) => match r.apply(c) {
            readiness::Outcome::Stay => SearchOutcome::Stay,
            readiness::Outcome::Close => SearchOutcome::Close,
            readiness::Outcome::Jump(j) => SearchOutcome::Jump(j),
            readiness::Outcome::Pass(c) => SearchOutcome::Pass(c),
        },
        _ => return Vec::new(),
    };
    match outcome {
        SearchOutcome::Stay => Vec::new(),
        SearchOutcome::Close => {
            app.overlays.pop();
            Vec::new()
        }
        SearchOutcome::Jump(j) => {
            app.overlays.pop();
            start_jump(app, j)
        }
        SearchOutcome::Pass(c) => super::command(app, c),
    }
}

/// Shows or hides the personal data of the record in front of the screen.
fn reveal(app: &mut App) {
    let lang = app.lang();
    if app.privacy.presentation {
        app.error(t(lang, "tui.status.reveal_presenting").to_string());
        return;
    }
    let Some(id) = app.overlays.last().and_then(Overlay::owner) else {
        app.error(t(lang, "tui.status.reveal_nothing").to_string());
        return;
    };
    if app.privacy.revealed == Some(id) {
        app.privacy.revealed = None;
        app.info(t(lang, "tui.status.hidden_all").to_string());
    } else {
        app.privacy.revealed = Some(id);
        app.info(t(lang, "tui.status.revealed_one").to_string());
    }
    super::relayout_reports(app);
}

/// The search index is ready: an open search box searches what was typed meanwhile.
pub fn index_ready(app: &mut App) -> Vec<Effect> {
    app.search.loading = false;
    app.search.ready = true;
    let mut out = Vec::new();
    for o in &mut app.overlays {
        if let Overlay::Search(s) = o {
            s.loading = false;
            out.extend(s.find().map(Effect::Find));
        }
    }
    out
}

/// Hits for the search box.
pub fn found(app: &mut App, text: &str, docs: Vec<crate::search::Doc>) -> Vec<Effect> {
    if let Some(Overlay::Search(s)) = app.overlays.last_mut() {
        s.found(text, docs);
    }
    Vec::new()
}

/// Starts a jump: closes what is in the way and selects what can be selected now; the rest
/// happens in [`follow`] as rows arrive.
pub fn start_jump(app: &mut App, j: Jump) -> Vec<Effect> {
    app.active_mut().set_filtering(false);
    app.jump = Some(j);
    let mut out = Vec::new();
    match j {
        Jump::Fix(member) => {
            app.jump = None;
            out.push(Effect::Load(Load::Seed(SeedReq::Edit(
                Kind::Member,
                member,
            ))));
        }
        Jump::Unit(_) => {
            app.screen = Screen::Units;
            // The list holds only what its filter found: it is read again, whole, and the
            // jump waits for it (`follow` asks for it).
            if app.units.is_filtered() {
                app.units.clear_filter();
                app.units.clear();
            }
        }
        Jump::Member { community, .. }
        | Jump::Post { community, .. }
        | Jump::Community(community)
        | Jump::Household { community, .. }
        | Jump::Demand { community, .. } => {
            app.screen = Screen::Main;
            app.focus = match j {
                Jump::Member { .. } => Pane::Members,
                Jump::Post { .. } => Pane::Posts,
                _ => Pane::Communities,
            };
            if app.communities.selected_id() != Some(community) {
                app.communities.clear_filter();
                if !app.communities.select_id(community) {
                    app.jump = None;
                    app.error(t(app.lang(), "tui.search.gone").to_string());
                }
            }
        }
    }
    out
}

/// After every action: finish a jump whose rows have arrived, fit the screens to the layout.
pub fn follow(app: &mut App) -> Vec<Effect> {
    let mut out = Vec::new();
    if let Some(j) = app.jump {
        let done = match j {
            Jump::Community(_) | Jump::Fix(_) => true,
            Jump::Unit(u) => app.units.loaded && select(&mut app.units, u),
            Jump::Member { community, member } => {
                app.members_of == Some(community)
                    && app.members.loaded
                    && select(&mut app.members, member)
            }
            Jump::Post { community, post } => {
                app.members_of == Some(community)
                    && app.posts.loaded
                    && select(&mut app.posts, post)
            }
            Jump::Household {
                community,
                household: id,
            }
            | Jump::Demand {
                community,
                demand: id,
            } => {
                let tab = match j {
                    Jump::Household { .. } => Tab::Households,
                    _ => Tab::Demands,
                };
                app.jump = None;
                out.extend(open_demands(app, community, tab, Some(id)));
                false
            }
        };
        if done {
            app.jump = None;
        }
    }
    if let Some(layout) = app.layout() {
        let rows = layout.body.height.saturating_sub(3) as usize;
        for o in &mut app.overlays {
            match o {
                Overlay::Search(s) => s.set_height(rows),
                Overlay::Readiness(r) => r.set_height(rows),
                Overlay::Demands(d) => d.set_height(rows.saturating_sub(1)),
                Overlay::Reports(r) => r.set_height(rows),
                Overlay::Session(s) => {
                    if let Some(crate::tui::session::Ask::Comment(a)) = &mut s.ask {
                        a.fit(layout.body);
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// Selects `id` in a pane (clearing a filter that hides it); true when done, including when
/// the record is not in the pane at all (nothing more will arrive to wait for).
fn select<T: crate::tui::pane::PaneRow>(
    list: &mut crate::tui::pane::PaneList<T>,
    id: crate::domain::Id,
) -> bool {
    if !list.select_id(id) {
        list.clear_filter();
        list.select_id(id);
    }
    true
}

fn session_outcome(app: &mut App, outcome: session::Outcome) -> Vec<Effect> {
    match outcome {
        session::Outcome::Stay => Vec::new(),
        session::Outcome::Close => {
            if app.unsaved_work() {
                // A 现实表现 typed and not saved with a grade: only `y` leaves it behind.
                let confirm = crate::tui::entry::confirm::Confirm::new(
                    crate::tui::entry::confirm::OnYes::Discard,
                );
                app.overlays.push(Overlay::Confirm(confirm));
                return Vec::new();
            }
            app.overlays.pop();
            Vec::new()
        }
        session::Outcome::Work(w) => vec![Effect::Session(w)],
        session::Outcome::Both(w, msg) => {
            app.info(msg);
            vec![Effect::Session(w)]
        }
        session::Outcome::Info(msg) => {
            app.info(msg);
            Vec::new()
        }
        session::Outcome::Error(msg) => {
            app.error(msg);
            Vec::new()
        }
        session::Outcome::Pass(c) => super::command(app, c),
    }
}

/// The session's data arrived; a save also moved the ledger on, which the panes follow
/// without the "changed by another user" message (the change was this clerk's).
pub fn session_arrived(app: &mut App, done: session::work::Done) -> Vec<Effect> {
    let generation = match &done {
        session::work::Done::Graded(_, g) => Some(*g),
        session::work::Done::Closed { generation, .. }
        | session::work::Done::Reopened { generation, .. } => Some(*generation),
        _ => None,
    };
    let mut out = generation.map(|g| saved(app, g)).unwrap_or_default();
    let outcome = app.overlays.iter_mut().rev().find_map(|o| match o {
        Overlay::Session(s) => Some(s.arrived(done.clone())),
        _ => None,
    });
    if let Some(outcome) = outcome {
        out.extend(session_outcome_beneath(app, outcome));
    }
    out
}

/// Like [`session_outcome`], for a session that may not be on top (help opened over it):
/// closing and passing keys are for the top only.
fn session_outcome_beneath(app: &mut App, outcome: session::Outcome) -> Vec<Effect> {
    match outcome {
        session::Outcome::Close | session::Outcome::Pass(_) => Vec::new(),
        other => session_outcome(app, other),
    }
}

pub fn readiness_arrived(app: &mut App, lists: Lists) {
    for o in &mut app.overlays {
        if let Overlay::Readiness(r) = o {
            r.arrived(lists.clone());
        }
    }
}

fn settings_outcome(app: &mut App, outcome: settings_screen::Outcome) -> Vec<Effect> {
    match outcome {
        settings_screen::Outcome::Stay => Vec::new(),
        settings_screen::Outcome::Close => {
            app.overlays.pop();
            Vec::new()
        }
        settings_screen::Outcome::Save(draft) => vec![Effect::SaveSettings(draft)],
        settings_screen::Outcome::Info(msg) => {
            app.info(msg);
            Vec::new()
        }
        settings_screen::Outcome::Error(msg) => {
            app.error(msg);
            Vec::new()
        }
        settings_screen::Outcome::Pass(c) => super::command(app, c),
    }
}

/// The settings were saved: the app's copy follows, and so do the screens that judge by them.
pub fn settings_saved(app: &mut App, draft: Draft, generation: u64) -> Vec<Effect> {
    app.settings = draft.0.clone();
    for o in &mut app.overlays {
        if let Overlay::Settings(s) = o {
            s.saved_now(draft.0.clone());
        }
    }
    app.info(t(app.lang(), "tui.set.saved").to_string());
    saved(app, generation)
}

fn demands_outcome(app: &mut App, outcome: demands::Outcome) -> Vec<Effect> {
    match outcome {
        demands::Outcome::Stay => Vec::new(),
        demands::Outcome::Close => {
            app.overlays.pop();
            Vec::new()
        }
        demands::Outcome::Work(w) => vec![Effect::Demands(w)],
        demands::Outcome::Info(msg) => {
            app.info(msg);
            Vec::new()
        }
        demands::Outcome::Error(msg) => {
            app.error(msg);
            Vec::new()
        }
        demands::Outcome::NotHere(c) => not_here(app, c),
        demands::Outcome::Pass(c) => super::command(app, c),
    }
}

/// A key that does nothing on the screen in front: said, with the screen's own keys.
fn not_here(app: &mut App, c: CommandId) -> Vec<Effect> {
    let lang = app.lang();
    let keys = app.keys_here();
    app.error(tf(lang, "tui.status.not_here", &[&c.name(lang), &keys]));
    Vec::new()
}

pub fn demands_arrived(app: &mut App, done: demands::work::Done) -> Vec<Effect> {
    let lang = app.lang();
    let (data, out) = match done {
        demands::work::Done::Loaded(d) => (d, Vec::new()),
        demands::work::Done::Stepped(d, g, demand) => {
            use crate::domain::Choice;
            app.info(tf(
                lang,
                "tui.dem.stepped",
                &[&demand.content, &demand.status.label(lang)],
            ));
            (d, saved(app, g))
        }
    };
    for o in &mut app.overlays {
        if let Overlay::Demands(s) = o {
            s.arrived((*data).clone());
        }
    }
    out
}

pub fn reports_arrived(app: &mut App, done: reports::work::Done) {
    let mut message = None;
    let privacy = app.privacy;
    for o in &mut app.overlays {
        if let Overlay::Reports(r) = o {
            message = r.arrived(done.clone(), &privacy).or(message);
        }
    }
    if let Some(m) = message {
        app.info(m);
    }
}

/// After this clerk saved: the ledger's new generation, and the panes read again.
fn saved(app: &mut App, generation: u64) -> Vec<Effect> {
    app.generation = generation;
    let mut loads = vec![Load::Ledger];
    loads.extend(app.members_of.map(Load::Community));
    loads.extend(app.card_of.map(Load::Card));
    app.unit_rows.clear();
    app.unit_rows_pending.clear();
    loads.into_iter().map(Effect::Load).collect()
}

fn import_outcome(app: &mut App, outcome: crate::tui::import_screen::Outcome) -> Vec<Effect> {
    use crate::tui::import_screen::Outcome;
    match outcome {
        Outcome::Stay => Vec::new(),
        Outcome::Close => {
            app.overlays.pop();
            Vec::new()
        }
        Outcome::Work(w) => vec![Effect::Import(w)],
        // The new records on screen at once: the ledger is read again as after any
        // commit, and the status line says why.
        Outcome::Imported(g) => {
            let loads = super::loaded::generation(app, g);
            app.info(t(app.lang(), "tui.imp.saved").to_string());
            loads
        }
        Outcome::Error(msg) => {
            app.error(msg);
            Vec::new()
        }
        Outcome::Pass(c) => super::command(app, c),
    }
}

/// The import screen's work came back.
pub fn import_arrived(app: &mut App, done: crate::tui::import_screen::Done) -> Vec<Effect> {
    let Some(Overlay::Import(s)) = app
        .overlays
        .iter_mut()
        .rev()
        .find(|o| matches!(o, Overlay::Import(_)))
    else {
        return Vec::new();
    };
    let outcome = s.arrived(done);
    import_outcome(app, outcome)
}
