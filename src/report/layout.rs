//! The page model: every sheet of a [`Report`] turned into A4 pages of rows, with column widths
//! in points, wrapped text and row heights. The XLSX writer writes these rows (with their page
//! breaks and print titles); the PDF writer draws them. One layout, two writers, so a form prints
//! the same from either.
//!
//! - A table sheet (表1, 附件4, …) is one document: portrait when it is narrow, landscape when
//!   it is wide; columns sized from their contents, long text wrapped rather than the font shrunk,
//!   the title, the lines above and the header repeated on every page.
//! - The boxed sheets of a report (one per member: 附件1, 附件2, 附件5, 反馈单) are one document
//!   of one member per page; a member that runs over a page continues on the next, with the
//!   header of their table printed again.
use super::paper::{Align, Block, Boxed, Orientation};
use super::table::{Cell, Report, Sheet};
use super::wrap::{Measure, wrap};

pub const MM: f32 = 72.0 / 25.4;
pub const MARGIN_X: f32 = 15.0 * MM;
pub const MARGIN_TOP: f32 = 15.0 * MM;
/// The footer (第 N 页 共 M 页) sits in the bottom margin.
pub const MARGIN_BOTTOM: f32 = 18.0 * MM;
/// 五号, the usual size of Chinese official forms.
pub const BODY_PT: f32 = 10.5;
/// 三号, the usual size of their titles.
pub const TITLE_PT: f32 = 16.0;
/// The smallest font a table gets; below [`READABLE_PT`] only when nothing else fits.
const MIN_PT: f32 = 6.5;
/// A table's font is not made smaller than this to save paper.
const READABLE_PT: f32 = 8.0;
pub const PAD_X: f32 = 3.0;
pub const PAD_Y: f32 = 2.0;
pub const LEADING: f32 = 1.3;
/// Widest a table column grows before its text wraps, in em.
const WIDEST_EM: f32 = 14.0;
/// Narrowest a column is squeezed to before the font gets smaller, in em.
const NARROWEST_CAP_EM: f32 = 4.0;
/// A header keeps this much on one line; a longer one wraps (stacked headers as on the seed).
const HEADER_LINE_EM: f32 = 3.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Title,
    Line,
    Right,
    Label,
    Value,
    Header,
    Body,
    Cut,
    Gap,
}

impl Style {
    pub fn bordered(self) -> bool {
        matches!(
            self,
            Style::Label | Style::Value | Style::Header | Style::Body
        )
    }
}

/// A cell as placed on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub col: usize,
    pub span: usize,
    /// The text as broken into lines; joined, they give the text back.
    pub lines: Vec<String>,
    pub style: Style,
    pub align: Align,
    /// A table value, so a spreadsheet gets a number or a date rather than text.
    pub value: Option<Cell>,
    /// No rule above / below (a box taller than one row).
    pub open_top: bool,
    pub open_bottom: bool,
}

impl Placed {
    pub fn text(&self) -> String {
        self.lines.concat()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub height: f32,
    pub size: f32,
    pub cells: Vec<Placed>,
    /// A copy of the title and header rows at the top of a continued page.
    pub repeated: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub rows: Vec<Row>,
    /// The first page of a member (of a boxed form), where a workbook may start a new sheet.
    pub starts: bool,
}

/// One printed document: a worksheet in XLSX, a run of pages in PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct Laid {
    pub name: String,
    pub orientation: Orientation,
    /// Column widths in points; they fill the printable width.
    pub widths: Vec<f32>,
    pub size: f32,
    pub pages: Vec<Page>,
    /// For a table: every row once, unsplit (a spreadsheet paginates it itself with the print
    /// titles); empty for boxed forms, which are written page by page.
    pub rows: Vec<Row>,
    /// For a table: how many rows at the top of every page are the title, lines and header.
    pub repeat: usize,
    /// One member to a page (page breaks between members).
    pub boxed: bool,
}

impl Laid {
    pub fn printable_width(&self) -> f32 {
        self.orientation.size().0 - 2.0 * MARGIN_X
    }
}

pub fn printable_height(o: Orientation) -> f32 {
    o.size().1 - MARGIN_TOP - MARGIN_BOTTOM
}

/// Every document of `report`: its table sheets one by one, then its boxed sheets together.
pub fn lay_out(report: &Report, m: &dyn Measure) -> Vec<Laid> {
    let mut out: Vec<Laid> = report
        .sheets
        .iter()
        .filter(|s| s.boxed.is_none())
        .map(|s| table_sheet(s, m))
        .collect();
    let boxed: Vec<&Sheet> = report.sheets.iter().filter(|s| s.boxed.is_some()).collect();
    if let Some(first) = boxed.first() {
        out.push(boxed_sheets(&boxed, first, m));
    }
    out
}

