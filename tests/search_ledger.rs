//! The search index as the ledger keeps it: found after add, edit and delete, names that change
//! with their unit, and the `baodao search` command.
mod common;

use std::process::Command;

use baodao::domain::*;
use baodao::search::{Kind as SKind, Query};
use common::*;

fn find(ledger: &baodao::store::Ledger, text: &str) -> Vec<Id> {
    let index = ledger.view().unwrap().search_index().unwrap();
    index
        .query(&Query {
            text,
            kind: None,
            community: None,
            limit: 10,
        })
        .into_iter()
        .map(|h| h.id)
        .collect()
}

#[test]
fn the_index_follows_every_change() {
    let (_d, _p, ledger) = temp_ledger();
    let f = fixture(&ledger);
    // 曾 is read zeng as a surname, not ceng.
    assert!(find(&ledger, "zsx").contains(&f.member.id));
    assert!(find(&ledger, "zengshunxian").contains(&f.member.id));
    assert!(find(&ledger, "8588").contains(&f.member.id), "phone digits");
    assert!(find(&ledger, "区财政").contains(&f.unit.id));
    let mut m = f.member.clone();
    m.name = "单丽".into();
    ledger.write(|tx| tx.save(m.clone())).unwrap();
    assert!(
        !find(&ledger, "zsx").contains(&f.member.id),
        "old name gone"
    );
    assert!(
        find(&ledger, "shanli").contains(&f.member.id),
        "单 read shan"
    );
    // Renaming the unit changes what the member's doc shows.
    let mut u = f.unit.clone();
    u.name = "区审计局".into();
    ledger.write(|tx| tx.save(u)).unwrap();
    let doc = ledger.view().unwrap().search_doc(f.member.id).unwrap();
    assert_eq!(
        doc.as_ref().map(|d| d.doc.unit_name.as_str()),
        Some("区审计局")
    );
    // A member added and deleted.
    let extra = ledger
        .write(|tx| {
            tx.save(Member {
                id: Id::new(),
                name: "吕桂英".into(),
                community: Some(f.community.id),
                ..Default::default()
            })
        })
        .unwrap();
    assert!(find(&ledger, "lvgy").contains(&extra.id));
    assert!(find(&ledger, "lugy").contains(&extra.id), "u for ü");
    ledger
        .write(|tx| tx.delete(Kind::Member, extra.id, "录重了"))
        .unwrap();
    assert!(!find(&ledger, "lvgy").contains(&extra.id));
    let index = ledger.view().unwrap().search_index().unwrap();
    let posts = index.query(&Query {
        text: "zcfg",
        kind: Some(SKind::Post),
        community: None,
        limit: 5,
    });
    assert_eq!(posts.first().map(|h| h.id), Some(f.post.id));
    drop(index);
    let mut ledger = ledger;
    assert!(ledger.check().unwrap().problems.is_empty());
}

