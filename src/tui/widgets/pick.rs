//! A list to pick one record from by typing: the session's jump to a member, the reports
//! view's unit, which of a member's pairings to edit. The rows are matched by the one search
//! engine of the lists' filters ([`crate::tui::filter`]): names by pinyin initials or in
//! full, 单丽萍 as `slp`. The selection goes to the first match as the query is typed; Enter
//! picks, Esc leaves.
//!
//! The keys of a row are given by the screen that opens the list, and must hold only what the
//! row shows: a list drawn while personal data is hidden never matches on it.
//!
//! Owns: the query, the rows, the selection, the drawing. Must not touch: what a pick does.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};

use super::list::ListState;
use super::popup_area;
use super::text_input::{Edit, TextInput};
use crate::tui::command::{CommandId, Context};
use crate::tui::filter::{RowIndex, RowKey, filter_rows};
use crate::tui::text::truncate;
use crate::tui::theme::Theme;

/// The contexts while a pick list has the keyboard: typing, then the list's moves, Enter, Esc.
pub const CONTEXTS: [Context; 3] = [Context::Input, Context::Overlay, Context::Global];

/// One row: what is drawn, what it is matched by, what picking it gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickRow<T> {
    pub label: String,
    pub key: RowKey,
    pub value: T,
}

#[derive(Debug, Clone)]
pub struct PickList<T> {
    pub title: String,
    /// A line under the rows: what Enter does, or why nothing is listed.
    pub note: String,
    pub input: TextInput,
    rows: Vec<PickRow<T>>,
    index: RowIndex,
    /// Indices into `rows` of the rows matching the query.
    shown: Vec<usize>,
    pub list: ListState,
}

/// Equal when they show the same (the index is built from the rows).
impl<T: PartialEq> PartialEq for PickList<T> {
    fn eq(&self, other: &Self) -> bool {
        (
            &self.title,
            &self.note,
            &self.input,
            &self.rows,
            &self.shown,
            &self.list,
        ) == (
            &other.title,
            &other.note,
            &other.input,
            &other.rows,
            &other.shown,
            &other.list,
        )
    }
}

impl<T: Eq> Eq for PickList<T> {}

/// What a command did to a pick list.
#[derive(Debug, Clone, PartialEq)]
pub enum Picked<T> {
    Typing,
    Cancelled,
    Chosen(T),
    /// Not the list's (reveal, presentation, quit).
    Pass(CommandId),
}

impl<T: Clone> PickList<T> {
    /// The list of `rows`, `select` (an index into them) selected.
    pub fn new(title: String, note: String, rows: Vec<PickRow<T>>, select: Option<usize>) -> Self {
        let index = RowIndex::new(rows.iter().map(|r| r.key.clone()).collect());
        let mut p = PickList {
            title,
            note,
            input: TextInput::new(),
            shown: (0..rows.len()).collect(),
            list: ListState::new(rows.len()),
            rows,
            index,
        };
        p.list.set_height(p.page());
        if select.is_some() {
            p.list.select(select);
        }
        p
    }

    /// Rows the popup shows on a screen tall enough (the layout's).
    fn page(&self) -> usize {
        self.rows.len().clamp(3, 14)
    }

    pub fn edit(&mut self, edit: Edit) {
        if self.input.apply(edit) {
            self.shown = filter_rows(self.input.value(), &self.index);
            self.list = ListState::new(self.shown.len());
            self.list.set_height(self.page());
        }
    }

    pub fn apply(&mut self, c: CommandId) -> Picked<T> {
        if let Some(edit) = Edit::from_command(c) {
            self.edit(edit);
            return Picked::Typing;
        }
        if self.list.apply(c) {
            return Picked::Typing;
        }
        match c {
            CommandId::Confirm => match self.selected() {
                Some(r) => Picked::Chosen(r.value.clone()),
                None => Picked::Typing,
            },
            CommandId::Cancel | CommandId::Close => Picked::Cancelled,
            other => Picked::Pass(other),
        }
    }

    pub fn selected(&self) -> Option<&PickRow<T>> {
        self.rows.get(*self.shown.get(self.list.selected()?)?)
    }

    /// The rows matching the query.
    pub fn shown(&self) -> impl Iterator<Item = &PickRow<T>> {
        self.shown.iter().filter_map(|i| self.rows.get(*i))
    }

    /// The popup: a title, the query, the rows that fit, the note.
    fn layout(&self, area: Rect) -> (Rect, Rect, Rect, Rect) {
        let height = self.page() as u16 + 4;
        let popup = popup_area(area, 64, height);
        let inner = Rect {
            x: popup.x + 1,
            y: popup.y + 1,
            width: popup.width.saturating_sub(2),
            height: popup.height.saturating_sub(2),
        };
        let field = Rect { height: 1, ..inner };
        let note = Rect {
            y: inner.bottom().saturating_sub(1),
            height: 1,
            ..inner
        };
        let rows = Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(2),
            ..inner
        };
        (popup, field, rows, note)
    }

    pub fn cursor_position(&self, area: Rect) -> Option<Position> {
        let (_, field, _, _) = self.layout(area);
        (!field.is_empty()).then(|| self.input.cursor_position(field))
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let (popup, field, rows, note) = self.layout(area);
        if popup.height < 4 {
            return;
        }
        Clear.render(popup, buf);
        theme.screen_block(&self.title).render(popup, buf);
        self.input.render(field, buf);
        let w = rows.width as usize;
        for (line, i) in self.list.visible_range(rows.height as usize).enumerate() {
            let Some(row) = self.shown.get(i).and_then(|r| self.rows.get(*r)) else {
                break;
            };
            let style = if self.list.selected() == Some(i) {
                theme.selection
            } else {
                Style::new()
            };
            let y = rows.y + line as u16;
            buf.set_style(Rect::new(rows.x, y, rows.width, 1), style);
            buf.set_stringn(rows.x, y, truncate(&row.label, w), w, style);
        }
        buf.set_stringn(
            note.x,
            note.y,
            truncate(&self.note, note.width as usize),
            note.width as usize,
            theme.dim,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<PickRow<u32>> {
        ["曹顺仙", "单丽萍", "张伟", "王芳"]
            .iter()
            .enumerate()
            .map(|(i, n)| PickRow {
                label: n.to_string(),
                key: RowKey::person(&[n]),
                value: i as u32,
            })
            .collect()
    }

    #[test]
    fn typing_narrows_by_the_search_engine_and_selects_the_first_match() {
        let mut p = PickList::new(String::new(), String::new(), rows(), Some(3));
        assert_eq!(p.selected().map(|r| r.value), Some(3));
        for c in "slp".chars() {
            p.edit(Edit::Insert(c));
        }
        assert_eq!(p.shown().count(), 1);
        assert_eq!(p.apply(CommandId::Confirm), Picked::Chosen(1));
        p.edit(Edit::KillToStart);
        assert_eq!(p.shown().count(), 4);
        assert_eq!(p.apply(CommandId::Bottom), Picked::Typing);
        assert_eq!(p.selected().map(|r| r.value), Some(3));
        p.edit(Edit::Paste("火星".into()));
        assert_eq!(
            p.apply(CommandId::Confirm),
            Picked::Typing,
            "nothing to pick"
        );
        assert_eq!(p.apply(CommandId::Cancel), Picked::Cancelled);
        assert_eq!(p.apply(CommandId::Help), Picked::Pass(CommandId::Help));
    }
}
