//! The year-end session and the search overlay at scale: `cargo bench --bench session`.
//!
//! Builds a demo ledger (1,000 members) in a temp dir, or uses the one named by
//! `BAODAO_BENCH_LEDGER` (opened read-only so it is not changed), then measures:
//! - a community's session opened (its rows assessed, the first member's year read) and the
//!   first frame of it drawn at 160x45 — the aim is under 200 ms;
//! - the search index read from the ledger (done once, off the first frame);
//! - the search overlay per keystroke (query, grouping, redraw) over several typed names:
//!   p50 and max.

mod common;

use std::time::{Duration, Instant};

use baodao::i18n::Lang;
use baodao::store::{Ledger, OpenOptions};
use baodao::tui::action::Action;
use baodao::tui::headless::Headless;
use baodao::tui::shots::today;
use baodao::tui::theme::{ColorMode, Theme};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (path, read_only) = common::given_or_shots_ledger(dir.path())?;
    let ledger = Ledger::open(
        &path,
        OpenOptions {
            read_only,
            clerk: Some("bench".into()),
            today: Some(today()),
        },
    )?;
    let mut terminal = Terminal::new(TestBackend::new(160, 45))?;
    let mut s = Headless::new(ledger, Lang::Zh, 160, 45, Theme::new(ColorMode::Ansi16));
    terminal.draw(|f| f.render_widget(&s.app, f.area()))?;

    // The session of the first few communities: each opened, drawn, closed.
    let mut opens = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        s.press("E");
        terminal.draw(|f| f.render_widget(&s.app, f.area()))?;
        opens.push(started.elapsed());
        s.press("Esc");
        s.press("1");
        s.press("j");
    }
    report("session open + first frame", &mut opens);

    let started = Instant::now();
    s.press("s");
    terminal.draw(|f| f.render_widget(&s.app, f.area()))?;
    println!("search index read (first use): {:?}", started.elapsed());
    let mut keys = Vec::new();
    for word in ["zhangw", "wangf", "csx", "李", "liu", "13812"] {
        for c in word.chars() {
            let started = Instant::now();
            s.dispatch(Action::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
            terminal.draw(|f| f.render_widget(&s.app, f.area()))?;
            keys.push(started.elapsed());
        }
        s.press("Ctrl-u");
    }
    report("search keystroke", &mut keys);
    Ok(())
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let p50 = times.get(times.len() / 2).copied().unwrap_or_default();
    let max = times.last().copied().unwrap_or_default();
    println!("{what}: p50 {p50:?}, max {max:?} ({} runs)", times.len());
}
