//! Data entry's layers: a form (what its answers lead to — a save, "create new", `.` — is
//! here, as steps on the app), the overdue list, and the chooser among several records. The
//! yes/no question's layer is beside it in `confirm`.
//!
//! Owns: those layers' answers. Must not touch: the ledger (searches and saves are effects).

use super::choose::{Choose, Then as ChooseThen};
use super::overdue::Overdue;
use super::save::After;
use super::seed::SeedReq;
use super::update::{new_form, open, save, top_form, what};
use crate::domain::{Choice, Id, Kind, Record};
use crate::i18n::{t, tf};
use crate::search::Kind as SearchKind;
use crate::tui::action::{Effect, Load};
use crate::tui::app::App;
use crate::tui::command::{CommandId, Context};
use crate::tui::form::{Ctx, FieldKey, Form, RefSpec, Which};
use crate::tui::layer::{Cx, Drawn, Layer, Outcome};
use crate::tui::widgets::pick::{self, Picked};
use crate::tui::widgets::text_input::Edit;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::Widget;

impl Layer for Form {
    fn contexts(&self) -> &'static [Context] {
        &crate::tui::form::CONTEXTS
    }

    fn command(&mut self, c: CommandId, _: &Cx) -> Outcome {
        self.apply(c)
    }

    /// Keys are ignored while a save is with the runtime.
    fn edit(&mut self, edit: Edit, _: &Cx) -> Outcome {
        if self.saving {
            return Outcome::Stay;
        }
        Form::edit(self, edit)
    }

    fn cursor(&self, area: Rect) -> Option<Position> {
        crate::tui::form::view::cursor(self, area)
    }

    fn unsaved(&self) -> bool {
        self.changed()
    }
}

/// "Create new" in a reference field: the form of that kind, named as typed, whose saved
/// record goes into `field` of the form beneath.
pub(crate) fn create(field: usize, spec: RefSpec, name: String, community: Option<Id>) -> Outcome {
    let which = match spec.kind {
        SearchKind::Unit => Which::Unit,
        SearchKind::Post => Which::Post,
        SearchKind::Household => Which::Household,
        SearchKind::Member => Which::Member,
        _ => return Outcome::Stay,
    };
    Outcome::Then(Box::new(move |app: &mut App| {
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
    }))
}

impl Layer for Choose {
    fn contexts(&self) -> &'static [Context] {
        &pick::CONTEXTS
    }

    fn command(&mut self, c: CommandId, _: &Cx) -> Outcome {
        match self.list.apply(c) {
            Picked::Typing => Outcome::Stay,
            Picked::Cancelled => Outcome::Close,
            // The rows were written for the mode they opened in: presenting (or not) closes
            // them, so no hidden name stays on screen; P lists them again.
            Picked::Pass(CommandId::Presentation) => {
                Outcome::Close.and(Outcome::Pass(CommandId::Presentation))
            }
            Picked::Pass(c) => Outcome::Pass(c),
            Picked::Chosen(id) => Outcome::Close.and(match self.then {
                ChooseThen::EditPairing => {
                    Outcome::Effect(Effect::Load(Load::Seed(SeedReq::Edit(Kind::Pairing, id))))
                }
            }),
        }
    }

    fn edit(&mut self, edit: Edit, _: &Cx) -> Outcome {
        self.list.edit(edit);
        Outcome::Stay
    }

    fn cursor(&self, area: Rect) -> Option<Position> {
        self.list.cursor_position(area)
    }
}

impl Widget for Drawn<'_, Choose> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.layer.list.render(area, buf, self.ui.theme)
    }
}

const OVERDUE_CONTEXTS: [Context; 2] = [Context::Overlay, Context::Global];

impl Layer for Overdue {
    fn contexts(&self) -> &'static [Context] {
        &OVERDUE_CONTEXTS
    }

    /// Enter opens the slip's reason form (未报到原因) in place of the list.
    fn command(&mut self, c: CommandId, cx: &Cx) -> Outcome {
        match c {
            CommandId::MoveDown => self.down(),
            CommandId::MoveUp => self.up(),
            CommandId::Close | CommandId::Cancel => return Outcome::Close,
            CommandId::Confirm | CommandId::Open => {
                let Some(line) = self.selected().cloned() else {
                    return Outcome::Stay;
                };
                if cx.read_only {
                    let name = CommandId::Reason.name(cx.lang);
                    return Outcome::Close.and(Outcome::Error(tf(
                        cx.lang,
                        "tui.status.read_only",
                        &[&name],
                    )));
                }
                return Outcome::Close.and(Outcome::Then(Box::new(move |app: &mut App| {
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
                })));
            }
            other => return Outcome::Pass(other),
        }
        Outcome::Stay
    }
}

/// `.` in an empty content field: the row above again, dated as typed (or today).
pub(crate) fn repeat(f: &mut Form) {
    let (today, lang) = (f.today, f.lang);
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

/// Saves the form on top: its op built, named for the status line and undo.
pub(crate) fn submit(app: &mut App) -> Vec<Effect> {
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
