//! How fast the card's quick entry follows a clerk: `cargo bench --bench entry`.
//!
//! Uses the ledger named by `BAODAO_BENCH_LEDGER` (opened read-write: each run adds a few
//! hundred service rows to one member's card), or a demo ledger of 1,000 members in a temp
//! dir. Opens a member's card, then types rows into the quick entry and measures, a few
//! hundred times:
//! - save → frame: Enter (the durable write transaction, the card read again, the next row's
//!   form opened) until the next frame is drawn (160x45, headless) — the time before the
//!   clerk sees the next row ready;
//! - next key → frame: the first key typed into that next row, until it is drawn.

mod common;

use std::time::{Duration, Instant};

use baodao::i18n::Lang;
use baodao::store::{Ledger, OpenOptions};
use baodao::tui::headless::Headless;
use baodao::tui::shots::today;
use baodao::tui::theme::{ColorMode, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const ROWS: usize = 300;

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let pct = |p: usize| times[(times.len() - 1) * p / 100];
    println!(
        "{name}: median {:?}  p90 {:?}  max {:?}  ({} rows)",
        pct(50),
        pct(90),
        times[times.len() - 1],
        times.len()
    );
}

fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (path, given) = common::given_or_shots_ledger(dir.path())?;
    let started = Instant::now();
    let ledger = Ledger::open(
        &path,
        OpenOptions {
            read_only: false,
            clerk: Some("bench".into()),
            // A given ledger keeps its own today (its rows are dated by it); the demo's is fixed.
            today: if given { None } else { Some(today()) },
        },
    )?;
    let today = ledger.today();
    let mut s = Headless::new(ledger, Lang::Zh, 160, 45, Theme::new(ColorMode::Ansi16));
    let mut terminal = Terminal::new(TestBackend::new(160, 45))?;
    terminal.draw(|f| f.render_widget(&s.app, f.area()))?;
    println!(
        "open + first frame: {:?}  [{} communities, {} members in the first]",
        started.elapsed(),
        s.app.communities.rows().len(),
        s.app.members.rows().len()
    );
    s.press("2");
    s.press("4");
    let t = Instant::now();
    s.press("a");
    println!(
        "quick entry opened (with the community's history for completion): {:?}",
        t.elapsed()
    );
    anyhow::ensure!(
        !s.app.overlays.is_empty(),
        "no form opened: {:?}",
        s.app.status
    );

    let mut save_to_frame = Vec::with_capacity(ROWS);
    let mut key_to_frame = Vec::with_capacity(ROWS);
    for n in 0..ROWS {
        // Half an hour each over 60 days keeps every day under the 24-hour limit.
        let date = today - chrono::Duration::days((n % 60) as i64);
        s.press("Ctrl-u");
        s.type_text(&date.format("%Y%m%d").to_string());
        s.press("Down");
        s.type_text(&format!("基准录入{n}"));
        s.press("Down");
        s.type_text("社区广场");
        s.press("Down");
        s.type_text("0.5");
        let t = Instant::now();
        s.press("Enter");
        terminal.draw(|f| f.render_widget(&s.app, f.area()))?;
        save_to_frame.push(t.elapsed());
        if let Some(st) = &s.app.status
            && st.error
        {
            anyhow::bail!("row {n} refused: {}", st.text);
        }
        let t = Instant::now();
        s.type_text("1");
        terminal.draw(|f| f.render_widget(&s.app, f.area()))?;
        key_to_frame.push(t.elapsed());
    }
    report("save → next frame", save_to_frame);
    report("next key → frame", key_to_frame);
    Ok(())
}
