//! Printing, whole process (the real binary, as a clerk runs it): one community's 83 slips
//! (附件1 + 回执) as PDF, and the province's 附件3 (`report unit-stats`) as XLSX and as PDF,
//! each beside the same form written as CSV in the same run (runs interleaved, so a busy
//! machine slows both alike). Medians, the ratio to CSV, pages and file sizes.
//!
//! ```sh
//! cargo bench --bench paper                                            # a 30,000-member demo
//! BAODAO_BENCH_LEDGER=$PWD/1m.redb cargo bench --bench paper          # the province
//! BAODAO_BENCH_RUNS=9 BAODAO_BENCH_MEMBERS=100000 cargo bench --bench paper
//! ```
//! The slips are printed from the 1,000-member demo ledger (`baodao demo`: 12 communities of
//! 83 members), built in a temp dir. 附件3 is printed from `BAODAO_BENCH_LEDGER`, else from a
//! demo ledger of `BAODAO_BENCH_MEMBERS` members (default 30,000: 352 communities, 2,500
//! units) built in a temp dir. PDF needs a CJK font (`apt-get install fonts-noto-cjk`) and
//! `pdfinfo` (poppler-utils) for the page counts. Every run opens its ledger `--read-only`,
//! so a shared ledger is never written.
mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use baodao::store::{Ledger, OpenOptions};
use common::*;

const SLIPS: usize = 83;

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let members: usize = env_num("BAODAO_BENCH_MEMBERS", 30_000);
    let runs: usize = env_num("BAODAO_BENCH_RUNS", 5);
    if baodao::report::pdf::find_font(None).is_err() {
        println!(
            "no CJK font: nothing to measure (apt-get install {})",
            baodao::report::pdf::FONT_PACKAGE
        );
        return;
    }
    let small = dir.path().join("small");
    std::fs::create_dir(&small).expect("dir");
    let demo = demo_ledger(&small, 1000);
    let (community, count, year) = pick_community(&demo);
    println!(
        "附件1: community {community} of the 1,000-member demo, {count} members; {runs} runs each"
    );
    let year = year.to_string();
    let slip = ["report", "slip", "--community", &community, "--year", &year];
    compare(
        &demo,
        dir.path(),
        "附件1, one community",
        &slip,
        &["pdf"],
        runs,
    );

    let path = bench_ledger(dir.path(), members);
    let year = year_of(&path).to_string();
    let stats = ["report", "unit-stats", "--year", &year];
    match std::env::var_os("BAODAO_BENCH_LEDGER") {
        Some(_) => println!("附件3: the ledger of BAODAO_BENCH_LEDGER"),
        None => println!("附件3: a {members}-member demo ledger"),
    }
    compare(
        &path,
        dir.path(),
        "附件3, all units",
        &stats,
        &["xlsx", "pdf"],
        runs,
    );
}

fn demo_ledger(dir: &Path, members: usize) -> PathBuf {
    let p = dir.join("demo.redb");
    let l = Ledger::open(&p, OpenOptions::default()).expect("open");
    baodao::demo::generate(
        &l,
        &baodao::demo::DemoSpec { members, seed: 7 },
        &mut |_| {},
    )
    .expect("demo");
    p
}

fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn open(path: &Path) -> Ledger {
    Ledger::open(
        path,
        OpenOptions {
            read_only: true,
            ..Default::default()
        },
    )
    .expect("open")
}

/// The ledger's year (its today, `BAODAO_TODAY` if set).
fn year_of(path: &Path) -> i32 {
    chrono::Datelike::year(&open(path).today())
}

/// The first community with exactly [`SLIPS`] members (else the nearest), by id, and the year.
fn pick_community(path: &Path) -> (String, usize, i32) {
    let ledger = open(path);
    let year = chrono::Datelike::year(&ledger.today());
    let view = ledger.view().expect("view");
    let mut best: Option<(usize, String, usize)> = None;
    for c in view.communities().expect("communities") {
        let n = view
            .members_of_community(c.id)
            .expect("members")
            .iter()
            .filter(|m| !m.archived)
            .count();
        let off = n.abs_diff(SLIPS);
        if best.as_ref().is_none_or(|b| off < b.0) {
            best = Some((off, c.id.to_string(), n));
        }
        if off == 0 {
            break;
        }
    }
    let (_, id, n) = best.expect("the ledger has no community");
    (id, n, year)
}

/// Times `args` as CSV and as each of `formats`, interleaved, and prints medians and ratios.
fn compare(path: &Path, dir: &Path, what: &str, args: &[&str], formats: &[&str], runs: usize) {
    let exe = env!("CARGO_BIN_EXE_baodao");
    let all: Vec<&str> = std::iter::once("csv")
        .chain(formats.iter().copied())
        .collect();
    let mut samples: Vec<Vec<std::time::Duration>> = vec![Vec::new(); all.len()];
    let out = |f: &str| -> PathBuf { dir.join(format!("form.{f}")) };
    // One unmeasured round: the ledger's pages in the page cache for every format alike.
    for round in 0..=runs {
        for (i, f) in all.iter().enumerate() {
            let t = std::time::Instant::now();
            let o = Command::new(exe)
                .args(["--read-only", "--db"])
                .arg(path)
                .args(args)
                .args(["--format", f, "--force", "-o"])
                .arg(out(f))
                .output()
                .expect("run baodao");
            let took = t.elapsed();
            assert!(o.status.success(), "{what} as {f}: {o:?}");
            if round > 0 {
                samples[i].push(took);
            }
        }
    }
    let csv = Stats {
        samples: samples[0].clone(),
    }
    .median();
    for (i, f) in all.iter().enumerate() {
        let s = Stats {
            samples: samples[i].clone(),
        };
        let size = std::fs::metadata(out(f)).map(|m| m.len()).unwrap_or(0);
        let pages = if *f == "pdf" {
            pdf_pages(&out(f))
                .map(|p| format!(", {p} pages"))
                .unwrap_or_default()
        } else {
            String::new()
        };
        report(&format!("{what} as {f}"), &s);
        println!(
            "    {:.1} KB{pages}; median / CSV = {:.2}",
            size as f64 / 1024.0,
            s.median().as_secs_f64() / csv.as_secs_f64()
        );
    }
}

fn pdf_pages(pdf: &Path) -> Option<usize> {
    let o = Command::new("pdfinfo").arg(pdf).output().ok()?;
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
}
