//! 结对帮扶 from the keyboard: `p` pairs, `v` records a visit, `P` edits (or ends) a pairing —
//! from the household selected on F8's households tab, or from a member's detail. The side the clerk stands on is picked in the
//! form; the other is picked by typing, and the store refuses a name that picked nothing.
//!
//! Owns: which form these commands open, with what picked. Must not touch: the ledger (forms
//! save through `update`; a pairing to edit is read fresh as a seed).

use std::collections::HashMap;

use super::choose::{Choose, Then};
use super::seed::SeedReq;
use super::update::open;
use crate::domain::{Choice, Household, Id, Kind, Pairing, ServiceKind};
use crate::i18n::{t, tf};
use crate::tui::action::{Effect, Load};
use crate::tui::app::App;
use crate::tui::command::CommandId;
use crate::tui::demands::Tab;
use crate::tui::filter::RowKey;
use crate::tui::form::{Ctx, Form, Which};
use crate::tui::overlay::Overlay;
use crate::tui::overlay::detail::DetailKind;
use crate::tui::widgets::pick::{PickList, PickRow};

/// Where the command was given: a household with its pairings, or a member with theirs.
enum Side {
    Household {
        community: Id,
        household: Household,
        /// Active pairings with the member's name.
        pairings: Vec<(Pairing, String)>,
    },
    Member {
        community: Option<Id>,
        member: Id,
        name: String,
        /// The member's pairings with their households (active and ended).
        pairings: Vec<(Pairing, Option<Household>)>,
    },
}

fn side(app: &mut App) -> Option<Side> {
    let lang = app.lang();
    let found = match app.overlays.last() {
        Some(Overlay::Demands(s)) => {
            let line = (s.tab == Tab::Households)
                .then(|| s.selected_id())
                .flatten()
                .and_then(|id| {
                    s.data
                        .as_ref()?
                        .households
                        .iter()
                        .find(|h| h.household.id == id)
                });
            match line {
                Some(h) => Some(Side::Household {
                    community: s.community,
                    household: h.household.clone(),
                    pairings: h.pairings.clone(),
                }),
                None => {
                    app.error(t(lang, "tui.pair.pick_household").to_string());
                    return None;
                }
            }
        }
        Some(Overlay::Detail(d)) => match &d.kind {
            DetailKind::Member(m) => Some(Side::Member {
                community: m.member.community,
                member: m.member.id,
                name: m.member.name.clone(),
                pairings: m
                    .pairings
                    .iter()
                    .map(|p| (p.pairing.clone(), p.household.clone()))
                    .collect(),
            }),
            _ => None,
        },
        _ => None,
    };
    if found.is_none() {
        use crate::tui::command::Context;
        use crate::tui::keymap::key_in;
        let keymap = &app.config.keymap;
        let requests = key_in(keymap, &[Context::Global], CommandId::Demands);
        let detail = key_in(keymap, &[Context::List, Context::Global], CommandId::Open);
        app.error(tf(lang, "tui.pair.not_here", &[&requests, &detail]));
    }
    found
}

/// `p`, `v` or `P`; `None` when `c` is none of them.
pub fn command(app: &mut App, c: CommandId) -> Option<Vec<Effect>> {
    if !matches!(
        c,
        CommandId::Pair | CommandId::Visit | CommandId::EditPairing
    ) {
        return None;
    }
    let Some(side) = side(app) else {
        return Some(Vec::new());
    };
    Some(match c {
        CommandId::Pair => pair(app, side),
        CommandId::Visit => visit(app, side),
        _ => edit_pairing(app, side),
    })
}

fn form(app: &App, which: Which, ctx: Ctx, names: HashMap<Id, String>) -> Form {
    Form::open(which, None, ctx, &names, app.lang(), app.config.today)
}

fn pair(app: &mut App, side: Side) -> Vec<Effect> {
    let (ctx, names) = match side {
        Side::Household {
            community,
            household: h,
            ..
        } => (
            Ctx {
                community: Some(community),
                household: Some(h.id),
                subject: h.name.clone(),
                ..Default::default()
            },
            HashMap::from([(h.id, h.name)]),
        ),
        Side::Member {
            community,
            member,
            name,
            ..
        } => (
            Ctx {
                community: community.or(app.members_of),
                member: Some(member),
                subject: name.clone(),
                ..Default::default()
            },
            HashMap::from([(member, name)]),
        ),
    };
    let f = form(app, Which::Pairing, ctx, names);
    open(app, f);
    Vec::new()
}

