//! Requests driven by keys through every state: dispatched to a member, accepted, completed
//! with its service row (counted in the member's year); another cancelled with a reason,
//! reopened and dispatched to a post; overdue ones marked; households flagged when unvisited.

mod common;
#[path = "tui_common.rs"]
mod tui;

use baodao::domain::*;
use baodao::i18n::Lang;
use baodao::tui::demands::DemandsScreen;
use baodao::tui::headless::Headless;
use baodao::tui::overlay::Overlay;
use chrono::NaiveDate;
use common::{date, fixture, temp_ledger};

fn demand(f: &common::Fixture, content: &str, asked: NaiveDate, due: NaiveDate) -> Demand {
    Demand {
        id: Id::new(),
        community: f.community.id,
        kind: DemandKind::Menu,
        requester: "王奶奶".into(),
        contact: "13900001111".into(),
        content: content.into(),
        asked_on: asked,
        due: Some(due),
        target: None,
        accepted_by: None,
        status: DemandStatus::Open,
        done_on: None,
        cancel_reason: String::new(),
        service: None,
        history: vec![],
    }
}

fn screen(s: &Headless) -> &DemandsScreen {
    match s.app.overlays.last() {
        Some(Overlay::Demands(x)) => x,
        other => panic!("{other:?}"),
    }
}

fn stored(s: &Headless, id: Id) -> Demand {
    s.ledger
        .view()
        .and_then(|v| v.get::<Demand>(id))
        .expect("read")
        .expect("demand")
}

