//! `baodao report FORM`: builds a paper form from the ledger and writes it as aligned text,
//! CSV (UTF-8 with BOM), XLSX or PDF.
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{CliError, out};
use crate::domain::*;
use crate::i18n::{Lang, tf};
use crate::report::forms::parts;
use crate::report::forms::{Filter, Form, build};
use crate::report::in_parts::{InPartsError, Source, Streamed, print_in_parts, write_in_parts};
use crate::report::{csv, pdf, txt, xlsx};
use crate::search::{Kind, Query, Tier};
use crate::store::{Ledger, View};

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// communities, overview, slip, member-form, unit-stats, roster, card, feedback,
    /// unit-roster, community-roster, session
    pub form: String,
    #[arg(long)]
    pub community: Option<String>,
    #[arg(long)]
    pub unit: Option<String>,
    /// A member's name or id
    #[arg(long)]
    pub member: Option<String>,
    #[arg(long)]
    pub year: Option<i32>,
    #[arg(long)]
    pub from: Option<NaiveDate>,
    #[arg(long)]
    pub to: Option<NaiveDate>,
    /// txt (default on a terminal), csv, xlsx or pdf (default from the -o extension)
    #[arg(long)]
    pub format: Option<String>,
    /// Output file (default: standard output; XLSX needs a file)
    #[arg(short = 'o', long = "out")]
    pub out: Option<PathBuf>,
    /// Replace an existing output file (with a new private file; a symlink is always refused)
    #[arg(long)]
    pub force: bool,
    /// The CJK font for PDF (default: the first of Noto CJK, Source Han, WenQuanYi, SimSun …
    /// found in the system's font directories)
    #[arg(long)]
    pub font: Option<PathBuf>,
}

pub fn run(ledger: &Ledger, a: &ReportArgs, lang: Lang) -> Result<(), CliError> {
    let form = Form::parse(&a.form).ok_or_else(|| {
        let all: Vec<&str> = Form::ALL.iter().map(|(n, _)| *n).collect();
        CliError::user(tf(lang, "cli.report_unknown", &[&a.form, &all.join(", ")]))
    })?;
    let view = ledger.view().map_err(|e| CliError::store(e, lang))?;
    let filter = Filter {
        community: a
            .community
            .as_deref()
            .map(|n| find_community(&view, n, lang))
            .transpose()?,
        unit: a
            .unit
            .as_deref()
            .map(|n| find_unit(&view, n, lang))
            .transpose()?,
        member: a
            .member
            .as_deref()
            .map(|n| find_member(&view, ledger.path(), n, lang))
            .transpose()?,
        year: a.year,
        from: a.from,
        to: a.to,
    };
    let format = a.format.clone().unwrap_or_else(|| {
        a.out
            .as_ref()
            .and_then(|p| p.extension())
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_else(|| "txt".into())
    });
    let streamed = match format.as_str() {
        "txt" => Some(Streamed::Txt),
        "csv" => Some(Streamed::Csv),
        "xlsx" => Some(Streamed::Xlsx),
        _ => None,
    };
    if let (Some(streamed), true) = (streamed, parts::in_parts(form, &filter)) {
        // A whole-ledger form is written part by part, never held whole.
        return write_parts(ledger, &view, form, &filter, streamed, a, lang);
    }
    let whole =
        || build(form, &view, &filter, ledger.today(), lang).map_err(|e| CliError::store(e, lang));
    let bytes = match format.as_str() {
        "txt" => out::text_bytes(txt::to_txt(&whole()?).into_bytes()),
        "csv" => {
            out::text_bytes(csv::to_csv(&whole()?).map_err(|e| CliError::user(e.to_string()))?)
        }
        "xlsx" => {
            if a.out.is_none() {
                return Err(CliError::user(tf(lang, "cli.report_xlsx_out", &[])));
            }
            xlsx::to_xlsx(&whole()?).map_err(|e| CliError {
                code: 2,
                message: e.to_string(),
            })?
        }
        "pdf" => {
            // The font first: with none, nothing is written.
            let font = pdf::find_font(a.font.as_deref())
                .map_err(|e| CliError::user(tf(lang, "cli.report_font", &[&e.message(lang)])))?;
            let internal = |message: String| CliError { code: 2, message };
            let parts = parts::parts(&view, form, &filter).map_err(|e| CliError::store(e, lang))?;
            let printed = match parts {
                // A whole-ledger form is drawn part by part.
                Some(all) => {
                    let src = Source {
                        view: &view,
                        form,
                        filter: &filter,
                        today: ledger.today(),
                        lang,
                    };
                    print_in_parts(&src, &all, &font).map_err(|e| match e {
                        InPartsError::Store(e) => CliError::store(e, lang),
                        other => internal(other.to_string()),
                    })?
                }
                None => pdf::to_pdf(&whole()?, &font).map_err(|e| internal(e.to_string()))?,
            };
            if !printed.missing.is_empty() {
                let chars: String = printed.missing.iter().collect();
                out::warn(&format!(
                    "baodao: {}",
                    tf(
                        lang,
                        "cli.report_font_gap",
                        &[&font.path.display(), &chars, &printed.missing.len()]
                    )
                ));
            }
            printed.bytes
        }
        other => return Err(CliError::user(tf(lang, "cli.report_format", &[&other]))),
    };
    match &a.out {
        Some(p) => crate::export_file::write(p, &bytes, a.force)
            .map_err(|e| CliError::user(e.message(lang))),
        None => super::out::bytes(&bytes),
    }
}

