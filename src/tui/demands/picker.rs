//! Choosing whom a request goes to: a member (by name or pinyin initials, as in search), a
//! post or a volunteer team of the community. Typing narrows the list; Enter picks.
//!
//! Owns: the query, the candidates and the selection. Must not touch: the request.

use super::io::Target;
use crate::tui::widgets::list::ListState;
use crate::tui::widgets::palette::pinyin_keys;
use crate::tui::widgets::text_input::{Edit, TextInput};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub label: String,
    pub target: Target,
    initials: String,
    full: String,
}

impl Candidate {
    pub fn new(label: String, target: Target) -> Candidate {
        let (initials, full) = pinyin_keys(&label);
        Candidate {
            label,
            target,
            initials,
            full,
        }
    }

    fn matches(&self, q: &str) -> bool {
        q.is_empty()
            || self.label.contains(q)
            || self.initials.starts_with(q)
            || self.full.contains(q)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub title: String,
    pub input: TextInput,
    pub all: Vec<Candidate>,
    /// Indices into `all` of the candidates matching the query.
    pub shown: Vec<usize>,
    pub list: ListState,
}

impl Picker {
    pub fn new(title: String, all: Vec<Candidate>, preselect: Option<&Target>) -> Picker {
        let mut p = Picker {
            title,
            input: TextInput::new(),
            shown: (0..all.len()).collect(),
            list: ListState::new(all.len()),
            all,
        };
        if let Some(t) = preselect {
            p.list.select(p.all.iter().position(|c| &c.target == t));
        }
        p
    }

    pub fn edit(&mut self, edit: Edit) {
        if self.input.apply(edit) {
            let q = self.input.value().trim().to_lowercase();
            self.shown = (0..self.all.len())
                .filter(|i| self.all[*i].matches(&q))
                .collect();
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
