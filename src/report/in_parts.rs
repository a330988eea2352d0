//! A whole-ledger form written part by part (see [`super::forms::parts`]): each part is built,
//! written and dropped before the next, so an export of a province's 附件4 holds one
//! community's roster at a time rather than eleven thousand. The bytes are those of the whole
//! form written at once (the parts list it in the same order).
//!
//! Owns: feeding the parts to the streaming writers. Must not touch: files (the caller gives
//! the writer), the forms' contents.
use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;

use super::Report;
use super::csv::CsvSheets;
use super::forms::parts::{Part, build_part, one_member_a_page};
use super::forms::{Filter, Form};
use super::pdf::{PdfError, PdfFont, PdfOut, PdfPages, boxed_page_count};
use super::txt::TxtSheets;
use super::xlsx::{XlsxSheets, XlsxWriteError};
use crate::i18n::Lang;
use crate::store::{StoreError, View};

/// The formats written part by part to a writer; a PDF is drawn part by part with
/// [`print_in_parts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Streamed {
    Txt,
    Csv,
    /// Rows wait in unlinked temporary files in the given directory until the workbook is
    /// zipped.
    Xlsx,
}

/// Why a form could not be written in parts.
#[derive(Debug, thiserror::Error)]
pub enum InPartsError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Xlsx(#[from] XlsxWriteError),
    #[error("{0}")]
    Pdf(#[from] PdfError),
}

/// What the parts are built from.
pub struct Source<'a> {
    pub view: &'a View,
    pub form: Form,
    pub filter: &'a Filter,
    pub today: NaiveDate,
    pub lang: Lang,
}

/// Writes `parts` of the form to `w` in `format`; an XLSX keeps its rows in `tempdir` (the
/// export's directory, so they take its disk rather than memory where the system's temporary
/// directory is in memory) until it is zipped.
pub fn write_in_parts<W: Write + Send>(
    src: &Source,
    parts: &[Part],
    format: Streamed,
    tempdir: Option<&Path>,
    w: W,
) -> Result<(), InPartsError> {
    let mut w = std::io::BufWriter::new(w);
    let each = |out: &mut dyn FnMut(&Report) -> Result<(), InPartsError>| {
        for p in parts {
            out(&build_part(
                src.form, src.view, src.filter, p, src.today, src.lang,
            )?)?;
        }
        Ok::<(), InPartsError>(())
    };
    match format {
        Streamed::Csv => {
            let mut out = CsvSheets::new(&mut w)?;
            each(&mut |r| Ok(r.sheets.iter().try_for_each(|s| out.sheet(s))?))?;
            out.finish()?;
        }
        Streamed::Txt => {
            let mut out = TxtSheets::new(&mut w);
            each(&mut |r| Ok(r.sheets.iter().try_for_each(|s| out.sheet(s))?))?;
            out.finish()?;
        }
        Streamed::Xlsx => {
            let mut book = XlsxSheets::new(tempdir)?;
            each(&mut |r| Ok(book.report(r)?))?;
            book.finish(&mut w)?;
        }
    }
    w.flush()?;
    Ok(())
}

/// The PDF of `parts` of the form, drawn part by part. A form of one member to a page numbers
/// its pages over the whole ledger (第 N 页 共 M 页), so its parts are laid out once first to
/// count them, and built again to be drawn.
pub fn print_in_parts(
    src: &Source,
    parts: &[Part],
    font: &PdfFont,
) -> Result<PdfOut, InPartsError> {
    let build = |p: &Part| build_part(src.form, src.view, src.filter, p, src.today, src.lang);
    let boxed_total = if one_member_a_page(src.form) {
        let mut total = 0;
        for p in parts {
            total += boxed_page_count(&build(p)?, font);
        }
        Some(total)
    } else {
        None
    };
    let mut pdf = PdfPages::new(font, boxed_total)?;
    for p in parts {
        pdf.report(&build(p)?)?;
    }
    Ok(pdf.finish()?)
}
