//! The help overlay (`?`, F1): every key that works where the clerk is, generated from the
//! keymap, so it lists exactly the bindings in force, `keys.toml` included.
//!
//! Owns: the help lines and their scroll. Must not touch: the bindings themselves.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

use super::popup_area;
use crate::i18n::{Lang, t, tf};
use crate::tui::command::{CommandId, Context};
use crate::tui::keymap::{Keymap, format_keys};
use crate::tui::layer::{Cx, Drawn, Layer, Outcome, scroll};
use crate::tui::text::{pad_right, truncate, width};

/// The contexts the help overlay's own keys are resolved in.
pub const CONTEXTS: [Context; 2] = [Context::Overlay, Context::Global];

/// Columns of a note's line: the popup's inside at its usual width.
const NOTE_COLS: usize = 60;

/// One line of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// A context's heading (全局, 列表 …).
    Heading(&'static str),
    /// Keys and the command's name.
    Binding {
        command: CommandId,
        keys: String,
        name: &'static str,
    },
    Blank,
    /// A line of explanation (where `keys.toml` is).
    Note(String),
}

/// The open help overlay.
#[derive(Debug, Clone)]
pub struct Help {
    lines: Vec<HelpLine>,
    scroll: usize,
    lang: Lang,
    /// The key that closes the help, as bound, for the footer.
    close: String,
}

impl Help {
    /// The help for the context stack `beneath` (the contexts under the overlay, topmost
    /// first); `config_path` is where `keys.toml` is read from, shown so a clerk can find it.
    pub fn new(
        keymap: &Keymap,
        beneath: &[Context],
        lang: Lang,
        config_path: Option<&str>,
    ) -> Help {
        let mut lines = Vec::new();
        for section in keymap.help(beneath) {
            if !lines.is_empty() {
                lines.push(HelpLine::Blank);
            }
            lines.push(HelpLine::Heading(section.context.title(lang)));
            for entry in section.entries {
                lines.push(HelpLine::Binding {
                    command: entry.command,
                    keys: format_keys(&entry.keys),
                    name: entry.command.name(lang),
                });
            }
        }
        if let Some(path) = config_path {
            lines.push(HelpLine::Blank);
            lines.push(HelpLine::Note(tf(lang, "tui.help.config", &[&path])));
        }
        Help {
            lines,
            scroll: 0,
            lang,
            close: crate::tui::keymap::key_in(keymap, &CONTEXTS, CommandId::Close),
        }
    }

    /// Only the bindings of the commands `keep` allows, and the headings left with one: the
    /// help names what works where the clerk is, as the footer, the palette and a refusal
    /// do (`App::usable`); F8 refuses `U` and F2, so its help does not list them.
    pub fn retain(mut self, keep: impl Fn(CommandId) -> bool) -> Help {
        self.lines
            .retain(|l| !matches!(l, HelpLine::Binding { command, .. } if !keep(*command)));
        // Sections are separated by a blank line; a heading left without keys goes with it.
        let blocks: Vec<Vec<HelpLine>> = self
            .lines
            .split(|l| *l == HelpLine::Blank)
            .filter(|b| {
                !b.is_empty()
                    && (!matches!(b[0], HelpLine::Heading(_))
                        || b.iter().any(|l| matches!(l, HelpLine::Binding { .. })))
            })
            .map(<[HelpLine]>::to_vec)
            .collect();
        let lines = blocks.join(&HelpLine::Blank);
        self.lines = lines;
        self
    }

    /// A paragraph of explanation under the keys (how a field of several records is typed),
    /// in lines that fit the popup.
    pub fn with_note(mut self, note: &str) -> Help {
        self.lines.push(HelpLine::Blank);
        let mut line = String::new();
        for c in note.chars() {
            if width(&line) + width(c.encode_utf8(&mut [0; 4])) > NOTE_COLS {
                self.lines.push(HelpLine::Note(std::mem::take(&mut line)));
            }
            line.push(c);
        }
        self.lines.push(HelpLine::Note(line));
        self
    }

    pub fn lines(&self) -> &[HelpLine] {
        &self.lines
    }