/// A whole-ledger form written part by part to `-o` or (text) to standard output.
fn write_parts(
    ledger: &Ledger,
    view: &View,
    form: Form,
    filter: &Filter,
    streamed: Streamed,
    a: &ReportArgs,
    lang: Lang,
) -> Result<(), CliError> {
    if streamed == Streamed::Xlsx && a.out.is_none() {
        return Err(CliError::user(tf(lang, "cli.report_xlsx_out", &[])));
    }
    let all = parts::parts(view, form, filter)
        .map_err(|e| CliError::store(e, lang))?
        .unwrap_or_default();
    let src = Source {
        view,
        form,
        filter,
        today: ledger.today(),
        lang,
    };
    let mut failed = None;
    let mut write = |w: &mut dyn WriteSend, tempdir: Option<&Path>| {
        write_in_parts(&src, &all, streamed, tempdir, w).map_err(|e| match e {
            InPartsError::Io(io) => io,
            InPartsError::Store(e) => {
                let io = std::io::Error::other(e.message(lang));
                failed = Some(e);
                io
            }
            other => std::io::Error::other(other.to_string()),
        })
    };
    let written = match &a.out {
        Some(path) => crate::export_file::write_with(path, a.force, |f| match streamed {
            Streamed::Xlsx => write(f, path.parent()),
            Streamed::Txt | Streamed::Csv => write(&mut out::TextPieces(f), None),
        })
        .map_err(|e| CliError::user(e.message(lang))),
        None => write(&mut out::TextPieces(std::io::stdout()), None).map_err(out::output_failed),
    };
    match failed {
        Some(e) => Err(CliError::store(e, lang)),
        None => written,
    }
}

/// A writer `write_in_parts` can be given as a trait object.
trait WriteSend: std::io::Write + Send {}
impl<W: std::io::Write + Send> WriteSend for W {}

fn pick<T: Clone>(
    found: Vec<(String, T)>,
    what: &str,
    name: &str,
    lang: Lang,
) -> Result<T, CliError> {
    match found.len() {
        0 => Err(CliError::user(tf(lang, "cli.not_found", &[&what, &name]))),
        1 => Ok(found[0].1.clone()),
        _ => {
            let list: Vec<String> = found.iter().take(10).map(|(s, _)| s.clone()).collect();
            Err(CliError::user(tf(
                lang,
                "cli.ambiguous",
                &[&what, &name, &list.join("；")],
            )))
        }
    }
}

pub fn find_community(view: &View, name: &str, lang: Lang) -> Result<Id, CliError> {
    let name = name.trim();
    let all = view.communities().map_err(|e| CliError::store(e, lang))?;
    let found = all
        .iter()
        .filter(|c| c.name == name || c.id.to_string() == name)
        .map(|c| (format!("{} {} {}", c.name, c.street, c.id), c.id))
        .collect();
    pick(found, "社区/community", name, lang)
}

pub fn find_unit(view: &View, name: &str, lang: Lang) -> Result<Id, CliError> {
    let name = name.trim();
    let all = view.units().map_err(|e| CliError::store(e, lang))?;
    let found = all
        .iter()
        .filter(|u| u.name == name || u.id.to_string() == name)
        .map(|u| (format!("{} {}", u.name, u.id), u.id))
        .collect();
    pick(found, "单位/unit", name, lang)
}

/// A member by id, or by exact name through the search index of the ledger at `ledger`
/// (its snapshot file is mapped, not a million members read).
pub fn find_member(view: &View, ledger: &Path, name: &str, lang: Lang) -> Result<Id, CliError> {
    let name = name.trim();
    if let Ok(id) = name.parse::<Id>() {
        return Ok(id);
    }
    let store = |e| CliError::store(e, lang);
    let index = view.load_search_index(Some(ledger)).map_err(store)?.index;
    let hits = index.query(&Query {
        text: name,
        kind: Some(Kind::Member),
        community: None,
        // More members of one name than this are ambiguous all the same.
        limit: 1000,
    });
    let mut found = Vec::new();
    for h in hits.iter().filter(|h| h.tier == Tier::ExactName) {
        // The index matches names folded (case, width); the form wants the name as written.
        if let Some(m) = view.get::<Member>(h.id).map_err(store)?
            && m.name == name
        {
            found.push((format!("{} {} {}", m.name, m.mobile, m.id), m.id));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    pick(found, "党员/member", name, lang)
}
