//! The service card's quick entry by keys: a new row starts from the one above, content
//! completes from the community's history with Tab, Enter saves and opens the next row, `.`
//! repeats the row above; a marked range is certified at once; a certified row refuses edits
//! and is revoked with a reason; undo and redo work across saves.

#[path = "tui_entry_common.rs"]
mod entry;

use baodao::domain::{Hours, Id, ServiceKind};
use entry::*;

/// The card pane of the first member who has rows, and that member.
fn on_a_card(s: &mut baodao::tui::headless::Headless) -> Id {
    s.press("2");
    let mut guard = 0;
    while s.app.card.rows().is_empty() {
        s.press("j");
        guard += 1;
        assert!(guard < 50, "no member with a card");
    }
    s.press("4");
    s.app.card_of.expect("card")
}

#[test]
fn a_new_row_starts_from_the_row_above_and_enter_saves_and_opens_the_next() {
    let (_dir, mut s) = entry_session();
    let member = on_a_card(&mut s);
    let before = card_rows(&s, member).len();
    let last = s.app.card.rows().last().cloned().expect("a row");
    s.press("a");
    assert!(form(&s).ctx.quick);
    assert_eq!(field(&s, FieldKey::Date), last.date.to_string());
    assert_eq!(field(&s, FieldKey::Content), last.content);
    assert_eq!(field(&s, FieldKey::Hours), last.hours.to_string());
    assert!(
        form(&s).completions.is_some(),
        "history arrived for completion"
    );
    // The first key typed into a pre-filled field replaces it.
    s.type_text("1120");
    assert_eq!(field(&s, FieldKey::Date), "1120");
    s.press("Tab");
    // Content completes from the history: shown beside the field, taken only with →;
    // Tab moves on and keeps what was typed.
    let history = s.app.entry.completions.clone().expect("completions").1;
    let want = history.content("清").map(str::to_string);
    s.type_text("清");
    match &want {
        Some(full) => {
            assert_eq!(form(&s).completion(), Some(full.as_str()));
            // Without colour (this session's theme) the suggestion is words beside the
            // field, never text that looks typed.
            let screen = s.text();
            assert!(screen.contains("→ 采用补全："), "{screen}");
            assert!(!screen.contains(&format!("服务记录 {full}")), "{screen}");
            s.press("Tab");
            assert_eq!(field(&s, FieldKey::Content), "清");
            s.press("Shift-Tab");
            s.press("End");
            s.press("Right");
            assert_eq!(field(&s, FieldKey::Content), *full);
        }
        None => s.type_text("理楼道"),
    }
    fill(&mut s, FieldKey::Hours, "1:30");
    s.press("Enter");
    assert!(has_form(&s), "the next row is open at once");
    let rows = card_rows(&s, member);
    assert_eq!(rows.len(), before + 1, "{}", status(&s));
    let new = rows
        .iter()
        .find(|r| r.date.to_string() == "2026-11-20" && r.hours == Hours(3));
    let new = new.expect("the row as typed");
    // The next row starts from the one just saved.
    assert_eq!(field(&s, FieldKey::Content), new.content);
    assert_eq!(field(&s, FieldKey::Date), "2026-11-20");
    // `.` in the emptied content field repeats the row above, dated today.
    s.press("Tab");
    s.press("Ctrl-u");
    s.type_text(".");
    assert_eq!(field(&s, FieldKey::Content), new.content);
    assert_eq!(field(&s, FieldKey::Date), "2026-11-22");
    s.press("Enter");
    let rows = card_rows(&s, member);
    assert_eq!(rows.len(), before + 2);
    assert!(
        rows.iter()
            .any(|r| r.date.to_string() == "2026-11-22" && r.content == new.content)
    );
    s.press("Esc");
    assert!(!has_form(&s), "an untouched next row closes without asking");
    assert_eq!(s.app.card.rows().len(), before + 2, "the card was reloaded");
}

