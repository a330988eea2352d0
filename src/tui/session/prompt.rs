//! A one-line question over a year screen: a reason, a comment, a note, a number. The screens
//! that ask (the session, requests, settings) keep what the answer is for; this holds the
//! typing and draws the box.
//!
//! Owns: the question, the field, its drawing. Must not touch: what the answer does.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::i18n::{Lang, tf};
use crate::tui::command::{CommandId, Context};
use crate::tui::keymap::{Keymap, key_in};
use crate::tui::text::truncate;
use crate::tui::theme::Theme;
use crate::tui::widgets::popup_area;
use crate::tui::widgets::text_input::{Edit, TextInput};

/// The contexts while a prompt has the keyboard: typing, then Enter/Esc.
pub const CONTEXTS: [Context; 3] = [Context::Input, Context::Overlay, Context::Global];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub title: String,
    /// A line under the field: what is expected, or why the last answer was refused.
    pub note: Note,
    pub input: TextInput,
}

/// The line under a prompt's field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// What the keys do: a catalog key whose `{0}` `{1}` `{2}` `{3}` are the keys in force for
    /// confirming, cancelling, moving on and saving, filled in as drawn (a `keys.toml`
    /// rebind shows as bound).
    Keys(&'static str),
    /// Said as is (why the last answer was refused, the paths that match).
    Said(String),
}

impl Note {
    /// The note as drawn, its keys as they reach `contexts` (a prompt's [`CONTEXTS`]).
    pub fn text(&self, keymap: &Keymap, lang: Lang, contexts: &[Context]) -> String {
        match self {
            Note::Keys(key) => {
                let k = |c| key_in(keymap, contexts, c);
                // Saving is the screen's (the settings' Ctrl-s), below the prompt's contexts.
                let save = key_in(keymap, &[Context::Form], CommandId::Submit);
                tf(
                    lang,
                    key,
                    &[
                        &k(CommandId::Confirm),
                        &k(CommandId::Cancel),
                        &k(CommandId::FocusNext),
                        &save,
                    ],
                )
            }
            Note::Said(text) => text.clone(),
        }
    }
}

/// The contexts of a screen that asks with a prompt: the prompt's while `open` is one.
pub fn contexts_over(open: Option<&Prompt>, screen: &'static [Context]) -> &'static [Context] {
    if open.is_some() { &CONTEXTS } else { screen }
}

/// What a command did to a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Typing,
    Cancelled,
    /// Enter: the text as typed (trimmed).
    Given(String),
    /// Not the prompt's (reveal, presentation, quit).
    Pass(CommandId),
}

impl Prompt {
    /// A prompt whose note says what the keys do (`note`, see [`Note::Keys`]).
    pub fn new(title: &str, value: &str, note: &'static str) -> Prompt {
        Prompt {
            title: title.to_string(),
            note: Note::Keys(note),
            input: TextInput::with_value(value),
        }
    }

    pub fn edit(&mut self, edit: Edit) {
        self.input.apply(edit);
    }

    pub fn apply(&mut self, command: CommandId) -> Answer {
        if let Some(edit) = Edit::from_command(command) {
            self.input.apply(edit);
            return Answer::Typing;
        }
        match command {
            CommandId::Confirm => Answer::Given(self.input.value().trim().to_string()),
            CommandId::Cancel | CommandId::Close => Answer::Cancelled,
            CommandId::MoveUp | CommandId::MoveDown | CommandId::PageUp | CommandId::PageDown => {
                Answer::Typing
            }
            other => Answer::Pass(other),
        }
    }

    fn layout(area: Rect) -> (Rect, Rect, Rect) {
        let popup = popup_area(area, 72, 4);
        let inner = Block::new().borders(Borders::ALL).inner(popup);
        let field = Rect {
            height: inner.height.min(1),
            ..inner
        };
        let note = Rect {
            y: inner.y + field.height,
            height: inner.height.saturating_sub(field.height).min(1),
            ..inner
        };
        (popup, field, note)
    }

    pub fn cursor_position(&self, area: Rect) -> Option<Position> {
        let (_, field, _) = Prompt::layout(area);
        (!field.is_empty()).then(|| self.input.cursor_position(field))
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, ui: (&Keymap, Lang)) {
        let (popup, field, note) = Prompt::layout(area);
        if popup.is_empty() {
            return;
        }
        Clear.render(popup, buf);
        theme.screen_block(&self.title).render(popup, buf);
        if field.height > 0 {
            self.input.render(field, buf);
        }
        if note.height > 0 {
            let w = note.width as usize;
            let text = self.note.text(ui.0, ui.1, &CONTEXTS);
            buf.set_stringn(note.x, note.y, truncate(&text, w), w, theme.dim);
        }
    }
}
