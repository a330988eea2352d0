//! 逾期未报到: the slips past their report-by date and not reported, oldest deadline first.
//! Enter on one opens its reason form (未报到原因); Esc closes.
//!
//! Owns: the list, its cursor, its drawing. Must not touch: the ledger (the lines arrive
//! loaded).

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::{Clear, Widget};

use super::seed::OverdueLine;
use crate::i18n::{Lang, t, tf};
use crate::tui::layer::Drawn;
use crate::tui::text::truncate;
use crate::tui::widgets::popup_area;

#[derive(Debug, Clone, PartialEq)]
pub struct Overdue {
    pub lines: Vec<OverdueLine>,
    pub cursor: usize,
    pub today: NaiveDate,
}

impl Overdue {
    pub fn selected(&self) -> Option<&OverdueLine> {
        self.lines.get(self.cursor)
    }

    pub fn down(&mut self) {
        if self.cursor + 1 < self.lines.len() {
            self.cursor += 1;
        }
    }

    pub fn up(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    fn line(&self, l: &OverdueLine, lang: Lang) -> String {
        let by = l.registration.report_by;
        let days = by.map(|d| (self.today - d).num_days()).unwrap_or(0);
        let by = by.map(|d| d.to_string()).unwrap_or_default();
        let mut s = tf(
            lang,
            "tui.overdue.line",
            &[&l.member, &l.unit, &l.community, &by, &days],
        );
        if !l.registration.reason.is_empty() {
            s.push_str(&format!(
                "  {}：{}",
                t(lang, "field.reason"),
                l.registration.reason
            ));
        }
        s
    }
}

impl Widget for Drawn<'_, Overdue> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let o = self.layer;
        let lang = self.ui.lang;
        let popup = popup_area(area, 96, area.height);
        if popup.width < 10 || popup.height < 3 {
            return;
        }
        Clear.render(popup, buf);
        let title = tf(lang, "tui.overdue.title", &[&o.lines.len()]);
        self.ui
            .theme
            .screen_block(&title)
            .title_bottom(format!(" {} ", {
                use crate::tui::command::{CommandId, Context};
                let contexts = [Context::Overlay, Context::Global];
                let key = |c| crate::tui::keymap::key_in(self.ui.keymap, &contexts, c);
                tf(
                    lang,
                    "tui.overdue.keys",
                    &[&key(CommandId::Confirm), &key(CommandId::Close)],
                )
            }))
            .render(popup, buf);
        let rows = popup.height.saturating_sub(2) as usize;
        let cols = popup.width.saturating_sub(4) as usize;
        if o.lines.is_empty() {
            buf.set_stringn(
                popup.x + 2,
                popup.y + 1,
                t(lang, "tui.overdue.none"),
                cols,
                self.ui.theme.dim,
            );
            return;
        }
        let first = o.cursor.saturating_sub(rows.saturating_sub(1));
        for (i, l) in o.lines.iter().enumerate().skip(first).take(rows) {
            let y = popup.y + 1 + (i - first) as u16;
            let mut style = self.ui.theme.warning;
            if i == o.cursor {
                style = style.add_modifier(Modifier::REVERSED);
            }
            buf.set_stringn(
                popup.x + 2,
                y,
                truncate(&o.line(l, lang), cols),
                cols,
                style,
            );
        }
    }
}
