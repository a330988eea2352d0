//! Keys typed together, through the real program: `cargo bench --bench keys`.
//!
//! Starts the release binary on a demo ledger (1,000 members) in a pseudo-terminal of 80x24
//! (`--lang en`, `NO_COLOR=1`), opens the add-member form, and then, many times over, writes
//! into the terminal at once
//! - 30 keys (what a fast clerk or a barcode reader types before the screen catches up), and
//! - 清理小区卫生死角, eight characters committed by an input method in one go,
//!
//! and measures the time from the write until all of it is on the screen, read back from the
//! program's output through a small screen model. Ctrl-u clears the field between rounds.
//!
//! `BAODAO_BENCH_REFERENCE_BIN=path/to/another/baodao` runs the same rounds against that
//! binary in the same run (e.g. one built from an older commit) and prints the ratio.

mod common;

use std::io::Write;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use common::{Stats, report};
use unicode_width::UnicodeWidthChar;

const ROUNDS: usize = 15;
const KEYS30: &str = "abcdefghijklmnopqrstuvwxyz0123";
const PHRASE: &str = "清理小区卫生死角";
const CLEAR_LINE: &[u8] = b"\x15";
const WAIT: Duration = Duration::from_secs(15);

/// Just enough of a terminal to know what is on the screen: cursor moves, clears, text.
struct Screen {
    w: usize,
    h: usize,
    cells: Vec<Vec<char>>,
    x: usize,
    y: usize,
    pending: Vec<u8>,
}

/// A cell covered by the left half of a wide character.
const COVERED: char = '\0';

impl Screen {
    fn new(w: usize, h: usize) -> Screen {
        Screen {
            w,
            h,
            cells: vec![vec![' '; w]; h],
            x: 0,
            y: 0,
            pending: Vec::new(),
        }
    }

