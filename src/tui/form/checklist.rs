//! A list to tick, under a form's fields: the members a unit issues slips to, the attendees of
//! an activity (each with their hours). Typing filters it (characters or pinyin initials, as
//! the panes' `/` filter), space ticks the row under the cursor, `*` ticks every row shown,
//! `+`/`-` change the row's hours by half an hour.
//!
//! Owns: the rows, their ticks and hours, the filter, the cursor. Must not touch: saving.

use crate::domain::{Hours, Id};
use crate::tui::filter::{RowIndex, RowKey, filter_rows};
use crate::tui::widgets::text_input::{Edit, TextInput};

/// One row to tick.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: Id,
    pub label: String,
    pub detail: String,
    pub ticked: bool,
    /// Each attendee's hours (activities); `None` where hours mean nothing (slips).
    pub hours: Option<Hours>,
    /// Hours changed for this row alone; the others follow the activity's default.
    pub custom: bool,
}

#[derive(Debug, Clone)]
pub struct Checklist {
    pub items: Vec<Item>,
    keys: RowIndex,
    pub filter: TextInput,
    /// Indices of the items shown, after the filter.
    pub shown: Vec<usize>,
    /// Position in `shown`.
    pub cursor: usize,
    /// Ticks and hours as opened, to tell whether anything was changed.
    initial: Vec<(bool, Option<Hours>)>,
}

impl Checklist {
    pub fn new(items: Vec<Item>) -> Checklist {
        // Every checklist lists members (attendees, the members a slip goes to).
        let keys = RowIndex::new(
            items
                .iter()
                .map(|i| RowKey::person(&[&i.label, &i.detail]))
                .collect(),
        );
        let initial = items.iter().map(|i| (i.ticked, i.hours)).collect();
        let shown = (0..items.len()).collect();
        Checklist {
            items,
            keys,
            filter: TextInput::new(),
            shown,
            cursor: 0,
            initial,
        }
    }

    pub fn changed(&self) -> bool {
        self.items
            .iter()
            .zip(&self.initial)
            .any(|(i, (t, h))| i.ticked != *t || i.hours != *h)
    }

    pub fn ticked(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.ticked)
    }

    fn current(&mut self) -> Option<&mut Item> {
        let i = *self.shown.get(self.cursor)?;
        self.items.get_mut(i)
    }

    /// A key typed while the list has the keyboard.
    pub fn edit(&mut self, edit: Edit) {
        match edit {
            Edit::Insert(' ') => {
                if let Some(item) = self.current() {
                    item.ticked = !item.ticked;
                }
            }
            Edit::Insert('*') => {
                // Ticks every row shown; when all were ticked already, unticks them.
                let all = self.shown.iter().all(|i| self.items[*i].ticked);
                for i in self.shown.clone() {
                    self.items[i].ticked = !all;
                }
            }
            Edit::Insert(c @ ('+' | '-')) => {
                if let Some(item) = self.current()
                    && let Some(h) = item.hours
                {
                    let halves = if c == '+' {
                        (h.0 + 1).min(Hours::DAY_MAX.0)
                    } else {
                        h.0.saturating_sub(1).max(1)
                    };
                    item.hours = Some(Hours(halves));
                    item.custom = true;
                }
            }
            other => {
                if self.filter.apply(other) {
                    self.refilter();
                }
            }
        }
    }

    /// The activity's default hours changed: rows not adjusted one by one follow it.
    pub fn set_default(&mut self, hours: Hours) {
        for item in &mut self.items {
            if item.hours.is_some() && !item.custom {
                item.hours = Some(hours);
            }
        }
    }

    pub fn up(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn down(&mut self) {
        if self.cursor + 1 < self.shown.len() {
            self.cursor += 1;
        }
    }

    fn refilter(&mut self) {
        self.shown = if self.filter.value().trim().is_empty() {
            (0..self.items.len()).collect()
        } else {
            filter_rows(self.filter.value(), &self.keys)
        };
        // The cursor goes to the first match, as in every filtered list.
        self.cursor = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> Checklist {
        let item = |n: u128, name: &str| Item {
            id: Id(n),
            label: name.into(),
            detail: String::new(),
            ticked: false,
            hours: Some(Hours(4)),
            custom: false,
        };
        Checklist::new(vec![item(1, "张伟"), item(2, "王芳"), item(3, "张敏")])
    }

    #[test]
    fn space_ticks_star_ticks_what_is_shown_and_hours_move_by_half() {
        let mut c = list();
        c.edit(Edit::Insert(' '));
        assert!(c.items[0].ticked);
        for ch in "zm".chars() {
            c.edit(Edit::Insert(ch));
        }
        assert_eq!(c.shown, vec![2]);
        c.edit(Edit::Insert('*'));
        assert!(c.items[2].ticked && !c.items[1].ticked);
        c.edit(Edit::Insert('+'));
        assert_eq!(c.items[2].hours, Some(Hours(5)));
        assert!(c.changed());
        assert_eq!(c.ticked().count(), 2);
        c.set_default(Hours(6));
        assert_eq!(c.items[0].hours, Some(Hours(6)));
        assert_eq!(c.items[2].hours, Some(Hours(5)), "adjusted by hand, kept");
    }

    #[test]
    fn the_filter_reads_names_as_search_does_and_the_cursor_goes_to_the_first_match() {
        let item = |n: u128, name: &str| Item {
            id: Id(n),
            label: name.into(),
            detail: String::new(),
            ticked: false,
            hours: None,
            custom: false,
        };
        let mut c = Checklist::new(vec![item(1, "丁立平"), item(2, "王芳"), item(3, "单丽萍")]);
        c.down();
        c.down();
        // 单 as a surname is shan: `slp`, not `dlp`, as in the search overlay.
        for ch in "slp".chars() {
            c.edit(Edit::Insert(ch));
        }
        assert_eq!(c.shown, vec![2]);
        assert_eq!(c.cursor, 0);
        c.edit(Edit::Insert(' '));
        assert!(c.items[2].ticked, "the match is ticked, not an old row");
    }
}
