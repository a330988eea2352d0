//! The command palette (`:`): type part of a command's name, in Chinese, English or pinyin
//! initials (`bz` finds 帮助), and Enter runs it.
//!
//! The candidates are the commands of the registry that apply beneath the palette, so the
//! palette can only offer what a key could do there. The palette resolves its own keys in
//! the `input` and `overlay` contexts; a global command (Ctrl-c, F1) closes it and runs.
//!
//! Owns: the query, the ranked matches, the selection among them. Must not touch: what the
//! chosen command does (the caller runs the returned [`CommandId`]).

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use pinyin::ToPinyin;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::list::{Column, ColumnWidth, ListState, TableView};
use super::popup_area;
use super::text_input::{Edit, TextInput};
use crate::i18n::{Lang, t};
use crate::tui::command::{COMMANDS, CommandId, Context};
use crate::tui::keymap::Keymap;
use crate::tui::layer::{Cx, Drawn, Layer, Outcome};
use crate::tui::theme::Theme;

/// The contexts the palette's own keys are resolved in, topmost first.
pub const CONTEXTS: [Context; 3] = [Context::Input, Context::Overlay, Context::Global];

/// Rows of matches shown at most.
const ROWS: u16 = 10;

#[derive(Debug, Clone)]
struct Candidate {
    command: CommandId,
    name: &'static str,
    /// Everything a clerk might type for it: the other language's name, pinyin, initials, id.
    aliases: Vec<String>,
    key: String,
}

/// The open palette.
#[derive(Debug, Clone)]
pub struct Palette {
    input: TextInput,
    candidates: Vec<Candidate>,
    /// Indices into `candidates`, best match first.
    matches: Vec<usize>,
    list: ListState,
    lang: Lang,
}

/// Pinyin of the Chinese characters of `s`: (initials, full syllables), both lowercase;
/// other letters and digits are kept as they are.
pub fn pinyin_keys(s: &str) -> (String, String) {
    let mut initials = String::new();
    let mut full = String::new();
    for (c, py) in s.chars().zip(s.to_pinyin()) {
        match py {
            Some(p) => {
                initials.push_str(p.first_letter());
                full.push_str(p.plain());
            }
            None if c.is_alphanumeric() => {
                initials.extend(c.to_lowercase());
                full.extend(c.to_lowercase());
            }
            None => {}
        }
    }
    (initials, full)
}

impl Palette {
    /// A palette over the commands that apply in `beneath` (the contexts under the palette).
    pub fn open(keymap: &Keymap, beneath: &[Context], lang: Lang) -> Palette {
        let candidates: Vec<Candidate> = COMMANDS
            .iter()
            .filter(|spec| spec.in_palette)
            .filter_map(|spec| {
                let ctx = beneath.iter().find(|c| spec.applies_in(**c))?;
                let zh = spec.name(Lang::Zh);
                let (initials, full) = pinyin_keys(zh);
                let other = match lang {
                    Lang::Zh => spec.name(Lang::En),
                    Lang::En => zh,
                };
                let key = keymap
                    .keys(*ctx, spec.id)
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                Some(Candidate {
                    command: spec.id,
                    name: spec.name(lang),
                    aliases: vec![other.to_string(), initials, full, spec.id.id().to_string()],
                    key,
                })
            })
            .collect();
        let mut palette = Palette {
            input: TextInput::new().with_placeholder(t(lang, "tui.palette.placeholder")),
            matches: (0..candidates.len()).collect(),
            list: ListState::new(candidates.len()),
            candidates,
            lang,
        };
        palette.list.set_height(ROWS as usize);
        palette
    }

    /// Keeps only the commands `keep` allows (those that do something where the clerk is).
    pub fn retain(mut self, keep: impl Fn(CommandId) -> bool) -> Palette {
        self.candidates.retain(|c| keep(c.command));
        self.matches = (0..self.candidates.len()).collect();
        self.list = ListState::new(self.candidates.len());
        self.list.set_height(ROWS as usize);
        self
    }

    pub fn query(&self) -> &str {
        self.input.value()
    }

