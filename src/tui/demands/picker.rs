//! Choosing whom a request goes to: a member, a post or a volunteer team of the community.
//! Typing narrows the list by the one search engine of the lists' filters
//! ([`crate::tui::filter`]): names by pinyin initials or in full, 单丽萍 as `slp`, as in
//! search. Enter picks.
//!
//! A row is matched only on the label it shows (no phones are listed here), so presenting
//! hides nothing the query could reveal.
//!
//! Owns: the query, the candidates and the selection. Must not touch: the request.

use super::work::Target;
use crate::tui::filter::{RowIndex, RowKey, filter_rows};
use crate::tui::widgets::list::ListState;
use crate::tui::widgets::text_input::{Edit, TextInput};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub label: String,
    pub target: Target,
}

impl Candidate {
    pub fn new(label: String, target: Target) -> Candidate {
        Candidate { label, target }
    }

    /// A member's label is their name, its surname read as a surname (单 shan).
    fn key(&self) -> RowKey {
        match self.target {
            Target::Member(_) => RowKey::person(&[&self.label]),
            _ => RowKey::new(&[&self.label]),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Picker {
    pub title: String,
    pub input: TextInput,
    pub all: Vec<Candidate>,
    index: RowIndex,
    /// Indices into `all` of the candidates matching the query.
    pub shown: Vec<usize>,
    pub list: ListState,
}

/// Equal when they show the same (the index is built from the candidates).
impl PartialEq for Picker {
    fn eq(&self, other: &Self) -> bool {
        (&self.title, &self.input, &self.all, &self.shown, &self.list)
            == (
                &other.title,
                &other.input,
                &other.all,
                &other.shown,
                &other.list,
            )
    }
}

impl Eq for Picker {}

impl Picker {
    pub fn new(title: String, all: Vec<Candidate>, preselect: Option<&Target>) -> Picker {
        let index = RowIndex::new(all.iter().map(Candidate::key).collect());
        let mut p = Picker {
            title,
            input: TextInput::new(),
            shown: (0..all.len()).collect(),
            list: ListState::new(all.len()),
            all,
            index,
        };
        if let Some(t) = preselect {
            p.list.select(p.all.iter().position(|c| &c.target == t));
        }
        p
    }

    pub fn edit(&mut self, edit: Edit) {
        if self.input.apply(edit) {
            self.shown = filter_rows(self.input.value(), &self.index);
            self.list = ListState::new(self.shown.len());
        }
    }

    pub fn selected(&self) -> Option<&Candidate> {
        self.all.get(*self.shown.get(self.list.selected()?)?)
    }

    pub fn shown(&self) -> impl Iterator<Item = &Candidate> {
        self.shown.iter().filter_map(|i| self.all.get(*i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Id;

    #[test]
    fn narrows_by_initials_and_keeps_posts_and_teams() {
        let mut p = Picker::new(
            String::new(),
            vec![
                Candidate::new("曹顺仙".into(), Target::Member(Id(1))),
                Candidate::new("张伟".into(), Target::Member(Id(2))),
                Candidate::new("政策法规宣传岗".into(), Target::Post(Id(3))),
                Candidate::new("楼栋服务队".into(), Target::Team("楼栋服务队".into())),
            ],
            Some(&Target::Member(Id(2))),
        );
        assert_eq!(p.selected().map(|c| c.label.as_str()), Some("张伟"));
        for c in "csx".chars() {
            p.edit(Edit::Insert(c));
        }
        assert_eq!(
            p.selected().map(|c| &c.target),
            Some(&Target::Member(Id(1)))
        );
        p.edit(Edit::KillToStart);
        p.edit(Edit::Paste("服务队".into()));
        assert_eq!(p.shown().count(), 1);
    }
}
