//! The import screen (导入台账): an office's file brought in from the program. The clerk
//! types a path (Tab completes it from the directory), the file is tried first — every
//! sheet recognised by its header, as `baodao import workbook` does, with the selected
//! community for rows that name none — and the screen shows what the import would add, or
//! every problem found (`FILE:ROW:COLUMN: …`). Enter then imports it, all or nothing; the
//! panes reload at once.
//!
//! Owns: the path, the stage, the lines shown. Must not touch: the ledger or the file
//! system (the work goes out as [`Work`] and comes back as [`Done`], run by [`io`]).

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};

use crate::i18n::{Lang, t, tf};
use crate::tui::action::{Effect, Loaded};
use crate::tui::changed::Changed;
use crate::tui::command::{CommandId, Context};
use crate::tui::layer::{Cx, Drawn, Layer, Outcome};
use crate::tui::session::prompt::{self, Answer, Note, Prompt};
use crate::tui::text::truncate;
use crate::tui::widgets::list::ListState;
use crate::tui::widgets::text_input::Edit;

const CONTEXTS: [Context; 2] = [Context::Overlay, Context::Global];

/// What the runtime does for the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Work {
    /// The names in the typed path's directory that continue it.
    Complete(String),
    /// Read and check the file, changing nothing (`commit: false`), or import it.
    Import {
        path: PathBuf,
        community: Option<String>,
        commit: bool,
    },
}

/// What came back.
#[derive(Debug, Clone, PartialEq)]
pub enum Done {
    Completed {
        typed: String,
        candidates: Vec<String>,
    },
    Imported {
        commit: bool,
        /// The file would import (or did).
        ok: bool,
        lines: Vec<String>,
        /// The ledger's commit counter after an import.
        generation: Option<u64>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The path is being typed.
    Path,
    /// Checking (a dry run) or, when `true`, importing.
    Working(bool),
    /// The dry run's result: whether the file would import.
    Checked(bool),
    /// Imported.
    Done,
}

#[derive(Debug, Clone)]
pub struct ImportScreen {
    pub prompt: Option<Prompt>,
    pub path: Option<PathBuf>,
    /// The selected community, for rows that name none.
    pub community: Option<String>,
    pub stage: Stage,
    pub lines: Vec<String>,
    pub list: ListState,
    pub lang: Lang,
}

impl ImportScreen {
    pub fn new(community: Option<String>, lang: Lang) -> ImportScreen {
        let mut s = ImportScreen {
            prompt: None,
            path: None,
            community,
            stage: Stage::Path,
            lines: Vec::new(),
            list: ListState::new(0),
            lang,
        };
        s.ask("");
        s
    }

    fn ask(&mut self, value: &str) {
        let lang = self.lang;
        self.stage = Stage::Path;
        self.prompt = Some(Prompt::new(
            t(lang, "tui.imp.path"),
            value,
            "tui.imp.path_note",
        ));
    }

    fn run(&mut self, commit: bool) -> Outcome {
        let Some(path) = self.path.clone() else {
            return Outcome::Stay;
        };
        self.stage = Stage::Working(commit);
        work(Work::Import {
            path,
            community: self.community.clone(),
            commit,
        })
    }

    /// The runtime's answer; an import moved the ledger on, and the panes read it again.
    fn answered(&mut self, done: Done) -> Outcome {
        let lang = self.lang;
        match done {
            Done::Completed { typed, candidates } => {
                let Some(p) = &mut self.prompt else {
                    return Outcome::Stay;
                };
                // Typed on meanwhile: this answer is for an older text.
                if p.input.value() != typed {
                    return Outcome::Stay;
                }
                match candidates.as_slice() {
                    [] => p.note = Note::Said(t(lang, "tui.imp.no_match").to_string()),
                    [one] => {
                        p.input.set_value(one);
                        p.note = Note::Keys("tui.imp.path_note");
                    }
                    many => {
                        p.input.set_value(&common_prefix(many));
                        let names: Vec<&str> = many
                            .iter()
                            .map(|c| c.trim_end_matches('/').rsplit('/').next().unwrap_or(c))
                            .collect();
                        p.note = Note::Said(names.join("  "));
                    }
                }
                Outcome::Stay
            }
            Done::Imported {
                commit,
                ok,
                lines,
                generation,
            } => {
                self.lines = lines;
                self.list = ListState::new(self.lines.len());
                if let (true, true, Some(g)) = (commit, ok, generation) {
                    self.stage = Stage::Done;
                    // An import may touch any kind of record.
                    return Outcome::Saved(g, Changed::everything())
                        .and(Outcome::Info(t(lang, "tui.imp.saved").to_string()));
                }
                self.stage = Stage::Checked(ok);
                Outcome::Stay
            }
        }
    }
}

fn work(w: Work) -> Outcome {
    Outcome::Effect(Effect::Import(w))
}

impl Layer for ImportScreen {
    fn contexts(&self) -> &'static [Context] {
        prompt::contexts_over(self.prompt.as_ref(), &CONTEXTS)
    }

