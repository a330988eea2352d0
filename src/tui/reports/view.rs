//! Drawing the reports view: the form's title, scope and year, the keys, then the form as
//! aligned text from the scroll position. A table wider than the screen is cut at display
//! columns (a 汉字 half off the edge becomes a space, never a broken glyph). Mobiles and home
//! addresses arrive masked by the privacy rule; the export carries them in full.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthChar;

use super::work::Format;
use super::{Choose, ReportsScreen, form_title};
use crate::i18n::{t, tf};
use crate::report::forms::Form;
use crate::tui::layer::Drawn;
use crate::tui::text::truncate;
use crate::tui::widgets::popup_area;

/// The part of `line` from display column `skip`, at most `width` columns.
pub fn columns(line: &str, skip: usize, width: usize) -> String {
    let mut out = String::new();
    let (mut col, mut used) = (0, 0);
    for c in line.chars() {
        let w = c.width().unwrap_or(0);
        if col < skip {
            col += w;
            // A wide character cut by the left edge leaves its right half as a space.
            if col > skip && used < width {
                out.push(' ');
                used += 1;
            }
            continue;
        }
        if used + w > width {
            break;
        }
        out.push(c);
        used += w;
        col += w;
    }
    out
}

impl Widget for Drawn<'_, ReportsScreen> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.layer;
        let (lang, theme) = (s.lang, self.ui.theme);
        Clear.render(area, buf);
        let title = tf(
            lang,
            "tui.rep.title",
            &[&form_title(s.form, lang), &s.scope_label(), &s.year],
        );
        let block = theme.screen_block(&title);
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.height < 2 {
            return;
        }
        let w = inner.width as usize;
        let hint = {
            use crate::tui::command::CommandId::*;
            let key = |c| crate::tui::keymap::key_in(self.ui.keymap, &super::CONTEXTS, c);
            let keys = [
                Confirm,
                CycleFilter,
                PrevYear,
                NextYear,
                ScrollLeft,
                ScrollRight,
                Export,
                PickUnit,
            ]
            .map(key);
            let args: Vec<&dyn std::fmt::Display> =
                keys.iter().map(|k| k as &dyn std::fmt::Display).collect();
            tf(lang, "tui.rep.hint", &args)
        };
        buf.set_stringn(inner.x, inner.y, truncate(&hint, w), w, theme.dim);
        let rows = inner.height as usize - 1;
        let shown: Vec<Option<&str>> = match (&s.paged, &s.lines) {
            (Some(p), _) if p.parts.is_empty() => Vec::new(),
            (Some(p), _) => p.lines(rows),
            (None, Some(lines)) => lines
                .iter()
                .skip(s.top)
                .take(rows)
                .map(|l| Some(l.as_str()))
                .collect(),
            (None, None) => vec![None],
        };
        let nothing = shown.is_empty() && (s.paged.is_some() || s.lines.is_some());
        if nothing {
            let msg = t(lang, "tui.rep.empty");
            buf.set_stringn(inner.x, inner.y + 1, msg, w, theme.dim);
        }
        for (row, line) in shown.into_iter().enumerate() {
            let y = inner.y + 1 + row as u16;
            match line {
                // Personal data was laid out by the privacy rule (ReportsScreen::relayout).
                Some(line) => {
                    buf.set_stringn(inner.x, y, columns(line, s.left, w), w, Style::new());
                }
                None => {
                    buf.set_stringn(inner.x, y, t(lang, "tui.rep.building"), w, theme.dim);
                }
            }
        }
        let (heading, names, list): (&str, Vec<String>, _) = match &s.choose {
            None => return,
            Some(Choose::Unit(p)) => return p.render(area, buf, theme),
            Some(Choose::Form(l)) => (
                t(lang, "tui.rep.choose_form"),
                Form::ALL
                    .iter()
                    .map(|(_, f)| form_title(*f, lang).to_string())
                    .collect(),
                l,
            ),
            Some(Choose::Format(l)) => (
                t(lang, "tui.rep.choose_format"),
                Format::ALL
                    .iter()
                    .map(|f| match s.pages {
                        Some(n) if f.printed() => tf(lang, "tui.rep.pages", &[&f.ext(), &n]),
                        _ => f.ext().to_string(),
                    })
                    .collect(),
                l,
            ),
        };
        let popup = popup_area(area, 48, names.len() as u16 + 2);
        Clear.render(popup, buf);
        let block = theme.screen_block(heading);
        let inner = block.inner(popup);
        block.render(popup, buf);
        for (row, i) in list.visible_range(inner.height as usize).enumerate() {
            let Some(name) = names.get(i) else { break };
            let style = if list.selected() == Some(i) {
                theme.selection
            } else {
                Style::new()
            };
            let y = inner.y + row as u16;
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
            buf.set_stringn(
                inner.x,
                y,
                truncate(name, inner.width as usize),
                inner.width as usize,
                style,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_cut_at_display_width() {
        assert_eq!(columns("姓名 张三", 0, 4), "姓名");
        assert_eq!(columns("姓名 张三", 1, 4), " 名 ");
        assert_eq!(columns("abc", 5, 4), "");
    }
}
