//! Every popup and screen is a layer behind one router: a change to the ledger a layer does
//! not offer is refused where the clerk is, naming the keys that work there, and never runs
//! on the lists hidden beneath (Ctrl-r behind the import screen redid an undone save).

#[path = "tui_entry_common.rs"]
mod entry;

use baodao::tui::overlay::Overlay;
use entry::*;

#[test]
fn undo_and_redo_never_reach_the_lists_beneath_a_layer_that_does_not_offer_them() {
    let (_dir, mut s) = entry_session();
    s.press("2");
    s.press("4");
    let member = s.app.card_of.expect("card");
    let before = card_rows(&s, member).len();
    s.press("a");
    fill(&mut s, FieldKey::Content, "一次新的服务");
    s.press("Enter");
    s.press("Esc");
    assert_eq!(card_rows(&s, member).len(), before + 1);
    s.press("u");
    assert_eq!(card_rows(&s, member).len(), before, "{}", status(&s));

    // Search, import, session, readiness, settings, the overdue list: none changes the ledger
    // by undo or redo, so the keys are refused there and the undone row stays undone.
    for open in ["Ctrl-g", "I", "E", "F7", "O", "o"] {
        s.press(open);
        assert!(!s.app.overlays.is_empty(), "{open} opened nothing");
        let depth = s.app.overlays.len();
        for key in ["Ctrl-r", "u"] {
            s.app.status = None;
            s.press(key);
            assert_eq!(
                card_rows(&s, member).len(),
                before,
                "{key} under {open} acted on the card beneath"
            );
            assert_eq!(s.app.overlays.len(), depth, "{key} under {open}");
            let said = status(&s);
            // `u` is typed into a search box or a path; anything else it would do is refused.
            if key == "Ctrl-r" || !said.is_empty() {
                assert!(said.contains("此处不能"), "{key} under {open}: {said}");
                assert!(said.contains("Esc"), "{key} under {open}: {said}");
            }
        }
        while !s.app.overlays.is_empty() {
            s.press("Esc");
            if matches!(s.app.overlays.last(), Some(Overlay::Confirm(_))) {
                s.press("y");
            }
        }
    }

    // On the lists themselves redo works: the refusals above were not for want of a redo.
    s.press("Ctrl-r");
    assert_eq!(card_rows(&s, member).len(), before + 1, "{}", status(&s));
}
