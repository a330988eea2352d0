//! Per-keystroke search latency on synthetic rosters of 30,000 and 1,000,000 members.
//!
//! Run: `cargo bench --bench search`. It builds each roster from `demo::names` (names with
//! their surname frequencies, units, communities, mobiles), compiles every record, times
//! loading the index from the compiled bytes (what a ledger does at startup), then replays
//! typing sequences keystroke by keystroke through a `Session` — `c`, `ca`, `cao` … as a
//! clerk types, Chinese names as an IME commits them, phone digits, one-letter queries —
//! and prints p50/p90/max per keystroke. The same keystrokes through a plain SkimMatcherV2
//! scan over one line per member are the reference.
//!
//! Environment:
//! - `BAODAO_BENCH_SCALE=small`: only the 30,000-member roster.
//! - `BAODAO_BENCH_KEYS=DIR`: also write `DIR/roster-N.txt`, one line per member (name,
//!   pinyin, initials, phone, unit, tab-separated), so that another tool can be timed on the
//!   same roster, e.g. `hyperfine "fzf --filter csx < DIR/roster-1000000.txt"` against
//!   `baodao search csx`.
use std::io::Write;
use std::time::{Duration, Instant};

use baodao::demo::names::{self, UnitClass};
use baodao::demo::rng::Rng;
use baodao::domain::Id;
use baodao::search::{CompiledDoc, Doc, Kind, Query, SearchIndex, Session};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// What the clerk types, one entry per search box opening; each is replayed keystroke by
/// keystroke (Chinese words are committed by the IME one word at a time).
const TYPED: &[&[&str]] = &[
    &[
        "c",
        "ca",
        "cao",
        "caos",
        "caosh",
        "caoshu",
        "caoshun",
        "caoshunx",
        "caoshunxian",
    ],
    &["c", "cs", "csx"],
    &[
        "z", "zh", "zha", "zhan", "zhang", "zhangw", "zhangwe", "zhangwei",
    ],
    &["w", "wf"],
    &["l", "lv", "lvm", "lvmi", "lvmin", "lvming"],
    &["o", "ou", "ouy", "ouya", "ouyan", "ouyang", "ouyangx"],
    &["z", "ze", "zen", "zeng", "zengl", "zengli"],
    &["1", "13", "138", "1380", "13801", "138012"],
    &["5", "56", "567", "5678"],
    &["曹", "曹顺", "曹顺仙"],
    &["张", "张伟"],
    &["教育", "教育局"],
    &["x"],
    &["y"],
    &["q"],
    &["s", "sh", "sha", "shan", "shanx"],
    &["j", "ji", "jis", "jisu", "jisua", "jisuan", "jisuanj"],
];

const LIMIT: usize = 50;

fn main() {
    let small = std::env::var("BAODAO_BENCH_SCALE").is_ok_and(|s| s == "small");
    let keys_dir = std::env::var("BAODAO_BENCH_KEYS").ok();
    let mut scales = vec![30_000usize];
    if !small {
        scales.push(1_000_000);
    }
    for n in scales {
        run(n, keys_dir.as_deref());
    }
}

fn roster(n: usize) -> Vec<Doc> {
    let mut rng = Rng::new(2014);
    let communities: Vec<(Id, String)> = (0..(n / 120).max(10))
        .map(|i| (Id((1 << 100) | i as u128), names::community_name(&mut rng)))
        .collect();
    let units: Vec<String> = (0..(n / 25).max(10))
        .map(|_| {
            let class = *rng.pick(&UnitClass::ALL);
            names::unit_name(&mut rng, class)
        })
        .collect();
    (0..n)
        .map(|i| {
            let (cid, cname) = rng.pick(&communities).clone();
            let mut extra: Vec<String> = names::some_of(&mut rng, names::SPECIALTIES, 2)
                .into_iter()
                .map(String::from)
                .collect();
            extra.push(names::street_name(&mut rng));
            Doc {
                kind: Kind::Member,
                id: Id(i as u128 + 1),
                name: names::person_name(&mut rng),
                community: Some(cid),
                community_name: cname,
                unit_name: rng.pick(&units).clone(),
                phone: names::mobile(&mut rng),
                extra,
            }
        })
        .collect()
}

