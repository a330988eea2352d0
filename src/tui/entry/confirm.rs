//! A yes/no question over everything (放弃已输入的内容？ 退出？). Only `y` says yes: Esc, `n`
//! and every other key keep the work, so a stray key — or the rest of an arrow key's escape
//! sequence split from its Esc — can never discard what was typed.
//!
//! Owns: the question, its answer and what a yes does. Must not touch: the ledger (a save is
//! an effect).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::save::{After, SaveOp};
use super::update::{save, top_form};
use crate::domain::Record;
use crate::i18n::{Lang, t, tf};
use crate::tui::action::Effect;
use crate::tui::app::App;
use crate::tui::command::{CommandId, Context};
use crate::tui::layer::{Cx, Drawn, Layer, Outcome};
use crate::tui::text::{truncate, width};
use crate::tui::widgets::popup_area;

/// What a yes does.
#[derive(Debug, Clone, PartialEq)]
pub enum OnYes {
    /// Close the form beneath, dropping what was typed.
    Discard,
    /// Quit the program, dropping what was typed.
    Quit,
    /// Save the record, marked archived (`x`): the question names it.
    Archive { record: Box<Record>, name: String },
    /// Save despite the doubts shown (a likely duplicate, a date out of order).
    Save {
        save: Box<super::save::Save>,
        doubts: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub on_yes: OnYes,
}

impl Confirm {
    pub fn new(on_yes: OnYes) -> Confirm {
        Confirm { on_yes }
    }

    /// Yes, no, or (`None`) not an answer: ignored.
    fn answer(ev: &KeyEvent) -> Option<bool> {
        if ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return None;
        }
        match ev.code {
            KeyCode::Char('y' | 'Y' | '是') => Some(true),
            KeyCode::Char('n' | 'N' | '否') | KeyCode::Esc => Some(false),
            _ => None,
        }
    }

    pub fn question(&self, lang: Lang) -> String {
        match &self.on_yes {
            OnYes::Discard => t(lang, "tui.confirm.discard").to_string(),
            OnYes::Quit => t(lang, "tui.confirm.quit").to_string(),
            OnYes::Archive { name, .. } => tf(lang, "tui.confirm.archive", &[name]),
            OnYes::Save { doubts, .. } => tf(lang, "tui.confirm.save_anyway", &[doubts]),
        }
    }
}

const CONFIRM_CONTEXTS: [Context; 1] = [Context::Overlay];

impl Layer for Confirm {
    fn contexts(&self) -> &'static [Context] {
        &CONFIRM_CONTEXTS
    }

    /// Every key is an answer or nothing: no command reaches what is beneath.
    fn key(&mut self, ev: &KeyEvent, cx: &Cx) -> Option<Outcome> {
        Some(match Confirm::answer(ev) {
            None => Outcome::Stay,
            Some(false) => Outcome::Close,
            Some(true) => Outcome::Close.and(yes(self.on_yes.clone(), cx)),
        })
    }

    fn command(&mut self, c: CommandId, _: &Cx) -> Outcome {
        match c {
            CommandId::Close | CommandId::Cancel => Outcome::Close,
            _ => Outcome::Stay,
        }
    }

    fn offers(&self, _: CommandId) -> bool {
        true
    }
}

/// What a yes does, once the question is gone.
fn yes(on_yes: OnYes, cx: &Cx) -> Outcome {
    match on_yes {
        OnYes::Save { mut save, .. } => {
            save.confirmed = true;
            Outcome::Then(Box::new(move |app: &mut App| {
                if let Some(f) = top_form(app) {
                    f.saving = true;
                }
                vec![Effect::Save(save)]
            }))
        }
        OnYes::Archive { record, name } => {
            let what = format!("{} {name}", t(cx.lang, "tui.entry.archived"));
            Outcome::Effect(save(SaveOp::Put(record), After::Nothing, what))
        }
        OnYes::Discard => {
            Outcome::Close.and(Outcome::Info(t(cx.lang, "tui.entry.discarded").to_string()))
        }
        OnYes::Quit => Outcome::Then(Box::new(|app: &mut App| {
            app.quit = true;
            vec![Effect::Quit]
        })),
    }
}

impl Widget for Drawn<'_, Confirm> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let q = self.layer.question(self.ui.lang);
        let keys = t(self.ui.lang, "tui.confirm.keys");
        // A long question (the doubts about a save) wraps rather than being cut.
        let room = area.width.saturating_sub(8).max(10) as usize;
        let lines = wrap(&q, room);
        let text_w = lines.iter().map(|l| width(l)).max().unwrap_or(0);
        let w = (text_w.max(width(keys)) + 4) as u16;
        let popup = popup_area(area, w, lines.len() as u16 + 3);
        if popup.width < 6 || popup.height < 3 {
            return;
        }
        Clear.render(popup, buf);
        Block::new()
            .borders(Borders::ALL)
            .border_type(self.ui.theme.border_type(true))
            .border_style(self.ui.theme.border_style(true))
            .render(popup, buf);
        let cols = popup.width.saturating_sub(4) as usize;
        let shown = popup.height.saturating_sub(3) as usize;
        for (i, line) in lines.iter().take(shown.max(1)).enumerate() {
            buf.set_stringn(
                popup.x + 2,
                popup.y + 1 + i as u16,
                truncate(line, cols),
                cols,
                self.ui.theme.warning,
            );
        }
        if popup.height >= 4 {
            buf.set_stringn(
                popup.x + 2,
                popup.bottom().saturating_sub(2),
                truncate(keys, cols),
                cols,
                self.ui.theme.key_desc,
            );
        }
    }
}

/// `s` cut into lines of at most `cols` display columns (by character: Chinese has no
/// spaces to break at).
fn wrap(s: &str, cols: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut w = 0;
    for c in s.chars() {
        let cw = width(c.encode_utf8(&mut [0; 4]));
        if w + cw > cols && w > 0 {
            lines.push(String::new());
            w = 0;
        }
        if let Some(last) = lines.last_mut() {
            last.push(c);
        }
        w += cw;
    }
    lines
}
