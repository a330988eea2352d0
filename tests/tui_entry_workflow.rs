//! The registration workflow and activities by keys: slips issued from the units view to the
//! members ticked, reported with a claimed post picked, receipt returned, a reason recorded
//! (also from the overdue list), a move with the open work handed over, and an activity
//! fanned out to the attendees ticked, each row with its hours.

#[path = "tui_entry_common.rs"]
mod entry;

use baodao::domain::{Hours, Id, RegStatus, Registration};
use baodao::tui::overlay::Overlay;
use entry::*;

fn current(s: &baodao::tui::headless::Headless, m: Id) -> Option<Registration> {
    s.ledger
        .view()
        .expect("v")
        .current_registration(m)
        .expect("read")
}

fn status_of(s: &baodao::tui::headless::Headless, m: Id) -> Option<RegStatus> {
    current(s, m).map(|r| r.status(shots_today()))
}

fn shots_today() -> chrono::NaiveDate {
    baodao::tui::shots::today()
}

/// Selects the first member (in any community) whose status passes `ok`.
fn find_member(
    s: &mut baodao::tui::headless::Headless,
    ok: impl Fn(Option<RegStatus>) -> bool,
) -> (Id, String) {
    for _ in 0..12 {
        s.press("2");
        if let Some(m) = s.app.members.rows().iter().find(|m| ok(m.status)).cloned() {
            select_member(s, &m.name);
            return (m.id, m.name);
        }
        s.press("1");
        s.press("j");
    }
    panic!("no member in that state");
}

#[test]
fn reported_with_a_post_then_receipt_returned() {
    let (_dir, mut s) = entry_session();
    let (m, _) = find_member(&mut s, |st| {
        matches!(st, Some(RegStatus::Issued | RegStatus::Overdue))
    });
    s.press("b");
    assert_eq!(field(&s, FieldKey::ReportedOn), "2026-11-22");
    // No post yet: marking reported still asks for one, and says so.
    s.press("Enter");
    assert!(has_form(&s));
    let posts = form(&s).field(FieldKey::Posts).expect("posts");
    assert_eq!(
        posts.check(shots_today(), baodao::i18n::Lang::Zh),
        baodao::tui::form::Check::Error("请至少认领一个岗位：尚未选择岗位".into())
    );
    fill(&mut s, FieldKey::Posts, "zcfg");
    assert!(!form(&s).hits.is_empty(), "posts found by initials");
    s.press("Enter");
    assert_eq!(
        form(&s).field(FieldKey::Posts).expect("posts").picked.len(),
        1
    );
    fill(&mut s, FieldKey::Team, "楼栋服务队");
    s.press("Enter");
    assert!(!has_form(&s), "{}", status(&s));
    let r = current(&s, m).expect("registration");
    assert_eq!(r.status(shots_today()), RegStatus::Reported);
    assert_eq!(r.posts.len(), 1);
    assert_eq!(r.team, "楼栋服务队");
    assert_eq!(member(&s, m).team, "楼栋服务队");
    s.press("h");
    s.type_text("t");
    s.press("Enter");
    assert_eq!(
        status_of(&s, m),
        Some(RegStatus::ReceiptReturned),
        "{}",
        status(&s)
    );
}

#[test]
fn a_reason_is_recorded_from_the_member_and_from_the_overdue_list() {
    let (_dir, mut s) = entry_session();
    let (m, _) = find_member(&mut s, |st| st == Some(RegStatus::Overdue));
    s.press("w");
    s.type_text("长期出差");
    s.press("Enter");
    assert_eq!(current(&s, m).expect("reg").reason, "长期出差");
    s.press("o");
    let Some(Overlay::Overdue(list)) = s.app.overlays.last() else {
        panic!("overdue list open");
    };
    assert!(!list.lines.is_empty());
    assert!(
        list.lines
            .iter()
            .all(|l| l.registration.status(shots_today()) == RegStatus::Overdue)
    );
    let target = list.lines[0].registration.member;
    s.press("Enter");
    assert_eq!(form(&s).title().split(" · ").next(), Some("未报到原因"));
    s.press("Ctrl-u");
    s.type_text("病假");
    s.press("Enter");
    assert_eq!(current(&s, target).expect("reg").reason, "病假");
}

#[test]
fn slips_go_to_the_members_ticked_in_the_units_view() {
    let (_dir, mut s) = entry_session();
    s.press("U");
    let unit = s.app.units.selected_id().expect("unit");
    s.press("i");
    assert!(form(&s).checklist.is_some());
    fill(&mut s, FieldKey::ReportBy, "1231");
    s.press("Tab");
    let list = form(&s).checklist.clone().expect("list");
    let fresh: Vec<Id> = list
        .items
        .iter()
        .filter(|i| {
            let st = status_of(&s, i.id);
            !matches!(st, Some(RegStatus::Issued | RegStatus::Overdue))
        })
        .map(|i| i.id)
        .collect();
    s.type_text("*");
    assert_eq!(
        form(&s).checklist.as_ref().expect("l").ticked().count(),
        list.items.len()
    );
    s.press("Enter");
    assert!(!has_form(&s), "{}", status(&s));
    for id in fresh {
        let r = current(&s, id).expect("a slip");
        assert_eq!(r.unit, Some(unit));
        assert_eq!(
            r.report_by.map(|d| d.to_string()).as_deref(),
            Some("2026-12-31")
        );
        assert_eq!(
            r.issued_on.map(|d| d.to_string()).as_deref(),
            Some("2026-11-22")
        );
    }
}

