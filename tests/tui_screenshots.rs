//! The committed `screenshots/*.txt` are what the views draw today: they are re-rendered on
//! the same fixed demo and compared. When a view changes on purpose, run
//! `cargo run -- screenshots` and commit the new files.

use std::path::Path;

use baodao::tui::screenshot::to_text;
use baodao::tui::shots::render_all;

#[test]
fn committed_screenshots_match_the_views() {
    let dir = tempfile::tempdir().expect("tempdir");
    let shots = render_all(dir.path()).expect("render");
    assert_eq!(shots.len(), 10, "5 screens in 2 languages");
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    let mut stale = Vec::new();
    for shot in &shots {
        let path = committed.join(format!("{}.txt", shot.name));
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        let now = to_text(&shot.buffer);
        // Trailing empty lines (an empty status line) are not worth a failure.
        if on_disk.trim_end_matches('\n') != now.trim_end_matches('\n') {
            stale.push(shot.name.clone());
        }
        assert!(
            committed.join(format!("{}.svg", shot.name)).exists(),
            "{}.svg missing",
            shot.name
        );
    }
    assert!(
        stale.is_empty(),
        "screenshots out of date: {stale:?}; run `cargo run -- screenshots` and commit them"
    );
}
