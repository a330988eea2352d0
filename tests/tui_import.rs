//! The import screen by keys: a path typed with completion, a dry run that changes nothing
//! and shows every problem, the import on Enter, and the new member in the list at once.

#[path = "tui_common.rs"]
mod common;

use baodao::domain::Member;
use baodao::i18n::Lang;
use baodao::tui::overlay::Overlay;
use common::{demo, session};

#[test]
fn a_file_is_tried_then_imported_and_its_records_are_on_screen_at_once() {
    let (dir, ledger) = demo(30);
    let members = |l: &baodao::store::Ledger| l.view().expect("v").count::<Member>().expect("n");
    let before = members(&ledger);
    let file = dir.path().join("报到名册.csv");
    std::fs::write(
        &file,
        "姓名,手机,工作单位及职务\n欧阳小明,1391234,市司法局 科员\n",
    )
    .expect("write");
    let mut s = session(ledger, Lang::Zh, 100, 30);
    s.press("I");
    assert!(matches!(s.app.overlays.last(), Some(Overlay::Import(_))));
    // Tab completes the file's name from its directory.
    s.type_text(&format!("{}/报到", dir.path().display()));
    s.press("Tab");
    s.press("Enter");
    let shown = s.text();
    assert!(shown.contains("发现 1 个问题"), "{shown}");
    assert!(shown.contains("报到名册.csv:2:手机:"), "{shown}");
    assert_eq!(members(&s.ledger), before, "a refused file changes nothing");

    std::fs::write(
        &file,
        "姓名,手机,工作单位及职务\n欧阳小明,13912345678,市司法局 科员\n",
    )
    .expect("write");
    s.press("Enter");
    let shown = s.text();
    assert!(shown.contains("试导入"), "{shown}");
    assert!(shown.contains("党员：新增 1"), "{shown}");
    assert_eq!(members(&s.ledger), before, "a dry run changes nothing");
    s.press("Enter");
    assert_eq!(members(&s.ledger), before + 1);
    assert!(s.text().contains("已导入，列表已更新"), "{}", s.text());
    assert!(
        s.app.members.rows().iter().any(|m| m.name == "欧阳小明"),
        "the new member is in the list at once"
    );
    s.press("Esc");
    assert!(s.app.overlays.is_empty());
}

#[test]
fn the_working_screen_is_drawn_before_a_file_is_checked() {
    use baodao::tui::action::Action;
    use baodao::tui::runtime::Runner;
    let (dir, ledger) = demo(30);
    let file = dir.path().join("名册.csv");
    std::fs::write(
        &file,
        "姓名,手机,工作单位及职务\n欧阳小明,13912345678,市司法局 科员\n",
    )
    .expect("write");
    let mut s = session(ledger, Lang::Zh, 100, 30);
    s.press("I");
    s.type_text(&file.display().to_string());
    // The terminal's loop: Enter is handled, the frame drawn, then the held check runs.
    let enter = baodao::tui::keymap::KeyChord::parse("Enter").expect("key");
    let runner = Runner::with_search(&s.ledger, Lang::Zh, &s.search).drawing_first();
    runner.dispatch(
        &mut s.app,
        Action::Key(crossterm::event::KeyEvent::new(enter.code, enter.mods)),
    );
    let shown = s.text();
    assert!(shown.contains("正在读取并核对"), "{shown}");
    assert!(
        runner.holds_effect(),
        "the loop ends its burst of keys here"
    );
    assert!(runner.run_after_frame(&mut s.app), "the check was held");
    assert!(!runner.holds_effect());
    assert!(!runner.run_after_frame(&mut s.app), "and run once");
    let shown = s.text();
    assert!(shown.contains("党员：新增 1"), "{shown}");
    // Enter again imports, saying so while it works.
    runner.dispatch(
        &mut s.app,
        Action::Key(crossterm::event::KeyEvent::new(enter.code, enter.mods)),
    );
    let shown = s.text();
    assert!(shown.contains("正在导入"), "{shown}");
    assert!(runner.run_after_frame(&mut s.app));
    assert!(s.text().contains("已导入，列表已更新"), "{}", s.text());
}
