//! The data-entry half of `update`: the list commands that open forms (add, edit, archive,
//! the registration steps, activities, certification), the keys of the forms and popups of
//! data entry, and what happens when a save, a refusal, search hits or a form's seed arrive.
//!
//! Owns: those state changes. Must not touch: the ledger (saves, searches and seeds are
//! effects the runtime runs), drawing.

use super::save::{After, Save, SaveOp};
use super::seed::{RegStep, SeedReq};
use crate::domain::{Hours, Id, Kind, Record, ServiceRecord};
use crate::i18n::{t, tf};
use crate::tui::action::{Effect, Load};
use crate::tui::app::App;
use crate::tui::command::CommandId;
use crate::tui::demands::Tab;
use crate::tui::form::{Ctx, Form, Item, Which};
use crate::tui::layout::{Pane, Screen};
use crate::tui::overlay::Overlay;
use crate::tui::runtime::{LockReason, StoreError};

pub(super) fn open(app: &mut App, mut form: Form) {
    form.keys_from(&app.config.keymap);
    app.overlays.push(Overlay::Form(Box::new(form)));
}

pub(super) fn new_form(app: &App, which: Which, base: Option<Record>, ctx: Ctx) -> Form {
    // The community and unit a new record starts in are shown by name, from the panes.
    let mut names = std::collections::HashMap::new();
    if let Some(c) = ctx.community
        && let Some(row) = app.community_rows.get(&c)
    {
        names.insert(c, row.name.clone());
    }
    if let Some(u) = ctx.unit
        && let Some(row) = app.unit_rows.get(&u)
    {
        names.insert(u, row.name.clone());
    }
    Form::open(which, base, ctx, &names, app.lang(), app.config.today)
}

pub(super) fn top_form(app: &mut App) -> Option<&mut Form> {
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

/// What a form about `community`, the one on screen, starts from: its name as the subject.
fn community_ctx(app: &App, community: Id) -> Ctx {
    Ctx {
        community: Some(community),
        subject: app
            .selected_community()
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        ..Default::default()
    }
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
    if let Some(effects) = super::pairing::command(app, c) {
        return Some(effects);
    }
    if let Some(effects) = on_demands_screen(app, c) {
        return Some(effects);
    }
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
        CommandId::MoveMember => member_form(app, Which::Move),
        CommandId::IssueSlips => match (app.screen, app.units.selected_id()) {
            (Screen::Units, Some(u)) => vec![Effect::Load(Load::Seed(SeedReq::Slips(u)))],
            _ => {
                // A unit issues slips: say where, with the key that goes there.
                let lang = app.lang();
                let units = crate::tui::keymap::first_key(
                    &app.config.keymap,
                    crate::tui::command::Context::Global,
                    CommandId::Units,
                );
                let issue = crate::tui::keymap::first_key(
                    &app.config.keymap,
                    crate::tui::command::Context::List,
                    CommandId::IssueSlips,
                );
                app.error(tf(lang, "tui.entry.slips_in_units", &[&units, &issue]));
                Vec::new()
            }
        },
        CommandId::Overdue => vec![Effect::Load(Load::Seed(SeedReq::Overdue))],
        CommandId::Activity => activity(app),
        CommandId::BatchEntry => batch(app),
        CommandId::AddSuggestion => member_form(app, Which::Suggestion),
        CommandId::AddHousehold | CommandId::AddMeeting | CommandId::AddDemand => {
            let which = match c {
                CommandId::AddHousehold => Which::Household,
                CommandId::AddMeeting => Which::Meeting,
                _ => Which::Demand,
            };
            if let Some(community) = community_here(app) {
                let ctx = community_ctx(app, community);
                open(app, new_form(app, which, None, ctx));
            }
            Vec::new()
        }
        CommandId::AddUnitService => match (app.screen, app.selected_unit()) {
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

/// F8's own entry keys: `H` a household of the screen's community, `e` the selected record
/// of the tab (a request, a household, a suggestion, a joint meeting), read fresh.
fn on_demands_screen(app: &mut App, c: CommandId) -> Option<Vec<Effect>> {
    let Some(Overlay::Demands(s)) = app.overlays.last() else {
        return None;
    };
    match c {
        CommandId::AddHousehold => {
            let ctx = Ctx {
                community: Some(s.community),
                subject: s
                    .data
                    .as_ref()
                    .map(|d| d.community_name.clone())
                    .unwrap_or_default(),
                ..Default::default()
            };
            open(app, new_form(app, Which::Household, None, ctx));
            Some(Vec::new())
        }
        CommandId::Edit => {
            let kind = match s.tab {
                Tab::Demands => Kind::Demand,
                Tab::Households => Kind::Household,
                Tab::Suggestions => Kind::Suggestion,
                Tab::Meetings => Kind::Meeting,
            };
            Some(match s.selected_id() {
                Some(id) => vec![Effect::Load(Load::Seed(SeedReq::Edit(kind, id)))],
                None => not_here(app),
            })
        }
        _ => None,
    }
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
    s.household = r.household;
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
    let paired = match &app.card_paired {
        Some((m, p)) if *m == member => Some(p.clone()),
        _ => None,
    };
    let ctx = Ctx {
        member: Some(member),
        community: Some(community),
        quick: true,
        subject: name,
        template: template.map(Box::new),
        paired,
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
                let locked = StoreError::Locked(LockReason::Certified);
                app.error(format!(
                    "{}（{}）",
                    locked.message(lang),
                    tf(
                        lang,
                        "tui.entry.revoke_hint",
                        &[&crate::tui::keymap::key_in(
                            &app.config.keymap,
                            &[
                                crate::tui::command::Context::List,
                                crate::tui::command::Context::Global
                            ],
                            CommandId::Revoke,
                        )]
                    )
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
    let message = if app.entry.mark.is_some() {
        let key = |c| {
            crate::tui::keymap::key_in(
                &app.config.keymap,
                &[
                    crate::tui::command::Context::List,
                    crate::tui::command::Context::Global,
                ],
                c,
            )
        };
        tf(
            lang,
            "tui.entry.marking",
            &[&key(CommandId::Certify), &key(CommandId::Mark)],
        )
    } else {
        t(lang, "tui.entry.unmarked").to_string()
    };
    app.info(message);
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
        signer: app.entry.signer.clone(),
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

/// A new form of `which` about the selected member (a suggestion, a move).
fn member_form(app: &mut App, which: Which) -> Vec<Effect> {
    if let Some((member, community, name)) = member_here(app) {
        let ctx = Ctx {
            member: Some(member),
            community: Some(community),
            subject: name,
            ..Default::default()
        };
        open(app, new_form(app, which, None, ctx));
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
    let ctx = community_ctx(app, community);
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

pub(super) fn save(op: SaveOp, after: After, what: String) -> Effect {
    Effect::Save(Box::new(Save {
        op,
        after,
        what,
        confirmed: false,
    }))
}

/// `新增服务记录 清理楼道`.
pub(super) fn what(app: &App, verb: &'static str, which: Which, headline: &str) -> String {
    let lang = app.lang();
    let noun = t(lang, which.title_key());
    format!("{}{noun} {headline}", t(lang, verb))
        .trim()
        .to_string()
}

pub use super::arrive::{hits, refused, saved, seeded};
