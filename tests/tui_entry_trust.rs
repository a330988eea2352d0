//! Entry a clerk can trust: dates checked as they are typed (no future, nothing before a
//! plausible floor, a report not before its slip), duplicates and out-of-order dates
//! pointed out before saving with a deliberate way through, and a new row's service kind
//! following its content rather than the row above; a popup showing a record names the
//! keys in force and never runs an undo or redo behind it; a mobile is checked as typed, the
//! last signer is remembered, a question shows only the keys that answer it, and `i` outside
//! the units view says where slips are issued.

#[path = "tui_entry_common.rs"]
mod entry;

use baodao::domain::{Id, RegStatus, ServiceKind};
use baodao::i18n::Lang;
use baodao::tui::form::Check;
use baodao::tui::headless::Headless;
use baodao::tui::overlay::Overlay;
use entry::*;

fn check_of(s: &Headless, key: FieldKey) -> Check {
    let f = form(s);
    f.field(key).expect("field").check(f.today, Lang::Zh)
}

fn asking(s: &Headless) -> bool {
    matches!(s.app.overlays.last(), Some(Overlay::Confirm(_)))
}

/// The card of the first member of the selected community in `ok`'s state with rows.
fn card_of(s: &mut Headless, ok: impl Fn(Option<RegStatus>) -> bool) -> Id {
    s.press("2");
    let mut guard = 0;
    while !ok(s.app.selected_member().and_then(|m| m.status)) || s.app.card.rows().is_empty() {
        s.press("j");
        guard += 1;
        assert!(guard < 100, "no such member with a card");
    }
    s.press("4");
    s.app.card_of.expect("card")
}

#[test]
fn a_date_is_refused_as_it_is_typed_when_in_the_future_or_before_the_programme() {
    let (_dir, mut s) = entry_session();
    let member = card_of(&mut s, |_| true);
    let before = card_rows(&s, member).len();
    s.press("a");
    s.type_text("1900-01-01");
    // Refused at once, beside the field, with why: not only when saving.
    assert!(
        matches!(check_of(&s, FieldKey::Date), Check::Error(m) if m.contains("早于 2000-01-01")),
        "{:?}",
        check_of(&s, FieldKey::Date)
    );
    assert!(s.text().contains("报到工作开展之前"), "{}", s.text());
    s.press("Ctrl-u");
    s.type_text("1201");
    assert!(
        matches!(check_of(&s, FieldKey::Date), Check::Error(m) if m.contains("2026-12-01 还没到")),
        "{:?}",
        check_of(&s, FieldKey::Date)
    );
    s.press("Enter");
    assert!(has_form(&s), "not saved");
    assert_eq!(card_rows(&s, member).len(), before);
    s.press("Ctrl-u");
    s.type_text("1120");
    assert_eq!(
        check_of(&s, FieldKey::Date),
        Check::Hint("→ 2026-11-20".into())
    );
}

#[test]
fn joining_the_party_is_checked_against_its_founding_and_the_members_age() {
    let (_dir, mut s) = entry_session();
    s.press("2");
    s.press("a");
    s.type_text("欧阳春晓");
    fill(&mut s, FieldKey::Birth, "1901");
    assert!(
        matches!(check_of(&s, FieldKey::Birth), Check::Error(_)),
        "not a month"
    );
    fill(&mut s, FieldKey::Birth, "1912.03");
    assert!(
        matches!(check_of(&s, FieldKey::Birth), Check::Error(m) if m.contains("1920-01-01")),
        "{:?}",
        check_of(&s, FieldKey::Birth)
    );
    fill(&mut s, FieldKey::Birth, "1983.04");
    assert_eq!(check_of(&s, FieldKey::Birth), Check::Ok);
    fill(&mut s, FieldKey::Joined, "1995.06");
    assert!(
        matches!(check_of(&s, FieldKey::Joined), Check::Error(m) if m.contains("年满十八岁")),
        "{:?}",
        check_of(&s, FieldKey::Joined)
    );
    fill(&mut s, FieldKey::Joined, "2027.01");
    assert!(
        matches!(check_of(&s, FieldKey::Joined), Check::Error(m) if m.contains("还没到")),
        "{:?}",
        check_of(&s, FieldKey::Joined)
    );
    fill(&mut s, FieldKey::Joined, "2005.07");
    assert_eq!(check_of(&s, FieldKey::Joined), Check::Ok);
    // Without a birth, only the founding of the Party bounds it.
    fill(&mut s, FieldKey::Birth, "");
    fill(&mut s, FieldKey::Joined, "1920.05");
    assert!(
        matches!(check_of(&s, FieldKey::Joined), Check::Error(m) if m.contains("1921年7月")),
        "{:?}",
        check_of(&s, FieldKey::Joined)
    );
}

