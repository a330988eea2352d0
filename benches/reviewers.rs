//! Reviewers on one server: `BAODAO_BENCH_LEDGER=L.redb cargo bench --bench reviewers`.
//!
//! Starts the real program (`baodao --read-only --lang en`, 80x24) in a pseudo-terminal on
//! the ledger, types Ctrl-g `zsx` at once, and measures
//! - launch → first screen (the community pane drawn),
//! - launch → the search overlay showing hits,
//! - the process's private memory (`RssAnon`) and its share of the mapped pages (`Pss`) once
//!   the hits are shown and again a second later;
//!
//! then the units view opened in one of them (every unit of the ledger listed) and filtered,
//! then the reports view (F9) with 附件4 for the whole ledger: shown, paged down, exported to
//! CSV (peak and settled RssAnon at each step), and the same
//! for five reviewers started at once (each one's time, the five's total
//! memory). `BAODAO_BENCH_BEFORE=/path/to/older/baodao` measures that binary too, in the same
//! run, as the reference; `BAODAO_BENCH_RUNS` sets the single-reviewer runs (default 5).
//! Without `BAODAO_BENCH_LEDGER` a 30,000-member demo ledger is built in a temp dir.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const FIRST_SCREEN: &str = "Communities (";
const ANSWER: &str = "Members (";
const UNITS_VIEW: &str = "marks a reporting rate";
// Only the cells that change are redrawn: the scope's name alone shows it is the whole ledger.
const WHOLE_LEDGER: &str = "everything";
const EXPORTED: &str = "roster-all-";
const TIMEOUT: Duration = Duration::from_secs(120);

/// One program in a pseudo-terminal, its output collected by a thread.
struct Session {
    child: Child,
    master: std::fs::File,
    out: Arc<Mutex<Vec<u8>>>,
    started: Instant,
}

fn spawn(bin: &Path, ledger: &Path) -> anyhow::Result<Session> {
    let (master, slave) = baodao::pty::open(80, 24)?;
    let mut cmd = Command::new(bin);
    // Exports from the reports view go to the working directory.
    cmd.current_dir(std::env::temp_dir());
    cmd.args(["--read-only", "--lang", "en", "--db"])
        .arg(ledger)
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1");
    baodao::pty::attach(&mut cmd, slave, true)?;
    let started = Instant::now();
    let child = cmd.spawn()?;
    let master = std::fs::File::from(master);
    let out = Arc::new(Mutex::new(Vec::new()));
    let mut reader = master.try_clone()?;
    let sink = out.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut o) = sink.lock() {
                o.extend_from_slice(&buf[..n]);
            }
        }
    });
    Ok(Session {
        child,
        master,
        out,
        started,
    })
}

impl Session {
    fn saw(&self, what: &str) -> bool {
        let o = self.out.lock().map(|o| o.clone()).unwrap_or_default();
        String::from_utf8_lossy(&o).contains(what)
    }