#[test]
fn a_move_hands_open_work_over_and_keeps_the_history() {
    let (_dir, mut s) = entry_session();
    let view = s.ledger.view().expect("v");
    // A member with an active pairing, to see it handed over.
    let communities: Vec<Id> = s.app.communities.rows().iter().map(|c| c.0).collect();
    let mut found = None;
    'outer: for c in &communities {
        for m in view.members_of_community(*c).expect("m") {
            if view
                .pairings_of_member(m.id)
                .expect("p")
                .iter()
                .any(|p| p.is_active())
            {
                found = Some((m, *c));
                break 'outer;
            }
        }
    }
    drop(view);
    let (mover, from) = found.expect("a paired member");
    while s.app.members_of != Some(from) {
        s.press("1");
        s.press("j");
    }
    select_member(&mut s, &mover.name);
    let heir = s
        .app
        .members
        .rows()
        .iter()
        .find(|r| r.id != mover.id)
        .cloned()
        .expect("heir");
    let to = s
        .app
        .communities
        .rows()
        .iter()
        .find(|c| c.0 != from)
        .map(|c| {
            let v = s.ledger.view().expect("v");
            v.get::<baodao::domain::Community>(c.0)
                .expect("get")
                .expect("to")
        })
        .expect("to");
    s.press("m");
    s.type_text(&to.name);
    s.press("Enter");
    fill(&mut s, FieldKey::PairingsTo, &heir.name);
    s.press("Enter");
    assert_eq!(
        form(&s)
            .field(FieldKey::PairingsTo)
            .expect("f")
            .picked
            .len(),
        1
    );
    s.press("Enter");
    assert!(!has_form(&s), "{}", status(&s));
    let view = s.ledger.view().expect("v");
    let regs = view.registrations_of_member(mover.id).expect("regs");
    assert!(
        regs.iter()
            .any(|r| r.community == from && r.ended_on.is_some()),
        "old one ended"
    );
    assert_eq!(current(&s, mover.id).expect("new").community, to.id);
    assert_eq!(member(&s, mover.id).community, Some(to.id));
    assert!(
        view.pairings_of_member(mover.id)
            .expect("p")
            .iter()
            .all(|p| !p.is_active())
    );
    assert!(
        view.pairings_of_member(heir.id)
            .expect("p")
            .iter()
            .any(|p| p.is_active())
    );
    assert!(
        !s.app.members.rows().iter().any(|r| r.id == mover.id),
        "left the roster"
    );
}

#[test]
fn an_activity_fans_out_to_the_attendees_ticked_with_their_hours() {
    let (_dir, mut s) = entry_session();
    s.press("2");
    let roster: Vec<(Id, String)> = s
        .app
        .members
        .rows()
        .iter()
        .map(|m| (m.id, m.name.clone()))
        .collect();
    assert!(roster.len() >= 3);
    s.press("A");
    fill(&mut s, FieldKey::Title, "清洁家园固定服务日");
    fill(&mut s, FieldKey::ActivityKind, "gd");
    fill(&mut s, FieldKey::DefaultHours, "3");
    s.press("Tab");
    assert_eq!(
        form(&s).focus,
        form(&s).fields.len(),
        "the checklist has the keys"
    );
    // Tick the first two, the second with an extra half hour.
    s.type_text(" ");
    s.press("Down");
    s.type_text(" +");
    s.press("Enter");
    assert!(!has_form(&s), "{}", status(&s));
    let a = card_rows(&s, roster[0].0);
    let b = card_rows(&s, roster[1].0);
    let c = card_rows(&s, roster[2].0);
    let row = |rows: &[baodao::domain::ServiceRecord]| {
        rows.iter()
            .find(|r| r.content == "清洁家园固定服务日")
            .cloned()
    };
    assert_eq!(row(&a).expect("first").hours, Hours(6));
    assert_eq!(row(&b).expect("second").hours, Hours(7));
    assert!(row(&c).is_none(), "not ticked");
    assert_eq!(row(&a).expect("a").activity, row(&b).expect("b").activity);
    // One undo takes the whole activity back.
    s.press("u");
    assert!(row(&card_rows(&s, roster[0].0)).is_none(), "{}", status(&s));
    assert!(row(&card_rows(&s, roster[1].0)).is_none());
}
