//! What the reports view reads and writes, run by the runtime's `Runner` (the only caller):
//! a form built for a scope and year, as text for the screen with the number of A4 pages it
//! prints on, or written to a file (txt, csv with a BOM, xlsx, pdf) readable by its owner only.
//!
//! Owns: building and exporting. Must not touch: the app's state, drawing.

use std::io::Write;
use std::path::PathBuf;

use crate::domain::{Community, Id, Member, Unit};
use crate::export_file::{self, ExportFileError};
use crate::i18n::Lang;
use crate::report::forms::parts;
use crate::report::forms::{Form, build};
use crate::report::in_parts::{InPartsError, Source, Streamed, print_in_parts, write_in_parts};
use crate::report::{Report, csv::to_csv, layout, pdf, txt::to_txt, wrap, xlsx::to_xlsx};
use crate::store::{Ledger, StoreError, View};
use crate::tui::reports::work::{Done, Format, Scope, UnitLine, Work};

/// Why an export failed, for the status line.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{path}: {why}")]
    Write { path: String, why: String },
}

impl ExportError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ExportError::Store(e) => e.message(lang),
            other => other.to_string(),
        }
    }
}

pub fn run(ledger: &Ledger, work: Work, lang: Lang) -> Result<Done, ExportError> {
    let view = ledger.view()?;
    let today = ledger.today();
    match work {
        Work::Build { form, scope } => {
            if let Some(parts) = parts::parts(&view, form, &scope.filter())? {
                return Ok(Done::InParts { form, scope, parts });
            }
            let report = build(form, &view, &scope.filter(), today, lang)?;
            // Counted with the font the PDF will embed; without one, with the XLSX's estimate.
            let pages = match pdf::system_font() {
                Some(font) => pdf::page_count(&report, font),
                None => layout::page_count(&report, &wrap::Estimate),
            };
            Ok(Done::Built {
                form,
                scope,
                report,
                pages,
            })
        }
        Work::Parts { form, scope, parts } => {
            let filter = scope.filter();
            let built = parts
                .into_iter()
                .map(|(i, p)| Ok((i, parts::build_part(form, &view, &filter, &p, today, lang)?)))
                .collect::<Result<_, StoreError>>()?;
            Ok(Done::PartsBuilt { form, scope, built })
        }
        Work::Export {
            form,
            scope,
            format,
            dir,
        } => {
            let path = export(&view, form, scope, format, &dir, today, lang)?;
            Ok(Done::Exported(std::path::absolute(&path).unwrap_or(path)))
        }
        Work::Units { community } => Ok(Done::Units(units(&view, community)?)),
    }
}

/// Writes the form to a new file in `dir`. A whole-ledger form that comes in parts is written
/// part by part, never held whole (a PDF keeps its drawn pages until finished).
#[allow(clippy::too_many_arguments)]
fn export(
    view: &View,
    form: Form,
    scope: Scope,
    format: Format,
    dir: &std::path::Path,
    today: chrono::NaiveDate,
    lang: Lang,
) -> Result<PathBuf, ExportError> {
    let name = file_name(view, form, scope, format)?;
    let filter = scope.filter();
    let failed_write = |why: String| ExportError::Write {
        path: dir.join(&name).display().to_string(),
        why,
    };
    let Some(all) = parts::parts(view, form, &filter)? else {
        let report = build(form, view, &filter, today, lang)?;
        let bytes = bytes(&report, format, lang).map_err(failed_write)?;
        return write_beside_earlier(dir, &name, format, &mut |f| f.write_all(&bytes), lang);
    };
    let src = Source {
        view,
        form,
        filter: &filter,
        today,
        lang,
    };
    let streamed = match format {
        Format::Txt => Streamed::Txt,
        Format::Csv => Streamed::Csv,
        Format::Xlsx => Streamed::Xlsx,
        Format::Pdf => {
            let font = pdf::find_font(None).map_err(|e| failed_write(e.message(lang)))?;
            let printed = print_in_parts(&src, &all, &font).map_err(|e| match e {
                InPartsError::Store(e) => e.into(),
                other => failed_write(other.to_string()),
            })?;
            return write_beside_earlier(
                dir,
                &name,
                format,
                &mut |f| f.write_all(&printed.bytes),
                lang,
            );
        }
    };
    let mut failed = None;
    let mut fill = |f: &mut std::fs::File| -> std::io::Result<()> {
        write_in_parts(&src, &all, streamed, Some(dir), f).map_err(|e| match e {
            InPartsError::Io(io) => io,
            InPartsError::Store(e) => {
                let io = std::io::Error::other(e.message(lang));
                failed = Some(e);
                io
            }
            other => std::io::Error::other(other.to_string()),
        })
    };
    let written = write_beside_earlier(dir, &name, format, &mut fill, lang);
    match failed {
        Some(e) => Err(e.into()),
        None => written,
    }
}