    fn text(&self) -> String {
        self.cells
            .iter()
            .map(|row| row.iter().filter(|c| **c != COVERED).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn feed(&mut self, bytes: &[u8]) {
        self.pending.extend_from_slice(bytes);
        let buf = std::mem::take(&mut self.pending);
        let mut i = 0;
        while i < buf.len() {
            match self.step(&buf[i..]) {
                Some(n) => i += n,
                None => break,
            }
        }
        self.pending = buf[i..].to_vec();
    }

    /// Handles the front of `b`; `None` when it needs more bytes.
    fn step(&mut self, b: &[u8]) -> Option<usize> {
        match b[0] {
            0x1b => self.escape(b),
            b'\r' => {
                self.x = 0;
                Some(1)
            }
            b'\n' => {
                self.y = (self.y + 1).min(self.h - 1);
                Some(1)
            }
            0x08 => {
                self.x = self.x.saturating_sub(1);
                Some(1)
            }
            c if c < 0x20 || c == 0x7f => Some(1),
            _ => {
                let len = match b[0] {
                    0x00..=0x7f => 1,
                    0xc0..=0xdf => 2,
                    0xe0..=0xef => 3,
                    _ => 4,
                };
                if b.len() < len {
                    return None;
                }
                let c = std::str::from_utf8(&b[..len])
                    .ok()
                    .and_then(|s| s.chars().next())
                    .unwrap_or('?');
                self.put(c);
                Some(len)
            }
        }
    }

    fn put(&mut self, c: char) {
        let wide = c.width().unwrap_or(1) == 2;
        if self.x < self.w {
            self.cells[self.y][self.x] = c;
            if wide && self.x + 1 < self.w {
                self.cells[self.y][self.x + 1] = COVERED;
            }
        }
        self.x += if wide { 2 } else { 1 };
    }

    fn escape(&mut self, b: &[u8]) -> Option<usize> {
        let second = *b.get(1)?;
        match second {
            b'[' => {
                let end = b[2..].iter().position(|c| (0x40..=0x7e).contains(c))? + 2;
                let params: Vec<usize> = std::str::from_utf8(&b[2..end])
                    .unwrap_or("")
                    .trim_start_matches('?')
                    .split(';')
                    .map(|p| p.parse().unwrap_or(0))
                    .collect();
                let p = |i: usize| params.get(i).copied().unwrap_or(0).max(1);
                match b[end] {
                    b'H' | b'f' => {
                        self.y = (p(0) - 1).min(self.h - 1);
                        self.x = (p(1) - 1).min(self.w - 1);
                    }
                    b'J' if params.first() == Some(&2) => {
                        self.cells = vec![vec![' '; self.w]; self.h];
                    }
                    b'K' => {
                        for c in self.cells[self.y].iter_mut().skip(self.x) {
                            *c = ' ';
                        }
                    }
                    b'C' => self.x += p(0),
                    b'D' => self.x = self.x.saturating_sub(p(0)),
                    b'G' => self.x = p(0) - 1,
                    _ => {}
                }
                Some(end + 1)
            }
            // OSC: to BEL or ST.
            b']' => {
                let end = b.iter().position(|c| *c == 0x07)?;
                Some(end + 1)
            }
            b'(' | b')' => b.get(2).map(|_| 3),
            _ => Some(2),
        }
    }
}

/// The program in a pseudo-terminal.
struct Pty {
    master: std::fs::File,
    child: Child,
    screen: Screen,
}

impl Pty {
    fn start(bin: &Path, ledger: &Path, home: &Path) -> anyhow::Result<Pty> {
        let (master, slave) = baodao::pty::open(80, 24)?;
        let mut cmd = Command::new(bin);
        cmd.arg("--db")
            .arg(ledger)
            .args(["--lang", "en"])
            .env("NO_COLOR", "1")
            .env("TERM", "xterm-256color")
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home)
            .env("BAODAO_TODAY", "2026-11-30");
        baodao::pty::attach(&mut cmd, slave, true)?;
        let child = cmd.spawn()?;
        Ok(Pty {
            master: std::fs::File::from(master),
            child,
            screen: Screen::new(80, 24),
        })
    }

    /// Reads the program's output until `done` holds for the screen; the time it took.
    fn until(&mut self, what: &str, done: impl Fn(&str) -> bool) -> anyhow::Result<Duration> {
        let start = Instant::now();
        let mut buf = [0u8; 65536];
        loop {
            if done(&self.screen.text()) {
                return Ok(start.elapsed());
            }
            let left = WAIT.saturating_sub(start.elapsed());
            anyhow::ensure!(
                !left.is_zero(),
                "waited {WAIT:?} for {what}; the screen:\n{}",
                self.screen.text()
            );
            let mut p = libc::pollfd {
                fd: self.master.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd.
            let n = unsafe { libc::poll(&mut p, 1, left.as_millis() as i32) };
            if n <= 0 {
                continue;
            }
            let got = std::io::Read::read(&mut self.master, &mut buf)?;
            anyhow::ensure!(got > 0, "the program ended");
            self.screen.feed(&buf[..got]);
        }
    }

    fn write(&mut self, bytes: &[u8]) -> anyhow::Result<()> {
        self.master.write_all(bytes)?;
        Ok(())
    }

    /// Writes `text` at once and measures until it is on the screen, then clears the field.
    fn round(&mut self, text: &str) -> anyhow::Result<Duration> {
        let t = Instant::now();
        self.write(text.as_bytes())?;
        self.until(text, |s| s.contains(text))?;
        let took = t.elapsed();
        self.write(CLEAR_LINE)?;
        self.until("the field cleared", |s| !s.contains(text))?;
        Ok(took)
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Figures {
    keys: Stats,
    phrase: Stats,
}

fn measure(bin: &Path, ledger: &Path, home: &Path) -> anyhow::Result<Figures> {
    let mut pty = Pty::start(bin, ledger, home)?;
    pty.until("the first frame", |s| s.contains("Members"))?;
    pty.write(b"2")?;
    std::thread::sleep(Duration::from_millis(200));
    pty.write(b"a")?;
    pty.until("the member form", |s| s.contains("Name*"))?;
    let mut keys = Vec::with_capacity(ROUNDS);
    let mut phrase = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        keys.push(pty.round(KEYS30)?);
        phrase.push(pty.round(PHRASE)?);
    }
    Ok(Figures {
        keys: Stats { samples: keys },
        phrase: Stats { samples: phrase },
    })
}

fn main() -> anyhow::Result<()> {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_baodao"));
    let dir = tempfile::tempdir()?;
    let ledger = dir.path().join("keys.redb");
    let made = Command::new(&bin)
        .args(["demo", "--members", "1000", "--db"])
        .arg(&ledger)
        .env("BAODAO_TODAY", "2026-11-30")
        .output()?;
    anyhow::ensure!(made.status.success(), "demo: {made:?}");
    println!(
        "30 keys / an 8-character phrase written at once -> on screen ({ROUNDS} rounds, 80x24)"
    );
    let ours = measure(&bin, &ledger, dir.path())?;
    report("this build, 30 keys", &ours.keys);
    report("this build, 清理小区卫生死角", &ours.phrase);
    if let Some(reference) = std::env::var_os("BAODAO_BENCH_REFERENCE_BIN") {
        let theirs = measure(Path::new(&reference), &ledger, dir.path())?;
        report("reference, 30 keys", &theirs.keys);
        report("reference, 清理小区卫生死角", &theirs.phrase);
        let ratio = |a: &Stats, b: &Stats| common::ms(a.median()) / common::ms(b.median());
        println!(
            "ratio of medians (this build / reference): 30 keys {:.5}, phrase {:.5}",
            ratio(&ours.keys, &theirs.keys),
            ratio(&ours.phrase, &theirs.phrase)
        );
    }
    Ok(())
}
