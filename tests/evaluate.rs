//! Year-end figures on constructed ledgers: a mid-year move, a probationary member, a unit whose
//! declared total exceeds the members on file, and the province statistics per unit.
mod common;

use baodao::domain::rules::{Reporting, Rule};
use baodao::domain::*;
use baodao::evaluate::units::{UnitFilter, unit_stats};
use baodao::evaluate::{community_session, member_year};
use baodao::i18n::Lang;
use common::*;

fn certified(f: &Fixture, day: chrono::NaiveDate, community: Id) -> ServiceRecord {
    let mut s = service(f, day, 4);
    s.community = community;
    s.certification = Some(Certification {
        role: CertifierRole::PartyOrg,
        name: "王书记".into(),
        on: day,
    });
    s
}

#[test]
fn a_member_who_moved_mid_year_keeps_both_communities_services() {
    let (_d, _p, ledger) = temp_ledger();
    let f = fixture(&ledger);
    let (other, other_post) = ledger
        .write(|tx| {
            let c = tx.save(Community {
                id: Id::new(),
                name: "阳光社区".into(),
                ..Default::default()
            })?;
            let p = tx.save(Post {
                id: Id::new(),
                community: c.id,
                name: "网格巡查岗".into(),
                ..Default::default()
            })?;
            Ok((c, p))
        })
        .unwrap();
    ledger
        .write(|tx| {
            // One service in the first community, then the move, then one in the second.
            tx.save(certified(&f, date(2026, 4, 1), f.community.id))?;
            let mut old = f.registration.clone();
            old.ended_on = Some(date(2026, 6, 30));
            tx.save(old)?;
            tx.save(Registration {
                id: Id::new(),
                member: f.member.id,
                community: other.id,
                unit: Some(f.unit.id),
                issued_on: Some(date(2026, 6, 20)),
                report_by: Some(date(2026, 7, 20)),
                reported_on: Some(date(2026, 7, 5)),
                posts: vec![other_post.id],
                ..Default::default()
            })?;
            let mut m = f.member.clone();
            m.community = Some(other.id);
            tx.save(m)?;
            tx.save(certified(&f, date(2026, 8, 1), other.id))?;
            tx.save(Suggestion {
                id: Id::new(),
                member: f.member.id,
                community: other.id,
                date: date(2026, 8, 2),
                content: "建议增设充电桩".into(),
                outcome: None,
            })
        })
        .unwrap();
    let view = ledger.view().unwrap();
    let member = view.get::<Member>(f.member.id).unwrap().unwrap();
    let year = member_year(&view, &member, 2026, today()).unwrap().unwrap();
    assert!(year.moved_in_year);
    assert_eq!(
        year.totals.certified_services, 2,
        "both communities' services count"
    );
    assert_eq!(
        year.reporting,
        Reporting::Reported {
            on: date(2026, 7, 5),
            by: Some(date(2026, 7, 20)),
            late_days: None
        }
    );
    let rows = community_session(&view, other.id, 2026, today(), Lang::Zh).unwrap();
    assert_eq!(rows.len(), 1);
    let a = &rows[0].assessment;
    assert!(a.checks.iter().all(|c| c.ok), "{:?}", a.checks);
    assert_eq!(a.proposed, Some(Grade::Qualified));
    assert!(a.notes.iter().any(|n| n.contains("转移")));
    // The first community no longer lists the member.
    assert!(
        community_session(&view, f.community.id, 2026, today(), Lang::Zh)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_probationary_member_is_judged_by_the_same_rules() {
    let (_d, _p, ledger) = temp_ledger();
    let f = fixture(&ledger);
    ledger
        .write(|tx| {
            let mut m = f.member.clone();
            m.standing = Some(Standing::Probationary);
            tx.save(m)?;
            tx.save(certified(&f, date(2026, 4, 1), f.community.id))
        })
        .unwrap();
    let view = ledger.view().unwrap();
    let rows = community_session(&view, f.community.id, 2026, today(), Lang::Zh).unwrap();
    let a = &rows[0].assessment;
    assert!(a.notes.iter().any(|n| n.contains("预备党员")));
    // One service: below the minimum of two, disqualified from awards.
    assert!(
        !a.checks
            .iter()
            .find(|c| c.rule == Rule::Services)
            .unwrap()
            .ok
    );
    assert!(a.disqualified.is_some());
}

#[test]
fn unit_statistics_count_declared_members_not_on_file_as_not_reported() {
    let (_d, _p, ledger) = temp_ledger();
    let f = fixture(&ledger);
    // Declared 3, one on file who reported: 33%, below 90%.
    let view = ledger.view().unwrap();
    let stats = unit_stats(&view, 2026, today(), &UnitFilter::default()).unwrap();
    assert_eq!(stats.len(), 1);
    let s = &stats[0];
    assert_eq!((s.rate.on_file, s.rate.reported, s.rate.base), (1, 1, 3));
    assert!(!s.rate.meets());
    assert_eq!(s.not_reported, 2);
    assert_eq!(s.communities, 1);
    assert!(s.rate.note(Lang::Zh).as_deref().unwrap_or("").contains("3"));
    drop(view);
    // Declared total matching the file: 100%.
    ledger
        .write(|tx| {
            let mut u = f.unit.clone();
            u.declared_members = 1;
            tx.save(u)
        })
        .unwrap();
    let view = ledger.view().unwrap();
    let s = &unit_stats(&view, 2026, today(), &UnitFilter::default()).unwrap()[0];
    assert!(s.rate.meets());
    assert!(!s.services.ok(), "no unit service this year");
}

/// The stored per-unit tallies must equal the rows after every kind of change, and the figures
/// `unit_stats` gives from them must be the hand-counted ones.
#[test]
fn unit_tallies_follow_every_member_and_registration_change() {
    use baodao::workflow::{Handoff, issue_slips, mark_reported, move_member, record_reason};
    let (_d, _p, mut ledger) = temp_ledger();
    let f = fixture(&ledger);
    let agree = |ledger: &baodao::store::Ledger, when: &str| {
        let view = ledger.view().unwrap();
        assert_eq!(
            view.unit_tallies().unwrap(),
            view.unit_tallies_from_rows(|_| true).unwrap(),
            "after {when}"
        );
        // The per-community tallies (表2) move with the same changes.
        assert_eq!(
            view.community_tallies().unwrap(),
            view.community_tallies_from_rows(|_| true).unwrap(),
            "community tallies after {when}"
        );
    };
    let stats_of = |ledger: &baodao::store::Ledger, year: i32| {
        let view = ledger.view().unwrap();
        let s = unit_stats(&view, year, today(), &UnitFilter::default()).unwrap();
        s.into_iter()
            .map(|s| {
                (
                    s.unit.name,
                    s.rate.on_file,
                    s.rate.reported,
                    s.communities,
                    s.reasons,
                )
            })
            .collect::<Vec<_>>()
    };
    agree(&ledger, "the fixture");
    let (other, a, b) = ledger
        .write(|tx| {
            let other = tx.save(Community {
                id: Id::new(),
                name: "廖家社区".into(),
                ..Default::default()
            })?;
            let a = add_member(tx, &f, "张三")?.id;
            let b = add_member(tx, &f, "李四")?.id;
            Ok((other, a, b))
        })
        .unwrap();
    agree(&ledger, "adding members");
    let slips = ledger
        .write(|tx| issue_slips(tx, f.unit.id, &[a, b], date(2025, 2, 1), date(2025, 3, 1)))
        .unwrap();
    ledger
        .write(|tx| record_reason(tx, slips[0], "长期出差"))
        .unwrap();
    ledger
        .write(|tx| mark_reported(tx, slips[1], date(2026, 1, 5), vec![f.post.id], ""))
        .unwrap();
    agree(&ledger, "slips, a reason and a report");
    let z = |s: &str| s.to_string();
    // By the end of 2025 nobody had reported: the fixture's member reported in March 2026.
    assert_eq!(
        stats_of(&ledger, 2025),
        vec![(z("区财政局"), 3, 0, 0, vec![(z("长期出差"), 1)])]
    );
    assert_eq!(
        stats_of(&ledger, 2026),
        vec![(z("区财政局"), 3, 2, 1, vec![(z("长期出差"), 1)])]
    );
    // A move ends the registration: the new slip is not reported yet.
    ledger
        .write(|tx| move_member(tx, b, other.id, date(2026, 6, 1), &Handoff::default()))
        .unwrap();
    agree(&ledger, "a move");
    assert_eq!(stats_of(&ledger, 2026)[0].2, 1);
    // Archiving and moving a member to another unit take it off this unit's file.
    ledger
        .write(|tx| {
            let mut m = tx.get::<Member>(a)?.unwrap();
            m.archived = true;
            tx.save(m)?;
            let unit2 = tx.save(Unit {
                id: Id::new(),
                name: "区教育局".into(),
                declared_members: 0,
                paired_community: None,
                ..f.unit.clone()
            })?;
            let mut m = tx.get::<Member>(b)?.unwrap();
            m.unit = Some(unit2.id);
            tx.save(m)
        })
        .unwrap();
    agree(&ledger, "archiving and a unit change");
    // A unit's kind moves its members' registrations to another 表2 column.
    let organ = |ledger: &baodao::store::Ledger| {
        let view = ledger.view().unwrap();
        let t = view.community_tally(f.community.id).unwrap();
        t.year(&baodao::domain::rules::YearSpan::new(2026, today()))
            .by_kind
    };
    assert_eq!(organ(&ledger), [1, 0, 0, 0, 0]);
    ledger
        .write(|tx| {
            let mut u = tx.get::<Unit>(f.unit.id)?.unwrap();
            u.kind = UnitKind::Enterprise;
            tx.save(u)
        })
        .unwrap();
    agree(&ledger, "a unit's kind changed");
    assert_eq!(organ(&ledger), [0, 0, 1, 0, 0]);
    assert_eq!(
        stats_of(&ledger, 2026),
        vec![
            (z("区教育局"), 1, 0, 0, vec![]),
            (z("区财政局"), 1, 1, 1, vec![])
        ]
    );
    // Deleting a registration (an undone creation) puts the member back to "not reported".
    ledger
        .write(|tx| tx.delete(Kind::Registration, f.registration.id, "undo"))
        .unwrap();
    agree(&ledger, "deleting a registration");
    assert_eq!(stats_of(&ledger, 2026)[1].2, 0);
    let report = ledger.check().unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

/// The tallies a transaction moves are kept in memory and written at its commit: many changes
/// to one member, unit and community in one transaction must land as the rows say, and a
/// transaction that fails after moving them must leave the stored ones as they were.
#[test]
fn tallies_moved_many_times_in_one_transaction_land_once_and_an_abort_keeps_none() {
    use baodao::workflow::{Handoff, issue_slips, mark_reported, move_member};
    let (_d, _p, mut ledger) = temp_ledger();
    let f = fixture(&ledger);
    let stored = |ledger: &baodao::store::Ledger| {
        let view = ledger.view().unwrap();
        let (u, c) = (
            view.unit_tallies().unwrap(),
            view.community_tallies().unwrap(),
        );
        assert_eq!(u, view.unit_tallies_from_rows(|_| true).unwrap());
        assert_eq!(c, view.community_tallies_from_rows(|_| true).unwrap());
        (u, c)
    };
    ledger
        .write(|tx| {
            let other = tx.save(Community {
                id: Id::new(),
                name: "廖家社区".into(),
                ..Default::default()
            })?;
            let a = add_member(tx, &f, "张三")?.id;
            let b = add_member(tx, &f, "李四")?.id;
            let slips = issue_slips(tx, f.unit.id, &[a, b], date(2025, 2, 1), date(2025, 3, 1))?;
            mark_reported(tx, slips[0], date(2025, 2, 20), vec![f.post.id], "")?;
            move_member(tx, b, other.id, date(2026, 6, 1), &Handoff::default())?;
            // The fixture's registration goes: its community's entry for it empties.
            tx.delete(Kind::Registration, f.registration.id, "undo")?;
            let mut u = tx.get::<Unit>(f.unit.id)?.unwrap();
            u.kind = UnitKind::Enterprise;
            tx.save(u)
        })
        .unwrap();
    let before = stored(&ledger);
    assert_eq!(before.1.len(), 2, "both communities have registrations");
    let refused = ledger.write(|tx| {
        let c = add_member(tx, &f, "王五")?.id;
        issue_slips(tx, f.unit.id, &[c], date(2026, 2, 1), date(2026, 3, 1))?;
        // A dangling reference: the store refuses it and the transaction is dropped.
        tx.save(Member {
            id: Id::new(),
            name: "赵六".into(),
            unit: Some(Id::new()),
            community: Some(f.community.id),
            ..Default::default()
        })
    });
    assert!(refused.is_err());
    assert_eq!(
        stored(&ledger),
        before,
        "an aborted transaction moves no tally"
    );
    assert!(ledger.check().unwrap().problems.is_empty());
}