#[test]
fn a_report_before_its_slip_is_refused_as_typed_and_by_the_ledger() {
    let (_dir, mut s) = entry_session();
    s.press("2");
    let m = s
        .app
        .members
        .rows()
        .iter()
        .find(|m| matches!(m.status, Some(RegStatus::Issued | RegStatus::Overdue)))
        .cloned()
        .expect("a member with a slip");
    select_member(&mut s, &m.name);
    let issued = s
        .ledger
        .view()
        .expect("v")
        .current_registration(m.id)
        .expect("read")
        .and_then(|r| r.issued_on)
        .expect("issued");
    s.press("b");
    let day_before = issued.pred_opt().expect("a day before");
    fill(&mut s, FieldKey::ReportedOn, &day_before.to_string());
    assert!(
        matches!(check_of(&s, FieldKey::ReportedOn), Check::Error(m) if m.contains("报到单的发出日期")),
        "{:?}",
        check_of(&s, FieldKey::ReportedOn)
    );
    // The ledger holds the same rule for every other way in.
    let mut r = s
        .ledger
        .view()
        .expect("v")
        .current_registration(m.id)
        .expect("read")
        .expect("reg");
    r.reported_on = Some(day_before);
    let refused = s.ledger.write(|tx| tx.save(r.clone()).map(drop));
    assert!(refused.is_err(), "saved a report before its slip");
}

#[test]
fn the_same_row_twice_is_pointed_out_and_saved_only_when_confirmed() {
    let (_dir, mut s) = entry_session();
    let member = card_of(&mut s, |st| {
        matches!(st, Some(RegStatus::Reported | RegStatus::ReceiptReturned))
    });
    let before = card_rows(&s, member).len();
    let last = s.app.card.rows().last().cloned().expect("row");
    // `a` + Enter: the pre-filled row, exactly the row above.
    s.press("a");
    s.press("Enter");
    assert!(asking(&s), "asked first: {}", s.text());
    assert!(s.text().contains("已有一条相同的服务记录"), "{}", s.text());
    assert!(s.text().contains(&last.content), "names the row");
    // n goes back to the form as typed; nothing saved.
    s.press("n");
    assert!(has_form(&s));
    assert_eq!(card_rows(&s, member).len(), before);
    // Changed hours make it another row: saved without a question.
    fill(&mut s, FieldKey::Hours, "0.5");
    s.press("Enter");
    assert!(!asking(&s), "{}", s.text());
    assert_eq!(card_rows(&s, member).len(), before + 1);
    // The same again (the form now pre-filled from it): y saves it, deliberately.
    s.press("Enter");
    assert!(asking(&s));
    s.press("y");
    assert_eq!(card_rows(&s, member).len(), before + 2, "{}", status(&s));
}

#[test]
fn a_service_before_the_member_reported_is_confirmed_explicitly() {
    let (_dir, mut s) = entry_session();
    let member = card_of(&mut s, |st| {
        matches!(st, Some(RegStatus::Reported | RegStatus::ReceiptReturned))
    });
    let reported = s
        .ledger
        .view()
        .expect("v")
        .current_registration(member)
        .expect("read")
        .and_then(|r| r.reported_on)
        .expect("reported");
    let before = card_rows(&s, member).len();
    s.press("a");
    let day_before = reported.pred_opt().expect("day");
    s.type_text(&day_before.to_string());
    fill(&mut s, FieldKey::Content, "一次新的服务");
    s.press("Enter");
    assert!(asking(&s), "{}", s.text());
    assert!(
        s.text().contains(&format!("于 {reported} 才到本社区报到")),
        "{}",
        s.text()
    );
    s.press("Esc");
    assert!(has_form(&s));
    assert_eq!(card_rows(&s, member).len(), before);
    s.press("Enter");
    s.press("y");
    assert_eq!(card_rows(&s, member).len(), before + 1);
}

#[test]
fn a_second_member_with_the_same_mobile_or_name_and_birth_is_pointed_out() {
    let (_dir, mut s) = entry_session();
    s.press("2");
    let other = s.app.members.rows().first().cloned().expect("a member");
    let stored = member(&s, other.id);
    assert!(!stored.mobile.is_empty(), "demo members have mobiles");
    let count = |s: &Headless| {
        s.ledger
            .view()
            .expect("v")
            .all::<baodao::domain::Member>()
            .expect("all")
            .len()
    };
    let n = count(&s);
    s.press("a");
    s.type_text("欧阳春晓");
    fill(&mut s, FieldKey::Mobile, &stored.mobile);
    s.press("Enter");
    assert!(asking(&s), "{}", s.text());
    assert!(
        s.text().contains(&other.name),
        "names the other: {}",
        s.text()
    );
    s.press("n");
    assert_eq!(count(&s), n);
    // A real namesake (same name and birth, another mobile) is asked about too, and saved on y.
    fill(&mut s, FieldKey::Name, &stored.name);
    let birth = stored.birth.expect("birth").to_string();
    fill(&mut s, FieldKey::Birth, &birth);
    fill(&mut s, FieldKey::Mobile, "13911112222");
    s.press("Enter");
    assert!(asking(&s), "{}", s.text());
    assert!(s.text().contains("同名同出生年月"), "{}", s.text());
    s.press("y");
    assert!(!has_form(&s), "{}", status(&s));
    assert_eq!(count(&s), n + 1);
}

