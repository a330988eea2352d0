//! The ledger core: round trips, validation, certified rows, closed years, totals, audit,
//! read-only, damaged files.
mod common;

use baodao::domain::*;
use baodao::i18n::Lang;
use baodao::store::{Ledger, LockReason, OpenOptions, StoreError};
use common::*;

#[test]
fn every_entity_round_trips() {
    let (_d, path, ledger) = temp_ledger();
    let f = fixture(&ledger);
    let d = date(2026, 5, 1);
    let records: Vec<Record> = ledger
        .write(|tx| {
            let household = tx.save(Household {
                id: Id::new(),
                community: f.community.id,
                name: "李奶奶".into(),
                kind: HouseholdKind::EmptyNest,
                address: "3栋2单元101".into(),
                contact: "13900001111".into(),
                note: String::new(),
                archived: false,
            })?;
            let demand = tx.save(Demand {
                id: Id::new(),
                community: f.community.id,
                kind: DemandKind::Wish,
                requester: "王小明".into(),
                contact: "13900002222".into(),
                content: "想要一个新书包".into(),
                asked_on: d,
                due: Some(date(2026, 5, 15)),
                target: Some(DispatchTarget::Member(f.member.id)),
                accepted_by: Some(f.member.id),
                status: DemandStatus::Accepted,
                done_on: None,
                cancel_reason: String::new(),
                service: None,
                history: vec![DemandEvent {
                    on: d,
                    status: DemandStatus::Open,
                    note: "".into(),
                }],
            })?;
            let activity = tx.save(Activity {
                id: Id::new(),
                community: f.community.id,
                kind: ActivityKind::ServiceDay,
                title: "固定服务日".into(),
                date: d,
                place: "广场".into(),
                hours: Hours(4),
            })?;
            let out: Vec<Record> = vec![
                f.community.clone().into(),
                f.post.clone().into(),
                f.unit.clone().into(),
                f.member.clone().into(),
                f.registration.clone().into(),
                tx.save(service(&f, d, 3))?.into(),
                activity.into(),
                demand.into(),
                household.clone().into(),
                tx.save(Pairing {
                    id: Id::new(),
                    household: household.id,
                    member: f.member.id,
                    plan: "每月走访".into(),
                    since: d,
                    ended_on: None,
                })?
                .into(),
                tx.save(Suggestion {
                    id: Id::new(),
                    member: f.member.id,
                    community: f.community.id,
                    date: d,
                    content: "建议增设充电桩".into(),
                    outcome: Some(SuggestionOutcome::Adopted),
                })?
                .into(),
                tx.save(JointMeeting {
                    id: Id::new(),
                    community: f.community.id,
                    date: d,
                    units: vec![f.unit.id],
                    topics: "共建".into(),
                })?
                .into(),
                tx.save(UnitService {
                    id: Id::new(),
                    unit: f.unit.id,
                    community: f.community.id,
                    date: d,
                    content: "义诊".into(),
                    participants: 5,
                })?
                .into(),
                tx.save(Evaluation {
                    id: Id::new(),
                    community: f.community.id,
                    member: f.member.id,
                    year: 2025,
                    grade: Grade::Excellent,
                    comment: "表现突出".into(),
                    evaluated_on: date(2025, 12, 20),
                    disqualified: String::new(),
                })?
                .into(),
                tx.save(YearClosure {
                    id: Id::new(),
                    community: f.community.id,
                    year: 2024,
                    closed_on: date(2024, 12, 30),
                    closed_by: "王书记".into(),
                    reopened: None,
                })?
                .into(),
            ];
            Ok(out)
        })
        .expect("save all");
    assert_eq!(records.len(), Kind::ALL.len(), "one record of every kind");
    drop(ledger);
    // Reopen the file: what comes back is what was saved.
    let ledger = open(&path);
    let view = ledger.view().expect("view");
    for r in &records {
        let back: Option<Record> = match r {
            Record::Community(x) => view.get::<Community>(x.id).unwrap().map(Into::into),
            Record::Unit(x) => view.get::<Unit>(x.id).unwrap().map(Into::into),
            Record::Member(x) => view.get::<Member>(x.id).unwrap().map(Into::into),
            Record::Registration(x) => view.get::<Registration>(x.id).unwrap().map(Into::into),
            Record::Post(x) => view.get::<Post>(x.id).unwrap().map(Into::into),
            Record::Service(x) => view.get::<ServiceRecord>(x.id).unwrap().map(Into::into),
            Record::Activity(x) => view.get::<Activity>(x.id).unwrap().map(Into::into),
            Record::Demand(x) => view.get::<Demand>(x.id).unwrap().map(Into::into),
            Record::Household(x) => view.get::<Household>(x.id).unwrap().map(Into::into),
            Record::Pairing(x) => view.get::<Pairing>(x.id).unwrap().map(Into::into),
            Record::Suggestion(x) => view.get::<Suggestion>(x.id).unwrap().map(Into::into),
            Record::Meeting(x) => view.get::<JointMeeting>(x.id).unwrap().map(Into::into),
            Record::UnitService(x) => view.get::<UnitService>(x.id).unwrap().map(Into::into),
            Record::Evaluation(x) => view.get::<Evaluation>(x.id).unwrap().map(Into::into),
            Record::Closure(x) => view.get::<YearClosure>(x.id).unwrap().map(Into::into),
        };
        assert_eq!(back.as_ref(), Some(r), "{:?} round trip", r.kind());
    }
    // And the indexes find them.
    assert_eq!(view.members_of_community(f.community.id).unwrap().len(), 1);
    assert_eq!(view.members_of_unit(f.unit.id).unwrap().len(), 1);
    assert_eq!(
        view.services_of_member(f.member.id, None, None)
            .unwrap()
            .len(),
        1
    );
    assert_eq!(view.demands_of_member(f.member.id).unwrap().len(), 1);
    assert_eq!(view.pairings_of_member(f.member.id).unwrap().len(), 1);
    drop(view);
    let mut ledger = ledger;
    let report = ledger.check().expect("check");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

fn field_of(e: StoreError) -> Vec<&'static str> {
    match e {
        StoreError::Invalid(inv) => inv.0.iter().map(|f| f.field).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn validation_names_the_field_in_both_languages() {
    let (_d, _p, ledger) = temp_ledger();
    let f = fixture(&ledger);
    let bad_mobile = Member {
        id: Id::new(),
        name: "单丽".into(),
        mobile: "2381234".into(),
        ..Default::default()
    };
    let e = ledger.write(|tx| tx.save(bad_mobile.clone())).unwrap_err();
    assert!(
        e.message(Lang::Zh).contains("手机"),
        "{}",
        e.message(Lang::Zh)
    );
    assert!(
        e.message(Lang::En).contains("Mobile"),
        "{}",
        e.message(Lang::En)
    );
    assert_eq!(field_of(e), ["field.mobile"]);

    let nameless = Member {
        id: Id::new(),
        name: "  ".into(),
        ..Default::default()
    };
    assert_eq!(
        field_of(ledger.write(|tx| tx.save(nameless)).unwrap_err()),
        ["field.name"]
    );

    let future = service(&f, date(2026, 11, 23), 2);
    assert_eq!(
        field_of(ledger.write(|tx| tx.save(future)).unwrap_err()),
        ["field.date"]
    );

    let zero = service(&f, date(2026, 5, 1), 0);
    assert_eq!(
        field_of(ledger.write(|tx| tx.save(zero)).unwrap_err()),
        ["field.hours"]
    );

    // 24 hours a day at most, summed over the member's rows of that day.
    let day = date(2026, 6, 1);
    ledger
        .write(|tx| tx.save(service(&f, day, 40)))
        .expect("20 hours");
    let e = ledger
        .write(|tx| tx.save(service(&f, day, 10)))
        .unwrap_err();
    assert!(
        e.message(Lang::Zh).contains("25"),
        "{}",
        e.message(Lang::Zh)
    );
    ledger
        .write(|tx| tx.save(service(&f, day, 8)))
        .expect("exactly 24 hours");

    // A reported registration without a post is a state the ledger holds (附件4 as
    // printed); the year's rules and readiness show it.
    let mut reg = f.registration.clone();
    reg.posts.clear();
    ledger
        .write(|tx| tx.save(reg))
        .expect("reported without a post");

    // A reference to nothing.
    let mut orphan = service(&f, day, 1);
    orphan.member = Id::new();
    assert_eq!(
        field_of(ledger.write(|tx| tx.save(orphan)).unwrap_err()),
        ["field.member"]
    );
}

#[test]
fn a_certified_row_resists_in_place_edits_until_revoked() {
    let (_d, _p, ledger) = temp_ledger();
    let f = fixture(&ledger);
    let mut row = service(&f, date(2026, 5, 1), 4);
    row.certification = Some(Certification {
        role: CertifierRole::PartyOrg,
        name: "王书记".into(),
        on: date(2026, 5, 2),
    });
    let row = ledger.write(|tx| tx.save(row)).expect("save certified");
    let mut edited = row.clone();
    edited.hours = Hours(8);
    let e = ledger.write(|tx| tx.save(edited.clone())).unwrap_err();
    assert!(matches!(e, StoreError::Locked(LockReason::Certified)));
    let e = ledger
        .write(|tx| tx.delete(Kind::Service, row.id, ""))
        .unwrap_err();
    assert!(matches!(e, StoreError::Locked(LockReason::Certified)));
    // A revoke needs a reason, is logged, and then the edit goes through.
    assert!(
        ledger
            .write(|tx| tx.revoke_certification(row.id, " "))
            .is_err()
    );
    ledger
        .write(|tx| tx.revoke_certification(row.id, "时长登记错误"))
        .expect("revoke");
    ledger
        .write(|tx| tx.save(edited))
        .expect("edit after revoke");
    let view = ledger.view().unwrap();
    let history = view.audit_of(row.id).unwrap();
    let actions: Vec<&str> = history.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(actions, ["save", "revoke-certification", "save"]);
    assert_eq!(history[1].note, "时长登记错误");
    assert_eq!(history[1].clerk, "测试员");
    assert!(
        history[1]
            .before
            .as_deref()
            .unwrap_or("")
            .contains("王书记")
    );
    assert!(
        history[2]
            .after
            .as_deref()
            .unwrap_or("")
            .contains("\"hours\":8")
    );
}

#[test]
fn totals_follow_every_change_and_only_certified_hours_count() {
    let (_d, _p, ledger) = temp_ledger();
    let f = fixture(&ledger);
    let mut a = service(&f, date(2026, 5, 1), 4);
    a.certification = Some(Certification {
        role: CertifierRole::Served,
        name: "李奶奶".into(),
        on: a.date,
    });
    let b = service(&f, date(2026, 5, 2), 3);
    let last_year = service(&f, date(2025, 12, 31), 2);
    let (a, b) = ledger
        .write(|tx| Ok((tx.save(a)?, tx.save(b)?, tx.save(last_year)?)))
        .map(|(a, b, _)| (a, b))
        .unwrap();
    let t = ledger
        .view()
        .unwrap()
        .member_totals(f.member.id, 2026)
        .unwrap();
    assert_eq!(
        (
            t.services,
            t.certified_services,
            t.certified_halves,
            t.all_halves
        ),
        (2, 1, 4, 7)
    );
    assert_eq!(t.rated_excellent, 1);
    // Certify b, then delete a: totals move in the same transaction.
    let mut b2 = b.clone();
    b2.certification = Some(Certification {
        role: CertifierRole::Organizer,
        name: "张".into(),
        on: b.date,
    });
    ledger.write(|tx| tx.save(b2)).unwrap();
    assert!(
        ledger
            .write(|tx| tx.delete(Kind::Service, a.id, ""))
            .is_err(),
        "certified"
    );
    ledger
        .write(|tx| tx.revoke_certification(a.id, "录错"))
        .unwrap();
    ledger
        .write(|tx| tx.delete(Kind::Service, a.id, "录错"))
        .unwrap();
    let view = ledger.view().unwrap();
    let t = view.member_totals(f.member.id, 2026).unwrap();
    assert_eq!(
        (t.services, t.certified_services, t.certified_halves),
        (1, 1, 3)
    );
    assert_eq!(view.member_totals(f.member.id, 2025).unwrap().services, 1);
    assert_eq!(
        view.community_totals(f.community.id, 2026)
            .unwrap()
            .certified_halves,
        3
    );
    drop(view);
    let mut ledger = ledger;
    assert!(ledger.check().unwrap().problems.is_empty());
}

#[test]
fn a_closed_year_is_locked_until_reopened_with_a_reason() {
    let (_d, _p, ledger) = temp_ledger();
    let f = fixture(&ledger);
    ledger
        .write(|tx| {
            tx.save(YearClosure {
                id: Id::new(),
                community: f.community.id,
                year: 2025,
                closed_on: date(2026, 1, 5),
                closed_by: "王书记".into(),
                reopened: None,
            })
        })
        .unwrap();
    let e = ledger
        .write(|tx| tx.save(service(&f, date(2025, 6, 1), 2)))
        .unwrap_err();
    assert!(matches!(
        e,
        StoreError::Locked(LockReason::YearClosed(2025))
    ));
    assert!(e.message(Lang::Zh).contains("2025"));
    ledger
        .write(|tx| tx.save(service(&f, date(2026, 6, 1), 2)))
        .expect("2026 is open");
    assert!(
        ledger
            .write(|tx| tx.reopen_year(f.community.id, 2025, ""))
            .is_err()
    );
    ledger
        .write(|tx| tx.reopen_year(f.community.id, 2025, "补录遗漏的服务记录"))
        .unwrap();
    ledger
        .write(|tx| tx.save(service(&f, date(2025, 6, 1), 2)))
        .expect("reopened");
    assert!(
        !ledger
            .view()
            .unwrap()
            .year_closed(f.community.id, 2025)
            .unwrap()
    );
}

#[test]
fn undo_reverts_as_new_logged_changes() {
    let (_d, _p, ledger) = temp_ledger();
    let f = fixture(&ledger);
    let (row, changes) = ledger
        .write_changes(|tx| tx.save(service(&f, date(2026, 5, 1), 2)))
        .unwrap();
    let mut edited = row.clone();
    edited.content = "改过的内容".into();
    let (_, edit_changes) = ledger.write_changes(|tx| tx.save(edited)).unwrap();
    ledger.write(|tx| tx.revert(&edit_changes, "undo")).unwrap();
    let back = ledger
        .view()
        .unwrap()
        .get::<ServiceRecord>(row.id)
        .unwrap()
        .unwrap();
    assert_eq!(back.content, "清理楼道");
    ledger.write(|tx| tx.revert(&changes, "undo")).unwrap();
    assert!(
        ledger
            .view()
            .unwrap()
            .get::<ServiceRecord>(row.id)
            .unwrap()
            .is_none()
    );
    let actions: Vec<String> = ledger
        .view()
        .unwrap()
        .audit_of(row.id)
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert_eq!(actions, ["save", "save", "undo", "delete"]);
}

#[test]
fn referenced_records_are_not_deleted() {
    let (_d, _p, ledger) = temp_ledger();
    let f = fixture(&ledger);
    let e = ledger
        .write(|tx| tx.delete(Kind::Community, f.community.id, ""))
        .unwrap_err();
    assert!(matches!(e, StoreError::Referenced { .. }), "{e:?}");
    assert!(e.message(Lang::Zh).contains("归档"));
}

#[test]
fn read_only_refuses_writes_and_missing_files() {
    let (_d, path, ledger) = temp_ledger();
    fixture(&ledger);
    drop(ledger);
    let ro = Ledger::open(
        &path,
        OpenOptions {
            read_only: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(ro.is_read_only());
    assert_eq!(ro.view().unwrap().count::<Member>().unwrap(), 1);
    assert!(matches!(ro.write(|_| Ok(())), Err(StoreError::ReadOnly)));
    let missing = path.with_file_name("nope.redb");
    assert!(
        Ledger::open(
            &missing,
            OpenOptions {
                read_only: true,
                ..Default::default()
            }
        )
        .is_err()
    );
    assert!(!missing.exists(), "read-only never creates a file");
}

#[test]
fn the_file_is_private() {
    let (_d, path, _ledger) = temp_ledger();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn garbage_and_damaged_files_are_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.redb");
    std::fs::write(&path, b"this is a spreadsheet, not a ledger".repeat(200)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let e = Ledger::open(&path, OpenOptions::default())
        .err()
        .expect("refused");
    assert!(
        e.message(Lang::Zh).contains("notes.redb"),
        "{}",
        e.message(Lang::Zh)
    );
    assert!(std::fs::read(&path).unwrap() == before, "never overwritten");
}

#[test]
fn backup_is_a_consistent_ledger() {
    let (dir, _p, ledger) = temp_ledger();
    let f = fixture(&ledger);
    ledger
        .write(|tx| tx.save(service(&f, date(2026, 5, 1), 2)))
        .unwrap();
    let out = dir.path().join("copy.redb");
    let rows = ledger.backup(&out).unwrap();
    assert!(rows > 5);
    let mut copy = open(&out);
    assert_eq!(
        copy.view()
            .unwrap()
            .services_of_member(f.member.id, None, None)
            .unwrap()
            .len(),
        1
    );
    assert!(copy.check().unwrap().problems.is_empty());
    assert!(ledger.backup(&out).is_err(), "never overwrites");
}

#[test]
fn settings_default_to_the_seeds_and_save_with_audit() {
    let (_d, _p, ledger) = temp_ledger();
    let s = ledger.view().unwrap().settings().unwrap();
    assert_eq!(
        (s.min_services, s.min_suggestions, s.unit_rate_percent),
        (2, 1, 90)
    );
    assert_eq!(s.points.stars_for(60.0), 3);
    let mut s2 = s.clone();
    s2.min_services = 3;
    ledger.write(|tx| tx.save_settings(&s2)).unwrap();
    let view = ledger.view().unwrap();
    assert_eq!(view.settings().unwrap().min_services, 3);
    assert_eq!(view.audit_recent(1).unwrap()[0].kind, "settings");
}

/// A transaction keeps the tables it opened open from one save to the next, and the
/// settings (the meta table) close them part way: an abort after all of that still leaves
/// nothing of it, and the same work committed is whole.
#[test]
fn tables_held_open_across_saves_roll_back_wholly() {
    let (_d, _path, mut ledger) = temp_ledger();
    let f = fixture(&ledger);
    let settings = Settings {
        min_services: 7,
        ..ledger.view().unwrap().settings().unwrap()
    };
    let work = |tx: &mut baodao::store::Tx, f: &Fixture| -> Result<Id, StoreError> {
        let m = add_member(tx, f, "王芳")?;
        tx.save(Registration {
            id: Id::new(),
            member: m.id,
            community: f.community.id,
            unit: Some(f.unit.id),
            reported_on: Some(date(2026, 4, 2)),
            posts: vec![f.post.id],
            ..Default::default()
        })?;
        tx.save(service(f, date(2026, 4, 3), 4))?;
        // The meta table, through the bare transaction, between saves.
        tx.save_settings(&settings)?;
        // A rename recompiles the unit's members' search docs, the new one's too.
        tx.save(Unit {
            name: "区审计局".into(),
            ..f.unit.clone()
        })?;
        add_member(tx, f, "李强").map(|m| m.id)
    };
    let before = ledger.view().unwrap();
    let generation = before.generation().unwrap();
    let tally = before.unit_tally(f.unit.id).unwrap();
    let totals = before.member_totals(f.member.id, 2026).unwrap();
    let audit = before.audit_recent(1000).unwrap().len();
    drop(before);

    let aborted = ledger.write(|tx| {
        work(tx, &f)?;
        Err::<(), _>(StoreError::Storage("abort".into()))
    });
    assert!(aborted.is_err());
    let view = ledger.view().unwrap();
    assert_eq!(view.members_of_unit(f.unit.id).unwrap().len(), 1);
    assert_eq!(
        view.registrations_of_community(f.community.id)
            .unwrap()
            .len(),
        1
    );
    assert_eq!(view.unit_tally(f.unit.id).unwrap(), tally);
    assert_eq!(view.member_totals(f.member.id, 2026).unwrap(), totals);
    assert_eq!(
        view.get::<Unit>(f.unit.id).unwrap().unwrap().name,
        "区财政局"
    );
    assert_ne!(view.settings().unwrap().min_services, 7);
    assert_eq!(view.audit_recent(1000).unwrap().len(), audit);
    assert_eq!(view.generation().unwrap(), generation);
    let doc = view.search_doc(f.member.id).unwrap().unwrap();
    assert_eq!(doc.doc.unit_name, "区财政局");
    drop(view);

    let added = ledger.write(|tx| work(tx, &f)).unwrap();
    let view = ledger.view().unwrap();
    assert_eq!(view.members_of_unit(f.unit.id).unwrap().len(), 3);
    assert_eq!(view.settings().unwrap().min_services, 7);
    assert_eq!(
        view.search_doc(added).unwrap().unwrap().doc.unit_name,
        "区审计局"
    );
    assert_eq!(
        view.search_doc(f.member.id).unwrap().unwrap().doc.unit_name,
        "区审计局"
    );
    assert_ne!(view.unit_tally(f.unit.id).unwrap(), tally);
    assert_ne!(view.member_totals(f.member.id, 2026).unwrap(), totals);
    drop(view);
    let report = ledger.check().unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}
