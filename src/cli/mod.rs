//! Headless commands and argument parsing. Never imports ratatui: the TUI is reached through
//! [`crate::tui::run`].
mod bundle_cmd;
mod crash_jobs;
mod damage;
mod import_cmd;
mod init_cmd;
mod ledger_cmds;
pub mod log_cmd;
pub mod out;
pub mod paper_shots;
pub(crate) mod report_cmd;
mod search_cmd;
mod stress;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::i18n::{Lang, t, tf};
use crate::store::{Ledger, OpenOptions, StoreError};
use crate::tui::terminal::Ended;

/// 报到台账 — the ledger of in-service Party members reporting to their communities.
#[derive(Debug, Parser)]
#[command(name = "baodao", version, about, long_about = None)]
pub struct Cli {
    /// Ledger file (default: $BAODAO_DB, else ledger.redb in the data directory)
    #[arg(long, global = true, env = "BAODAO_DB")]
    pub db: Option<PathBuf>,
    /// Open read-only (reviewers): nothing can be changed
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Name written into the audit log (default: the OS user)
    #[arg(long, global = true)]
    pub clerk: Option<String>,
    /// Language of screens and messages: zh (default) or en
    #[arg(long, global = true, env = "BAODAO_LANG", default_value = "zh")]
    pub lang: String,
    /// Open the TUI on the demo ledger (created on first use)
    #[arg(long)]
    pub demo: bool,
    /// Fix "today" (YYYY-MM-DD) for rehearsals and reproducible screenshots
    #[arg(long, global = true, env = "BAODAO_TODAY", hide = true)]
    pub today: Option<chrono::NaiveDate>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build a realistic demo ledger
    Demo {
        /// Members to generate (communities and units scale with it)
        #[arg(long, default_value_t = 1000)]
        members: usize,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Records a commit (the kill harness: a small demo committing often)
        #[arg(long, hide = true)]
        batch: Option<usize>,
    },
    /// Create a ledger on a server: the clerks' group writes it, the reviewers' group reads it
    Init(init_cmd::InitArgs),
    /// Check the ledger: file integrity, references, indexes, totals (exit 1 if anything is wrong)
    Check,
    /// The audit log: who changed what and when, before → after, revokes with their reasons
    Log(log_cmd::LogArgs),
    /// Write a consistent copy of the ledger while others keep working
    Backup { out: PathBuf },
    /// Search every roster by characters, pinyin, initials, phone digits or unit name
    Search(search_cmd::SearchArgs),
    /// Print or export a paper form (表1, 表2, 附件1–5, 反馈单, 花名册)
    Report(report_cmd::ReportArgs),
    /// Render the screens of the full-screen program on a fixed demo ledger (.txt and .svg)
    Screenshots {
        #[arg(long, default_value = "screenshots")]
        out: PathBuf,
    },
    /// Import an office's CSV/XLSX file, or a bundle from another ledger (all or nothing)
    Import(import_cmd::ImportArgs),
    /// Write an empty XLSX with the columns an import kind knows best (or `workbook`: all)
    Template(import_cmd::TemplateArgs),
    /// Export a bundle of records for another ledger (转移接续, a county's roll-up)
    Export(bundle_cmd::ExportArgs),
    /// Save a stream of service rows, printing each id once it is durable (crash testing)
    #[command(hide = true)]
    SaveStream {
        #[arg(long, default_value_t = 1000)]
        count: usize,
        /// Stop after this many seconds
        #[arg(long)]
        seconds: Option<f64>,
        /// Print each save's latency in microseconds after its id
        #[arg(long)]
        timing: bool,
    },
    /// Prove the ledger holds: several clerks at once, SIGKILL at random points
    #[command(subcommand, hide = true)]
    Stress(stress::Stress),
    /// Browse the ledger read-only like a reviewer, printing the slowest read (load testing)
    #[command(hide = true)]
    Browse {
        #[arg(long, default_value_t = 10.0)]
        seconds: f64,
    },
}

/// A failure with the exit code it maps to.
#[derive(Debug)]
pub struct CliError {
    /// One of the codes in [`out`].
    pub code: i32,
    pub message: String,
}

impl CliError {
    pub fn user(message: impl Into<String>) -> CliError {
        CliError {
            code: 1,
            message: message.into(),
        }
    }

