//! A single-line text field that edits Chinese correctly.
//!
//! The cursor moves by grapheme (one 汉字, one letter, one letter with its accent) and sits at
//! a display column, so it never lands inside a character and never drifts when a line mixes
//! 汉字 and digits. A field narrower than its text scrolls sideways to keep the caret visible.
//! [`TextInput::cursor_position`] tells the event loop where to put the real terminal cursor,
//! which is where an input method (拼音输入法) opens its candidate window.
//!
//! Owns: the value, the cursor, the horizontal scroll. Must not touch: key bindings (the
//! keymap turns keys into [`Edit`]s), validation of what is typed (that is the form's job).

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;
use unicode_segmentation::UnicodeSegmentation;

use crate::domain::safe_text::{self, Lines};
use crate::tui::command::CommandId;
use crate::tui::text::{grapheme_width, width};

/// One change to a text field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    /// Pasted text; line breaks become spaces, since the field is one line.
    Paste(String),
    Left,
    Right,
    Home,
    End,
    Backspace,
    Delete,
    /// Ctrl-W: the word (or run of 汉字) before the cursor.
    DeleteWord,
    /// Ctrl-U: everything before the cursor.
    KillToStart,
    /// Ctrl-K: everything after the cursor.
    KillToEnd,
}

impl Edit {
    /// The edit a command of the `input` context stands for.
    pub fn from_command(command: CommandId) -> Option<Edit> {
        Some(match command {
            CommandId::CursorLeft => Edit::Left,
            CommandId::CursorRight => Edit::Right,
            CommandId::LineStart => Edit::Home,
            CommandId::LineEnd => Edit::End,
            CommandId::DeleteBack => Edit::Backspace,
            CommandId::DeleteForward => Edit::Delete,
            CommandId::DeleteWord => Edit::DeleteWord,
            CommandId::KillToStart => Edit::KillToStart,
            CommandId::KillToEnd => Edit::KillToEnd,
            _ => return None,
        })
    }

    /// A printable key typed into the field (the keymap resolved it to no command).
    pub fn from_key(ev: &KeyEvent) -> Option<Edit> {
        if ev.kind == KeyEventKind::Release
            || ev
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return None;
        }
        match ev.code {
            KeyCode::Char(c) if !c.is_control() => Some(Edit::Insert(c)),
            _ => None,
        }
    }
}

/// The state of a single-line text field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    value: String,
    /// Byte offset into `value`, always on a grapheme boundary.
    cursor: usize,
    /// Display columns of text hidden to the left of the field.
    scroll: usize,
    /// The field's width as last laid out; scrolling is kept for this width.
    width: u16,
    placeholder: String,
}

impl TextInput {
    pub fn new() -> TextInput {
        TextInput::default()
    }

    /// A field holding `value`, cursor at the end.
    pub fn with_value(value: &str) -> TextInput {
        let mut input = TextInput::new();
        input.set_value(value);
        input
    }

    /// Text shown dimmed while the field is empty (a hint such as `姓名或拼音首字母`).
    pub fn with_placeholder(mut self, placeholder: &str) -> TextInput {
        self.placeholder = placeholder.to_string();
        self
    }

    pub fn value(&self) -> &str {
        &self.value
    }

    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }

    /// Replaces the text (one line: line breaks become spaces); the cursor goes to the end.
    pub fn set_value(&mut self, value: &str) {
        self.value = one_line(value);
        self.cursor = self.value.len();
        self.keep_caret_visible();
    }

    /// Byte offset of the cursor in [`TextInput::value`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Display column of the caret from the start of the text.
    pub fn caret_column(&self) -> usize {
        width(&self.value[..self.cursor])
    }

    /// Tells the field how wide it is drawn, so that edits scroll it the right amount.
    pub fn set_width(&mut self, cols: u16) {
        self.width = cols;
        self.keep_caret_visible();
    }

    /// Applies an edit; returns whether the text changed (the caller may re-filter a list).
    pub fn apply(&mut self, edit: Edit) -> bool {
        let before = self.value.len();
        let changed = match edit {
            Edit::Insert(c) => {
                // The ledger's character rule: a control, bidi or zero-width character typed
                // (or sent by a terminal) never enters a field.
                if safe_text::check(c.encode_utf8(&mut [0; 4]), Lines::One).is_err() {
                    false
                } else {
                    self.value.insert(self.cursor, c);
                    self.cursor += c.len_utf8();
                    true
                }
            }
            Edit::Paste(text) => {
                let text = one_line(&text);
                self.value.insert_str(self.cursor, &text);
                self.cursor += text.len();
                !text.is_empty()
            }
            Edit::Left => {
                self.cursor = self.prev_boundary(self.cursor);
                false
            }
            Edit::Right => {
                self.cursor = self.next_boundary(self.cursor);
                false
            }
            Edit::Home => {
                self.cursor = 0;
                false
            }
            Edit::End => {
                self.cursor = self.value.len();
                false
            }
            Edit::Backspace => {
                let start = self.prev_boundary(self.cursor);
                self.remove(start, self.cursor)
            }
            Edit::Delete => {
                let end = self.next_boundary(self.cursor);
                self.remove(self.cursor, end)
            }
            Edit::DeleteWord => {
                let start = self.word_start(self.cursor);
                self.remove(start, self.cursor)
            }
            Edit::KillToStart => self.remove(0, self.cursor),
            Edit::KillToEnd => self.remove(self.cursor, self.value.len()),
        };
        self.snap_cursor();
        self.keep_caret_visible();
        changed || before != self.value.len()
    }

    /// Where the terminal cursor goes when the field is drawn in `area`.
    pub fn cursor_position(&self, area: Rect) -> Position {
        let scroll = self.visible_scroll(area.width);
        let col = self.caret_column().saturating_sub(scroll);
        let max = area.width.saturating_sub(1) as usize;
        Position::new(area.x.saturating_add(col.min(max) as u16), area.y)
    }

    /// Columns hidden on the left when drawn `cols` wide: the stored scroll, moved as little
    /// as needed to show the caret and the character under it.
    pub fn visible_scroll(&self, cols: u16) -> usize {
        let s = clamp_scroll(
            self.scroll,
            self.caret_column(),
            self.under_caret_width(),
            width(&self.value),
            cols as usize,
        );
        // Start the view on a character boundary, so the left edge never shows half a 汉字.
        // Moving right keeps the caret in view: the caret itself is on a boundary at or
        // after `s`.
        let mut col = 0;
        for g in self.value.graphemes(true) {
            if col >= s {
                return col;
            }
            col += grapheme_width(g);
        }
        col.max(s)
    }

    fn keep_caret_visible(&mut self) {
        self.scroll = self.visible_scroll(self.width);
    }

    fn under_caret_width(&self) -> usize {
        self.value[self.cursor..]
            .graphemes(true)
            .next()
            .map(grapheme_width)
            .unwrap_or(1)
            .max(1)
    }

    fn remove(&mut self, start: usize, end: usize) -> bool {
        if start >= end {
            return false;
        }
        self.value.replace_range(start..end, "");
        self.cursor = start;
        true
    }

    fn prev_boundary(&self, at: usize) -> usize {
        prev_boundary(&self.value, at)
    }

    fn next_boundary(&self, at: usize) -> usize {
        next_boundary(&self.value, at)
    }

    /// Inserting a combining mark, or text before one, can leave the cursor inside a
    /// grapheme; it moves to that grapheme's end.
    fn snap_cursor(&mut self) {
        let mut end = 0;
        for (i, g) in self.value.grapheme_indices(true) {
            if i >= self.cursor {
                break;
            }
            end = i + g.len();
        }
        self.cursor = self.cursor.max(end).min(self.value.len());
    }

    fn word_start(&self, at: usize) -> usize {
        word_start(&self.value, at)
    }
}

