//! Forms driven by keys on a demo ledger: defaults, what each kind of field accepts and
//! refuses (with its message), saving in one transaction, the store's refusals mapped to their
//! fields, the reference picker with "create new", Esc and q asking before typed work is lost,
//! and the read-only refusal.

#[path = "tui_entry_common.rs"]
mod entry;

use baodao::domain::{Community, Kind, Member, Unit, UnitKind};
use baodao::tui::action::Effect;
use baodao::tui::form::{Check, Field, FieldKind};
use baodao::tui::overlay::Overlay;
use chrono::NaiveDate;
use entry::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

#[test]
fn a_new_member_is_typed_with_chinese_and_saved_in_the_selected_community() {
    let (_dir, mut s) = entry_session();
    let community = s.app.members_of.expect("a community");
    s.press("2");
    s.press("a");
    assert_eq!(form(&s).title(), "在职党员");
    assert!(
        !form(&s)
            .field(FieldKey::Community)
            .expect("community")
            .picked
            .is_empty()
    );
    s.type_text("欧阳春晓");
    fill(&mut s, FieldKey::Gender, "2");
    fill(&mut s, FieldKey::Birth, "198304");
    fill(&mut s, FieldKey::Mobile, "１３９ 0000 1111");
    fill(&mut s, FieldKey::WillingOther, "y");
    assert_eq!(field(&s, FieldKey::WillingOther), "是");
    // Pasted text lands in the field as one line.
    fill(&mut s, FieldKey::Address, "");
    s.dispatch(baodao::tui::action::Action::Paste("紫鑫城\n3栋".into()));
    assert_eq!(field(&s, FieldKey::Address), "紫鑫城 3栋");
    s.press("Enter");
    assert!(!has_form(&s), "saved and closed: {}", status(&s));
    assert!(
        status(&s).contains("已保存：新增在职党员 欧阳春晓"),
        "{}",
        status(&s)
    );
    let view = s.ledger.view().expect("view");
    let m = view
        .members_of_community(community)
        .expect("members")
        .into_iter()
        .find(|m| m.name == "欧阳春晓")
        .expect("saved");
    assert_eq!(m.mobile, "13900001111");
    assert_eq!(m.birth.map(|b| b.to_string()).as_deref(), Some("1983.04"));
    assert!(m.willing_other);
    assert_eq!(m.address, "紫鑫城 3栋");
    assert!(
        s.app.members.rows().iter().any(|r| r.name == "欧阳春晓"),
        "list reloaded"
    );
}

#[test]
fn every_date_and_hours_form_is_accepted_or_refused_with_its_message() {
    let date = |s: &str| {
        Field::new(FieldKey::Date, FieldKind::Date, s).check(today(), baodao::i18n::Lang::Zh)
    };
    for (typed, means) in [
        ("2026-11-20", None),
        ("20261120", Some("2026-11-20")),
        ("11-20", Some("2026-11-20")),
        ("1120", Some("2026-11-20")),
        ("t", Some("2026-11-22")),
        ("y", Some("2026-11-21")),
        ("-3", Some("2026-11-19")),
        ("2026年3月5日", Some("2026-03-05")),
    ] {
        let want = match means {
            None => Check::Ok,
            Some(d) => Check::Hint(format!("→ {d}")),
        };
        assert_eq!(date(typed), want, "{typed}");
    }
    for bad in ["x", "2026-02-30", "13-01", "202611"] {
        assert!(
            matches!(date(bad), Check::Error(m) if m.contains("20261122")),
            "{bad}"
        );
    }
    let hours = |s: &str| {
        Field::new(FieldKey::Hours, FieldKind::Hours, s).check(today(), baodao::i18n::Lang::Zh)
    };
    for (typed, means) in [("1:30", "1.5"), ("90m", "1.5"), ("2小时", "2"), ("2h", "2")] {
        assert_eq!(hours(typed), Check::Hint(format!("→ {means}")), "{typed}");
    }
    assert_eq!(hours("1.5"), Check::Ok);
    for (bad, says) in [
        ("1.2", "半小时"),
        ("0", "大于0"),
        ("25", "24"),
        ("abc", "1:30"),
    ] {
        assert!(
            matches!(hours(bad), Check::Error(m) if m.contains(says)),
            "{bad}"
        );
    }
}

