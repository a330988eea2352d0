//! Helpers shared by the TUI tests (included with `#[path]`; as a test target of its own it
//! has no tests): a demo ledger in a temp dir, and a session on it without a terminal.
#![allow(dead_code)]

use baodao::i18n::Lang;
use baodao::store::{Ledger, OpenOptions};
use baodao::tui::app::{App, AppConfig};
use baodao::tui::headless::Headless;
use baodao::tui::keymap::Keymap;
use baodao::tui::shots::{demo_ledger, today};
use baodao::tui::theme::{ColorMode, Theme};

/// A demo ledger of `members` members (seed 2026, today 2026-11-22) in a fresh temp dir.
pub fn demo(members: usize) -> (tempfile::TempDir, Ledger) {
    let dir = tempfile::tempdir().expect("tempdir");
    let ledger = demo_ledger(dir.path(), members).expect("demo ledger");
    (dir, ledger)
}

/// The same ledger opened read-only (closed first: a process holds a file once).
pub fn reopen_read_only(dir: &tempfile::TempDir, ledger: Ledger) -> Ledger {
    ledger.close().expect("close");
    Ledger::open(
        &dir.path().join("ledger.redb"),
        OpenOptions {
            read_only: true,
            clerk: Some("审阅人".into()),
            today: Some(today()),
        },
    )
    .expect("open read-only")
}

/// A session at `w` x `h` without colours (NO_COLOR), as a reviewer's SSH terminal.
pub fn session(ledger: Ledger, lang: Lang, w: u16, h: u16) -> Headless {
    Headless::new(ledger, lang, w, h, Theme::new(ColorMode::None))
}

/// An app with no ledger behind it, for tests of `update` alone.
pub fn bare_app() -> App {
    App::new(AppConfig {
        lang: Lang::Zh,
        ledger_name: "ledger.redb".into(),
        clerk: "办事员".into(),
        read_only: false,
        today: today(),
        keymap: Keymap::defaults(),
        keys_path: None,
        theme: Theme::new(ColorMode::None),
    })
}
