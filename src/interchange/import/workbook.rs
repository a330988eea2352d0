//! `baodao import workbook FILE.xlsx`: every sheet of an office's workbook, each recognised
//! by its header, planned in dependency order (communities, units, posts, members,
//! registrations, services, activities, suggestions, evaluations) — each sheet finding what
//! the sheets before it add — and saved in one transaction: all sheets or nothing. Issues
//! name the sheet: `FILE[SHEET]:ROW:COLUMN`.
use std::path::Path;

use super::directory::Directory;
use super::{
    ImportError, Options, Outcome, Plan, Progress, Sheet, apply, outcome_note, plan_sheet,
};
use crate::i18n::tf;
use crate::interchange::error::{ImportIssue, bound};
use crate::interchange::grid::{Grid, ReadOptions, read_all_path};
use crate::interchange::header::find_header;
use crate::interchange::mojibake;
use crate::store::Ledger;

/// What a workbook import did, sheet by sheet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WorkbookOutcome {
    pub file: String,
    pub dry_run: bool,
    /// The sheets imported, in the order they were, each with its kind.
    pub sheets: Vec<(Sheet, Outcome)>,
    /// Sheets whose header fits no kind (填表说明 …), left alone.
    pub unrecognised: Vec<String>,
}

impl WorkbookOutcome {
    /// The summary printed after an import, sheet by sheet.
    pub fn lines(&self, lang: crate::i18n::Lang) -> Vec<String> {
        // A CSV (one sheet without a name) is not called a workbook of 1 sheets.
        let one_csv = matches!(self.sheets.as_slice(), [(_, o)] if o.sheet.is_none());
        let head = match (self.dry_run, one_csv) {
            (true, false) => "import.workbook.dry_run",
            (false, false) => "import.workbook.done",
            (true, true) => "import.workbook.csv_dry_run",
            (false, true) => "import.workbook.csv_done",
        };
        let mut out = vec![tf(lang, head, &[&self.file, &self.sheets.len()])];
        for (kind, o) in &self.sheets {
            let label = crate::i18n::t(lang, kind.schema().name_key);
            out.push(match &o.sheet {
                Some(sheet) => tf(lang, "import.workbook.sheet", &[sheet, &label, &o.rows]),
                // A CSV: one sheet without a name.
                None => tf(lang, "import.workbook.csv", &[&label, &o.rows]),
            });
            // The per-kind counts and skips, without the per-file heading.
            let plain = Outcome {
                sheet: None,
                ..o.clone()
            };
            out.extend(plain.lines(lang).into_iter().skip(1));
        }
        for name in &self.unrecognised {
            out.push(tf(lang, "import.workbook.unrecognised", &[name]));
        }
        out
    }
}

/// The kind a sheet's header names best: the most fields named, the earlier kind (in
/// dependency order) on a tie; `None` when no kind's header fits.
pub fn recognise(grid: &Grid) -> Option<Sheet> {
    let mut best: Option<(usize, Sheet)> = None;
    for (_, kind) in Sheet::ALL {
        let Ok(h) = find_header(grid, kind.schema(), crate::i18n::Lang::Zh) else {
            continue;
        };
        let named = h.fields.len();
        if best.is_none_or(|(n, _)| named > n) {
            best = Some((named, kind));
        }
    }
    best.map(|(_, k)| k)
}

/// Imports every recognised sheet of the workbook at `path` (see the module docs). `opts`
/// gives the community, the duplicate rule, dry run and language; its `sheet` is ignored.
pub fn import_workbook(
    ledger: &Ledger,
    path: &Path,
    opts: &Options,
    progress: &mut dyn FnMut(Progress),
) -> Result<WorkbookOutcome, ImportError> {
    let read = ReadOptions {
        sheet: None,
        lang: opts.lang,
    };
    let refused = |issues| ImportError::Refused {
        issues,
        ignored: Vec::new(),
    };
    let grids = read_all_path(path, &read).map_err(|i| refused(vec![i]))?;
    let file = path.display().to_string();
    let mut sheets: Vec<(Sheet, Grid)> = Vec::new();
    let mut unrecognised = Vec::new();
    let mut garbled = Vec::new();
    for mut grid in grids {
        let name = grid.sheet.clone().unwrap_or_default();
        // A CSV is one sheet without a name: its issues are `FILE:ROW:COLUMN`.
        if grid.sheet.is_some() {
            grid.file = format!("{file}[{name}]");
        }
        for issue in &mut grid.issues {
            issue.file = grid.file.clone();
        }
        match recognise(&grid) {
            Some(kind) => sheets.push((kind, grid)),
            None => {
                garbled.extend(mojibake::suspect(&grid, opts.lang));
                unrecognised.push(name)
            }
        }
    }
    // A sheet of garbled text (乱码) is a sheet whose rows would be left behind unread.
    if !garbled.is_empty() {
        return Err(refused(garbled));
    }
    if sheets.is_empty() {
        let msg = tf(
            opts.lang,
            "import.workbook.nothing",
            &[&unrecognised.join("、")],
        );
        return Err(refused(vec![ImportIssue::file(&file, msg)]));
    }
    let order = |k: Sheet| Sheet::ALL.iter().position(|(_, s)| *s == k);
    sheets.sort_by_key(|(k, _)| order(*k));
    let mut plans: Vec<(Sheet, Option<String>, Plan)> = Vec::new();
    {
        let view = ledger.view()?;
        let mut dir = Directory::load(&view, true)?;
        for (kind, grid) in &sheets {
            let mut sheet_opts = opts.clone();
            sheet_opts.sheet = *kind;
            let (plan, next) = plan_sheet(&view, grid, &sheet_opts, ledger.today(), dir, progress)?;
            dir = next;
            plans.push((*kind, grid.sheet.clone(), plan));
        }
    }
    let mut issues: Vec<ImportIssue> = plans
        .iter_mut()
        .flat_map(|(_, _, p)| {
            let mut own = std::mem::take(&mut p.issues);
            own.sort_by_key(|i| i.row);
            own
        })
        .collect();
    if !issues.is_empty() {
        bound(&mut issues);
        return Err(refused(issues));
    }
    let mut outcome = WorkbookOutcome {
        file,
        dry_run: opts.dry_run,
        sheets: Vec::new(),
        unrecognised,
    };
    for (kind, sheet, plan) in &plans {
        let o = Outcome {
            file: plan.file.clone(),
            sheet: sheet.clone(),
            dry_run: opts.dry_run,
            rows: plan.rows,
            counts: plan.counts(),
            skipped: plan.skipped.clone(),
            skipped_total: plan.skipped_total,
            created_units: plan.created_units.clone(),
            ignored: plan.ignored.clone(),
        };
        outcome.sheets.push((*kind, o));
    }
    let summary: Vec<String> = outcome
        .sheets
        .iter()
        .map(|(_, o)| outcome_note(o))
        .collect();
    let plans: Vec<Plan> = plans.into_iter().map(|(_, _, p)| p).collect();
    apply::apply_all(ledger, plans, opts, &summary.join(" | "), progress)?;
    Ok(outcome)
}