#[test]
fn a_form_refuses_to_save_until_valid_and_maps_the_stores_errors_to_fields() {
    let (_dir, mut s) = entry_session();
    s.press("2");
    s.press("a");
    // Nothing typed: the required name stops the save, no effect goes out.
    s.press("Enter");
    assert!(has_form(&s));
    assert_eq!(form(&s).focused().map(|f| f.key), Some(FieldKey::Name));
    // The form's message names the field.
    assert_eq!(form(&s).error.as_deref(), Some("姓名：必填"));
    s.type_text("张三丰");
    // A mobile the form cannot judge, the store refuses: its message lands on the field.
    fill(&mut s, FieldKey::Mobile, "12345");
    s.press("Enter");
    assert!(has_form(&s), "refused");
    let f = form(&s);
    assert_eq!(f.focused().map(|f| f.key), Some(FieldKey::Mobile));
    let check = f
        .field(FieldKey::Mobile)
        .expect("mobile")
        .check(today(), baodao::i18n::Lang::Zh);
    assert!(
        matches!(&check, Check::Error(m) if m.contains("11位")),
        "{check:?}"
    );
    assert!(!f.saving);
    // Typing into the field clears the store's message; then it saves.
    s.press("Ctrl-u");
    s.type_text("13900002222");
    s.press("Enter");
    assert!(!has_form(&s), "{}", status(&s));
}

#[test]
fn the_unit_picker_finds_by_initials_and_creates_a_new_unit_when_nothing_matches() {
    let (_dir, mut s) = entry_session();
    s.press("2");
    s.press("a");
    s.type_text("李新");
    fill(&mut s, FieldKey::Unit, "");
    s.type_text("曲靖市新建测试单位");
    assert!(s.search.is_loaded(), "the picker searched the index");
    let f = form(&s);
    assert!(f.hits.is_empty(), "nothing matches: {:?}", f.hits);
    // Enter on "create new" opens the unit form, named as typed.
    s.press("Enter");
    assert_eq!(form(&s).title(), "单位 · 曲靖市新建测试单位");
    assert_eq!(field(&s, FieldKey::UnitName), "曲靖市新建测试单位");
    fill(&mut s, FieldKey::UnitKind, "qy");
    assert_eq!(
        form(&s)
            .field(FieldKey::UnitKind)
            .expect("kind")
            .check(today(), baodao::i18n::Lang::Zh),
        Check::Hint("→ 企业".into())
    );
    s.press("Enter");
    // Back in the member form, with the new unit picked.
    assert_eq!(form(&s).title(), "在职党员");
    let picked = form(&s).field(FieldKey::Unit).expect("unit").picked.clone();
    assert_eq!(picked.len(), 1);
    assert_eq!(picked[0].1, "曲靖市新建测试单位");
    let unit: Unit = s
        .ledger
        .view()
        .expect("view")
        .get(picked[0].0)
        .expect("read")
        .expect("unit");
    assert_eq!(unit.kind, UnitKind::Enterprise);
    s.press("Enter");
    assert!(!has_form(&s));
    // The new unit is found by its initials the next time (the index was kept current).
    s.press("a");
    fill(&mut s, FieldKey::Unit, "qjsxjcs");
    let hits = &form(&s).hits;
    assert_eq!(
        hits.first().map(|h| h.name.as_str()),
        Some("曲靖市新建测试单位"),
        "{hits:?}"
    );
    s.press("Enter");
    assert_eq!(
        form(&s).field(FieldKey::Unit).expect("unit").picked.len(),
        1
    );
}

#[test]
fn esc_asks_before_dropping_typed_work_and_stray_keys_never_discard() {
    let (_dir, mut s) = entry_session();
    s.press("1");
    s.press("a");
    // Nothing typed: Esc just closes.
    s.press("Esc");
    assert!(s.app.overlays.is_empty());
    s.press("a");
    s.type_text("新社区");
    s.press("Esc");
    assert!(matches!(s.app.overlays.last(), Some(Overlay::Confirm(_))));
    // The rest of an arrow key's escape sequence, split from its Esc, is ignored.
    s.type_text("[A");
    s.press("Enter");
    assert!(matches!(s.app.overlays.last(), Some(Overlay::Confirm(_))));
    s.press("n");
    assert_eq!(field(&s, FieldKey::CommunityName), "新社区", "still there");
    s.press("Esc");
    s.press("y");
    assert!(s.app.overlays.is_empty());
    assert!(status(&s).contains("放弃"));
}

