//! Data arriving from the runtime, and the ledger's commit counter moving.
//!
//! A payload is taken only if it is still wanted (the community or member it was read for is
//! still the one selected), so a slow answer can never overwrite a newer selection.
//!
//! Owns: applying loaded data to the app. Must not touch: loading it.

use crate::i18n::t;
use crate::tui::action::{Effect, Loaded};
use crate::tui::app::App;
use crate::tui::changed::Changed;
use crate::tui::overlay::Overlay;
use crate::tui::overlay::detail::{Detail, DetailKind};

pub fn apply(app: &mut App, data: Loaded) -> Vec<Effect> {
    let lang = app.lang();
    match data {
        Loaded::Ledger(d) => {
            app.generation = d.generation;
            app.settings = d.settings;
            app.communities_changed();
            for r in d.first {
                app.community_rows.insert(r.id, r);
            }
            // Every community is listed; under a filter, its own list is read again.
            if app.communities.is_filtered() {
                app.communities_of = None;
            } else {
                app.communities_of = Some(String::new());
                app.communities.set_rows(d.communities, lang);
            }
        }
        Loaded::Communities(d) => {
            // Rows for a filter typed over since are not shown; the newer ones follow.
            if app.communities_of.as_deref() == Some(d.filter.as_str()) {
                app.communities.set_rows(d.communities, lang);
            }
        }
        Loaded::CommunityRows(rows) => {
            let gone = app.community_rows.arrived(rows);
            if !gone.is_empty() {
                app.communities.drop_rows(&gone);
            }
        }
        Loaded::Community(d) => {
            if app.members_of == Some(d.community) {
                app.members.set_rows(d.members, lang);
                app.posts.set_rows(d.posts, lang);
            }
        }
        Loaded::Card(d) => {
            if app.card_of == Some(d.member) {
                app.card_paired = Some((d.member, d.paired));
                app.card.set_rows(d.rows, lang);
            }
        }
        Loaded::Units(d) => {
            // Rows for a filter typed over since are not shown; the newer ones follow.
            if app.units_of.as_deref() == Some(d.filter.as_str()) {
                app.units.set_rows(d.units, lang);
            }
        }
        Loaded::UnitRows(rows) => {
            let gone = app.unit_rows.arrived(rows);
            if !gone.is_empty() {
                app.units.drop_rows(&gone);
            }
        }
        Loaded::MemberDetail(d) => {
            // Read again after a save made from it: the open detail is replaced in place.
            let open_one = app.overlays.iter_mut().find_map(|o| match o {
                Overlay::Detail(x) => match &mut x.kind {
                    DetailKind::Member(m) if m.member.id == d.member.id => Some(m),
                    _ => None,
                },
                _ => None,
            });
            match open_one {
                Some(m) => *m = d,
                None => open(app, DetailKind::Member(d)),
            }
        }
        Loaded::CommunityDetail(d) => open(app, DetailKind::Community(d)),
        Loaded::UnitDetail(d) => open(app, DetailKind::Unit(d)),
        Loaded::PostDetail(d) => open(app, DetailKind::Post(d)),
        Loaded::ServiceDetail(d) => open(app, DetailKind::Service(d)),
        Loaded::Seed(seed) => return crate::tui::entry::update::seeded(app, *seed),
        Loaded::SearchLoading => app.search.loading = true,
        Loaded::SearchFailed(message) => {
            app.search.loading = false;
            for o in &mut app.overlays {
                if let Overlay::Search(s) = o {
                    s.loading = false;
                }
            }
            app.error(message);
        }
        // The layers' own data: each open layer takes what is its own.
        other @ (Loaded::SearchReady
        | Loaded::Found(..)
        | Loaded::Session(_)
        | Loaded::Readiness(_)
        | Loaded::SettingsSaved(..)
        | Loaded::Import(_)
        | Loaded::Demands(_)
        | Loaded::Reports(_)) => return super::arrived(app, other),
        Loaded::History(screen) => app.overlays.push(Overlay::History(screen)),
    }
    Vec::new()
}

fn open(app: &mut App, kind: DetailKind) {
    app.overlays.push(Overlay::Detail(Detail::new(kind)));
}

/// The ledger's commit counter: when another process committed, everything on screen is
/// read again; selections stay on their records by id.
pub fn generation(app: &mut App, g: u64) -> Vec<Effect> {
    if g == app.generation {
        return Vec::new();
    }
    app.generation = g;
    app.info(t(app.lang(), "tui.status.reloaded").to_string());
    super::reload::reloads(app, Changed::everything())
}
