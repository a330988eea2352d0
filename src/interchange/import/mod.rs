//! Importing an office's file into the ledger: `baodao import KIND FILE`, one kind of sheet
//! ([`Sheet`]) at a time, or a whole workbook ([`workbook`]).
//!
//! All or nothing, in three steps:
//! 1. read and parse every row ([`crate::interchange::rows`]), keeping every problem;
//! 2. plan ([`plan`]): resolve each name against one snapshot of the ledger (communities,
//!    units, posts, members), decide add / update / skip per row, keep every problem;
//! 3. apply ([`apply`]): save every planned record in ONE write transaction through the
//!    store's own `save` (validation, references, locks, indexes, totals, audit); a record the
//!    store refuses becomes an issue on its row, the remaining rows are still tried so every
//!    problem is listed, and any problem aborts the transaction.
//!
//! A dry run does step 3 too and then aborts, so it finds what the store would refuse (25
//! hours on one day) without changing anything.
pub mod apply;
pub mod demands;
pub mod directory;
pub mod history;
pub mod members;
pub mod pairings;
pub mod places;
pub mod plan;
pub mod posts;
pub mod services;
pub mod unit_work;
pub mod who;
pub mod workbook;

use std::path::Path;

use crate::domain::Kind;
use crate::i18n::{Lang, t, tf};
use crate::interchange::error::{ImportIssue, bound};
use crate::interchange::grid::{Grid, ReadOptions, read_all_path};
use crate::interchange::header::{Schema, find_header};
use crate::interchange::schemas;
use crate::interchange::{rows, rows_care, rows_history};
use crate::store::{Ledger, StoreError};

pub use plan::{Plan, Step};

/// Which kind of sheet a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    /// 附件4 在职党员社区报到登记表
    Members,
    /// 表1 社区联系方式一览表
    Communities,
    /// 结对单位
    Units,
    /// 附件5 服务(活动)记录
    Services,
    /// 报到单 issued and returned
    Registrations,
    /// 意见建议
    Suggestions,
    /// 社区活动 and who attended
    Activities,
    /// 岗位
    Posts,
    /// 志愿服务队
    Teams,
    /// Past years' 民主评议 results
    Evaluations,
    /// 单位到社区服务
    UnitServices,
    /// 联席会
    Meetings,
    /// 三单制 居民点单 and 微心愿
    Demands,
    /// 结对帮扶 households and their members
    Pairings,
    /// 走访 of paired households
    Visits,
}

impl Sheet {
    /// In dependency order: what a sheet refers to is imported before it.
    pub const ALL: [(&'static str, Sheet); 15] = [
        ("communities", Sheet::Communities),
        ("units", Sheet::Units),
        ("posts", Sheet::Posts),
        ("teams", Sheet::Teams),
        ("members", Sheet::Members),
        ("registrations", Sheet::Registrations),
        ("services", Sheet::Services),
        ("activities", Sheet::Activities),
        ("demands", Sheet::Demands),
        ("pairings", Sheet::Pairings),
        ("visits", Sheet::Visits),
        ("suggestions", Sheet::Suggestions),
        ("evaluations", Sheet::Evaluations),
        ("unit-services", Sheet::UnitServices),
        ("meetings", Sheet::Meetings),
    ];

    /// The columns a file of this kind may have.
    pub fn schema(self) -> &'static Schema {
        match self {
            Sheet::Members => &schemas::MEMBERS,
            Sheet::Communities => &schemas::COMMUNITIES,
            Sheet::Units => &schemas::UNITS,
            Sheet::Services => &schemas::SERVICES,
            Sheet::Registrations => &schemas::REGISTRATIONS,
            Sheet::Suggestions => &schemas::SUGGESTIONS,
            Sheet::Activities => &schemas::ACTIVITIES,
            Sheet::Posts => &schemas::POSTS,
            Sheet::Teams => &schemas::TEAMS,
            Sheet::Evaluations => &schemas::EVALUATIONS,
            Sheet::UnitServices => &schemas::UNIT_SERVICES,
            Sheet::Meetings => &schemas::MEETINGS,
            Sheet::Demands => &schemas::DEMANDS,
            Sheet::Pairings => &schemas::PAIRINGS,
            Sheet::Visits => &schemas::VISITS,
        }
    }

    pub fn parse(s: &str) -> Option<Sheet> {
        Sheet::ALL
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(s.trim()))
            .map(|(_, k)| *k)
    }
}

/// What to do with a row that is already in the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnDuplicate {
    /// Leave the ledger's record alone and list the row as skipped.
    #[default]
    Skip,
    /// Overwrite the fields the row fills in, keeping the record's id.
    Update,
    /// Refuse the file.
    Error,
}

