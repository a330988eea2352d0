//! Keys for data entry's popups: a form's keys and what its answers lead to (a search, a
//! save, "create new", `.`), the confirmation before work is dropped, the overdue list.
//!
//! Owns: those state changes. Must not touch: the ledger (searches and saves are effects).

use super::choose;
use super::confirm::{Answer, Confirm, OnYes};
use super::save::{After, SaveOp};
use super::update::{new_form, open, save, top_form, what};
use crate::domain::{Choice, Record};
use crate::i18n::{t, tf};
use crate::search::Kind as SearchKind;
use crate::tui::action::Effect;
use crate::tui::app::App;
use crate::tui::command::{CommandId, Context};
use crate::tui::form::{Ctx, FieldKey, Form, FormMsg, Which};
use crate::tui::overlay::Overlay;
use crate::tui::widgets::pick;
use crate::tui::widgets::text_input::Edit;
use crossterm::event::KeyEvent;

/// Whether the top overlay is one of data entry's (its keys come here).
pub fn owns_top(app: &App) -> bool {
    matches!(
        app.overlays.last(),
        Some(Overlay::Form(_) | Overlay::Confirm(_) | Overlay::Overdue(_) | Overlay::Choose(_))
    )
}

pub fn overlay_key(app: &mut App, ev: &KeyEvent) -> Vec<Effect> {
    let lang = app.lang();
    match app.overlays.last_mut() {
        Some(Overlay::Form(f)) => {
            let msg = f.handle_key(&app.config.keymap, ev);
            form_msg(app, msg)
        }
        Some(Overlay::Confirm(c)) => match c.key(ev) {
            Answer::Wait => Vec::new(),
            Answer::No => {
                app.overlays.pop();
                Vec::new()
            }
            Answer::Yes => {
                let on_yes = c.on_yes.clone();
                app.overlays.pop();
                match on_yes {
                    OnYes::Save { mut save, .. } => {
                        if let Some(f) = top_form(app) {
                            f.saving = true;
                        }
                        save.confirmed = true;
                        vec![Effect::Save(save)]
                    }
                    OnYes::Archive { record, name } => {
                        let what = format!("{} {name}", t(lang, "tui.entry.archived"));
                        vec![save(SaveOp::Put(record), After::Nothing, what)]
                    }
                    OnYes::Discard => {
                        app.overlays.pop();
                        app.info(t(lang, "tui.entry.discarded").to_string());
                        Vec::new()
                    }
                    OnYes::Quit => {
                        app.quit = true;
                        vec![Effect::Quit]
                    }
                }
            }
        },
        Some(Overlay::Choose(_)) => match app.config.keymap.resolve(&pick::CONTEXTS, ev) {
            Some(c) => overlay_command(app, c),
            None => {
                if let (Some(edit), Some(Overlay::Choose(ch))) =
                    (Edit::from_key(ev), app.overlays.last_mut())
                {
                    ch.list.edit(edit);
                }
                Vec::new()
            }
        },
        Some(Overlay::Overdue(_)) => {
            let contexts = [Context::Overlay, Context::Global];
            match app.config.keymap.resolve(&contexts, ev) {
                Some(c) => overlay_command(app, c),
                None => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

/// A command (from a key or the palette) for data entry's top overlay.
pub fn overlay_command(app: &mut App, c: CommandId) -> Vec<Effect> {
    match app.overlays.last_mut() {
        Some(Overlay::Form(f)) => {
            let msg = f.apply(c);
            form_msg(app, msg)
        }
        Some(Overlay::Confirm(_)) => {
            if matches!(c, CommandId::Close | CommandId::Cancel) {
                app.overlays.pop();
            }
            Vec::new()
        }
        Some(Overlay::Choose(ch)) => match ch.apply(c) {
            choose::Outcome::Stay => Vec::new(),
            choose::Outcome::Close => {
                app.overlays.pop();
                Vec::new()
            }
            choose::Outcome::Run(effects) => {
                app.overlays.pop();
                effects
            }
            choose::Outcome::Pass(c) => {
                // The rows were written for the mode they opened in: presenting (or not)
                // closes them, so no hidden name stays on screen; P lists them again.
                if c == CommandId::Presentation {
                    app.overlays.pop();
                }
                crate::tui::update::command(app, c)
            }
        },
        Some(Overlay::Overdue(o)) => match c {
            CommandId::MoveDown => {
                o.down();
                Vec::new()
            }
            CommandId::MoveUp => {
                o.up();
                Vec::new()
            }
            CommandId::Close | CommandId::Cancel => {
                app.overlays.pop();
                Vec::new()
            }
            CommandId::Confirm | CommandId::Open => {
                let Some(line) = o.selected().cloned() else {
                    return Vec::new();
                };
                app.overlays.pop();
                if app.config.read_only {
                    let lang = app.lang();
                    app.error(tf(
                        lang,
                        "tui.status.read_only",
                        &[&CommandId::Reason.name(lang)],
                    ));
                    return Vec::new();
                }
                let r = line.registration;
                let ctx = Ctx {
                    member: Some(r.member),
                    community: Some(r.community),
                    registration: Some(r.id),
                    subject: line.member,
                    ..Default::default()
                };
                let form = new_form(app, Which::Reason, Some(Record::Registration(r)), ctx);
                open(app, form);
                Vec::new()
            }
            other => crate::tui::update::command(app, other),
        },
        _ => Vec::new(),
    }
}

pub fn paste(app: &mut App, text: String) -> Vec<Effect> {
    if let Some(Overlay::Choose(ch)) = app.overlays.last_mut() {
        ch.list.edit(Edit::Paste(text));
        return Vec::new();
    }
    match top_form(app) {
        Some(f) => {
            let msg = f.edit(Edit::Paste(text));
            form_msg(app, msg)
        }
        None => Vec::new(),
    }
}

fn form_msg(app: &mut App, msg: FormMsg) -> Vec<Effect> {
    match msg {
        FormMsg::Stay => Vec::new(),
        FormMsg::Search(req) => vec![Effect::Search(req)],
        FormMsg::Submit => submit(app),
        FormMsg::Cancel => {
            if top_form(app).is_some_and(|f| f.changed()) {
                app.overlays
                    .push(Overlay::Confirm(Confirm::new(OnYes::Discard)));
            } else {
                app.overlays.pop();
            }
            Vec::new()
        }
        FormMsg::Create { field, spec, name } => {
            let which = match spec.kind {
                SearchKind::Unit => Which::Unit,
                SearchKind::Post => Which::Post,
                SearchKind::Household => Which::Household,
                SearchKind::Member => Which::Member,
                _ => return Vec::new(),
            };
            let community = top_form(app).and_then(|f| f.ctx.community);
            let ctx = Ctx {
                community: community.or(app.members_of),
                subject: name.clone(),
                typed: name,
                ..Default::default()
            };
            let mut form = new_form(app, which, None, ctx);
            form.parent_field = Some(field);
            open(app, form);
            Vec::new()
        }
        FormMsg::Repeat => {
            let today = app.config.today;
            let lang = app.lang();
            if let Some(f) = top_form(app) {
                repeat_in_form(f, today, lang);
            }
            Vec::new()
        }
        FormMsg::Pass(c) => crate::tui::update::command(app, c),
    }
}

/// `.` in an empty content field: the row above again, dated as typed (or today).
fn repeat_in_form(f: &mut Form, today: chrono::NaiveDate, lang: crate::i18n::Lang) {
    let Some(above) = f.ctx.template.clone() else {
        return;
    };
    let date_typed = f.field(FieldKey::Date).is_some_and(|d| d.changed());
    let values = [
        (FieldKey::Content, above.content.clone()),
        (FieldKey::Place, above.place.clone()),
        (FieldKey::Hours, above.hours.to_string()),
        (
            FieldKey::Rating,
            above
                .rating
                .map(|r| r.label(lang))
                .unwrap_or("")
                .to_string(),
        ),
        (FieldKey::Kind, above.kind.label(lang).to_string()),
    ];
    for (key, value) in values {
        if let Some(field) = f.field_mut(key) {
            field.set_text(&value);
        }
    }
    if !date_typed && let Some(d) = f.field_mut(FieldKey::Date) {
        d.set_text(&today.to_string());
    }
    f.focus_key(FieldKey::Hours);
}

fn submit(app: &mut App) -> Vec<Effect> {
    let lang = app.lang();
    let Some(f) = top_form(app) else {
        return Vec::new();
    };
    let Some(op) = f.build() else {
        if f.error.is_none() {
            f.error = Some(t(lang, "tui.form.incomplete").to_string());
        }
        return Vec::new();
    };
    let after = match (f.parent_field, f.ctx.quick) {
        (Some(i), _) => After::PickInto(i),
        (None, true) => After::NextRow,
        (None, false) => After::Close,
    };
    let verb = if f.base.is_some() {
        "tui.entry.edited"
    } else {
        "tui.entry.added"
    };
    let (which, headline) = (f.which, f.headline());
    f.saving = true;
    let what = what(app, verb, which, &headline);
    vec![save(op, after, what)]
}