#[test]
fn dot_on_the_card_repeats_the_selected_row_today_and_undo_redo_span_saves() {
    let (_dir, mut s) = entry_session();
    let member = on_a_card(&mut s);
    let before = card_rows(&s, member).len();
    s.press("g");
    let first = s.app.card.selected().cloned().expect("row");
    s.press(".");
    // The same row again on the same day is pointed out before it is saved; `y` saves it.
    s.press(".");
    assert!(s.text().contains("已有一条相同的服务记录"), "{}", s.text());
    assert_eq!(card_rows(&s, member).len(), before + 1, "asked, not saved");
    s.press("y");
    let rows = card_rows(&s, member);
    assert_eq!(rows.len(), before + 2, "{}", status(&s));
    let copies: Vec<_> = rows
        .iter()
        .filter(|r| r.content == first.content && r.date.to_string() == "2026-11-22")
        .collect();
    assert!(copies.len() >= 2);
    assert_ne!(copies[0].id, copies[1].id, "a new id each time");
    s.press("u");
    assert_eq!(card_rows(&s, member).len(), before + 1);
    assert!(
        status(&s).starts_with("已撤销：新增服务记录"),
        "{}",
        status(&s)
    );
    s.press("u");
    assert_eq!(card_rows(&s, member).len(), before);
    s.press("Ctrl-r");
    assert_eq!(card_rows(&s, member).len(), before + 1);
    assert!(status(&s).starts_with("已重做"), "{}", status(&s));
    // A new save clears what could be redone.
    s.press(".");
    s.press("y");
    s.press("Ctrl-r");
    assert!(status(&s).contains("没有可重做"), "{}", status(&s));
    // Every undo is in the audit log as a change of its own.
    let audit = s.ledger.view().expect("v").audit_recent(20).expect("audit");
    assert!(audit.iter().any(|a| a.action == "undo"));
}

#[test]
fn a_marked_range_is_certified_at_once_and_a_certified_row_is_revoked_with_a_reason() {
    let (_dir, mut s) = entry_session();
    let member = on_a_card(&mut s);
    // Three new rows to certify, so none is certified already.
    for i in 0..3 {
        s.press(".");
        if i > 0 {
            // The same row again today: asked, and confirmed.
            s.press("y");
        }
    }
    s.press("G");
    let ids: Vec<Id> = (0..3)
        .map(|i| {
            let n = s.app.card.shown_len() - 1 - i;
            s.app.card.shown(n).expect("row").id
        })
        .collect();
    s.press("v");
    s.press("k");
    s.press("k");
    assert!(s.text().contains('▶'), "the range is marked on the card");
    s.press("c");
    assert_eq!(form(&s).ctx.rows.len(), 3);
    fill(&mut s, FieldKey::Certifier, "王书记");
    s.press("Enter");
    assert!(!has_form(&s), "{}", status(&s));
    let rows = card_rows(&s, member);
    for id in &ids {
        let r = rows.iter().find(|r| r.id == *id).expect("row");
        assert_eq!(
            r.certification.as_ref().map(|c| c.name.as_str()),
            Some("王书记")
        );
    }
    assert!(s.text().contains("✓王书记"));
    // A certified row refuses edits with the store's message and points at revoking.
    s.press("e");
    assert!(!has_form(&s));
    assert!(
        status(&s).contains("已认证") && status(&s).contains("C"),
        "{}",
        status(&s)
    );
    s.press("C");
    s.press("Enter");
    assert!(has_form(&s), "a reason is required");
    s.type_text("认证人写错");
    s.press("Enter");
    let selected = s.app.card.selected_id().expect("row");
    let r = card_rows(&s, member)
        .into_iter()
        .find(|r| r.id == selected)
        .expect("row");
    assert!(r.certification.is_none(), "{}", status(&s));
    let _ = ServiceKind::Volunteer;
}
