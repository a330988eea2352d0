//! A bulk job's committed states: records written in a batch without their totals are marked
//! unfinished in the same commit, `check` then names the unfinished job (not every missing
//! total), and `baodao demo` / `baodao --demo` build an unfinished demo afresh.
mod common;

use std::process::Command;

use baodao::domain::*;
use common::*;

fn check(db: &std::path::Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_baodao"))
        .args(["--lang", "en", "check", "--db"])
        .arg(db)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).to_string(),
    )
}

/// A batch of service rows as the demo generator writes them before its last batch: rows
/// without their totals, and the mark.
fn unfinished_batch(ledger: &baodao::store::Ledger, f: &Fixture, mark: bool) {
    ledger
        .write_bulk(|tx| {
            for day in 1..=20 {
                tx.bulk_insert(&Record::Service(ServiceRecord {
                    id: Id::new(),
                    member: f.member.id,
                    community: f.community.id,
                    date: date(2026, 3, day),
                    content: "政策宣传".into(),
                    place: "社区".into(),
                    hours: Hours(2),
                    rating: None,
                    kind: ServiceKind::Other,
                    certification: None,
                    activity: None,
                    demand: None,
                    household: None,
                    archived: false,
                }))?;
            }
            if mark {
                tx.mark_unfinished("demo")?;
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn a_part_way_job_is_named_by_check_and_a_demo_rerun_builds_it_whole() {
    let (dir, path, ledger) = temp_ledger();
    let f = fixture(&ledger);
    // Without the mark, the missing totals are what check finds: the mark is what changes it.
    unfinished_batch(&ledger, &f, false);
    let (code, said) = check(&path);
    assert_eq!(code, 1);
    assert!(!said.contains("unfinished"), "{said}");
    assert!(said.contains("total"), "{said}");

    unfinished_batch(&ledger, &f, true);
    drop(ledger);
    let (code, said) = check(&path);
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("the ledger is unfinished: demo stopped part way"),
        "{said}"
    );
    assert_eq!(said.lines().count(), 2, "only the unfinished job: {said}");

    let again = Command::new(env!("CARGO_BIN_EXE_baodao"))
        .args(["demo", "--members", "30", "--db"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(again.status.success(), "{again:?}");
    assert_eq!(check(&path).0, 0);
    drop(dir);
}

#[test]
fn a_demo_of_a_few_members_is_built_whole_and_sound() {
    // Twelve communities at least: with fewer members than that most have none, and every
    // count must still build (it once indexed an empty roster).
    for members in [0, 1, 2, 10, 50] {
        let (_dir, _path, mut ledger) = temp_ledger();
        let stats = baodao::demo::generate(
            &ledger,
            &baodao::demo::DemoSpec { members, seed: 3 },
            &mut |_| {},
        )
        .unwrap_or_else(|e| panic!("{members} members: {e}"));
        assert_eq!(stats.members, members);
        assert!(stats.communities >= 12);
        let report = ledger.check().unwrap();
        assert!(
            report.problems.is_empty(),
            "{members}: {:?}",
            report.problems
        );
    }
}
