//! Whole-process search against fzf, side by side in one hyperfine run: `baodao search QUERY`
//! on a ledger, and `fzf --filter QUERY` over a text file of the same roster keys (one line
//! per member: name, pinyin, initials, phone, unit), written here from the ledger.
//!
//! ```sh
//! apt-get install hyperfine fzf
//! BAODAO_BENCH_LEDGER=$PWD/1m.redb cargo bench --bench search_fzf
//! ```
//! Without `BAODAO_BENCH_LEDGER` a 30,000-member demo ledger is built in a temp dir.
mod common;

use std::io::Write;
use std::process::Command;

use baodao::search::Kind;
use baodao::store::{Ledger, OpenOptions};
use common::bench_ledger;

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = bench_ledger(dir.path(), 30_000);
    for tool in ["hyperfine", "fzf"] {
        if Command::new(tool).arg("--version").output().is_err() {
            println!("{tool} not found: apt-get install hyperfine fzf");
            return;
        }
    }
    let keys = dir.path().join("roster.txt");
    {
        let ledger = Ledger::open(
            &path,
            OpenOptions {
                read_only: true,
                ..Default::default()
            },
        )
        .expect("open");
        let view = ledger.view().expect("view");
        let mut w = std::io::BufWriter::new(std::fs::File::create(&keys).expect("keys"));
        let mut n = 0;
        view.for_each_search_doc(|d| {
            if d.doc.kind == Kind::Member {
                let _ = writeln!(
                    w,
                    "{} {} {} {} {}",
                    d.doc.name,
                    d.pinyin(),
                    d.initials(),
                    d.doc.phone,
                    d.doc.unit_name
                );
                n += 1;
            }
            Ok(())
        })
        .expect("docs");
        println!("roster keys: {n} members");
    }
    let exe = env!("CARGO_BIN_EXE_baodao");
    let json = dir.path().join("hyperfine.json");
    for query in ["zsx", "wangwei", "1380"] {
        let status = Command::new("hyperfine")
            .args([
                "--warmup",
                "1",
                "--runs",
                "5",
                "--style",
                "basic",
                "--export-json",
            ])
            .arg(&json)
            .arg(format!(
                "{exe} search {query} --limit 20 --db {}",
                path.display()
            ))
            .arg(format!(
                "fzf --filter {query} < {} | head -20",
                keys.display()
            ))
            .status()
            .expect("hyperfine");
        assert!(status.success());
        let text = std::fs::read_to_string(&json).unwrap_or_default();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        let median = |i: usize| v["results"][i]["median"].as_f64().unwrap_or(f64::NAN);
        println!(
            "query {query}: baodao search median {:.3} s, fzf --filter median {:.3} s, ratio {:.2} (target <= 0.5)",
            median(0),
            median(1),
            median(0) / median(1)
        );
    }
}
