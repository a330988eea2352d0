//! The data-entry half of `update`: the list commands that open forms (add, edit, archive,
//! the registration steps, activities, certification), the keys of the forms and popups of
//! data entry, and what happens when a save, a refusal, search hits or a form's seed arrive.
//!
//! Owns: those state changes. Must not touch: the ledger (saves, searches and seeds are
//! effects the runtime runs), drawing.

use crossterm::event::KeyEvent;

use super::confirm::{Answer, Confirm, OnYes};
use super::overdue::Overdue;
use super::save::{After, Refused, Save, SaveOp, Saved};
use super::seed::{RegStep, Seed, SeedReq};
use super::state::UndoEntry;
use crate::domain::{Choice, Hours, Id, Kind, Record, RegStatus, ServiceRecord};
use crate::i18n::{t, tf};
use crate::search::Kind as SearchKind;
use crate::tui::action::{Effect, Load};
use crate::tui::app::App;
use crate::tui::command::{CommandId, Context};
use crate::tui::form::{Ctx, Form, FormMsg, Item, PickHit, Which};
use crate::tui::layout::{Pane, Screen};
use crate::tui::overlay::Overlay;
use crate::tui::widgets::text_input::Edit;

fn open(app: &mut App, form: Form) {
    app.overlays.push(Overlay::Form(Box::new(form)));
}

fn new_form(app: &App, which: Which, base: Option<Record>, ctx: Ctx) -> Form {
    Form::open(
        which,
        base,
        ctx,
        &Default::default(),
        app.lang(),
        app.config.today,
    )
}

fn top_form(app: &mut App) -> Option<&mut Form> {
    match app.overlays.last_mut() {
        Some(Overlay::Form(f)) => Some(f),
        _ => None,
    }
}

/// The selected member and their community, or a message on the status line.
fn member_here(app: &mut App) -> Option<(Id, Id, String)> {
    let found = app
        .selected_member()
        .map(|m| (m.id, m.name.clone()))
        .zip(app.members_of);
    if found.is_none() {
        let lang = app.lang();
        app.error(t(lang, "tui.entry.no_member").to_string());
    }
    found.map(|((m, name), c)| (m, c, name))
}

fn community_here(app: &mut App) -> Option<Id> {
    let c = app.members_of;
    if c.is_none() {
        let lang = app.lang();
        app.error(t(lang, "tui.entry.no_community").to_string());
    }
    c
}

/// A data-entry command on the screen; `None` when `c` is not one.
pub fn command(app: &mut App, c: CommandId) -> Option<Vec<Effect>> {
    Some(match c {
        CommandId::Add => add(app),
        CommandId::Edit => edit(app, false),
        CommandId::Archive => edit(app, true),
        CommandId::Repeat => repeat_selected(app),
        CommandId::Mark => mark(app),
        CommandId::Certify => certify(app, Which::Certify),
        CommandId::Revoke => certify(app, Which::Revoke),
        CommandId::Undo => undo(app, true),
        CommandId::Redo => undo(app, false),
        CommandId::Reported => registration(app, RegStep::Reported),
        CommandId::Receipt => registration(app, RegStep::Receipt),
        CommandId::Reason => registration(app, RegStep::Reason),
        CommandId::EditRegistration => registration(app, RegStep::Edit),
        CommandId::MoveMember => move_member(app),
        CommandId::IssueSlips => match (app.screen, app.units.selected_id()) {
            (Screen::Units, Some(u)) => vec![Effect::Load(Load::Seed(SeedReq::Slips(u)))],
            _ => not_here(app),
        },
        CommandId::Overdue => vec![Effect::Load(Load::Seed(SeedReq::Overdue))],
        CommandId::Activity => activity(app),
        CommandId::BatchEntry => batch(app),
        CommandId::AddSuggestion => match member_here(app) {
            Some((member, community, name)) => {
                let ctx = Ctx {
                    member: Some(member),
                    community: Some(community),
                    subject: name,
                    ..Default::default()
                };
                open(app, new_form(app, Which::Suggestion, None, ctx));
                Vec::new()
            }
            None => Vec::new(),
        },
        CommandId::AddHousehold | CommandId::AddMeeting | CommandId::AddDemand => {
            let which = match c {
                CommandId::AddHousehold => Which::Household,
                CommandId::AddMeeting => Which::Meeting,
                _ => Which::Demand,
            };
            if let Some(community) = community_here(app) {
                let ctx = Ctx {
                    community: Some(community),
                    subject: app
                        .selected_community()
                        .map(|c| c.name.clone())
                        .unwrap_or_default(),
                    ..Default::default()
                };
                open(app, new_form(app, which, None, ctx));
            }
            Vec::new()
        }
        CommandId::AddUnitService => match (app.screen, app.units.selected()) {
            (Screen::Units, Some(u)) => {
                let ctx = Ctx {
                    unit: Some(u.id),
                    subject: u.name.clone(),
                    ..Default::default()
                };
                open(app, new_form(app, Which::UnitService, None, ctx));
                Vec::new()
            }
            _ => not_here(app),
        },
        _ => return None,
    })
}

