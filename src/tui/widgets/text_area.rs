//! A text of several lines in a popup of its own (现实表现): the text wraps at the popup's
//! width and all of it is in sight up to the popup's size (then it scrolls with the caret);
//! Enter starts a new line, the arrows move by character and by row, Ctrl-s keeps the text,
//! and Esc on a changed text asks first (a second Esc drops the changes).
//!
//! The caret moves by grapheme and sits at a display column, so it never lands inside a 汉字.
//! The wrapping width is fitted from the screen after every action (`fit`), so the rows the
//! arrows move through are the rows drawn.
//!
//! Owns: the text, the caret, the rows and their drawing. Must not touch: what the text is for
//! (the session keeps it as the member's draft), key bindings (the keymap's `text` context).

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Block, Borders, Clear, Widget};
use unicode_segmentation::UnicodeSegmentation;

use super::popup_area;
use super::text_input::{self, Edit};
use crate::domain::safe_text::{self, Lines};
use crate::tui::command::{CommandId, Context};
use crate::tui::text::{grapheme_width, truncate};
use crate::tui::theme::Theme;

/// The contexts while a text area has the keyboard: its own keys (Enter, the arrows, Ctrl-s)
/// above the field's editing keys.
pub const CONTEXTS: [Context; 4] = [
    Context::Text,
    Context::Input,
    Context::Overlay,
    Context::Global,
];

/// The popup's width at most, and its text rows at most.
const WIDTH: u16 = 72;
const MAX_ROWS: u16 = 16;
/// Text rows shown even for a short text, so there is room to write.
const MIN_ROWS: u16 = 4;

/// What a command did to the text area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Typing,
    /// Esc: the text is dropped (it was unchanged, or Esc was pressed twice).
    Cancelled,
    /// Ctrl-s: the text as written (trimmed at its ends).
    Saved(String),
    /// Not the text area's (reveal, presentation, quit).
    Pass(CommandId),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextArea {
    pub title: String,
    /// A line under the text: what is expected, or that Esc would drop the changes.
    pub note: String,
    /// What `note` says once Esc was pressed on a changed text.
    pub leave_note: String,
    value: String,
    initial: String,
    /// Byte offset into `value`, on a grapheme boundary.
    cursor: usize,
    /// Visual rows scrolled past at the top.
    top: usize,
    /// Columns and rows of the text as fitted to the screen.
    cols: u16,
    rows: u16,
    /// Esc was pressed once on a changed text.
    leaving: bool,
}

impl TextArea {
    pub fn new(title: &str, value: &str, note: &str, leave_note: &str) -> TextArea {
        let value = clean(value);
        TextArea {
            title: title.to_string(),
            note: note.to_string(),
            leave_note: leave_note.to_string(),
            cursor: value.len(),
            initial: value.clone(),
            value,
            top: 0,
            cols: WIDTH - 2,
            rows: MAX_ROWS,
            leaving: false,
        }
    }

    pub fn value(&self) -> &str {
        &self.value
    }

    /// Whether the text differs from what it was opened with.
    pub fn changed(&self) -> bool {
        self.value.trim() != self.initial.trim()
    }

    /// Fits the wrapping to the screen's body `area` (after every action, before drawing).
    pub fn fit(&mut self, area: Rect) {
        let (_, text, _) = self.layout(area);
        self.cols = text.width.max(1);
        self.rows = text.height.max(1);
        self.keep_caret_visible();
    }

    pub fn edit(&mut self, edit: Edit) {
        self.leaving = false;
        match edit {
            Edit::Insert(c) => self.insert(&c.to_string()),
            Edit::Paste(text) => self.insert(&clean(&text)),
            Edit::Left => self.cursor = self.prev_boundary(self.cursor),
            Edit::Right => self.cursor = self.next_boundary(self.cursor),
            Edit::Home => self.cursor = self.row_span(self.caret().0).0,
            Edit::End => self.cursor = self.row_end(self.caret().0),
            Edit::Backspace => {
                let start = self.prev_boundary(self.cursor);
                self.remove(start, self.cursor);
            }
            Edit::Delete => {
                let end = self.next_boundary(self.cursor);
                self.remove(self.cursor, end);
            }
            Edit::DeleteWord => {
                let start = self.word_start(self.cursor);
                self.remove(start, self.cursor);
            }
            Edit::KillToStart => {
                let start = self.row_span(self.caret().0).0;
                self.remove(start, self.cursor);
            }
            Edit::KillToEnd => {
                let end = self.row_end(self.caret().0);
                self.remove(self.cursor, end);
            }
        }
        self.keep_caret_visible();
    }

