//! A jump from a layer to a record in the panes (a search hit, a readiness line): what can be
//! selected now is, the rest as the rows arrive.
//!
//! Owns: `App::jump` and applying it. Must not touch: the ledger (rows are read by `follow`).

use crate::domain::Kind;
use crate::i18n::t;
use crate::tui::action::{Effect, Load};
use crate::tui::app::App;
use crate::tui::demands::Tab;
use crate::tui::entry::seed::SeedReq;
use crate::tui::layout::{Pane, Screen};
use crate::tui::search::Jump;

/// Starts a jump: closes what is in the way and selects what can be selected now; the rest
/// happens in [`follow`] as rows arrive.
pub fn start(app: &mut App, j: Jump) -> Vec<Effect> {
    app.active_mut().set_filtering(false);
    app.jump = Some(j);
    let mut out = Vec::new();
    match j {
        Jump::Fix(member) => {
            app.jump = None;
            out.push(Effect::Load(Load::Seed(SeedReq::Edit(
                Kind::Member,
                member,
            ))));
        }
        Jump::Unit(_) => {
            app.screen = Screen::Units;
            // The list holds only what its filter found: it is read again, whole, and the
            // jump waits for it (`follow` asks for it).
            if app.units.is_filtered() {
                app.units.clear_filter();
                app.units.clear();
            }
        }
        Jump::Member { community, .. }
        | Jump::Post { community, .. }
        | Jump::Community(community)
        | Jump::Household { community, .. }
        | Jump::Demand { community, .. } => {
            app.screen = Screen::Main;
            app.focus = match j {
                Jump::Member { .. } => Pane::Members,
                Jump::Post { .. } => Pane::Posts,
                _ => Pane::Communities,
            };
            if app.communities.selected_id() != Some(community) {
                app.communities.clear_filter();
                if !app.communities.select_id(community) {
                    app.jump = None;
                    app.error(t(app.lang(), "tui.search.gone").to_string());
                }
            }
        }
    }
    out
}

/// After every action: finish a jump whose rows have arrived.
pub fn follow(app: &mut App) -> Vec<Effect> {
    let mut out = Vec::new();
    if let Some(j) = app.jump {
        let done = match j {
            Jump::Community(_) | Jump::Fix(_) => true,
            Jump::Unit(u) => app.units.loaded && select(&mut app.units, u),
            Jump::Member { community, member } => {
                app.members_of == Some(community)
                    && app.members.loaded
                    && select(&mut app.members, member)
            }
            Jump::Post { community, post } => {
                app.members_of == Some(community)
                    && app.posts.loaded
                    && select(&mut app.posts, post)
            }
            Jump::Household {
                community,
                household: id,
            }
            | Jump::Demand {
                community,
                demand: id,
            } => {
                let tab = match j {
                    Jump::Household { .. } => Tab::Households,
                    _ => Tab::Demands,
                };
                app.jump = None;
                out.extend(super::open::open_demands(app, community, tab, Some(id)));
                false
            }
        };
        if done {
            app.jump = None;
        }
    }
    out
}

/// Selects `id` in a pane (clearing a filter that hides it); true when done, including when
/// the record is not in the pane at all (nothing more will arrive to wait for).
fn select<T: crate::tui::pane::PaneRow>(
    list: &mut crate::tui::pane::PaneList<T>,
    id: crate::domain::Id,
) -> bool {
    if !list.select_id(id) {
        list.clear_filter();
        list.select_id(id);
    }
    true
}
