//! The readiness lists on a constructed community: who is not reported (overdue first, with
//! the reason or "no reason"), idle for six months, below the minimum, without a post; Enter
//! goes to the member.

mod common;
#[path = "tui_common.rs"]
mod tui;

use baodao::domain::*;
use baodao::i18n::Lang;
use baodao::tui::layout::Pane;
use baodao::tui::overlay::Overlay;
use baodao::tui::readiness::Readiness;
use common::{date, fixture, service, temp_ledger};

fn member(tx: &mut baodao::store::Tx, f: &common::Fixture, name: &str) -> Member {
    common::add_member(tx, f, name).expect("member")
}

fn registration(m: &Member, f: &common::Fixture) -> Registration {
    Registration {
        id: Id::new(),
        member: m.id,
        community: f.community.id,
        unit: Some(f.unit.id),
        issued_on: Some(date(2026, 3, 1)),
        ..Default::default()
    }
}

fn names(r: &Readiness, section: usize) -> Vec<String> {
    r.lists.as_ref().expect("loaded").sections[section]
        .iter()
        .map(|l| l.name.clone())
        .collect()
}

#[test]
fn the_lists_match_the_constructed_cases_and_enter_goes_to_the_member() {
    let (_dir, _path, ledger) = temp_ledger();
    let f = fixture(&ledger);
    let d = ledger
        .write(|tx| {
            let b = member(tx, &f, "白逾期");
            tx.save(Registration {
                report_by: Some(date(2026, 10, 1)),
                ..registration(&b, &f)
            })?;
            let c = member(tx, &f, "陈待报");
            tx.save(Registration {
                report_by: Some(date(2026, 12, 20)),
                reason: "外地出差".into(),
                ..registration(&c, &f)
            })?;
            member(tx, &f, "鄂无单");
            let d = member(tx, &f, "丁无岗");
            let withdrawn = tx.save(Post {
                id: Id::new(),
                community: f.community.id,
                name: "临时岗".into(),
                ..Default::default()
            })?;
            tx.save(Registration {
                reported_on: Some(date(2026, 3, 5)),
                posts: vec![withdrawn.id],
                ..registration(&d, &f)
            })?;
            tx.save(Post {
                archived: true,
                ..withdrawn
            })?;
            for day in [3, 10, 17] {
                tx.save(ServiceRecord {
                    member: d.id,
                    certification: Some(Certification {
                        role: CertifierRole::PartyOrg,
                        name: "书记".into(),
                        on: date(2026, 10, day),
                    }),
                    ..service(&f, date(2026, 10, day), 2)
                })?;
            }
            tx.save(Suggestion {
                id: Id::new(),
                member: d.id,
                community: f.community.id,
                date: date(2026, 9, 1),
                content: "增设电动车充电桩".into(),
                outcome: None,
            })?;
            Ok(d)
        })
        .expect("cases");
    let mut s = tui::session(ledger, Lang::Zh, 100, 30);
    s.press("F7");
    let r = match s.app.overlays.last() {
        Some(Overlay::Readiness(r)) => r.as_ref().clone(),
        other => panic!("{other:?}"),
    };
    // Overdue first, then the deadline not yet passed, then no slip.
    assert_eq!(names(&r, 0), ["白逾期", "陈待报", "鄂无单"]);
    let details: Vec<&str> = r.lists.as_ref().expect("lists").sections[0]
        .iter()
        .map(|l| l.detail.as_str())
        .collect();
    assert!(details[0].contains("逾期") && details[0].contains("未说明原因"));
    assert_eq!(
        details[1],
        "报到期限未到（限 2026-12-20 前），原因：外地出差"
    );
    assert_eq!(details[2], "未发报到单，未到社区报到");
    assert_eq!(names(&r, 1), ["曾顺仙"], "no service in six months");
    assert_eq!(names(&r, 2), ["曾顺仙"], "below the minimum");
    assert_eq!(names(&r, 3), ["丁无岗"], "reported without a post");
    let text = s.text();
    assert!(
        text.contains("[未报到 3]") && text.contains("未认领岗位 1"),
        "{text}"
    );

    for _ in 0..3 {
        s.press("Tab");
    }
    s.press("Enter");
    assert!(s.app.overlays.is_empty());
    assert_eq!(s.app.focus, Pane::Members);
    assert_eq!(s.app.members.selected_id(), Some(d.id));
}