    /// The matching commands, best first.
    pub fn matches(&self) -> impl Iterator<Item = CommandId> + '_ {
        self.matches.iter().map(|i| self.candidates[*i].command)
    }

    pub fn selected(&self) -> Option<CommandId> {
        let i = self.list.selected()?;
        self.matches.get(i).map(|c| self.candidates[*c].command)
    }

    /// A command resolved in [`CONTEXTS`]: Up/Down choose, Enter runs, Esc closes (typing
    /// filters, through [`Palette::edit`]).
    pub fn apply(&mut self, command: CommandId) -> Outcome {
        if let Some(edit) = Edit::from_command(command) {
            self.edit(edit);
            return Outcome::Stay;
        }
        if self.list.apply(command) {
            return Outcome::Stay;
        }
        match command {
            CommandId::Confirm => match self.selected() {
                Some(c) => Outcome::Run(c),
                None => Outcome::Stay,
            },
            CommandId::Close | CommandId::Cancel | CommandId::Palette => Outcome::Close,
            other => Outcome::Run(other),
        }
    }

    /// Edits the query (also for pasted text) and ranks the commands again.
    pub fn edit(&mut self, edit: Edit) {
        if self.input.apply(edit) {
            self.rank();
        }
    }

    fn rank(&mut self) {
        let query = self.input.value().trim();
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut scored: Vec<(i64, usize)> = self
            .candidates
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let best = std::iter::once(c.name)
                    .chain(c.aliases.iter().map(String::as_str))
                    .filter_map(|text| matcher.fuzzy_match(text, query))
                    .max()?;
                Some((best, i))
            })
            .collect();
        // Best score first; equal scores keep the table's order.
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        self.matches = scored.into_iter().map(|(_, i)| i).collect();
        self.list = ListState::new(self.matches.len());
        self.list.set_height(ROWS as usize);
    }

    /// Where the terminal cursor goes (the caret in the query) when drawn in `area`; `None`
    /// when the screen is too small to show the query line.
    pub fn cursor_position(&self, area: Rect) -> Option<Position> {
        let (_, input, _) = layout(area);
        (!input.is_empty()).then(|| self.input.cursor_position(input))
    }
}

impl Layer for Palette {
    fn contexts(&self) -> &'static [Context] {
        &CONTEXTS
    }

    fn command(&mut self, c: CommandId, _: &Cx) -> Outcome {
        self.apply(c)
    }

    fn edit(&mut self, edit: Edit, _: &Cx) -> Outcome {
        Palette::edit(self, edit);
        Outcome::Stay
    }

    /// What it runs is checked again where the clerk is once it has closed.
    fn offers(&self, _: CommandId) -> bool {
        true
    }

    fn cursor(&self, area: Rect) -> Option<Position> {
        self.cursor_position(area)
    }
}

/// The popup, its query line and its list.
fn layout(area: Rect) -> (Rect, Rect, Rect) {
    prompt_layout(area, 60, ROWS + 3)
}

/// A framed popup of at most `width` x `height` with a query line (after a two-column prompt)
/// and a list under it: the palette's shape, also the search overlay's.
pub fn prompt_layout(area: Rect, width: u16, height: u16) -> (Rect, Rect, Rect) {
    let popup = popup_area(area, width, height);
    let inner = Block::new().borders(Borders::ALL).inner(popup);
    let prompt = 2.min(inner.width);
    let input = Rect {
        x: inner.x + prompt,
        width: inner.width - prompt,
        height: inner.height.min(1),
        ..inner
    };
    let list = Rect {
        y: inner.y + input.height,
        height: inner.height - input.height,
        ..inner
    };
    (popup, input, list)
}

/// The frame of a [`prompt_layout`] popup over whatever is beneath: its titled border, and
/// `> ` before the text typed in `field` (the `input` rect).
pub fn draw_prompt(
    (popup, input): (Rect, Rect),
    title: &str,
    field: &TextInput,
    theme: &Theme,
    buf: &mut Buffer,
) {
    Clear.render(popup, buf);
    theme.screen_block(title).render(popup, buf);
    if input.height > 0 {
        buf.set_stringn(input.x.saturating_sub(2), input.y, "> ", 2, theme.key);
        field.render(input, buf);
    }
}

