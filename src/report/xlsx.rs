//! XLSX forms that print as the paper ones: every worksheet set up for A4 (portrait or
//! landscape as [`super::layout`] decides), one page wide, centred, with 第 N 页 共 M 页 in the
//! footer and the column widths and row heights of the page model.
//!
//! - A table form (表1, 附件4, …) is one worksheet per sheet; its title, lines above and header
//!   are the print titles, repeated on every page, and stay on screen (frozen panes).
//! - A form printed one member to a page (附件1, 附件2, 附件5, 反馈单) is one worksheet with a
//!   page break before every member, so one print prints them all. Excel allows 1,023 page
//!   breaks in a worksheet, so a bigger export goes on to a second worksheet.
//!
//! [`Cell::Code`] is written as a string with the text format `@`, so a clerk who edits a
//! phone or an ID number in Excel keeps every digit; dates are real dates shown `yyyy-mm-dd`.
use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use super::layout::{
    Laid, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, MM, Placed, Row, Style, lay_out, split,
};
use super::paper::{Align, Orientation};
use super::table::{Cell, Report, SheetNames};
use super::wrap::Estimate;

/// Why a workbook could not be written.
#[derive(Debug, thiserror::Error)]
pub enum XlsxWriteError {
    #[error("{0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("sheet {sheet:?} has {columns} columns; a worksheet holds at most 16384")]
    TooWide { sheet: String, columns: usize },
    #[error(
        "the workbook needs more worksheets ({worksheets}) than files this process may open (ulimit -n): raise the limit, or export the form by community"
    )]
    TooManyWorksheets { worksheets: usize },
}

/// Excel's limit on columns per worksheet.
const MAX_COLUMNS: usize = 16_384;
/// Excel's limit is 1,023 manual page breaks in one worksheet.
const PAGES_PER_WORKSHEET: usize = 1_000;
/// Excel's paper size code for A4.
const PAPER_A4: u8 = 9;
pub const FOOTER: &str = "&C第 &P 页 共 &N 页";
/// Excel's tallest row, in points; a taller box is written as several rows.
const MAX_ROW_PT: f32 = 409.0;

/// The workbook as bytes.
pub fn to_xlsx(report: &Report) -> Result<Vec<u8>, XlsxWriteError> {
    let mut book = XlsxSheets::new(None)?;
    book.report(report)?;
    book.finish_to_buffer()
}

/// Writes the workbook to `path`.
pub fn save_xlsx(report: &Report, path: &Path) -> Result<(), XlsxWriteError> {
    let mut book = XlsxSheets::new(path.parent())?;
    book.report(report)?;
    let mut file = std::fs::File::create(path).map_err(rust_xlsxwriter::XlsxError::from)?;
    book.finish(&mut file)
}

/// A workbook written one form (or one part of a form) at a time, so a whole-ledger form is
/// never held whole: every worksheet is in the writer's constant-memory mode, where a row goes
/// to a temporary file (unlinked, in the export's directory) as soon as the next one begins and
/// strings are written inline. What stays in memory until the workbook is zipped is per
/// worksheet (its settings, merged ranges and row heights), not the cells.
///
/// Parts written one after the other give the workbook of the whole form: a table sheet is a
/// worksheet of its own, the pages of a form printed one member to a page go on in the open
/// worksheet until it holds [`PAGES_PER_WORKSHEET`].
pub struct XlsxSheets {
    book: Workbook,
    names: SheetNames,
    /// The worksheet a boxed form is being written to.
    boxed: Option<BoxedSheet>,
    worksheets: usize,
    /// How many files the process may have open.
    open_files: u64,
}

/// Where a boxed form stands in its worksheet.
struct BoxedSheet {
    index: usize,
    /// The document's name, given to the worksheets it goes on in too.
    name: String,
    row: u32,
    pages: usize,
    breaks: Vec<u32>,
}

impl XlsxSheets {
    /// A new workbook whose rows wait in temporary files in `dir` (the system's temporary
    /// directory when `None`).
    pub fn new(dir: Option<&Path>) -> Result<Self, XlsxWriteError> {
        let mut book = Workbook::new();
        if let Some(dir) = dir.filter(|d| !d.as_os_str().is_empty()) {
            book.set_tempdir(dir)?;
        }
        Ok(XlsxSheets {
            book,
            names: SheetNames::default(),
            boxed: None,
            worksheets: 0,
            open_files: open_files(false),
        })
    }

    /// Lays out `report` and appends its worksheets.
    pub fn report(&mut self, report: &Report) -> Result<(), XlsxWriteError> {
        for laid in lay_out(report, &Estimate) {
            if laid.widths.len() > MAX_COLUMNS {
                return Err(XlsxWriteError::TooWide {
                    sheet: laid.name.clone(),
                    columns: laid.widths.len(),
                });
            }
            if laid.boxed {
                self.boxed_pages(&laid)?;
            } else {
                self.table(&laid)?;
            }
        }
        Ok(())
    }