    pub fn apply(&mut self, c: CommandId) -> Outcome {
        if let Some(edit) = Edit::from_command(c) {
            self.edit(edit);
            return Outcome::Typing;
        }
        let page = self.rows.max(1) as isize;
        match c {
            CommandId::NewLine => self.edit(Edit::Insert('\n')),
            CommandId::MoveUp => self.move_rows(-1),
            CommandId::MoveDown => self.move_rows(1),
            CommandId::PageUp => self.move_rows(-page),
            CommandId::PageDown => self.move_rows(page),
            CommandId::Submit => return Outcome::Saved(self.value.trim().to_string()),
            CommandId::Cancel | CommandId::Close => {
                if !self.changed() || self.leaving {
                    return Outcome::Cancelled;
                }
                self.leaving = true;
            }
            CommandId::Confirm | CommandId::FocusNext | CommandId::FocusPrev => {}
            other => return Outcome::Pass(other),
        }
        if c != CommandId::Cancel && c != CommandId::Close {
            self.leaving = false;
        }
        Outcome::Typing
    }

    fn insert(&mut self, text: &str) {
        self.value.insert_str(self.cursor, text);
        self.cursor += text.len();
    }

    fn remove(&mut self, start: usize, end: usize) {
        if start < end {
            self.value.replace_range(start..end, "");
            self.cursor = start;
        }
    }

    fn prev_boundary(&self, at: usize) -> usize {
        text_input::prev_boundary(&self.value, at)
    }

    fn next_boundary(&self, at: usize) -> usize {
        text_input::next_boundary(&self.value, at)
    }

    /// The word rule of every text field, within the caret's line; at a line's start the line
    /// break before it is the "word" deleted.
    fn word_start(&self, at: usize) -> usize {
        let line = self.value[..at].rfind('\n').map_or(0, |i| i + 1);
        if line == at {
            return at.saturating_sub(1);
        }
        line + text_input::word_start(&self.value[line..], at - line)
    }

    /// The visual rows at the fitted width: byte spans, a line break ending a row.
    pub fn spans(&self) -> Vec<(usize, usize)> {
        wrap(&self.value, self.cols as usize)
    }

    /// (row, column) of the caret among [`TextArea::spans`].
    fn caret(&self) -> (usize, usize) {
        let spans = self.spans();
        let row = row_of(&spans, self.cursor);
        let (start, _) = spans[row];
        let col = self.value[start..self.cursor]
            .graphemes(true)
            .map(grapheme_width)
            .sum();
        (row, col)
    }

    fn row_span(&self, row: usize) -> (usize, usize) {
        let spans = self.spans();
        spans[row.min(spans.len() - 1)]
    }

    /// Where the caret goes at the end of `row`: before its line break, if it has one.
    fn row_end(&self, row: usize) -> usize {
        let (start, end) = self.row_span(row);
        if self.value[start..end].ends_with('\n') {
            end - 1
        } else {
            end
        }
    }

    fn move_rows(&mut self, by: isize) {
        let (row, col) = self.caret();
        let last = self.spans().len() - 1;
        let to = (row as isize + by).clamp(0, last as isize) as usize;
        if to == row {
            self.cursor = if by < 0 { 0 } else { self.value.len() };
            return;
        }
        let (start, _) = self.row_span(to);
        let end = self.row_end(to);
        let mut at = start;
        let mut c = 0;
        for (i, g) in self.value[start..end].grapheme_indices(true) {
            let w = grapheme_width(g);
            if c + w > col {
                break;
            }
            c += w;
            at = start + i + g.len();
        }
        self.cursor = at;
        self.keep_caret_visible();
    }

