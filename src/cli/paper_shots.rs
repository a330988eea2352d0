//! Pictures of printed pages for the README, made by `baodao screenshots` beside the screen
//! shots: the 报到单 with its 回执, a 附件5 card, a 反馈单 and a page of 附件4, built on the
//! same fixed demo ledger, written as PDF and rendered to PNG with poppler's `pdftoppm`.
//!
//! Next to each PNG is `<name>.txt`, the page as the page model lays it out (every row's
//! position and the text of its cells, with the widths of the embedded font). A test compares
//! it with a fresh layout: it fails when a form or its layout changes and the pictures were not
//! made again, without needing a renderer or comparing pixels that differ between poppler
//! versions.
//!
//! Owns: which pages are pictured. Must not touch: the layout itself ([`crate::report`]).
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::domain::{Member, ServiceRecord};
use crate::i18n::Lang;
use crate::report::Report;
use crate::report::forms::{Filter, Form, build, communities_in_order};
use crate::report::layout::lay_out;
use crate::report::pdf::{PdfFont, to_pdf};
use crate::store::Ledger;

/// One pictured page: the form, for whom, and which page of its PDF.
pub struct PaperShot {
    pub name: &'static str,
    pub report: Report,
    pub page: usize,
}

/// The pictured pages of the demo ledger: its first community, that community's first
/// member, and for the card the member with the most service rows.
pub fn paper_shots(ledger: &Ledger) -> anyhow::Result<Vec<PaperShot>> {
    let view = ledger.view()?;
    let today = ledger.today();
    let community = communities_in_order(&view)?
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("the demo ledger has no community"))?;
    let mut members: Vec<Member> = view.members_of_community(community.id)?;
    members.retain(|m| !m.archived);
    members.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    let first = members
        .first()
        .ok_or_else(|| anyhow::anyhow!("the demo community has no member"))?;
    let mut busiest = (0usize, first.id);
    for m in &members {
        let rows: Vec<ServiceRecord> = view.services_of_member(m.id, None, None)?;
        if rows.len() > busiest.0 {
            busiest = (rows.len(), m.id);
        }
    }
    let year = 2026;
    let one = |member| Filter {
        member: Some(member),
        year: Some(year),
        ..Filter::default()
    };
    let form = |f: Form, filter: &Filter| build(f, &view, filter, today, Lang::Zh);
    Ok(vec![
        PaperShot {
            name: "paper-slip",
            report: form(Form::Slip, &one(first.id))?,
            page: 1,
        },
        PaperShot {
            name: "paper-card",
            report: form(Form::Card, &one(busiest.1))?,
            page: 1,
        },
        PaperShot {
            name: "paper-feedback",
            report: form(Form::Feedback, &one(first.id))?,
            page: 1,
        },
        PaperShot {
            name: "paper-roster",
            report: form(
                Form::Roster,
                &Filter {
                    community: Some(community.id),
                    year: Some(year),
                    ..Filter::default()
                },
            )?,
            page: 1,
        },
    ])
}

/// The page as laid out: one line per row (its top in points, then each cell's column and
/// text), so a change to a form or its layout changes the text.
pub fn page_text(shot: &PaperShot, font: &PdfFont) -> String {
    let m = font.measure();
    let docs = lay_out(&shot.report, &m);
    let mut out = String::new();
    let Some(page) = docs.iter().flat_map(|d| d.pages.iter()).nth(shot.page - 1) else {
        return out;
    };
    let mut y = 0.0f32;
    for row in &page.rows {
        let _ = write!(out, "{:6.1}", y);
        for c in &row.cells {
            let text: Vec<&str> = c.lines.iter().map(|l| l.trim_end()).collect();
            let _ = write!(out, " | {}+{} {}", c.col, c.span, text.join("⏎"));
        }
        out.push('\n');
        y += row.height;
    }
    out
}

/// Writes `<name>.pdf`'s page as `<name>.png` (when `pdftoppm` is installed) and
/// `<name>.txt` into `out`; returns the files written.
pub fn write(ledger: &Ledger, font: &PdfFont, out: &Path) -> anyhow::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out)?;
    let mut written = Vec::new();
    for shot in paper_shots(ledger)? {
        let txt = out.join(format!("{}.txt", shot.name));
        std::fs::write(&txt, page_text(&shot, font))?;
        written.push(txt);
        let pdf = to_pdf(&shot.report, font)?;
        let tmp =
            std::env::temp_dir().join(format!("baodao-{}-{}.pdf", shot.name, std::process::id()));
        std::fs::write(&tmp, &pdf.bytes)?;
        let png_stem = out.join(shot.name);
        let page = shot.page.to_string();
        let ran = std::process::Command::new("pdftoppm")
            .args(["-png", "-r", "70", "-singlefile", "-f", &page, "-l", &page])
            .arg(&tmp)
            .arg(&png_stem)
            .status();
        let _ = std::fs::remove_file(&tmp);
        match ran {
            Ok(s) if s.success() => written.push(png_stem.with_extension("png")),
            _ => super::out::warn(&format!(
                "baodao: pdftoppm (poppler-utils) is needed for {}.png",
                shot.name
            )),
        }
    }
    Ok(written)
}
