//! Bundles between ledgers: export → import → export gives the same bytes; a county merging
//! two communities' bundles gets the union and a sound ledger; a member moving city brings
//! their card.
mod common;

use std::path::Path;

use baodao::demo::{DemoSpec, generate};
use baodao::domain::*;
use baodao::i18n::Lang;
use baodao::interchange::bundle::{self, BundleOutcome, Scope};
use baodao::interchange::import::ImportError;
use baodao::store::{Ledger, View};

fn demo_ledger(dir: &Path, name: &str, seed: u64) -> Ledger {
    let ledger = common::open(&dir.join(name));
    generate(&ledger, &DemoSpec { members: 120, seed }, &mut |_| {}).expect("demo");
    ledger
}

fn export(ledger: &Ledger, scope: Scope) -> String {
    let view = ledger.view().expect("view");
    bundle::export(&view, scope, "", "2026-11-22T10:00:00+08:00")
        .expect("collect")
        .expect("subject exists")
        .0
}

/// The record lines of a bundle: what must survive a round trip (the header names the
/// exporting ledger, the last line is the checksum).
fn entries(text: &str) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().collect();
    lines[1..lines.len() - 1].to_vec()
}

fn merge(ledger: &Ledger, text: &str) -> BundleOutcome {
    let parsed = bundle::read("in.jsonl", text, Lang::Zh).expect("parse");
    match bundle::import_bundle(
        ledger,
        parsed,
        false,
        bundle::Prefer::Newer,
        Lang::Zh,
        &mut |_| {},
    ) {
        Ok(o) => o,
        Err(ImportError::Refused { issues, .. }) => panic!("refused: {issues:?}"),
        Err(ImportError::Store(e)) => panic!("store: {e}"),
    }
}

fn assert_sound(ledger: &mut Ledger) {
    let report = ledger.check().expect("check");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

/// The community with the most members (the demo spreads members unevenly).
fn busiest_community(v: &View) -> Community {
    v.communities()
        .expect("communities")
        .into_iter()
        .max_by_key(|c| v.members_of_community(c.id).map(|m| m.len()).unwrap_or(0))
        .expect("a community")
}

fn total_records(v: &View) -> u64 {
    v.count::<Community>().unwrap_or(0)
        + v.count::<Unit>().unwrap_or(0)
        + v.count::<Member>().unwrap_or(0)
        + v.count::<Registration>().unwrap_or(0)
        + v.count::<Post>().unwrap_or(0)
        + v.count::<ServiceRecord>().unwrap_or(0)
        + v.count::<Activity>().unwrap_or(0)
        + v.count::<Demand>().unwrap_or(0)
        + v.count::<Household>().unwrap_or(0)
        + v.count::<Pairing>().unwrap_or(0)
        + v.count::<Suggestion>().unwrap_or(0)
        + v.count::<JointMeeting>().unwrap_or(0)
        + v.count::<UnitService>().unwrap_or(0)
        + v.count::<Evaluation>().unwrap_or(0)
        + v.count::<YearClosure>().unwrap_or(0)
}

#[test]
fn export_import_export_gives_the_same_bytes_for_each_scope() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = demo_ledger(dir.path(), "a.redb", 1);
    let (community, member) = {
        let v = a.view().expect("v");
        let c = busiest_community(&v);
        let m = v.members_of_community(c.id).expect("members")[0].id;
        (c.id, m)
    };
    for (i, scope) in [
        Scope::Community(community),
        Scope::Member(member),
        Scope::Ledger,
    ]
    .into_iter()
    .enumerate()
    {
        let first = export(&a, scope);
        let mut b = common::open(&dir.path().join(format!("b{i}.redb")));
        let out = merge(&b, &first);
        assert!(out.added() > 0 && out.updated() == 0, "{scope:?}: {out:?}");
        let second = export(&b, scope);
        assert!(
            entries(&first) == entries(&second),
            "{scope:?}: the re-export differs"
        );
        assert_sound(&mut b);
        // Merging the same bundle again changes nothing.
        let again = merge(&b, &first);
        assert_eq!((again.added(), again.updated()), (0, 0), "{scope:?}");
        assert_eq!(again.unchanged(), entries(&first).len());
    }
    let whole = export(&a, Scope::Ledger);
    let v = a.view().expect("v");
    assert_eq!(entries(&whole).len() as u64, total_records(&v));
}

