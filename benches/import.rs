//! Import benchmark: a 100,000-row 附件4 roster (CSV) imported into a new ledger end to end,
//! through the same library call the CLI makes (read, parse, match names, one transaction of
//! validated saves with indexes and audit entries). Target: under 10 s in release.
//!
//! As a reference on the same disk in the same run, `sqlite3` (when on PATH) loads the same
//! CSV with `.import` into a table with `PRAGMA synchronous=FULL`: a plain durable bulk load
//! with no validation, no indexes and no audit, i.e. a floor rather than a competitor.
//!
//! `cargo bench --bench import`; `BAODAO_BENCH_ROWS=20000` for a quicker run;
//! `BAODAO_BENCH_KEEP=roster.csv` also writes the roster there, to time the real binary on it
//! (`baodao --db L import members roster.csv --community 紫鑫城社区`).
mod common;

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use baodao::demo::names;
use baodao::demo::rng::Rng;
use baodao::domain::community::STANDARD_POSTS;
use baodao::domain::*;
use baodao::interchange::grid::{ReadOptions, read_path};
use baodao::interchange::import::{self, Options, Sheet};
use baodao::store::{Ledger, OpenOptions};
use chrono::NaiveDate;
use common::*;

const COMMUNITY: &str = "紫鑫城社区";

// The allocator of the `baodao` binary (src/main.rs), so that this bench times what the
// program does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let rows: usize = std::env::var("BAODAO_BENCH_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("roster.csv");
    let t = Instant::now();
    std::fs::write(&csv, roster(rows)).expect("write csv");
    if let Ok(keep) = std::env::var("BAODAO_BENCH_KEEP") {
        std::fs::copy(&csv, &keep).expect("copy the roster to BAODAO_BENCH_KEEP");
    }
    once(&format!("generate {rows}-row roster CSV"), t.elapsed());

    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    let mut opts = Options::new(Sheet::Members);
    opts.community = Some(COMMUNITY.into());

    // The steps alone, to see where the time goes.
    let t = Instant::now();
    let grid = read_path(&csv, &ReadOptions::default()).expect("read");
    once("  read + decode the CSV", t.elapsed());
    let ledger = new_ledger(dir.path(), "steps", today);
    let t = Instant::now();
    let plan = {
        let view = ledger.view().expect("view");
        import::make_plan(&view, &grid, &opts, today, &mut |_| {}).expect("plan")
    };
    once("  parse rows + match names (plan)", t.elapsed());
    assert!(
        plan.issues.is_empty(),
        "{:?}",
        &plan.issues[..3.min(plan.issues.len())]
    );
    drop(grid);

    // Where the store's time goes, on the same plan: validated saves without the per-record
    // audit entries, and raw inserts with no checks at all (how the demo generator loads).
    // The plan refers to this ledger's community and posts: the raw run gets a copy of it.
    let records: Vec<Record> = plan.steps.iter().map(|s| s.record.clone()).collect();
    let copy = dir.path().join("raw.redb");
    ledger.backup(&copy).expect("copy");
    let t = Instant::now();
    ledger
        .write_bulk(|tx| {
            for r in records.iter().cloned() {
                tx.save_record(r, "import", "")?;
            }
            Ok(())
        })
        .expect("unaudited saves");
    once("  store: validated saves, no per-row audit", t.elapsed());
    let raw = Ledger::open(&copy, OpenOptions::default()).expect("open copy");
    let t = Instant::now();
    raw.write_bulk(|tx| {
        for r in &records {
            tx.bulk_insert(r)?;
        }
        Ok(())
    })
    .expect("raw inserts");
    once("  store: raw inserts + indexes, no checks", t.elapsed());
    drop(records);

    // End to end, three times, each into a fresh ledger.
    let mut samples = Vec::new();
    let mut cpu = Vec::new();
    for i in 0..3 {
        let ledger = new_ledger(dir.path(), &format!("run{i}"), today);
        let t = Instant::now();
        let c = cpu_time();
        let outcome = import::import_file(&ledger, &csv, &opts, &mut |_| {}).expect("import");
        samples.push(t.elapsed());
        if let (Some(a), Some(b)) = (c, cpu_time()) {
            cpu.push(b.saturating_sub(a));
        }
        assert_eq!(outcome.added(Kind::Member), rows);
        assert_eq!(outcome.added(Kind::Registration), rows);
    }
    let stats = Stats { samples };
    report(
        &format!("import members, {rows} rows (target < 10 s)"),
        &stats,
    );
    if !cpu.is_empty() {
        // On a machine shared with others, the time on CPU says more than the wall clock.
        report("  of which on CPU", &Stats { samples: cpu });
    }
    let per_row = stats.median().as_secs_f64() * 1e6 / rows as f64;
    println!(
        "{:<48} {per_row:>9.1} µs",
        "  per row (member + registration)"
    );

    match sqlite_reference(dir.path(), &csv) {
        Some(d) => {
            once("sqlite3 .import, synchronous=FULL", d);
            println!(
                "{:<48} {:>9.1} x",
                "  baodao / sqlite",
                stats.median().as_secs_f64() / d.as_secs_f64().max(1e-9)
            );
        }
        None => println!("sqlite3 not on PATH: no reference"),
    }
}

