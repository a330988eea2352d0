//! XLSX forms that look like the paper ones: one worksheet per [`Sheet`], the title merged
//! across the table in bold, the lines above and below the table, a bordered header row that
//! stays on screen (frozen panes) and columns wide enough for Chinese text.
//!
//! [`Cell::Code`] is written as a string with the text format `@`, so a clerk who edits a
//! phone or an ID number in Excel keeps every digit; dates are real dates shown `yyyy-mm-dd`.
use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use super::table::{Cell, Report, Sheet, sheet_names};

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
/// Column widths in Excel's units (about one Latin character; a CJK character takes two).
const MIN_WIDTH: f64 = 4.0;
const MAX_WIDTH: f64 = 60.0;

struct Formats {
    title: Format,
    line: Format,
    header: Format,
    text: Format,
    code: Format,
    number: Format,
    date: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new().set_border(FormatBorder::Thin);
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            line: Format::new().set_align(FormatAlign::Left),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            text: cell.clone(),
            code: cell.clone().set_num_format("@"),
            number: cell.clone().set_num_format("General"),
            date: cell.set_num_format("yyyy-mm-dd"),
        }
    }
}

/// The workbook as bytes.
pub fn to_xlsx(report: &Report) -> Result<Vec<u8>, XlsxWriteError> {
    Ok(build(report)?.save_to_buffer()?)
}

/// Writes the workbook to `path`.
pub fn save_xlsx(report: &Report, path: &Path) -> Result<(), XlsxWriteError> {
    build(report)?.save(path)?;
    Ok(())
}

fn build(report: &Report) -> Result<Workbook, XlsxWriteError> {
    let mut book = Workbook::new();
    let formats = Formats::new();
    let names = sheet_names(&report.sheets);
    for (sheet, name) in report.sheets.iter().zip(names) {
        if sheet.width() > MAX_COLUMNS {
            return Err(XlsxWriteError::TooWide {
                sheet: name,
                columns: sheet.width(),
            });
        }
        let ws = book.add_worksheet();
        ws.set_name(name)?;
        write_sheet(ws, sheet, &formats)?;
    }
    if report.sheets.is_empty() {
        // A workbook needs at least one worksheet to open in Excel.
        book.add_worksheet();
    }
    Ok(book)
}

fn write_sheet(ws: &mut Worksheet, sheet: &Sheet, f: &Formats) -> Result<(), XlsxWriteError> {
    // The width was checked against MAX_COLUMNS, so it fits a u16.
    let last_col = sheet.width().max(1).saturating_sub(1) as u16;
    let mut row: u32 = 0;
    if !sheet.title.is_empty() {
        line(ws, row, last_col, &sheet.title, &f.title)?;
        ws.set_row_height(row, 28)?;
        row += 1;
    }
    for text in &sheet.above {
        line(ws, row, last_col, text, &f.line)?;
        row += 1;
    }
    if !sheet.headers.is_empty() {
        for (c, h) in sheet.headers.iter().enumerate() {
            ws.write_string_with_format(row, c as u16, h, &f.header)?;
        }
        row += 1;
        ws.set_freeze_panes(row, 0)?;
    }
    for cells in &sheet.rows {
        for (c, cell) in cells.iter().enumerate() {
            write_cell(ws, row, c as u16, cell, f)?;
        }
        row += 1;
    }
    for text in &sheet.below {
        line(ws, row, last_col, text, &f.line)?;
        row += 1;
    }
    for (c, w) in sheet.column_widths().iter().enumerate() {
        ws.set_column_width(c as u16, column_width(*w))?;
    }
    Ok(())
}

