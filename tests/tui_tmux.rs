//! The real binary in a real terminal: a tmux session at 80x24 on a demo ledger, driven by
//! keys alone from the start to a member's service card and back, through help and a filter,
//! to quitting — with the terminal settings (`stty -g`, taken in the pane's own shell before
//! and after) exactly as they were.
//!
//! tmux is required: CI installs it. Without it this test fails and says so, rather than
//! passing without having looked at anything.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::tmux::{Tmux, demo};

const BIN: &str = env!("CARGO_BIN_EXE_baodao");

fn wait_for_file(path: &Path) -> String {
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && !text.trim().is_empty()
        {
            return text.trim().to_string();
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{} never written: the program did not exit",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Single-quoted for the pane's shell.
fn quoted(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

#[test]
fn keys_alone_from_start_to_a_card_and_back_at_80x24() {
    let tmux = Tmux::new("keys");
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let (before, after) = (dir.path().join("before"), dir.path().join("after"));
    // A config dir of its own, so the machine's keys.toml cannot change the keys; its one
    // bad line must be reported at start while the default keys keep working.
    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("baodao")).expect("config dir");
    std::fs::write(config.join("baodao/keys.toml"), "list.move_dwn = \"n\"\n").expect("keys");
    tmux.run(&["new-session", "-d", "-s", "t", "-x", "80", "-y", "24", "sh"]);
    let line = format!(
        "stty -g > {}; XDG_CONFIG_HOME={} BAODAO_TODAY=2026-11-22 {} --db {} --clerk 测试员; stty -g > {}",
        quoted(&before),
        quoted(&config),
        quoted(Path::new(BIN)),
        quoted(&db),
        quoted(&after),
    );
    tmux.send(&[&line, "Enter"]);
    // The whole first frame (a capture may catch one half-written).
    let start = tmux.wait_until("the first frame with its status line", |s| {
        s.contains("报到台账") && s.contains("keys.toml")
    });
    assert!(
        start.contains("╔ 1 社区"),
        "starts in the communities:\n{start}"
    );
    assert!(start.contains("2026-11-22") && start.contains("测试员"));
    assert!(
        start.contains("keys.toml 第 1 行"),
        "bad config reported:\n{start}"
    );

    // To the members, the second one, then its card; open a row of it and come back.
    tmux.send(&["Tab"]);
    tmux.wait_for("╔ 2 党员");
    tmux.send(&["j"]);
    tmux.send(&["Tab", "Tab"]);
    let card = tmux.wait_for("╔ 4 服务记录卡");
    assert!(card.contains("个人累计社区服务活动时间"), "{card}");
    tmux.send(&["Enter"]);
    tmux.wait_for("服务记录 ·");
    // Esc alone (tmux would merge it with a following key into Alt-key).
    tmux.send(&["Escape"]);
    tmux.wait_until("the detail closed", |s| !s.contains("服务记录 ·"));
    tmux.send(&["BTab", "BTab", "BTab"]);
    tmux.wait_for("╔ 1 社区");

    // Help for the list, then closed.
    tmux.send(&["?"]);
    let help = tmux.wait_for("按键帮助");
    assert!(help.contains("筛选"), "{help}");
    tmux.send(&["Escape"]);
    tmux.wait_until("help closed", |s| !s.contains("按键帮助"));

    // A filter by pinyin initials narrows the community list as it is typed.
    tmux.send(&["/"]);
    tmux.send(&["z", "x", "c"]);
    let filtered = tmux.wait_for("1 社区 (1)");
    assert!(filtered.contains("紫鑫城社区"), "{filtered}");
    tmux.send(&["Escape"]);
    tmux.wait_for("1 社区 (12)");

    tmux.send(&["q"]);
    let after = wait_for_file(&after);
    let before = wait_for_file(&before);
    assert_eq!(before, after, "the terminal settings changed");
    assert!(
        !tmux.screen().contains("报到台账"),
        "the screen was restored"
    );
}

/// A dropped SSH session or a closed tmux pane: the program must end by itself, not keep
/// reading end-of-file at full speed with nobody there.
#[test]
fn closing_the_pane_ends_the_program() {
    let tmux = Tmux::new("hangup");
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    // A second session keeps the tmux server alive after the first is killed.
    tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "keep",
        "-x",
        "80",
        "-y",
        "24",
        "sh",
    ]);
    let cmd = format!("{} --db {}", quoted(Path::new(BIN)), quoted(&db));
    tmux.run(&["new-session", "-d", "-s", "t", "-x", "80", "-y", "24", &cmd]);
    tmux.wait_for("报到台账");
    let pid = String::from_utf8_lossy(
        &tmux
            .run(&["display-message", "-p", "-t", "t", "#{pane_pid}"])
            .stdout,
    )
    .trim()
    .to_string();
    tmux.run(&["kill-session", "-t", "t"]);
    let start = Instant::now();
    while Path::new(&format!("/proc/{pid}")).exists() {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "baodao (pid {pid}) still runs 5 s after its terminal went away"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Keys sent together reach the program together (often in one read): each is handled, in
/// order, and Esc is never merged with the key after it nor swallows it.
#[test]
fn keys_sent_together_are_each_handled() {
    let tmux = Tmux::new("burst");
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let cmd = format!(
        "BAODAO_TODAY=2026-11-22 {} --db {} --lang en",
        quoted(Path::new(BIN)),
        quoted(&db)
    );
    tmux.run(&["new-session", "-d", "-s", "t", "-x", "80", "-y", "24", &cmd]);
    tmux.wait_for("Communities");

    // Esc then F8 in one go: the readiness overlay closes and the requests open.
    tmux.send(&["F7"]);
    tmux.wait_for("Readiness");
    tmux.send(&["Escape", "F8"]);
    let screen = tmux.wait_for("Requests");
    assert!(!screen.contains("Readiness"), "{screen}");
    // Esc then a plain key: not Alt-key.
    tmux.send(&["Escape", "?"]);
    tmux.wait_for("Keys");

    // A burst of 30 characters and an input method's phrase into a form, in order.
    tmux.send(&["Escape", "2", "a"]);
    tmux.wait_for("Name*");
    let burst = "abcdefghijklmnopqrstuvwxyz0123";
    tmux.run(&["send-keys", "-t", "t", "-l", burst]);
    tmux.wait_for(burst);
    tmux.send(&["C-u"]);
    tmux.run(&["send-keys", "-t", "t", "-l", "清理小区卫生死角"]);
    tmux.wait_until("the phrase whole in the name field", |s| {
        s.lines()
            .any(|l| l.contains("║ Name*") && l.contains(" 清理小区卫生死角 "))
    });
}