/// Draws the palette over whatever is beneath.
impl Widget for Drawn<'_, Palette> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (popup, input, list) = layout(area);
        if popup.is_empty() {
            return;
        }
        let p = self.layer;
        let title = t(p.lang, "tui.palette.title");
        draw_prompt((popup, input), title, &p.input, self.ui.theme, buf);
        let columns = [
            Column::new("", ColumnWidth::Fill(1)),
            Column::new("", ColumnWidth::Fixed(12)).right(),
        ];
        TableView {
            columns: &columns,
            state: &p.list,
            cells: |i: usize| {
                let c = p.matches.get(i).map(|c| &p.candidates[*c]);
                c.map(|c| vec![c.name.to_string(), c.key.clone()])
                    .unwrap_or_default()
            },
            header: None,
            selection_style: self.ui.theme.selection,
            empty: t(p.lang, "tui.palette.none"),
        }
        .render(list, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    /// A key as `update` routes it to the palette: resolved in its contexts, else typed.
    fn press(p: &mut Palette, keymap: &Keymap, ev: &KeyEvent) -> Outcome {
        match keymap.resolve(&CONTEXTS, ev) {
            Some(command) => p.apply(command),
            None => {
                if let Some(edit) = Edit::from_key(ev) {
                    p.edit(edit);
                }
                Outcome::Stay
            }
        }
    }

    fn palette() -> Palette {
        Palette::open(
            &Keymap::defaults(),
            &[Context::List, Context::Global],
            Lang::Zh,
        )
    }

    fn type_str(p: &mut Palette, s: &str) {
        let keymap = Keymap::defaults();
        for c in s.chars() {
            let ev = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            assert_eq!(press(p, &keymap, &ev), Outcome::Stay);
        }
    }

    #[test]
    fn pinyin_initials_of_chinese_names() {
        assert_eq!(pinyin_keys("帮助").0, "bz");
        assert_eq!(pinyin_keys("帮助").1, "bangzhu");
        assert_eq!(pinyin_keys("F5 演示"), ("f5ys".into(), "f5yanshi".into()));
    }

    #[test]
    fn finds_by_initials_chinese_and_english() {
        let mut p = palette();
        type_str(&mut p, "bz");
        assert_eq!(p.selected(), Some(CommandId::Help));
        let mut p = palette();
        type_str(&mut p, "帮助");
        assert_eq!(p.selected(), Some(CommandId::Help));
        let mut p = palette();
        type_str(&mut p, "help");
        assert_eq!(p.selected(), Some(CommandId::Help));
        let mut p = palette();
        type_str(&mut p, "zzzz");
        assert_eq!(p.selected(), None);
        assert_eq!(p.matches().count(), 0);
    }

    #[test]
    fn offers_only_commands_of_the_contexts_beneath() {
        let p = palette();
        let all: Vec<CommandId> = p.matches().collect();
        assert!(all.contains(&CommandId::Filter));
        assert!(
            !all.contains(&CommandId::Submit),
            "a form command in a list"
        );
        assert!(
            !all.contains(&CommandId::CursorLeft),
            "field motions are noise"
        );
        assert!(!all.contains(&CommandId::Palette));
    }

    #[test]
    fn enter_runs_escape_closes_and_q_is_typed() {
        let keymap = Keymap::defaults();
        let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
        let mut p = palette();
        type_str(&mut p, "q");
        assert_eq!(p.query(), "q");
        let mut p = palette();
        type_str(&mut p, "bz");
        assert_eq!(
            press(&mut p, &keymap, &key(KeyCode::Enter)),
            Outcome::Run(CommandId::Help)
        );
        assert_eq!(press(&mut p, &keymap, &key(KeyCode::Esc)), Outcome::Close);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            press(&mut p, &keymap, &ctrl_c),
            Outcome::Run(CommandId::Quit)
        );
    }

    #[test]
    fn down_moves_among_matches() {
        let keymap = Keymap::defaults();
        let mut p = palette();
        let first = p.selected();
        press(
            &mut p,
            &keymap,
            &KeyEvent::new(KeyCode::Down, KeyModifiers::NONE),
        );
        assert_ne!(p.selected(), first);
        p.edit(Edit::Paste("帮".into()));
        assert_eq!(
            p.selected(),
            Some(CommandId::Help),
            "a new query selects the best"
        );
    }
}
