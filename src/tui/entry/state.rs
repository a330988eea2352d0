//! What data entry remembers between forms: the undo and redo stacks of this session, the
//! completions of the community being typed for, and the card's marked range.
//!
//! Owns: that memory. Must not touch: the ledger (undo runs through the runtime like any save).

use crate::domain::Id;
use crate::smart_input::history::Completions;
use crate::tui::data::ServiceRow;
use crate::tui::pane::PaneList;
use crate::tui::runtime::Change;

/// One save that `u` can take back, named for the status line.
#[derive(Debug, Clone, PartialEq)]
pub struct UndoEntry {
    pub what: String,
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, Default)]
pub struct EntryState {
    pub undo: Vec<UndoEntry>,
    pub redo: Vec<UndoEntry>,
    /// The community's contents and places, for completion.
    pub completions: Option<(Id, Completions)>,
    /// The card row `v` marked; the range runs from it to the selected row.
    pub mark: Option<Id>,
    /// Who signed the last certification of this session: the next one starts from them.
    pub signer: Option<(crate::domain::CertifierRole, String)>,
}

impl EntryState {
    /// The ids of the card's marked range (the selected row alone when nothing is marked).
    pub fn marked_rows(&self, card: &PaneList<ServiceRow>) -> Vec<Id> {
        let Some(sel) = card.list.selected() else {
            return Vec::new();
        };
        let anchor = self
            .mark
            .and_then(|m| (0..card.shown_len()).find(|i| card.shown(*i).map(|r| r.id) == Some(m)));
        let (a, b) = match anchor {
            Some(a) => (a.min(sel), a.max(sel)),
            None => (sel, sel),
        };
        (a..=b)
            .filter_map(|i| card.shown(i).map(|r| r.id))
            .collect()
    }

    /// Whether row `id` is in the marked range (drawn with a marker).
    pub fn is_marked(&self, card: &PaneList<ServiceRow>, id: Id) -> bool {
        self.mark.is_some() && self.marked_rows(card).contains(&id)
    }
}
