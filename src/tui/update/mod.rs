//! `update(&mut App, Action) -> Vec<Effect>`: every change of state, with no I/O.
//!
//! A key is resolved by the keymap in the contexts in force (the top overlay's, or the
//! focused list's) to a command; the command changes the state. After every action,
//! [`follow`] compares what is selected with what is loaded and asks for what is missing (a
//! newly selected community's members, a member's card, the figures of units scrolled into
//! view), so no command has to remember to load anything.
//!
//! Owns: what each command and each arrival of data does. Must not touch: the ledger, the
//! terminal, drawing.

mod follow;
mod jump;
mod loaded;
mod open;
pub mod reload;

use super::action::{Action, Effect, Load, Loaded};
use super::app::App;
use super::changed::Changed;
use super::command::{CommandId, Context};
use super::layer::{Cx, Outcome};
use super::layout::{Pane, Screen};
use super::overlay::Overlay;
use super::widgets::help::Help;
use super::widgets::palette::Palette;
use super::widgets::text_input::Edit;
use crate::domain::Id;
use crate::i18n::{t, tf};
use crate::tui::entry::update as entry;

pub use jump::start as start_jump;

/// Applies one action; returns the work the runtime must do.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut effects = match action {
        Action::Key(ev) => key(app, &ev),
        Action::Paste(text) => edit(app, Edit::Paste(text)),
        Action::Resize(w, h) => {
            app.size = (w, h);
            Vec::new()
        }
        Action::Command(c) => dispatch(app, c),
        Action::Tick => vec![Effect::CheckGeneration],
        Action::Generation(g) => loaded::generation(app, g),
        Action::Loaded(data) => loaded::apply(app, data),
        Action::Failed(message) => {
            app.error(message);
            Vec::new()
        }
        Action::Saved(s) => entry::saved(app, *s),
        Action::Refused(r) => entry::refused(app, *r),
        Action::Hits(text, hits) => entry::hits(app, text, hits),
    };
    effects.extend(jump::follow(app));
    effects.extend(follow::follow(app));
    effects
}

/// The first work of a session: the community list (the rest follows from the selection).
pub fn start() -> Vec<Effect> {
    vec![Effect::Load(Load::Ledger)]
}

/// The one router: a key goes to the top layer first (a question's `y`), then is resolved in
/// the contexts in force (the top layer's, or the focused list's) to a command; a key no
/// command is bound to is typed text.
fn key(app: &mut App, ev: &crossterm::event::KeyEvent) -> Vec<Effect> {
    let cx = Cx::new(&app.config, &app.privacy, app.search.ready);
    if let Some(top) = app.overlays.last_mut()
        && let Some(outcome) = top.layer_mut().key(ev, &cx)
    {
        return apply(app, outcome);
    }
    let contexts = app.contexts();
    match app.config.keymap.resolve(&contexts, ev) {
        Some(c) => dispatch(app, c),
        None => match Edit::from_key(ev) {
            Some(e) => edit(app, e),
            None => Vec::new(),
        },
    }
}

/// Typed or pasted text: into the top layer, else the focused list's filter.
fn edit(app: &mut App, e: Edit) -> Vec<Effect> {
    let cx = Cx::new(&app.config, &app.privacy, app.search.ready);
    match app.overlays.last_mut() {
        Some(top) => {
            let outcome = top.layer_mut().edit(e, &cx);
            apply(app, outcome)
        }
        None => {
            if app.active().filtering() {
                app.active_mut().edit_filter(e);
            }
            Vec::new()
        }
    }
}

/// A command (from a key, the palette or a test) where the clerk is: to the top layer if it
/// is usable there (`App::usable`, the one rule), else to the panes.
fn dispatch(app: &mut App, c: CommandId) -> Vec<Effect> {
    if app.overlays.is_empty() {
        return command(app, c);
    }
    let lang = app.lang();
    if c.edits() && app.config.read_only {
        app.error(tf(lang, "tui.status.read_only", &[&c.name(lang)]));
        return Vec::new();
    }
    if !app.offers(c) {
        return refuse(app, c);
    }
    let cx = Cx::new(&app.config, &app.privacy, app.search.ready);
    let outcome = match app.overlays.last_mut() {
        Some(top) => top.layer_mut().command(c, &cx),
        None => Outcome::Stay,
    };
    apply(app, outcome)
}

