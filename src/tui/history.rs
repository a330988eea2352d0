//! The history of one record (F2 on a detail popup or a selected row): every logged change,
//! oldest first — when, who (the name given and the OS account), what, each field before →
//! after, a revoke's reason — laid out as `baodao log --record` prints it, with phones and
//! addresses shown by the privacy rule like every other view.
//!
//! Owns: the screen's state (the entries, the scroll), its keys and its drawing. Must not
//! touch: the ledger (the entries arrive through [`crate::tui::action::Loaded::History`]).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};

use crate::cli::log_cmd::entry_lines;
use crate::domain::{AuditEntry, Id};
use crate::i18n::{Lang, t, tf};
use crate::tui::command::{CommandId, Context};
use crate::tui::layer::{Cx, Drawn, Layer, Outcome, scroll};
use crate::tui::privacy::Privacy;
use crate::tui::text::truncate;

/// Stored fields that hold a phone or a home address (see [`Privacy`]).
const PHONE_FIELDS: [&str; 2] = ["mobile", "contact"];
const ADDRESS_FIELDS: [&str; 1] = ["address"];

#[derive(Debug, Clone, PartialEq)]
pub struct HistoryScreen {
    /// The record, and what the detail called it.
    pub record: Id,
    pub title: String,
    pub entries: Vec<AuditEntry>,
    pub top: usize,
    pub height: usize,
    pub lang: Lang,
}

impl HistoryScreen {
    pub fn new(record: Id, title: String, entries: Vec<AuditEntry>, lang: Lang) -> Self {
        HistoryScreen {
            record,
            title,
            entries,
            top: 0,
            height: 10,
            lang,
        }
    }

    /// The screen's text, entry after entry, with personal values by `privacy`.
    pub fn lines(&self, privacy: &Privacy) -> Vec<String> {
        let owner = self.record;
        let lang = self.lang;
        let show = |field: &str, v: &str| {
            if v == "∅" {
                v.to_string()
            } else if PHONE_FIELDS.contains(&field) {
                privacy.phone(owner, v, lang)
            } else if ADDRESS_FIELDS.contains(&field) {
                privacy.address(owner, v, lang)
            } else {
                v.to_string()
            }
        };
        let mut out = Vec::new();
        for e in &self.entries {
            out.extend(entry_lines(e, lang, &show));
        }
        out
    }
}

const CONTEXTS: [Context; 2] = [Context::Overlay, Context::Global];

impl Layer for HistoryScreen {
    fn contexts(&self) -> &'static [Context] {
        &CONTEXTS
    }

    /// Scrolling and closing are the screen's; the rest (reveal, presentation, quit, help)
    /// is run with it left open.
    fn command(&mut self, c: CommandId, _: &Cx) -> Outcome {
        // Masking changes no line count: the plain layout measures the scroll.
        let total = self.lines(&Privacy::default()).len();
        let last = total.saturating_sub(self.height);
        if scroll(&mut self.top, c, self.height, last) {
            return Outcome::Stay;
        }
        match c {
            CommandId::Close | CommandId::Cancel | CommandId::History => Outcome::Close,
            other => Outcome::Pass(other),
        }
    }

    fn shows_record(&self) -> bool {
        true
    }
}

impl Widget for Drawn<'_, HistoryScreen> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.layer;
        let lang = s.lang;
        Clear.render(area, buf);
        let title = tf(lang, "tui.history.title", &[&s.title, &s.entries.len()]);
        let block = self.ui.theme.screen_block(&title);
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.height < 2 {
            return;
        }
        let w = inner.width as usize;
        buf.set_stringn(
            inner.x,
            inner.y,
            truncate(
                &{
                    use crate::tui::command::{CommandId, Context};
                    use crate::tui::keymap::{key_in, motion_keys_in};
                    let contexts = [Context::Overlay, Context::Global];
                    tf(
                        lang,
                        "tui.history.hint",
                        &[
                            &key_in(self.ui.keymap, &contexts, CommandId::Close),
                            &motion_keys_in(
                                self.ui.keymap,
                                &contexts,
                                CommandId::MoveUp,
                                CommandId::MoveDown,
                            ),
                        ],
                    )
                },
                w,
            ),
            w,
            self.ui.theme.dim,
        );
        let lines = s.lines(self.privacy);
        if lines.is_empty() {
            let msg = t(lang, "tui.history.empty");
            buf.set_stringn(inner.x, inner.y + 1, msg, w, self.ui.theme.dim);
            return;
        }
        for (row, line) in lines
            .iter()
            .skip(s.top)
            .take(inner.height as usize - 1)
            .enumerate()
        {
            let style = if line.starts_with(' ') {
                Style::new()
            } else {
                self.ui.theme.dim
            };
            buf.set_stringn(
                inner.x,
                inner.y + 1 + row as u16,
                truncate(line, w),
                w,
                style,
            );
        }
    }
}
