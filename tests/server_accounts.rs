//! One ledger on a server, used by real OS accounts: `init` as root, a clerk's account writes,
//! a reviewer's account reads `--read-only`, an account outside both groups is refused, and every
//! file in the ledger's directory keeps the layout (checked with `getfacl`, independently of the
//! program's own ACL code). Creating accounts needs root: as anyone else the test says why it
//! skips. The accounts and groups get unique names and are removed afterwards.
mod common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The accounts and groups made for the test, removed when it ends, passing or not.
struct Accounts {
    clerks: String,
    reviewers: String,
    clerk: String,
    reviewer: String,
    outsider: String,
}

impl Accounts {
    fn create() -> Accounts {
        let tag = format!(
            "bd{}{}",
            std::process::id() % 100_000,
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_micros() % 1000)
        );
        let a = Accounts {
            clerks: format!("{tag}clerks"),
            reviewers: format!("{tag}revs"),
            clerk: format!("{tag}c"),
            reviewer: format!("{tag}r"),
            outsider: format!("{tag}x"),
        };
        sh("groupadd", &[&a.clerks]);
        sh("groupadd", &[&a.reviewers]);
        let nologin = "/usr/sbin/nologin";
        sh("useradd", &["-M", "-s", nologin, "-G", &a.clerks, &a.clerk]);
        sh(
            "useradd",
            &["-M", "-s", nologin, "-G", &a.reviewers, &a.reviewer],
        );
        sh("useradd", &["-M", "-s", nologin, &a.outsider]);
        a
    }
}

impl Drop for Accounts {
    fn drop(&mut self) {
        for user in [&self.clerk, &self.reviewer, &self.outsider] {
            let _ = Command::new("userdel").arg(user).output();
        }
        for group in [&self.clerks, &self.reviewers] {
            let _ = Command::new("groupdel").arg(group).output();
        }
    }
}

fn sh(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd}: {e}"));
    assert!(
        out.status.success(),
        "{cmd} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A test thread that forks while the copy is being written hands its child the copy's write
/// descriptor until that child execs; running the copy in that moment fails with "Text file
/// busy". The descriptor is closed here once the copy returns, so once one run gets through
/// no later one can meet it.
fn wait_until_runnable(bin: &Path) {
    for _ in 0..200 {
        match Command::new(bin).arg("--version").output() {
            Err(e) if e.raw_os_error() == Some(libc::ETXTBSY) => {
                std::thread::sleep(std::time::Duration::from_millis(10))
            }
            Err(e) => panic!("{}: {e}", bin.display()),
            Ok(_) => return,
        }
    }
    panic!("{} stayed busy", bin.display());
}

/// The program run as `user` (root when `None`), in English.
fn baodao(bin: &Path, user: Option<&str>, args: &[&str]) -> Output {
    let mut c = match user {
        Some(u) => {
            let mut c = Command::new("runuser");
            c.args(["-u", u, "--"]).arg(bin);
            c
        }
        None => Command::new(bin),
    };
    c.args(["--lang", "en"])
        .args(args)
        .env_remove("BAODAO_DB")
        .output()
        .expect("run baodao")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "{}", text(&out));
    text(&out)
}

fn gid(name: &str) -> u32 {
    let line = sh("getent", &["group", name]);
    line.split(':').nth(2).unwrap().trim().parse().unwrap()
}

/// Every entry of the ledger's directory: the directory `2770` with the reviewers' `r-x` (also
/// as the default for new files), every file `0660` of the clerks' group with the reviewers'
/// `r--`, nothing for anyone else.
fn assert_layout(dir: &Path, a: &Accounts) {
    let clerks = gid(&a.clerks);
    let meta = std::fs::metadata(dir).unwrap();
    assert_eq!(meta.mode() & 0o7777, 0o2770, "{}", dir.display());
    assert_eq!(meta.gid(), clerks);
    let acl = sh("getfacl", &["-p", &dir.display().to_string()]);
    for line in [
        format!("group:{}:r-x", a.reviewers),
        format!("default:group:{}:r-x", a.reviewers),
        "other::---".to_string(),
    ] {
        assert!(acl.lines().any(|l| l == line), "{line} not in\n{acl}");
    }
    let mut files = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let meta = std::fs::metadata(&path).unwrap();
        assert!(meta.is_file(), "{}", path.display());
        assert_eq!(meta.mode() & 0o7777, 0o660, "{}", path.display());
        assert_eq!(meta.gid(), clerks, "{}", path.display());
        let acl = sh("getfacl", &["-p", &path.display().to_string()]);
        let want = [
            "group::rw-".to_string(),
            format!("group:{}:r--", a.reviewers),
            "mask::rw-".to_string(),
            "other::---".to_string(),
        ];
        for line in want {
            assert!(acl.lines().any(|l| l == line), "{line} not in\n{acl}");
        }
        files += 1;
    }
    assert!(
        files >= 4,
        "the ledger, a backup, a migrated ledger and its copy"
    );
}