/// A command the layer on top does not offer: nothing beneath it runs, and the clerk is told
/// what works here (a popup showing a record says to close it first).
fn refuse(app: &mut App, c: CommandId) -> Vec<Effect> {
    let lang = app.lang();
    if app
        .overlays
        .last()
        .is_some_and(|o| o.layer().shows_record())
    {
        let close =
            crate::tui::keymap::first_key(&app.config.keymap, Context::Overlay, CommandId::Close);
        app.error(tf(lang, "tui.status.close_first", &[&c.name(lang), &close]));
    } else {
        let keys = app.keys_here();
        app.error(tf(lang, "tui.status.not_here", &[&c.name(lang), &keys]));
    }
    Vec::new()
}

/// What the top layer answered.
fn apply(app: &mut App, outcome: Outcome) -> Vec<Effect> {
    match outcome {
        Outcome::Stay => Vec::new(),
        Outcome::Close => {
            app.overlays.pop();
            Vec::new()
        }
        Outcome::Run(c) => {
            app.overlays.pop();
            dispatch(app, c)
        }
        Outcome::Pass(c) => command(app, c),
        Outcome::Refuse(c) => refuse(app, c),
        Outcome::Effect(e) => vec![e],
        Outcome::Info(text) => {
            app.info(text);
            Vec::new()
        }
        Outcome::Error(text) => {
            app.error(text);
            Vec::new()
        }
        Outcome::Jump(j) => {
            app.overlays.pop();
            jump::start(app, j)
        }
        Outcome::Push(layer) => {
            app.overlays.push(layer);
            Vec::new()
        }
        Outcome::Saved(g, changed) => saved(app, g, changed),
        Outcome::Then(step) => step(app),
        Outcome::All(all) => all.into_iter().flat_map(|o| apply(app, o)).collect(),
    }
}

/// Data for the layers: each open layer takes what is its own, the top one first. A layer
/// not on top (help opened over it) keeps its answer to itself: closing, jumping and running
/// commands are for the top only.
pub(super) fn arrived(app: &mut App, data: Loaded) -> Vec<Effect> {
    match &data {
        Loaded::SearchReady => {
            app.search.loading = false;
            app.search.ready = true;
        }
        Loaded::SettingsSaved(draft, _) => {
            app.settings = draft.0.clone();
            app.info(t(app.lang(), "tui.set.saved").to_string());
        }
        _ => {}
    }
    let mut out = Vec::new();
    if let Loaded::SettingsSaved(_, g) = &data {
        out.extend(saved(app, *g, Changed::settings()));
    }
    let top = app.overlays.len();
    for i in (0..top).rev() {
        let cx = Cx::new(&app.config, &app.privacy, app.search.ready);
        let Some(outcome) = app
            .overlays
            .get_mut(i)
            .and_then(|o| o.layer_mut().arrived(&data, &cx))
        else {
            continue;
        };
        let outcome = if i + 1 == app.overlays.len() {
            outcome
        } else {
            beneath(outcome)
        };
        out.extend(apply(app, outcome));
    }
    out
}

/// An answer from a layer not on top, without what only the top may do.
fn beneath(outcome: Outcome) -> Outcome {
    match outcome {
        Outcome::Close
        | Outcome::Run(_)
        | Outcome::Pass(_)
        | Outcome::Jump(_)
        | Outcome::Push(_) => Outcome::Stay,
        Outcome::All(all) => Outcome::All(all.into_iter().map(beneath).collect()),
        other => other,
    }
}

/// After this clerk saved: the ledger's new generation, and what changed read again without
/// the "changed by another user" message (the change was this clerk's).
fn saved(app: &mut App, generation: u64, changed: Changed) -> Vec<Effect> {
    app.generation = generation;
    reload::reloads(app, changed)
}