    pub fn store(e: StoreError, lang: Lang) -> CliError {
        CliError {
            code: match e {
                StoreError::Interrupted => out::STOPPED,
                _ if e.is_user_error() => out::USER,
                _ => out::INTERNAL,
            },
            message: e.message(lang),
        }
    }
}

/// Parses the command line, runs it and returns the exit code.
pub fn main() -> i32 {
    crate::signals::install();
    // A mistyped command line is a user's error (exit 1), not an internal one (clap's 2);
    // help and the version are printed and done.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let printed = e.print();
            return match (e.use_stderr(), printed) {
                (true, _) => out::USER,
                (false, Ok(())) => out::OK,
                // The help went to a reader that had gone.
                (false, Err(_)) => out::OUTPUT_CLOSED,
            };
        }
    };
    let lang = Lang::parse(&cli.lang).unwrap_or_default();
    if cli.command.is_some() {
        crate::signals::end_after(
            std::time::Duration::from_secs(2),
            out::STOPPED,
            StoreError::Interrupted.message(lang),
        );
    }
    catch_damage_panics();
    let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(cli, lang)));
    let ran = ran.unwrap_or_else(|_| {
        Err(if DAMAGE_PANIC.load(std::sync::atomic::Ordering::SeqCst) {
            CliError::user(t(lang, "err.damaged_read"))
        } else {
            // The panic message was printed by the hook.
            CliError {
                code: out::INTERNAL,
                message: String::new(),
            }
        })
    });
    match ran {
        // Finished, but a stop came meanwhile (a job that polls stops early without an error).
        Ok(()) if crate::signals::requested() => out::STOPPED,
        Ok(()) => out::OK,
        Err(e) => {
            if !e.message.is_empty() {
                out::warn(&format!("baodao: {}", e.message));
            }
            e.code
        }
    }
}

/// What the demo generator finds at a path.
#[derive(PartialEq)]
enum DemoPlace {
    /// No file, or a ledger with no records (a demo killed before its first batch): build.
    Free,
    /// A demo whose generator stopped part way: build it again from the start.
    Unfinished,
    /// Anything else: not the generator's to touch.
    Taken,
}

fn demo_place(path: &std::path::Path) -> DemoPlace {
    if !path.exists() {
        return DemoPlace::Free;
    }
    let opened = Ledger::open(
        path,
        OpenOptions {
            read_only: true,
            ..Default::default()
        },
    );
    let place = opened.and_then(|l| {
        let view = l.view()?;
        if view.unfinished()?.as_deref() == Some("demo") {
            return Ok(DemoPlace::Unfinished);
        }
        let empty = view.count::<crate::domain::Community>()? == 0
            && view.count::<crate::domain::Unit>()? == 0
            && view.count::<crate::domain::Member>()? == 0;
        Ok(if empty {
            DemoPlace::Free
        } else {
            DemoPlace::Taken
        })
    });
    place.unwrap_or(DemoPlace::Taken)
}

/// Makes `path` ready for the demo generator: an unfinished demo is removed (the generator
/// is deterministic, so it is built again from the start). Whether the generator may build.
fn prepare_demo(path: &std::path::Path) -> Result<bool, CliError> {
    match demo_place(path) {
        DemoPlace::Free => Ok(true),
        DemoPlace::Unfinished => {
            std::fs::remove_file(path).map_err(|e| CliError::user(e.to_string()))?;
            Ok(true)
        }
        DemoPlace::Taken => Ok(false),
    }
}

/// Set when redb panicked: it asserts on some kinds of damage in pages it was not asked to
/// verify, and a damaged file must be a message (exit 1), never a crash.
static DAMAGE_PANIC: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// A panic inside redb is recorded quietly for [`main`] to report as a damaged file; any other
/// panic is a bug and is printed as usual.
fn catch_damage_panics() {
    let usual = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if info.location().is_some_and(|l| l.file().contains("redb-")) {
            DAMAGE_PANIC.store(true, std::sync::atomic::Ordering::SeqCst);
        } else {
            usual(info);
        }
    }));
}