    /// The help as plain text, one binding a line (for tests and `baodao keys`).
    pub fn to_text(&self) -> String {
        let key_cols = self.key_column();
        self.lines
            .iter()
            .map(|l| match l {
                HelpLine::Heading(h) => format!("[{h}]"),
                HelpLine::Binding { keys, name, .. } => {
                    format!("  {}  {name}", pad_right(keys, key_cols))
                }
                HelpLine::Blank => String::new(),
                HelpLine::Note(n) => n.clone(),
            })
            .map(|l| l.trim_end().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn key_column(&self) -> usize {
        self.lines
            .iter()
            .filter_map(|l| match l {
                HelpLine::Binding { keys, .. } => Some(width(keys)),
                _ => None,
            })
            .max()
            .unwrap_or(0)
            .min(24)
    }

    pub fn apply(&mut self, command: CommandId) -> Outcome {
        let last = self.lines.len().saturating_sub(1);
        match command {
            CommandId::Close | CommandId::Help | CommandId::Confirm | CommandId::Quit => {
                Outcome::Close
            }
            c => {
                scroll(&mut self.scroll, c, 10, last);
                Outcome::Stay
            }
        }
    }
}

impl Layer for Help {
    fn contexts(&self) -> &'static [Context] {
        &CONTEXTS
    }

    fn command(&mut self, c: CommandId, _: &Cx) -> Outcome {
        self.apply(c)
    }

    /// It runs nothing beneath: every command is its own or ignored.
    fn offers(&self, _: CommandId) -> bool {
        true
    }
}

/// Draws the help over whatever is beneath.
impl Widget for Drawn<'_, Help> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let h = self.layer;
        let height = (h.lines.len() as u16).saturating_add(2);
        let popup = popup_area(area, 64, height);
        if popup.is_empty() {
            return;
        }
        Clear.render(popup, buf);
        let block = self
            .ui
            .theme
            .screen_block(t(h.lang, "tui.help.title"))
            .title_bottom(format!(" {} ", tf(h.lang, "tui.help.close", &[&h.close])));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let cols = inner.width as usize;
        let rows = inner.height as usize;
        // Scrolled no further than the last screenful.
        let scroll = h.scroll.min(h.lines.len().saturating_sub(rows));
        let key_cols = h.key_column();
        for (i, line) in h.lines.iter().skip(scroll).take(rows).enumerate() {
            let y = inner.y + i as u16;
            let x = inner.x;
            match line {
                HelpLine::Heading(text) => {
                    buf.set_stringn(x, y, truncate(text, cols), cols, self.ui.theme.table_header);
                }
                HelpLine::Binding { keys, name, .. } => {
                    let keys = pad_right(keys, key_cols.min(cols.saturating_sub(1)));
                    let (kx, _) =
                        buf.set_stringn(x + 1, y, &keys, cols.saturating_sub(1), self.ui.theme.key);
                    let rest = cols.saturating_sub((kx - x) as usize + 2);
                    buf.set_stringn(
                        kx + 2,
                        y,
                        truncate(name, rest),
                        rest,
                        self.ui.theme.key_desc,
                    );
                }
                HelpLine::Blank => {}
                HelpLine::Note(text) => {
                    buf.set_stringn(x, y, truncate(text, cols), cols, self.ui.theme.dim);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEvent;

    /// A key as `update` routes it to the help: resolved in its contexts.
    fn press(help: &mut Help, keymap: &Keymap, ev: &KeyEvent) -> Outcome {
        match keymap.resolve(&CONTEXTS, ev) {
            Some(command) => help.apply(command),
            None => Outcome::Stay,
        }
    }
    use crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn lists_the_bindings_of_the_context_in_force() {
        let keymap = Keymap::defaults();
        let help = Help::new(&keymap, &[Context::List, Context::Global], Lang::Zh, None);
        let text = help.to_text();
        assert!(text.starts_with("[列表]"), "{text}");
        assert!(text.contains("j, Down"));
        assert!(text.contains("[全局]"));
        assert!(!text.contains("Ctrl-s"), "form keys do not work in a list");
    }

    #[test]
    fn follows_a_rebinding() {
        let (keymap, _) = Keymap::from_config("list.move_down = \"n\"");
        let help = Help::new(
            &keymap,
            &[Context::List, Context::Global],
            Lang::En,
            Some("keys.toml"),
        );
        assert!(help.lines().contains(&HelpLine::Binding {
            command: CommandId::MoveDown,
            keys: "n".into(),
            name: CommandId::MoveDown.name(Lang::En),
        }));
        assert!(help.to_text().contains("keys.toml"));
    }

    #[test]
    fn escape_closes_and_down_scrolls() {
        let keymap = Keymap::defaults();
        let mut help = Help::new(&keymap, &[Context::List, Context::Global], Lang::Zh, None);
        let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
        assert_eq!(
            press(&mut help, &keymap, &key(KeyCode::Down)),
            Outcome::Stay
        );
        assert_eq!(help.scroll, 1);
        assert_eq!(
            press(&mut help, &keymap, &key(KeyCode::Esc)),
            Outcome::Close
        );
        assert_eq!(
            press(&mut help, &keymap, &key(KeyCode::Char('?'))),
            Outcome::Close
        );
    }
}
