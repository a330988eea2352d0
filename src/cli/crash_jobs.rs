//! `baodao stress crash --job demo|migrate|bundle`: a bulk job killed with SIGKILL at random
//! moments, `check` after every kill. Every state a kill leaves is sound (the job's work all
//! there or none of it), or says plainly that the job stopped part way (the demo's unfinished
//! mark; an older schema, which the next read-write open migrates), and running the job again
//! finishes it with exactly the records of a run that was never killed.
//!
//! The jobs run on a copy beside the ledger (`LEDGER.crash.redb`), never on the ledger itself:
//! - `demo`: `baodao demo --members N` into a new file;
//! - `migrate`: the ledger given is an older-format one; a read-write open migrates the copy;
//! - `bundle`: `baodao import bundle FILE` into a copy of the ledger.
//!
//! A first run, not killed, says how long the job takes; the kills fall anywhere in that time.
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::CliError;
use crate::demo::rng::Rng;

/// The bulk jobs the kill harness knows.
#[derive(Debug, Clone, Copy, PartialEq, clap::ValueEnum)]
pub enum Job {
    /// The demo generator (`--members`)
    Demo,
    /// A schema migration of an older-format ledger (the `--db` given)
    Migrate,
    /// A bundle import (`--bundle`) into a copy of the ledger
    Bundle,
}

pub struct JobRun<'a> {
    pub job: Job,
    pub rounds: usize,
    pub seed: u64,
    pub members: usize,
    pub bundle: Option<&'a Path>,
}

fn fail(msg: String) -> CliError {
    CliError {
        code: super::out::USER,
        message: msg,
    }
}

/// What `check` says of the copy after a kill.
#[derive(Debug, PartialEq)]
enum State {
    /// No file at all (a demo killed before its ledger was made).
    Absent,
    /// Sound, with this many records.
    Sound(u64),
    /// Marked unfinished by the demo generator.
    Unfinished,
    /// At an older schema: a migration not yet begun or part way (each step commits whole).
    OlderSchema,
}

#[derive(Default)]
struct Tally {
    absent: usize,
    untouched: usize,
    whole: usize,
    unfinished: usize,
    older: usize,
}

pub fn run(db: &Path, r: &JobRun) -> Result<(), CliError> {
    let started = Instant::now();
    let work = db.with_extension("crash.redb");
    let job_args: Vec<String> = match r.job {
        // About twenty commits a run (a demo has about 15 records a member), so that kills
        // land between batches as they would in a province's demo of 100,000-record batches.
        Job::Demo => vec![
            "demo".into(),
            "--members".into(),
            r.members.to_string(),
            "--seed".into(),
            r.seed.to_string(),
            "--batch".into(),
            (r.members * 15 / 20).max(200).to_string(),
        ],
        // Any read-write open migrates; this one then saves nothing.
        Job::Migrate => vec!["save-stream".into(), "--count".into(), "0".into()],
        Job::Bundle => {
            let file = r
                .bundle
                .ok_or_else(|| fail("--job bundle needs --bundle FILE".into()))?;
            vec![
                "import".into(),
                "bundle".into(),
                file.to_string_lossy().into_owned(),
            ]
        }
    };
    if r.job != Job::Demo && !db.exists() {
        return Err(fail(format!("{}: no such ledger", db.display())));
    }
    // The first run is not killed: how long the job takes, and what it leaves.
    fresh(db, &work, r.job)?;
    let before = match state(&work)? {
        State::Sound(n) => Some(n),
        _ => None,
    };
    let t0 = Instant::now();
    finish(&work, &job_args)?;
    let took = t0.elapsed();
    let State::Sound(whole) = state(&work)? else {
        return Err(fail(
            "the job, not killed, left a ledger check refuses".into(),
        ));
    };
    let mut rng = Rng::new(r.seed);
    let mut t = Tally::default();
    let span = (took.as_micros() as i64 * 11 / 10).max(1000);
    for round in 0..r.rounds {
        if crate::signals::requested() {
            break;
        }
        fresh(db, &work, r.job)?;
        let mut child = job(&work, &job_args)?
            .spawn()
            .map_err(|e| fail(e.to_string()))?;
        std::thread::sleep(Duration::from_micros(rng.range(0, span) as u64));
        let _ = child.kill();
        let _ = child.wait();
        let found = state(&work)?;
        match (&found, r.job) {
            (State::Sound(n), _) if *n == whole => t.whole += 1,
            // Nothing of the job landed: the bundle's ledger as it was, or a demo's empty
            // ledger (made whole, killed before its first batch).
            (State::Sound(n), Job::Bundle) if Some(*n) == before => t.untouched += 1,
            (State::Sound(0), Job::Demo) => t.untouched += 1,
            (State::Absent, Job::Demo) => t.absent += 1,
            (State::Unfinished, Job::Demo) => t.unfinished += 1,
            (State::OlderSchema, Job::Migrate) => t.older += 1,
            (s, _) => {
                return Err(fail(format!(
                    "round {round}: a kill left {s:?} (the job's whole run: {whole} records)"
                )));
            }
        }
        if found != State::Sound(whole) {
            // Run again, the job finishes what the kill left.
            finish(&work, &job_args)?;
            let again = state(&work)?;
            if again != State::Sound(whole) {
                return Err(fail(format!(
                    "round {round}: run again after {found:?}, the job left {again:?}, not the {whole} records of a whole run"
                )));
            }
        }
        // A clerk's next run (a read-write open that saves nothing) clears what the kill left
        // beside the ledger; `check` itself is read-only and leaves it.
        finish(&work, &["save-stream".into(), "--count".into(), "0".into()])?;
        if let Some(left) = leftovers(&work) {
            return Err(fail(format!(
                "round {round}: {left} was left beside the ledger"
            )));
        }
    }
    clean(&work);
    super::out::line(format!(
        "{} rounds of SIGKILL in `{}` (a whole run {:.0} ms, {whole} records), check after every kill: {} whole, {} nothing done, {} no file yet, {} marked unfinished, {} at an older schema; every one run again to the same {whole} records; {:.1} s",
        r.rounds,
        job_args.join(" "),
        took.as_secs_f64() * 1000.0,
        t.whole,
        t.untouched,
        t.absent,
        t.unfinished,
        t.older,
        started.elapsed().as_secs_f64()
    ))
}

