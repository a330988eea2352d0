//! `baodao log [--record ID | --member NAME | --clerk NAME | --since DATE] [--limit N]`: the
//! audit log read back — who (the name given and the OS account), when, what changed from
//! what to what, revokes and reopenings with their reasons. The TUI's history view lays an
//! entry out with [`entry_lines`] too, so both read the same.
use chrono::NaiveDate;

use super::report_cmd::find_member;
use super::{CliError, out};
use crate::domain::{AuditEntry, Id, Kind};
use crate::i18n::{Lang, t, tf};
use crate::interchange::import::kind_label;
use crate::store::Ledger;
use crate::store::audit::LogFilter;

#[derive(Debug, clap::Args)]
pub struct LogArgs {
    /// One record's history (its id, as `baodao search` prints it)
    #[arg(long, conflicts_with = "member")]
    pub record: Option<Id>,
    /// A member's history with everything recorded about them (name or id)
    #[arg(long)]
    pub member: Option<String>,
    /// Changes made under this name or by this OS account
    #[arg(long)]
    pub clerk: Option<String>,
    /// Changes on or after this day (YYYY-MM-DD)
    #[arg(long)]
    pub since: Option<NaiveDate>,
    /// At most this many, the newest (default 100 for the whole log, all for one record)
    #[arg(long)]
    pub limit: Option<usize>,
}

/// The clerk-facing name of an action.
fn action(lang: Lang, a: &str) -> String {
    let key = match a {
        "save" => "audit.action.save",
        "delete" => "audit.action.delete",
        "revoke-certification" => "audit.action.revoke",
        "reopen-year" => "audit.action.reopen",
        "undo" => "audit.action.undo",
        "bundle" | "bundle-update" => "audit.action.bundle",
        "import" => "audit.action.import",
        "import-bundle" => "audit.action.import_bundle",
        other => return other.to_string(),
    };
    t(lang, key).to_string()
}

/// An entry as lines: `TIME  WHO  ACTION  KIND NAME ID`, then `    field: before → after` for
/// each change and the reason or note. `show(field, value)` decides how a value may show (the
/// TUI masks personal data by its privacy rule; the command line shows it to the clerk).
pub fn entry_lines(e: &AuditEntry, lang: Lang, show: &dyn Fn(&str, &str) -> String) -> Vec<String> {
    let kind = Kind::ALL
        .iter()
        .find(|k| k.name() == e.kind)
        .map_or(e.kind.clone(), |k| kind_label(lang, *k).to_string());
    let what = if e.record == Id(0) {
        kind
    } else {
        format!("{kind} {} {}", e.subject(), e.record)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut lines = vec![format!(
        "{}  {}  {}  {what}",
        e.when(),
        e.who(),
        action(lang, &e.action)
    )];
    for c in e.changes() {
        lines.push(format!(
            "    {}: {} → {}",
            c.field,
            show(&c.field, &c.before),
            show(&c.field, &c.after)
        ));
    }
    if !e.note.is_empty() {
        let key = if matches!(e.action.as_str(), "revoke-certification" | "reopen-year") {
            "audit.reason"
        } else {
            "audit.note"
        };
        lines.push(format!("    {}", tf(lang, key, &[&e.note])));
    }
    lines
}

pub fn run(ledger: &Ledger, a: &LogArgs, lang: Lang) -> Result<(), CliError> {
    let view = ledger.view().map_err(|e| CliError::store(e, lang))?;
    let member = a
        .member
        .as_deref()
        .map(|n| find_member(&view, ledger.path(), n, lang))
        .transpose()?;
    let one_record = a.record.is_some() || member.is_some();
    let limit = a.limit.or(if one_record { None } else { Some(100) });
    let filter = LogFilter {
        record: a.record,
        clerk: a.clerk.clone(),
        since: a.since,
        // A member's entries are picked from the whole log below.
        limit: if member.is_some() { None } else { limit },
    };
    let mut entries = view
        .audit_log(&filter)
        .map_err(|e| CliError::store(e, lang))?;
    if let Some(m) = member {
        entries.retain(|e| e.concerns_member(m));
        if let Some(n) = limit
            && entries.len() > n
        {
            entries.drain(..entries.len() - n);
        }
    }
    if entries.is_empty() {
        out::warn(t(lang, "audit.none"));
        return Ok(());
    }
    let plain = |_: &str, v: &str| v.to_string();
    for e in &entries {
        for line in entry_lines(e, lang, &plain) {
            // A reader gone (`| head -1`) ends the command with exit 3, like every other.
            out::line(&line)?;
        }
    }
    Ok(())
}
