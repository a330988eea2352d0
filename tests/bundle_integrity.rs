//! Bundle integrity and version-aware merging: every single-bit flip of a bundle is refused
//! whole; an older bundle does not revert a newer record but reports a conflict; an id that
//! names a different thing here refuses the bundle; `--prefer` chooses the side; a dry run
//! lists each change.
mod common;

use std::path::Path;
use std::process::Command;

use baodao::domain::*;
use baodao::i18n::Lang;
use baodao::interchange::bundle::{self, BundleOutcome, Prefer, Scope};
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

fn merge(
    ledger: &Ledger,
    text: &str,
    prefer: Prefer,
) -> Result<BundleOutcome, Vec<baodao::interchange::ImportIssue>> {
    let parsed = bundle::read("in.jsonl", text, Lang::En)?;
    match bundle::import_bundle(ledger, parsed, false, prefer, Lang::En, &mut |_| {}) {
        Ok(o) => Ok(o),
        Err(ImportError::Refused { issues, .. }) => Err(issues),
        Err(ImportError::Store(e)) => panic!("store: {e}"),
    }
}

fn address(ledger: &Ledger, id: Id) -> String {
    ledger
        .view()
        .expect("v")
        .get::<Member>(id)
        .expect("get")
        .expect("member")
        .address
}

#[test]
fn every_single_bit_flip_is_refused_whole() {
    let (_dir, _, a) = temp_ledger();
    let f = fixture(&a);
    a.write(|tx| {
        tx.save(Member {
            address: "紫鑫城3栋2单元".into(),
            ..f.member.clone()
        })
    })
    .expect("address");
    let text = export(&a, Scope::Member(f.member.id));
    let bytes = text.as_bytes();
    assert!(bundle::read("b.jsonl", &text, Lang::En).is_ok());
    let mut accepted = Vec::new();
    for i in 0..bytes.len() {
        for bit in 0..8 {
            let mut flipped = bytes.to_vec();
            flipped[i] ^= 1 << bit;
            // The command line refuses bytes that are not UTF-8 before parsing.
            let Ok(s) = String::from_utf8(flipped) else {
                continue;
            };
            if bundle::read("b.jsonl", &s, Lang::En).is_ok() {
                accepted.push((i, bit));
            }
        }
    }
    assert!(
        accepted.is_empty(),
        "{} of {} flips accepted, e.g. {:?}",
        accepted.len(),
        bytes.len() * 8,
        &accepted[..accepted.len().min(5)]
    );
    // A flip in the middle says the bundle is damaged.
    let mut flipped = bytes.to_vec();
    flipped[bytes.len() / 2] ^= 1;
    if let Ok(s) = String::from_utf8(flipped) {
        let issues = bundle::read("b.jsonl", &s, Lang::En).expect_err("damaged");
        assert!(issues[0].message.contains("damaged"), "{}", issues[0]);
    }
}

/// Home ledger A and ledger B holding A's community bundle.
fn two_ledgers(dir: &Path) -> (Ledger, Ledger, Fixture) {
    let a = common::open(&dir.join("a.redb"));
    let f = fixture(&a);
    let b = common::open(&dir.join("b.redb"));
    merge(
        &b,
        &export(&a, Scope::Community(f.community.id)),
        Prefer::Newer,
    )
    .expect("first");
    (a, b, f)
}

fn move_house(ledger: &Ledger, f: &Fixture, to: &str) {
    let mut m = ledger
        .view()
        .expect("v")
        .get::<Member>(f.member.id)
        .expect("get")
        .expect("member");
    m.address = to.into();
    ledger.write(|tx| tx.save(m)).expect("save");
}

