//! Long robustness run of the import against generated hostile files.
//!
//! ```text
//! cargo run --release --example fuzz_import -- --minutes 10 --format csv
//! cargo run --release --example fuzz_import -- --minutes 10 --format xlsx --seed 1000
//! cargo run --release --example fuzz_import -- --format grid --seed 42 --cases 1
//! ```
//! Formats: `csv` (mangled CSV bytes in UTF-8/BOM/GBK), `xlsx` (random and damaged
//! workbooks), `grid` (odd strings straight into the header finder and parsers). Each case
//! uses seed, seed+1, …; a panic prints its seed, which `--seed N --cases 1` replays.
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use baodao::interchange::fuzz::{
    Rng, exercise_bytes, exercise_grid, random_csv, random_grid, random_xlsx,
};

struct Args {
    minutes: f64,
    format: String,
    seed: u64,
    cases: Option<u64>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        minutes: 1.0,
        format: "csv".to_string(),
        seed: 0,
        cases: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--minutes" => args.minutes = value.parse().map_err(|_| "bad --minutes")?,
            "--format" => args.format = value,
            "--seed" => args.seed = value.parse().map_err(|_| "bad --seed")?,
            "--cases" => args.cases = Some(value.parse().map_err(|_| "bad --cases")?),
            other => return Err(format!("unknown option {other}")),
        }
    }
    if !matches!(args.format.as_str(), "csv" | "xlsx" | "grid") {
        return Err(format!(
            "--format must be csv, xlsx or grid, not {}",
            args.format
        ));
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "fuzz_import: {e}\nusage: fuzz_import [--minutes N] [--format csv|xlsx|grid] [--seed N] [--cases N]"
            );
            return ExitCode::from(2);
        }
    };
    // Panics are caught and reported by seed below; keep the default hook's message short.
    std::panic::set_hook(Box::new(|info| eprintln!("panic: {info}")));
    let deadline = Instant::now() + Duration::from_secs_f64(args.minutes * 60.0);
    let started = Instant::now();
    let mut seed = args.seed;
    let mut done = 0u64;
    let mut slowest = (Duration::ZERO, 0u64);
    let mut failures = Vec::new();
    loop {
        if args.cases.map_or(Instant::now() >= deadline, |n| done >= n) {
            break;
        }
        let mut rng = Rng::new(seed);
        let t = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| match args.format.as_str() {
            "csv" => exercise_bytes(&random_csv(&mut rng)),
            "xlsx" => exercise_bytes(&random_xlsx(&mut rng)),
            _ => exercise_grid(&random_grid(&mut rng)),
        }));
        let took = t.elapsed();
        if took > slowest.0 {
            slowest = (took, seed);
        }
        if outcome.is_err() {
            eprintln!("seed {seed}: panicked");
            failures.push(seed);
        }
        done += 1;
        seed += 1;
        if done.is_multiple_of(10_000) {
            eprintln!("{done} cases, {:.0}s", started.elapsed().as_secs_f64());
        }
    }
    println!(
        "{} cases of {} in {:.1}s ({:.0}/s); slowest {:?} (seed {}); {} panics{}",
        done,
        args.format,
        started.elapsed().as_secs_f64(),
        done as f64 / started.elapsed().as_secs_f64().max(1e-9),
        slowest.0,
        slowest.1,
        failures.len(),
        if failures.is_empty() {
            String::new()
        } else {
            format!(": seeds {failures:?}")
        }
    );
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