/// Runs a command on the screen beneath any overlay.
pub fn command(app: &mut App, c: CommandId) -> Vec<Effect> {
    let lang = app.lang();
    if c.edits() && app.config.read_only {
        app.error(tf(lang, "tui.status.read_only", &[&c.name(lang)]));
        return Vec::new();
    }
    if app.active().filtering()
        && let Some(edit) = Edit::from_command(c)
    {
        app.active_mut().edit_filter(edit);
        return Vec::new();
    }
    if app.active_mut().state_mut().apply(c) {
        return Vec::new();
    }
    if let Some(effects) = open::open(app, c) {
        return effects;
    }
    match c {
        CommandId::Quit => {
            if app.unsaved_work() {
                // Typed changes are not thrown away by one key: only `y` quits now.
                let confirm = crate::tui::entry::confirm::Confirm::new(
                    crate::tui::entry::confirm::OnYes::Quit,
                );
                app.overlays.push(Overlay::Confirm(confirm));
                return Vec::new();
            }
            app.quit = true;
            vec![Effect::Quit]
        }
        CommandId::Help => {
            let mut help = Help::new(
                &app.config.keymap,
                &app.contexts(),
                lang,
                app.config.keys_path.as_deref(),
            )
            .retain(|c| app.usable(c));
            // A form with a field of several records (认领岗位): how to type them.
            if let Some(Overlay::Form(f)) = app.overlays.last()
                && f.fields.iter().any(|x| x.is_ref().is_some_and(|s| s.multi))
            {
                help = help.with_note(t(lang, "tui.help.several"));
            }
            app.overlays.push(Overlay::Help(help));
            Vec::new()
        }
        CommandId::Palette => {
            let palette =
                Palette::open(&app.config.keymap, &app.contexts(), lang).retain(|c| app.usable(c));
            app.overlays.push(Overlay::Palette(palette));
            Vec::new()
        }
        CommandId::FocusNext => focus(app, app.focus.next()),
        CommandId::FocusPrev => focus(app, app.focus.prev()),
        CommandId::FocusCommunities => focus(app, Pane::Communities),
        CommandId::FocusMembers => focus(app, Pane::Members),
        CommandId::FocusPosts => focus(app, Pane::Posts),
        CommandId::FocusCard => focus(app, Pane::Card),
        CommandId::Units => {
            app.active_mut().set_filtering(false);
            app.screen = match app.screen {
                Screen::Main => Screen::Units,
                Screen::Units => Screen::Main,
            };
            // `follow` reads the list the first time it is shown.
            Vec::new()
        }
        CommandId::Filter => {
            app.active_mut().set_filtering(true);
            Vec::new()
        }
        CommandId::Cancel => {
            // Esc clears the filter, which is a search, not data: nothing typed into the
            // ledger is ever dropped by it.
            let list = app.active_mut();
            list.set_filtering(false);
            list.clear_filter();
            Vec::new()
        }
        CommandId::Confirm => {
            app.active_mut().set_filtering(false);
            Vec::new()
        }
        CommandId::Open => open(app),
        CommandId::Reveal => reveal(app),
        CommandId::History => history(app),
        CommandId::Presentation => {
            app.privacy.presentation = !app.privacy.presentation;
            app.privacy.revealed = None;
            relayout_reports(app);
            let key = if app.privacy.presentation {
                "tui.status.presentation_on"
            } else {
                "tui.status.presentation_off"
            };
            app.info(t(lang, key).to_string());
            Vec::new()
        }
        // Motions were handled by the list above; data entry has the rest.
        other => entry::command(app, other).unwrap_or_default(),
    }
}

fn focus(app: &mut App, pane: Pane) -> Vec<Effect> {
    app.active_mut().set_filtering(false);
    app.screen = Screen::Main;
    app.focus = pane;
    Vec::new()
}