/// A visit: a service row of kind 结对帮扶 naming the household, by a member paired with it.
/// The one side's only active partner is picked already; with several, the clerk picks.
fn visit(app: &mut App, side: Side) -> Vec<Effect> {
    let lang = app.lang();
    let today = app.config.today;
    let (mut ctx, names) = match side {
        Side::Household {
            community,
            household: h,
            pairings,
        } => {
            if pairings.is_empty() {
                app.error(tf(lang, "tui.pair.household_unpaired", &[&h.name]));
                return Vec::new();
            }
            let mut names = HashMap::from([(h.id, h.name.clone())]);
            let only = match pairings.as_slice() {
                [(p, name)] => {
                    names.insert(p.member, name.clone());
                    Some(p.member)
                }
                _ => None,
            };
            (
                Ctx {
                    community: Some(community),
                    household: Some(h.id),
                    pick_member: only,
                    subject: h.name,
                    ..Default::default()
                },
                names,
            )
        }
        Side::Member {
            community,
            member,
            name,
            pairings,
        } => {
            let active: Vec<Household> = pairings
                .into_iter()
                .filter(|(p, _)| p.is_active())
                .filter_map(|(_, h)| h)
                .collect();
            if active.is_empty() {
                app.error(tf(lang, "tui.pair.member_unpaired", &[&name]));
                return Vec::new();
            }
            let mut names = HashMap::new();
            let only = match active.as_slice() {
                [h] => {
                    names.insert(h.id, h.name.clone());
                    Some(h.id)
                }
                _ => None,
            };
            (
                Ctx {
                    community: community.or(app.members_of),
                    member: Some(member),
                    household: only,
                    subject: name,
                    ..Default::default()
                },
                names,
            )
        }
    };
    let Some(community) = ctx.community else {
        app.error(t(lang, "tui.entry.no_community").to_string());
        return Vec::new();
    };
    ctx.visit = true;
    // What a visit usually is; the clerk types over it.
    let mut row = crate::tui::form::service::blank(Id(0), community, today);
    row.content = t(lang, "tui.pair.visit_content").to_string();
    row.place = t(lang, "tui.pair.visit_place").to_string();
    row.kind = ServiceKind::Pairing;
    ctx.template = Some(Box::new(row));
    let mut f = form(app, Which::Service, ctx, names);
    // The clerk starts at the first record still to pick, else at the date (the content is
    // the usual one, pre-filled).
    let start = f
        .fields
        .iter()
        .find(|x| x.is_ref().is_some() && x.picked.is_empty())
        .map_or(crate::tui::form::FieldKey::Date, |x| x.key);
    f.focus_key(start);
    open(app, f);
    Vec::new()
}

/// `P`: the pairing of the household or member to change its plan or give its end date, read
/// fresh. With one it opens at once; with several the clerk picks which, the most recent
/// active one selected.
fn edit_pairing(app: &mut App, side: Side) -> Vec<Effect> {
    let lang = app.lang();
    let presenting = app.privacy.presentation;
    // (pairing, whom it is with as shown, what it is found by)
    let (mut rows, who): (Vec<(Pairing, String, String)>, String) = match &side {
        Side::Household {
            pairings,
            household,
            ..
        } => (
            pairings
                .iter()
                .map(|(p, name)| (p.clone(), name.clone(), name.clone()))
                .collect(),
            if presenting {
                format!("{} · {}", household.kind.label(lang), t(lang, "tui.hidden"))
            } else {
                household.name.clone()
            },
        ),
        Side::Member { pairings, name, .. } => (
            pairings
                .iter()
                .map(|(p, h)| {
                    // A household is a resident in difficulty: hidden while presenting, and
                    // then not searched by name either.
                    let (shown, key) = match h {
                        Some(h) if presenting => (
                            format!("{} · {}", h.kind.label(lang), t(lang, "tui.hidden")),
                            h.kind.label(lang).to_string(),
                        ),
                        Some(h) => (
                            format!("{}（{}）", h.name, h.kind.label(lang)),
                            h.name.clone(),
                        ),
                        None => (
                            t(lang, "tui.form.missing_record").to_string(),
                            String::new(),
                        ),
                    };
                    (p.clone(), shown, key)
                })
                .collect(),
            name.clone(),
        ),
    };
    // Active first, the most recent first.
    rows.sort_by_key(|(p, _, _)| (!p.is_active(), std::cmp::Reverse(p.since)));
    match rows.as_slice() {
        [] => {
            app.error(tf(lang, "tui.pair.none", &[&who]));
            Vec::new()
        }
        [(p, _, _)] => vec![Effect::Load(Load::Seed(SeedReq::Edit(Kind::Pairing, p.id)))],
        _ => {
            let list: Vec<PickRow<Id>> = rows
                .iter()
                .map(|(p, shown, key)| {
                    let until = match p.ended_on {
                        Some(end) => end.to_string(),
                        None => t(lang, "tui.pair.ongoing").to_string(),
                    };
                    // A plan may name the resident: left out while presenting.
                    let plan = if presenting { "" } else { p.plan.as_str() };
                    let mut label = format!("{shown} · {} – {until}", p.since);
                    if !plan.is_empty() {
                        label.push_str(" · ");
                        label.push_str(plan);
                    }
                    PickRow {
                        label,
                        key: RowKey::person(&[key, plan]),
                        value: p.id,
                    }
                })
                .collect();
            let note = tf(lang, "tui.pair.choose_note", &[&list.len()]);
            let title = tf(lang, "tui.pair.choose_title", &[&who]);
            app.overlays.push(Overlay::Choose(Box::new(Choose {
                list: PickList::new(title, note, list, Some(0)),
                then: Then::EditPairing,
            })));
            Vec::new()
        }
    }
}