fn not_here(app: &mut App) -> Vec<Effect> {
    let lang = app.lang();
    app.error(t(lang, "tui.entry.not_here").to_string());
    Vec::new()
}

/// `a`/`n`: a new record of the focused list's kind.
fn add(app: &mut App) -> Vec<Effect> {
    let which = match (app.screen, app.focus) {
        (Screen::Units, _) => Which::Unit,
        (Screen::Main, Pane::Communities) => Which::Community,
        (Screen::Main, Pane::Members) => Which::Member,
        (Screen::Main, Pane::Posts) => Which::Post,
        (Screen::Main, Pane::Card) => return quick_row(app, None),
    };
    if which == Which::Post && community_here(app).is_none() {
        return Vec::new();
    }
    let ctx = Ctx {
        community: app.members_of,
        ..Default::default()
    };
    open(app, new_form(app, which, None, ctx));
    Vec::new()
}

/// The card row as a full record (for a template or a repeat).
fn card_row(app: &App, i: usize, member: Id, community: Id) -> Option<ServiceRecord> {
    let r = app.card.shown(i)?;
    let mut s = crate::tui::form::service::blank(member, community, r.date);
    s.content = r.content.clone();
    s.place = r.place.clone();
    s.hours = r.hours;
    s.rating = r.rating;
    s.kind = r.kind;
    Some(s)
}

/// Opens the card's quick entry: a new row starting from `template`, or from the card's last
/// row.
fn quick_row(app: &mut App, template: Option<ServiceRecord>) -> Vec<Effect> {
    let Some((member, community, name)) = member_here(app) else {
        return Vec::new();
    };
    let template = template.or_else(|| {
        let last = app.card.shown_len().checked_sub(1)?;
        card_row(app, last, member, community)
    });
    let ctx = Ctx {
        member: Some(member),
        community: Some(community),
        quick: true,
        subject: name,
        template: template.map(Box::new),
        ..Default::default()
    };
    let form = new_form(app, Which::Service, None, ctx);
    completions_for(app, form, community)
}

/// Opens a form with the community's completions, asking for them when they are not at hand.
fn completions_for(app: &mut App, mut form: Form, community: Id) -> Vec<Effect> {
    let mut effects = Vec::new();
    match &app.entry.completions {
        Some((c, comp)) if *c == community => form.completions = Some(comp.clone()),
        _ => effects.push(Effect::Load(Load::Seed(SeedReq::Completions(community)))),
    }
    open(app, form);
    effects
}

/// `B`: 服务录入 — rows for any member of the community, each member picked by name or
/// pinyin initials; every save opens the next row.
fn batch(app: &mut App) -> Vec<Effect> {
    let Some(community) = community_here(app) else {
        return Vec::new();
    };
    let ctx = Ctx {
        community: Some(community),
        quick: true,
        subject: t(app.lang(), "tui.entry.batch").to_string(),
        ..Default::default()
    };
    let form = new_form(app, Which::Service, None, ctx);
    completions_for(app, form, community)
}

