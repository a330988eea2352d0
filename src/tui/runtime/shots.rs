//! `baodao screenshots`: the real views on a demo ledger, rendered without a terminal and
//! written as `.txt` and `.svg`. The demo is fixed (seed 2026, 1,000 members, today
//! 2026-11-22), so the pictures only change when the views do; a test re-renders them and
//! compares with the committed text.
//!
//! Owns: which screens are pictured and how they are reached (by keys, as a clerk would).
//! Must not touch: drawing itself (that is the views'), the committed files (the caller
//! decides where to write).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ratatui::buffer::Buffer;

use super::headless::Headless;
use crate::demo::{DemoSpec, generate};
use crate::i18n::Lang;
use crate::store::{Ledger, OpenOptions};
use crate::tui::screenshot::{SvgOptions, to_svg, to_text};
use crate::tui::theme::{ColorMode, Theme};

/// One rendered screen.
pub struct Shot {
    /// File name without extension, e.g. `zh-main-160x45`.
    pub name: String,
    pub buffer: Buffer,
}

/// The fixed "today" of the pictures.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

/// Builds the demo ledger in `dir` (which must not hold one yet).
pub fn demo_ledger(dir: &Path, members: usize) -> anyhow::Result<Ledger> {
    let ledger = Ledger::open(
        &dir.join("ledger.redb"),
        OpenOptions {
            read_only: false,
            clerk: Some("办事员".into()),
            today: Some(today()),
        },
    )?;
    generate(
        &ledger,
        &DemoSpec {
            members,
            seed: 2026,
        },
        &mut |_| {},
    )?;
    Ok(ledger)
}

/// Every screen of the documentation, in Chinese and English, rendered in `dir`.
pub fn render_all(dir: &Path) -> anyhow::Result<Vec<Shot>> {
    let mut ledger = demo_ledger(dir, 1000)?;
    let mut shots = Vec::new();
    for lang in [Lang::Zh, Lang::En] {
        let code = match lang {
            Lang::Zh => "zh",
            Lang::En => "en",
        };
        let theme = Theme::new(ColorMode::Ansi16);
        let mut s = Headless::new(ledger, lang, 160, 45, theme);
        let mut shot = |s: &Headless, what: &str| {
            let (w, h) = s.app.size;
            shots.push(Shot {
                name: format!("{code}-{what}-{w}x{h}"),
                buffer: s.render(),
            });
        };
        // A member with a few rows on the card, reached by keys as a clerk would.
        for k in ["2", "j", "j"] {
            s.press(k);
        }
        shot(&s, "main");
        s.resize(80, 24);
        shot(&s, "main");
        s.press("?");
        shot(&s, "help");
        s.press("Esc");
        s.resize(160, 45);
        s.press("Enter");
        shot(&s, "member");
        s.press("Esc");
        s.press("U");
        shot(&s, "units");
        ledger = s.into_ledger();
    }
    ledger.close()?;
    Ok(shots)
}

/// Renders every screen and writes `<name>.txt` and `<name>.svg` into `out`; returns the
/// files written.
pub fn write(out: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let work = std::env::temp_dir().join(format!("baodao-screenshots-{}", std::process::id()));
    // A leftover from an interrupted run would make the demo refuse to build.
    if work.exists() {
        std::fs::remove_dir_all(&work)?;
    }
    std::fs::create_dir_all(&work)?;
    let shots = render_all(&work);
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(out)?;
    let mut written = Vec::new();
    for shot in shots? {
        let txt = out.join(format!("{}.txt", shot.name));
        std::fs::write(&txt, format!("{}\n", to_text(&shot.buffer)))?;
        let svg = out.join(format!("{}.svg", shot.name));
        std::fs::write(&svg, to_svg(&shot.buffer, &SvgOptions::default()))?;
        written.extend([txt, svg]);
    }
    Ok(written)
}
