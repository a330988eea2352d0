//! The scrollable, selectable list under every pane (成员, 报到, 服务记录 …).
//!
//! [`ListState`] is the selection and scroll of a list of `len` rows, moved by commands and
//! kept on the same record when the rows are reloaded ([`ListState::refresh`]). [`TableView`]
//! draws the rows that fit, asking for each visible row's cells only, so a pane over a
//! million members formats a screenful, not a million rows.
//!
//! Owns: selection, scroll offset, column layout by display width. Must not touch: where rows
//! come from, what they mean, key bindings.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use crate::tui::command::CommandId;
use crate::tui::text::{pad_left, pad_right, truncate};

/// Selection and scroll of a list. `height` is the number of rows the list showed last, which
/// a page move needs; the view never relies on it being current.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListState {
    selected: Option<usize>,
    offset: usize,
    len: usize,
    height: usize,
}

impl ListState {
    /// A list of `len` rows, the first selected when there is one.
    pub fn new(len: usize) -> ListState {
        let mut s = ListState::default();
        s.set_len(len);
        s
    }

    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Sets the number of rows, keeping the selection on the same index when it still exists
    /// and on the last row otherwise.
    pub fn set_len(&mut self, len: usize) {
        self.len = len;
        self.selected = match (len, self.selected) {
            (0, _) => None,
            (_, None) => Some(0),
            (n, Some(i)) => Some(i.min(n - 1)),
        };
        self.scroll_to_selection();
    }

    /// Sets the number of visible rows (from the layout), for page moves and scrolling.
    pub fn set_height(&mut self, rows: usize) {
        self.height = rows;
        self.scroll_to_selection();
    }

    pub fn select(&mut self, index: Option<usize>) {
        self.selected = match index {
            Some(i) if self.len > 0 => Some(i.min(self.len - 1)),
            _ => None,
        };
        self.scroll_to_selection();
    }

    /// Moves the selection by `delta` rows, stopping at either end.
    pub fn move_by(&mut self, delta: isize) {
        if self.len == 0 {
            return;
        }
        let current = self.selected.unwrap_or(0);
        let target = current.saturating_add_signed(delta).min(self.len - 1);
        self.select(Some(target));
    }

    pub fn up(&mut self) {
        self.move_by(-1);
    }

    pub fn down(&mut self) {
        self.move_by(1);
    }

    pub fn page_up(&mut self) {
        self.move_by(-(self.page() as isize));
    }

    pub fn page_down(&mut self) {
        self.move_by(self.page() as isize);
    }

    pub fn top(&mut self) {
        self.select(Some(0));
    }

    pub fn bottom(&mut self) {
        self.select(Some(self.len.saturating_sub(1)));
    }

    /// Applies a movement command; returns false for any other command.
    pub fn apply(&mut self, command: CommandId) -> bool {
        match command {
            CommandId::MoveUp => self.up(),
            CommandId::MoveDown => self.down(),
            CommandId::PageUp => self.page_up(),
            CommandId::PageDown => self.page_down(),
            CommandId::Top => self.top(),
            CommandId::Bottom => self.bottom(),
            _ => return false,
        }
        true
    }

    /// After the rows were reloaded: selects the row whose key is `previous` (the key of the
    /// row selected before), at the same screen line when possible; when that row is gone the
    /// selection stays at the same index. Returns whether the record was found.
    pub fn refresh<T, K: PartialEq>(
        &mut self,
        rows: &[T],
        key_of: impl Fn(&T) -> K,
        previous: Option<&K>,
    ) -> bool {
        let line = self.selected.map(|s| s.saturating_sub(self.offset));
        self.len = rows.len();
        let found = previous.and_then(|k| rows.iter().position(|r| key_of(r) == *k));
        match found {
            Some(i) => {
                self.selected = Some(i);
                if let Some(line) = line {
                    self.offset = i.saturating_sub(line);
                }
            }
            None => self.set_len(rows.len()),
        }
        self.scroll_to_selection();
        found.is_some()
    }

    /// Selects the row whose key is `key`; returns false (selection unchanged) if none has.
    pub fn select_id<T, K: PartialEq>(
        &mut self,
        rows: &[T],
        key_of: impl Fn(&T) -> K,
        key: &K,
    ) -> bool {
        match rows.iter().position(|r| key_of(r) == *key) {
            Some(i) => {
                self.len = rows.len();
                self.select(Some(i));
                true
            }
            None => false,
        }
    }

    /// The rows shown when the list is `rows` high: the stored offset, moved as little as
    /// needed to show the selection and not to leave empty lines below the last row.
    pub fn visible_range(&self, rows: usize) -> Range<usize> {
        let offset = visible_offset(self.offset, self.selected, self.len, rows);
        offset..(offset + rows).min(self.len)
    }

    fn page(&self) -> usize {
        self.height.saturating_sub(1).max(1)
    }

