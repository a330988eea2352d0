//! The search overlay driven by keys: found by pinyin initials, Enter jumps into the panes,
//! phones masked, and it works on a read-only ledger.

#[path = "tui_common.rs"]
mod common;

use baodao::domain::Member;
use baodao::i18n::Lang;
use baodao::tui::layout::{Pane, Screen};
use baodao::tui::overlay::Overlay;
use baodao::tui::search::Row;
use baodao::tui::widgets::palette::pinyin_keys;
use common::{demo, reopen_read_only, session};

/// A member of the demo whose name's initials are unusual enough to find quickly, with the
/// community it lives in.
fn some_member(ledger: &baodao::store::Ledger) -> Member {
    let view = ledger.view().expect("view");
    let mut members: Vec<Member> = view.all::<Member>().expect("members");
    members.retain(|m| m.community.is_some() && !m.archived);
    members.sort_by_key(|m| m.name.clone());
    members.swap_remove(members.len() / 2)
}

fn hits(s: &baodao::tui::headless::Headless) -> Vec<baodao::search::Doc> {
    match s.app.overlays.last() {
        Some(Overlay::Search(o)) => o
            .rows
            .iter()
            .filter_map(|r| match r {
                Row::Hit(d) => Some(d.clone()),
                Row::Heading(..) => None,
            })
            .collect(),
        _ => panic!("the search overlay is not open"),
    }
}

#[test]
fn initials_find_a_member_and_enter_jumps_to_it() {
    let (_dir, ledger) = demo(300);
    let target = some_member(&ledger);
    let mut s = session(ledger, Lang::Zh, 120, 40);
    s.press("F3");
    let (initials, _) = pinyin_keys(&target.name);
    s.type_text(&initials);
    let found = hits(&s);
    let pos = found
        .iter()
        .position(|d| d.id == target.id)
        .unwrap_or_else(|| panic!("{} not found by {initials}", target.name));
    let text = s.text();
    assert!(text.contains("党员（"), "grouped under a heading:\n{text}");
    assert!(!text.contains(&target.mobile), "phones are masked:\n{text}");
    for _ in 0..pos {
        s.press("Down");
    }
    s.press("Enter");
    assert!(s.app.overlays.is_empty(), "the overlay closes on a jump");
    assert_eq!(s.app.screen, Screen::Main);
    assert_eq!(s.app.focus, Pane::Members);
    assert_eq!(s.app.communities.selected_id(), target.community);
    assert_eq!(s.app.members.selected_id(), Some(target.id));
    assert_eq!(s.app.card_of, Some(target.id), "the card follows the jump");
}

#[test]
fn a_unit_jumps_to_the_units_view_and_read_only_searches_too() {
    let (dir, ledger) = demo(200);
    let unit = ledger
        .view()
        .and_then(|v| v.all::<baodao::domain::Unit>())
        .expect("units")
        .into_iter()
        .find(|u| !u.archived)
        .expect("a unit");
    let ledger = reopen_read_only(&dir, ledger);
    let mut s = session(ledger, Lang::En, 100, 30);
    s.press("F3");
    s.type_text(&unit.name);
    let found = hits(&s);
    let pos = found.iter().position(|d| d.id == unit.id).expect("found");
    for _ in 0..pos {
        s.press("Down");
    }
    s.press("Enter");
    assert_eq!(s.app.screen, Screen::Units);
    assert_eq!(s.app.units.selected_id(), Some(unit.id));
    // Esc closes without jumping; typing `q` in the box is text, not quit.
    s.press("F3");
    s.type_text("q");
    assert!(!s.app.quit);
    s.press("Esc");
    assert!(s.app.overlays.is_empty());
}