#[test]
fn every_state_by_keys_and_the_completed_one_counts() {
    let (_dir, _path, ledger) = temp_ledger();
    let f = fixture(&ledger);
    let (a, b) = ledger
        .write(|tx| {
            let a = tx.save(demand(
                &f,
                "楼道灯坏了",
                date(2026, 11, 1),
                date(2026, 12, 1),
            ))?;
            let b = tx.save(demand(
                &f,
                "代买药品",
                date(2026, 10, 1),
                date(2026, 10, 15),
            ))?;
            Ok((a, b))
        })
        .expect("demands");
    let before = ledger
        .view()
        .and_then(|v| v.member_totals(f.member.id, 2026))
        .expect("totals");
    let mut s = tui::session(ledger, Lang::Zh, 120, 30);
    s.press("F8");
    assert_eq!(screen(&s).selected_id(), Some(a.id), "newest first");
    let text = s.text();
    assert!(text.contains("⚑"), "the overdue one is marked:\n{text}");
    assert!(!text.contains("13900001111"), "contacts masked:\n{text}");

    // Complete before accepting is refused with a message.
    s.press("c");
    assert!(s.app.status.as_ref().is_some_and(|x| x.error));
    // Dispatch to the member, by typing the name.
    s.press("d");
    s.type_text("曾顺");
    s.press("Enter");
    assert_eq!(stored(&s, a.id).status, DemandStatus::Dispatched);
    assert_eq!(
        stored(&s, a.id).target,
        Some(DispatchTarget::Member(f.member.id))
    );
    // Accept: the member it was dispatched to is chosen already.
    s.press("a");
    s.press("Enter");
    assert_eq!(stored(&s, a.id).accepted_by, Some(f.member.id));
    // The member's detail lists it among their open requests.
    s.press("Esc");
    s.press("2");
    s.press("Enter");
    let open: Vec<String> = match s.app.overlays.last() {
        Some(Overlay::Detail(d)) => match &d.kind {
            baodao::tui::overlay::detail::DetailKind::Member(m) => {
                m.open_demands.iter().map(|d| d.content.clone()).collect()
            }
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    };
    assert_eq!(open, ["楼道灯坏了"]);
    for _ in 0..6 {
        s.press("PageDown");
    }
    assert!(s.text().contains("未办结的需求（1）"), "{}", s.text());
    s.press("Esc");
    s.press("F8");
    // Complete with a pre-filled row: hours changed, bad hours refused first.
    s.press("c");
    // The first key replaces the pre-filled hours (never appended to them).
    s.type_text("0.3");
    s.press("Enter");
    assert!(screen(&s).ask.is_some(), "half-hour steps only");
    s.press("Ctrl-u");
    s.type_text("2");
    // Certified only because the certifier is named here, by the clerk.
    for _ in 0..3 {
        s.press("Tab");
    }
    s.type_text("王书记");
    s.press("Enter");
    let done = stored(&s, a.id);
    assert_eq!(done.status, DemandStatus::Done);
    let view = s.ledger.view().expect("view");
    let row = view
        .get::<ServiceRecord>(done.service.expect("a row"))
        .expect("read")
        .expect("row");
    assert_eq!(
        (row.hours, row.demand, row.content.as_str()),
        (Hours(4), Some(a.id), "楼道灯坏了")
    );
    assert_eq!(
        row.certification.as_ref().map(|c| c.name.as_str()),
        Some("王书记")
    );
    let after = view.member_totals(f.member.id, 2026).expect("totals");
    assert_eq!(after.services, before.services + 1);
    assert_eq!(after.demands_done, before.demands_done + 1);
    assert_eq!(after.certified_halves, before.certified_halves + 4);
    drop(view);

    // The other: cancelled (a reason is required), reopened, dispatched to a post.
    s.press("j");
    assert_eq!(screen(&s).selected_id(), Some(b.id));
    s.press("x");
    s.press("Enter");
    assert!(screen(&s).ask.is_some(), "no reason, no cancel");
    s.type_text("居民已自行解决");
    s.press("Enter");
    assert_eq!(stored(&s, b.id).status, DemandStatus::Cancelled);
    s.press("a");
    assert!(
        s.app.status.as_ref().is_some_and(|x| x.error),
        "cancelled cannot be accepted"
    );
    s.press("o");
    s.type_text("居民再次求助");
    s.press("Enter");
    assert_eq!(stored(&s, b.id).status, DemandStatus::Open);
    s.press("d");
    s.type_text("政策法规");
    s.press("Enter");
    let b_now = stored(&s, b.id);
    assert_eq!(b_now.target, Some(DispatchTarget::Post(f.post.id)));
    let states: Vec<DemandStatus> = b_now.history.iter().map(|e| e.status).collect();
    use DemandStatus::*;
    assert_eq!(states, [Cancelled, Open, Dispatched]);

    // The overdue filter keeps only the overdue one.
    for _ in 0..6 {
        s.press("f");
    }
    let shown: Vec<Id> = screen(&s).demands().iter().map(|l| l.demand.id).collect();
    assert_eq!(shown, [b.id]);
}

#[test]
fn households_unvisited_are_flagged_with_a_count() {
    let (_dir, _path, ledger) = temp_ledger();
    let f = fixture(&ledger);
    ledger
        .write(|tx| {
            for (name, visited) in [("李大爷", Some(date(2026, 11, 15))), ("张阿姨", None)] {
                let h = tx.save(Household {
                    id: Id::new(),
                    community: f.community.id,
                    name: name.into(),
                    kind: HouseholdKind::EmptyNest,
                    address: "南宁街道3栋2单元501".into(),
                    contact: "13700002222".into(),
                    note: String::new(),
                    archived: false,
                })?;
                tx.save(Pairing {
                    id: Id::new(),
                    household: h.id,
                    member: f.member.id,
                    plan: "每月走访".into(),
                    since: date(2026, 1, 1),
                    ended_on: None,
                })?;
                if let Some(day) = visited {
                    tx.save(ServiceRecord {
                        household: Some(h.id),
                        kind: ServiceKind::Pairing,
                        ..common::service(&f, day, 2)
                    })?;
                }
            }
            Ok(())
        })
        .expect("households");
    let mut s = tui::session(ledger, Lang::Zh, 120, 30);
    s.press("F8");
    s.press("Tab");
    let text = s.text();
    assert!(text.contains("超过 4 周未走访：1 户"), "{text}");
    assert!(text.contains("2026-11-15"), "last visit:\n{text}");
    let flagged = text.lines().filter(|l| l.contains("⚑")).count();
    assert_eq!(flagged, 2, "the count line and the one household:\n{text}");
    assert!(
        !text.contains("13700002222") && !text.contains("501"),
        "masked:\n{text}"
    );
}

#[test]
fn dispatch_finds_a_member_by_initials_with_the_surname_read_as_in_search() {
    let (_dir, _path, ledger) = temp_ledger();
    let f = fixture(&ledger);
    let (a, shan) = ledger
        .write(|tx| {
            // 单 as a surname is shan: `slp` is 单丽萍, as in search (邓丽萍 is dlp).
            let shan = common::add_member(tx, &f, "单丽萍")?;
            common::add_member(tx, &f, "邓丽萍")?;
            let a = tx.save(demand(
                &f,
                "楼道灯坏了",
                date(2026, 11, 1),
                date(2026, 12, 1),
            ))?;
            Ok((a, shan))
        })
        .expect("demands");
    let mut s = tui::session(ledger, Lang::Zh, 120, 30);
    s.press("F8");
    s.press("d");
    s.type_text("slp");
    let text = s.text();
    let at = |name: &str| text.find(name).unwrap_or(usize::MAX);
    assert!(at("单丽萍") < at("邓丽萍"), "单丽萍 first:\n{text}");
    s.press("Enter");
    assert_eq!(
        stored(&s, a.id).target,
        Some(DispatchTarget::Member(shan.id))
    );
}
