//! `baodao stress`: proof that a ledger holds under several clerks and sudden death, to run on
//! the server the ledger lives on (CI runs small versions).
//!
//! - `stress clerks`: N writer processes save for a while and M read-only reviewers browse;
//!   afterwards every acknowledged save is in the ledger exactly once, `check` passes, and no
//!   save or read waited longer than the bound.
//! - `stress crash`: rounds of writer processes (and, with `--import FILE`, an import) killed
//!   with SIGKILL at random moments; after each kill the ledger opens, passes `check`, holds
//!   every acknowledged save, and holds all of the import or none of it. With an import, each
//!   round starts from a copy of the starting ledger, so every round's import can land.
//! - `stress crash --job demo|migrate|bundle`: a bulk job killed instead
//!   ([`super::crash_jobs`]).
//! - `stress damage`: every command on damaged copies ([`super::damage`]).
use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::CliError;
use crate::demo::rng::Rng;
use crate::domain::*;
use crate::store::{Ledger, OpenOptions};

#[derive(Debug, clap::Subcommand)]
pub enum Stress {
    /// Several writers and read-only reviewers on one ledger at once
    Clerks {
        #[arg(long, default_value_t = 4)]
        writers: usize,
        #[arg(long, default_value_t = 2)]
        reviewers: usize,
        #[arg(long, default_value_t = 60.0)]
        seconds: f64,
        /// Longest acceptable wait for one save or one read, in milliseconds
        #[arg(long, default_value_t = 2000)]
        max_wait_ms: u64,
    },
    /// Kill writers (and an import) with SIGKILL at random points and check after each
    Crash {
        #[arg(long, default_value_t = 200)]
        rounds: usize,
        #[arg(long, default_value_t = 3)]
        writers: usize,
        /// A members file to import in every round (all or nothing is checked)
        #[arg(long)]
        import: Option<PathBuf>,
        /// Community the import's members go to
        #[arg(long)]
        community: Option<String>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Kill a bulk job instead of writers, on a copy beside the ledger: the demo
        /// generator, a migration of the (older-format) ledger, or a bundle import
        #[arg(long, value_enum)]
        job: Option<super::crash_jobs::Job>,
        /// Members of the demo the `demo` job builds
        #[arg(long, default_value_t = 2000)]
        members: usize,
        /// The bundle the `bundle` job imports
        #[arg(long)]
        bundle: Option<PathBuf>,
    },
    /// Every command on copies of the ledger with one bit flipped, or cut short
    Damage(super::damage::DamageArgs),
}

fn fail(msg: String) -> CliError {
    CliError {
        code: 1,
        message: msg,
    }
}

fn exe() -> Result<PathBuf, CliError> {
    std::env::current_exe().map_err(|e| fail(e.to_string()))
}

fn spawn(db: &Path, args: &[&str]) -> Result<Child, CliError> {
    Command::new(exe()?)
        .args(args)
        .arg("--db")
        .arg(db)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| fail(e.to_string()))
}

fn parse_acks(text: &str) -> Vec<(Id, u128)> {
    text.lines()
        .filter_map(|l| {
            let mut p = l.split_whitespace();
            let id = p.next()?.parse().ok()?;
            let us = p.next().and_then(|s| s.parse().ok()).unwrap_or(0);
            Some((id, us))
        })
        .collect()
}

/// The stress rows in the ledger, by id (a row counted twice would be a duplicate).
fn stress_rows(db: &Path) -> Result<Vec<Id>, CliError> {
    let ledger = Ledger::open(
        db,
        OpenOptions {
            read_only: true,
            ..Default::default()
        },
    )
    .map_err(|e| fail(e.to_string()))?;
    let view = ledger.view().map_err(|e| fail(e.to_string()))?;
    let mut ids = Vec::new();
    view.for_each::<ServiceRecord>(|s| {
        if s.content.starts_with("压力测试") {
            ids.push(s.id);
        }
        Ok(())
    })
    .map_err(|e| fail(e.to_string()))?;
    Ok(ids)
}

