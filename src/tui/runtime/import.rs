//! The import screen's side in the world: completing a typed path from the file system, and
//! checking or importing a table file into the ledger.
//!
//! Owns: the file system and the ledger for [`crate::tui::import_screen`]. Must not touch: the
//! screen's state.

use crate::i18n::{Lang, tf};
use crate::interchange::import::workbook::import_workbook;
use crate::interchange::import::{ImportError, Options, Sheet};
use crate::store::{Ledger, StoreError};
use crate::tui::import_screen::{Done, Work};

/// Table files, and directories to go into.
const EXTENSIONS: [&str; 4] = ["csv", "xlsx", "xlsm", "xls"];

pub fn run(ledger: &Ledger, work: Work, lang: Lang) -> Result<Done, StoreError> {
    match work {
        Work::Complete(typed) => Ok(Done::Completed {
            candidates: complete(&typed),
            typed,
        }),
        Work::Import {
            path,
            community,
            commit,
        } => {
            let mut opts = Options::new(Sheet::Members);
            opts.community = community;
            opts.dry_run = !commit;
            opts.lang = lang;
            match import_workbook(ledger, &path, &opts, &mut |_| {}) {
                Ok(out) => Ok(Done::Imported {
                    commit,
                    ok: true,
                    lines: out.lines(lang),
                    generation: Some(ledger.view()?.generation()?),
                }),
                Err(ImportError::Refused { issues, .. }) => {
                    let mut lines = vec![tf(lang, "tui.imp.refused", &[&issues.len()])];
                    lines.extend(issues.iter().map(|i| i.to_string()));
                    Ok(Done::Imported {
                        commit,
                        ok: false,
                        lines,
                        generation: None,
                    })
                }
                Err(ImportError::Store(e)) => Err(e),
            }
        }
    }
}

/// The entries of the typed path's directory whose names continue it: directories
/// (with `/`) and table files, sorted; `~/` is the home directory.
fn complete(typed: &str) -> Vec<String> {
    let home = std::env::var("HOME").unwrap_or_default();
    let expanded = match typed.strip_prefix("~/") {
        Some(rest) if !home.is_empty() => format!("{home}/{rest}"),
        _ => typed.to_string(),
    };
    let (dir, prefix) = match expanded.rfind('/') {
        Some(i) => (expanded[..=i].to_string(), expanded[i + 1..].to_string()),
        None => (String::new(), expanded.clone()),
    };
    let Ok(entries) = std::fs::read_dir(if dir.is_empty() { "." } else { &dir }) else {
        return Vec::new();
    };
    let mut out: Vec<String> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            if !name.starts_with(&prefix) || (name.starts_with('.') && !prefix.starts_with('.')) {
                return None;
            }
            let is_dir = e.file_type().ok()?.is_dir()
                || std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir());
            let table = name
                .rsplit_once('.')
                .is_some_and(|(_, ext)| EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()));
            match (is_dir, table) {
                (true, _) => Some(format!("{dir}{name}/")),
                (false, true) => Some(format!("{dir}{name}")),
                _ => None,
            }
        })
        .collect();
    out.sort();
    out
}
