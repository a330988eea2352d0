//! A private tmux server for driving the real binary in a real terminal.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A tmux server on its own socket (tests run in parallel), killed when dropped.
pub struct Tmux {
    socket: String,
    /// Keys sent with [`Tmux::key`]: what typing costs beyond the text itself.
    pub extra: usize,
}

impl Tmux {
    /// `tag` keeps tests that run in parallel on servers of their own.
    pub fn new(tag: &str) -> Tmux {
        match Command::new("tmux").arg("-V").output() {
            Ok(o) if o.status.success() => {}
            _ => panic!(
                "tmux is not installed: this test drives the program in a real terminal through \
                 tmux (apt-get install tmux); it does not pass without it"
            ),
        }
        Tmux {
            socket: format!("baodao-test-{}-{tag}", std::process::id()),
            extra: 0,
        }
    }

    pub fn run(&self, args: &[&str]) -> Output {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("run tmux");
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Keys to the session named `t`.
    pub fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend(keys);
        self.run(&args);
    }

    /// A key that is not text (counted in `extra`).
    pub fn key(&mut self, key: &str) {
        self.extra += 1;
        self.send(&[key]);
    }

    /// Text typed literally (not counted).
    pub fn text(&self, text: &str) {
        self.run(&["send-keys", "-t", "t", "-l", text]);
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    /// Waits until the screen shows `what`; fails with the screen when it does not in time.
    pub fn wait_for(&self, what: &str) -> String {
        self.wait_until(what, |s| s.contains(what))
    }

    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "waited 20 s for {what:?}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

/// A demo ledger in `dir`, with today fixed.
pub fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("demo.redb");
    let out = Command::new(super::bin())
        .args(["demo", "--db"])
        .arg(&db)
        .env("BAODAO_TODAY", "2026-11-22")
        .output()
        .expect("run baodao demo");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    db
}