#[test]
fn clerks_write_reviewers_read_and_others_are_refused() {
    // SAFETY: geteuid cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        println!("skipped: creating OS accounts and groups needs root");
        return;
    }
    let a = Accounts::create();
    let root = tempfile::tempdir().unwrap();
    // The accounts must pass through the test's directory and run the program from it.
    std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let bin = root.path().join("baodao");
    std::fs::copy(env!("CARGO_BIN_EXE_baodao"), &bin).unwrap();
    wait_until_runnable(&bin);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let csv = |name: &str| -> PathBuf {
        let to = root.path().join(name);
        std::fs::copy(fixtures.join("import").join(name), &to).unwrap();
        std::fs::set_permissions(&to, std::fs::Permissions::from_mode(0o644)).unwrap();
        to
    };
    let communities = csv("ledger_communities.csv");
    let roster = csv("ledger_roster.csv");
    let dir = root.path().join("srv");
    let ledger = dir.join("ledger.redb");
    let db = ledger.to_str().unwrap();

    let init = [
        "init",
        "--db",
        db,
        "--clerks",
        &a.clerks,
        "--reviewers",
        &a.reviewers,
    ];
    let said = ok(baodao(&bin, None, &init));
    assert!(said.contains("ledger ready"), "{said}");

    // A clerk's own account writes.
    let clerk = Some(a.clerk.as_str());
    let c = communities.to_str().unwrap();
    ok(baodao(
        &bin,
        clerk,
        &["import", "communities", c, "--db", db],
    ));
    let r = roster.to_str().unwrap();
    let members = ["import", "members", r, "--community", "紫鑫城社区"];
    ok(baodao(
        &bin,
        clerk,
        &[&members[..], &["--db", db, "--clerk", "张丽"]].concat(),
    ));
    // The audit knows the person by their own account, whatever name they gave.
    let opened = baodao::store::Ledger::open(
        &ledger,
        baodao::store::OpenOptions {
            read_only: true,
            ..Default::default()
        },
    )
    .unwrap();
    let audit = opened.view().unwrap().audit_recent(100).unwrap();
    drop(opened);
    let members_saved = audit.iter().filter(|e| e.kind == "member");
    assert!(
        members_saved.clone().count() >= 3
            && members_saved
                .into_iter()
                .all(|e| e.account == a.clerk && e.clerk == "张丽"),
        "{audit:#?}"
    );
    let backup = dir.join("backup.redb");
    let b = backup.to_str().unwrap();
    ok(baodao(&bin, clerk, &["backup", b, "--db", db]));

    // A ledger of an older schema, migrated by the clerk: the copy kept first is shared too.
    let old = dir.join("old.redb");
    std::fs::copy(fixtures.join("ledger-v1.redb"), &old).unwrap();
    let adopt = [&init[..], &["--existing"]].concat();
    ok(baodao(&bin, None, &adopt));
    // (`check` never writes, so a clerk's import is what migrates it.)
    ok(baodao(
        &bin,
        clerk,
        &["import", "communities", c, "--db", old.to_str().unwrap()],
    ));
    assert!(dir.join("old.schema1.bak.redb").exists());
    // A new ledger a clerk makes beside it joins the layout.
    let second = dir.join("second.redb");
    ok(baodao(
        &bin,
        clerk,
        &["import", "communities", c, "--db", second.to_str().unwrap()],
    ));

    // The reviewer reads, and may not write.
    let reviewer = Some(a.reviewer.as_str());
    let found = ok(baodao(
        &bin,
        reviewer,
        &["search", "王建国", "--read-only", "--db", db],
    ));
    assert!(found.contains("王建国"), "{found}");
    let refused = baodao(&bin, reviewer, &[&members[..], &["--db", db]].concat());
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(text(&refused).contains("open it with --read-only"));

    // Someone in neither group reaches nothing, and is told which groups do.
    let outsider = baodao(
        &bin,
        Some(&a.outsider),
        &["search", "王", "--read-only", "--db", db],
    );
    assert_eq!(outsider.status.code(), Some(1), "{}", text(&outsider));
    let said = text(&outsider);
    for want in [
        format!("account {} has no access", a.outsider),
        format!("group {}", a.clerks),
        format!("group {}", a.reviewers),
    ] {
        assert!(said.contains(&want), "{want} not in {said}");
    }

    assert_layout(&dir, &a);

    // A ledger shared with no group names its owner instead.
    let private = root.path().join("private.redb");
    let p = private.to_str().unwrap();
    ok(baodao(&bin, None, &["demo", "--members", "30", "--db", p]));
    let refused = baodao(&bin, Some(&a.outsider), &["check", "--db", p]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(
        text(&refused).contains("Only account root writes it"),
        "{}",
        text(&refused)
    );

    // init does not change an existing ledger's access without being asked.
    std::fs::set_permissions(&backup, std::fs::Permissions::from_mode(0o600)).unwrap();
    let refused = baodao(&bin, None, &init);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(
        text(&refused).contains("mode 0600 → 0660"),
        "{}",
        text(&refused)
    );
    let mode = std::fs::metadata(&backup).unwrap().mode() & 0o7777;
    assert_eq!(mode, 0o600);
    ok(baodao(&bin, None, &adopt));
    assert_layout(&dir, &a);
}

