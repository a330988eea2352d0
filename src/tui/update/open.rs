//! Opening the year's screens (search, session, readiness, import, settings, requests,
//! reports) from a global command: each is pushed as a layer with the work it needs first.
//!
//! Owns: what each screen starts with. Must not touch: the ledger (first reads are effects).

use crate::domain::Id;
use crate::i18n::t;
use crate::tui::action::Effect;
use crate::tui::app::App;
use crate::tui::command::CommandId;
use crate::tui::demands::{DemandsScreen, Tab};
use crate::tui::layout::Screen;
use crate::tui::overlay::Overlay;
use crate::tui::readiness::Readiness;
use crate::tui::reports::ReportsScreen;
use crate::tui::search::SearchOverlay;
use crate::tui::session::SessionScreen;
use crate::tui::settings::SettingsScreen;

/// A global command opening one of the screens; `None` for any other command.
pub fn open(app: &mut App, c: CommandId) -> Option<Vec<Effect>> {
    Some(match c {
        CommandId::Search => {
            app.active_mut().set_filtering(false);
            let home = app.communities.selected_id();
            let mut s = SearchOverlay::new(home, app.lang());
            let effects = want_index(app);
            s.loading = !app.search.ready;
            app.overlays.push(Overlay::Search(Box::new(s)));
            effects
        }
        CommandId::Session => {
            let Some(community) = app.communities.selected_id() else {
                app.error(t(app.lang(), "tui.status.pick_community").to_string());
                return Some(Vec::new());
            };
            app.active_mut().set_filtering(false);
            let s = SessionScreen::new(community, app.year(), app.config.today, app.lang());
            let work = s.open_work();
            app.overlays.push(Overlay::Session(Box::new(s)));
            vec![Effect::Session(work)]
        }
        CommandId::Readiness => {
            let Some(community) = app.communities.selected_id() else {
                app.error(t(app.lang(), "tui.status.pick_community").to_string());
                return Some(Vec::new());
            };
            app.active_mut().set_filtering(false);
            let r = Readiness::new(community, app.lang());
            app.overlays.push(Overlay::Readiness(Box::new(r)));
            vec![Effect::Readiness(community)]
        }
        CommandId::Import => {
            app.active_mut().set_filtering(false);
            let community = app.selected_community().map(|c| c.name.clone());
            let s = crate::tui::import_screen::ImportScreen::new(community, app.lang());
            app.overlays.push(Overlay::Import(Box::new(s)));
            Vec::new()
        }
        CommandId::Settings => {
            app.active_mut().set_filtering(false);
            let s = SettingsScreen::new(app.settings.clone(), app.lang());
            app.overlays.push(Overlay::Settings(Box::new(s)));
            Vec::new()
        }
        CommandId::Demands => {
            let Some(community) = app.communities.selected_id() else {
                app.error(t(app.lang(), "tui.status.pick_community").to_string());
                return Some(Vec::new());
            };
            app.active_mut().set_filtering(false);
            open_demands(app, community, Tab::Demands, None)
        }
        CommandId::Reports => {
            app.active_mut().set_filtering(false);
            let unit = match app.screen {
                Screen::Units => app.units.selected_id(),
                Screen::Main => None,
            };
            let s = ReportsScreen::new(
                app.communities.selected_id(),
                app.members.selected_id(),
                unit,
                app.year(),
                app.lang(),
            );
            app.overlays.push(Overlay::Reports(Box::new(s)));
            Vec::new()
        }
        _ => return None,
    })
}

pub(super) fn open_demands(
    app: &mut App,
    community: Id,
    tab: Tab,
    select: Option<Id>,
) -> Vec<Effect> {
    let s = DemandsScreen::new(community, tab, select, app.config.today, app.lang());
    let work = s.load_work();
    app.overlays.push(Overlay::Demands(Box::new(s)));
    vec![Effect::Demands(work)]
}

/// Asks for the search index unless it is ready or on its way. (Once read, the runtime
/// keeps it current by the ledger's journal.)
fn want_index(app: &mut App) -> Vec<Effect> {
    if app.search.ready || app.search.loading {
        return Vec::new();
    }
    app.search.loading = true;
    vec![Effect::LoadSearch]
}
