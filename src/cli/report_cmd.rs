//! `baodao report FORM`: builds a paper form from the ledger and writes it as aligned text,
//! CSV (UTF-8 with BOM), XLSX or PDF.
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{CliError, out};
use crate::domain::*;
use crate::i18n::{Lang, tf};
use crate::report::forms::{Filter, Form, build};
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
    let report =
        build(form, &view, &filter, ledger.today(), lang).map_err(|e| CliError::store(e, lang))?;
    let format = a.format.clone().unwrap_or_else(|| {
        a.out
            .as_ref()
            .and_then(|p| p.extension())
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_else(|| "txt".into())
    });
    let bytes = match format.as_str() {
        "txt" => out::text_bytes(txt::to_txt(&report).into_bytes()),
        "csv" => out::text_bytes(csv::to_csv(&report).map_err(|e| CliError::user(e.to_string()))?),
        "xlsx" => {
            if a.out.is_none() {
                return Err(CliError::user(tf(lang, "cli.report_xlsx_out", &[])));
            }
            xlsx::to_xlsx(&report).map_err(|e| CliError {
                code: 2,
                message: e.to_string(),
            })?
        }
        "pdf" => {
            // The font first: with none, nothing is written.
            let font = pdf::find_font(a.font.as_deref())
                .map_err(|e| CliError::user(tf(lang, "cli.report_font", &[&e.message(lang)])))?;
            let printed = pdf::to_pdf(&report, &font).map_err(|e| CliError {
                code: 2,
                message: e.to_string(),
            })?;
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
