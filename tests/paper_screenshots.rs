//! The committed pictures of printed pages (`screenshots/paper-*.png`) are what the forms print
//! today. Each has beside it the page as the page model lays it out (`paper-*.txt`: every row's
//! position and its cells' text, measured with the embedded font); that text is laid out again
//! here and compared, so a change to a form or to its layout fails until the pictures are made
//! again with `cargo run -- screenshots`. Text rather than pixels: rendering differs between
//! poppler versions, and CI needs no renderer.
use std::path::Path;

use baodao::cli::paper_shots::{page_text, paper_shots};
use baodao::report::pdf::find_font;
use baodao::tui::shots::demo_ledger;

#[test]
fn committed_paper_pictures_match_the_forms() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ledger = demo_ledger(dir.path(), 1000).expect("demo");
    let font = find_font(None).expect("a CJK font (apt-get install fonts-noto-cjk)");
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    let shots = paper_shots(&ledger).expect("forms");
    assert_eq!(shots.len(), 4);
    let mut stale = Vec::new();
    for shot in &shots {
        let on_disk = std::fs::read_to_string(committed.join(format!("{}.txt", shot.name)))
            .unwrap_or_default();
        if on_disk != page_text(shot, &font) {
            stale.push(shot.name);
        }
        assert!(
            committed.join(format!("{}.png", shot.name)).exists(),
            "{}.png missing",
            shot.name
        );
    }
    assert!(
        stale.is_empty(),
        "printed pages out of date: {stale:?}; run `cargo run -- screenshots` and commit them"
    );
}
