//! Every key a screen names is the key in force: with a `keys.toml` that rebinds reveal, the
//! panes, quit, closing, confirming and moving on, the header tabs, the pane titles, the hint
//! line, every popup's footer and the notes under prompts and fields name the new keys and
//! none of the old ones.

#[path = "tui_common.rs"]
mod common;

use baodao::i18n::Lang;
use baodao::tui::headless::Headless;
use baodao::tui::keymap::Keymap;
use baodao::tui::theme::{ColorMode, Theme};

const KEYS_TOML: &str = r#"
global.reveal = "F11"
global.quit = "Ctrl-q"
global.focus_communities = "Alt-1"
global.focus_members = "Alt-2"
global.focus_posts = "Alt-3"
global.focus_card = "Alt-4"
global.units = "Alt-u"
global.focus_next = "Ctrl-n"
form.focus_next = "Ctrl-n"
overlay.close = "Ctrl-x"
overlay.confirm = "Ctrl-o"
input.confirm = "Ctrl-o"
input.cancel = "Ctrl-t"
reports.cycle_filter = "Alt-f"
reports.export = "Alt-x"
demands.cycle_filter = "Alt-f"
list.mark = "Alt-v"
list.certify = "Alt-c"
list.issue_slips = "Alt-i"
list.cancel = "Alt-e"
overlay.move_up = "Alt-k"
overlay.move_down = "Alt-j"
form.pick_prev = "Alt-p"
form.pick_next = "Alt-n"
form.submit = "Alt-s"
session.grade_proposed = "Alt-g"
"#;

fn rebound(lang: Lang) -> (tempfile::TempDir, Headless) {
    let (keymap, errors) = Keymap::from_config(KEYS_TOML);
    assert!(errors.is_empty(), "keys.toml is taken whole: {errors:?}");
    let (dir, ledger) = common::demo(40);
    let s = Headless::with_keymap(ledger, lang, 160, 40, Theme::new(ColorMode::None), keymap);
    (dir, s)
}

/// The screen's lines that hold `needle`, for a message that shows where a hint stands.
fn has(screen: &str, needle: &str, what: &str) {
    assert!(
        screen.contains(needle),
        "{what}: expected {needle:?} on the screen:\n{screen}"
    );
}

fn lacks(screen: &str, needle: &str, what: &str) {
    assert!(
        !screen.contains(needle),
        "{what}: {needle:?} is an old key and must not be shown:\n{screen}"
    );
}

#[test]
fn tabs_titles_and_the_hint_line_name_the_rebound_keys() {
    let (_dir, s) = rebound(Lang::En);
    let screen = s.text();
    let header = screen.lines().next().unwrap();
    for tab in [
        "Alt-1 Communities",
        "Alt-2 Members",
        "Alt-3 Posts",
        "Alt-4 Service card",
        "Alt-u Units",
    ] {
        has(header, tab, "header tab");
    }
    for old in ["[1 Communities", " 2 Members", " U Units"] {
        lacks(header, old, "header tab");
    }
    // Pane titles on the borders, below the header.
    let body: String = screen.lines().skip(1).collect::<Vec<_>>().join("\n");
    has(&body, "Alt-1 Communities (", "communities pane title");
    has(&body, "Alt-2 Members", "members pane title");
    has(&body, "Alt-3 ", "posts pane title");
    has(&body, "Alt-4 Service card", "card pane title");
    lacks(&body, " 1 Communities", "communities pane title");
    // The hint line at the foot: quit as bound.
    has(&screen, "Ctrl-q", "hint line");
}

#[test]
fn every_popup_footer_names_the_rebound_keys() {
    let (_dir, mut s) = rebound(Lang::En);

    // A community's detail: close, reveal, history.
    s.press("Enter");
    let screen = s.text();
    has(&screen, "Ctrl-x close", "detail footer");
    has(&screen, "F11 show personal data", "detail footer");
    lacks(&screen, "Esc close", "detail footer");

    // History from the detail.
    s.press("F2");
    let screen = s.text();
    has(&screen, "Ctrl-x close", "history hint");
    lacks(&screen, "Esc close", "history hint");
    s.press("Ctrl-x");
    s.press("Ctrl-x");

    // Help.
    s.press("?");
    let screen = s.text();
    has(&screen, "Ctrl-x closes", "help footer");
    lacks(&screen, "Esc closes", "help footer");
    s.press("Ctrl-x");

    // A form.
    s.press("a");
    let screen = s.text();
    // The hint line names them; the form's border repeats nothing in words of its own.
    has(&screen, "Ctrl-o OK", "form hint line");
    has(&screen, "Ctrl-n Next", "form hint line");
    has(&screen, "Ctrl-t Cancel", "form hint line");
    lacks(&screen, "Enter OK", "form hint line");
    lacks(&screen, "Enter save", "form border");
    s.press("Ctrl-t");
    assert!(
        s.app.overlays.is_empty(),
        "the rebound cancel left the form"
    );

    // The overdue slips.
    s.press("o");
    let screen = s.text();
    has(&screen, "Ctrl-o record a reason", "overdue footer");
    has(&screen, "Ctrl-x close", "overdue footer");
    s.press("Ctrl-x");

    // Search, before anything is typed.
    s.press("Ctrl-g");
    let screen = s.text();
    has(&screen, "Ctrl-o jumps to the record", "search hint");
    has(&screen, "Ctrl-t closes", "search hint");
    s.press("Ctrl-t");
    assert!(
        s.app.overlays.is_empty(),
        "the rebound cancel closed search"
    );

    // 评议准备 and the requests: their keys are on the hint line at the foot.
    s.press("F7");
    let screen = s.text();
    let foot = screen.lines().last().unwrap_or("");
    has(foot, "Ctrl-o", "readiness hint line");
    has(foot, "Ctrl-x", "readiness hint line");
    s.press("Ctrl-x");
    s.press("F8");
    let screen = s.text();
    let foot = screen.lines().last().unwrap_or("");
    has(foot, "Alt-f", "demands hint line");
    s.press("Ctrl-x");

    // Reports.
    s.press("P");
    let screen = s.text();
    has(&screen, "Ctrl-o: form", "reports hint");
    has(&screen, "Alt-f: scope", "reports hint");
    has(&screen, "Alt-x: export", "reports hint");
    lacks(&screen, "  f: scope", "reports hint");
    s.press("Ctrl-x");
    assert!(
        s.app.overlays.is_empty(),
        "every popup closed with the rebound key"
    );
}