#[test]
fn the_kind_follows_the_content_not_the_row_above() {
    let (_dir, mut s) = entry_session();
    let member = card_of(&mut s, |st| {
        matches!(st, Some(RegStatus::Reported | RegStatus::ReceiptReturned))
    });
    // The row above is made a 主题活动 of another content.
    s.press("a");
    fill(&mut s, FieldKey::Content, "主题党日活动");
    fill(&mut s, FieldKey::Kind, "主题活动");
    s.press("Enter");
    if asking(&s) {
        s.press("y");
    }
    assert_eq!(
        field(&s, FieldKey::Kind),
        "主题活动",
        "carried with its own content"
    );
    // A content whose history says 志愿服务 is not saved as the row above's 主题活动.
    let volunteer = card_rows(&s, member)
        .into_iter()
        .chain(
            s.ledger
                .view()
                .expect("v")
                .services_of_community(s.app.members_of.expect("c"), None, None)
                .expect("rows"),
        )
        .find(|r| r.kind == ServiceKind::Volunteer)
        .expect("a 志愿服务 row on file");
    fill(&mut s, FieldKey::Content, &volunteer.content);
    assert_eq!(field(&s, FieldKey::Kind), "志愿服务");
    // A kind typed by the clerk stays as typed.
    fill(&mut s, FieldKey::Kind, "结对帮扶");
    fill(&mut s, FieldKey::Content, "主题党日活动");
    assert_eq!(field(&s, FieldKey::Kind), "结对帮扶");
}

#[test]
fn a_detail_names_the_reveal_key_in_force_and_ctrl_r_there_does_not_redo() {
    let (_dir, mut s) = entry_session();
    let member = card_of(&mut s, |st| {
        matches!(st, Some(RegStatus::Reported | RegStatus::ReceiptReturned))
    });
    let before = card_rows(&s, member).len();
    s.press("a");
    fill(&mut s, FieldKey::Content, "一次新的服务");
    s.press("Enter");
    s.press("Esc");
    assert_eq!(card_rows(&s, member).len(), before + 1);
    s.press("u");
    assert_eq!(card_rows(&s, member).len(), before, "{}", status(&s));
    s.press("2");
    s.press("Enter");
    let text = s.text();
    assert!(text.contains("r 显示个人信息"), "{text}");
    assert!(!text.contains("Ctrl-r"), "{text}");
    // Following the footer's old advice must not put the undone row back.
    s.press("Ctrl-r");
    assert_eq!(
        card_rows(&s, member).len(),
        before,
        "redone behind the detail"
    );
    assert!(status(&s).contains("先按 Esc 关闭详情"), "{}", status(&s));
    assert!(matches!(s.app.overlays.last(), Some(Overlay::Detail(_))));
    // `r` reveals, as the footer says.
    s.press("r");
    assert!(status(&s).contains("显示"), "{}", status(&s));
    s.press("Esc");
    s.press("Ctrl-r");
    assert_eq!(
        card_rows(&s, member).len(),
        before + 1,
        "redo with the detail closed"
    );
}

#[test]
fn a_mobile_is_checked_as_typed() {
    let (_dir, mut s) = entry_session();
    s.press("2");
    s.press("a");
    fill(&mut s, FieldKey::Mobile, "12345");
    assert!(
        matches!(check_of(&s, FieldKey::Mobile), Check::Error(m) if m.contains("11位")),
        "{:?}",
        check_of(&s, FieldKey::Mobile)
    );
    fill(&mut s, FieldKey::Mobile, "１３９ 0000-1111");
    assert_eq!(
        check_of(&s, FieldKey::Mobile),
        Check::Hint("→ 13900001111".into())
    );
}

