//! `baodao import KIND FILE` (members, communities, units, services, registrations,
//! suggestions, activities, posts, teams, evaluations), `baodao import workbook FILE` and
//! `baodao import bundle IN`: every problem on stderr and exit 1 with the ledger unchanged,
//! or the summary on stdout.
use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};

use super::{Cli, CliError, bundle_cmd, ledger_path, open, out};
use crate::i18n::{Lang, t, tf};
use crate::interchange::ImportIssue;
use crate::interchange::import::workbook::import_workbook;
use crate::interchange::import::{ImportError, OnDuplicate, Options, Progress, Sheet, import_file};

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub what: ImportWhat,
}

#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// 附件4 在职党员社区报到登记表: members and their registrations
    Members(SheetArgs),
    /// 表1 社区联系方式一览表: communities (each new one with the eight standard posts)
    Communities(SheetArgs),
    /// Paired units with their contacts
    Units(SheetArgs),
    /// 附件5 service rows of members already in the ledger
    Services(SheetArgs),
    /// 报到单 issued and returned, for members already in the ledger
    Registrations(SheetArgs),
    /// 意见建议 of members already in the ledger (采纳/转办/办结)
    Suggestions(SheetArgs),
    /// Activities and who attended: one service row per attendee
    Activities(SheetArgs),
    /// 岗位 of communities already in the ledger
    Posts(SheetArgs),
    /// 志愿服务队 of communities already in the ledger
    Teams(SheetArgs),
    /// Past years' 民主评议 results (grade, 现实表现)
    Evaluations(SheetArgs),
    /// 单位到社区服务 of units already in the ledger
    UnitServices(SheetArgs),
    /// 联席会 of a community with its units
    Meetings(SheetArgs),
    /// 三单制 requests and 微心愿 with their state and the member who took each
    Demands(SheetArgs),
    /// 结对帮扶: households in difficulty and the members paired with them
    Pairings(SheetArgs),
    /// 走访 of paired households: one 结对帮扶 service row each
    Visits(SheetArgs),
    /// Every sheet of a workbook, each recognised by its header, all sheets or nothing
    Workbook(SheetArgs),
    /// A bundle written by `baodao export bundle` (转移接续, a county's roll-up)
    Bundle(bundle_cmd::BundleImportArgs),
}

/// What to do with a row already in the ledger.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Duplicate {
    /// Leave the ledger's record and list the row as skipped
    Skip,
    /// Overwrite the fields the row fills in, keeping the record's id
    Update,
    /// Refuse the file
    Error,
}

#[derive(Debug, clap::Args)]
pub struct SheetArgs {
    /// CSV (UTF-8, with or without BOM, or GBK), XLSX or XLS
    pub file: PathBuf,
    /// The community of rows without a 社区 column
    #[arg(long)]
    pub community: Option<String>,
    /// Check everything and print what would change, changing nothing
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long, value_enum, default_value = "skip")]
    pub on_duplicate: Duplicate,
    /// A post of the community claimed by rows without a 认领岗位 cell
    #[arg(long)]
    pub post: Option<String>,
    /// The worksheet to read (XLSX); the first with data by default
    #[arg(long)]
    pub sheet: Option<String>,
}

/// The options shared by every kind of sheet.
fn options(sheet: Sheet, a: &SheetArgs, lang: Lang) -> Options {
    Options {
        sheet,
        community: a.community.clone(),
        post: a.post.clone(),
        on_duplicate: match a.on_duplicate {
            Duplicate::Skip => OnDuplicate::Skip,
            Duplicate::Update => OnDuplicate::Update,
            Duplicate::Error => OnDuplicate::Error,
        },
        dry_run: a.dry_run,
        worksheet: a.sheet.clone(),
        lang,
    }
}

/// The ledger to import into; for a dry run, a trial copy in memory (the file is only read).
pub(super) fn open_for(
    cli: &Cli,
    dry_run: bool,
    lang: Lang,
) -> Result<crate::store::Ledger, CliError> {
    let ledger = open(cli, &ledger_path(cli)?, lang, cli.read_only || dry_run)?;
    if dry_run {
        ledger.trial().map_err(|e| CliError::store(e, lang))
    } else {
        Ok(ledger)
    }
}

/// Every problem on stderr, then the one-line refusal.
fn refused(issues: &[ImportIssue], ignored: &[(String, String)], lang: Lang) -> CliError {
    for i in issues {
        out::warn(&i.shown(lang));
    }
    print_ignored(ignored, lang);
    let total: usize = issues.iter().map(|i| 1 + i.more).sum();
    CliError::user(tf(lang, "import.refused", &[&total]))
}

