//! After every action: fit the lists to the layout, and load what the selection needs.
//!
//! Declarative on purpose: instead of each command remembering to load the members of the
//! community it moved to, this compares the selected community and member with the ones
//! whose data is loaded, the communities' and units' filters with the ones whose records are
//! listed, and the communities and units on screen with the lines at hand (lines scrolled
//! away are dropped: a province's communities and units are never all held).
//!
//! Owns: list heights, the loads a selection implies, ending a reveal when its record is no
//! longer in front. Must not touch: the ledger.

use crate::tui::action::{Effect, Load};
use crate::tui::app::App;
use crate::tui::layout::{Pane, Screen, inner, list_parts};
use crate::tui::overlay::Overlay;

pub fn follow(app: &mut App) -> Vec<Effect> {
    let mut out = Vec::new();
    if app.communities.loaded {
        let filter = app.communities.filter.value();
        if app.communities_of.as_deref() != Some(filter) {
            app.communities_of = Some(filter.to_string());
            out.push(Effect::Load(Load::Communities(filter.to_string())));
        }
    }
    if app.communities.loaded {
        let want = app.communities.selected_id();
        if want != app.members_of {
            app.members_of = want;
            app.members.clear();
            app.posts.clear();
            out.extend(want.map(|c| Effect::Load(Load::Community(c))));
        }
    }
    if app.members.loaded || app.members_of.is_none() {
        let want = app.members.selected_id();
        if want != app.card_of {
            app.card_of = want;
            app.card.clear();
            out.extend(want.map(|m| Effect::Load(Load::Card(m))));
        }
    }
    if app.screen == Screen::Units || app.units.loaded {
        let filter = app.units.filter.value();
        if app.units_of.as_deref() != Some(filter) {
            app.units_of = Some(filter.to_string());
            out.push(Effect::Load(Load::Units(filter.to_string())));
        }
    }
    end_reveal(app);
    let (rows, community_rows) = relayout(app);
    // A form shown in parts: the parts the scroll reached.
    for overlay in &mut app.overlays {
        if let Overlay::Reports(r) = overlay {
            out.extend(r.wanted().map(Effect::Reports));
        }
    }
    if app.screen == Screen::Main && app.communities.loaded {
        let mut on_screen = match community_rows {
            Some(rows) => {
                let range = app.communities.list.visible_range(rows);
                app.communities.ids_in(range)
            }
            None => Vec::new(),
        };
        // The selected one's name titles the members pane and starts a new record's form.
        on_screen.extend(app.communities.selected_id());
        let missing = app.community_rows.wanted(&on_screen);
        if !missing.is_empty() {
            out.push(Effect::Load(Load::CommunityRows(missing)));
        }
    }
    if let Some(rows) = rows
        && app.screen == Screen::Units
        && app.units.loaded
    {
        let range = app.units.list.visible_range(rows);
        let on_screen = app.units.ids_in(range);
        let missing = app.unit_rows.wanted(&on_screen);
        if !missing.is_empty() {
            out.push(Effect::Load(Load::UnitRows(missing)));
        }
    }
    out
}

/// A reveal lasts while its record is the one in front: the open detail or the selection.
fn end_reveal(app: &mut App) {
    let Some(id) = app.privacy.revealed else {
        return;
    };
    let lang = app.lang();
    let in_front = match app.overlays.last().map(Overlay::layer) {
        Some(top) if top.covers() || top.revealable(lang).is_some() => {
            top.revealable(lang).map(|(x, _)| x) == Some(id)
        }
        _ => match app.screen {
            Screen::Units => app.units.selected_id() == Some(id),
            Screen::Main => app.members.selected_id() == Some(id),
        },
    };
    if !in_front {
        app.privacy.revealed = None;
    }
}

/// Tells each shown list how many rows it has; returns the units list's rows on the units
/// screen, and the communities pane's when it is shown.
fn relayout(app: &mut App) -> (Option<usize>, Option<usize>) {
    let Some(layout) = app.layout() else {
        return (None, None);
    };
    for overlay in &mut app.overlays {
        overlay.layer_mut().fit(layout.body);
    }
    if app.screen == Screen::Units {
        let list = &app.units;
        let parts = list_parts(
            inner(layout.body),
            false,
            list.filtering || list.is_filtered(),
        );
        app.units.list.set_height(parts.rows);
        return (Some(parts.rows), None);
    }
    let mut communities = None;
    for (pane, rect) in &layout.panes {
        let list = app.pane(*pane);
        let filter = list.filtering() || list.is_filtered();
        let parts = list_parts(inner(*rect), *pane == Pane::Card, filter);
        app.pane_mut(*pane).state_mut().set_height(parts.rows);
        if *pane == Pane::Communities {
            communities = Some(parts.rows);
        }
    }
    (None, communities)
}
