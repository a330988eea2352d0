//! `baodao init`: a ledger for a server, in a directory of its own, that the clerks' group
//! writes, the reviewers' group reads, and nobody else reaches (see [`crate::access::share`]).
use std::path::{Path, PathBuf};

use clap::Args;

use super::{Cli, CliError};
use crate::access::accounts::{group_id, in_group, me};
use crate::access::share::{Aspect, Difference, Layout};
use crate::i18n::{Lang, t, tf};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The group whose members write the ledger (they must exist: groupadd)
    #[arg(long)]
    pub clerks: String,
    /// The group whose members read it, with --read-only
    #[arg(long)]
    pub reviewers: Option<String>,
    /// Change the access of an existing ledger and of every file in its directory
    #[arg(long)]
    pub existing: bool,
}

pub fn run(cli: &Cli, args: &InitArgs, lang: Lang) -> Result<(), CliError> {
    let Some(db) = cli.db.clone() else {
        return Err(CliError::user(t(lang, "cli.init_no_db")));
    };
    let layout = layout(args, lang)?;
    let dir = match db.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let io = |path: &Path, e: std::io::Error| {
        CliError::user(tf(lang, "cli.write_failed", &[&path.display(), &e]))
    };
    if db.exists() {
        // An existing ledger's access changes only when asked, and says what changes.
        let mut paths = vec![dir.clone()];
        paths.extend(files_in(&dir).map_err(|e| io(&dir, e))?);
        let changes = differences(&layout, &paths, lang).map_err(|e| io(&dir, e))?;
        if changes.is_empty() {
            return super::out::line(tf(lang, "cli.init_already", &[&db.display()]));
        }
        if !args.existing {
            for c in &changes {
                super::out::warn(c);
            }
            return Err(CliError::user(tf(
                lang,
                "cli.init_existing",
                &[&db.display()],
            )));
        }
        for p in &paths {
            layout.apply(p).map_err(|e| io(p, e))?;
        }
        super::out::line(changes.join("\n"))?;
    } else {
        if dir.exists() {
            let others = files_in(&dir).map_err(|e| io(&dir, e))?;
            let dir_changes = layout.differences(&dir).map_err(|e| io(&dir, e))?;
            if !others.is_empty() && !dir_changes.is_empty() && !args.existing {
                return Err(CliError::user(tf(
                    lang,
                    "cli.init_dir_used",
                    &[&dir.display(), &others.len()],
                )));
            }
            for p in std::iter::once(&dir).chain(&others) {
                layout.apply(p).map_err(|e| io(p, e))?;
            }
        } else {
            std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
            layout.apply(&dir).map_err(|e| io(&dir, e))?;
        }
        let ledger = super::open(cli, &db, lang, false)?;
        ledger.close().map_err(|e| CliError::store(e, lang))?;
        layout.apply(&db).map_err(|e| io(&db, e))?;
    }
    for blocked in closed_ancestors(&dir) {
        super::out::warn(&tf(lang, "cli.init_closed_parent", &[&blocked.display()]));
    }
    let reviewers = args.reviewers.as_deref().unwrap_or("-");
    super::out::line(tf(
        lang,
        "cli.init_done",
        &[&db.display(), &args.clerks, &reviewers],
    ))
}

/// The groups, which must exist and differ, and which this account must be able to hand files
/// to (root, or a member of the clerks' group).
fn layout(args: &InitArgs, lang: Lang) -> Result<Layout, CliError> {
    let find = |name: &str| {
        group_id(name).ok_or_else(|| CliError::user(tf(lang, "cli.init_no_group", &[&name])))
    };
    let clerks = find(&args.clerks)?;
    let reviewers = args.reviewers.as_deref().map(find).transpose()?;
    if reviewers == Some(clerks) {
        return Err(CliError::user(t(lang, "cli.init_same_groups")));
    }
    if me() != 0 && !in_group(clerks) {
        return Err(CliError::user(tf(
            lang,
            "cli.init_not_member",
            &[&args.clerks],
        )));
    }
    Ok(Layout { clerks, reviewers })
}

/// Every file in the ledger's directory (the ledger, its backups, copies kept by migrations).
fn files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            out.push(entry.path());
        }
    }
    out.sort();
    Ok(out)
}

fn differences(layout: &Layout, paths: &[PathBuf], lang: Lang) -> std::io::Result<Vec<String>> {
    let mut out = Vec::new();
    for p in paths {
        for Difference { what, now, wanted } in layout.differences(p)? {
            let what = match what {
                Aspect::Group => t(lang, "cli.init_what_group"),
                Aspect::Mode => t(lang, "cli.init_what_mode"),
                Aspect::Acl => t(lang, "cli.init_what_acl"),
            };
            out.push(tf(
                lang,
                "cli.init_change",
                &[&p.display(), &what, &now, &wanted],
            ));
        }
    }
    Ok(out)
}

/// Ancestors of the ledger's directory that other accounts cannot pass through.
fn closed_ancestors(dir: &Path) -> Vec<PathBuf> {
    use std::os::unix::fs::MetadataExt;
    let Ok(abs) = std::fs::canonicalize(dir) else {
        return Vec::new();
    };
    abs.ancestors()
        .skip(1)
        .filter(|a| std::fs::metadata(a).is_ok_and(|m| m.mode() & 0o001 == 0))
        .map(Path::to_path_buf)
        .collect()
}