fn check(db: &Path) -> Result<(), CliError> {
    let out = Command::new(exe()?)
        .arg("check")
        .arg("--db")
        .arg(db)
        .output()
        .map_err(|e| fail(e.to_string()))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(fail(format!(
            "check failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )))
    }
}

pub fn run(db: &Path, s: &Stress) -> Result<(), CliError> {
    match s {
        Stress::Damage(a) => super::damage::run(db, a),
        Stress::Clerks {
            writers,
            reviewers,
            seconds,
            max_wait_ms,
        } => clerks(db, *writers, *reviewers, *seconds, *max_wait_ms),
        Stress::Crash {
            rounds,
            seed,
            job: Some(job),
            members,
            bundle,
            ..
        } => super::crash_jobs::run(
            db,
            &super::crash_jobs::JobRun {
                job: *job,
                rounds: *rounds,
                seed: *seed,
                members: *members,
                bundle: bundle.as_deref(),
            },
        ),
        Stress::Crash {
            rounds,
            writers,
            import,
            community,
            seed,
            job: None,
            ..
        } => crash(
            db,
            *rounds,
            *writers,
            import.as_deref(),
            community.as_deref(),
            *seed,
        ),
    }
}

fn clerks(
    db: &Path,
    writers: usize,
    reviewers: usize,
    seconds: f64,
    max_wait_ms: u64,
) -> Result<(), CliError> {
    let before: HashSet<Id> = stress_rows(db)?.into_iter().collect();
    let secs = seconds.to_string();
    let mut ws = Vec::new();
    for _ in 0..writers {
        ws.push(spawn(
            db,
            &[
                "save-stream",
                "--count",
                "100000000",
                "--seconds",
                &secs,
                "--timing",
            ],
        )?);
    }
    let mut rs = Vec::new();
    for _ in 0..reviewers {
        rs.push(spawn(db, &["--read-only", "browse", "--seconds", &secs])?);
    }
    let mut acked = Vec::new();
    for w in ws {
        let out = w.wait_with_output().map_err(|e| fail(e.to_string()))?;
        if !out.status.success() {
            return Err(fail(format!(
                "a writer failed: {}",
                String::from_utf8_lossy(&out.stderr)
            )));
        }
        acked.extend(parse_acks(&String::from_utf8_lossy(&out.stdout)));
    }
    let mut reads = 0u64;
    let mut slowest_read = 0u128;
    for r in rs {
        let out = r.wait_with_output().map_err(|e| fail(e.to_string()))?;
        if !out.status.success() {
            return Err(fail(format!(
                "a reviewer failed: {}",
                String::from_utf8_lossy(&out.stderr)
            )));
        }
        let text = String::from_utf8_lossy(&out.stdout);
        let mut p = text.split_whitespace();
        reads += p.next().and_then(|s| s.parse::<u64>().ok()).unwrap_or(0);
        slowest_read = slowest_read.max(p.next().and_then(|s| s.parse().ok()).unwrap_or(0));
    }
    let rows = stress_rows(db)?;
    let unique: HashSet<Id> = rows.iter().copied().collect();
    let new: HashSet<Id> = unique.difference(&before).copied().collect();
    let acked_ids: HashSet<Id> = acked.iter().map(|a| a.0).collect();
    let lost = acked_ids.difference(&new).count();
    let mut waits: Vec<u128> = acked.iter().map(|a| a.1).collect();
    waits.sort();
    let p50 = waits.get(waits.len() / 2).copied().unwrap_or(0);
    let worst = waits.last().copied().unwrap_or(0);
    super::out::line(format!(
        "{writers} writers, {reviewers} reviewers, {seconds} s: {} saves acknowledged, {} in the ledger, {lost} lost, {} duplicated; save p50 {:.2} ms, worst {:.1} ms; {reads} reads, slowest {:.1} ms",
        acked.len(),
        new.len(),
        rows.len() - unique.len(),
        p50 as f64 / 1000.0,
        worst as f64 / 1000.0,
        slowest_read as f64 / 1000.0
    ))?;
    check(db)?;
    let bound = max_wait_ms as u128 * 1000;
    if lost > 0 || rows.len() != unique.len() || new.len() != acked_ids.len() {
        return Err(fail("saves were lost or duplicated".into()));
    }
    if worst > bound || slowest_read > bound {
        return Err(fail(format!("a wait exceeded {max_wait_ms} ms")));
    }
    Ok(())
}

fn member_count(db: &Path) -> Result<u64, CliError> {
    let ledger = Ledger::open(
        db,
        OpenOptions {
            read_only: true,
            ..Default::default()
        },
    )
    .map_err(|e| fail(e.to_string()))?;
    ledger
        .view()
        .and_then(|v| v.count::<Member>())
        .map_err(|e| fail(e.to_string()))
}

fn crash(
    db: &Path,
    rounds: usize,
    writers: usize,
    import: Option<&Path>,
    community: Option<&str>,
    seed: u64,
) -> Result<(), CliError> {
    let mut rng = Rng::new(seed);
    let mut acked: HashSet<Id> = HashSet::new();
    let mut imports_applied = 0;
    // All or nothing: the members an import adds are its file's rows (a CSV with one header
    // row, members not in the ledger yet), and later rounds add none (duplicates are skipped).
    let import_rows = match import {
        Some(f) => {
            let text =
                std::fs::read_to_string(f).map_err(|e| fail(format!("{}: {e}", f.display())))?;
            Some(
                text.lines()
                    .filter(|l| !l.trim().is_empty())
                    .count()
                    .saturating_sub(1) as u64,
            )
        }
        None => None,
    };
    // With an import, every round starts again from the ledger as it was: otherwise the first
    // import to land would make every later one a no-op (its rows are then duplicates) and all
    // or nothing would be tested once.
    let start_copy = match import {
        Some(_) => {
            let copy = db.with_extension("round-start.redb");
            std::fs::copy(db, &copy).map_err(|e| fail(format!("{}: {e}", copy.display())))?;
            Some(copy)
        }
        None => None,
    };
    let mut acked_total = 0usize;
    let started = Instant::now();
    for round in 0..rounds {
        if let Some(copy) = &start_copy {
            std::fs::copy(copy, db).map_err(|e| fail(format!("{}: {e}", db.display())))?;
            acked.clear();
        }
        let members_before = member_count(db)?;
        let mut children = Vec::new();
        for _ in 0..writers {
            children.push(spawn(db, &["save-stream", "--count", "100000000"])?);
        }
        let importer = match import {
            Some(file) => {
                let f = file.to_string_lossy().to_string();
                let mut args = vec!["import", "members", f.as_str(), "--on-duplicate", "skip"];
                if let Some(c) = community {
                    args.extend(["--community", c]);
                }
                Some(spawn(db, &args)?)
            }
            None => None,
        };
        // A random moment: from right away to a couple of seconds in (an import of a few
        // thousand rows needs about that on a loaded machine to reach its commit).
        std::thread::sleep(Duration::from_millis(rng.range(5, 2500) as u64));
        let mut outputs = Vec::new();
        for mut c in children {
            let _ = c.kill();
            let stdout = c.stdout.take();
            let _ = c.wait();
            if let Some(out) = stdout {
                let lines: Vec<String> =
                    BufReader::new(out).lines().map_while(Result::ok).collect();
                outputs.push(lines.join("\n"));
            }
        }
        if let Some(mut c) = importer {
            let _ = c.kill();
            let _ = c.wait();
        }
        for text in outputs {
            let acks = parse_acks(&text);
            acked_total += acks.len();
            acked.extend(acks.into_iter().map(|a| a.0));
        }
        check(db)?;
        let present: HashSet<Id> = stress_rows(db)?.into_iter().collect();
        if let Some(missing) = acked.difference(&present).next() {
            return Err(fail(format!(
                "round {round}: acknowledged save {missing} is missing"
            )));
        }
        if let Some(rows) = import_rows {
            let added = member_count(db)? - members_before.min(member_count(db)?);
            if added != 0 && added != rows {
                return Err(fail(format!(
                    "round {round}: a partial import: {added} of {rows} members landed"
                )));
            }
            imports_applied += (added == rows && rows > 0) as usize;
        }
    }
    if let Some(copy) = &start_copy {
        let _ = std::fs::remove_file(copy);
    }
    // A run in which nothing was ever acknowledged proved nothing.
    if acked_total == 0 {
        return Err(fail(
            "no save was acknowledged in any round: nothing was tested".into(),
        ));
    }
    super::out::line(format!(
        "{rounds} rounds of SIGKILL ({writers} writers{}): {} acknowledged saves all present, check clean after every kill; {imports_applied} import(s) landed whole, the rest left nothing; {:.1} s",
        if import.is_some() { " + an import" } else { "" },
        acked_total,
        started.elapsed().as_secs_f64()
    ))
}
