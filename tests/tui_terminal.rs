//! The terminal comes back exactly as it was (`stty -g` before = after) after a normal quit, a
//! panic, SIGTERM, SIGHUP, and a storage error under the real program (its ledger file cut
//! short while it runs).
//!
//! Each case runs this test binary again, as the child (selected by an environment variable),
//! inside a pseudo-terminal made by util-linux `script`, with a shell around it that records
//! `stty -g` before and after. The child also records the settings while it is in raw mode, to
//! show the comparison can tell the two apart. The binary has its own `main` (no test harness)
//! so that the child is not a test of its own.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use baodao::tui::terminal::{self, Input, Signals};

const MODE: &str = "BAODAO_TEST_TERM_MODE";
const DIR: &str = "BAODAO_TEST_TERM_DIR";

/// Runs inside the pseudo-terminal.
fn child() {
    let mode = std::env::var(MODE).expect("mode");
    let dir = PathBuf::from(std::env::var(DIR).expect("dir"));
    let signals = Signals::register().expect("signals");
    let mut guard = terminal::enter().expect("enter");
    guard
        .terminal()
        .draw(|f| f.render_widget("报到台账", f.area()))
        .expect("draw");
    let raw = Command::new("stty")
        .arg("-g")
        .stdin(Stdio::inherit())
        .output()
        .expect("stty");
    std::fs::write(dir.join("during"), raw.stdout).expect("write");
    match mode.as_str() {
        "quit" => drop(guard),
        "panic" => panic!("deliberate panic to test the hook"),
        "signal" => {
            std::fs::write(dir.join("pid"), std::process::id().to_string()).expect("pid");
            let start = Instant::now();
            loop {
                let input = terminal::next_input(&signals, Duration::from_millis(200));
                if let Ok(Some(Input::Shutdown)) = input {
                    std::fs::write(dir.join("shutdown"), "").expect("write");
                    break;
                }
                assert!(start.elapsed() < Duration::from_secs(20), "no signal came");
            }
            drop(guard);
        }
        other => panic!("unknown mode {other}"),
    }
}

struct Run {
    before: String,
    during: String,
    after: String,
    dir: tempfile::TempDir,
}

fn script_available() -> bool {
    Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .trim()
        .to_string()
}

/// Runs the child in `mode` inside `script`; `signal`, if given, is sent once the child waits.
fn run(mode: &str, signal: Option<&str>) -> Run {
    let dir = tempfile::tempdir().expect("tempdir");
    let exe = std::env::current_exe().expect("test binary");
    let d = dir.path().display();
    let shell = format!(
        "stty -g > '{d}/before'; '{}' > '{d}/child.log' 2>&1; stty -g > '{d}/after'",
        exe.display()
    );
    let mut script = Command::new("script")
        .args(["-q", "-e", "-c", &shell, "/dev/null"])
        .env(MODE, mode)
        .env(DIR, dir.path())
        // An open pipe that nobody writes: the pseudo-terminal gets no input and no EOF.
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("script");
    if let Some(sig) = signal {
        let pid_file = dir.path().join("pid");
        let start = Instant::now();
        while !pid_file.exists() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "child never started"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(50));
        let pid = read(dir.path(), "pid");
        let status = Command::new("kill")
            .args([&format!("-{sig}"), &pid])
            .status()
            .expect("kill");
        assert!(status.success());
    }
    let _ = script.wait().expect("wait");
    Run {
        before: read(dir.path(), "before"),
        during: read(dir.path(), "during"),
        after: read(dir.path(), "after"),
        dir,
    }
}

fn check(mode: &str, signal: Option<&str>) -> Option<Run> {
    assert!(
        script_available(),
        "util-linux `script` is needed to run the program in a pseudo-terminal (apt-get install \
         util-linux); without it the terminal restore is not checked"
    );
    let r = run(mode, signal);
    assert_ne!(r.before, r.during, "raw mode should change the settings");
    assert_eq!(r.before, r.after, "{mode}: terminal not restored");
    Some(r)
}

fn normal_quit_restores_the_terminal() {
    check("quit", None);
}

