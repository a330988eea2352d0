//! The program at its edges: a closed stdout or stderr (`| head -1`), a terminal whose other
//! end has gone (the SSH client killed), SIGTERM, SIGHUP, SIGSTOP and SIGCONT. No panic, the
//! ledger closed cleanly (redb's own reader opens it afterwards without a repair), the exit
//! code documented in the README (0 ok, 1 a user's error, 2 internal, 3 the output went away,
//! 4 stopped by a signal).
use std::io::Read;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const OUTPUT_CLOSED: i32 = 3;
const STOPPED: i32 = 4;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_baodao")
}

fn demo_ledger(dir: &Path) -> PathBuf {
    let path = dir.join("ledger.redb");
    let out = Command::new(bin())
        .args(["demo", "--members", "60", "--db"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    path
}

fn sha256(path: &Path) -> String {
    let out = Command::new("sha256sum").arg(path).output().unwrap();
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// The file was closed cleanly: redb's shared reader, which refuses a file whose last writer
/// did not close, opens it.
fn closed_cleanly(path: &Path) -> bool {
    redb::Builder::new()
        .set_concurrency_mode(redb::ConcurrencyMode::MultiWriter)
        .open_read_only(path)
        .is_ok()
}

/// A pipe whose reading end is already closed: every write to it fails with EPIPE.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Stdio::from(writer)
}

fn cmd(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.args(["--lang", "en", "--db"]).arg(db).args(args);
    c.env_remove("BAODAO_DB").env("BAODAO_TODAY", "2026-11-22");
    c
}

fn code(o: &Output) -> i32 {
    o.status
        .code()
        .unwrap_or_else(|| panic!("ended by a signal: {o:?}"))
}

#[test]
fn every_printing_command_ends_cleanly_on_a_closed_stdout_or_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_ledger(dir.path());
    let d = dir.path().display().to_string();
    let roster = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/import/ledger_roster.csv"
    );
    let commands: Vec<Vec<String>> = [
        vec!["check"],
        vec!["--read-only", "check"],
        vec!["search", "z"],
        vec!["search", "z", "--format", "json"],
        vec!["report", "communities"],
        vec!["report", "roster", "--format", "csv"],
        vec!["report", "overview"],
        vec!["report", "card"],
        vec!["report", "feedback", "--format", "csv"],
        vec!["log"],
        vec!["--help"],
        vec!["import", "members", roster, "--dry-run"],
        vec!["export", "bundle", &format!("{d}/b.bundle"), "--force"],
        vec!["import", "bundle", &format!("{d}/b.bundle"), "--dry-run"],
        vec!["backup", &format!("{d}/copy.redb")],
        vec!["no-such-command"],
    ]
    .iter()
    .map(|v| v.iter().map(|s| s.to_string()).collect())
    .collect();
    for args in &commands {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let _ = std::fs::remove_file(dir.path().join("copy.redb"));
        let open = cmd(&db, &args).output().unwrap();
        let expected = code(&open);
        assert!(expected < 3, "{args:?}: {open:?}");
        let _ = std::fs::remove_file(dir.path().join("copy.redb"));
        let before = sha256(&db);

        let no_stdout = cmd(&db, &args).stdout(closed_pipe()).output().unwrap();
        let want = if open.stdout.is_empty() {
            expected
        } else {
            OUTPUT_CLOSED
        };
        let err = String::from_utf8_lossy(&no_stdout.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(code(&no_stdout), want, "{args:?} with stdout closed: {err}");
        let _ = std::fs::remove_file(dir.path().join("copy.redb"));

        let no_stderr = cmd(&db, &args).stderr(closed_pipe()).output().unwrap();
        assert_eq!(code(&no_stderr), expected, "{args:?} with stderr closed");
        let _ = std::fs::remove_file(dir.path().join("copy.redb"));

        // The real thing: the first line through `head -1`, with bash telling the exit code.
        let line = format!(
            "'{}' --lang en --db '{}' {} 2>'{d}/err' | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}",
            bin(),
            db.display(),
            args.iter()
                .map(|a| format!("'{a}'"))
                .collect::<Vec<_>>()
                .join(" ")
        );
        let piped = Command::new("bash").args(["-c", &line]).output().unwrap();
        let status: i32 = String::from_utf8_lossy(&piped.stdout)
            .trim()
            .parse()
            .unwrap();
        let err = std::fs::read_to_string(dir.path().join("err")).unwrap_or_default();
        assert!(!err.contains("panicked"), "{args:?} | head -1: {err}");
        // Short output fits in the pipe before head exits, so either code is right.
        assert!(
            status == expected || status == OUTPUT_CLOSED,
            "{args:?} | head -1: exit {status}: {err}"
        );
        // None of them writes the file, the dry-run imports included (they try the
        // changes on a copy in memory).
        assert_eq!(sha256(&db), before, "{args:?} wrote the ledger");
        assert!(closed_cleanly(&db), "{args:?} left the ledger unclosed");
    }
}

/// The TUI on `db` in a pseudo-terminal: with `controlling`, the terminal is the session's
/// controlling terminal (as under sshd), so its hang-up also sends SIGHUP.
fn tui_in_pty(db: &Path, controlling: bool) -> (Child, Pty) {
    let (master, slave) = baodao::pty::open(80, 24).unwrap();
    baodao::pty::set_nonblocking(&master);
    let mut c = cmd(db, &[]);
    c.env("NO_COLOR", "1").env("TERM", "xterm");
    baodao::pty::attach(&mut c, slave, controlling).unwrap();
    let child = c.spawn().unwrap();
    (
        child,
        Pty {
            master: std::fs::File::from(master),
            screen: Vec::new(),
        },
    )
}

/// The master side of the pseudo-terminal and everything the program wrote to it.
struct Pty {
    master: std::fs::File,
    screen: Vec<u8>,
}

impl Pty {
    /// Reads what the program wrote for `d`, so that it never blocks on a full terminal.
    fn pump(&mut self, d: Duration) {
        let start = Instant::now();
        let mut buf = [0u8; 4096];
        while start.elapsed() < d {
            match self.master.read(&mut buf) {
                Ok(n) if n > 0 => self.screen.extend_from_slice(&buf[..n]),
                _ => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }

    fn wait_for(&mut self, what: &str, from: usize) {
        let start = Instant::now();
        loop {
            if String::from_utf8_lossy(&self.screen[from..]).contains(what) {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "{what:?} never drawn: {:?}",
                String::from_utf8_lossy(&self.screen[from..])
            );
            self.pump(Duration::from_millis(50));
        }
    }

    fn fd(&self) -> i32 {
        self.master.as_raw_fd()
    }
}

fn wait_exit(child: &mut Child) -> i32 {
    let start = Instant::now();
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            return s
                .code()
                .unwrap_or_else(|| panic!("ended by a signal: {s:?}"));
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the program did not end"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_tui_ends_cleanly_when_its_terminal_goes_away() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_ledger(dir.path());
    for controlling in [false, true] {
        let (mut child, mut pty) = tui_in_pty(&db, controlling);
        // The first screen is up (the alternate screen entered, the panes drawn).
        pty.wait_for("Communities", 0);
        pty.pump(Duration::from_millis(700));
        // The far end goes away, as when sshd closes it after the clerk's client was killed.
        drop(pty);
        let code = wait_exit(&mut child);
        // With a controlling terminal the kernel sends SIGHUP too, and whichever comes first
        // ends the program: both are documented.
        let want: &[i32] = if controlling {
            &[OUTPUT_CLOSED, STOPPED]
        } else {
            &[OUTPUT_CLOSED]
        };
        assert!(
            want.contains(&code),
            "controlling {controlling}: exit {code}"
        );
        assert!(closed_cleanly(&db), "controlling {controlling}: not closed");
    }
}

fn termios(fd: i32) -> libc::termios {
    // SAFETY: zeroed termios is a valid out-value; fd is open.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        assert_eq!(libc::tcgetattr(fd, &mut t), 0);
        t
    }
}

fn raw(t: &libc::termios) -> bool {
    t.c_lflag & (libc::ICANON | libc::ECHO) == 0
}

#[test]
fn sigstop_and_sigcont_bring_back_raw_mode_and_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_ledger(dir.path());
    let (mut child, mut pty) = tui_in_pty(&db, true);
    pty.wait_for("Communities", 0);
    pty.pump(Duration::from_millis(700));
    let running = termios(pty.fd());
    assert!(raw(&running), "raw mode while running");
    let pid = child.id() as libc::pid_t;
    // SAFETY: signalling our own child.
    unsafe { libc::kill(pid, libc::SIGSTOP) };
    pty.pump(Duration::from_millis(200));
    // What a shell does to a stopped job's terminal: back to its own (cooked) settings.
    let mut cooked = running;
    cooked.c_lflag |= libc::ICANON | libc::ECHO | libc::ISIG;
    // SAFETY: a valid termios for the open master.
    unsafe { libc::tcsetattr(pty.fd(), libc::TCSANOW, &cooked) };
    assert!(!raw(&termios(pty.fd())));
    let mark = pty.screen.len();
    // SAFETY: as above.
    unsafe { libc::kill(pid, libc::SIGCONT) };
    // Back in the alternate screen, the whole screen drawn again (a pane title among it).
    pty.wait_for("\u{1b}[?1049h", mark);
    pty.wait_for("Communities", mark);
    assert!(raw(&termios(pty.fd())), "raw mode after SIGCONT");
    // SAFETY: as above.
    unsafe { libc::kill(pid, libc::SIGTERM) };
    pty.pump(Duration::from_millis(300));
    assert_eq!(wait_exit(&mut child), STOPPED);
    assert!(closed_cleanly(&db));
}