/// The grapheme boundary before `at` in `s` (0 at the start): where Left and Backspace go.
pub(super) fn prev_boundary(s: &str, at: usize) -> usize {
    s[..at]
        .grapheme_indices(true)
        .next_back()
        .map(|(i, _)| i)
        .unwrap_or(0)
}

/// The grapheme boundary after `at` in `s` (`at` at the end): where Right and Delete go.
pub(super) fn next_boundary(s: &str, at: usize) -> usize {
    s[at..]
        .graphemes(true)
        .next()
        .map(|g| at + g.len())
        .unwrap_or(at)
}

/// Start of the word before `at` in `s`, for Ctrl-w: spaces are skipped, then one run of the
/// same kind of character (Latin letters and digits, 汉字, or punctuation). Every field that
/// edits text, one line or several, deletes words by this one rule.
pub(super) fn word_start(s: &str, at: usize) -> usize {
    let mut start = at;
    let mut kind = None;
    for (i, g) in s[..at].grapheme_indices(true).rev() {
        let k = char_kind(g);
        match kind {
            None if k == CharKind::Space => {}
            None => kind = Some(k),
            Some(current) if current != k => break,
            Some(_) => {}
        }
        start = i;
    }
    start
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharKind {
    Space,
    Wide,
    Word,
    Punct,
}

fn char_kind(g: &str) -> CharKind {
    if g.chars().all(char::is_whitespace) {
        CharKind::Space
    } else if grapheme_width(g) >= 2 {
        CharKind::Wide
    } else if g.chars().all(char::is_alphanumeric) {
        CharKind::Word
    } else {
        CharKind::Punct
    }
}

/// Pasted or preset text on one line: line breaks and tabs become spaces, and every character
/// the ledger refuses is left out.
fn one_line(s: &str) -> String {
    safe_text::strip(&s.replace("\r\n", " ").replace(['\n', '\r', '\t'], " "))
}

fn clamp_scroll(scroll: usize, caret: usize, under: usize, total: usize, cols: usize) -> usize {
    if cols == 0 {
        return 0;
    }
    // Never hide text on the left while there is unused room on the right.
    let mut s = scroll.min((total + 1).saturating_sub(cols));
    if caret < s {
        s = caret;
    }
    let need = caret + under.min(cols);
    if need > s + cols {
        s = need - cols;
    }
    s
}

impl Widget for &TextInput {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let cols = area.width as usize;
        let y = area.y;
        if self.value.is_empty() {
            let hint = crate::tui::text::truncate(&self.placeholder, cols);
            buf.set_stringn(
                area.x,
                y,
                hint,
                cols,
                Style::new().add_modifier(Modifier::DIM),
            );
            return;
        }
        let scroll = self.visible_scroll(area.width);
        let mut col = 0usize;
        for g in self.value.graphemes(true) {
            let w = grapheme_width(g);
            let (start, end) = (col, col + w);
            col = end;
            if end <= scroll || w == 0 {
                continue;
            }
            if start >= scroll + cols {
                break;
            }
            if start < scroll || end > scroll + cols {
                // Half of a 汉字 at either edge: blank the visible half rather than split it.
                for c in start.max(scroll)..end.min(scroll + cols) {
                    if let Some(cell) = buf.cell_mut((area.x + (c - scroll) as u16, y)) {
                        cell.set_symbol(" ");
                    }
                }
                continue;
            }
            let x = area.x + (start - scroll) as u16;
            buf.set_stringn(x, y, g, w, Style::new());
        }
    }
}

#[cfg(test)]
mod tests;
