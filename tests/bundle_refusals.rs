//! Bundles the receiving ledger refuses as a whole: unreadable lines, a newer format, a file
//! cut off on the way, a certified row changed, a row in a closed year. Each is listed with
//! its line and nothing of the bundle is applied.
mod common;

use std::path::Path;
use std::process::Command;

use baodao::domain::*;
use baodao::i18n::Lang;
use baodao::interchange::ImportIssue;
use baodao::interchange::bundle::{self, Scope};
use baodao::interchange::import::ImportError;
use baodao::store::Ledger;
use common::*;

fn export(ledger: &Ledger, scope: Scope) -> String {
    let view = ledger.view().expect("view");
    bundle::export(&view, scope, "紫鑫城社区", "2026-11-22T10:00:00+08:00")
        .expect("collect")
        .expect("exists")
        .0
}

/// A bundle edited by hand, sealed again with a correct checksum: what another program could
/// write, so the merge's own checks are what refuse it.
fn reseal(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let body: String = lines
        .iter()
        .take_while(|l| !l.starts_with("{\"sha256\""))
        .map(|l| format!("{l}\n"))
        .collect();
    bundle::seal(body)
}

fn try_merge(ledger: &Ledger, text: &str) -> Result<bundle::BundleOutcome, Vec<ImportIssue>> {
    let parsed = bundle::read("in.jsonl", text, Lang::Zh)?;
    match bundle::import_bundle(
        ledger,
        parsed,
        false,
        bundle::Prefer::Newer,
        Lang::Zh,
        &mut |_| {},
    ) {
        Ok(o) => Ok(o),
        Err(ImportError::Refused { issues, .. }) => Err(issues),
        Err(ImportError::Store(e)) => panic!("store: {e}"),
    }
}

fn generation(ledger: &Ledger) -> u64 {
    ledger.view().expect("v").generation().expect("g")
}

/// Ledger A with the fixture and one certified service row; ledger B holding A's community
/// bundle.
fn two_ledgers(dir: &Path) -> (Ledger, Ledger, Fixture, ServiceRecord) {
    let a = common::open(&dir.join("a.redb"));
    let f = fixture(&a);
    let mut s = service(&f, date(2026, 5, 1), 4);
    s.certification = Some(Certification {
        role: CertifierRole::PartyOrg,
        name: "紫鑫城社区党委".into(),
        on: date(2026, 5, 2),
    });
    let s = a.write(|tx| tx.save(s)).expect("service");
    let b = common::open(&dir.join("b.redb"));
    try_merge(&b, &export(&a, Scope::Community(f.community.id))).expect("first merge");
    (a, b, f, s)
}

#[test]
fn a_changed_certified_row_is_refused_and_nothing_else_is_applied() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b, f, s) = two_ledgers(dir.path());
    let text = export(&a, Scope::Community(f.community.id));
    let sid = s.id.to_string();
    let cid = f.community.id.to_string();
    let edited: String = text
        .lines()
        .map(|l| {
            if l.contains(&sid) && l.contains("\"kind\":\"service\"") {
                l.replace("\"hours\":4", "\"hours\":6")
            } else if l.contains(&format!("\"id\":\"{cid}\"")) {
                l.replace("\"phone\":\"\"", "\"phone\":\"0874-3123456\"")
            } else {
                l.to_string()
            }
        })
        .map(|l| l + "\n")
        .collect();
    let edited = reseal(&edited);
    assert_ne!(edited, text, "the bundle was edited");
    let g = generation(&b);
    let issues = try_merge(&b, &edited).expect_err("refused");
    assert_eq!(issues.len(), 1, "{issues:?}");
    let line = edited
        .lines()
        .position(|l| l.contains(&sid) && l.contains("\"kind\":\"service\""))
        .expect("line")
        + 1;
    assert_eq!(issues[0].row, line);
    assert!(issues[0].message.contains("认证"), "{}", issues[0]);
    assert_eq!(generation(&b), g);
    let v = b.view().expect("v");
    assert_eq!(
        v.get::<Community>(f.community.id)
            .expect("c")
            .expect("c")
            .phone,
        ""
    );
    assert_eq!(
        v.get::<ServiceRecord>(s.id).expect("s").expect("s").hours,
        Hours(4)
    );
}

