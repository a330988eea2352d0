//! Helpers shared by the integration tests: temp ledgers and small constructed records.
#![allow(dead_code)]
pub mod tmux;
use std::path::{Path, PathBuf};

use baodao::domain::*;
use baodao::store::{Ledger, OpenOptions};
use chrono::NaiveDate;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

pub fn open(path: &Path) -> Ledger {
    Ledger::open(
        path,
        OpenOptions {
            clerk: Some("测试员".into()),
            today: Some(today()),
            ..Default::default()
        },
    )
    .expect("open ledger")
}

pub fn temp_ledger() -> (tempfile::TempDir, PathBuf, Ledger) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ledger.redb");
    let ledger = open(&path);
    (dir, path, ledger)
}

/// A community with one post, a unit and a reported member holding that post.
pub struct Fixture {
    pub community: Community,
    pub post: Post,
    pub unit: Unit,
    pub member: Member,
    pub registration: Registration,
}

pub fn fixture(ledger: &Ledger) -> Fixture {
    ledger
        .write(|tx| {
            let community = tx.save(Community {
                id: Id::new(),
                name: "紫鑫城社区".into(),
                county: "麒麟区".into(),
                street: "南宁街道".into(),
                ..Default::default()
            })?;
            let post = tx.save(Post {
                id: Id::new(),
                community: community.id,
                name: "政策法规宣传岗".into(),
                ..Default::default()
            })?;
            let unit = tx.save(Unit {
                id: Id::new(),
                name: "区财政局".into(),
                kind: UnitKind::Organ,
                address: String::new(),
                party_org: String::new(),
                contact_name: String::new(),
                contact_phone: String::new(),
                liaisons: vec![],
                paired_community: Some(community.id),
                declared_members: 3,
                archived: false,
            })?;
            let member = tx.save(Member {
                id: Id::new(),
                name: "曾顺仙".into(),
                mobile: "13812348588".into(),
                unit: Some(unit.id),
                community: Some(community.id),
                ..Default::default()
            })?;
            let registration = tx.save(Registration {
                id: Id::new(),
                member: member.id,
                community: community.id,
                unit: Some(unit.id),
                issued_on: Some(date(2026, 3, 1)),
                report_by: Some(date(2026, 3, 31)),
                reported_on: Some(date(2026, 3, 10)),
                posts: vec![post.id],
                ..Default::default()
            })?;
            Ok(Fixture {
                community,
                post,
                unit,
                member,
                registration,
            })
        })
        .expect("fixture")
}

/// Another member of the fixture's unit and community.
pub fn add_member(
    tx: &mut baodao::store::Tx,
    f: &Fixture,
    name: &str,
) -> Result<Member, baodao::store::StoreError> {
    tx.save(Member {
        id: Id::new(),
        name: name.into(),
        unit: Some(f.unit.id),
        community: Some(f.community.id),
        ..Default::default()
    })
}

pub fn service(f: &Fixture, day: NaiveDate, halves: u16) -> ServiceRecord {
    ServiceRecord {
        id: Id::new(),
        member: f.member.id,
        community: f.community.id,
        date: day,
        content: "清理楼道".into(),
        place: "3号楼".into(),
        hours: Hours(halves),
        rating: Some(Rating::Excellent),
        kind: ServiceKind::Volunteer,
        certification: None,
        activity: None,
        demand: None,
        household: None,
        archived: false,
    }
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_baodao")
}
