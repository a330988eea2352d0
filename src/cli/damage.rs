//! `baodao stress damage`: every command on damaged copies of a ledger. Each copy has one bit
//! flipped (every Nth bit of the file) or is cut short; on each, `check`, `check --read-only`,
//! a report, a search, a bundle export, the clerk's read-write opens that save nothing (a
//! bundle import's dry run, an open and close) and the TUI (opened in a pseudo-terminal and
//! quit, as a reviewer and as a clerk) run as their own processes. Findings: a panic, a failure
//! without a message, a command that hangs, `check` disagreeing with `check --read-only`, and
//! any write to the copy (its bytes compared before and after each command).
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::CliError;

#[derive(Debug, clap::Args)]
pub struct DamageArgs {
    /// Flip every Nth bit of the file, one flip per copy
    #[arg(long, default_value_t = 4099)]
    pub every: u64,
    /// At most this many flipped copies
    #[arg(long)]
    pub limit: Option<usize>,
    /// Copies cut short (evenly spaced lengths, the empty file included)
    #[arg(long, default_value_t = 8)]
    pub truncations: u64,
    /// Skip the TUI (it takes most of the time)
    #[arg(long)]
    pub no_tui: bool,
}

/// Longest a command may take on a damaged copy before it counts as hung.
const HANG: Duration = Duration::from_secs(20);

#[derive(Default)]
struct Tally {
    copies: usize,
    runs: usize,
    findings: Vec<String>,
    sound: usize,
    damaged: usize,
    slowest: Duration,
}

fn fail(msg: String) -> CliError {
    CliError {
        code: super::out::USER,
        message: msg,
    }
}

fn sha(path: &Path) -> Result<Vec<u8>, CliError> {
    // Byte for byte: the copies are small.
    std::fs::read(path).map_err(|e| fail(format!("{}: {e}", path.display())))
}