fn workbook(cli: &Cli, a: &SheetArgs, lang: Lang) -> Result<(), CliError> {
    let ledger = open_for(cli, a.dry_run, lang)?;
    let opts = options(Sheet::Members, a, lang);
    let mut progress = progress_line(lang);
    match import_workbook(&ledger, &a.file, &opts, &mut progress) {
        Ok(outcome) => {
            for line in outcome.lines(lang) {
                out::line(&line)?;
            }
            Ok(())
        }
        Err(ImportError::Refused { issues, ignored }) => Err(refused(&issues, &ignored, lang)),
        Err(ImportError::Store(e)) => Err(CliError::store(e, lang)),
    }
}

pub fn run(cli: &Cli, args: &ImportArgs, lang: Lang) -> Result<(), CliError> {
    let (sheet, a) = match &args.what {
        ImportWhat::Members(a) => (Sheet::Members, a),
        ImportWhat::Communities(a) => (Sheet::Communities, a),
        ImportWhat::Units(a) => (Sheet::Units, a),
        ImportWhat::Services(a) => (Sheet::Services, a),
        ImportWhat::Registrations(a) => (Sheet::Registrations, a),
        ImportWhat::Suggestions(a) => (Sheet::Suggestions, a),
        ImportWhat::Activities(a) => (Sheet::Activities, a),
        ImportWhat::Posts(a) => (Sheet::Posts, a),
        ImportWhat::Teams(a) => (Sheet::Teams, a),
        ImportWhat::Evaluations(a) => (Sheet::Evaluations, a),
        ImportWhat::UnitServices(a) => (Sheet::UnitServices, a),
        ImportWhat::Meetings(a) => (Sheet::Meetings, a),
        ImportWhat::Demands(a) => (Sheet::Demands, a),
        ImportWhat::Pairings(a) => (Sheet::Pairings, a),
        ImportWhat::Visits(a) => (Sheet::Visits, a),
        ImportWhat::Bundle(b) => return bundle_cmd::import(cli, b, lang),
        ImportWhat::Workbook(a) => return workbook(cli, a, lang),
    };
    let ledger = open_for(cli, a.dry_run, lang)?;
    let opts = options(sheet, a, lang);
    let mut progress = progress_line(lang);
    let result = import_file(&ledger, &a.file, &opts, &mut progress);
    match result {
        Ok(outcome) => {
            print_ignored(&outcome.ignored, lang);
            for line in outcome.lines(lang) {
                out::line(line)?;
            }
            Ok(())
        }
        Err(ImportError::Refused { issues, ignored }) => Err(refused(&issues, &ignored, lang)),
        Err(ImportError::Store(e)) => Err(CliError::store(e, lang)),
    }
}

pub(super) fn print_ignored(ignored: &[(String, String)], lang: Lang) {
    if ignored.is_empty() {
        return;
    }
    let cols: Vec<String> = ignored.iter().map(|(l, h)| format!("{l}({h})")).collect();
    out::warn(&tf(lang, "import.ignored", &[&cols.join("、")]));
}

/// A progress line on stderr, redrawn in place, only when stderr is a terminal (a log file
/// or a test should not fill with carriage returns) and the file is large enough to wait for.
pub(super) fn progress_line(lang: Lang) -> impl FnMut(Progress) {
    let show = std::io::stderr().is_terminal();
    move |p: Progress| {
        if !show || p.total < 2_000 {
            return;
        }
        out::warn_raw(
            "\r",
            &tf(
                lang,
                "import.progress",
                &[&t(lang, p.stage), &p.done, &p.total],
            ),
        );
        if p.done == p.total {
            out::warn("");
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    /// members, communities, units, services, registrations, suggestions, activities, posts,
    /// teams, evaluations, unit-services, meetings, demands, pairings, visits, or workbook
    /// (one sheet of each)
    pub kind: String,
    /// The XLSX file to write
    #[arg(short = 'o', long = "out")]
    pub out: PathBuf,
    /// Replace an existing file (with a new private file; a symlink is always refused)
    #[arg(long)]
    pub force: bool,
}

/// `baodao template KIND -o FILE.xlsx`.
pub fn template(a: &TemplateArgs, lang: Lang) -> Result<(), CliError> {
    let kinds: Vec<Sheet> = if a.kind.trim().eq_ignore_ascii_case("workbook") {
        Sheet::ALL.iter().map(|(_, k)| *k).collect()
    } else {
        match Sheet::parse(&a.kind) {
            Some(k) => vec![k],
            None => {
                let names: Vec<&str> = Sheet::ALL.iter().map(|(n, _)| *n).collect();
                let msg = tf(lang, "cli.template_kind", &[&a.kind, &names.join(", ")]);
                return Err(CliError::user(msg));
            }
        }
    };
    let bytes = crate::interchange::template::workbook(&kinds, lang).map_err(|e| CliError {
        code: 2,
        message: e.to_string(),
    })?;
    crate::export_file::write(&a.out, &bytes, a.force)
        .map_err(|e| CliError::user(e.message(lang)))?;
    let msg = tf(lang, "cli.template_done", &[&a.out.display(), &kinds.len()]);
    out::line(msg)
}