    fn command(&mut self, c: CommandId, _: &Cx) -> Outcome {
        let lang = self.lang;
        if let Some(p) = &mut self.prompt {
            if c == CommandId::FocusNext {
                return work(Work::Complete(p.input.value().to_string()));
            }
            return match p.apply(c) {
                Answer::Typing => Outcome::Stay,
                Answer::Cancelled if self.path.is_none() => Outcome::Close,
                Answer::Cancelled => {
                    self.prompt = None;
                    self.stage = Stage::Checked(false);
                    Outcome::Stay
                }
                Answer::Pass(c) => Outcome::Pass(c),
                Answer::Given(text) if text.is_empty() => {
                    p.note = Note::Said(t(lang, "tui.imp.path_empty").to_string());
                    Outcome::Stay
                }
                Answer::Given(text) => {
                    self.prompt = None;
                    self.path = Some(PathBuf::from(text));
                    self.run(false)
                }
            };
        }
        if self.list.apply(c) {
            return Outcome::Stay;
        }
        match (c, self.stage) {
            (CommandId::Confirm, Stage::Working(_)) => Outcome::Stay,
            (CommandId::Confirm, Stage::Checked(true)) => self.run(true),
            // The file was fixed: check it again.
            (CommandId::Confirm, Stage::Checked(false)) => self.run(false),
            (CommandId::FocusNext, Stage::Checked(_)) => {
                let typed = self
                    .path
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                self.ask(&typed);
                Outcome::Stay
            }
            (CommandId::Confirm | CommandId::Close | CommandId::Cancel, _) => Outcome::Close,
            (CommandId::Import, _) => Outcome::Close,
            (other, _) => Outcome::Pass(other),
        }
    }

    fn edit(&mut self, edit: Edit, _: &Cx) -> Outcome {
        if let Some(p) = &mut self.prompt {
            p.edit(edit);
        }
        Outcome::Stay
    }

    fn arrived(&mut self, data: &Loaded, _: &Cx) -> Option<Outcome> {
        let Loaded::Import(done) = data else {
            return None;
        };
        Some(self.answered((**done).clone()))
    }

    fn cursor(&self, area: Rect) -> Option<Position> {
        self.prompt.as_ref()?.cursor_position(area)
    }

    fn covers(&self) -> bool {
        true
    }
}

/// `line` in pieces of at most `cols` columns (a wide character is never split).
fn wrap(line: &str, cols: usize) -> Vec<String> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut out = vec![String::new()];
    let mut used = 0;
    for g in line.graphemes(true) {
        let w = crate::tui::text::grapheme_width(g);
        if used + w > cols && used > 0 {
            out.push(String::new());
            used = 0;
        }
        used += w;
        if let Some(last) = out.last_mut() {
            last.push_str(g);
        }
    }
    out
}

/// The longest start all of `names` share, on a character boundary.
fn common_prefix(names: &[String]) -> String {
    let Some(first) = names.first() else {
        return String::new();
    };
    let mut end = first.len();
    for n in &names[1..] {
        end = first
            .char_indices()
            .zip(n.chars())
            .find(|((_, a), b)| a != b)
            .map_or(end.min(n.len()), |((i, _), _)| i.min(end));
    }
    first[..end].to_string()
}