fn run(n: usize, keys_dir: Option<&str>) {
    println!("== {n} members ==");
    let docs = roster(n);
    // A community in the middle of the list, for "own members first".
    let own = docs[n / 2].community;

    let t = Instant::now();
    let compiled: Vec<CompiledDoc> = docs.into_iter().map(CompiledDoc::compile).collect();
    println!("compile (pinyin keys)        {:>9.1} ms", ms(t.elapsed()));
    let t = Instant::now();
    let bytes: Vec<Vec<u8>> = compiled.iter().map(CompiledDoc::to_bytes).collect();
    println!(
        "to_bytes                     {:>9.1} ms  ({:.1} MB)",
        ms(t.elapsed()),
        bytes.iter().map(Vec::len).sum::<usize>() as f64 / 1e6
    );

    let lines: Vec<String> = compiled
        .iter()
        .map(|c| {
            format!(
                "{}\t{}\t{}\t{}\t{}",
                c.doc.name,
                c.pinyin(),
                c.initials(),
                c.doc.phone,
                c.doc.unit_name
            )
        })
        .collect();
    if let Some(dir) = keys_dir {
        let path = std::path::Path::new(dir).join(format!("roster-{n}.txt"));
        match std::fs::File::create(&path) {
            Ok(f) => {
                let mut w = std::io::BufWriter::new(f);
                for l in &lines {
                    let _ = writeln!(w, "{l}");
                }
                println!("wrote {}", path.display());
            }
            Err(e) => eprintln!("cannot write {}: {e}", path.display()),
        }
    }
    drop(compiled);

    let t = Instant::now();
    let mut index = SearchIndex::with_capacity(n, 160);
    for b in &bytes {
        match CompiledDoc::from_bytes(b) {
            Ok(c) => index.insert_compiled(c),
            Err(e) => panic!("benchmark roster did not decode: {e}"),
        }
    }
    println!("load index from bytes        {:>9.1} ms", ms(t.elapsed()));
    drop(bytes);
    assert_eq!(index.len(), n);
    // The stored snapshot's way in (`baodao search`): one buffer, no docs.
    let t = Instant::now();
    let snapshot = index.snapshot();
    println!(
        "snapshot                     {:>9.1} ms  ({:.1} MB)",
        ms(t.elapsed()),
        snapshot.len() as f64 / 1e6
    );
    let t = Instant::now();
    let from_snapshot = SearchIndex::from_snapshot_vec(&snapshot).expect("snapshot loads");
    println!("load index from snapshot     {:>9.1} ms", ms(t.elapsed()));
    assert_eq!(from_snapshot.len(), n);
    drop(from_snapshot);

    let mut all = Vec::new();
    let mut first = Vec::new();
    let mut slowest: Vec<(Duration, &str)> = Vec::new();
    let mut found = 0usize;
    // One warm-up pass, then the measured one.
    for pass in 0..2 {
        for word in TYPED {
            let mut session = Session::new();
            for (i, text) in word.iter().enumerate() {
                let q = Query {
                    text,
                    kind: None,
                    community: own,
                    limit: LIMIT,
                };
                let t = Instant::now();
                let hits = session.query(&index, &q);
                let d = t.elapsed();
                if pass == 1 {
                    found += hits.len();
                    all.push(d);
                    slowest.push((d, text));
                    if i == 0 {
                        first.push(d);
                    }
                }
            }
        }
    }
    report("baodao Session, all keystrokes", &mut all);
    report("baodao Session, first keystroke", &mut first);
    println!("  (hits returned: {found})");
    slowest.sort_by_key(|a| std::cmp::Reverse(a.0));
    let worst: Vec<String> = slowest
        .iter()
        .take(5)
        .map(|(d, t)| format!("{t} {:.2} ms", ms(*d)))
        .collect();
    println!("  slowest keystrokes: {}", worst.join(", "));

    // Reference: what a plain fuzzy finder does for the same keystrokes.
    let matcher = SkimMatcherV2::default();
    let mut reference = Vec::new();
    for word in TYPED {
        for text in word.iter() {
            let t = Instant::now();
            let mut scored: Vec<(i64, usize)> = lines
                .iter()
                .enumerate()
                .filter_map(|(i, l)| matcher.fuzzy_match(l, text).map(|s| (s, i)))
                .collect();
            if scored.len() > LIMIT {
                scored.select_nth_unstable_by(LIMIT - 1, |a, b| b.0.cmp(&a.0));
                scored.truncate(LIMIT);
            }
            scored.sort_unstable_by_key(|a| std::cmp::Reverse(a.0));
            reference.push(t.elapsed());
        }
    }
    let ours = percentile(&all, 50);
    report("reference SkimMatcherV2 scan", &mut reference);
    println!(
        "  p50 ratio reference/baodao: {:.0}x",
        ms(percentile(&reference, 50)) / ms(ours).max(1e-6)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) * p) / 100]
}

fn report(label: &str, times: &mut [Duration]) {
    times.sort();
    println!(
        "{label:<34} n={:<4} p50 {:>8.3} ms  p90 {:>8.3} ms  max {:>8.3} ms",
        times.len(),
        ms(percentile(times, 50)),
        ms(percentile(times, 90)),
        ms(percentile(times, 100)),
    );
}