impl OnDuplicate {
    pub fn parse(s: &str) -> Option<OnDuplicate> {
        match s.trim().to_ascii_lowercase().as_str() {
            "skip" => Some(OnDuplicate::Skip),
            "update" => Some(OnDuplicate::Update),
            "error" => Some(OnDuplicate::Error),
            _ => None,
        }
    }
}

/// How to import.
#[derive(Debug, Clone)]
pub struct Options {
    pub sheet: Sheet,
    /// The community of rows that do not name one.
    pub community: Option<String>,
    /// A post of the community, claimed by rows without a 认领岗位 cell.
    pub post: Option<String>,
    pub on_duplicate: OnDuplicate,
    pub dry_run: bool,
    /// A worksheet by name (XLSX); the first with data otherwise.
    pub worksheet: Option<String>,
    pub lang: Lang,
}

impl Options {
    pub fn new(sheet: Sheet) -> Options {
        Options {
            sheet,
            community: None,
            post: None,
            on_duplicate: OnDuplicate::Skip,
            dry_run: false,
            worksheet: None,
            lang: Lang::Zh,
        }
    }
}

/// Where a long import is, for a progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Catalog key of the step (`import.stage.check`, `import.stage.save`).
    pub stage: &'static str,
    pub done: usize,
    pub total: usize,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    pub file: String,
    /// The worksheet imported, for a workbook.
    pub sheet: Option<String>,
    pub dry_run: bool,
    /// Data rows read.
    pub rows: usize,
    /// (kind, added, updated).
    pub counts: Vec<(Kind, usize, usize)>,
    /// Rows left alone (already in the ledger, or earlier in the file), with why: the first
    /// few.
    pub skipped: Vec<(usize, String)>,
    /// Rows left alone, all of them.
    pub skipped_total: usize,
    pub created_units: Vec<String>,
    /// Columns not read: (letter, header text).
    pub ignored: Vec<(String, String)>,
}

impl Outcome {
    pub fn added(&self, kind: Kind) -> usize {
        self.counts
            .iter()
            .find(|(k, _, _)| *k == kind)
            .map_or(0, |c| c.1)
    }

    pub fn updated(&self, kind: Kind) -> usize {
        self.counts
            .iter()
            .find(|(k, _, _)| *k == kind)
            .map_or(0, |c| c.2)
    }

    /// The summary printed after an import, one line each.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let mut out = Vec::new();
        let head = if self.dry_run {
            "import.dry_run"
        } else {
            "import.done"
        };
        out.push(tf(lang, head, &[&self.file, &self.rows]));
        if let Some(sheet) = &self.sheet {
            out.push(tf(lang, "import.sheet_used", &[sheet]));
        }
        for (k, added, updated) in &self.counts {
            out.push(tf(
                lang,
                "import.count",
                &[&kind_label(lang, *k), added, updated],
            ));
        }
        if !self.created_units.is_empty() {
            // A roster of a whole county can name hundreds of new units: a few, and a count.
            const SHOWN: usize = 8;
            let n = self.created_units.len();
            let mut names = self.created_units[..n.min(SHOWN)].join("、");
            if n > SHOWN {
                names = tf(lang, "import.and_more", &[&names, &(n - SHOWN)]);
            }
            out.push(tf(lang, "import.created_units", &[&n, &names]));
        }
        out.push(tf(lang, "import.skipped", &[&self.skipped_total]));
        for (row, why) in &self.skipped {
            out.push(format!("  {}:{row}: {why}", self.file));
        }
        if self.skipped_total > self.skipped.len() {
            let rest = self.skipped_total - self.skipped.len();
            out.push(format!("  {}", tf(lang, "import.skipped_more", &[&rest])));
        }
        out
    }
}

/// A kind of record as a clerk names it.
pub fn kind_label(lang: Lang, k: Kind) -> &'static str {
    match k {
        Kind::Community => t(lang, "import.kind.community"),
        Kind::Unit => t(lang, "import.kind.unit"),
        Kind::Member => t(lang, "import.kind.member"),
        Kind::Registration => t(lang, "import.kind.registration"),
        Kind::Post => t(lang, "import.kind.post"),
        Kind::Service => t(lang, "import.kind.service"),
        Kind::Activity => t(lang, "import.kind.activity"),
        Kind::Demand => t(lang, "import.kind.demand"),
        Kind::Household => t(lang, "import.kind.household"),
        Kind::Pairing => t(lang, "import.kind.pairing"),
        Kind::Suggestion => t(lang, "import.kind.suggestion"),
        Kind::Meeting => t(lang, "import.kind.meeting"),
        Kind::UnitService => t(lang, "import.kind.unit_service"),
        Kind::Evaluation => t(lang, "import.kind.evaluation"),
        Kind::Closure => t(lang, "import.kind.closure"),
    }
}

