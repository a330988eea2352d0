//! The reports view by keys: a wide form scrolls sideways and down, a CSV export lands in the
//! export directory with a BOM and a clear name.

#[path = "tui_common.rs"]
mod common;

use baodao::i18n::Lang;
use baodao::tui::headless::Headless;
use baodao::tui::overlay::Overlay;
use baodao::tui::reports::ReportsScreen;
use common::{demo, session};

fn screen(s: &Headless) -> &ReportsScreen {
    match s.app.overlays.last() {
        Some(Overlay::Reports(x)) => x,
        other => panic!("{other:?}"),
    }
}

fn body(s: &Headless) -> Vec<String> {
    s.text()
        .lines()
        .skip(3)
        .take(10)
        .map(String::from)
        .collect()
}

#[test]
fn a_wide_form_scrolls_and_exports_a_csv_with_a_bom() {
    let (_dir, ledger) = demo(200);
    let out = tempfile::tempdir().expect("tempdir");
    let mut s = session(ledger, Lang::Zh, 80, 24);
    s.press("P");
    // 附件4, the 17-column roster, is the sixth form in the list.
    for _ in 0..5 {
        s.press("j");
    }
    s.press("Enter");
    let lines = screen(&s).lines.clone().expect("built");
    assert!(lines.iter().any(|l| l.contains("在职党员社区报到登记表")));
    assert!(
        lines
            .iter()
            .map(|l| baodao::tui::text::width(l))
            .max()
            .unwrap_or(0)
            > 80,
        "wider than the screen"
    );
    let before = body(&s);
    s.press("Right");
    s.press("l");
    assert_eq!(screen(&s).left, 16);
    assert_ne!(body(&s), before, "scrolled sideways");
    s.press("Left");
    s.press("Left");
    assert_eq!(body(&s), before);
    s.press("PageDown");
    assert!(screen(&s).top > 0, "scrolled down");
    // Over to the 手机 column.
    for _ in 0..30 {
        if s.text().contains("****") {
            break;
        }
        s.press("l");
    }
    let text = s.text();
    let digits: Vec<&str> = text.split(|c: char| !c.is_ascii_digit()).collect();
    assert!(
        !digits.iter().any(|d| d.len() == 11 && d.starts_with('1')),
        "no mobile shown in full:\n{text}"
    );
    assert!(text.contains("****"), "mobiles masked:\n{text}");

    if let Some(Overlay::Reports(r)) = s.app.overlays.last_mut() {
        r.export_dir = out.path().to_path_buf();
    }
    s.press("x");
    s.press("Enter");
    let status = s.app.status.clone().expect("a message");
    assert!(!status.error, "{status:?}");
    let files: Vec<_> = std::fs::read_dir(out.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 1);
    let name = files[0]
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_string();
    assert!(
        name.starts_with("roster-") && name.ends_with("-2026.csv"),
        "{name}"
    );
    assert!(
        status.text.contains(&name),
        "the status says where: {}",
        status.text
    );
    let bytes = std::fs::read(&files[0]).expect("read");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&files[0])
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "owner only");
    }
}
