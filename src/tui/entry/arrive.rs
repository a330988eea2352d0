//! What arrives for data entry: a save that went through (undo stack, status line, the next
//! row, the record picked into the form beneath, what it changed), a refused save, search
//! hits, and a form's seed (the record to edit, a registration, a unit's members …).
//!
//! Owns: those state changes. Must not touch: the ledger.

use super::confirm::{Confirm, OnYes};
use super::overdue::Overdue;
use super::save::{After, Refused, SaveOp, Saved};
use super::seed::{RegStep, Seed};
use super::state::UndoEntry;
use super::update::{new_form, open, top_form};
use crate::domain::{Choice, Kind, Record, RegStatus};
use crate::i18n::{t, tf};
use crate::tui::action::Effect;
use crate::tui::app::App;
use crate::tui::changed::Changed;
use crate::tui::form::{Ctx, Form, Item, PickHit, Which};
use crate::tui::overlay::Overlay;
use crate::tui::update::reload::reloads;

fn record_name(r: &Record) -> String {
    match r {
        Record::Member(m) => m.name.clone(),
        Record::Unit(u) => u.name.clone(),
        Record::Community(c) => c.name.clone(),
        Record::Post(p) => p.name.clone(),
        Record::Household(h) => h.name.clone(),
        // What the clerk wrote names the rest; an internal id is never shown.
        Record::Service(s) => format!("{} {}", s.date, s.content),
        Record::Suggestion(s) => s.content.clone(),
        Record::Demand(d) => d.content.clone(),
        Record::Activity(a) => a.title.clone(),
        Record::Meeting(m) => format!("{} {}", m.date, m.topics),
        _ => String::new(),
    }
}

pub fn saved(app: &mut App, s: Saved) -> Vec<Effect> {
    let lang = app.lang();
    app.generation = app.generation.max(s.generation);
    let Saved { save, changes, .. } = s;
    let entry = UndoEntry {
        what: save.what.clone(),
        changes: changes.clone(),
    };
    let key = match save.after {
        After::Undo => {
            app.entry.redo.push(entry);
            "tui.entry.undone"
        }
        After::Redo => {
            app.entry.undo.push(entry);
            "tui.entry.redone"
        }
        _ => {
            app.entry.undo.push(entry);
            app.entry.redo.clear();
            "tui.entry.saved"
        }
    };
    app.info(tf(lang, key, &[&save.what]));
    let saved_row = changes.iter().find_map(|c| match &c.after {
        Some(Record::Service(r)) if c.before.is_none() => Some(r.clone()),
        _ => None,
    });
    if let (Some(row), Some((c, comp))) = (&saved_row, &mut app.entry.completions)
        && row.community == *c
    {
        comp.learn(row);
    }
    let mut effects = Vec::new();
    match save.after {
        After::Close => {
            app.overlays.pop();
        }
        After::NextRow => {
            let ctx = top_form(app).map(|f| f.ctx.clone());
            app.overlays.pop();
            if let Some(mut ctx) = ctx {
                ctx.template = saved_row.map(Box::new);
                let mut form = new_form(app, Which::Service, None, ctx);
                if let Some((c, comp)) = &app.entry.completions
                    && Some(*c) == form.ctx.community
                {
                    form.completions = Some(comp.clone());
                }
                open(app, form);
            }
        }
        After::PickInto(field) => {
            app.overlays.pop();
            let made = changes.iter().find_map(|c| c.after.as_ref());
            if let (Some(r), Some(f)) = (made, top_form(app)) {
                f.pick(field, r.id(), record_name(r));
            }
        }
        After::Nothing | After::Undo | After::Redo => {}
    }
    if let SaveOp::Certify { role, name, .. } = &save.op {
        app.entry.mark = None;
        app.entry.signer = Some((*role, name.clone()));
    }
    effects.extend(reloads(app, Changed::of(&changes)));
    effects
}

pub fn refused(app: &mut App, r: Refused) -> Vec<Effect> {
    if r.doubt {
        // Nothing was written: the clerk reads what looks wrong and answers; the form stays
        // as typed beneath the question.
        if let Some(f) = top_form(app) {
            f.saving = false;
        }
        let on_yes = OnYes::Save {
            save: Box::new(r.save),
            doubts: r.message,
        };
        app.overlays.push(Overlay::Confirm(Confirm::new(on_yes)));
        return Vec::new();
    }
    let entry = || UndoEntry {
        what: r.save.what.clone(),
        changes: match &r.save.op {
            SaveOp::Undo(c) | SaveOp::Redo(c) => c.clone(),
            _ => Vec::new(),
        },
    };
    match r.save.after {
        After::Undo => app.entry.undo.push(entry()),
        After::Redo => app.entry.redo.push(entry()),
        _ => {}
    }
    match (r.save.after, top_form(app)) {
        (After::Close | After::NextRow | After::PickInto(_), Some(f)) if f.saving => {
            f.refused(&r.errors, r.message);
        }
        _ => app.error(r.message),
    }
    Vec::new()
}

