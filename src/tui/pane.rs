//! One list of the screen (社区, 党员, 岗位, 服务记录卡, 单位): its rows, the `/` filter over
//! them and the selection, which follows the record (by id) when rows are reloaded or the
//! filter changes.
//!
//! Owns: rows, filter text, the filtered order, selection. Must not touch: where rows come
//! from, how they are drawn, key bindings.

use super::filter::{RowIndex, RowKey, filter_rows};
use super::widgets::list::ListState;
use super::widgets::text_input::{Edit, TextInput};
use crate::domain::Id;

/// A row that has a record id and searchable text.
pub trait PaneRow {
    fn id(&self) -> Id;
    /// The fields the filter searches: what the row shows, personal data left out.
    fn key(&self, lang: crate::i18n::Lang) -> RowKey;
}

/// A filterable, selectable list of rows.
#[derive(Debug, Clone)]
pub struct PaneList<T> {
    rows: Vec<T>,
    /// The rows' filter keys, made on the first filter over these rows: pinyin for 80,000
    /// units takes longer than reading them, and most lists are never filtered.
    keys: RowIndex,
    lang: crate::i18n::Lang,
    /// Indices into `rows` of the rows shown, in order.
    shown: Vec<usize>,
    pub list: ListState,
    pub filter: TextInput,
    /// Whether the filter field has the keyboard.
    pub filtering: bool,
    /// Whether rows were ever loaded (an empty list is then "nothing on file", not "loading").
    pub loaded: bool,
    /// The rows are filtered where they are read (the units view, by the ledger's index):
    /// every row given is shown, and the filter's text goes with the next load.
    outside: bool,
    /// The filter changed and its rows are on their way: they arrive with the first match
    /// selected.
    first_match: bool,
}

impl<T> Default for PaneList<T> {
    fn default() -> Self {
        PaneList {
            rows: Vec::new(),
            keys: RowIndex::default(),
            lang: crate::i18n::Lang::default(),
            shown: Vec::new(),
            list: ListState::default(),
            filter: TextInput::new(),
            filtering: false,
            loaded: false,
            outside: false,
            first_match: false,
        }
    }
}

impl<T> PaneList<T> {
    /// A list whose rows are filtered where they are read: a province's units are never all
    /// held, so the filter cannot run over them here.
    pub fn filtered_outside() -> Self {
        PaneList {
            outside: true,
            ..PaneList::default()
        }
    }
}

impl<T: PaneRow> PaneList<T> {
    /// Replaces the rows, keeping the filter and the selected record when it is still there.
    pub fn set_rows(&mut self, rows: Vec<T>, lang: crate::i18n::Lang) {
        let first_match = std::mem::take(&mut self.first_match);
        let previous = self.selected_id();
        self.keys = RowIndex::default();
        self.lang = lang;
        self.rows = rows;
        self.loaded = true;
        if first_match {
            self.refilter(None);
            self.list.select((!self.shown.is_empty()).then_some(0));
        } else {
            self.refilter(previous);
        }
    }

    /// Drops the rows of `ids` (records found gone when their lines were read), keeping the
    /// selected record when it is not one of them.
    pub fn drop_rows(&mut self, ids: &[Id]) {
        let previous = self.selected_id();
        self.rows.retain(|r| !ids.contains(&r.id()));
        self.keys = RowIndex::default();
        self.refilter(previous);
    }

    /// Forgets the rows (the community changed; its members are being read).
    pub fn clear(&mut self) {
        self.rows.clear();
        self.keys = RowIndex::default();
        self.shown.clear();
        self.list = ListState::new(0);
        self.loaded = false;
    }

    pub fn rows(&self) -> &[T] {
        &self.rows
    }

    /// The rows shown, after the filter.
    pub fn shown_len(&self) -> usize {
        self.shown.len()
    }

    /// The `i`-th row shown.
    pub fn shown(&self, i: usize) -> Option<&T> {
        self.shown.get(i).and_then(|r| self.rows.get(*r))
    }

    pub fn selected(&self) -> Option<&T> {
        self.list.selected().and_then(|i| self.shown(i))
    }

    pub fn selected_id(&self) -> Option<Id> {
        self.selected().map(PaneRow::id)
    }