/// How many pages the report prints on.
pub fn page_count(report: &Report, m: &dyn Measure) -> usize {
    lay_out(report, m).iter().map(|l| l.pages.len()).sum()
}

struct Builder<'a> {
    m: &'a dyn Measure,
    widths: Vec<f32>,
    size: f32,
}

impl Builder<'_> {
    fn x_of(&self, col: usize, span: usize) -> f32 {
        self.widths[col..(col + span).min(self.widths.len())]
            .iter()
            .sum()
    }

    fn cell(&self, col: usize, span: usize, text: &str, style: Style, align: Align) -> Placed {
        let size = if style == Style::Title {
            TITLE_PT
        } else {
            self.size
        };
        let room = ((self.x_of(col, span) - 2.0 * PAD_X) / size).max(1.0);
        Placed {
            col,
            span,
            lines: wrap(&super::table::printable_keep_lines(text), room, self.m),
            style,
            align,
            value: None,
            open_top: false,
            open_bottom: false,
        }
    }

    fn row(&self, cells: Vec<Placed>, least_lines: usize) -> Row {
        let lines = cells
            .iter()
            .map(|c| c.lines.len())
            .max()
            .unwrap_or(1)
            .max(least_lines)
            .max(1);
        let size = if cells.iter().any(|c| c.style == Style::Title) {
            TITLE_PT
        } else {
            self.size
        };
        let extra = if size == TITLE_PT { 8.0 } else { 0.0 };
        Row {
            height: lines as f32 * size * LEADING + 2.0 * PAD_Y + extra,
            size,
            cells,
            repeated: false,
        }
    }

    fn full(&self, text: &str, style: Style, align: Align) -> Row {
        let n = self.widths.len();
        self.row(vec![self.cell(0, n, text, style, align)], 1)
    }

    fn header(&self, headers: &[String]) -> Row {
        let cells = (0..self.widths.len())
            .map(|i| {
                let h = headers.get(i).map(String::as_str).unwrap_or("");
                self.cell(i, 1, h, Style::Header, Align::Center)
            })
            .collect();
        self.row(cells, 1)
    }

    fn body(&self, values: &[Cell]) -> Row {
        let cells = (0..self.widths.len())
            .map(|i| {
                let v = values.get(i).cloned().unwrap_or(Cell::Empty);
                let align = if v.is_numeric() {
                    Align::Right
                } else {
                    Align::Left
                };
                let mut p = self.cell(i, 1, &v.display(), Style::Body, align);
                p.value = Some(v);
                p
            })
            .collect();
        self.row(cells, 1)
    }
}

/// Column widths in em from the contents: the widest value (a text column up to `cap`, where
/// it wraps; numbers, dates and codes never wrap), at least the header's first
/// [`HEADER_LINE_EM`].
fn natural_widths(sheet: &Sheet, m: &dyn Measure, cap: f32) -> Vec<f32> {
    let n = sheet.width();
    let mut w = vec![0f32; n];
    let mut atomic = vec![true; n];
    for (i, h) in sheet.headers.iter().enumerate() {
        w[i] = m.width(h).min(HEADER_LINE_EM);
    }
    for row in &sheet.rows {
        for (i, c) in row.iter().enumerate() {
            atomic[i] &= matches!(
                c,
                Cell::Code(_) | Cell::Date(_) | Cell::Int(_) | Cell::Num(_) | Cell::Empty
            );
            w[i] = w[i].max(m.width(&c.display()));
        }
    }
    w.iter()
        .zip(atomic)
        .map(|(x, a)| if a { *x } else { x.min(cap) }.max(2.0))
        .collect()
}

fn points(ems: &[f32], size: f32) -> f32 {
    ems.iter().map(|e| e * size + 2.0 * PAD_X).sum()
}

