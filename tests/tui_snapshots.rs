//! Snapshots of the rendered screens (TestBackend, NO_COLOR) at 80x24 and 160x45, in Chinese
//! and English, on the fixed demo (seed 2026, today 2026-11-22, 200 members). Files live in
//! `tests/snapshots/`; accept a deliberate change with `INSTA_UPDATE=always`.

#[path = "tui_common.rs"]
mod common;

use baodao::i18n::Lang;
use baodao::tui::headless::Headless;
use ratatui::style::Color;

/// The screen as text, with what may vary between machines masked: nothing on these
/// screens does today (fixed demo, fixed date, fixed file name), but the clerk's name is
/// the OS user's when not given, so it is masked to keep the snapshots portable.
fn screen(s: &Headless) -> String {
    let buf = s.render();
    // NO_COLOR: not a single cell may carry a colour.
    assert!(
        buf.content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
        "a colour was drawn under NO_COLOR"
    );
    baodao::tui::screenshot::to_text(&buf).replace(&s.app.config.clerk, "<clerk>")
}

fn session(lang: Lang, w: u16, h: u16) -> (tempfile::TempDir, Headless) {
    let (dir, ledger) = common::demo(200);
    (dir, common::session(ledger, lang, w, h))
}

#[test]
fn main_screen_80x24() {
    for lang in [Lang::Zh, Lang::En] {
        let (_dir, mut s) = session(lang, 80, 24);
        insta::assert_snapshot!(format!("main_80x24_communities_{lang:?}"), screen(&s));
        s.press("2");
        s.press("j");
        insta::assert_snapshot!(format!("main_80x24_members_{lang:?}"), screen(&s));
        s.press("3");
        insta::assert_snapshot!(format!("main_80x24_posts_{lang:?}"), screen(&s));
    }
}

#[test]
fn main_screen_160x45() {
    for lang in [Lang::Zh, Lang::En] {
        let (_dir, mut s) = session(lang, 160, 45);
        s.press("2");
        insta::assert_snapshot!(format!("main_160x45_{lang:?}"), screen(&s));
    }
}

#[test]
fn member_detail_and_units_80x24() {
    for lang in [Lang::Zh, Lang::En] {
        let (_dir, mut s) = session(lang, 80, 24);
        s.press("2");
        s.press("Enter");
        insta::assert_snapshot!(format!("member_detail_80x24_{lang:?}"), screen(&s));
        s.press("Esc");
        s.press("U");
        insta::assert_snapshot!(format!("units_80x24_{lang:?}"), screen(&s));
    }
}

#[test]
fn filter_presentation_and_too_small() {
    let (_dir, mut s) = session(Lang::Zh, 80, 24);
    s.press("2");
    s.press("/");
    s.type_text("张");
    insta::assert_snapshot!("filter_80x24", screen(&s));
    s.type_text("zzz");
    insta::assert_snapshot!("filter_nothing_80x24", screen(&s));
    s.press("Esc");
    s.press("F5");
    s.press("Enter");
    insta::assert_snapshot!("presentation_detail_80x24", screen(&s));
    s.resize(39, 12);
    insta::assert_snapshot!("too_small_39x12", screen(&s));
}