#[test]
fn a_row_in_a_year_the_receiving_ledger_closed_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b, f, _) = two_ledgers(dir.path());
    b.write(|tx| {
        tx.save(YearClosure {
            id: Id::new(),
            community: f.community.id,
            year: 2026,
            closed_on: date(2026, 11, 20),
            closed_by: "测试员".into(),
            reopened: None,
        })
    })
    .expect("close 2026");
    let late = a
        .write(|tx| tx.save(service(&f, date(2026, 6, 1), 2)))
        .expect("new row at home");
    let g = generation(&b);
    let issues = try_merge(&b, &export(&a, Scope::Community(f.community.id))).expect_err("closed");
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert!(issues[0].message.contains("2026"), "{}", issues[0]);
    assert_eq!(generation(&b), g);
    assert!(
        b.view()
            .expect("v")
            .get::<ServiceRecord>(late.id)
            .expect("g")
            .is_none()
    );
}

#[test]
fn unreadable_lines_a_newer_version_and_a_cut_off_file_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, _b, f, _) = two_ledgers(dir.path());
    let text = export(&a, Scope::Community(f.community.id));
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[2] = "not json".into();
    let half: String = lines[4]
        .chars()
        .take(lines[4].chars().count() / 2)
        .collect();
    lines[4] = half;
    let broken = reseal(&(lines.join("\n") + "\n"));
    let issues = bundle::read("in.jsonl", &broken, Lang::Zh).expect_err("broken");
    let places: Vec<String> = issues.iter().map(|i| i.to_string()).collect();
    assert_eq!(
        issues.iter().map(|i| i.row).collect::<Vec<_>>(),
        [3, 5],
        "{places:?}"
    );
    assert!(places[0].starts_with("in.jsonl:3: "), "{places:?}");

    let newer = text.replacen("\"version\":2", "\"version\":3", 1);
    let issues = bundle::read("in.jsonl", &newer, Lang::Zh).expect_err("newer");
    assert!(issues[0].message.contains("升级"), "{}", issues[0]);

    let cut: String = text.lines().take(3).map(|l| format!("{l}\n")).collect();
    let issues = bundle::read("in.jsonl", &cut, Lang::Zh).expect_err("cut off");
    assert!(issues[0].message.contains("损坏"), "{}", issues[0]);

    let issues = bundle::read("in.jsonl", "姓名,手机\n", Lang::Zh).expect_err("csv");
    assert!(
        issues[0].message.contains("不是 baodao 数据包"),
        "{}",
        issues[0]
    );
}

fn run_cli(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(bin())
        .arg("--db")
        .arg(db)
        .args(["--today", "2026-11-22", "--clerk", "测试员", "--lang", "zh"])
        .args(args)
        .output()
        .expect("run baodao")
}

#[test]
fn the_cli_exports_a_member_by_name_and_a_dry_run_import_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path().join("home.redb");
    let f = {
        let a = common::open(&home);
        let f = fixture(&a);
        a.write(|tx| tx.save(service(&f, date(2026, 5, 1), 4)))
            .expect("s");
        f
    };
    let out_file = dir.path().join("member.jsonl");
    let out = run_cli(
        &home,
        &[
            "export",
            "bundle",
            &out_file.to_string_lossy(),
            "--member",
            "曾顺仙",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&out_file).expect("bundle");
    assert!(text.starts_with("{\"format\":\"baodao-bundle\",\"version\":2,\"scope\":\"member\""));

    let away = dir.path().join("away.redb");
    let b = common::open(&away);
    let g = generation(&b);
    drop(b);
    let file = out_file.to_string_lossy().to_string();
    let out = run_cli(&away, &["import", "bundle", &file, "--dry-run"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(listed.contains("试合并"), "{listed}");
    // The dry run lists each record it would add.
    assert!(
        listed
            .lines()
            .any(|l| l.starts_with("+ ") && l.contains("曾顺仙")),
        "{listed}"
    );
    let b = common::open(&away);
    assert_eq!(generation(&b), g);
    assert!(
        b.view()
            .expect("v")
            .get::<Member>(f.member.id)
            .expect("g")
            .is_none()
    );
    drop(b);

    let out = run_cli(&away, &["import", "bundle", &file]);
    assert_eq!(out.status.code(), Some(0));
    let b = common::open(&away);
    let v = b.view().expect("v");
    assert_eq!(
        v.services_of_member(f.member.id, None, None)
            .expect("card")
            .len(),
        1
    );
    drop(v);
    drop(b);

    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, text.replacen("\"version\":2", "\"version\":9", 1)).expect("write");
    let out = run_cli(&away, &["import", "bundle", &bad.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.jsonl: "));
}
