//! The lines read for the rows of a list that holds only ids (a province's communities or
//! units): the rows on screen and the ones asked for and not yet arrived.
//!
//! Owns: which lines are held and which are asked for. Must not touch: reading them.

use std::collections::{HashMap, HashSet};

use crate::domain::Id;

#[derive(Debug)]
pub struct Lines<R> {
    held: HashMap<Id, R>,
    asked: HashSet<Id>,
}

impl<R> Default for Lines<R> {
    fn default() -> Self {
        Self {
            held: HashMap::new(),
            asked: HashSet::new(),
        }
    }
}

impl<R> Lines<R> {
    pub fn get(&self, id: &Id) -> Option<&R> {
        self.held.get(id)
    }

    pub fn contains(&self, id: &Id) -> bool {
        self.held.contains_key(id)
    }

    pub fn len(&self) -> usize {
        self.held.len()
    }

    pub fn is_empty(&self) -> bool {
        self.held.is_empty()
    }

    pub fn ids(&self) -> impl Iterator<Item = &Id> {
        self.held.keys()
    }

    /// A line read without being asked for (the first screen's, read with the list).
    pub fn insert(&mut self, id: Id, line: R) {
        self.held.insert(id, line);
    }

    /// Forgets every line (the ledger changed); answers to earlier asks still arrive and
    /// are kept.
    pub fn clear(&mut self) {
        self.held.clear();
        self.asked.clear();
    }

    /// Keeps the lines of `on_screen` only and returns the ones to read, each once, marked
    /// as asked for so a redraw before they arrive does not ask again.
    pub fn wanted(&mut self, on_screen: &[Id]) -> Vec<Id> {
        self.held.retain(|id, _| on_screen.contains(id));
        on_screen
            .iter()
            .copied()
            .filter(|id| !self.held.contains_key(id) && self.asked.insert(*id))
            .collect()
    }

    /// Lines arrived; returns the ids that had none (archived or gone), which the list drops.
    pub fn arrived(&mut self, lines: Vec<(Id, Option<R>)>) -> Vec<Id> {
        let mut gone = Vec::new();
        for (id, line) in lines {
            self.asked.remove(&id);
            match line {
                Some(l) => {
                    self.held.insert(id, l);
                }
                None => gone.push(id),
            }
        }
        gone
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> Id {
        Id::from_parts(1, u128::from(n))
    }

    #[test]
    fn a_line_is_asked_for_once_and_the_gone_ones_are_named() {
        let mut lines: Lines<&str> = Lines::default();
        // The selected row is on screen too: it is asked for once.
        assert_eq!(lines.wanted(&[id(1), id(2), id(1)]), vec![id(1), id(2)]);
        assert_eq!(lines.wanted(&[id(1), id(2)]), Vec::<Id>::new());
        assert_eq!(
            lines.arrived(vec![(id(1), Some("a")), (id(2), None)]),
            vec![id(2)]
        );
        assert_eq!(lines.get(&id(1)), Some(&"a"));
        // Scrolled away: dropped; back on screen: read again.
        assert_eq!(lines.wanted(&[id(3)]), vec![id(3)]);
        assert!(lines.is_empty());
        assert_eq!(lines.wanted(&[id(1)]), vec![id(1)]);
    }
}
