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
    Laid, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, MM, Page, Placed, Row, Style, lay_out, split,
};
use super::paper::{Align, Orientation};
use super::table::{Cell, Report, unique_names};
use super::wrap::Estimate;

/// Why a workbook could not be written.
#[derive(Debug, thiserror::Error)]
pub enum XlsxWriteError {
    #[error("{0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("sheet {sheet:?} has {columns} columns; a worksheet holds at most 16384")]
    TooWide { sheet: String, columns: usize },
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
    Ok(build(report)?.save_to_buffer()?)
}

/// Writes the workbook to `path`.
pub fn save_xlsx(report: &Report, path: &Path) -> Result<(), XlsxWriteError> {
    build(report)?.save(path)?;
    Ok(())
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

fn build(report: &Report) -> Result<Workbook, XlsxWriteError> {
    let mut book = Workbook::new();
    let docs = lay_out(report, &Estimate);
    // A boxed form too big for one worksheet's page breaks goes on in the next.
    let mut parts: Vec<(&Laid, Vec<&Page>)> = Vec::new();
    for laid in &docs {
        if laid.widths.len() > MAX_COLUMNS {
            return Err(XlsxWriteError::TooWide {
                sheet: laid.name.clone(),
                columns: laid.widths.len(),
            });
        }
        if !laid.boxed {
            parts.push((laid, Vec::new()));
            continue;
        }
        let mut chunk: Vec<&Page> = Vec::new();
        for page in &laid.pages {
            if page.starts && chunk.len() >= PAGES_PER_WORKSHEET {
                parts.push((laid, std::mem::take(&mut chunk)));
            }
            chunk.push(page);
        }
        parts.push((laid, chunk));
    }
    let names: Vec<&str> = parts.iter().map(|(l, _)| l.name.as_str()).collect();
    for ((laid, pages), name) in parts.iter().zip(unique_names(&names)) {
        let ws = book.add_worksheet();
        ws.set_name(name)?;
        page_setup(ws, laid)?;
        let f = Formats {
            size: laid.size as f64,
        };
        if laid.boxed {
            let mut row = 0u32;
            let mut breaks = Vec::new();
            for page in pages {
                if row > 0 {
                    breaks.push(row);
                }
                for r in page.rows.iter().flat_map(within_excel) {
                    write_row(ws, row, &r, laid.widths.len(), &f)?;
                    row += 1;
                }
            }
            ws.set_page_breaks(&breaks)?;
        } else {
            for (i, r) in laid.rows.iter().enumerate() {
                write_row(ws, i as u32, r, laid.widths.len(), &f)?;
            }
            if laid.repeat > 0 {
                ws.set_repeat_rows(0, laid.repeat as u32 - 1)?;
                ws.set_freeze_panes(laid.repeat as u32, 0)?;
            }
        }
    }
    if parts.is_empty() {
        // A workbook needs at least one worksheet to open in Excel.
        book.add_worksheet();
    }
    Ok(book)
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
