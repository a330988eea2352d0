//! Pictures of a rendered screen: plain text and SVG.
//!
//! The views draw into a ratatui [`Buffer`]; these functions turn that buffer into the text of
//! a snapshot test or a `screenshots/*.txt`, and into an SVG for the documentation. Both come
//! from the real views, so a screenshot cannot drift from the program.
//!
//! Owns: Buffer → text, Buffer → SVG. Must not touch: the file system (the caller writes the
//! files), application state.

use std::fmt::Write as _;

use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::style::{Color, Modifier};

use crate::tui::text::width;

/// The buffer as lines of text. A wide character is written once (its second cell is the
/// continuation ratatui leaves behind); trailing spaces are trimmed.
pub fn to_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut lines = Vec::with_capacity(area.height as usize);
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let Some(cell) = buf.cell((x, y)) else {
                continue;
            };
            // A skipped cell is drawn by something other than text (an image); show a blank.
            let sym = if skipped(cell) { " " } else { cell.symbol() };
            line.push_str(sym);
            skip = width(sym).saturating_sub(1);
        }
        lines.push(line.trim_end().to_string());
    }
    lines.join("\n")
}

/// Size and look of an SVG screenshot.
#[derive(Debug, Clone, PartialEq)]
pub struct SvgOptions {
    /// Width of one terminal cell in pixels; a wide character spans two.
    pub cell_width: u32,
    pub cell_height: u32,
    pub font_size: u32,
    pub font_family: String,
    /// Colours of `Color::Reset`.
    pub foreground: &'static str,
    pub background: &'static str,
}

impl Default for SvgOptions {
    fn default() -> SvgOptions {
        SvgOptions {
            cell_width: 10,
            cell_height: 20,
            font_size: 16,
            font_family: "'DejaVu Sans Mono', 'Noto Sans Mono CJK SC', 'Sarasa Mono SC', monospace"
                .to_string(),
            foreground: "#d0d0d0",
            background: "#1c1c1c",
        }
    }
}