/// Why an import changed nothing.
#[derive(Debug)]
pub enum ImportError {
    /// Problems in the file or with the ledger's rules: every one of them, in row order.
    Refused {
        issues: Vec<ImportIssue>,
        ignored: Vec<(String, String)>,
    },
    /// The ledger itself failed (read-only, storage).
    Store(StoreError),
}

impl From<StoreError> for ImportError {
    fn from(e: StoreError) -> ImportError {
        ImportError::Store(e)
    }
}

/// Reads `path` and imports it (see the module docs).
pub fn import_file(
    ledger: &Ledger,
    path: &Path,
    opts: &Options,
    progress: &mut dyn FnMut(Progress),
) -> Result<Outcome, ImportError> {
    let read = ReadOptions {
        sheet: opts.worksheet.clone(),
        lang: opts.lang,
    };
    let sheets = read_all_path(path, &read).map_err(|i| ImportError::Refused {
        issues: vec![i],
        ignored: Vec::new(),
    })?;
    let grid = fitting_sheet(sheets, opts.sheet.schema());
    let mut outcome = import_grid(ledger, &grid, opts, progress)?;
    outcome.sheet = grid.sheet.clone();
    Ok(outcome)
}

/// The first sheet whose header fits `schema` (a workbook often opens with 填表说明), else
/// the first sheet, whose header problems are then the ones reported.
fn fitting_sheet(mut sheets: Vec<Grid>, schema: &Schema) -> Grid {
    let fits = sheets
        .iter()
        .position(|g| find_header(g, schema, Lang::Zh).is_ok())
        .unwrap_or(0);
    sheets.swap_remove(fits)
}

/// Imports a sheet already read.
pub fn import_grid(
    ledger: &Ledger,
    grid: &Grid,
    opts: &Options,
    progress: &mut dyn FnMut(Progress),
) -> Result<Outcome, ImportError> {
    let plan = {
        let view = ledger.view()?;
        make_plan(&view, grid, opts, ledger.today(), progress)?
    };
    if !plan.issues.is_empty() {
        let mut issues = plan.issues;
        bound(&mut issues);
        // File problems first, then by row; a stable sort keeps each row's own order.
        issues.sort_by_key(|i| i.row);
        return Err(ImportError::Refused {
            issues,
            ignored: plan.ignored,
        });
    }
    let outcome = Outcome {
        file: plan.file.clone(),
        sheet: None,
        dry_run: opts.dry_run,
        rows: plan.rows,
        counts: plan.counts(),
        skipped: plan.skipped.clone(),
        skipped_total: plan.skipped_total,
        created_units: plan.created_units.clone(),
        ignored: plan.ignored.clone(),
    };
    let summary = outcome_note(&outcome);
    apply::apply(ledger, plan, opts, &summary, progress)?;
    Ok(outcome)
}

/// The audit log's one-line summary of an import (in Chinese, like the rest of the log).
fn outcome_note(o: &Outcome) -> String {
    let counts: Vec<String> = o
        .counts
        .iter()
        .map(|(k, a, u)| format!("{} +{a} ~{u}", k.name()))
        .collect();
    format!(
        "{}: {} rows; {}; skipped {}; new units {}",
        o.file,
        o.rows,
        counts.join(", "),
        o.skipped_total,
        o.created_units.len()
    )
}

/// Rows with a problem of their own (left out of a sheet's clean rows): one per row, plus
/// those counted in `more`.
fn rows_with_issues(issues: &[ImportIssue]) -> usize {
    let distinct = issues
        .iter()
        .filter(|i| i.row > 0)
        .map(|i| i.row)
        .collect::<std::collections::HashSet<_>>()
        .len();
    distinct + issues.iter().map(|i| i.more).sum::<usize>()
}

/// Parses the sheet and resolves it against `view`: the plan, with every problem found.
pub fn make_plan(
    view: &crate::store::View,
    grid: &Grid,
    opts: &Options,
    today: chrono::NaiveDate,
    progress: &mut dyn FnMut(Progress),
) -> Result<Plan, StoreError> {
    let with_members = !matches!(
        opts.sheet,
        Sheet::Communities
            | Sheet::Units
            | Sheet::Posts
            | Sheet::Teams
            | Sheet::UnitServices
            | Sheet::Meetings
    );
    let dir = directory::Directory::load(view, with_members)?;
    plan_sheet(view, grid, opts, today, dir, progress).map(|(plan, _)| plan)
}