/// A ledger with the community and its eight standard posts.
fn new_ledger(dir: &Path, name: &str, today: NaiveDate) -> Ledger {
    let ledger = Ledger::open(
        &dir.join(format!("{name}.redb")),
        OpenOptions {
            today: Some(today),
            clerk: Some("bench".into()),
            ..Default::default()
        },
    )
    .expect("open");
    ledger
        .write(|tx| {
            let c = tx.save(Community {
                id: Id::new(),
                name: COMMUNITY.into(),
                ..Default::default()
            })?;
            for p in STANDARD_POSTS {
                tx.save(Post {
                    id: Id::new(),
                    community: c.id,
                    name: p.into(),
                    ..Default::default()
                })?;
            }
            Ok(())
        })
        .expect("community");
    ledger
}

/// A roster as offices keep it: 附件4's columns plus 认领岗位, distinct (name, mobile) pairs,
/// 400 units, most members reported.
fn roster(rows: usize) -> String {
    let mut rng = Rng::new(2026);
    let units: Vec<String> = (0..400).map(|i| format!("曲靖市第{i}单位")).collect();
    let kinds = ["机关", "事业", "企业", "大专院校"];
    let positions = ["科员", "副科长", "科长", "教师", "工程师", "会计"];
    let mut out = String::from(
        "序号,姓名,性别,出生年月,入党时间,文化程度,工作单位及职务,单位属性,住址,手机,报到日期,认领岗位,是否愿意参加社区其他服务\n",
    );
    let mut seen = std::collections::HashSet::new();
    let mut n = 0;
    while n < rows {
        let name = names::person_name(&mut rng);
        let mobile = names::mobile(&mut rng);
        // Joined the Party as an adult (the ledger refuses a 入党时间 before the 18th birthday).
        let (born, month) = (rng.range(1960, 2000), rng.range(1, 12));
        let joined = rng.range(born + 19, (born + 19).max(2020));
        // Distinct people by the import's duplicate rules: one mobile, one (name, birth month).
        if !seen.insert(mobile.clone()) || !seen.insert(format!("{name} {born}.{month}")) {
            continue;
        }
        n += 1;
        let u = rng.below(units.len() as u64) as usize;
        let reported = rng.chance(0.8);
        let _ = writeln!(
            out,
            "{n},{name},{},{}.{:02},{}.{:02},大学,{} {},{},紫鑫城{}号楼,{mobile},{},{},{}",
            if rng.chance(0.5) { "男" } else { "女" },
            born,
            month,
            joined,
            rng.range(1, 12),
            units[u],
            rng.pick(&positions),
            kinds[u % kinds.len()],
            rng.range(1, 40),
            if reported {
                format!("2026-{:02}-{:02}", rng.range(1, 10), rng.range(1, 28))
            } else {
                String::new()
            },
            if reported {
                STANDARD_POSTS[rng.below(8) as usize]
            } else {
                ""
            },
            if rng.chance(0.7) { "是" } else { "否" },
        );
    }
    out
}

/// Time this thread has run on a CPU (Linux `schedstat`); `None` elsewhere.
fn cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// `sqlite3` loading the same CSV durably, or `None` without sqlite3.
fn sqlite_reference(dir: &Path, csv: &Path) -> Option<Duration> {
    let db = dir.join("reference.sqlite");
    let script = format!(
        "PRAGMA synchronous=FULL;\n.import --csv {} roster\n",
        csv.display()
    );
    let t = Instant::now();
    let mut child = Command::new("sqlite3")
        .arg(&db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(script.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    let d = t.elapsed();
    if !out.status.success() {
        eprintln!("sqlite3: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    Some(d)
}