/// The copy as each round starts: no file for the demo, else a copy of the ledger.
fn fresh(db: &Path, work: &Path, job: Job) -> Result<(), CliError> {
    clean(work);
    if job != Job::Demo {
        std::fs::copy(db, work).map_err(|e| fail(format!("{}: {e}", work.display())))?;
    }
    Ok(())
}

/// Removes the copy and the files made beside it (the backup before a migration).
fn clean(work: &Path) {
    let _ = std::fs::remove_file(work);
    let _ = std::fs::remove_file(crate::store::damage::note_path(work));
    let mut search = work.as_os_str().to_owned();
    search.push(".search");
    let _ = std::fs::remove_file(search);
    for v in 0..crate::store::migrate::CURRENT {
        let _ = std::fs::remove_file(work.with_extension(format!("schema{v}.bak.redb")));
    }
}

/// A file beside the copy that a killed run left and the next read-write run did not
/// remove: a creation's `.LEDGER.*.new`, a search file's `LEDGER.search.PID.tmp`.
fn leftovers(work: &Path) -> Option<String> {
    let dir = work.parent()?;
    let name = work.file_name()?.to_string_lossy().into_owned();
    let created = format!(".{name}.");
    let search = format!("{name}.search.");
    std::fs::read_dir(dir).ok()?.flatten().find_map(|e| {
        let f = e.file_name().to_string_lossy().into_owned();
        let left = (f.starts_with(&created) && f.ends_with(".new"))
            || (f.starts_with(&search) && f.ends_with(".tmp"));
        left.then_some(f)
    })
}

fn exe() -> Result<PathBuf, CliError> {
    std::env::current_exe().map_err(|e| fail(e.to_string()))
}

fn job(work: &Path, args: &[String]) -> Result<Command, CliError> {
    let mut c = Command::new(exe()?);
    c.args(args)
        .arg("--db")
        .arg(work)
        .env_remove("BAODAO_DB")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    Ok(c)
}

/// Runs the job to its end; it must succeed.
fn finish(work: &Path, args: &[String]) -> Result<(), CliError> {
    let out = job(work, args)?
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| fail(e.to_string()))?;
    if !out.status.success() {
        return Err(fail(format!(
            "`{}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    Ok(())
}

/// What `baodao check` says of the copy (as its own process, in English to be read here).
fn state(work: &Path) -> Result<State, CliError> {
    if !work.exists() {
        return Ok(State::Absent);
    }
    let out = Command::new(exe()?)
        .args(["--lang", "en", "check", "--db"])
        .arg(work)
        .env_remove("BAODAO_DB")
        .output()
        .map_err(|e| fail(e.to_string()))?;
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let records = said
        .split("the ledger is sound: ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok());
    match (out.status.code(), records) {
        (Some(0), Some(n)) => Ok(State::Sound(n)),
        (Some(1), _) if said.contains("the ledger is unfinished") => Ok(State::Unfinished),
        (Some(1), _) if said.contains("needs migrating") => Ok(State::OlderSchema),
        _ => Err(fail(format!(
            "check refused the ledger a kill left:\n{said}"
        ))),
    }
}