/// Fits the columns to the page. Long text columns wrap at a width chosen so that the table
/// takes the least paper while its font stays readable ([`READABLE_PT`]); what is left over is
/// shared out so the table fills the width.
fn fit(sheet: &Sheet, m: &dyn Measure, avail: f32) -> (Vec<f32>, f32) {
    let cells: Vec<Vec<f32>> = sheet
        .rows
        .iter()
        .map(|r| r.iter().map(|c| m.width(&c.display())).collect())
        .collect();
    let mut best: Option<(f32, Vec<f32>, f32)> = None;
    let mut cap = WIDEST_EM;
    while cap >= NARROWEST_CAP_EM {
        let w = natural_widths(sheet, m, cap);
        let need = points(&w, BODY_PT);
        let size = if need > avail {
            let pads = 2.0 * PAD_X * w.len() as f32;
            ((avail - pads) / (need - pads) * BODY_PT).max(MIN_PT)
        } else {
            BODY_PT
        };
        let paper: f32 = cells
            .iter()
            .map(|r| {
                let lines = r
                    .iter()
                    .zip(&w)
                    .map(|(c, w)| (c / w).ceil().max(1.0))
                    .fold(1.0, f32::max);
                lines * size * LEADING + 2.0 * PAD_Y
            })
            .sum();
        let readable = size >= READABLE_PT;
        let better = match &best {
            None => true,
            Some((p, _, s)) => readable && (paper < *p - 0.5 || *s < READABLE_PT),
        };
        if better {
            best = Some((paper, w, size));
        }
        if need <= avail {
            break;
        }
        cap -= 1.0;
    }
    let (_, w, size) = best.unwrap_or((0.0, Vec::new(), BODY_PT));
    let mut pts: Vec<f32> = w.iter().map(|e| e * size + 2.0 * PAD_X).collect();
    let total: f32 = pts.iter().sum();
    if total > 0.0 {
        let k = avail / total;
        pts.iter_mut().for_each(|p| *p *= k);
    }
    (pts, size)
}

/// Landscape when the table would not fit a portrait page at full size.
fn orientation_of(sheet: &Sheet, m: &dyn Measure) -> Orientation {
    let portrait = Orientation::Portrait.size().0 - 2.0 * MARGIN_X;
    let w = natural_widths(sheet, m, 10.0);
    if sheet.width() > 6 || points(&w, BODY_PT) > portrait {
        Orientation::Landscape
    } else {
        Orientation::Portrait
    }
}

fn table_sheet(sheet: &Sheet, m: &dyn Measure) -> Laid {
    let orientation = orientation_of(sheet, m);
    let avail = orientation.size().0 - 2.0 * MARGIN_X;
    let (widths, size) = fit(sheet, m, avail);
    let b = Builder {
        m,
        widths: if widths.is_empty() {
            vec![avail]
        } else {
            widths
        },
        size,
    };
    let mut top = Vec::new();
    if !sheet.title.is_empty() {
        top.push(b.full(&sheet.title, Style::Title, Align::Center));
    }
    for line in &sheet.above {
        top.push(b.full(line, Style::Line, Align::Left));
    }
    if !sheet.headers.is_empty() {
        top.push(b.header(&sheet.headers));
    }
    let repeat = top.len();
    let mut rows = top.clone();
    rows.extend(sheet.rows.iter().map(|r| b.body(r)));
    rows.extend(
        sheet
            .below
            .iter()
            .map(|line| b.full(line, Style::Line, Align::Left)),
    );
    let mut pager = Pager::new(orientation);
    for (i, r) in rows.iter().enumerate() {
        if i == repeat {
            pager.repeat = top.clone();
        }
        if i == repeat + sheet.rows.len() {
            pager.repeat.clear();
        }
        pager.push(r.clone());
    }
    Laid {
        name: if sheet.name.is_empty() {
            sheet.title.clone()
        } else {
            sheet.name.clone()
        },
        orientation,
        widths: b.widths,
        size,
        pages: pager.finish(),
        rows,
        repeat,
        boxed: false,
    }
}

fn boxed_sheets(sheets: &[&Sheet], first: &Sheet, m: &dyn Measure) -> Laid {
    let orientation = Orientation::Portrait;
    let avail = orientation.size().0 - 2.0 * MARGIN_X;
    let columns = first
        .boxed
        .as_ref()
        .map(|b| b.columns.clone())
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| vec![1.0]);
    let total: f32 = columns.iter().sum();
    let b = Builder {
        m,
        widths: columns.iter().map(|c| c / total * avail).collect(),
        size: BODY_PT,
    };
    let mut pager = Pager::new(orientation);
    for sheet in sheets {
        pager.new_page();
        if let Some(p) = pager.pages.last_mut() {
            p.starts = true;
        }
        let empty = Boxed::default();
        let boxed = sheet.boxed.as_ref().unwrap_or(&empty);
        for block in &boxed.blocks {
            match block {
                Block::Title(t) => pager.push(b.full(t, Style::Title, Align::Center)),
                Block::Text(t) => pager.push(b.full(t, Style::Line, Align::Left)),
                Block::Right(t) => pager.push(b.full(t, Style::Right, Align::Right)),
                Block::Cut(t) => pager.push(b.full(t, Style::Cut, Align::Center)),
                Block::Gap => pager.push(b.full("", Style::Gap, Align::Left)),
                Block::Boxes { fields, lines } => {
                    let mut col = 0;
                    let cells = fields
                        .iter()
                        .map(|f| {
                            let style = if f.label { Style::Label } else { Style::Value };
                            let mut p = b.cell(col, f.span.max(1), &f.text, style, f.align);
                            p.open_top = f.open_top;
                            p.open_bottom = f.open_bottom;
                            col += f.span.max(1);
                            p
                        })
                        .collect();
                    pager.push(b.row(cells, *lines));
                }
                Block::Table => {
                    let header = b.header(&sheet.headers);
                    pager.push(header.clone());
                    pager.repeat = vec![header];
                    for row in &sheet.rows {
                        pager.push(b.body(row));
                    }
                    pager.repeat.clear();
                }
            }
        }
    }
    Laid {
        name: first.title.clone(),
        orientation,
        widths: b.widths,
        size: BODY_PT,
        pages: pager.finish(),
        rows: Vec::new(),
        repeat: 0,
        boxed: true,
    }
}

