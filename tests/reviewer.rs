//! A reviewer is never locked out by a clerk's process dying: after a SIGKILL in the middle of
//! a stream of saves, a user who may read the file but not write it opens it `--read-only`,
//! sees every acknowledged save, and the file is byte for byte what it was.

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use baodao::domain::*;
use baodao::store::{Ledger, OpenOptions};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_baodao"))
}

fn sha256(path: &Path) -> String {
    let out = Command::new("sha256sum").arg(path).output().unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

/// A 30-member demo ledger in a directory others may enter.
fn demo_ledger() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.redb");
    let status = Command::new(bin())
        .args(["demo", "--members", "30", "--db"])
        .arg(&path)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    (dir, path)
}

/// Streams saves, kills the writer with SIGKILL after `after` acknowledged ones (a running
/// save may be half-written) and returns every id it acknowledged.
fn kill_writer_mid_stream(path: &Path, after: usize) -> HashSet<Id> {
    let mut child = Command::new(bin())
        .args(["save-stream", "--count", "100000", "--db"])
        .arg(path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut acked = HashSet::new();
    while let Some(Ok(line)) = lines.next() {
        acked.insert(line.parse::<Id>().unwrap());
        if acked.len() >= after {
            break;
        }
    }
    child.kill().unwrap();
    let _ = child.wait();
    for line in lines.map_while(Result::ok) {
        acked.insert(line.parse::<Id>().unwrap());
    }
    acked
}

fn read_only(path: &Path) -> Ledger {
    Ledger::open(
        path,
        OpenOptions {
            read_only: true,
            ..Default::default()
        },
    )
    .expect("a read-only open after the writer died")
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Runs the program as a user who may read the ledger but not write it: uid 65534 when the
/// tests run as root (root may write any file), else the test's own user on a file made
/// read-only.
fn as_reader(path: &Path, args: &[&str]) -> Output {
    let mut cmd = if is_root() {
        let dir = path.parent().unwrap();
        std::fs::set_permissions(dir, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
        std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(0o644))
            .unwrap();
        let mut c = Command::new("setpriv");
        c.args([
            "--reuid",
            "65534",
            "--regid",
            "65534",
            "--clear-groups",
            "--",
        ]);
        c.arg(bin());
        c
    } else {
        std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(0o444))
            .unwrap();
        Command::new(bin())
    };
    cmd.args(["--lang", "en", "--read-only", "--db"])
        .arg(path)
        .args(args)
        .env_remove("BAODAO_DB")
        .output()
        .unwrap()
}

#[test]
fn after_a_writer_is_killed_a_reader_without_write_permission_sees_every_save() {
    let (_d, path) = demo_ledger();
    for (round, after) in [7, 60].into_iter().enumerate() {
        let acked = kill_writer_mid_stream(&path, after);
        // The premise: redb's own shared reader refuses this file (its writer died).
        let plain = redb::Builder::new()
            .set_concurrency_mode(redb::ConcurrencyMode::MultiWriter)
            .open_read_only(&path);
        assert!(
            matches!(plain, Err(redb::DatabaseError::RepairAborted)),
            "round {round}: the killed writer left a clean file: {:?}",
            plain.map(drop)
        );
        let before = sha256(&path);

        let out = as_reader(&path, &["check"]);
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "round {round}: {said}");
        assert!(said.contains("sound"), "{said}");
        let out = as_reader(&path, &["search", "曾", "--limit", "1"]);
        assert_eq!(out.status.code(), Some(0), "round {round}");
        // The reader's own process sees every acknowledged save: each is logged in the
        // commit that saved it, and the log names the record.
        let out = as_reader(&path, &["log", "--limit", "100000"]);
        assert_eq!(out.status.code(), Some(0), "round {round}: {out:?}");
        let log = String::from_utf8_lossy(&out.stdout);
        let unseen: Vec<&Id> = acked
            .iter()
            .filter(|id| !log.contains(&id.to_string()))
            .collect();
        assert!(
            unseen.is_empty(),
            "round {round}: the reader does not see {} acknowledged saves",
            unseen.len()
        );
        if is_root() {
            // The premise: the reader really may not write the file.
            let probe = Command::new("setpriv")
                .args([
                    "--reuid",
                    "65534",
                    "--regid",
                    "65534",
                    "--clear-groups",
                    "--",
                ])
                .args(["sh", "-c", "test -w \"$0\"", path.to_str().unwrap()])
                .status()
                .unwrap();
            assert!(
                !probe.success(),
                "round {round}: uid 65534 may write the file"
            );
        }

        // With write permission too (root, or the owner), a read-only open never writes.
        let ledger = read_only(&path);
        let stored: HashSet<Id> = ledger
            .view()
            .unwrap()
            .all::<ServiceRecord>()
            .unwrap()
            .into_iter()
            .map(|s| s.id)
            .collect();
        let missing = acked.difference(&stored).count();
        assert_eq!(missing, 0, "round {round}: acknowledged saves missing");
        drop(ledger);
        assert_eq!(sha256(&path), before, "round {round}: the file was written");
        std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o600))
            .unwrap();
    }
}

#[test]
fn a_reader_follows_a_clerk_who_comes_back_after_the_crash() {
    let (_d, path) = demo_ledger();
    let first = kill_writer_mid_stream(&path, 5);
    let reader = read_only(&path);
    let count = |l: &Ledger| l.view().unwrap().all::<ServiceRecord>().unwrap().len();
    let seen = count(&reader);
    // A clerk opens the file (repairing it) and saves while the reviewer keeps it open.
    let out = Command::new(bin())
        .args(["save-stream", "--count", "20", "--db"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let view = reader.view().unwrap();
    let now: HashSet<Id> = view
        .all::<ServiceRecord>()
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(now.len(), seen + 20);
    assert!(first.is_subset(&now));
    drop(view);
    drop(reader);
    let out = Command::new(bin())
        .args(["check", "--db"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
