//! PDF forms, drawn from the same page model as the XLSX ([`super::layout`]) with krilla: A4,
//! the CJK font found on the system (or `--font`) embedded as a subset, text broken with the
//! font's own widths, 第 N 页 共 M 页 at the foot of every page.
//!
//! krilla rather than typst: we already have a page model that the XLSX writer needs, so what
//! is left is drawing glyphs, lines and boxes and subsetting a font — krilla's job, at a
//! fraction of typst's build (see the README). Tick boxes (☐ ☑) are drawn as lines, because
//! the CJK fonts have no glyphs for them.
mod font;

use krilla::Document;
use krilla::geom::{PathBuilder, Point};
use krilla::page::PageSettings;
use krilla::paint::{Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::TextDirection;

pub use font::{FONT_PACKAGE, FontError, PdfFont, find_font, system_font};

use super::layout::{
    LEADING, Laid, MARGIN_TOP, MARGIN_X, MM, PAD_X, PAD_Y, Page, Placed, Row, Style, lay_out,
};
use super::paper::Align;
use super::table::Report;
use super::wrap::Measure;

/// A written PDF and what a clerk should know about it.
#[derive(Debug)]
pub struct PdfOut {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Characters of the form the font has no glyph for (they print as empty boxes).
    pub missing: Vec<char>,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("{0}")]
    Font(#[from] FontError),
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// How many pages `report` prints on with `font`.
pub fn page_count(report: &Report, font: &PdfFont) -> usize {
    let m = font.measure();
    super::layout::page_count(report, &m)
}

/// The whole report as one PDF.
pub fn to_pdf(report: &Report, font: &PdfFont) -> Result<PdfOut, PdfError> {
    let mut pdf = PdfPages::new(font, None)?;
    pdf.report(report)?;
    pdf.finish()
}

/// How many pages the boxed sheets of `report` (one member to a page) print on.
pub fn boxed_page_count(report: &Report, font: &PdfFont) -> usize {
    let m = font.measure();
    lay_out(report, &m)
        .iter()
        .filter(|l| l.boxed)
        .map(|l| l.pages.len())
        .sum()
}

/// A PDF drawn one form (or one part of a form) at a time: each part is laid out, drawn and
/// dropped, so the forms themselves are never held whole. The PDF writer keeps every drawn
/// page (its compressed content) until the file is finished, as the font subset is made from
/// the glyphs of all of them.
pub struct PdfPages<'f> {
    font: &'f PdfFont,
    measure: font::FontMeasure<'f>,
    kfont: krilla::text::Font,
    doc: Document,
    pages: usize,
    used: std::collections::BTreeSet<char>,
    /// The pages of the whole form's boxed document when it comes in parts (its footer counts
    /// them all), and how many of them are drawn.
    boxed_total: Option<usize>,
    boxed_done: usize,
}

impl<'f> PdfPages<'f> {
    /// `boxed_total`: the pages of the form's boxed sheets over all its parts
    /// ([`boxed_page_count`] summed), `None` when the form comes whole.
    pub fn new(font: &'f PdfFont, boxed_total: Option<usize>) -> Result<Self, PdfError> {
        Ok(PdfPages {
            font,
            measure: font.measure(),
            kfont: font.krilla()?,
            doc: Document::new(),
            pages: 0,
            used: Default::default(),
            boxed_total,
            boxed_done: 0,
        })
    }

    /// Lays out `report` and draws its pages.
    pub fn report(&mut self, report: &Report) -> Result<(), PdfError> {
        for laid in lay_out(report, &self.measure) {
            let (total, first) = match (laid.boxed, self.boxed_total) {
                (true, Some(total)) => (total, self.boxed_done),
                _ => (laid.pages.len(), 0),
            };
            for (i, page) in laid.pages.iter().enumerate() {
                self.page(&laid, page, first + i + 1, total)?;
            }
            if laid.boxed {
                self.boxed_done += laid.pages.len();
            }
            self.used.extend(
                laid.pages
                    .iter()
                    .flat_map(|p| p.rows.iter())
                    .flat_map(|r| r.cells.iter())
                    .flat_map(|c| c.lines.iter())
                    .flat_map(|l| l.chars()),
            );
        }
        Ok(())
    }

    fn page(&mut self, laid: &Laid, page: &Page, n: usize, total: usize) -> Result<(), PdfError> {
        let (w, h) = laid.orientation.size();
        let settings = PageSettings::from_wh(w, h)
            .ok_or_else(|| PdfError::Write(format!("page size {w}×{h}")))?;
        let mut p = self.doc.start_page_with(settings);
        let mut s = p.surface();
        let mut pen = Pen {
            s: &mut s,
            font: self.kfont.clone(),
            m: &self.measure,
        };
        pen.page(laid, page);
        let foot = format!("第 {n} 页 共 {total} 页");
        let fw = self.measure.width(&foot) * 9.0;
        pen.text(
            Point::from_xy((w - fw) / 2.0, h - 10.0 * MM),
            &foot,
            9.0,
            false,
        );
        s.finish();
        p.finish();
        self.pages += 1;
        Ok(())
    }

    pub fn finish(self) -> Result<PdfOut, PdfError> {
        let bytes = self
            .doc
            .finish()
            .map_err(|e| PdfError::Write(format!("{e:?}")))?;
        let font = self.font;
        let missing = self
            .used
            .into_iter()
            .filter(|c| !c.is_whitespace() && !drawn(*c) && !font.has(*c))
            .collect();
        Ok(PdfOut {
            bytes,
            pages: self.pages,
            missing,
        })
    }
}

/// Marks drawn as lines, since CJK fonts have no glyphs for them.
fn drawn(c: char) -> bool {
    matches!(c, '☐' | '☑' | '✗' | '✓')
}

struct Pen<'a, 'b> {
    s: &'a mut Surface<'b>,
    font: krilla::text::Font,
    m: &'a font::FontMeasure<'a>,
}

fn stroke(width: f32, dashed: bool) -> Stroke {
    Stroke {
        width,
        dash: dashed.then(|| StrokeDash {
            array: vec![4.0, 3.0],
            offset: 0.0,
        }),
        ..Stroke::default()
    }
}

impl Pen<'_, '_> {
    fn page(&mut self, laid: &Laid, page: &Page) {
        let mut y = MARGIN_TOP;
        let x0 = MARGIN_X;
        let lefts: Vec<f32> = laid
            .widths
            .iter()
            .scan(x0, |x, w| {
                let at = *x;
                *x += w;
                Some(at)
            })
            .collect();
        for row in &page.rows {
            for cell in &row.cells {
                let x = lefts.get(cell.col).copied().unwrap_or(x0);
                let w: f32 = laid.widths[cell.col.min(laid.widths.len())..]
                    .iter()
                    .take(cell.span.max(1))
                    .sum();
                self.cell(x, y, w, row, cell);
            }
            y += row.height;
        }
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, dashed: bool) {
        let mut pb = PathBuilder::new();
        pb.move_to(x1, y1);
        pb.line_to(x2, y2);
        if let Some(path) = pb.finish() {
            self.s.set_fill(None);
            self.s.set_stroke(Some(stroke(width, dashed)));
            self.s.draw_path(&path);
            self.s.set_stroke(None);
        }
    }

    fn cell(&mut self, x: f32, y: f32, w: f32, row: &Row, c: &Placed) {
        let h = row.height;
        if c.style.bordered() {
            let t = 0.6;
            if !c.open_top {
                self.line(x, y, x + w, y, t, false);
            }
            if !c.open_bottom {
                self.line(x, y + h, x + w, y + h, t, false);
            }
            self.line(x, y, x, y + h, t, false);
            self.line(x + w, y, x + w, y + h, t, false);
        }
        let size = if c.style == Style::Title {
            super::layout::TITLE_PT
        } else {
            row.size
        };
        let lh = size * LEADING;
        let lines: Vec<&str> = c.lines.iter().map(|l| l.trim_end()).collect();
        if c.style == Style::Cut {
            let mid = y + h / 2.0;
            let caption = lines.concat();
            let cw = self.m.width(&caption) * size;
            let gap_l = x + (w - cw) / 2.0 - 4.0;
            let gap_r = x + (w + cw) / 2.0 + 4.0;
            self.line(x, mid, gap_l, mid, 0.6, true);
            self.line(gap_r, mid, x + w, mid, 0.6, true);
            self.text(
                Point::from_xy(gap_l + 4.0, mid + size * 0.35),
                &caption,
                size,
                false,
            );
            return;
        }
        let block = lines.len() as f32 * lh;
        let top = if c.style == Style::Value {
            y + PAD_Y
        } else {
            y + (h - block) / 2.0
        };
        for (i, l) in lines.iter().enumerate() {
            let tw = self.m.width(l) * size;
            let tx = match c.align {
                Align::Left => x + PAD_X,
                Align::Center => x + (w - tw) / 2.0,
                Align::Right => x + w - PAD_X - tw,
            };
            let baseline = top + i as f32 * lh + (lh - size) / 2.0 + size * 0.88;
            let bold = matches!(c.style, Style::Title | Style::Header);
            self.text(Point::from_xy(tx, baseline), l, size, bold);
        }
    }

    /// One line of text; tick boxes drawn as squares (with a tick for ☑).
    fn text(&mut self, at: Point, text: &str, size: f32, bold: bool) {
        let mut x = at.x;
        let mut run = String::new();
        let flush = |pen: &mut Self, run: &mut String, x: &mut f32| {
            if run.is_empty() {
                return;
            }
            pen.s.set_fill(Some(krilla::paint::Fill::default()));
            pen.s.set_stroke(bold.then(|| stroke(size * 0.03, false)));
            pen.s.draw_text(
                Point::from_xy(*x, at.y),
                pen.font.clone(),
                size,
                run,
                false,
                TextDirection::Auto,
            );
            pen.s.set_stroke(None);
            *x += pen.m.width(run) * size;
            run.clear();
        };
        for ch in text.chars() {
            if ch == '✗' || ch == '✓' {
                flush(self, &mut run, &mut x);
                let k = size * 0.7;
                let (bx, by) = (x + size * 0.15, at.y - k);
                if ch == '✗' {
                    self.line(bx, by, bx + k, by + k, 1.0, false);
                    self.line(bx + k, by, bx, by + k, 1.0, false);
                } else {
                    self.line(bx, by + k * 0.55, bx + k * 0.35, by + k, 1.0, false);
                    self.line(bx + k * 0.35, by + k, bx + k, by, 1.0, false);
                }
                x += size;
            } else if ch == '☐' || ch == '☑' {
                flush(self, &mut run, &mut x);
                let side = size * 0.78;
                let (bx, by) = (x + size * 0.1, at.y - side);
                self.line(bx, by, bx + side, by, 0.6, false);
                self.line(bx + side, by, bx + side, by + side, 0.6, false);
                self.line(bx + side, by + side, bx, by + side, 0.6, false);
                self.line(bx, by + side, bx, by, 0.6, false);
                if ch == '☑' {
                    let mut pb = PathBuilder::new();
                    pb.move_to(bx + side * 0.18, by + side * 0.5);
                    pb.line_to(bx + side * 0.42, by + side * 0.78);
                    pb.line_to(bx + side * 0.85, by + side * 0.15);
                    if let Some(path) = pb.finish() {
                        self.s.set_fill(None);
                        self.s.set_stroke(Some(stroke(1.1, false)));
                        self.s.draw_path(&path);
                        self.s.set_stroke(None);
                    }
                }
                x += size;
            } else {
                run.push(ch);
            }
        }
        flush(self, &mut run, &mut x);
    }
}
