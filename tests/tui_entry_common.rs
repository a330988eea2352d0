//! Helpers shared by the data-entry tests (included with `#[path]`; as a test target of its
//! own it has no tests): a session on a demo ledger, the top form, reads of the ledger after.
#![allow(dead_code)]

#[path = "tui_common.rs"]
mod common;

pub use common::*;

use baodao::domain::{Id, Member, ServiceRecord};
use baodao::i18n::Lang;
pub use baodao::tui::form::FieldKey;
use baodao::tui::form::Form;
use baodao::tui::headless::Headless;
use baodao::tui::overlay::Overlay;

/// A session at 100x30 on a demo ledger of 200 members, with its temp dir.
pub fn entry_session() -> (tempfile::TempDir, Headless) {
    let (dir, ledger) = demo(200);
    (dir, session(ledger, Lang::Zh, 100, 30))
}

pub fn form(s: &Headless) -> &Form {
    match s.app.overlays.last() {
        Some(Overlay::Form(f)) => f,
        other => panic!("no form on top: {other:?}"),
    }
}

pub fn has_form(s: &Headless) -> bool {
    matches!(s.app.overlays.last(), Some(Overlay::Form(_)))
}

/// The text of the top form's field `key`.
pub fn field(s: &Headless, key: FieldKey) -> String {
    form(s)
        .field(key)
        .unwrap_or_else(|| panic!("no field {key:?}"))
        .text()
        .to_string()
}

/// Moves the top form's focus to `key` (as Tab would) and types `text` over what is there.
pub fn fill(s: &mut Headless, key: FieldKey, text: &str) {
    let mut guard = 0;
    while form(s).focused().map(|f| f.key) != Some(key) {
        s.press("Tab");
        guard += 1;
        assert!(guard < 40, "never reached field {key:?}");
    }
    s.press("Ctrl-u");
    s.type_text(text);
}

pub fn status(s: &Headless) -> String {
    s.app
        .status
        .as_ref()
        .map(|x| x.text.clone())
        .unwrap_or_default()
}

/// The card rows of `member` as the ledger now holds them (archived left out).
pub fn card_rows(s: &Headless, member: Id) -> Vec<ServiceRecord> {
    let view = s.ledger.view().expect("view");
    view.services_of_member(member, None, None)
        .expect("rows")
        .into_iter()
        .filter(|r| !r.archived)
        .collect()
}

pub fn member(s: &Headless, id: Id) -> Member {
    s.ledger
        .view()
        .expect("view")
        .get::<Member>(id)
        .expect("read")
        .expect("member")
}

/// Focuses the members pane and selects the member named `name` by the filter.
pub fn select_member(s: &mut Headless, name: &str) {
    s.press("2");
    s.press("/");
    s.type_text(name);
    s.press("Enter");
    assert_eq!(
        s.app.selected_member().map(|m| m.name.as_str()),
        Some(name),
        "member {name} selected"
    );
}

/// The first member of the selected community who has a current registration of `status`.
pub fn first_with(
    s: &Headless,
    ok: impl Fn(Option<baodao::domain::RegStatus>) -> bool,
) -> (Id, String) {
    s.app
        .members
        .rows()
        .iter()
        .find(|m| ok(m.status))
        .map(|m| (m.id, m.name.clone()))
        .expect("a member in that state")
}
