//! How fast the screen comes and follows the keys: `cargo bench --bench tui`.
//!
//! Builds a demo ledger (1,000 members) in a temp dir, or uses the one named by
//! `BAODAO_BENCH_LEDGER` (e.g. a province-sized `baodao demo --members 1000000`, opened
//! read-only so it is not changed), then measures:
//! - open + first frame: opening the file, loading what the first screen shows, drawing it
//!   at 160x45;
//! - selection moves: one `j`/`k` in the member pane (loading that member's card) and the
//!   redraw, a few hundred times: median, p90 and max;
//! - a frame's draw, and within it the last pass that keeps control characters off the terminal;
//! - the units view opened for the first time (every unit read, figures for a screenful).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use baodao::domain::safe_text;
use baodao::i18n::Lang;
use baodao::store::{Ledger, OpenOptions};
use baodao::tui::headless::Headless;
use baodao::tui::shots::{demo_ledger, today};
use baodao::tui::theme::{ColorMode, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const MOVES: usize = 400;

fn main() -> anyhow::Result<()> {
    let _keep;
    let (path, read_only) = match std::env::var_os("BAODAO_BENCH_LEDGER") {
        Some(p) => (PathBuf::from(p), true),
        None => {
            let dir = tempfile::tempdir()?;
            let started = Instant::now();
            demo_ledger(dir.path(), 1000)?.close()?;
            println!(
                "demo ledger (1,000 members) built in {:?}",
                started.elapsed()
            );
            let path = dir.path().join("ledger.redb");
            _keep = dir;
            (path, false)
        }
    };
    let mut terminal = Terminal::new(TestBackend::new(160, 45))?;

    let started = Instant::now();
    let ledger = Ledger::open(
        &path,
        OpenOptions {
            read_only,
            clerk: Some("bench".into()),
            today: Some(today()),
        },
    )?;
    let mut s = Headless::new(ledger, Lang::Zh, 160, 45, Theme::new(ColorMode::Ansi16));
    terminal.draw(|f| f.render_widget(&s.app, f.area()))?;
    let first = started.elapsed();
    println!(
        "open + first frame (160x45): {first:?}  [{} communities, {} members in the first]",
        s.app.communities.rows().len(),
        s.app.members.rows().len()
    );

    s.press("2");
    let members = s.app.members.rows().len();
    let mut times = Vec::with_capacity(MOVES);
    let mut down = true;
    for _ in 0..MOVES {
        let at = s.app.members.list.selected().unwrap_or(0);
        if at + 1 >= members {
            down = false;
        } else if at == 0 {
            down = true;
        }
        let t = Instant::now();
        s.press(if down { "j" } else { "k" });
        terminal.draw(|f| f.render_widget(&s.app, f.area()))?;
        times.push(t.elapsed());
    }
    times.sort();
    let pct = |p: usize| times[(times.len() - 1) * p / 100];
    println!(
        "selection move + card load + redraw, {MOVES} moves: median {:?}  p90 {:?}  max {:?}",
        pct(50),
        pct(90),
        times.last().copied().unwrap_or(Duration::ZERO)
    );

    // The last pass over every frame (no character the ledger refuses reaches the terminal):
    // the same check over every cell of this frame, against drawing the frame itself.
    let mut draws = Vec::new();
    let mut passes = Vec::new();
    for _ in 0..MOVES {
        let t = Instant::now();
        terminal.draw(|f| f.render_widget(&s.app, f.area()))?;
        draws.push(t.elapsed());
        let buf = terminal.backend().buffer();
        let t = Instant::now();
        let flagged = buf
            .content()
            .iter()
            .filter(|c| safe_text::unsafe_in_cell(c.symbol()))
            .count();
        passes.push(t.elapsed());
        assert_eq!(flagged, 0);
    }
    draws.sort();
    passes.sort();
    let (draw, pass) = (draws[MOVES / 2], passes[MOVES / 2]);
    println!(
        "frame draw median {draw:?}; of it, the control-character pass over 160x45 cells {pass:?} ({:.1} %)",
        100.0 * pass.as_secs_f64() / draw.as_secs_f64()
    );

    let t = Instant::now();
    s.press("u");
    terminal.draw(|f| f.render_widget(&s.app, f.area()))?;
    println!(
        "units view, first open ({} units, figures for one screenful): {:?}",
        s.app.units.rows().len(),
        t.elapsed()
    );
    Ok(())
}