fn run(cli: Cli, lang: Lang) -> Result<(), CliError> {
    match &cli.command {
        None => {
            use std::io::IsTerminal;
            // Without a terminal (`ssh host` with a command, under a reviewer's ForceCommand)
            // the full-screen program cannot start; say how to get one.
            if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
                return Err(CliError::user(t(lang, "cli.no_terminal")));
            }
            let path = if cli.demo {
                demo_path()?
            } else {
                ledger_path(&cli)?
            };
            if cli.demo && prepare_demo(&path)? {
                out::warn(&tf(lang, "cli.demo_creating", &[&path.display()]));
                let ledger = open(&cli, &path, lang, false)?;
                ledger_cmds::demo(&ledger, &crate::demo::DemoSpec::default(), None, lang)?;
            }
            let ledger = open(&cli, &path, lang, cli.read_only)?;
            let notice = ACCESS_WARNING.get().cloned();
            let ended = crate::tui::run(ledger, lang, notice).map_err(|e| CliError {
                code: out::INTERNAL,
                message: e.to_string(),
            })?;
            match ended {
                Ended::Quit => Ok(()),
                Ended::Stopped => Err(CliError {
                    code: out::STOPPED,
                    message: String::new(),
                }),
                Ended::TerminalGone => Err(CliError {
                    code: out::OUTPUT_CLOSED,
                    message: String::new(),
                }),
            }
        }
        Some(Command::Demo {
            members,
            seed,
            batch,
        }) => {
            let path = ledger_path(&cli)?;
            // An empty file is no demo's either: opening it reports it damaged.
            if !prepare_demo(&path)?
                && std::fs::metadata(&path)
                    .map(|m| m.len() > 0)
                    .unwrap_or(false)
            {
                return Err(CliError::user(tf(
                    lang,
                    "cli.demo_exists",
                    &[&path.display()],
                )));
            }
            // The generator streams the province through the file in batches: a small cache
            // keeps its peak memory flat (a million members within 1 GB).
            crate::store::set_cache_bytes(crate::demo::CACHE_BYTES);
            let ledger = open(&cli, &path, lang, false)?;
            let spec = crate::demo::DemoSpec {
                members: *members,
                seed: *seed,
            };
            ledger_cmds::demo(&ledger, &spec, *batch, lang)
        }
        Some(Command::Init(args)) => init_cmd::run(&cli, args, lang),
        Some(Command::Check) => {
            // Read-only whoever asks: the check never writes the file it checks, and finds
            // the same for a reviewer as for a clerk.
            let mut ledger = open(&cli, &ledger_path(&cli)?, lang, true)?;
            ledger_cmds::check(&mut ledger, lang)
        }
        Some(Command::Backup { out }) => {
            let ledger = open(&cli, &ledger_path(&cli)?, lang, true)?;
            let rows = ledger.backup(out).map_err(|e| CliError::store(e, lang))?;
            out::line(tf(lang, "cli.backup_done", &[&out.display(), &rows]))
        }
        Some(Command::Search(args)) => {
            let path = ledger_path(&cli)?;
            let ledger = open(&cli, &path, lang, true)?;
            let refresh = search_cmd::run(&ledger, args, lang)?;
            drop(ledger);
            // The hits are out; storing the index for the next search is a cache, written
            // only when the ledger may be written, and its failure is nobody's problem.
            if let Some((index, mark)) = refresh
                && !cli.read_only
                && let Ok(ledger) = open(&cli, &path, lang, false)
            {
                let _ = ledger.store_search_snapshot(&index, mark);
            }
            Ok(())
        }
        Some(Command::Log(args)) => {
            let ledger = open(&cli, &ledger_path(&cli)?, lang, true)?;
            log_cmd::run(&ledger, args, lang)
        }
        Some(Command::Report(args)) => {
            let ledger = open(&cli, &ledger_path(&cli)?, lang, true)?;
            report_cmd::run(&ledger, args, lang)
        }
        Some(Command::Import(args)) => import_cmd::run(&cli, args, lang),
        Some(Command::Template(args)) => import_cmd::template(args, lang),
        Some(Command::Export(args)) => bundle_cmd::export(&cli, args, lang),
        Some(Command::Screenshots { out }) => {
            let internal = |e: anyhow::Error| CliError {
                code: 2,
                message: e.to_string(),
            };
            let mut files = crate::tui::shots::write(out).map_err(internal)?;
            files.extend(paper_pictures(out, lang)?);
            out::line(tf(
                lang,
                "cli.screenshots_done",
                &[&files.len(), &out.display()],
            ))
        }
        Some(Command::SaveStream {
            count,
            seconds,
            timing,
        }) => {
            let ledger = open(&cli, &ledger_path(&cli)?, lang, false)?;
            let limit = ledger_cmds::StreamLimit {
                count: *count,
                seconds: *seconds,
                timing: *timing,
            };
            ledger_cmds::save_stream(&ledger, &limit, lang)
        }
        Some(Command::Stress(s)) => stress::run(&ledger_path(&cli)?, s),
        Some(Command::Browse { seconds }) => {
            let ledger = open(&cli, &ledger_path(&cli)?, lang, true)?;
            ledger_cmds::browse(&ledger, *seconds, lang)
        }
    }
}