#[test]
fn a_ledger_the_world_can_read_is_warned_about_once_with_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("ledger.redb");
    let db = ledger.to_str().unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_baodao"));
    ok(baodao(bin, None, &["demo", "--members", "30", "--db", db]));
    std::fs::set_permissions(&ledger, std::fs::Permissions::from_mode(0o644)).unwrap();
    // `search` opens the ledger twice (to read, then to store its index).
    let out = baodao(bin, None, &["search", "王", "--db", db]);
    let said = String::from_utf8_lossy(&out.stderr);
    let fix = format!("fix: chmod o-rwx {db}");
    assert_eq!(said.matches(&fix).count(), 1, "{said}");
    assert!(said.contains("can read this ledger (mode 0644)"), "{said}");

    // A private ledger in a directory shared with a group (setgid) is one its members cannot open.
    std::fs::set_permissions(&ledger, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o2770)).unwrap();
    let out = baodao(bin, None, &["check", "--db", db]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("shares this directory but cannot open this ledger"),
        "{said}"
    );
    assert!(
        said.contains(&format!("baodao init --db {db} --clerks ")),
        "{said}"
    );
    assert!(said.contains("--existing"), "{said}");
}

#[test]
fn the_full_screen_program_without_a_terminal_says_to_ask_ssh_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.redb");
    // What a reviewer's forced command meets when `ssh` is given a command and no terminal.
    let out = Command::new(env!("CARGO_BIN_EXE_baodao"))
        .args(["--lang", "en", "--read-only", "--db"])
        .arg(&db)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("ssh -t"), "{}", text(&out));
}

#[test]
fn the_full_screen_program_shows_the_warning_on_its_status_line() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("ledger.redb");
    let bin = Path::new(env!("CARGO_BIN_EXE_baodao"));
    let db = ledger.to_str().unwrap();
    ok(baodao(bin, None, &["demo", "--members", "30", "--db", db]));
    std::fs::set_permissions(&ledger, std::fs::Permissions::from_mode(0o604)).unwrap();
    let tmux = common::tmux::Tmux::new("access");
    let line = format!("{} --lang en --db '{}'", bin.display(), ledger.display());
    tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "160",
        "-y",
        "12",
        &line,
    ]);
    // The line on stderr is behind the program's screen; the status line says it.
    tmux.wait_for("can read this ledger (mode 0604); fix: chmod o-rwx");
    tmux.send(&["q"]);
}