/// `e` (or `x` to archive): the selected record, read fresh from the ledger.
fn edit(app: &mut App, archive: bool) -> Vec<Effect> {
    let target = match (app.screen, app.focus) {
        (Screen::Units, _) => app.units.selected_id().map(|i| (Kind::Unit, i)),
        (Screen::Main, Pane::Communities) => {
            app.communities.selected_id().map(|i| (Kind::Community, i))
        }
        (Screen::Main, Pane::Members) => app.members.selected_id().map(|i| (Kind::Member, i)),
        (Screen::Main, Pane::Posts) => app.posts.selected_id().map(|i| (Kind::Post, i)),
        (Screen::Main, Pane::Card) => {
            if app
                .card
                .selected()
                .is_some_and(|r| r.certified_by.is_some())
            {
                // The store would refuse it; say so before anything is typed.
                let lang = app.lang();
                let locked = crate::store::StoreError::Locked(crate::store::LockReason::Certified);
                app.error(format!(
                    "{}（{}）",
                    locked.message(lang),
                    t(lang, "tui.entry.revoke_hint")
                ));
                return Vec::new();
            }
            app.card.selected_id().map(|i| (Kind::Service, i))
        }
    };
    let Some((kind, id)) = target else {
        return not_here(app);
    };
    let req = if archive {
        SeedReq::Archive(kind, id)
    } else {
        SeedReq::Edit(kind, id)
    };
    vec![Effect::Load(Load::Seed(req))]
}

/// `.` on the card: the selected row again, dated today, saved at once.
fn repeat_selected(app: &mut App) -> Vec<Effect> {
    if app.screen != Screen::Main || app.focus != Pane::Card {
        return not_here(app);
    }
    let Some((member, community, _)) = member_here(app) else {
        return Vec::new();
    };
    let Some(i) = app.card.list.selected() else {
        return not_here(app);
    };
    let Some(mut row) = card_row(app, i, member, community) else {
        return Vec::new();
    };
    row.date = app.config.today;
    let what = what(app, "tui.entry.added", Which::Service, &row.content);
    vec![save(
        SaveOp::Put(Box::new(Record::Service(row))),
        After::Nothing,
        what,
    )]
}

fn mark(app: &mut App) -> Vec<Effect> {
    if app.screen != Screen::Main || app.focus != Pane::Card {
        return not_here(app);
    }
    app.entry.mark = match app.entry.mark {
        Some(_) => None,
        None => app.card.selected_id(),
    };
    let lang = app.lang();
    let key = if app.entry.mark.is_some() {
        "tui.entry.marking"
    } else {
        "tui.entry.unmarked"
    };
    app.info(t(lang, key).to_string());
    Vec::new()
}

/// `c` certifies the marked range (or the selected row); `C` revokes the selected row's.
fn certify(app: &mut App, which: Which) -> Vec<Effect> {
    if app.screen != Screen::Main || app.focus != Pane::Card {
        return not_here(app);
    }
    let rows = match which {
        Which::Revoke => app.card.selected_id().into_iter().collect(),
        _ => app.entry.marked_rows(&app.card),
    };
    if rows.is_empty() {
        return not_here(app);
    }
    let subject = match which {
        Which::Revoke => app
            .card
            .selected()
            .map(|r| r.content.clone())
            .unwrap_or_default(),
        _ => tf(app.lang(), "tui.entry.rows", &[&rows.len()]),
    };
    let ctx = Ctx {
        member: app.card_of,
        community: app.members_of,
        rows,
        subject,
        ..Default::default()
    };
    open(app, new_form(app, which, None, ctx));
    Vec::new()
}

fn registration(app: &mut App, step: RegStep) -> Vec<Effect> {
    match member_here(app) {
        Some((member, _, _)) => vec![Effect::Load(Load::Seed(SeedReq::Registration(
            member, step,
        )))],
        None => Vec::new(),
    }
}

fn move_member(app: &mut App) -> Vec<Effect> {
    if let Some((member, community, name)) = member_here(app) {
        let ctx = Ctx {
            member: Some(member),
            community: Some(community),
            subject: name,
            ..Default::default()
        };
        open(app, new_form(app, Which::Move, None, ctx));
    }
    Vec::new()
}