#[test]
fn quitting_asks_only_when_a_form_holds_typed_changes() {
    let (_dir, mut s) = entry_session();
    s.press("1");
    s.press("a");
    // `q` is typed into the field; Ctrl-c asks.
    s.type_text("q");
    assert_eq!(field(&s, FieldKey::CommunityName), "q");
    s.press("Ctrl-c");
    assert!(matches!(s.app.overlays.last(), Some(Overlay::Confirm(_))));
    assert!(!s.app.quit);
    s.press("Esc");
    assert!(has_form(&s));
    s.press("Ctrl-u");
    s.press("Ctrl-c");
    assert!(s.app.quit, "nothing typed is left: quits at once");
}

#[test]
fn edit_and_archive_go_through_the_store_and_undo_brings_them_back() {
    let (_dir, mut s) = entry_session();
    let community = s.app.selected_community().expect("community").id;
    s.press("1");
    s.press("e");
    assert_eq!(
        form(&s).base.as_ref().map(|b| b.kind()),
        Some(Kind::Community)
    );
    fill(&mut s, FieldKey::ServiceDay, "每月第一个周六");
    s.press("Enter");
    let c: Community = s
        .ledger
        .view()
        .expect("v")
        .get(community)
        .expect("r")
        .expect("c");
    assert_eq!(c.service_day, "每月第一个周六");
    s.press("2");
    let m = s.app.selected_member().expect("member").id;
    let name = s.app.selected_member().expect("member").name.clone();
    // `x` asks first, naming the record; n keeps it, y archives it.
    s.press("x");
    assert!(
        s.text().contains(&format!("归档“{name}”？")),
        "{}",
        s.text()
    );
    s.press("n");
    assert!(!member(&s, m).archived);
    s.press("x");
    s.press("y");
    assert!(member(&s, m).archived);
    assert!(
        !s.app.members.rows().iter().any(|r| r.id == m),
        "gone from the list"
    );
    s.press("u");
    assert!(!member(&s, m).archived, "{}", status(&s));
    assert!(status(&s).starts_with("已撤销：已归档"), "{}", status(&s));
}

#[test]
fn a_read_only_ledger_refuses_every_editing_command() {
    let (dir, ledger) = demo(200);
    let ledger = reopen_read_only(&dir, ledger);
    let mut s = session(ledger, baodao::i18n::Lang::Zh, 100, 30);
    // The key-hint line offers no change a reviewer cannot make.
    s.press("2");
    let text = s.text();
    let hints = text.lines().rev().nth(1).unwrap_or_default();
    assert!(!hints.contains("新增"), "{hints}");
    assert!(!hints.contains("撤销"), "{hints}");
    for key in ["a", "e", "x", "u", "Ctrl-r", "b", "A", "B"] {
        s.press("2");
        s.press(key);
        assert!(s.app.overlays.is_empty(), "{key} opened something");
        assert!(status(&s).contains("只读"), "{key}: {}", status(&s));
    }
    let effects = baodao::tui::update::update(
        &mut s.app,
        baodao::tui::action::Action::Command(baodao::tui::command::CommandId::Add),
    );
    assert!(!effects.iter().any(|e| matches!(e, Effect::Save(_))));
    let _ = Member::default();
}

#[test]
fn the_form_draws_hints_and_errors_beside_fields_and_the_cursor_sits_at_the_caret() {
    let (_dir, mut s) = entry_session();
    s.press("2");
    s.press("a");
    s.type_text("欧阳");
    let area = ratatui::layout::Rect::new(0, 0, 100, 30);
    let before = baodao::tui::view::cursor(&s.app, area).expect("cursor");
    s.type_text("春");
    let after = baodao::tui::view::cursor(&s.app, area).expect("cursor");
    assert_eq!(after.x, before.x + 2, "a 汉字 is two columns");
    assert_eq!(after.y, before.y);
    fill(&mut s, FieldKey::Birth, "1963");
    let text = s.text();
    assert!(text.contains("✗ 年月可写作"), "{text}");
    s.press("Ctrl-u");
    s.type_text("196304");
    assert!(s.text().contains("→ 1963.04"));
    fill(&mut s, FieldKey::Unit, "zzz");
    assert!(s.text().contains("新建“zzz”"), "{}", s.text());
}
