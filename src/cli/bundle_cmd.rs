//! `baodao export bundle OUT [--community NAME | --member NAME|ID]` and
//! `baodao import bundle IN [--dry-run]`: records moved between ledgers (转移接续, a county's
//! roll-up).
use std::path::PathBuf;

use clap::Subcommand;

use super::import_cmd::progress_line;
use super::report_cmd::{find_community, find_member};
use super::{Cli, CliError, ledger_path, open, out};
use crate::domain::{Community, Member};
use crate::i18n::{Lang, tf};
use crate::interchange::bundle::{self, Prefer, Scope};
use crate::interchange::import::{ImportError, kind_label};

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    pub what: ExportWhat,
}

#[derive(Debug, Subcommand)]
pub enum ExportWhat {
    /// A bundle of records for another ledger: a community, a member, or the whole ledger
    Bundle(BundleExportArgs),
}

#[derive(Debug, clap::Args)]
pub struct BundleExportArgs {
    /// The bundle file to write (JSON Lines)
    pub out: PathBuf,
    /// A community with its posts, members, their history and their units
    #[arg(long, conflicts_with = "member")]
    pub community: Option<String>,
    /// A member (name or id) with their registrations, services, suggestions and pairings
    #[arg(long)]
    pub member: Option<String>,
    /// Replace an existing file (with a new private file; a symlink is always refused)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct BundleImportArgs {
    /// A bundle written by `baodao export bundle`
    #[arg(value_name = "IN")]
    pub input: PathBuf,
    /// Check everything and print what would change, changing nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Which side wins when a record differs: newer (default; an older bundle record is a
    /// conflict and not applied), bundle, or ledger
    #[arg(long, value_enum, default_value_t = PreferArg::Newer)]
    pub prefer: PreferArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PreferArg {
    Newer,
    Bundle,
    Ledger,
}

pub fn export(cli: &Cli, args: &ExportArgs, lang: Lang) -> Result<(), CliError> {
    let ExportWhat::Bundle(a) = &args.what;
    let ledger = open(cli, &ledger_path(cli)?, lang, true)?;
    let view = ledger.view().map_err(|e| CliError::store(e, lang))?;
    let store = |e| CliError::store(e, lang);
    let (scope, name) = if let Some(n) = &a.community {
        let id = find_community(&view, n, lang)?;
        let c = view.get::<Community>(id).map_err(store)?;
        (Scope::Community(id), c.map(|c| c.name).unwrap_or_default())
    } else if let Some(n) = &a.member {
        let id = find_member(&view, ledger.path(), n, lang)?;
        let m = view.get::<Member>(id).map_err(store)?;
        (Scope::Member(id), m.map(|m| m.name).unwrap_or_default())
    } else {
        (Scope::Ledger, String::new())
    };
    let now = chrono::Local::now().to_rfc3339();
    let (text, count) = bundle::export(&view, scope, &name, &now)
        .map_err(store)?
        .ok_or_else(|| {
            let (what, asked) = match (&a.member, &a.community) {
                (Some(m), _) => ("党员/member", m.clone()),
                (None, c) => ("社区/community", c.clone().unwrap_or_default()),
            };
            CliError::user(tf(lang, "cli.not_found", &[&what, &asked]))
        })?;
    crate::export_file::write(&a.out, text.as_bytes(), a.force)
        .map_err(|e| CliError::user(e.message(lang)))?;
    out::line(tf(lang, "bundle.exported", &[&count, &a.out.display()]))
}

pub fn import(cli: &Cli, a: &BundleImportArgs, lang: Lang) -> Result<(), CliError> {
    let file = a.input.display().to_string();
    let bytes = std::fs::read(&a.input)
        .map_err(|e| CliError::user(format!("{file}: {}", tf(lang, "import.file.io", &[&e]))))?;
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(CliError::user(format!(
            "{file}: {}",
            tf(lang, "bundle.not_bundle", &[])
        )));
    };
    let parsed = match bundle::read(&file, &text, lang) {
        Ok(b) => b,
        Err(issues) => return Err(refused(&issues, lang)),
    };
    let ledger = super::import_cmd::open_for(cli, a.dry_run, lang)?;
    let mut progress = progress_line(lang);
    let prefer = match a.prefer {
        PreferArg::Newer => Prefer::Newer,
        PreferArg::Bundle => Prefer::Bundle,
        PreferArg::Ledger => Prefer::Ledger,
    };
    match bundle::import_bundle(&ledger, parsed, a.dry_run, prefer, lang, &mut progress) {
        Ok(o) => {
            if o.dry_run {
                for c in &o.changes {
                    out::line(c)?;
                }
            }
            for c in &o.conflicts {
                out::warn(c);
            }
            let head = if o.dry_run {
                "bundle.dry_run"
            } else {
                "bundle.done"
            };
            out::line(tf(lang, head, &[&o.file]))?;
            for (k, added, updated, same) in &o.counts {
                out::line(tf(
                    lang,
                    "bundle.count_line",
                    &[&kind_label(lang, *k), added, updated, same],
                ))?;
            }
            if !o.conflicts.is_empty() {
                out::warn(&tf(lang, "bundle.conflicts", &[&o.conflicts.len()]));
            }
            Ok(())
        }
        Err(ImportError::Refused { issues, .. }) => Err(refused(&issues, lang)),
        Err(ImportError::Store(e)) => Err(CliError::store(e, lang)),
    }
}

fn refused(issues: &[crate::interchange::ImportIssue], lang: Lang) -> CliError {
    for i in issues {
        out::warn(&i.to_string());
    }
    CliError::user(tf(lang, "import.refused", &[&issues.len()]))
}