/// `A`: an activity of the community; the roster on screen is the list of attendees.
fn activity(app: &mut App) -> Vec<Effect> {
    let Some(community) = community_here(app) else {
        return Vec::new();
    };
    let items = app
        .members
        .rows()
        .iter()
        .map(|m| Item {
            id: m.id,
            label: m.name.clone(),
            detail: m.unit.clone(),
            ticked: false,
            hours: Some(Hours(4)),
            custom: false,
        })
        .collect();
    let ctx = Ctx {
        community: Some(community),
        subject: app
            .selected_community()
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        ..Default::default()
    };
    let form = new_form(app, Which::Activity, None, ctx).with_checklist(items);
    open(app, form);
    Vec::new()
}

/// `u` / `Ctrl-r`: the last save of this session taken back (or put back), as a new save.
fn undo(app: &mut App, undo: bool) -> Vec<Effect> {
    let lang = app.lang();
    let stack = if undo {
        &mut app.entry.undo
    } else {
        &mut app.entry.redo
    };
    let Some(entry) = stack.pop() else {
        let key = if undo {
            "tui.entry.nothing_to_undo"
        } else {
            "tui.entry.nothing_to_redo"
        };
        app.error(t(lang, key).to_string());
        return Vec::new();
    };
    let (op, after) = if undo {
        (SaveOp::Undo(entry.changes), After::Undo)
    } else {
        (SaveOp::Redo(entry.changes), After::Redo)
    };
    vec![save(op, after, entry.what)]
}

fn save(op: SaveOp, after: After, what: String) -> Effect {
    Effect::Save(Box::new(Save { op, after, what }))
}

/// `新增服务记录 清理楼道`.
fn what(app: &App, verb: &'static str, which: Which, headline: &str) -> String {
    let lang = app.lang();
    let noun = t(lang, which.title_key());
    format!("{}{noun} {headline}", t(lang, verb))
        .trim()
        .to_string()
}

// ---- the popups of data entry ---------------------------------------------------------------

/// Whether the top overlay is one of data entry's (its keys come here).
pub fn owns_top(app: &App) -> bool {
    matches!(
        app.overlays.last(),
        Some(Overlay::Form(_) | Overlay::Confirm(_) | Overlay::Overdue(_))
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
                let on_yes = c.on_yes;
                app.overlays.pop();
                match on_yes {
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
    let date_typed = f.field("field.date").is_some_and(|d| d.changed());
    let values = [
        ("field.content", above.content.clone()),
        ("field.place", above.place.clone()),
        ("field.hours", above.hours.to_string()),
        (
            "tui.card.rating",
            above
                .rating
                .map(|r| r.label(lang))
                .unwrap_or("")
                .to_string(),
        ),
        ("tui.f.kind", above.kind.label(lang).to_string()),
    ];
    for (key, value) in values {
        if let Some(field) = f.field_mut(key) {
            field.set_text(&value);
        }
    }
    if !date_typed && let Some(d) = f.field_mut("field.date") {
        d.set_text(&today.to_string());
    }
    f.focus_key("field.hours");
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

// ---- results arriving ---------------------------------------------------------------------

fn record_name(r: &Record) -> String {
    match r {
        Record::Member(m) => m.name.clone(),
        Record::Unit(u) => u.name.clone(),
        Record::Community(c) => c.name.clone(),
        Record::Post(p) => p.name.clone(),
        Record::Household(h) => h.name.clone(),
        other => other.id().short(),
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
    if matches!(save.op, SaveOp::Certify { .. }) {
        app.entry.mark = None;
    }
    effects.extend(reloads(app, &save.op));
    effects
}

/// What must be read again after a save: the card always; the rest only when the save can
/// change what they show.
fn reloads(app: &mut App, op: &SaveOp) -> Vec<Effect> {
    let mut loads = Vec::new();
    if op.touches_roster() {
        loads.push(Load::Ledger);
        loads.extend(app.members_of.map(Load::Community));
        if app.units.loaded {
            loads.push(Load::Units);
        }
        app.unit_stats.clear();
        app.unit_stats_pending.clear();
    }
    loads.extend(app.card_of.map(Load::Card));
    loads.into_iter().map(Effect::Load).collect()
}

pub fn refused(app: &mut App, r: Refused) -> Vec<Effect> {
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
            let what = format!("{} {name}", t(lang, "tui.entry.archived"));
            vec![save(SaveOp::Put(Box::new(record)), After::Nothing, what)]
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