    fn keep_caret_visible(&mut self) {
        let (row, _) = self.caret();
        let rows = self.rows.max(1) as usize;
        if row < self.top {
            self.top = row;
        } else if row >= self.top + rows {
            self.top = row + 1 - rows;
        }
        let total = self.spans().len();
        self.top = self.top.min(total.saturating_sub(rows));
    }

    /// The popup, its text and its note line in the screen's body `area`: as tall as the text
    /// needs, from a few rows up to [`MAX_ROWS`] or the screen.
    fn layout(&self, area: Rect) -> (Rect, Rect, Rect) {
        let cols = WIDTH.min(area.width).saturating_sub(2).max(1);
        let need = wrap(&self.value, cols as usize).len() as u16 + 1;
        let rows = need.clamp(MIN_ROWS, MAX_ROWS);
        let popup = popup_area(area, WIDTH, rows + 3);
        let inner = Block::new().borders(Borders::ALL).inner(popup);
        let text = Rect {
            height: inner.height.saturating_sub(1),
            ..inner
        };
        let note = Rect {
            y: text.bottom(),
            height: inner.height.min(1),
            ..inner
        };
        (popup, text, note)
    }

    pub fn cursor_position(&self, area: Rect) -> Option<Position> {
        let (_, text, _) = self.layout(area);
        if text.is_empty() {
            return None;
        }
        let (row, col) = self.caret();
        let y = row.checked_sub(self.top)?;
        (y < text.height as usize).then(|| {
            let x = (col as u16).min(text.width.saturating_sub(1));
            Position::new(text.x + x, text.y + y as u16)
        })
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let (popup, text, note) = self.layout(area);
        if popup.is_empty() {
            return;
        }
        Clear.render(popup, buf);
        theme.screen_block(&self.title).render(popup, buf);
        let w = text.width as usize;
        for (y, (start, end)) in self
            .spans()
            .into_iter()
            .skip(self.top)
            .take(text.height as usize)
            .enumerate()
        {
            let line = self.value[start..end].trim_end_matches('\n');
            buf.set_stringn(text.x, text.y + y as u16, truncate(line, w), w, theme.input);
        }
        if note.height > 0 {
            let (said, style) = if self.leaving {
                (&self.leave_note, theme.warning)
            } else {
                (&self.note, theme.dim)
            };
            let w = note.width as usize;
            buf.set_stringn(note.x, note.y, truncate(said, w), w, style);
        }
    }
}

/// Text as the area holds it: line ends as `\n`, tabs as spaces, and no character the ledger
/// refuses.
fn clean(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace(['\r', '\t'], " ");
    s.chars()
        .filter(|c| *c == '\n' || safe_text::check(c.encode_utf8(&mut [0; 4]), Lines::One).is_ok())
        .collect()
}

/// Byte spans of the rows of `text` wrapped at `cols` columns; a row ends after a line break
/// or before the grapheme that would not fit. There is always at least one row.
pub fn wrap(text: &str, cols: usize) -> Vec<(usize, usize)> {
    let cols = cols.max(2);
    let mut spans = Vec::new();
    let mut start = 0;
    let mut used = 0;
    for (i, g) in text.grapheme_indices(true) {
        if g == "\n" {
            spans.push((start, i + 1));
            start = i + 1;
            used = 0;
            continue;
        }
        let w = grapheme_width(g);
        if used + w > cols {
            spans.push((start, i));
            start = i;
            used = 0;
        }
        used += w;
    }
    spans.push((start, text.len()));
    spans
}

/// The row holding byte `at`: the caret at a soft wrap belongs to the next row.
fn row_of(spans: &[(usize, usize)], at: usize) -> usize {
    spans
        .iter()
        .position(|(s, e)| at >= *s && at < *e)
        .unwrap_or(spans.len() - 1)
}

#[cfg(test)]
mod tests;