/// Opens the ledger named by the arguments.
pub fn open(
    cli: &Cli,
    path: &std::path::Path,
    lang: Lang,
    read_only: bool,
) -> Result<Ledger, CliError> {
    check_access(path, read_only, lang)?;
    Ledger::open(
        path,
        OpenOptions {
            read_only,
            clerk: cli.clerk.clone(),
            today: cli.today,
        },
    )
    .map_err(|e| CliError::store(e, lang))
}

/// Refuses an account that may not open the ledger as asked, naming the groups that may; warns
/// once a process about a ledger the world can read, or that its directory's group cannot.
fn check_access(path: &std::path::Path, read_only: bool, lang: Lang) -> Result<(), CliError> {
    use crate::access::diagnose::{self, Warning};
    let warning = diagnose::check(path, !read_only).map_err(|d| {
        let readers = if d.readers.is_empty() {
            "-".to_string()
        } else {
            d.readers.join(", ")
        };
        let path = d.path.display();
        CliError::user(match &d.writers {
            Some(w) if d.may_read => tf(lang, "cli.access_read_only", &[&path, &d.account, w]),
            Some(w) => tf(lang, "cli.access_denied", &[&path, &d.account, w, &readers]),
            // Shared with no group: only its owner (and the groups reading it, if any).
            None => tf(
                lang,
                "cli.access_private",
                &[&path, &d.account, &d.owner, &readers],
            ),
        })
    })?;
    if let Some(w) = warning
        && ACCESS_WARNING.get().is_none()
    {
        let text = match w {
            Warning::WorldReadable { path, mode } => tf(
                lang,
                "cli.access_world",
                &[&path.display(), &format!("{mode:04o}"), &shell_word(&path)],
            ),
            Warning::NotShared {
                path,
                clerks,
                reviewers,
            } => {
                let reviewers = reviewers
                    .map(|r| format!(" --reviewers {r}"))
                    .unwrap_or_default();
                tf(
                    lang,
                    "cli.access_unshared",
                    &[&path.display(), &clerks, &shell_word(&path), &reviewers],
                )
            }
        };
        out::warn(&format!("baodao: {text}"));
        let _ = ACCESS_WARNING.set(text);
    }
    Ok(())
}

/// The access warning given at this process's first open, for the full-screen program to show
/// on its status line too (the line on stderr is hidden behind its screen until it quits).
static ACCESS_WARNING: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// `path` quoted for a shell command the message suggests.
fn shell_word(path: &std::path::Path) -> String {
    let s = path.display().to_string();
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+=:,".contains(c))
    {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

fn data_dir() -> Result<PathBuf, CliError> {
    directories::ProjectDirs::from("", "", "baodao")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| CliError::user(t(Lang::Zh, "cli.no_home")))
}

/// `--db`, `BAODAO_DB`, or `ledger.redb` in the platform data directory.
pub fn ledger_path(cli: &Cli) -> Result<PathBuf, CliError> {
    match &cli.db {
        Some(p) => Ok(p.clone()),
        None => Ok(data_dir()?.join("ledger.redb")),
    }
}

fn demo_path() -> Result<PathBuf, CliError> {
    Ok(data_dir()?.join("demo.redb"))
}

/// The printed pages of the README, on their own fixed demo ledger (see [`paper_shots`]).
fn paper_pictures(out: &std::path::Path, lang: Lang) -> Result<Vec<PathBuf>, CliError> {
    let font = crate::report::pdf::find_font(None)
        .map_err(|e| CliError::user(tf(lang, "cli.report_font", &[&e.message(lang)])))?;
    let work = tempfile_dir("paper").map_err(|e| CliError::user(e.to_string()))?;
    let made = crate::tui::shots::demo_ledger(&work, 1000)
        .and_then(|ledger| paper_shots::write(&ledger, &font, out));
    let _ = std::fs::remove_dir_all(&work);
    made.map_err(|e| CliError {
        code: 2,
        message: e.to_string(),
    })
}

/// A fresh directory for a throw-away ledger.
fn tempfile_dir(what: &str) -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("baodao-{what}-{}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
