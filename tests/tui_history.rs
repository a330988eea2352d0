//! The history screen (F2) on a record: its logged changes, who and when, before → after,
//! a revoke's reason; addresses by the privacy rule.
mod common;

use baodao::domain::*;
use baodao::i18n::Lang;
use baodao::tui::headless::Headless;
use baodao::tui::overlay::Overlay;
use baodao::tui::theme::{ColorMode, Theme};
use common::*;

fn history_text(s: &Headless) -> String {
    match s.app.overlays.last() {
        Some(Overlay::History(_)) => s.text(),
        other => panic!("no history screen: {other:?}\n{}", s.text()),
    }
}

#[test]
fn f2_on_a_member_shows_its_changes_and_on_a_service_row_its_revoke() {
    let (_dir, _, ledger) = temp_ledger();
    let f = fixture(&ledger);
    let mut s = service(&f, date(2026, 5, 1), 4);
    s.certification = Some(Certification {
        role: CertifierRole::PartyOrg,
        name: "紫鑫城社区党委".into(),
        on: date(2026, 5, 2),
    });
    let s = ledger.write(|tx| tx.save(s)).expect("service");
    ledger
        .write(|tx| {
            tx.save(Member {
                address: "紫鑫城小区3栋2单元501".into(),
                ..f.member.clone()
            })
        })
        .expect("move");
    ledger
        .write(|tx| tx.revoke_certification(s.id, "时长填错了"))
        .expect("revoke");
    let mut app = Headless::new(ledger, Lang::En, 120, 36, Theme::new(ColorMode::None));
    app.press("2");
    app.press("Enter");
    app.press("F2");
    let text = history_text(&app);
    assert!(text.contains("History"), "{text}");
    assert!(text.contains("测试员"), "{text}");
    assert!(text.contains("address: ∅ → 紫鑫城小区3****"), "{text}");
    assert!(!text.contains("501"), "masked:\n{text}");
    app.press("r");
    assert!(history_text(&app).contains("紫鑫城小区3栋2单元501"));
    app.press("F5");
    let presented = history_text(&app);
    assert!(!presented.contains("紫鑫城"), "{presented}");
    app.press("F5");
    app.press("Esc");
    assert!(!matches!(
        app.app.overlays.last(),
        Some(Overlay::History(_))
    ));
    // The service row on the card: its certification revoked, with the reason.
    app.press("Esc");
    app.press("4");
    app.press("F2");
    let text = history_text(&app);
    assert!(text.contains("revoked certification"), "{text}");
    assert!(text.contains("reason: 时长填错了"), "{text}");
}
