//! The damage harness, small: copies of a demo ledger with one bit flipped, and cut short, under
//! every command (the TUI in a pseudo-terminal too). No panic, no write to the file, a message
//! for every failure, and `check` agreeing with `check --read-only`; the long run's figures
//! are in the README.
use std::process::Command;

#[test]
fn damaged_copies_give_messages_never_panics_or_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.redb");
    let bin = env!("CARGO_BIN_EXE_baodao");
    let made = Command::new(bin)
        .args(["demo", "--members", "30", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let out = Command::new(bin)
        .args([
            "stress",
            "damage",
            "--every",
            "1500007",
            "--limit",
            "4",
            "--truncations",
            "3",
            "--db",
        ])
        .arg(&db)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Four flips and three cuts (the empty file among them) were really run, and the empty
    // and cut copies were called damaged.
    assert!(
        said.starts_with("7 damaged copies (4 one-bit flips"),
        "{said}"
    );
    assert!(said.contains(" 0 finding(s)"), "{said}");
    let damaged: usize = said
        .split("sound and ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(damaged >= 3, "{said}");
}
