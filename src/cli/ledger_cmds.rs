//! `demo`, `check` and the crash-test save stream.
use std::io::Write;
use std::time::Instant;

use chrono::Duration;

use super::{CliError, out};
use crate::demo::{DemoSpec, generate_in_batches};
use crate::domain::*;
use crate::i18n::{Lang, tf};
use crate::store::Ledger;

pub fn demo(
    ledger: &Ledger,
    spec: &DemoSpec,
    batch: Option<usize>,
    lang: Lang,
) -> Result<(), CliError> {
    let started = Instant::now();
    let mut progress = |msg: &str| out::warn(msg);
    let batch = batch.unwrap_or(crate::demo::BATCH);
    let stats = generate_in_batches(ledger, spec, batch, &mut progress)
        .map_err(|e| CliError::store(e, lang))?;
    out::warn(&tf(
        lang,
        "cli.demo_done",
        &[
            &stats.communities,
            &stats.units,
            &stats.members,
            &stats.services,
            &format!("{:.1}", started.elapsed().as_secs_f64()),
        ],
    ));
    Ok(())
}

pub fn check(ledger: &mut Ledger, lang: Lang) -> Result<(), CliError> {
    let report = ledger.check().map_err(|e| CliError::store(e, lang))?;
    for p in &report.problems {
        out::line(p)?;
    }
    if let Some(job) = &report.unfinished {
        out::line(tf(lang, "ledger.unfinished", &[job]))?;
    }
    if report.damaged {
        // Clerks' processes stop writing it; a reviewer who may not write beside the ledger
        // still gets the findings and the way to restore.
        let path = ledger.path().to_path_buf();
        let _ = crate::store::damage::mark(&path, &report.problems);
        let note = crate::store::damage::note_path(&path);
        out::line(tf(lang, "err.damaged", &[&path.display(), &note.display()]))?;
    }
    if report.problems.is_empty() {
        out::line(tf(lang, "cli.check_ok", &[&report.rows]))
    } else {
        Err(CliError::user(tf(
            lang,
            "cli.check_bad",
            &[&report.problems.len()],
        )))
    }
}

/// Saves `count` service rows for a member of the ledger, one durable transaction each, and
/// prints each row's id only after its commit returned: a crash harness kills this process and
/// then checks that every printed id is in the ledger.
/// When a save stream stops, and whether it reports latencies.
pub struct StreamLimit {
    pub count: usize,
    pub seconds: Option<f64>,
    pub timing: bool,
}

pub fn save_stream(ledger: &Ledger, limit: &StreamLimit, lang: Lang) -> Result<(), CliError> {
    let started = Instant::now();
    let view = ledger.view().map_err(|e| CliError::store(e, lang))?;
    // The first community's first member: found through the indexes, so a province-sized
    // ledger is not scanned.
    let mut member = None;
    for c in view.communities().map_err(|e| CliError::store(e, lang))? {
        member = view
            .members_of_community(c.id)
            .map_err(|e| CliError::store(e, lang))?
            .into_iter()
            .next();
        if member.is_some() {
            break;
        }
    }
    let member =
        member.ok_or_else(|| CliError::user("the ledger has no member with a community"))?;
    drop(view);
    let community = member.community.unwrap_or_default();
    let mut stdout = std::io::stdout().lock();
    let pid = std::process::id();
    for i in 0..limit.count {
        if crate::signals::requested()
            || limit
                .seconds
                .is_some_and(|s| started.elapsed().as_secs_f64() >= s)
        {
            break;
        }
        let row = ServiceRecord {
            id: Id::new(),
            member: member.id,
            community,
            // Spread over past days so the 24-hours-a-day rule never refuses a row.
            date: ledger.today() - Duration::days(1 + (i % 3000) as i64),
            content: format!("压力测试 {pid}-{i}"),
            place: "社区".into(),
            hours: Hours(1),
            rating: None,
            kind: ServiceKind::Other,
            certification: None,
            activity: None,
            demand: None,
            household: None,
            archived: false,
        };
        let t = Instant::now();
        let id = ledger
            .write(|tx| tx.save(row).map(|r| r.id))
            .map_err(|e| CliError::store(e, lang))?;
        let printed = if limit.timing {
            writeln!(stdout, "{id} {}", t.elapsed().as_micros())
        } else {
            writeln!(stdout, "{id}")
        };
        printed
            .and_then(|()| stdout.flush())
            .map_err(out::output_failed)?;
    }
    Ok(())
}

/// A reviewer's reading pattern for load tests: snapshot, a community's members, one member's
/// card, again and again; prints the number of reads and the slowest in microseconds.
pub fn browse(ledger: &Ledger, seconds: f64, lang: Lang) -> Result<(), CliError> {
    let err = |e| CliError::store(e, lang);
    let started = Instant::now();
    let communities = ledger.view().map_err(err)?.communities().map_err(err)?;
    if communities.is_empty() {
        return Err(CliError::user("the ledger has no community"));
    }
    let (mut reads, mut slowest) = (0u64, 0u128);
    while started.elapsed().as_secs_f64() < seconds && !crate::signals::requested() {
        let t = Instant::now();
        let view = ledger.view().map_err(err)?;
        let c = &communities[(reads as usize * 7919) % communities.len()];
        let members = view.members_of_community(c.id).map_err(err)?;
        if let Some(m) = members.get(reads as usize % members.len().max(1)) {
            let card = view.services_of_member(m.id, None, None).map_err(err)?;
            std::hint::black_box(card.len());
        }
        slowest = slowest.max(t.elapsed().as_micros());
        reads += 1;
    }
    out::line(format!("{reads} {slowest}"))
}