    /// Writes the workbook to `w` (the file being exported).
    pub fn finish<W: std::io::Write + Send>(mut self, w: W) -> Result<(), XlsxWriteError> {
        self.close()?;
        self.book.save_to_writer(w)?;
        Ok(())
    }

    /// The workbook as bytes.
    pub fn finish_to_buffer(mut self) -> Result<Vec<u8>, XlsxWriteError> {
        self.close()?;
        Ok(self.book.save_to_buffer()?)
    }

    fn close(&mut self) -> Result<(), XlsxWriteError> {
        self.close_boxed()?;
        if self.worksheets == 0 {
            // A workbook needs at least one worksheet to open in Excel.
            self.book.add_worksheet();
        }
        Ok(())
    }

    fn close_boxed(&mut self) -> Result<(), XlsxWriteError> {
        if let Some(b) = self.boxed.take() {
            self.book
                .worksheet_from_index(b.index)?
                .set_page_breaks(&b.breaks)?;
        }
        Ok(())
    }

    fn add(&mut self, name: &str, laid: &Laid) -> Result<usize, XlsxWriteError> {
        if self.worksheets as u64 + SPARE_FILES >= self.open_files {
            self.open_files = open_files(true);
        }
        let ws = self
            .book
            .add_worksheet_with_constant_memory()
            .map_err(|e| match e {
                rust_xlsxwriter::XlsxError::TempFileError(_, io)
                    if io.raw_os_error() == Some(libc::EMFILE) =>
                {
                    XlsxWriteError::TooManyWorksheets {
                        worksheets: self.worksheets + 1,
                    }
                }
                other => other.into(),
            })?;
        ws.set_name(self.names.take(name))?;
        page_setup(ws, laid)?;
        self.worksheets += 1;
        Ok(self.worksheets - 1)
    }

    fn table(&mut self, laid: &Laid) -> Result<(), XlsxWriteError> {
        let index = self.add(&laid.name, laid)?;
        let ws = self.book.worksheet_from_index(index)?;
        let f = Formats {
            size: laid.size as f64,
        };
        for (i, r) in laid.rows.iter().enumerate() {
            write_row(ws, i as u32, r, laid.widths.len(), &f)?;
        }
        if laid.repeat > 0 {
            ws.set_repeat_rows(0, laid.repeat as u32 - 1)?;
            ws.set_freeze_panes(laid.repeat as u32, 0)?;
        }
        Ok(())
    }

    /// A boxed form's pages, on in the open worksheet, a new one begun at a member's first
    /// page once it is full.
    fn boxed_pages(&mut self, laid: &Laid) -> Result<(), XlsxWriteError> {
        let f = Formats {
            size: laid.size as f64,
        };
        for page in &laid.pages {
            let full = self
                .boxed
                .as_ref()
                .is_some_and(|b| page.starts && b.pages >= PAGES_PER_WORKSHEET);
            if full || self.boxed.is_none() {
                let name = match self.boxed.as_ref() {
                    Some(b) => b.name.clone(),
                    None => laid.name.clone(),
                };
                self.close_boxed()?;
                let index = self.add(&name, laid)?;
                self.boxed = Some(BoxedSheet {
                    index,
                    name,
                    row: 0,
                    pages: 0,
                    breaks: Vec::new(),
                });
            }
            let Some(b) = self.boxed.as_mut() else {
                continue;
            };
            let ws = self.book.worksheet_from_index(b.index)?;
            if b.row > 0 {
                b.breaks.push(b.row);
            }
            for r in page.rows.iter().flat_map(within_excel) {
                write_row(ws, b.row, &r, laid.widths.len(), &f)?;
                b.row += 1;
            }
            b.pages += 1;
        }
        Ok(())
    }
}

struct Formats {
    size: f64,
}

impl Formats {
    fn style(&self, p: &Placed) -> Format {
        let f = self.plain(p.style, p.align);
        // A box taller than one row (the photo of 附件2, a long 现实表现 in pieces) has no rule
        // inside it.
        if !p.style.bordered() {
            return f;
        }
        let f = if p.open_top {
            f.set_border_top(FormatBorder::None)
        } else {
            f
        };
        if p.open_bottom {
            f.set_border_bottom(FormatBorder::None)
        } else {
            f
        }
    }