#[test]
fn a_bundle_starts_with_its_header_and_lists_what_records_point_to_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = demo_ledger(dir.path(), "a.redb", 3);
    let community = busiest_community(&a.view().expect("v")).id;
    let text = export(&a, Scope::Community(community));
    let mut lines = text.lines();
    let header: serde_json::Value =
        serde_json::from_str(lines.next().expect("header")).expect("json");
    assert_eq!(header["format"], "baodao-bundle");
    assert_eq!(header["version"], 2);
    assert_eq!(header["scope"], "community");
    assert_eq!(header["subject"], community.to_string());
    assert_eq!(header["records"], entries(&text).len());
    assert!(header["ledger"].as_str().is_some_and(|l| !l.is_empty()));
    assert_eq!(header["exported_at"], "2026-11-22T10:00:00+08:00");
    let mut seen = std::collections::HashSet::new();
    let mut kinds = Vec::new();
    for line in entries(&text) {
        let e: serde_json::Value = serde_json::from_str(line).expect("entry");
        let r: Record = serde_json::from_value(e["item"].clone()).expect("record");
        if kinds.last() != Some(&r.kind()) {
            kinds.push(r.kind());
        }
        // Every record a registration needs is already in the bundle above it.
        if let Record::Registration(reg) = &r {
            assert!(seen.contains(&reg.member) && seen.contains(&reg.community));
            assert!(reg.posts.iter().all(|p| seen.contains(p)));
        }
        seen.insert(r.id());
    }
    assert_eq!(kinds.first(), Some(&Kind::Community));
    let dedup: std::collections::HashSet<_> = kinds.iter().collect();
    assert_eq!(
        dedup.len(),
        kinds.len(),
        "each kind in one block: {kinds:?}"
    );
}

#[test]
fn a_county_merging_two_communities_gets_the_union_and_a_sound_ledger() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = demo_ledger(dir.path(), "a.redb", 11);
    let b = demo_ledger(dir.path(), "b.redb", 12);
    let ca = busiest_community(&a.view().expect("v")).id;
    let cb = busiest_community(&b.view().expect("v")).id;
    let bundle_a = export(&a, Scope::Community(ca));
    let bundle_b = export(&b, Scope::Community(cb));
    let mut county = common::open(&dir.path().join("county.redb"));
    merge(&county, &bundle_a);
    merge(&county, &bundle_b);
    let ids = |text: &str| -> std::collections::HashSet<Id> {
        entries(text)
            .into_iter()
            .map(|l| {
                let e: serde_json::Value = serde_json::from_str(l).expect("entry");
                serde_json::from_value::<Record>(e["item"].clone())
                    .expect("record")
                    .id()
            })
            .collect()
    };
    let union: std::collections::HashSet<Id> =
        ids(&bundle_a).union(&ids(&bundle_b)).copied().collect();
    let v = county.view().expect("v");
    assert_eq!(total_records(&v), union.len() as u64);
    let members = |l: &Ledger, c: Id| {
        l.view()
            .expect("v")
            .members_of_community(c)
            .expect("m")
            .len()
    };
    assert_eq!(
        v.members_of_community(ca).expect("m").len(),
        members(&a, ca)
    );
    assert_eq!(
        v.members_of_community(cb).expect("m").len(),
        members(&b, cb)
    );
    drop(v);
    assert_sound(&mut county);
    // Each community reads the same in the county as at home.
    assert!(entries(&export(&county, Scope::Community(ca))) == entries(&bundle_a));
    assert!(entries(&export(&county, Scope::Community(cb))) == entries(&bundle_b));
}

#[test]
fn a_member_moving_city_brings_their_card() {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = demo_ledger(dir.path(), "home.redb", 21);
    let mut away = demo_ledger(dir.path(), "away.redb", 22);
    let (member, card, totals) = {
        let v = home.view().expect("v");
        let m = v
            .all::<Member>()
            .expect("members")
            .into_iter()
            .max_by_key(|m| {
                v.services_of_member(m.id, None, None)
                    .map(|s| s.len())
                    .unwrap_or(0)
            })
            .expect("member");
        let card = v.services_of_member(m.id, None, None).expect("card");
        let totals = v.member_totals(m.id, 2026).expect("totals");
        (m, card, totals)
    };
    assert!(card.len() >= 2, "the demo member has a card");
    let before = total_records(&away.view().expect("v"));
    let out = merge(&away, &export(&home, Scope::Member(member.id)));
    assert!(
        out.added() > card.len(),
        "the member and each row of the card"
    );
    let v = away.view().expect("v");
    assert_eq!(
        v.get::<Member>(member.id).expect("get"),
        Some(member.clone())
    );
    assert_eq!(
        v.services_of_member(member.id, None, None).expect("card"),
        card
    );
    assert_eq!(v.member_totals(member.id, 2026).expect("totals"), totals);
    assert!(v.current_registration(member.id).expect("reg").is_some());
    assert!(total_records(&v) > before);
    drop(v);
    assert_sound(&mut away);
}
