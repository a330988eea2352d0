//! Snapshots of the year-end session screen (TestBackend, NO_COLOR) at 80x24 and 160x45 in
//! Chinese and English, and with presentation mode on, on the fixed demo (seed 2026, today
//! 2026-11-22, 200 members). Accept a deliberate change with `INSTA_UPDATE=always`.

#[path = "tui_common.rs"]
mod common;

use baodao::i18n::Lang;
use baodao::tui::headless::Headless;

fn screen(s: &Headless) -> String {
    baodao::tui::screenshot::to_text(&s.render()).replace(&s.app.config.clerk, "<clerk>")
}

/// The session opened on the first community, one member graded and the second on screen
/// with a comment typed: every part of the glance is filled.
fn session(lang: Lang, w: u16, h: u16) -> (tempfile::TempDir, Headless) {
    let (dir, ledger) = common::demo(200);
    let mut s = common::session(ledger, lang, w, h);
    s.press("E");
    s.press("Enter");
    s.press("c");
    s.type_text("服务积极");
    s.press("Ctrl-s");
    (dir, s)
}

#[test]
fn session_screen() {
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in [(80, 24), (160, 45)] {
            let (_dir, s) = session(lang, w, h);
            insta::assert_snapshot!(format!("session_{w}x{h}_{lang:?}"), screen(&s));
        }
    }
}

#[test]
fn session_presented() {
    let (_dir, mut s) = session(Lang::Zh, 160, 45);
    // A pairing shows a household; find a member with one so the hiding is seen.
    for _ in 0..16 {
        let has = matches!(
            s.app.overlays.last(),
            Some(baodao::tui::overlay::Overlay::Session(x))
                if x.glance.as_ref().is_some_and(|g| !g.pairings.is_empty())
        );
        if has {
            break;
        }
        s.press("j");
    }
    s.press("F5");
    let text = screen(&s);
    assert!(text.contains("已隐藏"), "{text}");
    assert!(!text.contains("****"), "no masked phone either:\n{text}");
    assert!(
        !text.contains("走访帮扶杨"),
        "a visit names no household:\n{text}"
    );
    insta::assert_snapshot!("session_presented_160x45", text);
}