impl Widget for Drawn<'_, ImportScreen> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.layer;
        let lang = s.lang;
        let theme = self.ui.theme;
        Clear.render(area, buf);
        let title = match &s.path {
            Some(p) => tf(lang, "tui.imp.title_file", &[&p.display()]),
            None => t(lang, "tui.imp.title").to_string(),
        };
        let block = theme.screen_block(&title);
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.height == 0 {
            return;
        }
        let w = inner.width as usize;
        let key = |c| crate::tui::keymap::key_in(self.ui.keymap, &CONTEXTS, c);
        let (enter, tab, close) = (
            key(CommandId::Confirm),
            key(CommandId::FocusNext),
            key(CommandId::Close),
        );
        let hint = match s.stage {
            Stage::Path => String::new(),
            Stage::Working(false) => t(lang, "tui.imp.working").to_string(),
            Stage::Working(true) => t(lang, "tui.imp.importing").to_string(),
            Stage::Checked(true) => tf(lang, "tui.imp.hint_ok", &[&enter, &tab, &close]),
            Stage::Checked(false) => tf(lang, "tui.imp.hint_refused", &[&enter, &tab, &close]),
            Stage::Done => tf(lang, "tui.imp.hint_done", &[&enter, &close]),
        };
        let style = match s.stage {
            Stage::Checked(false) => theme.error,
            _ => theme.dim,
        };
        buf.set_stringn(inner.x, inner.y, truncate(&hint, w), w, style);
        // Every problem is shown whole: a long line wraps instead of being cut.
        let body = inner.height.saturating_sub(2);
        let mut y = inner.y + 2;
        for i in s.list.visible_range(body as usize) {
            let Some(line) = s.lines.get(i) else { break };
            let style = if s.list.selected() == Some(i) {
                theme.selection
            } else {
                Style::new()
            };
            for piece in wrap(line, w) {
                if y >= inner.y + inner.height {
                    break;
                }
                buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
                buf.set_stringn(inner.x, y, &piece, w, style);
                y += 1;
            }
        }
        if let Some(p) = &s.prompt {
            p.render(area, buf, theme, (self.ui.keymap, lang));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::layer::test_cx;

    #[test]
    fn a_dry_run_comes_before_the_import_and_a_refused_file_is_checked_again() {
        let mut s = ImportScreen::new(Some("紫鑫城社区".into()), Lang::Zh);
        for ch in "m.csv".chars() {
            test_cx(|cx| s.edit(Edit::Insert(ch), cx));
        }
        let Outcome::Effect(Effect::Import(Work::Import { commit, .. })) =
            test_cx(|cx| s.command(CommandId::Confirm, cx))
        else {
            panic!("no dry run");
        };
        assert!(!commit, "the first run changes nothing");
        let lines = vec!["m.csv:3:手机: …".to_string()];
        s.answered(Done::Imported {
            commit: false,
            ok: false,
            lines,
            generation: None,
        });
        assert_eq!(s.stage, Stage::Checked(false));
        let Outcome::Effect(Effect::Import(Work::Import { commit, .. })) =
            test_cx(|cx| s.command(CommandId::Confirm, cx))
        else {
            panic!("not checked again");
        };
        assert!(!commit, "a refused file is only checked again");
        s.answered(Done::Imported {
            commit: false,
            ok: true,
            lines: vec![],
            generation: None,
        });
        let Outcome::Effect(Effect::Import(Work::Import { commit, .. })) =
            test_cx(|cx| s.command(CommandId::Confirm, cx))
        else {
            panic!("no import");
        };
        assert!(commit);
        let out = s.answered(Done::Imported {
            commit: true,
            ok: true,
            lines: vec![],
            generation: Some(7),
        });
        assert!(
            matches!(out, Outcome::All(ref v) if v.first() == Some(&Outcome::Saved(7, Changed::everything()))),
            "{out:?}"
        );
    }

    #[test]
    fn completion_fills_in_what_the_candidates_share() {
        assert_eq!(
            common_prefix(&["台账/2024.xlsx".into(), "台账/2025.xlsx".into()]),
            "台账/202"
        );
        let mut s = ImportScreen::new(None, Lang::Zh);
        for ch in "台".chars() {
            test_cx(|cx| s.edit(Edit::Insert(ch), cx));
        }
        let Outcome::Effect(Effect::Import(Work::Complete(typed))) =
            test_cx(|cx| s.command(CommandId::FocusNext, cx))
        else {
            panic!("no completion");
        };
        s.answered(Done::Completed {
            typed,
            candidates: vec!["台账/".into()],
        });
        assert_eq!(s.prompt.as_ref().map(|p| p.input.value()), Some("台账/"));
    }
}