/// [`make_plan`] with the names known so far (the ledger's, and those planned by earlier
/// sheets of a workbook); returns them with this sheet's records added.
pub fn plan_sheet(
    view: &crate::store::View,
    grid: &Grid,
    opts: &Options,
    today: chrono::NaiveDate,
    dir: directory::Directory,
    progress: &mut dyn FnMut(Progress),
) -> Result<(Plan, directory::Directory), StoreError> {
    let lang = opts.lang;
    let base = |file: &str| Plan {
        file: file.to_string(),
        ..Plan::default()
    };
    macro_rules! sheet {
        ($parse:path, $schema:expr, $run:path) => {{
            let imported = $parse(grid, lang);
            let mut plan = base(&grid.file);
            plan.columns = imported.columns.clone();
            plan.schema = Some(&$schema);
            plan.ignored = imported.ignored.clone();
            plan.issues = imported.issues.clone();
            plan.rows = imported.rows.len() + rows_with_issues(&imported.issues);
            let mut planner = plan::Planner::new(dir, view, opts, today, plan);
            $run(&mut planner, imported.rows, progress)?;
            planner.finish()
        }};
    }
    use crate::interchange::schemas;
    let plan = match opts.sheet {
        Sheet::Members => {
            // Streamed through SamePerson, so repeated rows are dropped as they are read.
            let mut plan = base(&grid.file);
            plan.schema = Some(&schemas::MEMBERS);
            if let Ok(h) = find_header(grid, &schemas::MEMBERS, lang) {
                plan.columns = h.fields.iter().map(|(k, t, _)| (*k, t.clone())).collect();
            }
            let mut planner = plan::Planner::new(dir, view, opts, today, plan);
            let mut same = members::SamePerson::default();
            let mut read = 0;
            let imported = rows::members_each(grid, lang, &mut |row, m| {
                read += 1;
                same.offer(&mut planner, row, m);
            });
            planner.plan.ignored = imported.ignored;
            planner.plan.issues.extend(imported.issues.iter().cloned());
            planner.plan.rows = read + rows_with_issues(&imported.issues);
            members::plan_members(&mut planner, same.rows, progress)?;
            planner.finish()
        }
        Sheet::Registrations => sheet!(
            rows::registrations,
            schemas::REGISTRATIONS,
            members::plan_registrations
        ),
        Sheet::Services => sheet!(rows::services, schemas::SERVICES, services::plan_services),
        Sheet::Communities => sheet!(
            rows::communities,
            schemas::COMMUNITIES,
            places::plan_communities
        ),
        Sheet::Units => sheet!(rows::units, schemas::UNITS, places::plan_units),
        Sheet::Suggestions => sheet!(
            rows_history::suggestions,
            schemas::SUGGESTIONS,
            history::plan_suggestions
        ),
        Sheet::Activities => sheet!(
            rows_history::activities,
            schemas::ACTIVITIES,
            history::plan_activities
        ),
        Sheet::Posts => sheet!(rows_history::posts, schemas::POSTS, posts::plan_posts),
        Sheet::Teams => sheet!(rows_history::teams, schemas::TEAMS, posts::plan_teams),
        Sheet::Evaluations => sheet!(
            rows_history::evaluations,
            schemas::EVALUATIONS,
            history::plan_evaluations
        ),
        Sheet::UnitServices => sheet!(
            rows_history::unit_services,
            schemas::UNIT_SERVICES,
            unit_work::plan_unit_services
        ),
        Sheet::Meetings => sheet!(
            rows_history::meetings,
            schemas::MEETINGS,
            unit_work::plan_meetings
        ),
        Sheet::Demands => sheet!(rows_care::demands, schemas::DEMANDS, demands::plan_demands),
        Sheet::Pairings => sheet!(
            rows_care::pairings,
            schemas::PAIRINGS,
            pairings::plan_pairings
        ),
        Sheet::Visits => sheet!(rows_care::visits, schemas::VISITS, pairings::plan_visits),
    };
    Ok(plan)
}

#[cfg(test)]
mod summary_tests {
    use super::*;

    #[test]
    fn a_summary_names_a_few_new_units_and_counts_the_rest() {
        let o = Outcome {
            file: "roster.csv".into(),
            created_units: (1..=20).map(|i| format!("单位{i}")).collect(),
            ..Default::default()
        };
        let line = o
            .lines(Lang::Zh)
            .into_iter()
            .find(|l| l.contains("新建单位"))
            .expect("the new units' line");
        assert!(line.contains("新建单位 20 个"), "{line}");
        assert!(line.contains("单位8") && !line.contains("单位9"), "{line}");
        assert!(line.contains("另有 12 个"), "{line}");
    }
}