pub fn run(db: &Path, a: &DamageArgs) -> Result<(), CliError> {
    let started = Instant::now();
    let original = sha(db)?;
    let work = std::env::temp_dir().join(format!("baodao-damage-{}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(|e| fail(e.to_string()))?;
    let copy = work.join("ledger.redb");
    // The ledger's own records, for the clerk's dry-run import on every copy.
    let bundle = work.join("own.bundle");
    std::fs::write(&copy, &original).map_err(|e| fail(e.to_string()))?;
    let exported = headless(
        &copy,
        &["export", "bundle", &bundle.to_string_lossy(), "--force"],
    )?;
    if exported.code != Some(0) {
        return Err(fail(format!("export bundle: {}", exported.said)));
    }
    let mut t = Tally::default();
    let bits = original.len() as u64 * 8;
    let mut flips: Vec<u64> = (a.every / 2..bits)
        .step_by(a.every.max(1) as usize)
        .collect();
    if let Some(n) = a.limit {
        flips.truncate(n);
    }
    let flips_done = flips.len();
    let mut cases: Vec<(String, Vec<u8>)> = flips
        .into_iter()
        .map(|bit| {
            let mut b = original.clone();
            b[(bit / 8) as usize] ^= 1 << (bit % 8);
            (format!("bit {bit}"), b)
        })
        .collect();
    for i in 0..a.truncations {
        let len = original.len() as u64 * i / a.truncations.max(1);
        cases.push((
            format!("cut to {len} bytes"),
            original[..len as usize].to_vec(),
        ));
    }
    for (what, bytes) in cases {
        if crate::signals::requested() {
            break;
        }
        t.copies += 1;
        one_copy(&copy, &work, &what, &bytes, a, &mut t)?;
    }
    let _ = std::fs::remove_dir_all(&work);
    super::out::line(format!(
        "{} damaged copies ({flips_done} one-bit flips, every {} bits; {} cut short): {} commands run; check called {} sound and {} damaged; {} finding(s); slowest command {:.1} s; {:.0} s",
        t.copies,
        a.every,
        a.truncations,
        t.runs,
        t.sound,
        t.damaged,
        t.findings.len(),
        t.slowest.as_secs_f64(),
        started.elapsed().as_secs_f64()
    ))?;
    for f in &t.findings {
        super::out::line(f)?;
    }
    if t.findings.is_empty() {
        Ok(())
    } else {
        Err(fail(format!("{} finding(s)", t.findings.len())))
    }
}

struct Ran {
    code: Option<i32>,
    said: String,
    took: Duration,
}

fn one_copy(
    copy: &Path,
    work: &Path,
    what: &str,
    bytes: &[u8],
    a: &DamageArgs,
    t: &mut Tally,
) -> Result<(), CliError> {
    std::fs::write(copy, bytes).map_err(|e| fail(e.to_string()))?;
    let _ = std::fs::remove_file(crate::store::damage::note_path(copy));
    let out = work.join("out.bundle");
    let out = out.to_string_lossy();
    let own = work.join("own.bundle");
    let own = own.to_string_lossy();
    let commands: [&[&str]; 8] = [
        // A reviewer's commands, and a clerk's: none may write the file.
        &["check"],
        &["--read-only", "check"],
        &["report", "communities"],
        &["--read-only", "report", "roster", "--format", "csv"],
        &["search", "a"],
        &["export", "bundle", &out, "--force"],
        // A clerk's read-write opens that save nothing must not write either.
        &["import", "bundle", &own, "--dry-run"],
        &["save-stream", "--count", "0"],
    ];
    let mut checks = Vec::new();
    for args in commands {
        let ran = headless(copy, args)?;
        judge(what, args, &ran, bytes, copy, t)?;
        // A file cut short is a damaged file (exit 1 with the message), never an internal
        // error, and `check` never calls it sound.
        let cut = what.starts_with("cut to");
        if cut && (ran.code == Some(2) || (args.ends_with(&["check"]) && ran.code != Some(1))) {
            t.findings.push(format!(
                "{what}: {}: exit {:?}, not 1: {}",
                args.join(" "),
                ran.code,
                ran.said.trim()
            ));
        }
        if args.ends_with(&["check"]) {
            checks.push(ran.code);
        }
    }
    if checks.first() != checks.last() {
        t.findings.push(format!(
            "{what}: check exit {:?}, check --read-only exit {:?}",
            checks.first(),
            checks.last()
        ));
    }
    match checks.first() {
        Some(Some(0)) => t.sound += 1,
        _ => t.damaged += 1,
    }
    if !a.no_tui {
        let ran = tui(copy, &["--read-only"])?;
        judge(what, &["--read-only", "(TUI)"], &ran, bytes, copy, t)?;
        let ran = tui(copy, &[])?;
        judge(what, &["(TUI)"], &ran, bytes, copy, t)?;
    }
    Ok(())
}

fn judge(
    what: &str,
    args: &[&str],
    ran: &Ran,
    bytes: &[u8],
    copy: &Path,
    t: &mut Tally,
) -> Result<(), CliError> {
    t.runs += 1;
    t.slowest = t.slowest.max(ran.took);
    let cmd = args.join(" ");
    let mut found = |s: String| t.findings.push(format!("{what}: {cmd}: {s}"));
    match ran.code {
        None => found("hung or killed by a signal".into()),
        Some(101) => found(format!("panicked: {}", first_line(&ran.said))),
        Some(c) if c != 0 && ran.said.trim().is_empty() => {
            found(format!("exit {c} without a message"))
        }
        _ if ran.said.contains("panicked") => found(format!("panicked: {}", first_line(&ran.said))),
        _ => {}
    }
    if sha(copy)? != bytes {
        t.findings
            .push(format!("{what}: {cmd}: the copy was written"));
        std::fs::write(copy, bytes).map_err(|e| fail(e.to_string()))?;
    }
    Ok(())
}

fn first_line(s: &str) -> String {
    s.lines()
        .find(|l| l.contains("panicked"))
        .unwrap_or_default()
        .to_string()
}

fn exe() -> Result<PathBuf, CliError> {
    std::env::current_exe().map_err(|e| fail(e.to_string()))
}

fn base(copy: &Path) -> Result<Command, CliError> {
    let mut c = Command::new(exe()?);
    c.args(["--lang", "en", "--db"])
        .arg(copy)
        .env_remove("BAODAO_DB");
    Ok(c)
}

/// Waits for `child` up to [`HANG`], killing it after; `None` when it did not end by itself.
fn wait(child: &mut Child, t0: Instant) -> Option<i32> {
    while t0.elapsed() < HANG {
        match child.try_wait() {
            Ok(Some(s)) => return s.code(),
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(_) => return None,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

fn headless(copy: &Path, args: &[&str]) -> Result<Ran, CliError> {
    let log = copy.with_extension("log");
    let file = std::fs::File::create(&log).map_err(|e| fail(e.to_string()))?;
    let err = file.try_clone().map_err(|e| fail(e.to_string()))?;
    let t0 = Instant::now();
    let mut child = base(copy)?
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::from(file))
        .stderr(Stdio::from(err))
        .spawn()
        .map_err(|e| fail(e.to_string()))?;
    let code = wait(&mut child, t0);
    let said = String::from_utf8_lossy(&std::fs::read(&log).unwrap_or_default()).to_string();
    Ok(Ran {
        code,
        said,
        took: t0.elapsed(),
    })
}

/// The TUI in a pseudo-terminal of 80x24: waits for its first screen (or its exit), types
/// `q`, and reads everything it wrote.
fn tui(copy: &Path, args: &[&str]) -> Result<Ran, CliError> {
    let (master, slave) = crate::pty::open(80, 24).map_err(|e| fail(e.to_string()))?;
    crate::pty::set_nonblocking(&master);
    let t0 = Instant::now();
    let mut cmd = base(copy)?;
    cmd.args(args).env("NO_COLOR", "1").env("TERM", "xterm");
    crate::pty::attach(&mut cmd, slave, false).map_err(|e| fail(e.to_string()))?;
    let mut child = cmd.spawn().map_err(|e| fail(e.to_string()))?;
    let mut m = std::fs::File::from(master);
    let mut screen = Vec::new();
    let mut buf = [0u8; 8192];
    let mut typed = false;
    let code = loop {
        match m.read(&mut buf) {
            Ok(n) if n > 0 => screen.extend_from_slice(&buf[..n]),
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
        if let Ok(Some(s)) = child.try_wait() {
            // What it wrote last (a message on the way out) is still in the terminal.
            while let Ok(n) = m.read(&mut buf) {
                if n == 0 {
                    break;
                }
                screen.extend_from_slice(&buf[..n]);
            }
            break s.code();
        }
        if !typed && (screen.len() > 500 || t0.elapsed() > Duration::from_secs(3)) {
            std::thread::sleep(Duration::from_millis(300));
            let _ = std::io::Write::write_all(&mut m, b"q");
            typed = true;
        }
        if t0.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
    };
    Ok(Ran {
        code,
        said: String::from_utf8_lossy(&screen).to_string(),
        took: t0.elapsed(),
    })
}
