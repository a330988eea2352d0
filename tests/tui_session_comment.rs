//! 现实表现 written in the year-end session as a text of several lines: the whole text in
//! sight at 80x24 (it was one line showing its last ~34 characters), Enter starting a line,
//! the arrows moving by row, Ctrl-s keeping it for the grade, and nothing typed dropped
//! without a question (Esc on a change, Ctrl-c, q with a kept draft).

#[path = "tui_common.rs"]
mod common;

use baodao::i18n::Lang;
use baodao::tui::headless::Headless;
use baodao::tui::overlay::Overlay;
use baodao::tui::session::{Ask, SessionScreen};
use common::{demo, session};

fn screen(s: &Headless) -> &SessionScreen {
    s.app
        .overlays
        .iter()
        .rev()
        .find_map(|o| match o {
            Overlay::Session(x) => Some(&**x),
            _ => None,
        })
        .expect("a session")
}

fn writing(s: &Headless) -> bool {
    matches!(screen(s).ask, Some(Ask::Comment(_)))
}

/// The text inside the comment's popup (between its borders, inside the session's), rows
/// joined: wrapped text reads whole.
fn shown(s: &Headless) -> String {
    s.text()
        .lines()
        .filter_map(|l| {
            let parts: Vec<&str> = l.split('║').collect();
            (parts.len() >= 5).then(|| parts[2].trim().to_string())
        })
        .collect()
}

const FIRST: &str = "工作认真负责，积极参加社区志愿服务，多次参与楼道清理和敬老活动，群众评价好。";
const SECOND: &str = "今后要多提意见建议，带动单位同事一起到社区报到服务。";

#[test]
fn a_long_comment_is_written_on_several_lines_and_kept_with_ctrl_s() {
    let (_dir, ledger) = demo(200);
    let mut s = session(ledger, Lang::Zh, 80, 24);
    s.press("E");
    let member = screen(&s).row().expect("a member").member.id;
    s.press("c");
    assert!(writing(&s));
    s.type_text(FIRST);
    s.press("Enter");
    s.type_text(SECOND);
    // Every character of both lines is on screen, not the last few.
    let text = shown(&s);
    assert!(text.contains(FIRST), "{}", s.text());
    assert!(text.contains(SECOND), "{}", s.text());
    // The key-hint line names the text area's own keys, from the keymap.
    let hints = s.text().lines().nth(22).unwrap_or_default().to_string();
    assert!(
        hints.contains("Ctrl-s 保存") && hints.contains("Enter 换行"),
        "{hints}"
    );

    // Up goes to the row above at the same column; Home to its start.
    s.press("Up");
    s.press("Home");
    s.type_text("★");
    // Esc on a changed text asks first; typing goes on.
    s.press("Esc");
    assert!(writing(&s), "one Esc does not drop the text");
    assert!(s.text().contains("再按一次取消即放弃"), "{}", s.text());
    // Ctrl-c with the text unsaved asks too, and n goes back to it.
    s.press("Ctrl-c");
    assert!(matches!(s.app.overlays.last(), Some(Overlay::Confirm(_))));
    s.press("n");
    assert!(writing(&s));

    s.press("Ctrl-s");
    assert!(!writing(&s));
    let (id, draft) = screen(&s).draft.clone().expect("kept for the grade");
    assert_eq!(id, member);
    assert_eq!(draft.lines().count(), 2, "{draft}");
    assert!(draft.contains('★'), "{draft}");
    assert!(draft.ends_with(SECOND), "{draft}");

    // Opened again, the text is there whole; Esc without a change closes at once.
    s.press("c");
    assert!(shown(&s).contains(SECOND));
    s.press("Esc");
    assert!(!writing(&s));

    // The grade saves it, line break and all.
    s.press("2");
    let view = s.ledger.view().expect("view");
    let saved = view
        .evaluations_of_member(member)
        .expect("evaluations")
        .into_iter()
        .find(|e| e.year == 2026)
        .expect("graded");
    assert_eq!(saved.comment, draft);

    // Back on the member, the glance shows the kept comment whole, wrapped over its rows:
    // at 80 columns it scrolls with the lists, from 120 it has the rows the glance leaves.
    for _ in 0..5 {
        if screen(&s).row().is_some_and(|r| r.member.id == member) {
            break;
        }
        s.press("Up");
    }
    assert_eq!(screen(&s).row().map(|r| r.member.id), Some(member));
    let whole = draft.replace('\n', "");
    for (w, h) in [(80u16, 24u16), (120, 30)] {
        s.resize(w, h);
        // The glance's columns (the left 11/20 of the inside from 110 columns on).
        let inside = w as usize - 2;
        let cols = if inside >= 110 {
            inside * 11 / 20
        } else {
            inside
        };
        let glance: String = s
            .text()
            .lines()
            .map(|l| {
                let row = l.split('║').nth(1).unwrap_or("");
                let mut used = 0;
                row.chars()
                    .take_while(|c| {
                        used += baodao::tui::text::width(c.encode_utf8(&mut [0; 4]));
                        used <= cols
                    })
                    .collect::<String>()
                    .trim()
                    .to_string()
            })
            .collect();
        assert!(glance.contains(&whole), "{w}x{h}:\n{}", s.text());
    }
}
