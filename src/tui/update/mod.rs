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
mod loaded;
pub mod year;

use super::action::{Action, Effect, Load};
use super::app::App;
use super::command::{CommandId, Context};
use super::layout::{Pane, Screen};
use super::overlay::{Outcome, Overlay};
use super::widgets::help::Help;
use super::widgets::palette::Palette;
use super::widgets::text_input::Edit;
use crate::i18n::{t, tf};
use crate::tui::entry::update as entry;

/// Applies one action; returns the work the runtime must do.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let screen = app.overlays.last().is_some_and(Overlay::is_screen);
    let mut effects = match action {
        Action::Key(ev) if screen => year::key(app, &ev),
        Action::Paste(text) if screen => year::paste(app, text),
        Action::Command(c) if screen => year::command(app, c),
        Action::Key(ev) => key(app, &ev),
        Action::Paste(text) => paste(app, text),
        Action::Resize(w, h) => {
            app.size = (w, h);
            Vec::new()
        }
        Action::Command(c) if entry::owns_top(app) => entry::overlay_command(app, c),
        Action::Command(c) => match app.overlays.last_mut() {
            Some(top) => {
                let outcome = top.apply(c);
                overlay_outcome(app, outcome)
            }
            None => command(app, c),
        },
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
    effects.extend(year::follow(app));
    effects.extend(follow::follow(app));
    effects
}

/// The first work of a session: the community list (the rest follows from the selection).
pub fn start() -> Vec<Effect> {
    vec![Effect::Load(Load::Ledger)]
}

fn key(app: &mut App, ev: &crossterm::event::KeyEvent) -> Vec<Effect> {
    if entry::owns_top(app) {
        return entry::overlay_key(app, ev);
    }
    if let Some(top) = app.overlays.last_mut() {
        let outcome = top.handle_key(&app.config.keymap, ev);
        return overlay_outcome(app, outcome);
    }
    let contexts = app.contexts();
    match app.config.keymap.resolve(&contexts, ev) {
        Some(c) => command(app, c),
        None => {
            if app.active().filtering()
                && let Some(edit) = Edit::from_key(ev)
            {
                app.active_mut().edit_filter(edit);
            }
            Vec::new()
        }
    }
}

fn paste(app: &mut App, text: String) -> Vec<Effect> {
    if entry::owns_top(app) {
        return entry::paste(app, text);
    }
    if let Some(top) = app.overlays.last_mut() {
        top.paste(text);
    } else if app.active().filtering() {
        app.active_mut().edit_filter(Edit::Paste(text));
    }
    Vec::new()
}

fn overlay_outcome(app: &mut App, outcome: Outcome) -> Vec<Effect> {
    match outcome {
        Outcome::Stay => Vec::new(),
        Outcome::Close => {
            app.overlays.pop();
            Vec::new()
        }
        Outcome::Run(c) => {
            app.overlays.pop();
            command(app, c)
        }
        Outcome::Pass(c) => command(app, c),
        Outcome::Refuse(c) => {
            let lang = app.lang();
            let close = crate::tui::keymap::first_key(
                &app.config.keymap,
                Context::Overlay,
                CommandId::Close,
            );
            app.error(tf(lang, "tui.status.close_first", &[&c.name(lang), &close]));
            Vec::new()
        }
    }
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
    if let Some(effects) = year::open(app, c) {
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
    let target = match app.overlays.last() {
        Some(Overlay::Detail(d)) => Some((d.owner(), d.title(lang))),
        _ => match (app.screen, app.focus) {
            (Screen::Units, _) => app.selected_unit().map(|u| (u.id, u.name.clone())),
            (Screen::Main, Pane::Communities) => {
                app.communities.selected().map(|c| (c.id, c.name.clone()))
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

/// `r`: shows or hides the personal data of the record in front of the clerk — the open
/// detail, else the selected member (or unit on the units screen).
fn reveal(app: &mut App) -> Vec<Effect> {
    let lang = app.lang();
    if app.privacy.presentation {
        app.error(t(lang, "tui.status.reveal_presenting").to_string());
        return Vec::new();
    }
    let target = match app.overlays.last() {
        Some(Overlay::Detail(d)) => Some((d.owner(), d.title(lang))),
        _ => match (app.screen, app.focus) {
            (Screen::Units, _) => app.selected_unit().map(|u| (u.id, u.name.clone())),
            (Screen::Main, Pane::Communities) => None,
            (Screen::Main, _) => app.selected_member().map(|m| (m.id, m.name.clone())),
        },
    };
    let Some((id, name)) = target else {
        app.error(t(lang, "tui.status.reveal_nothing").to_string());
        return Vec::new();
    };
    if app.privacy.revealed == Some(id) {
        app.privacy.revealed = None;
        app.info(tf(lang, "tui.status.hidden", &[&name]));
    } else {
        app.privacy.revealed = Some(id);
        app.info(tf(lang, "tui.status.revealed", &[&name]));
    }
    relayout_reports(app);
    Vec::new()
}

/// An open form follows a reveal or a switch of presentation mode at once, like every view.
pub(super) fn relayout_reports(app: &mut App) {
    let privacy = app.privacy;
    for o in &mut app.overlays {
        if let Overlay::Reports(r) = o {
            r.relayout(&privacy);
        }
    }
}