/// The units of `community`'s members (those on file, not archived) with how many each has
/// there, by name; without a community every unit of the ledger.
fn units(view: &View, community: Option<Id>) -> Result<Vec<UnitLine>, StoreError> {
    let mut out: Vec<UnitLine> = match community {
        Some(c) => {
            let mut count: std::collections::HashMap<Id, usize> = Default::default();
            for m in view.members_of_community(c)? {
                if let (false, Some(u)) = (m.archived, m.unit) {
                    *count.entry(u).or_default() += 1;
                }
            }
            let mut out = Vec::with_capacity(count.len());
            for (u, n) in count {
                if let Some(unit) = view.get::<Unit>(u)? {
                    out.push(UnitLine {
                        id: u,
                        name: unit.name,
                        members: Some(n),
                    });
                }
            }
            out
        }
        None => view
            .units()?
            .into_iter()
            .filter(|u| !u.archived)
            .map(|u| UnitLine {
                id: u.id,
                name: u.name,
                members: None,
            })
            .collect(),
    };
    out.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    Ok(out)
}

/// Writes a new private file named `name`, or `name-2`, `name-3` … when an earlier export of
/// the same form is already there: the screen has no `--force`, and an earlier export is kept.
fn write_beside_earlier(
    dir: &std::path::Path,
    name: &str,
    format: Format,
    fill: &mut dyn FnMut(&mut std::fs::File) -> std::io::Result<()>,
    lang: Lang,
) -> Result<PathBuf, ExportError> {
    let stem = name
        .strip_suffix(&format!(".{}", format.ext()))
        .unwrap_or(name);
    for n in 1..1000 {
        let path = if n == 1 {
            dir.join(name)
        } else {
            dir.join(format!("{stem}-{n}.{}", format.ext()))
        };
        match export_file::write_with(&path, false, |f| fill(f)) {
            Ok(()) => return Ok(path),
            Err(ExportFileError::Exists(_)) => continue,
            Err(e) => {
                return Err(ExportError::Write {
                    path: path.display().to_string(),
                    why: e.message(lang),
                });
            }
        }
    }
    Err(ExportError::Write {
        path: dir.join(name).display().to_string(),
        why: ExportFileError::Exists(dir.join(name)).message(lang),
    })
}

fn bytes(report: &Report, format: Format, lang: Lang) -> Result<Vec<u8>, String> {
    match format {
        Format::Txt => Ok(to_txt(report).into_bytes()),
        Format::Csv => to_csv(report).map_err(|e| e.to_string()),
        Format::Xlsx => to_xlsx(report).map_err(|e| e.to_string()),
        Format::Pdf => {
            let font = pdf::find_font(None).map_err(|e| e.message(lang))?;
            pdf::to_pdf(report, &font)
                .map(|out| out.bytes)
                .map_err(|e| e.to_string())
        }
    }
}

/// `feedback-紫鑫城社区-2026.csv`: the form, whom it covers, the year. Characters a file
/// system refuses are replaced.
fn file_name(view: &View, form: Form, scope: Scope, format: Format) -> Result<String, StoreError> {
    let who = if let Some(m) = scope.member {
        view.get::<Member>(m)?.map(|m| m.name)
    } else if let Some(u) = scope.unit {
        // A community's forms for one unit: both names (`feedback-紫鑫城社区-市司法局-2026`).
        let unit = view.get::<Unit>(u)?.map(|u| u.name);
        match scope.community {
            Some(c) => view
                .get::<Community>(c)?
                .map(|c| format!("{}-{}", c.name, unit.clone().unwrap_or_default()))
                .or(unit),
            None => unit,
        }
    } else if let Some(c) = scope.community {
        view.get::<Community>(c)?.map(|c| c.name)
    } else {
        Some("all".to_string())
    };
    let who: String = who
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    Ok(format!(
        "{}-{who}-{}.{}",
        form.name(),
        scope.year,
        format.ext()
    ))
}