/// Fills pages top to bottom: a row that does not fit starts the next page (with the rows in
/// `repeat` printed again above it); a row taller than a whole page is split between pages.
struct Pager {
    pages: Vec<Page>,
    used: f32,
    room: f32,
    repeat: Vec<Row>,
}

impl Pager {
    fn new(o: Orientation) -> Pager {
        Pager {
            pages: Vec::new(),
            used: 0.0,
            room: printable_height(o),
            repeat: Vec::new(),
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.used = 0.0;
    }

    fn continue_page(&mut self) {
        self.new_page();
        for r in self.repeat.clone() {
            let mut r = r;
            r.repeated = true;
            self.place(r);
        }
    }

    fn place(&mut self, row: Row) {
        if self.pages.is_empty() {
            self.new_page();
        }
        self.used += row.height;
        if let Some(p) = self.pages.last_mut() {
            p.rows.push(row);
        }
    }

    fn push(&mut self, mut row: Row) {
        loop {
            let empty = self
                .pages
                .last()
                .is_none_or(|p| p.rows.iter().all(|r| r.repeated));
            if self.pages.is_empty() || self.used + row.height <= self.room + 0.01 {
                self.place(row);
                return;
            }
            let fresh = self.room - self.repeat.iter().map(|r| r.height).sum::<f32>();
            // A box of more than a third of a page (a long 现实表现) starts where it is and
            // goes on over the page, as it would be written on paper, rather than leave half
            // a page blank; a smaller row moves whole to the next page.
            let here = self.room - self.used;
            let long = row.height > fresh / 3.0 && here >= 3.0 * row.size * LEADING + 2.0 * PAD_Y;
            if row.height <= fresh && !empty && !long {
                self.continue_page();
                continue;
            }
            // Taller than a page: as much as fits here, the rest on the next page.
            match split(&row, self.room - self.used) {
                Some((head, tail)) => {
                    self.place(head);
                    self.continue_page();
                    row = tail;
                }
                None if !empty => self.continue_page(),
                None => {
                    self.place(row);
                    return;
                }
            }
        }
    }

    fn finish(mut self) -> Vec<Page> {
        if self.pages.is_empty() {
            self.new_page();
        }
        self.pages
    }
}

/// The first lines of `row` that fit in `room` points, and the rest.
pub fn split(row: &Row, room: f32) -> Option<(Row, Row)> {
    let line = row.size * LEADING;
    let k = ((room - 2.0 * PAD_Y) / line).floor();
    let total = row.cells.iter().map(|c| c.lines.len()).max().unwrap_or(1);
    if k < 1.0 || (k as usize) >= total {
        return None;
    }
    let k = k as usize;
    let part = |from: usize, to: usize| -> Vec<Placed> {
        row.cells
            .iter()
            .map(|c| Placed {
                lines: c
                    .lines
                    .get(from.min(c.lines.len())..to.min(c.lines.len()))
                    .map(|l| l.to_vec())
                    .filter(|l: &Vec<String>| !l.is_empty())
                    .unwrap_or_else(|| vec![String::new()]),
                value: None,
                ..c.clone()
            })
            .collect()
    };
    let head = Row {
        height: k as f32 * line + 2.0 * PAD_Y,
        size: row.size,
        cells: part(0, k),
        repeated: row.repeated,
    };
    let rest_lines = total - k;
    let tail = Row {
        height: (row.height - k as f32 * line).max(rest_lines as f32 * line + 2.0 * PAD_Y),
        size: row.size,
        cells: part(k, total),
        repeated: row.repeated,
    };
    Some((head, tail))
}
