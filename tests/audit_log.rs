//! `baodao log` after edits, a revoke and an undo: who (the name given and the OS account),
//! when, what changed before → after, the revoke's reason; and the filters.
mod common;

use std::path::Path;
use std::process::{Command, Output};

use baodao::domain::*;
use common::*;

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .arg("--db")
        .arg(db)
        .args(["--today", "2026-11-22", "--lang", "en"])
        .args(args)
        .output()
        .expect("run baodao")
}

fn stdout(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn the_log_shows_edits_a_revoke_and_an_undo_with_who_and_the_os_account() {
    let (_dir, db, ledger) = temp_ledger();
    let f = fixture(&ledger);
    let mut s = service(&f, date(2026, 5, 1), 4);
    s.certification = Some(Certification {
        role: CertifierRole::PartyOrg,
        name: "紫鑫城社区党委".into(),
        on: date(2026, 5, 2),
    });
    let s = ledger.write(|tx| tx.save(s)).expect("service");
    let (_, moved) = ledger
        .write_changes(|tx| {
            tx.save(Member {
                address: "紫鑫城3栋2单元".into(),
                ..f.member.clone()
            })
        })
        .expect("move");
    ledger
        .write(|tx| tx.revoke_certification(s.id, "时长填错了"))
        .expect("revoke");
    ledger.write(|tx| tx.revert(&moved, "undo")).expect("undo");
    drop(ledger);
    let account = baodao::store::audit::os_account();

    let log = stdout(&run(&db, &["log", "--member", "曾顺仙"]));
    // Oldest first: the move, then the undo putting the address back.
    let moved_at = log.find("address: ∅ → 紫鑫城3栋2单元").expect(&log);
    let undone_at = log.find("address: 紫鑫城3栋2单元 → ∅").expect(&log);
    assert!(moved_at < undone_at, "{log}");
    assert!(log.contains("undo/redo"), "{log}");
    // The revoke with its reason, on the member's service row.
    assert!(log.contains("revoked certification"), "{log}");
    assert!(log.contains("reason: 时长填错了"), "{log}");
    assert!(log.contains("certification: {"), "{log}");
    // Who: the name the tests gave, beside the OS account of the uid.
    assert!(log.contains(&format!("测试员 ({account})")), "{log}");

    // One record's history.
    let one = stdout(&run(&db, &["log", "--record", &s.id.to_string()]));
    assert!(
        one.contains("reason: 时长填错了") && !one.contains("address:"),
        "{one}"
    );
    // By clerk, by OS account, and since a day.
    assert!(stdout(&run(&db, &["log", "--clerk", "测试员"])).contains("时长填错了"));
    assert!(stdout(&run(&db, &["log", "--clerk", account])).contains("时长填错了"));
    let none = run(&db, &["log", "--clerk", "nobody"]);
    assert_eq!(none.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&none.stdout).is_empty());
    assert!(String::from_utf8_lossy(&none.stderr).contains("no entries"));
    let since = stdout(&run(&db, &["log", "--since", "2000-01-01"]));
    assert!(since.contains("时长填错了"));
    let future = run(&db, &["log", "--since", "2999-01-01"]);
    assert!(String::from_utf8_lossy(&future.stdout).is_empty());
}

#[test]
fn without_clerk_the_os_account_is_the_name_and_user_is_not_believed() {
    let (_dir, db, ledger) = temp_ledger();
    fixture(&ledger);
    drop(ledger);
    let out = Command::new(bin())
        .arg("--db")
        .arg(&db)
        .args(["--today", "2026-11-22", "--lang", "en"])
        .args(["import", "communities"])
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/import/ledger_communities.csv"),
        )
        .env("USER", "somebody-else")
        .output()
        .expect("import");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let log = stdout(&run(&db, &["log", "--limit", "1"]));
    let account = baodao::store::audit::os_account();
    assert!(!log.contains("somebody-else"), "{log}");
    let head = log.lines().next().unwrap_or_default();
    assert!(head.contains(&format!("  {account}  ")), "{head}");
}