pub fn hits(app: &mut App, text: String, hits: Vec<PickHit>) -> Vec<Effect> {
    if let Some(f) = top_form(app) {
        f.set_hits(&text, hits);
    }
    Vec::new()
}

pub fn seeded(app: &mut App, seed: Seed) -> Vec<Effect> {
    let lang = app.lang();
    match seed {
        Seed::Edit { record, names } => {
            let which = match record.kind() {
                Kind::Member => Which::Member,
                Kind::Community => Which::Community,
                Kind::Unit => Which::Unit,
                Kind::Post => Which::Post,
                Kind::Service => Which::Service,
                Kind::Registration => Which::Registration,
                Kind::Household => Which::Household,
                Kind::Pairing => Which::Pairing,
                Kind::Suggestion => Which::Suggestion,
                Kind::Meeting => Which::Meeting,
                Kind::UnitService => Which::UnitService,
                Kind::Demand => Which::Demand,
                _ => return Vec::new(),
            };
            let (member, community) = match &record {
                Record::Service(s) => (Some(s.member), Some(s.community)),
                Record::Post(p) => (None, Some(p.community)),
                _ => (None, app.members_of),
            };
            let ctx = Ctx {
                member,
                community,
                subject: record_name(&record),
                ..Default::default()
            };
            let form = Form::open(which, Some(record), ctx, &names, lang, app.config.today);
            open(app, form);
            Vec::new()
        }
        Seed::Archive(mut record) => {
            let name = record_name(&record);
            let archived = match &mut record {
                Record::Member(x) => Some(&mut x.archived),
                Record::Community(x) => Some(&mut x.archived),
                Record::Unit(x) => Some(&mut x.archived),
                Record::Post(x) => Some(&mut x.archived),
                Record::Service(x) => Some(&mut x.archived),
                Record::Household(x) => Some(&mut x.archived),
                _ => None,
            };
            let Some(flag) = archived else {
                return Vec::new();
            };
            *flag = true;
            let name = match &record {
                Record::Service(s) => s.content.clone(),
                _ => name,
            };
            // Archiving takes the record out of every list: asked first, only `y` does it.
            let on_yes = OnYes::Archive {
                record: Box::new(record),
                name,
            };
            app.overlays.push(Overlay::Confirm(Confirm::new(on_yes)));
            Vec::new()
        }
        Seed::Registration {
            step,
            member,
            registration,
            names,
        } => {
            let which = match step {
                RegStep::Reported => Which::Reported,
                RegStep::Receipt => Which::Receipt,
                RegStep::Reason => Which::Reason,
                RegStep::Edit => Which::Registration,
            };
            if registration.is_none() && step != RegStep::Reported {
                app.error(tf(lang, "tui.entry.no_registration", &[&member.name]));
                return Vec::new();
            }
            let community = registration
                .as_ref()
                .map(|r| r.community)
                .or(member.community)
                .or(app.members_of);
            let ctx = Ctx {
                member: Some(member.id),
                community,
                registration: registration.as_ref().map(|r| r.id),
                subject: member.name,
                ..Default::default()
            };
            let base = registration.map(Record::Registration);
            let form = Form::open(which, base, ctx, &names, lang, app.config.today);
            open(app, form);
            Vec::new()
        }
        Seed::Slips { unit, members } => {
            let items = members
                .into_iter()
                .map(|(m, status)| Item {
                    id: m.id,
                    label: m.name,
                    detail: status
                        .map(|s: RegStatus| s.label(lang).to_string())
                        .unwrap_or_else(|| t(lang, "tui.no_registration").to_string()),
                    ticked: false,
                    hours: None,
                    custom: false,
                })
                .collect();
            let ctx = Ctx {
                unit: Some(unit.id),
                subject: unit.name,
                ..Default::default()
            };
            let form = new_form(app, Which::Slips, None, ctx).with_checklist(items);
            open(app, form);
            Vec::new()
        }
        Seed::Overdue(lines) => {
            app.overlays.push(Overlay::Overdue(Overdue {
                lines,
                cursor: 0,
                today: app.config.today,
            }));
            Vec::new()
        }
        Seed::Completions(community, comp) => {
            for o in &mut app.overlays {
                if let Overlay::Form(f) = o
                    && f.ctx.community == Some(community)
                {
                    f.completions = Some((*comp).clone());
                }
            }
            app.entry.completions = Some((community, *comp));
            Vec::new()
        }
    }
}
