//! The one place where what a write [`Changed`] becomes what is read again: every view says
//! which changes it shows ([`shows`]), and each stale view on screen is reloaded. Saves,
//! request steps, the session, the settings, imports and other clerks' commits all come here.
//!
//! The search index itself needs no reload: the runtime catches it up by the ledger's journal
//! before each search (the units view's list and the pickers go through it too). What is read
//! again is what was found with it: the units view's list and an open search box's hits.
//!
//! Owns: which views show which changes, and the reloads. Must not touch: the ledger, where
//! the changes came from.

use crate::domain::Kind;
use crate::tui::action::{Effect, Load};
use crate::tui::app::App;
use crate::tui::changed::Changed;
use crate::tui::overlay::Overlay;
use crate::tui::overlay::detail::DetailKind;

/// A view that shows ledger data, and is read again when what it shows changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// The communities pane (and the settings the lists judge by: saving them changes
    /// everything, see [`Changed::settings`]).
    Communities,
    /// The members and posts panes of the selected community.
    Members,
    /// The selected member's service card.
    Card,
    /// The units view (U): its list and the lines of the units on screen.
    Units,
    /// An open member detail popup.
    MemberDetail,
    /// The requests screen (requests, households, suggestions, meetings).
    Requests,
    /// An open search box's hits.
    Search,
}

impl Shown {
    pub const ALL: [Shown; 7] = [
        Shown::Communities,
        Shown::Members,
        Shown::Card,
        Shown::Units,
        Shown::MemberDetail,
        Shown::Requests,
        Shown::Search,
    ];
}

/// The changes a view shows.
pub fn shows(view: Shown) -> Changed {
    use Kind::*;
    match view {
        Shown::Communities => Changed::kinds(&[Community]),
        // A member's line: name, unit, registration status, posts, certified hours; a post's
        // line counts the members who claimed it.
        Shown::Members => {
            Changed::kinds(&[Member, Unit, Registration, Post]).and(Changed::hours_moved())
        }
        Shown::Card => Changed::kinds(&[Service, Pairing, Household]),
        // A unit's line: name, kind, paired community, members on file and reported.
        Shown::Units => Changed::kinds(&[Unit, Community, Member, Registration]),
        Shown::MemberDetail => Changed::kinds(&[
            Member,
            Unit,
            Community,
            Registration,
            Post,
            Service,
            Pairing,
            Household,
            Suggestion,
            Demand,
            Evaluation,
        ]),
        Shown::Requests => Changed::kinds(&[
            Demand, Household, Pairing, Suggestion, Meeting, Member, Post, Community, Unit, Service,
        ]),
        // The kinds the search module indexes (a unit's or community's name is also on its
        // members' and posts' docs).
        Shown::Search => Changed::kinds(
            &Kind::ALL
                .into_iter()
                .filter(|k| crate::search::Kind::of(*k).is_some())
                .collect::<Vec<_>>(),
        ),
    }
}

/// The views `changed` makes stale.
pub fn stale(changed: Changed) -> Vec<Shown> {
    Shown::ALL
        .into_iter()
        .filter(|v| shows(*v).meets(changed))
        .collect()
}

/// What must be read again after `changed`, for the views on screen.
pub fn reloads(app: &mut App, changed: Changed) -> Vec<Effect> {
    let mut out = Vec::new();
    for view in stale(changed) {
        match view {
            Shown::Communities => out.push(Effect::Load(Load::Ledger)),
            Shown::Members => out.extend(app.members_of.map(|c| Effect::Load(Load::Community(c)))),
            Shown::Card => out.extend(app.card_of.map(|m| Effect::Load(Load::Card(m)))),
            // Stale lines are dropped; `follow` asks again for the list and the units on
            // screen.
            Shown::Units => app.units_changed(),
            Shown::MemberDetail => {
                for o in &app.overlays {
                    if let Overlay::Detail(d) = o
                        && let DetailKind::Member(m) = &d.kind
                    {
                        out.push(Effect::Load(Load::MemberDetail(m.member.id)));
                    }
                }
            }
            Shown::Requests => {
                for o in &app.overlays {
                    if let Overlay::Demands(s) = o {
                        out.push(Effect::Demands(s.load_work()));
                    }
                }
            }
            Shown::Search if app.search.ready => {
                for o in &mut app.overlays {
                    if let Overlay::Search(s) = o {
                        out.extend(s.find().map(Effect::Find));
                    }
                }
            }
            Shown::Search => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Kind::*;
    use Shown::*;

    /// For each kind of record, the views that show something of it — written from what each
    /// view draws, record kind by record kind, so that a view left out of [`shows`] (as the
    /// units view once was after a session's save) fails here.
    const SHOWN_BY_KIND: [(Kind, &[Shown]); 15] = [
        (
            Community,
            &[Communities, Units, MemberDetail, Requests, Search],
        ),
        (Unit, &[Members, Units, MemberDetail, Requests, Search]),
        (Member, &[Members, Units, MemberDetail, Requests, Search]),
        (Registration, &[Members, Units, MemberDetail]),
        (Post, &[Members, MemberDetail, Requests, Search]),
        (Service, &[Card, MemberDetail, Requests]),
        (Activity, &[]),
        (Demand, &[MemberDetail, Requests, Search]),
        (Household, &[Card, MemberDetail, Requests, Search]),
        (Pairing, &[Card, MemberDetail, Requests]),
        (Suggestion, &[MemberDetail, Requests]),
        (Meeting, &[Requests]),
        (UnitService, &[]),
        (Evaluation, &[MemberDetail]),
        (Closure, &[]),
    ];

    #[test]
    fn every_kind_saved_reloads_the_views_showing_it() {
        assert_eq!(
            SHOWN_BY_KIND.map(|(k, _)| k),
            Kind::ALL,
            "the table covers every kind"
        );
        for (kind, views) in SHOWN_BY_KIND {
            let stale = stale(Changed::kinds(&[kind]));
            for v in views {
                assert!(stale.contains(v), "saving a {kind:?} must reload {v:?}");
            }
        }
    }

    #[test]
    fn certified_hours_reload_the_members_totals() {
        assert_eq!(stale(Changed::hours_moved()), vec![Members]);
    }

    #[test]
    fn another_clerks_commit_or_the_settings_reload_everything() {
        assert_eq!(stale(Changed::everything()), Shown::ALL);
        assert_eq!(stale(Changed::settings()), Shown::ALL);
        assert!(stale(Changed::NOTHING).is_empty());
    }

    #[test]
    fn an_open_search_is_found_again_for_exactly_the_kinds_the_search_module_indexes() {
        for kind in Kind::ALL {
            assert_eq!(
                stale(Changed::kinds(&[kind])).contains(&Search),
                crate::search::Kind::of(kind).is_some(),
                "{kind:?}"
            );
        }
    }
}