    fn scroll_to_selection(&mut self) {
        if self.height > 0 {
            self.offset = visible_offset(self.offset, self.selected, self.len, self.height);
        } else {
            self.offset = self.offset.min(self.len.saturating_sub(1));
        }
    }
}

fn visible_offset(offset: usize, selected: Option<usize>, len: usize, rows: usize) -> usize {
    if rows == 0 || len == 0 {
        return 0;
    }
    let mut o = offset.min(len.saturating_sub(rows));
    if let Some(s) = selected {
        if s < o {
            o = s;
        } else if s >= o + rows {
            o = s + 1 - rows;
        }
    }
    o
}

/// How a column takes its share of the width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnWidth {
    /// Exactly this many columns (a date, a count, a masked phone).
    Fixed(u16),
    /// A share of what the fixed columns leave (a name, an address).
    Fill(u16),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    /// Numbers line up on the right.
    Right,
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub title: String,
    pub width: ColumnWidth,
    pub align: Align,
}

impl Column {
    pub fn new(title: &str, width: ColumnWidth) -> Column {
        Column {
            title: title.to_string(),
            width,
            align: Align::Left,
        }
    }

    pub fn right(mut self) -> Column {
        self.align = Align::Right;
        self
    }
}

/// The widths of `columns` in `total` columns, with one space between neighbours. Fixed
/// columns get their width first, left to right, while there is room; fill columns share
/// the rest by weight.
pub fn layout_columns(columns: &[Column], total: u16) -> Vec<u16> {
    let gaps = columns.len().saturating_sub(1) as u16;
    let mut left = total.saturating_sub(gaps);
    let mut widths = vec![0u16; columns.len()];
    for (w, c) in widths.iter_mut().zip(columns) {
        if let ColumnWidth::Fixed(n) = c.width {
            *w = n.min(left);
            left -= *w;
        }
    }
    let weights: u32 = columns
        .iter()
        .map(|c| match c.width {
            ColumnWidth::Fill(n) => n as u32,
            ColumnWidth::Fixed(_) => 0,
        })
        .sum();
    let room = left as u32;
    let mut given = 0u32;
    let mut seen = 0u32;
    for (w, c) in widths.iter_mut().zip(columns) {
        if let ColumnWidth::Fill(n) = c.width {
            seen += n as u32;
            // Cumulative rounding, so the shares add up to exactly the room. No fill column
            // has weight when `weights` is zero, so `checked_div` only guards Fill(0) alone.
            let upto = (room * seen).checked_div(weights).unwrap_or(0);
            *w = (upto - given) as u16;
            given = upto;
        }
    }
    widths
}

/// Draws the column titles and the visible rows of a list. `cells(i)` gives the texts of row `i`.
pub struct TableView<'a, F> {
    pub columns: &'a [Column],
    pub state: &'a ListState,
    pub cells: F,
    /// The style of the header row of column titles; `None` draws no header.
    pub header: Option<Style>,
    pub selection_style: Style,
    /// Shown instead of rows when the list is empty.
    pub empty: &'a str,
}

impl<F: Fn(usize) -> Vec<String>> Widget for TableView<'_, F> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let widths = layout_columns(self.columns, area.width);
        let mut body = area;
        if let Some(style) = self.header {
            let titles: Vec<String> = self.columns.iter().map(|c| c.title.clone()).collect();
            let line = format_row(self.columns, &widths, &titles);
            buf.set_style(Rect { height: 1, ..area }, style);
            buf.set_stringn(area.x, area.y, &line, area.width as usize, style);
            body.y += 1;
            body.height -= 1;
        }
        if body.height == 0 {
            return;
        }
        if self.state.is_empty() {
            let text = truncate(self.empty, body.width as usize);
            buf.set_stringn(body.x, body.y, text, body.width as usize, Style::new());
            return;
        }
        for (line_no, i) in self.state.visible_range(body.height as usize).enumerate() {
            let y = body.y + line_no as u16;
            let line = format_row(self.columns, &widths, &(self.cells)(i));
            let style = if self.state.selected() == Some(i) {
                self.selection_style
            } else {
                Style::new()
            };
            // The whole row width is styled so the reverse-video bar reaches the border.
            buf.set_style(Rect::new(body.x, y, body.width, 1), style);
            buf.set_stringn(body.x, y, &line, body.width as usize, style);
        }
    }
}

/// One row as text: every cell cut or padded to its column's display width.
pub fn format_row(columns: &[Column], widths: &[u16], cells: &[String]) -> String {
    let mut out = String::new();
    for (i, (col, w)) in columns.iter().zip(widths).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let text = cells.get(i).map(String::as_str).unwrap_or("");
        match col.align {
            Align::Left => out.push_str(&pad_right(text, *w as usize)),
            Align::Right => out.push_str(&pad_left(text, *w as usize)),
        }
    }
    out
}

#[cfg(test)]
mod tests;