    fn plain(&self, style: Style, align: Align) -> Format {
        let h = match align {
            Align::Left => FormatAlign::Left,
            Align::Center => FormatAlign::Center,
            Align::Right => FormatAlign::Right,
        };
        let f = Format::new()
            .set_font_size(self.size)
            .set_text_wrap()
            .set_align(h)
            .set_align(FormatAlign::VerticalCenter);
        match style {
            Style::Title => f.set_bold().set_font_size(super::layout::TITLE_PT),
            Style::Header => f.set_bold().set_border(FormatBorder::Thin),
            Style::Label | Style::Value | Style::Body => f.set_border(FormatBorder::Thin),
            Style::Cut => f
                .set_border_bottom(FormatBorder::Dashed)
                .set_font_size(self.size * 0.8),
            Style::Line | Style::Right | Style::Gap => f,
        }
    }
}

/// Files kept for the ledger, the export and the terminal beside the worksheets' own.
const SPARE_FILES: u64 = 64;

/// The number of files the process may open, with `raise` raised to the hard limit first:
/// every worksheet keeps its temporary file open until the workbook is zipped, and a
/// province's 附件4 is eleven thousand worksheets, where the usual soft limit is 1,024.
fn open_files(raise: bool) -> u64 {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct they are given.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return u64::MAX;
        }
        if raise && limit.rlim_cur < limit.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: limit.rlim_max,
                rlim_max: limit.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                limit = raised;
            }
        }
    }
    limit.rlim_cur
}

/// `r` as rows no taller than Excel allows, the pieces of a box open where they meet.
fn within_excel(r: &Row) -> Vec<Row> {
    let mut out = Vec::new();
    let mut rest = r.clone();
    while rest.height > MAX_ROW_PT {
        let Some((mut head, mut tail)) = split(&rest, MAX_ROW_PT) else {
            break;
        };
        head.cells.iter_mut().for_each(|c| c.open_bottom = true);
        tail.cells.iter_mut().for_each(|c| c.open_top = true);
        out.push(head);
        rest = tail;
    }
    out.push(rest);
    out
}

fn inches(pt: f32) -> f64 {
    (pt / 72.0) as f64
}

fn page_setup(ws: &mut Worksheet, laid: &Laid) -> Result<(), XlsxWriteError> {
    ws.set_paper_size(PAPER_A4);
    match laid.orientation {
        Orientation::Portrait => ws.set_portrait(),
        Orientation::Landscape => ws.set_landscape(),
    };
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(
        inches(MARGIN_X),
        inches(MARGIN_X),
        inches(MARGIN_TOP),
        inches(MARGIN_BOTTOM),
        inches(6.0 * MM),
        inches(6.0 * MM),
    );
    ws.set_footer(FOOTER);
    for (c, w) in laid.widths.iter().enumerate() {
        // A column's width in pixels at 96 dpi (a point is 4/3 of a pixel).
        ws.set_column_width_pixels(c as u16, (w * 4.0 / 3.0).round() as u32)?;
    }
    Ok(())
}

fn write_row(
    ws: &mut Worksheet,
    row: u32,
    r: &Row,
    columns: usize,
    f: &Formats,
) -> Result<(), XlsxWriteError> {
    ws.set_row_height(row, r.height as f64)?;
    for p in &r.cells {
        let format = f.style(p);
        let first = p.col as u16;
        let last = (p.col + p.span.max(1) - 1).min(columns.saturating_sub(1)) as u16;
        if last > first {
            ws.merge_range(row, first, row, last, &p.text(), &format)?;
            continue;
        }
        match &p.value {
            Some(v) => write_value(ws, row, first, v, &format)?,
            None if p.text().is_empty() => {
                ws.write_blank(row, first, &format)?;
            }
            None => {
                ws.write_string_with_format(row, first, p.text(), &format)?;
            }
        }
    }
    Ok(())
}

fn write_value(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    format: &Format,
) -> Result<(), XlsxWriteError> {
    match cell {
        Cell::Text(s) => ws.write_string_with_format(row, col, s, format)?,
        Cell::Code(s) => {
            ws.write_string_with_format(row, col, s, &format.clone().set_num_format("@"))?
        }
        Cell::Int(n) => ws.write_number_with_format(row, col, *n as f64, format)?,
        Cell::Num(x) if x.is_finite() => ws.write_number_with_format(row, col, *x, format)?,
        Cell::Num(_) | Cell::Empty => ws.write_blank(row, col, format)?,
        Cell::Date(d) => {
            use chrono::Datelike;
            let excel = u16::try_from(d.year())
                .ok()
                .and_then(|y| ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok());
            match excel {
                Some(dt) => ws.write_datetime_with_format(
                    row,
                    col,
                    &dt,
                    &format.clone().set_num_format("yyyy-mm-dd"),
                )?,
                // Excel has no dates before 1900; keep the text rather than lose the value.
                None => ws.write_string_with_format(row, col, cell.display(), format)?,
            }
        }
    };
    Ok(())
}

#[cfg(test)]
mod tests;
