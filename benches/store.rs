//! Ledger core benchmarks: demo generation and a durable save (record + indexes + totals +
//! audit), with raw redb commits on the same disk as the reference, in the same run.
//!
//! `cargo bench --bench store` uses a 30,000-member ledger built here. To measure against the
//! province-scale ledger, build it once and point the bench at a copy (saves are added to it):
//!
//! ```sh
//! cargo run --release -- demo --members 1000000 --db $PWD/1m.redb
//! BAODAO_BENCH_LEDGER=$PWD/1m.redb cargo bench --bench store
//! ```
mod common;

use std::time::Instant;

use baodao::demo::{DemoSpec, generate};
use baodao::domain::*;
use baodao::store::{Ledger, OpenOptions};
use common::*;

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Demo generation at the default size, three times.
    let mut gen_times = Vec::new();
    for i in 0..3 {
        let p = dir.path().join(format!("demo{i}.redb"));
        let l = Ledger::open(&p, OpenOptions::default()).expect("open");
        let t = Instant::now();
        generate(&l, &DemoSpec::default(), &mut |_| {}).expect("demo");
        gen_times.push(t.elapsed());
    }
    report(
        "demo, 1,000 members (target < 5 s)",
        &Stats { samples: gen_times },
    );

    let path = match std::env::var_os("BAODAO_BENCH_LEDGER") {
        Some(p) => std::path::PathBuf::from(p),
        None => {
            let p = dir.path().join("30k.redb");
            let l = Ledger::open(&p, OpenOptions::default()).expect("open");
            let t = Instant::now();
            generate(
                &l,
                &DemoSpec {
                    members: 30_000,
                    seed: 7,
                },
                &mut |_| {},
            )
            .expect("demo");
            once("demo, 30,000 members", t.elapsed());
            p
        }
    };
    let t = Instant::now();
    let ledger = Ledger::open(&path, OpenOptions::default()).expect("open");
    once("open the ledger", t.elapsed());
    let view = ledger.view().expect("view");
    let members = view.count::<Member>().expect("count");
    // A member with a community to save rows for.
    let mut target = None;
    view.for_each::<Member>(|m| {
        if target.is_none() && m.community.is_some() {
            target = Some(m);
        }
        Ok(())
    })
    .expect("scan");
    drop(view);
    let member = target.expect("a member");
    let community = member.community.unwrap_or_default();
    println!("ledger: {members} members");

    let today = ledger.today();
    let saves = time_n(500, |i| {
        let row = ServiceRecord {
            id: Id::new(),
            member: member.id,
            community,
            date: today - chrono::Duration::days(1 + (i % 300) as i64),
            content: "清理楼道".into(),
            place: "3号楼".into(),
            hours: Hours(1),
            rating: Some(Rating::Good),
            kind: ServiceKind::Volunteer,
            certification: None,
            activity: None,
            demand: None,
            household: None,
            archived: false,
        };
        ledger.write(|tx| tx.save(row)).expect("save");
    });
    report("durable save: row+indexes+totals+audit", &saves);
    // The character rule's backstop inside every save (Record::validate walks every string of
    // the record), on this member's record, against the save it is part of.
    let record = Record::from(member.clone());
    let backstop = time_n(20_000, |_| {
        assert!(record.refused_text().is_none());
    });
    report("character backstop over one member record", &backstop);
    println!(
        "ratio: backstop p50 / durable save p50 = {:.5}",
        ms(backstop.median()) / ms(saves.median())
    );

    drop(ledger);
    // The floor on this very file: one insert per durable commit into a scratch table of the
    // same ledger, in the ledger's multi-process mode (a large file's commits record a larger
    // allocator state), the scratch table removed afterwards.
    {
        let db = redb::Database::builder()
            .set_concurrency_mode(redb::ConcurrencyMode::MultiWriter)
            .open(&path)
            .expect("raw open");
        let scratch: redb::TableDefinition<u128, &[u8]> =
            redb::TableDefinition::new("bench-scratch");
        let raw = time_n(500, |i| {
            let txn = db.begin_write().expect("txn");
            {
                let mut t = txn.open_table(scratch).expect("table");
                t.insert(i as u128, [7u8; 120].as_slice()).expect("insert");
            }
            txn.commit().expect("commit");
        });
        report("raw redb commit on this ledger's file", &raw);
        // The ledger's commits also save redb's allocator state (quick repair), which keeps
        // reopening after a crash to seconds on a province file.
        let quick = time_n(500, |i| {
            let mut txn = db.begin_write().expect("txn");
            txn.set_quick_repair(true);
            {
                let mut t = txn.open_table(scratch).expect("table");
                t.insert((1_000_000 + i) as u128, [7u8; 120].as_slice())
                    .expect("insert");
            }
            txn.commit().expect("commit");
        });
        report("raw commit on this file, with quick repair", &quick);
        println!(
            "ratio: ledger save p50 / raw commit on the same file p50 = {:.2} ({:.2} against the raw commit with quick repair)",
            ms(saves.median()) / ms(raw.median()),
            ms(saves.median()) / ms(quick.median())
        );
        let txn = db.begin_write().expect("txn");
        txn.delete_table(scratch).expect("drop scratch");
        txn.commit().expect("commit");
    }
    // Reference: one insert per durable commit in plain redb on a new file on the same disk,
    // both in redb's default mode and in the multi-process mode the ledger uses.
    for (name, mode) in [
        (
            "raw redb commit (exclusive writer)",
            redb::ConcurrencyMode::ExclusiveWriter,
        ),
        (
            "raw redb commit (multi-writer)",
            redb::ConcurrencyMode::MultiWriter,
        ),
    ] {
        let p = dir.path().join(format!("raw-{}.redb", name.len()));
        let db = redb::Database::builder()
            .set_concurrency_mode(mode)
            .create(&p)
            .expect("raw");
        let table: redb::TableDefinition<u128, &[u8]> = redb::TableDefinition::new("t");
        let raw = time_n(500, |i| {
            let txn = db.begin_write().expect("txn");
            {
                let mut t = txn.open_table(table).expect("table");
                t.insert(i as u128, [7u8; 120].as_slice()).expect("insert");
            }
            txn.commit().expect("commit");
        });
        report(name, &raw);
    }
}