fn panic_restores_the_terminal_before_the_message() {
    if let Some(r) = check("panic", None) {
        let log = std::fs::read_to_string(r.dir.path().join("child.log")).unwrap_or_default();
        let msg = log.find("deliberate panic").expect("panic message printed");
        // The screen was left (ESC [ ? 1049 l) before the message was written.
        let left = log
            .find("\u{1b}[?1049l")
            .expect("left the alternate screen");
        assert!(left < msg, "message printed inside the alternate screen");
    }
}

fn sigterm_ends_the_loop_and_restores_the_terminal() {
    if let Some(r) = check("signal", Some("TERM")) {
        assert!(r.dir.path().join("shutdown").exists());
    }
}

fn sighup_ends_the_loop_and_restores_the_terminal() {
    if let Some(r) = check("signal", Some("HUP")) {
        assert!(r.dir.path().join("shutdown").exists());
    }
}

/// The real program on a ledger that is truncated under it: the next reads fail, the status
/// line says so, and quitting leaves the terminal as it was; a clerk who saved nothing leaves
/// the file as it was cut.
fn storage_error_restores_the_terminal() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let ledger = d.join("ledger.redb");
    let exe = env!("CARGO_BIN_EXE_baodao");
    let made = Command::new(exe)
        .args(["demo", "--members", "300", "--db"])
        .arg(&ledger)
        .output()
        .expect("demo");
    assert!(made.status.success(), "{made:?}");
    // A screen of 80x24 (a pseudo-terminal made without one has no size); the size is not
    // among the settings `stty -g` records.
    let shell = format!(
        "stty rows 24 cols 80; stty -g > '{p}/before'; '{exe}' --db '{p}/ledger.redb' \
         2> '{p}/err.log'; echo $? > '{p}/code'; stty -g > '{p}/after'",
        p = d.display()
    );
    // What the program draws is kept (flushed as it comes) to see when the first screen is up.
    let screen = d.join("screen");
    let mut script = Command::new("script")
        .args(["-q", "-e", "-f", "-c", &shell])
        .arg(&screen)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("script");
    let mut keys = script.stdin.take().expect("stdin");
    let start = Instant::now();
    while !d.join("before").exists() {
        assert!(start.elapsed() < Duration::from_secs(20), "never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    // The first frame is drawn once the first screen's reads are done: wait for it (the
    // ledger's name in the header), then cut the file below redb's minimum layout.
    let start = Instant::now();
    while !std::fs::read(&screen).is_ok_and(|b| String::from_utf8_lossy(&b).contains("ledger.redb"))
    {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the first screen never came: {:?}",
            std::fs::read_to_string(&screen).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    std::fs::OpenOptions::new()
        .write(true)
        .open(&ledger)
        .and_then(|f| f.set_len(4096))
        .expect("truncate");
    // Moves that read pages not read yet, then quit.
    for k in ["j", "j", "j", "2", "j", "j", "3", "j", "4", "j", "q"] {
        keys.write_all(k.as_bytes()).expect("key");
        keys.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(250));
    }
    let start = Instant::now();
    while script.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            let _ = script.kill();
            panic!("the program did not quit after the storage error");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(keys);
    assert_eq!(read(d, "before"), read(d, "after"), "terminal not restored");
    let err = read(d, "err.log");
    let code = read(d, "code");
    // A read that met the cut (pages not in the cache) is reported on the status line and
    // the program goes on; whatever it met, it ends with a message or cleanly, and a clerk
    // who saved nothing leaves the cut file as it was (redb's writer was never opened).
    assert!(
        code == "0" || err.contains("存储") || err.contains("截短"),
        "exit {code} without a message: {err:?}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        std::fs::metadata(&ledger).map(|m| m.len()).unwrap_or(0),
        4096,
        "the cut file was written"
    );
}

fn main() {
    if std::env::var_os(MODE).is_some() {
        child();
        return;
    }
    normal_quit_restores_the_terminal();
    panic_restores_the_terminal_before_the_message();
    sigterm_ends_the_loop_and_restores_the_terminal();
    sighup_ends_the_loop_and_restores_the_terminal();
    storage_error_restores_the_terminal();
    println!("terminal restored after a quit, a panic, SIGTERM, SIGHUP and a storage error");
}