/// Enter: the detail of the selected row.
fn open(app: &mut App) -> Vec<Effect> {
    let load = match (app.screen, app.focus) {
        (Screen::Units, _) => app.units.selected_id().map(Load::UnitDetail),
        (Screen::Main, Pane::Communities) => {
            app.communities.selected_id().map(Load::CommunityDetail)
        }
        (Screen::Main, Pane::Members) => app.members.selected_id().map(Load::MemberDetail),
        (Screen::Main, Pane::Posts) => app.posts.selected_id().map(Load::PostDetail),
        (Screen::Main, Pane::Card) => app.card.selected_id().map(Load::ServiceDetail),
    };
    load.map(Effect::Load).into_iter().collect()
}

/// F2: the history of the record in front of the clerk — the open detail, else the selected
/// row of the focused pane (or unit on the units screen).
fn history(app: &mut App) -> Vec<Effect> {
    let lang = app.lang();
    let shown = app
        .overlays
        .last()
        .filter(|o| o.layer().shows_record())
        .and_then(|o| o.layer().revealable(lang));
    let target = match shown {
        Some((id, title)) => Some((id, title.unwrap_or_default())),
        None => match (app.screen, app.focus) {
            (Screen::Units, _) => app.selected_unit().map(|u| (u.id, u.name.clone())),
            (Screen::Main, Pane::Communities) => {
                app.selected_community().map(|c| (c.id, c.name.clone()))
            }
            (Screen::Main, Pane::Members) => app.selected_member().map(|m| (m.id, m.name.clone())),
            (Screen::Main, Pane::Posts) => app.posts.selected().map(|p| (p.id, p.name.clone())),
            (Screen::Main, Pane::Card) => app
                .card
                .selected()
                .map(|s| (s.id, format!("{} {}", s.date, s.content))),
        },
    };
    match target {
        Some((id, title)) => vec![Effect::History(id, title)],
        None => {
            app.error(t(lang, "tui.status.reveal_nothing").to_string());
            Vec::new()
        }
    }
}

/// The record in front of the clerk whose personal data `r` reveals, and its name when
/// known: the top layer's (a detail, the member on a screen), else the selected member (or
/// unit on the units screen); `None` on a screen with nothing selected, or on the
/// communities pane.
pub(super) fn in_front(app: &App) -> Option<(Id, Option<String>)> {
    if let Some(top) = app.overlays.last().map(Overlay::layer) {
        let shown = top.revealable(app.lang());
        if shown.is_some() || top.covers() {
            return shown;
        }
    }
    match (app.screen, app.focus) {
        (Screen::Units, _) => app.selected_unit().map(|u| (u.id, Some(u.name.clone()))),
        (Screen::Main, Pane::Communities) => None,
        (Screen::Main, _) => app.selected_member().map(|m| (m.id, Some(m.name.clone()))),
    }
}

/// `r`: shows or hides the personal data of the record in front of the clerk.
fn reveal(app: &mut App) -> Vec<Effect> {
    let lang = app.lang();
    if app.privacy.presentation {
        app.error(t(lang, "tui.status.reveal_presenting").to_string());
        return Vec::new();
    }
    let Some((id, name)) = in_front(app) else {
        app.error(t(lang, "tui.status.reveal_nothing").to_string());
        return Vec::new();
    };
    let hide = app.privacy.revealed == Some(id);
    app.privacy.revealed = (!hide).then_some(id);
    let said = match (hide, name) {
        (true, Some(name)) => tf(lang, "tui.status.hidden", &[&name]),
        (false, Some(name)) => tf(lang, "tui.status.revealed", &[&name]),
        (true, None) => t(lang, "tui.status.hidden_all").to_string(),
        (false, None) => t(lang, "tui.status.revealed_one").to_string(),
    };
    app.info(said);
    relayout_reports(app);
    Vec::new()
}

/// An open form follows a reveal or a switch of presentation mode at once, like every view.
pub(super) fn relayout_reports(app: &mut App) {
    let privacy = app.privacy;
    for o in &mut app.overlays {
        o.layer_mut().relayout(&privacy);
    }
}