#[test]
fn the_default_footers_still_say_the_default_keys() {
    let (_dir, ledger) = common::demo(40);
    let mut s = common::session(ledger, Lang::Zh, 100, 30);
    s.press("Enter");
    has(
        &s.text(),
        "Esc 关闭 · r 显示个人信息 · F2 修改记录",
        "detail footer",
    );
    s.press("Esc");
    s.press("a");
    for hint in ["Esc 取消", "Enter 确定", "Tab 下一项", "Ctrl-s 保存"] {
        has(&s.text(), hint, "form hint line");
    }
    // One wording: the border under the fields no longer says it again in other words.
    lacks(&s.text(), "Enter 保存", "form border");
}

#[test]
fn status_messages_name_the_rebound_keys() {
    let (_dir, mut s) = rebound(Lang::En);
    // Slips are issued from the units view: both keys as bound.
    s.press("Alt-i");
    let screen = s.text();
    has(&screen, "press Alt-u for the units view", "slips message");
    has(&screen, "then Alt-i", "slips message");
    // A range marked on the card: certify and unmark as bound.
    s.press("Alt-2");
    s.press("Alt-4");
    s.press("Alt-v");
    let screen = s.text();
    has(
        &screen,
        "press Alt-c to certify, Alt-v to cancel",
        "marking message",
    );
}

#[test]
fn notes_under_prompts_and_fields_name_the_rebound_keys() {
    use baodao::tui::form::FieldKey;
    use baodao::tui::overlay::Overlay;
    let (_dir, mut s) = rebound(Lang::En);

    // A detail and its history scroll with the keys as bound.
    s.press("Enter");
    let screen = s.text();
    has(&screen, "Alt-k/Alt-j scroll", "detail footer");
    lacks(&screen, "↑↓", "detail footer");
    s.press("F2");
    let screen = s.text();
    has(&screen, "Alt-k/Alt-j scroll", "history hint");
    lacks(&screen, "↑/↓", "history hint");
    s.press("Ctrl-x");
    s.press("Ctrl-x");

    // A filter left in place says how to clear it.
    s.press("/");
    s.type_text("a");
    s.press("Ctrl-o");
    // The communities pane is narrow: the start of the note is what fits.
    has(&s.text(), "a (Alt-e clears", "filter line");
    lacks(&s.text(), "Esc clears", "filter line");
    s.press("Alt-e");

    // A reference field holding text that picked nothing says how to pick.
    s.press("Alt-2");
    s.press("a");
    s.type_text("测试");
    let focused = |s: &Headless| match s.app.overlays.last() {
        Some(Overlay::Form(f)) => f.focused().map(|f| f.key),
        other => panic!("no form: {other:?}"),
    };
    let mut guard = 0;
    while focused(&s) != Some(FieldKey::Unit) {
        s.press("Ctrl-n");
        guard += 1;
        assert!(guard < 30, "never reached the unit field");
    }
    s.type_text("zzzq");
    s.press("Alt-s");
    let screen = s.text();
    has(
        &screen,
        "choose with Alt-p/Alt-n and Ctrl-o",
        "unpicked field",
    );
    lacks(&screen, "choose with ↑↓", "unpicked field");
    s.press("Ctrl-t");
    s.press("Ctrl-t");
    s.press("y");
    assert!(s.app.overlays.is_empty(), "the form was left");

    // The import's path prompt.
    s.press("I");
    let screen = s.text();
    has(
        &screen,
        "Ctrl-n completes the path, Ctrl-o tries it",
        "import prompt",
    );
    lacks(&screen, "Tab completes", "import prompt");
    s.press("Ctrl-t");
    s.press("Ctrl-x");

    // Settings: the value's prompt and the unsaved mark.
    s.press("O");
    s.press("Ctrl-o");
    let screen = s.text();
    has(
        &screen,
        "Ctrl-o sets it, Ctrl-t cancels; nothing is saved until Alt-s",
        "settings prompt",
    );
    s.press("Ctrl-u");
    s.type_text("7");
    s.press("Ctrl-o");
    has(
        &s.text(),
        "(unsaved changes; Alt-s saves)",
        "settings title",
    );
    lacks(&s.text(), "Ctrl-s", "settings title");
    s.press("Ctrl-x");
    has(
        &s.text(),
        "Unsaved changes: Alt-s saves",
        "settings leaving",
    );
    s.press("Ctrl-x");
    assert!(s.app.overlays.is_empty(), "settings left unsaved");

    // The session: how to grade the member shown.
    s.press("E");
    let screen = s.text();
    assert!(
        screen.contains("(Alt-g: as proposed, 1–4: choose)")
            || screen.contains("(Alt-g: next member)"),
        "session glance names the rebound grading key:\n{screen}"
    );
    lacks(&screen, "(Enter: ", "session glance");
}
