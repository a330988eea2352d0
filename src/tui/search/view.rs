//! Drawing the search overlay: the query line, then the hits under their kind's heading.
//! Phones show as the privacy switches allow (masked, the revealed one in full, hidden while
//! presenting).

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::Widget;

use super::{Row, SearchOverlay, kind_label};
use crate::i18n::{t, tf};
use crate::tui::layer::Drawn;
use crate::tui::text::{pad_right, truncate};
use crate::tui::widgets::palette::draw_prompt;

/// The popup, its query line and its result rows.
pub fn layout(area: Rect) -> (Rect, Rect, Rect) {
    crate::tui::widgets::palette::prompt_layout(area, 110, area.height)
}

impl SearchOverlay {
    pub fn cursor_position(&self, area: Rect) -> Option<Position> {
        let (_, input, _) = layout(area);
        (!input.is_empty()).then(|| self.input.cursor_position(input))
    }
}

impl Widget for Drawn<'_, SearchOverlay> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (popup, input, list) = layout(area);
        if popup.is_empty() {
            return;
        }
        let s = self.layer;
        let lang = s.lang;
        let title = t(lang, "tui.search.title");
        draw_prompt((popup, input), title, &s.input, self.ui.theme, buf);
        if list.height == 0 {
            return;
        }
        let note = if s.loading {
            Some(t(lang, "tui.search.loading").to_string())
        } else if s.input.value().trim().is_empty() {
            let key = |c| crate::tui::keymap::key_in(self.ui.keymap, &super::CONTEXTS, c);
            Some(tf(
                lang,
                "tui.search.hint",
                &[
                    &key(crate::tui::command::CommandId::Confirm),
                    &key(crate::tui::command::CommandId::Cancel),
                ],
            ))
        } else if s.rows.is_empty() {
            Some(t(lang, "tui.search.none").to_string())
        } else {
            None
        };
        if let Some(note) = note {
            let w = list.width as usize;
            buf.set_stringn(list.x, list.y, truncate(&note, w), w, self.ui.theme.dim);
            return;
        }
        let w = list.width as usize;
        for (line, i) in s.list.visible_range(list.height as usize).enumerate() {
            let y = list.y + line as u16;
            let Some(row) = s.rows.get(i) else { break };
            let (text, style) = match row {
                Row::Heading(kind, n) => (
                    tf(lang, "tui.search.heading", &[&kind_label(*kind, lang), n]),
                    self.ui.theme.table_header,
                ),
                Row::Hit(d) => {
                    let phone = self.privacy.phone(d.id, &d.phone, lang);
                    let text = format!(
                        "  {} {} {} {}",
                        pad_right(&d.name, 16),
                        pad_right(&d.community_name, 18),
                        pad_right(&d.unit_name, 26),
                        phone
                    );
                    let style = if s.list.selected() == Some(i) {
                        self.ui.theme.selection
                    } else {
                        ratatui::style::Style::new()
                    };
                    (text, style)
                }
            };
            buf.set_style(Rect::new(list.x, y, list.width, 1), style);
            buf.set_stringn(list.x, y, truncate(&text, w), w, style);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::search::Kind;

    #[test]
    fn every_kind_has_a_label_in_both_languages() {
        for k in Kind::ALL {
            assert_ne!(kind_label(k, Lang::Zh), kind_label(k, Lang::En));
        }
        assert_eq!(kind_label(Kind::Member, Lang::Zh), "党员");
    }
}