/// The buffer as an SVG image: a monospace grid with each cell's background, foreground, bold,
/// underline and reverse video; each wide character is placed at its cell and spans two.
pub fn to_svg(buf: &Buffer, opt: &SvgOptions) -> String {
    let area = buf.area;
    let (cw, ch) = (opt.cell_width, opt.cell_height);
    let (w, h) = (area.width as u32 * cw, area.height as u32 * ch);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#
    );
    let _ = writeln!(
        out,
        r#"<rect width="100%" height="100%" fill="{}"/>"#,
        opt.background
    );
    let _ = writeln!(
        out,
        r#"<g font-family="{}" font-size="{}" xml:space="preserve">"#,
        escape(&opt.font_family),
        opt.font_size
    );
    for y in area.top()..area.bottom() {
        let row = y - area.top();
        let mut x = area.left();
        while x < area.right() {
            let Some(cell) = buf.cell((x, y)) else {
                break;
            };
            let sym = cell.symbol();
            let cells = width(sym).max(1) as u32;
            let col = (x - area.left()) as u32;
            let (fg, bg) = colours(cell, opt);
            let (px, py) = (col * cw, row as u32 * ch);
            if bg != opt.background {
                let _ = writeln!(
                    out,
                    r#"<rect x="{px}" y="{py}" width="{}" height="{ch}" fill="{bg}"/>"#,
                    cells * cw
                );
            }
            if !skipped(cell) && !sym.trim().is_empty() {
                let mut attrs = String::new();
                if cell.modifier.contains(Modifier::BOLD) {
                    attrs.push_str(r#" font-weight="bold""#);
                }
                if cell.modifier.contains(Modifier::ITALIC) {
                    attrs.push_str(r#" font-style="italic""#);
                }
                if cell.modifier.contains(Modifier::UNDERLINED) {
                    attrs.push_str(r#" text-decoration="underline""#);
                }
                if cell.modifier.contains(Modifier::DIM) {
                    attrs.push_str(r#" opacity="0.6""#);
                }
                // textLength pins the glyph to its cells whatever the font's own advance is.
                let _ = writeln!(
                    out,
                    r#"<text x="{px}" y="{}" fill="{fg}" textLength="{}" lengthAdjust="spacingAndGlyphs"{attrs}>{}</text>"#,
                    py + ch * 4 / 5,
                    cells * cw,
                    escape(sym)
                );
            }
            x = x.saturating_add(cells as u16);
        }
    }
    out.push_str("</g>\n</svg>\n");
    out
}

fn skipped(cell: &Cell) -> bool {
    cell.diff_option == CellDiffOption::Skip
}

/// Foreground and background of a cell as drawn, reverse video applied.
fn colours(cell: &Cell, opt: &SvgOptions) -> (String, String) {
    let fg = hex(cell.fg).unwrap_or_else(|| opt.foreground.to_string());
    let bg = hex(cell.bg).unwrap_or_else(|| opt.background.to_string());
    if cell.modifier.contains(Modifier::REVERSED) {
        (bg, fg)
    } else {
        (fg, bg)
    }
}

/// The colour as `#rrggbb`; `None` for the terminal's default. The 16 named colours use the
/// xterm palette, which is what most readers' terminals show.
fn hex(c: Color) -> Option<String> {
    let rgb = match c {
        Color::Reset => return None,
        Color::Black => (0, 0, 0),
        Color::Red => (205, 0, 0),
        Color::Green => (0, 205, 0),
        Color::Yellow => (205, 205, 0),
        Color::Blue => (0, 0, 238),
        Color::Magenta => (205, 0, 205),
        Color::Cyan => (0, 205, 205),
        Color::Gray => (229, 229, 229),
        Color::DarkGray => (127, 127, 127),
        Color::LightRed => (255, 0, 0),
        Color::LightGreen => (0, 255, 0),
        Color::LightYellow => (255, 255, 0),
        Color::LightBlue => (92, 92, 255),
        Color::LightMagenta => (255, 0, 255),
        Color::LightCyan => (0, 255, 255),
        Color::White => (255, 255, 255),
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(i) => indexed(i),
    };
    Some(format!("#{:02x}{:02x}{:02x}", rgb.0, rgb.1, rgb.2))
}

fn indexed(i: u8) -> (u8, u8, u8) {
    const BASE: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match i {
        0..=15 => {
            let h = hex(BASE[i as usize]).unwrap_or_default();
            let p = |k: usize| u8::from_str_radix(h.get(k..k + 2).unwrap_or("00"), 16).unwrap_or(0);
            (p(1), p(3), p(5))
        }
        16..=231 => {
            let n = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            (level(n / 36), level((n / 6) % 6), level(n % 6))
        }
        _ => {
            let v = 8 + (i - 232) * 10;
            (v, v, v)
        }
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn sample() -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 2));
        buf.set_string(0, 0, "报到 a<b", Style::new().fg(Color::Cyan));
        buf.set_string(
            0,
            1,
            "张三",
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        );
        buf
    }

    #[test]
    fn text_skips_the_continuation_cell_of_wide_chars() {
        assert_eq!(to_text(&sample()), "报到 a<b\n张三");
    }

    #[test]
    fn text_of_an_offset_buffer() {
        let mut buf = Buffer::empty(Rect::new(5, 3, 4, 1));
        buf.set_string(5, 3, "紫鑫", Style::new());
        assert_eq!(to_text(&buf), "紫鑫");
    }

    #[test]
    fn svg_places_wide_chars_on_their_cells() {
        let svg = to_svg(&sample(), &SvgOptions::default());
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains(r#"width="120" height="40""#));
        // 报 at column 0 and 到 at column 2, each 20 px wide.
        assert!(svg.contains(r##"<text x="0" y="16" fill="#00cdcd" textLength="20""##));
        assert!(svg.contains(r#"<text x="20" y="16""#));
        // `a` at column 5 after "报到 ", one cell.
        assert!(svg.contains(r##"<text x="50" y="16" fill="#00cdcd" textLength="10""##));
        assert!(svg.contains("&lt;"));
        assert!(!svg.contains("a<b"));
    }

    #[test]
    fn svg_honours_reverse_and_bold() {
        let svg = to_svg(&sample(), &SvgOptions::default());
        // Reverse video: the default foreground becomes the background of 张 (2 cells).
        assert!(svg.contains(r##"<rect x="0" y="20" width="20" height="20" fill="#d0d0d0"/>"##));
        assert!(svg.contains(r##"fill="#1c1c1c" textLength="20" lengthAdjust="spacingAndGlyphs" font-weight="bold">张"##));
    }

    #[test]
    fn indexed_colours_cover_the_cube_and_greys() {
        assert_eq!(hex(Color::Indexed(1)), hex(Color::Red));
        assert_eq!(hex(Color::Indexed(16)).as_deref(), Some("#000000"));
        assert_eq!(hex(Color::Indexed(231)).as_deref(), Some("#ffffff"));
        assert_eq!(hex(Color::Indexed(255)).as_deref(), Some("#eeeeee"));
        assert_eq!(hex(Color::Reset), None);
    }
}
