//! The settings editor by keys: a threshold changed and saved (logged) changes the grades the
//! session proposes; a read-only ledger refuses to edit.

#[path = "tui_common.rs"]
mod common;

use baodao::domain::Grade;
use baodao::i18n::Lang;
use baodao::tui::headless::Headless;
use baodao::tui::overlay::Overlay;
use common::{demo, reopen_read_only, session};

fn proposed(s: &mut Headless) -> Vec<Grade> {
    s.press("E");
    let grades = match s.app.overlays.last() {
        Some(Overlay::Session(x)) => x
            .rows()
            .iter()
            .filter_map(|r| r.assessment.proposed)
            .collect(),
        other => panic!("{other:?}"),
    };
    s.press("Esc");
    grades
}

#[test]
fn a_saved_threshold_changes_the_proposed_grades() {
    let (_dir, ledger) = demo(200);
    let mut s = session(ledger, Lang::Zh, 100, 30);
    let before = proposed(&mut s);
    assert!(
        before
            .iter()
            .any(|g| matches!(g, Grade::Qualified | Grade::Excellent)),
        "{before:?}"
    );
    s.press("O");
    s.press("Enter");
    s.press("Ctrl-u");
    s.type_text("2.5");
    s.press("Enter");
    assert!(s.text().contains("整数"), "a count must be whole");
    s.press("Ctrl-u");
    s.type_text("99");
    s.press("Enter");
    assert!(
        s.text().contains("*99"),
        "the change is marked:\n{}",
        s.text()
    );
    s.press("Ctrl-s");
    assert_eq!(s.app.settings.min_services, 99);
    let view = s.ledger.view().expect("view");
    assert_eq!(view.settings().expect("settings").min_services, 99);
    let audit = view.audit_recent(5).expect("audit");
    assert!(audit.iter().any(|a| a.kind == "settings"), "logged");
    drop(view);
    s.press("Esc");
    assert!(s.app.overlays.is_empty(), "saved: Esc closes at once");
    let after = proposed(&mut s);
    assert_eq!(after.len(), before.len());
    assert!(
        after
            .iter()
            .all(|g| matches!(g, Grade::Basic | Grade::Unqualified)),
        "{after:?}"
    );
}

#[test]
fn unsaved_changes_ask_before_leaving_and_read_only_refuses() {
    let (dir, ledger) = demo(100);
    let mut s = session(ledger, Lang::Zh, 100, 30);
    s.press("O");
    s.press("j");
    s.press("Enter");
    s.press("Ctrl-u");
    s.type_text("3");
    s.press("Enter");
    s.press("Esc");
    assert!(!s.app.overlays.is_empty(), "the first Esc warns");
    s.press("Esc");
    assert!(s.app.overlays.is_empty());
    assert_eq!(s.app.settings.min_suggestions, 1, "dropped, not saved");

    let ledger = reopen_read_only(&dir, s.into_ledger());
    let mut s = session(ledger, Lang::Zh, 100, 30);
    s.press("O");
    s.press("Enter");
    assert!(s.app.status.as_ref().is_some_and(|x| x.error));
    assert!(matches!(s.app.overlays.last(), Some(Overlay::Settings(x)) if x.prompt.is_none()));
    s.press("Ctrl-s");
    assert!(
        s.app
            .status
            .as_ref()
            .is_some_and(|x| x.error && x.text.contains("只读"))
    );
}