/// A line of the form outside the table, merged across the table's columns.
fn line(
    ws: &mut Worksheet,
    row: u32,
    last_col: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxWriteError> {
    if last_col == 0 {
        ws.write_string_with_format(row, 0, text, format)?;
    } else {
        ws.merge_range(row, 0, row, last_col, text, format)?;
    }
    Ok(())
}

fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    f: &Formats,
) -> Result<(), XlsxWriteError> {
    match cell {
        Cell::Text(s) => ws.write_string_with_format(row, col, s, &f.text)?,
        Cell::Code(s) => ws.write_string_with_format(row, col, s, &f.code)?,
        Cell::Int(n) => ws.write_number_with_format(row, col, *n as f64, &f.number)?,
        Cell::Num(x) if x.is_finite() => ws.write_number_with_format(row, col, *x, &f.number)?,
        Cell::Num(_) | Cell::Empty => ws.write_blank(row, col, &f.text)?,
        Cell::Date(d) => {
            use chrono::Datelike;
            let excel = u16::try_from(d.year())
                .ok()
                .and_then(|y| ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok());
            match excel {
                Some(dt) => ws.write_datetime_with_format(row, col, &dt, &f.date)?,
                // Excel has no dates before 1900; keep the text rather than lose the value.
                None => ws.write_string_with_format(row, col, cell.display(), &f.text)?,
            }
        }
    };
    Ok(())
}

/// Excel's width for a column whose widest text takes `display` terminal columns: the
/// display width already counts a CJK character as two, which is what Excel needs too.
fn column_width(display: usize) -> f64 {
    (display as f64 + 2.0).clamp(MIN_WIDTH, MAX_WIDTH)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use chrono::NaiveDate;
    use std::io::Cursor;

    #[test]
    fn reads_back_with_calamine() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
        let sheet = Sheet {
            name: "附件4".into(),
            title: "在职党员社区报到登记表".into(),
            above: vec!["县(市、区)：江宁区".into()],
            headers: vec![
                "序号".into(),
                "姓名".into(),
                "手机".into(),
                "身份证号".into(),
                "报到日期".into(),
                "时长".into(),
            ],
            rows: vec![vec![
                Cell::Int(1),
                "张三".into(),
                Cell::Code("13812345678".into()),
                Cell::Code("11010519491231002X".into()),
                Cell::Date(d),
                Cell::Num(1.5),
            ]],
            below: vec!["个人累计社区服务活动时间 1.5 小时".into()],
        };
        let report = Report {
            sheets: vec![sheet.clone(), sheet],
        };
        let bytes = to_xlsx(&report).unwrap();
        let mut book = Xlsx::new(Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), vec!["附件4", "附件4(2)"]);
        let range = book.worksheet_range("附件4").unwrap();
        assert_eq!(
            range.get_value((0, 0)),
            Some(&Data::String("在职党员社区报到登记表".into()))
        );
        assert_eq!(
            range.get_value((1, 0)),
            Some(&Data::String("县(市、区)：江宁区".into()))
        );
        assert_eq!(range.get_value((2, 2)), Some(&Data::String("手机".into())));
        assert_eq!(range.get_value((3, 0)), Some(&Data::Float(1.0)));
        // Codes stay text: every digit of the phone and the ID survives.
        assert_eq!(
            range.get_value((3, 2)),
            Some(&Data::String("13812345678".into()))
        );
        assert_eq!(
            range.get_value((3, 3)),
            Some(&Data::String("11010519491231002X".into()))
        );
        match range.get_value((3, 4)) {
            Some(Data::DateTime(dt)) => {
                let (y, m, day, ..) = dt.to_ymd_hms_milli();
                assert_eq!((y, m, day), (2024, 3, 5));
            }
            other => panic!("date cell read back as {other:?}"),
        }
        assert_eq!(range.get_value((3, 5)), Some(&Data::Float(1.5)));
        assert_eq!(
            range.get_value((4, 0)),
            Some(&Data::String("个人累计社区服务活动时间 1.5 小时".into()))
        );
        let merges = book.merge_cells_by_sheet_name("附件4").unwrap();
        assert!(merges.iter().any(|m| m.start == (0, 0) && m.end == (0, 5)));
    }

    #[test]
    fn widths_follow_display_width() {
        assert_eq!(column_width(8), 10.0);
        assert_eq!(column_width(0), MIN_WIDTH);
        assert_eq!(column_width(500), MAX_WIDTH);
    }
}