#[test]
fn a_stale_bundle_does_not_revert_a_newer_record_and_reports_the_conflict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b, f) = two_ledgers(dir.path());
    // A's bundle at this moment, then B records the member's new address.
    let stale = export(&a, Scope::Community(f.community.id));
    std::thread::sleep(std::time::Duration::from_millis(5));
    move_house(&b, &f, "麒麟区新城路8号");
    let out = merge(&b, &stale, Prefer::Newer).expect("merged");
    assert_eq!(address(&b, f.member.id), "麒麟区新城路8号");
    assert_eq!(out.conflicts.len(), 1, "{out:?}");
    assert!(out.conflicts[0].contains("older"), "{}", out.conflicts[0]);
    assert!(out.conflicts[0].contains("曾顺仙"), "{}", out.conflicts[0]);
    assert_eq!(out.updated(), 0);

    // `--prefer bundle` takes the bundle's version anyway.
    let out = merge(&b, &stale, Prefer::Bundle).expect("merged");
    assert_eq!(address(&b, f.member.id), "");
    assert_eq!(out.updated(), 1);
    assert!(out.conflicts.is_empty());

    // A newer bundle is applied: A changes the address after B's change.
    std::thread::sleep(std::time::Duration::from_millis(5));
    move_house(&a, &f, "麒麟区南宁街道6号");
    let newer = export(&a, Scope::Community(f.community.id));
    let out = merge(&b, &newer, Prefer::Newer).expect("merged");
    assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
    assert_eq!(address(&b, f.member.id), "麒麟区南宁街道6号");

    // `--prefer ledger` keeps what is here even against a newer bundle.
    std::thread::sleep(std::time::Duration::from_millis(5));
    move_house(&a, &f, "麒麟区别处");
    let newest = export(&a, Scope::Community(f.community.id));
    let out = merge(&b, &newest, Prefer::Ledger).expect("merged");
    assert_eq!(out.conflicts.len(), 1);
    assert_eq!(address(&b, f.member.id), "麒麟区南宁街道6号");
}

#[test]
fn an_id_naming_a_different_thing_here_refuses_the_bundle() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b, f) = two_ledgers(dir.path());
    // B's unit under that id is now another unit altogether (ids clashing between ledgers).
    let mut other = f.unit.clone();
    other.name = "市烟草公司".into();
    b.write(|tx| tx.save(other)).expect("rename");
    let g = b.view().expect("v").generation().expect("g");
    let issues = merge(
        &b,
        &export(&a, Scope::Community(f.community.id)),
        Prefer::Bundle,
    )
    .expect_err("refused");
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert!(
        issues[0].message.contains("市烟草公司") && issues[0].message.contains("区财政局"),
        "{}",
        issues[0]
    );
    assert_eq!(b.view().expect("v").generation().expect("g"), g);
    let v = b.view().expect("v");
    assert_eq!(
        v.get::<Unit>(f.unit.id).expect("u").expect("u").name,
        "市烟草公司"
    );
}

#[test]
fn the_cli_dry_run_lists_field_changes_and_conflicts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b, f) = two_ledgers(dir.path());
    drop(b);
    move_house(&a, &f, "麒麟区南宁街道6号");
    let file = dir.path().join("c.jsonl");
    let run = |db: &Path, args: &[&str]| {
        Command::new(bin())
            .arg("--db")
            .arg(db)
            .args(["--today", "2026-11-22", "--lang", "en"])
            .args(args)
            .output()
            .expect("run")
    };
    let out = run(
        &dir.path().join("a.redb"),
        &[
            "export",
            "bundle",
            &file.to_string_lossy(),
            "--community",
            "紫鑫城社区",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let out = run(
        &dir.path().join("b.redb"),
        &["import", "bundle", &file.to_string_lossy(), "--dry-run"],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let listed = String::from_utf8_lossy(&out.stdout);
    let line = listed
        .lines()
        .find(|l| l.starts_with("~ ") && l.contains("曾顺仙"))
        .unwrap_or_else(|| panic!("{listed}"));
    assert!(line.contains("address: ∅ → 麒麟区南宁街道6号"), "{line}");
    let b = common::open(&dir.path().join("b.redb"));
    assert_eq!(address(&b, f.member.id), "");
}