#[test]
fn the_command_prints_ranked_lines_and_nothing_for_no_match() {
    let (_d, path, ledger) = temp_ledger();
    let f = fixture(&ledger);
    drop(ledger);
    let run = |args: &[&str]| {
        Command::new(bin())
            .args(args)
            .arg("--db")
            .arg(&path)
            .output()
            .unwrap()
    };
    let out = run(&["search", "zsx"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let first: Vec<&str> = text.lines().next().unwrap().split('\t').collect();
    assert_eq!(
        &first[..5],
        [
            "member",
            &f.member.id.to_string(),
            "曾顺仙",
            "紫鑫城社区",
            "区财政局"
        ]
    );
    let out = run(&["search", "曾顺仙", "--format", "json", "--kind", "member"]);
    let v: serde_json::Value = serde_json::from_str(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(v["name"], "曾顺仙");
    for odd in ["qqqqqqqq", "", "   ", "%$#@!", &"长".repeat(500)] {
        let out = run(&["search", odd]);
        assert!(out.status.success(), "{odd:?}");
        assert!(
            out.stdout.is_empty(),
            "{odd:?}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    assert_eq!(
        run(&["search", "x", "--kind", "planet"]).status.code(),
        Some(1)
    );
}

/// How many journal entries loading the stored snapshot replays.
fn replayed_since_snapshot(ledger: &baodao::store::Ledger) -> u64 {
    let view = ledger.view().unwrap();
    view.search_index_from_snapshot()
        .unwrap()
        .expect("a snapshot")
        .1
}

/// What a query answers, as ids and scores.
fn answers(index: &baodao::search::SearchIndex, community: Option<Id>) -> Vec<Vec<(Id, i64)>> {
    [
        "zsx",
        "wang",
        "z",
        "1380",
        "社区",
        "局",
        "lgy",
        "shanli",
        "区审计",
    ]
    .iter()
    .map(|text| {
        index
            .query(&Query {
                text,
                kind: None,
                community,
                limit: 30,
            })
            .into_iter()
            .map(|h| (h.id, h.score))
            .collect()
    })
    .collect()
}

/// The stored snapshot plus its journal must answer exactly as an index built from every
/// doc, after every kind of change; a bulk load drops it.
#[test]
fn the_stored_snapshot_answers_like_a_fresh_index_after_changes() {
    let (_d, _p, ledger) = temp_ledger();
    baodao::demo::generate(
        &ledger,
        &baodao::demo::DemoSpec {
            members: 300,
            seed: 5,
        },
        &mut |_| {},
    )
    .unwrap();
    let view = ledger.view().unwrap();
    let (_, replayed) = view
        .search_index_from_snapshot()
        .unwrap()
        .expect("the demo stores a snapshot");
    assert_eq!(replayed, 0);
    let some: Vec<Member> = view.all::<Member>().unwrap().into_iter().take(1).collect();
    let community = some[0].community;
    drop(view);
    let f = fixture(&ledger);
    ledger
        .write(|tx| {
            let mut m = some[0].clone();
            m.name = "单丽".into();
            tx.save(m)?;
            let mut u = f.unit.clone();
            u.name = "区审计局".into();
            tx.save(u)?;
            tx.save(Member {
                id: Id::new(),
                name: "吕桂英".into(),
                community,
                mobile: "13800001380".into(),
                ..Default::default()
            })
        })
        .unwrap();
    let twice = ledger
        .write(|tx| {
            tx.save(Member {
                id: Id::new(),
                name: "王临时".into(),
                community,
                ..Default::default()
            })
        })
        .unwrap();
    ledger
        .write(|tx| tx.delete(Kind::Member, twice.id, "entered twice"))
        .unwrap();
    let view = ledger.view().unwrap();
    let fresh = view.search_index().unwrap();
    let (loaded, replayed) = view.search_index_from_snapshot().unwrap().unwrap();
    assert!(replayed >= 5, "{replayed}");
    assert_eq!(loaded.len(), fresh.len());
    for c in [None, community] {
        let want = answers(&fresh, c);
        assert!(
            want.iter().filter(|a| !a.is_empty()).count() >= 6,
            "{want:?}"
        );
        assert_eq!(answers(&loaded, c), want);
    }
    // The hits' docs come from the store.
    let doc = view.search_doc(f.member.id).unwrap().unwrap();
    assert_eq!(doc.doc.unit_name, "区审计局");
    drop(view);
    // A fresh snapshot takes in the journal; a bulk write then drops it.
    let (index, mark) = ledger.search_index().unwrap();
    assert!(
        mark.is_none(),
        "a few changes do not call for a new snapshot"
    );
    let view = ledger.view().unwrap();
    ledger
        .store_search_snapshot(&index, view.search_journal_mark().unwrap())
        .unwrap();
    drop(view);
    let replayed = replayed_since_snapshot(&ledger);
    assert_eq!(replayed, 0);
    // Changes after a stored snapshot are replayed too (the journal goes on numbering).
    let late = ledger
        .write(|tx| common::add_member(tx, &f, "欧阳晚到"))
        .unwrap();
    let view = ledger.view().unwrap();
    let (loaded, replayed) = view.search_index_from_snapshot().unwrap().unwrap();
    assert_eq!(replayed, 1);
    let hits = loaded.query(&Query {
        text: "oywd",
        kind: None,
        community: None,
        limit: 5,
    });
    assert_eq!(hits.first().map(|h| h.id), Some(late.id));
    // An older snapshot does not replace a newer one.
    drop(view);
    ledger.store_search_snapshot(&fresh, 0).unwrap();
    let replayed = replayed_since_snapshot(&ledger);
    assert_eq!(replayed, 1, "the newer snapshot stays");
    ledger.write_bulk(|_| Ok(())).unwrap();
    assert!(
        ledger
            .view()
            .unwrap()
            .search_index_from_snapshot()
            .unwrap()
            .is_none()
    );
}

/// `baodao search` stores a snapshot when it built the index and may write, and leaves a
/// `--read-only` ledger alone; the answer is the same either way.
#[test]
fn the_command_stores_a_snapshot_only_where_it_may_write() {
    let (_d, path, ledger) = temp_ledger();
    let f = fixture(&ledger);
    // A new ledger starts with an empty snapshot and journals every doc since; a bulk write
    // drops both, as after a bulk load.
    ledger.write_bulk(|_| Ok(())).unwrap();
    drop(ledger);
    let has_snapshot = || {
        open(&path)
            .view()
            .unwrap()
            .search_index_from_snapshot()
            .unwrap()
            .is_some()
    };
    let search = |extra: &[&str]| {
        let out = Command::new(bin())
            .args(extra)
            .args(["search", "zsx", "--db"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let first = search(&["--read-only"]);
    assert!(first.contains(&f.member.id.to_string()), "{first}");
    assert!(!has_snapshot());
    assert_eq!(search(&[]), first);
    assert!(has_snapshot());
    // From the snapshot: same lines, names read from the store.
    assert_eq!(search(&["--read-only"]), first);
}

/// `check` compares the stored snapshot and its journal with the docs: one that claims
/// changes it does not hold is reported.
#[test]
fn check_finds_a_snapshot_that_misses_changes() {
    let (_d, _p, mut ledger) = temp_ledger();
    let f = fixture(&ledger);
    assert!(ledger.check().unwrap().problems.is_empty());
    let before = ledger.view().unwrap().search_index().unwrap();
    ledger
        .write(|tx| common::add_member(tx, &f, "吕桂英"))
        .unwrap();
    assert!(
        ledger.check().unwrap().problems.is_empty(),
        "journal replayed"
    );
    // A snapshot taken before the member, stored as if it held everything up to now.
    let mark = ledger.view().unwrap().search_journal_mark().unwrap();
    ledger.store_search_snapshot(&before, mark).unwrap();
    let problems = ledger.check().unwrap().problems;
    assert!(
        problems.iter().any(|p| p.starts_with("search-snapshot-v1")),
        "{problems:?}"
    );
}