    /// Waits for `what` in the output; the time since launch.
    fn wait_for(&self, what: &str) -> anyhow::Result<Duration> {
        while self.started.elapsed() < TIMEOUT {
            if self.saw(what) {
                return Ok(self.started.elapsed());
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        anyhow::bail!("no {what:?} within {TIMEOUT:?}")
    }

    fn memory(&self) -> Memory {
        Memory::of(self.child.id())
    }

    /// Output since byte `from`, as text.
    fn since(&self, from: usize) -> String {
        let o = self.out.lock().map(|o| o.clone()).unwrap_or_default();
        String::from_utf8_lossy(o.get(from..).unwrap_or_default()).into_owned()
    }

    fn output_len(&self) -> usize {
        self.out.lock().map(|o| o.len()).unwrap_or(0)
    }

    /// RssAnon (kB) sampled every 50 ms until `done` holds and it has not grown for 2 s (or a
    /// timeout): the highest and the last.
    fn settle(&self, done: impl Fn(&Session) -> bool) -> (u64, u64) {
        let start = Instant::now();
        let (mut peak, mut last, mut grew) = (0, 0, Instant::now());
        while start.elapsed() < TIMEOUT {
            let now = self.memory().rss_anon;
            if now > peak {
                peak = now;
                grew = Instant::now();
            }
            last = now;
            if done(self) && grew.elapsed() > Duration::from_secs(2) {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        (peak, last)
    }

    fn quit(mut self) {
        let _ = self.master.write_all(b"\x1b\x1bq");
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Kilobytes from /proc: private anonymous memory, and the proportional share of everything.
#[derive(Debug, Clone, Copy, Default)]
struct Memory {
    rss_anon: u64,
    rss_file: u64,
    pss: u64,
}

impl Memory {
    fn of(pid: u32) -> Memory {
        let field = |text: &str, name: &str| -> u64 {
            text.lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        let rollup =
            std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
        Memory {
            rss_anon: field(&status, "RssAnon:"),
            rss_file: field(&status, "RssFile:"),
            pss: field(&rollup, "Pss:"),
        }
    }

    fn max(self, o: Memory) -> Memory {
        Memory {
            rss_anon: self.rss_anon.max(o.rss_anon),
            rss_file: self.rss_file.max(o.rss_file),
            pss: self.pss.max(o.pss),
        }
    }
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

struct Run {
    first: Duration,
    answer: Duration,
    memory: Memory,
}

/// Starts `n` reviewers at once, each typing the search at once.
fn reviewers(bin: &Path, ledger: &Path, n: usize) -> anyhow::Result<Vec<Run>> {
    let mut sessions = Vec::new();
    for _ in 0..n {
        let mut s = spawn(bin, ledger)?;
        // Ctrl-g opens the search; the query is typed before the program has drawn anything.
        s.master.write_all(b"\x07zsx")?;
        sessions.push(s);
    }
    let mut runs = Vec::new();
    let mut times = Vec::new();
    for s in &sessions {
        times.push((s.wait_for(FIRST_SCREEN)?, s.wait_for(ANSWER)?));
    }
    let at_answer: Vec<Memory> = sessions.iter().map(Session::memory).collect();
    std::thread::sleep(Duration::from_secs(1));
    for ((s, (first, answer)), m) in sessions.iter().zip(times).zip(at_answer) {
        runs.push(Run {
            first,
            answer,
            memory: m.max(s.memory()),
        });
    }
    for s in sessions {
        s.quit();
    }
    Ok(runs)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

fn measure(name: &str, bin: &Path, ledger: &Path, runs: usize) -> anyhow::Result<()> {
    let mut single = Vec::new();
    for _ in 0..runs {
        single.extend(reviewers(bin, ledger, 1)?);
    }
    println!(
        "{name:<10} one reviewer, {runs} runs: first screen p50 {:>7.1} ms · launch→hits p50 {:>7.3} s · RssAnon p50 {:>7.1} MB (RssFile {:.1} MB, Pss {:.1} MB)",
        median(
            single
                .iter()
                .map(|r| r.first.as_secs_f64() * 1000.0)
                .collect()
        ),
        median(single.iter().map(|r| r.answer.as_secs_f64()).collect()),
        median(single.iter().map(|r| mb(r.memory.rss_anon)).collect()),
        median(single.iter().map(|r| mb(r.memory.rss_file)).collect()),
        median(single.iter().map(|r| mb(r.memory.pss)).collect()),
    );
    // What else could grow with the province: the units view lists every unit, and its
    // filter searches them all.
    let s = spawn(bin, ledger)?;
    let mut master = s.master.try_clone()?;
    master.write_all(b"\x07zsx")?;
    s.wait_for(ANSWER)?;
    std::thread::sleep(Duration::from_secs(1));
    let at_hits = s.memory();
    master.write_all(b"\x1bU")?;
    // An older build may title the view otherwise: then it is only left out.
    match s.wait_for(UNITS_VIEW) {
        Ok(units) => {
            std::thread::sleep(Duration::from_secs(1));
            let opened = s.memory();
            // To the last unit, then the filter `xx` (every 小学 and more: thousands of hits).
            master.write_all(b"\x1b[F")?;
            std::thread::sleep(Duration::from_secs(1));
            master.write_all(b"/xx")?;
            std::thread::sleep(Duration::from_secs(2));
            println!(
                "{name:<10} then the units view (every unit listed): shown {:.3} s after launch · RssAnon {:.1} MB → {:.1} MB, to the end and filtered {:.1} MB",
                units.as_secs_f64(),
                mb(at_hits.rss_anon),
                mb(opened.rss_anon),
                mb(s.memory().rss_anon),
            );
        }
        Err(e) => println!("{name:<10} units view: {e}"),
    }
    s.quit();
    reports(name, bin, ledger)?;
    let five = reviewers(bin, ledger, 5)?;
    let answers: Vec<f64> = five.iter().map(|r| r.answer.as_secs_f64()).collect();
    println!(
        "{name:<10} five reviewers at once: launch→hits p50 {:>7.3} s, slowest {:.3} s · RssAnon total {:>7.1} MB · Pss total {:.1} MB",
        median(answers.clone()),
        answers.iter().copied().fold(0.0, f64::max),
        mb(five.iter().map(|r| r.memory.rss_anon).sum()),
        mb(five.iter().map(|r| r.memory.pss).sum()),
    );
    Ok(())
}

/// The reports view: 附件4 for the whole ledger shown, paged down, exported to CSV.
fn reports(name: &str, bin: &Path, ledger: &Path) -> anyhow::Result<()> {
    let s = spawn(bin, ledger)?;
    let mut master = s.master.try_clone()?;
    s.wait_for(FIRST_SCREEN)?;
    std::thread::sleep(Duration::from_secs(1));
    let before = s.memory().rss_anon;
    // F9, the sixth form (附件4), then `f` until the scope is the whole ledger.
    master.write_all(b"\x1b[20~")?;
    std::thread::sleep(Duration::from_millis(300));
    master.write_all(b"\x1b[B\x1b[B\x1b[B\x1b[B\x1b[B\r")?;
    std::thread::sleep(Duration::from_millis(500));
    for _ in 0..5 {
        if s.saw(WHOLE_LEDGER) {
            break;
        }
        master.write_all(b"f")?;
        std::thread::sleep(Duration::from_millis(300));
    }
    // Settled: no growth for 2 s (the whole form built, or the parts on screen read).
    let shown = s.settle(|_| true);
    // Fifty pages down.
    for _ in 0..50 {
        master.write_all(b"\x1b[6~")?;
        std::thread::sleep(Duration::from_millis(20));
    }
    let paged = s.settle(|_| true);
    // `x`, CSV (the format chosen first), into the working directory.
    let at = s.output_len();
    master.write_all(b"x")?;
    std::thread::sleep(Duration::from_millis(300));
    master.write_all(b"\r")?;
    let exported = s.settle(|s| s.since(at).contains(EXPORTED));
    for entry in std::fs::read_dir(std::env::temp_dir())?.flatten() {
        if entry.file_name().to_string_lossy().starts_with(EXPORTED) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    println!(
        "{name:<10} reports view, 附件4 for the whole ledger: RssAnon {:.1} MB before · shown peak {:.1} MB, settled {:.1} MB · 50 pages down peak {:.1} MB · CSV export peak {:.1} MB",
        mb(before),
        mb(shown.0),
        mb(shown.1),
        mb(paged.0),
        mb(exported.0),
    );
    s.quit();
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_baodao"));
    let _keep;
    let ledger = match std::env::var_os("BAODAO_BENCH_LEDGER") {
        Some(p) => PathBuf::from(p),
        None => {
            let dir = tempfile::tempdir()?;
            let path = dir.path().join("ledger.redb");
            let status = Command::new(&bin)
                .args(["demo", "--members", "30000", "--db"])
                .arg(&path)
                .stdout(Stdio::null())
                .status()?;
            anyhow::ensure!(status.success(), "demo ledger not built");
            _keep = dir;
            path
        }
    };
    let runs = std::env::var("BAODAO_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    println!("ledger {}", ledger.display());
    measure("baodao", &bin, &ledger, runs)?;
    if let Some(before) = std::env::var_os("BAODAO_BENCH_BEFORE") {
        measure("reference", Path::new(&before), &ledger, runs)?;
    }
    Ok(())
}
