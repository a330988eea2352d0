//! Province-scale year-end figures: open, a community's session, the per-unit statistics
//! (附件3 / `report unit-stats`, printed and exported to XLSX), with SQLite's per-member
//! GROUP BY over the same service rows as the reference in the same run.
//!
//! ```sh
//! cargo run --release -- demo --members 1000000 --db $PWD/1m.redb     # ~3 minutes
//! BAODAO_BENCH_LEDGER=$PWD/1m.redb cargo bench --bench province
//! ```
//! Without `BAODAO_BENCH_LEDGER` a 30,000-member ledger is built in a temp dir. The SQLite
//! reference runs when `sqlite3` is on PATH; it loads the ledger's service rows into a SQLite
//! file first (timed separately, as the bulk-import reference).
mod common;

use std::io::Write;
use std::process::Command;
use std::time::Instant;

use baodao::domain::*;
use baodao::evaluate::community_session;
use baodao::i18n::Lang;
use baodao::report::forms::{Filter, Form, build};
use baodao::store::{Ledger, OpenOptions};
use common::*;

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = bench_ledger(dir.path(), 30_000);
    let t = Instant::now();
    let ledger = Ledger::open(
        &path,
        OpenOptions {
            read_only: true,
            ..Default::default()
        },
    )
    .expect("open");
    once("open the ledger (read-only)", t.elapsed());
    let today = ledger.today();
    let year = chrono::Datelike::year(&today);
    let view = ledger.view().expect("view");
    let communities = view.communities().expect("communities");
    println!(
        "ledger: {} communities, {} members",
        communities.len(),
        view.count::<Member>().unwrap_or(0)
    );

    let picks: Vec<Id> = communities
        .iter()
        .step_by((communities.len() / 25).max(1))
        .map(|c| c.id)
        .collect();
    let s = time_n(picks.len(), |i| {
        let rows = community_session(&view, picks[i], year, today, Lang::Zh).expect("session");
        std::hint::black_box(rows);
    });
    report("open a community's session (target < 200 ms)", &s);

    let s = time_n(3, |_| {
        let r = build(
            Form::UnitStats,
            &view,
            &Filter {
                year: Some(year),
                ..Default::default()
            },
            today,
            Lang::Zh,
        )
        .expect("unit stats");
        std::hint::black_box(r);
    });
    report("province unit-stats, in process (target < 2 s)", &s);
    let ours = s.median();

    // Whole process, as a reviewer runs it.
    let exe = env!("CARGO_BIN_EXE_baodao");
    let s = time_n(3, |_| {
        let out = Command::new(exe)
            .args(["report", "unit-stats", "--year", &year.to_string(), "--db"])
            .arg(&path)
            .output()
            .expect("run");
        assert!(out.status.success());
    });
    report("baodao report unit-stats (whole process)", &s);
    let whole = s.median();
    // The province's 附件3 exported as a workbook, as an office sends it on.
    let xlsx = dir.path().join("fujian3.xlsx");
    let s = time_n(3, |_| {
        let out = Command::new(exe)
            .args(["report", "unit-stats", "--year", &year.to_string(), "-o"])
            .arg(&xlsx)
            .arg("--db")
            .arg(&path)
            .output()
            .expect("run");
        assert!(out.status.success(), "{out:?}");
    });
    report("export 附件3 to XLSX (whole process)", &s);

    if Command::new("sqlite3").arg("-version").output().is_err() {
        println!("sqlite3 not found: reference skipped (apt-get install sqlite3)");
        return;
    }
    // The reference: the same service rows in SQLite, one GROUP BY per member for the year.
    let csv = dir.path().join("services.csv");
    {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&csv).expect("csv"));
        view.for_each::<ServiceRecord>(|s| {
            let _ = writeln!(
                w,
                "{},{},{},{},{},{}",
                s.id,
                s.member,
                s.community,
                s.date,
                s.hours.0,
                s.certification.is_some() as u8
            );
            Ok(())
        })
        .expect("export");
    }
    let db = dir.path().join("ref.sqlite");
    let script = format!(
        "PRAGMA synchronous=FULL;\nCREATE TABLE services(id TEXT PRIMARY KEY, member TEXT, community TEXT, date TEXT, halves INTEGER, certified INTEGER);\n.mode csv\n.import {} services\nCREATE INDEX services_member ON services(member, date);\n",
        csv.display()
    );
    let t = Instant::now();
    let mut child = Command::new("sqlite3")
        .arg(&db)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("sqlite3");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(script.as_bytes())
        .expect("script");
    assert!(child.wait().expect("wait").success());
    once(
        "SQLite: bulk import of the service rows + index",
        t.elapsed(),
    );
    let query = format!(
        "SELECT member, count(*), sum(certified), sum(halves*certified) FROM services WHERE date >= '{year}-01-01' AND date <= '{year}-12-31' GROUP BY member;"
    );
    let s = time_n(3, |_| {
        let out = Command::new("sqlite3")
            .arg(&db)
            .arg(&query)
            .output()
            .expect("query");
        assert!(out.status.success());
        std::hint::black_box(out.stdout.len());
    });
    report("SQLite per-member GROUP BY, one year", &s);
    let all = "SELECT member, count(*), sum(certified), sum(halves*certified) FROM services GROUP BY member;";
    let s2 = time_n(3, |_| {
        let out = Command::new("sqlite3")
            .arg(&db)
            .arg(all)
            .output()
            .expect("query");
        assert!(out.status.success());
    });
    report("SQLite per-member GROUP BY, all years", &s2);
    println!(
        "ratio: baodao unit-stats / SQLite one-year GROUP BY = {:.2} in process, {:.2} whole process (target <= 0.5)",
        ours.as_secs_f64() / s.median().as_secs_f64(),
        whole.as_secs_f64() / s.median().as_secs_f64()
    );
}
