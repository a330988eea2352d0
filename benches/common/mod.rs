//! Timing helpers shared by the benchmarks: medians and percentiles of repeated runs, printed
//! as one aligned line each so runs can be compared and ratios read off.
#![allow(dead_code)]
use std::time::{Duration, Instant};

pub struct Stats {
    pub samples: Vec<Duration>,
}

impl Stats {
    pub fn pct(&self, p: f64) -> Duration {
        let mut s = self.samples.clone();
        s.sort();
        if s.is_empty() {
            return Duration::ZERO;
        }
        s[((s.len() - 1) as f64 * p).round() as usize]
    }

    pub fn median(&self) -> Duration {
        self.pct(0.5)
    }

    pub fn max(&self) -> Duration {
        self.samples.iter().copied().max().unwrap_or_default()
    }
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs `f` `n` times and returns the durations.
pub fn time_n(n: usize, mut f: impl FnMut(usize)) -> Stats {
    let mut samples = Vec::with_capacity(n);
    for i in 0..n {
        let t = Instant::now();
        f(i);
        samples.push(t.elapsed());
    }
    Stats { samples }
}

pub fn report(name: &str, s: &Stats) {
    println!(
        "{name:<48} p50 {:>9.3} ms   p90 {:>9.3} ms   max {:>9.3} ms   (n={})",
        ms(s.median()),
        ms(s.pct(0.9)),
        ms(s.max()),
        s.samples.len()
    );
}

pub fn once(name: &str, d: Duration) {
    println!("{name:<48} {:>9.3} s", d.as_secs_f64());
}

/// The ledger to measure: `BAODAO_BENCH_LEDGER`, else a demo of `members` built in `dir`.
/// `BAODAO_BENCH_LEDGER` if set (and `true`: a given ledger), else the screenshots' fixed
/// 1,000-member demo ledger written into `dir`.
pub fn given_or_shots_ledger(dir: &std::path::Path) -> anyhow::Result<(std::path::PathBuf, bool)> {
    Ok(match std::env::var_os("BAODAO_BENCH_LEDGER") {
        Some(p) => (std::path::PathBuf::from(p), true),
        None => {
            baodao::tui::shots::demo_ledger(dir, 1000)?.close()?;
            (dir.join("ledger.redb"), false)
        }
    })
}

pub fn bench_ledger(dir: &std::path::Path, members: usize) -> std::path::PathBuf {
    match std::env::var_os("BAODAO_BENCH_LEDGER") {
        Some(p) => std::path::PathBuf::from(p),
        None => {
            let p = dir.join("bench.redb");
            let l = baodao::store::Ledger::open(&p, baodao::store::OpenOptions::default())
                .expect("open");
            baodao::demo::generate(
                &l,
                &baodao::demo::DemoSpec { members, seed: 7 },
                &mut |_| {},
            )
            .expect("demo");
            p
        }
    }
}