    /// Selects the record `id` if it is shown.
    pub fn select_id(&mut self, id: Id) -> bool {
        match (0..self.shown.len()).find(|i| self.shown(*i).map(PaneRow::id) == Some(id)) {
            Some(i) => {
                self.list.select(Some(i));
                true
            }
            None => false,
        }
    }

    pub fn is_filtered(&self) -> bool {
        !self.filter.is_empty()
    }

    /// Applies an edit to the filter text and narrows the list at once.
    pub fn edit_filter(&mut self, edit: Edit) {
        if self.filter.apply(edit) {
            // The selection follows the first match: what Enter, `i` or `e` act on is the
            // row the filter put on top, never one selected before typing.
            self.refilter(None);
            self.list.select((!self.shown.is_empty()).then_some(0));
            self.first_match = self.outside;
        }
    }

    /// Whether the rows are filtered where they are read (see [`PaneList::filtered_outside`]).
    pub fn is_filtered_outside(&self) -> bool {
        self.outside
    }

    /// Empties the filter: every row shows again, the selected record stays selected.
    pub fn clear_filter(&mut self) {
        let previous = self.selected_id();
        self.filter.set_value("");
        self.refilter(previous);
    }

    fn refilter(&mut self, previous: Option<Id>) {
        if self.outside || self.filter.value().trim().is_empty() {
            self.shown = (0..self.rows.len()).collect();
        } else {
            if self.keys.len() != self.rows.len() {
                self.keys = RowIndex::new(self.rows.iter().map(|r| r.key(self.lang)).collect());
            }
            self.shown = filter_rows(self.filter.value(), &self.keys);
        }
        let (rows, shown) = (&self.rows, &self.shown);
        let previous = previous.map(Some);
        self.list
            .refresh(shown, |i| rows.get(*i).map(PaneRow::id), previous.as_ref());
    }

    /// The ids of the rows in `range` of the shown list (the ones on screen).
    pub fn ids_in(&self, range: std::ops::Range<usize>) -> Vec<Id> {
        range
            .filter_map(|i| self.shown(i).map(PaneRow::id))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone)]
    struct Row(u128, &'static str);

    impl PaneRow for Row {
        fn id(&self) -> Id {
            Id(self.0)
        }
        fn key(&self, _: crate::i18n::Lang) -> RowKey {
            RowKey::new(&[self.1])
        }
    }

    #[test]
    fn the_selection_follows_the_first_match_as_the_filter_is_typed() {
        let mut list = PaneList::default();
        let names = ["曲靖一中", "曲靖实验小学", "麒麟区实验小学", "沾益实验小学"];
        let rows = names
            .iter()
            .enumerate()
            .map(|(i, n)| Row(i as u128, n))
            .collect();
        list.set_rows(rows, crate::i18n::Lang::Zh);
        // The clerk had the third row selected, which the filter keeps…
        list.select_id(Id(2));
        for c in "实验小学".chars() {
            list.edit_filter(Edit::Insert(c));
        }
        assert_eq!(list.shown_len(), 3);
        // …but what `i` or Enter acts on is the first match.
        assert_eq!(list.selected_id(), Some(Id(1)));
    }

    #[test]
    fn a_list_filtered_where_it_is_read_shows_what_arrives_and_keeps_the_rules() {
        let lang = crate::i18n::Lang::Zh;
        let rows = |ids: &[u128]| ids.iter().map(|i| Row(*i, "")).collect::<Vec<_>>();
        let mut list = PaneList::filtered_outside();
        list.set_rows(rows(&[1, 2, 3, 4, 5]), lang);
        list.select_id(Id(4));
        // Typing does not filter here (the keys are empty): the rows for the text arrive,
        // and the first of them is selected.
        list.edit_filter(Edit::Insert('x'));
        assert_eq!(list.shown_len(), 5);
        list.set_rows(rows(&[2, 5]), lang);
        assert_eq!((list.shown_len(), list.selected_id()), (2, Some(Id(2))));
        list.list.select(Some(1));
        // Cleared, every row comes back with the selected one still selected.
        list.clear_filter();
        list.set_rows(rows(&[1, 2, 3, 4, 5]), lang);
        assert_eq!((list.shown_len(), list.selected_id()), (5, Some(Id(5))));
        // A row found gone when its line is read is dropped; the selection stays.
        list.drop_rows(&[Id(3)]);
        assert_eq!((list.shown_len(), list.selected_id()), (4, Some(Id(5))));
    }
}