#[test]
fn a_certification_starts_from_the_last_signer() {
    let (_dir, mut s) = entry_session();
    let member = card_of(&mut s, |st| {
        matches!(st, Some(RegStatus::Reported | RegStatus::ReceiptReturned))
    });
    for content in ["第一次服务", "第二次服务"] {
        s.press("a");
        fill(&mut s, FieldKey::Content, content);
        s.press("Enter");
        s.press("Esc");
    }
    assert!(
        card_rows(&s, member)
            .iter()
            .any(|r| r.content == "第二次服务")
    );
    s.press("G");
    s.press("c");
    assert_eq!(field(&s, FieldKey::Certifier), "", "nobody signed yet");
    fill(&mut s, FieldKey::Certifier, "王书记");
    fill(&mut s, FieldKey::CertRole, "2");
    s.press("Enter");
    assert!(!has_form(&s), "{}", status(&s));
    s.press("k");
    s.press("c");
    assert_eq!(field(&s, FieldKey::Certifier), "王书记");
    assert_eq!(
        field(&s, FieldKey::CertRole),
        "组织者",
        "the role kept, as 2 read"
    );
}

#[test]
fn a_question_shows_only_its_own_keys_and_i_says_where_slips_are_issued() {
    let (_dir, mut s) = entry_session();
    s.press("2");
    s.press("i");
    assert!(status(&s).contains("按 U 进入单位视图"), "{}", status(&s));
    s.press("a");
    s.type_text("欧阳春晓");
    s.press("Esc");
    assert!(asking(&s));
    let text = s.text();
    let hints = text.lines().rev().nth(1).unwrap_or_default();
    assert!(!hints.contains("Enter"), "Enter answers nothing: {hints}");
    assert!(text.contains("y 是"), "{text}");
}

#[test]
fn a_yes_no_field_speaks_the_forms_language() {
    let (_dir, ledger) = demo(200);
    let mut s = session(ledger, Lang::En, 100, 30);
    s.press("2");
    s.press("a");
    s.type_text("Ouyang Chunxiao");
    assert_eq!(field(&s, FieldKey::WillingOther), "no");
    fill(&mut s, FieldKey::WillingOther, "y");
    assert_eq!(field(&s, FieldKey::WillingOther), "yes");
    assert!(!s.text().contains('否'), "{}", s.text());
    s.press("Enter");
    assert!(!has_form(&s), "{}", status(&s));
    let view = s.ledger.view().expect("v");
    let saved = view
        .all::<baodao::domain::Member>()
        .expect("all")
        .into_iter()
        .find(|m| m.name == "Ouyang Chunxiao")
        .expect("saved");
    assert!(saved.willing_other);
}

#[test]
fn a_registration_step_is_named_by_the_member_on_the_status_line() {
    let (_dir, mut s) = entry_session();
    s.press("2");
    let m = s
        .app
        .members
        .rows()
        .iter()
        .find(|m| matches!(m.status, Some(RegStatus::Issued | RegStatus::Overdue)))
        .cloned()
        .expect("a member with a slip");
    select_member(&mut s, &m.name);
    s.press("b");
    fill(&mut s, FieldKey::Posts, "zcfg");
    s.press("Enter");
    fill(&mut s, FieldKey::Team, "楼栋服务队");
    s.press("Enter");
    assert!(!has_form(&s), "{}", status(&s));
    assert!(status(&s).contains(&m.name), "{}", status(&s));
    assert!(!status(&s).contains("楼栋服务队"), "{}", status(&s));
}

#[test]
fn u_in_the_reports_view_or_readiness_does_not_undo_the_save_behind_it() {
    let (_dir, mut s) = entry_session();
    let member = card_of(&mut s, |st| {
        matches!(st, Some(RegStatus::Reported | RegStatus::ReceiptReturned))
    });
    let before = card_rows(&s, member).len();
    s.press("a");
    fill(&mut s, FieldKey::Content, "一次新的服务");
    s.press("Enter");
    s.press("Esc");
    assert_eq!(card_rows(&s, member).len(), before + 1);
    // The reports view opens on its form chooser, whose header names `u` for a unit.
    s.press("P");
    assert!(matches!(s.app.overlays.last(), Some(Overlay::Reports(_))));
    s.press("u");
    assert_eq!(
        card_rows(&s, member).len(),
        before + 1,
        "undone behind the reports view"
    );
    assert!(status(&s).contains("此处不能"), "{}", status(&s));
    s.press("Esc");
    s.press("Esc");
    s.press("F7");
    assert!(matches!(s.app.overlays.last(), Some(Overlay::Readiness(_))));
    s.press("u");
    assert_eq!(card_rows(&s, member).len(), before + 1, "undone behind F7");
    s.press("Esc");
    assert!(s.app.overlays.is_empty(), "{:?}", s.app.overlays.last());
    s.press("u");
    assert_eq!(
        card_rows(&s, member).len(),
        before,
        "undo with the view closed"
    );
}
