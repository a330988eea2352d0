//! Readiness for the year-end session (评议准备), for use well before December: the members of
//! the selected community who would fail a rule if the year ended today — not reported
//! (overdue first, with the reason given or "no reason"), no service in the last six months,
//! below the service or suggestion minimum so far, or without a post. Each list shows its
//! count; Enter jumps to the member in the panes.
//!
//! Owns: the section and selection on screen and their drawing. The lists themselves come from
//! [`crate::evaluate::readiness`] (the session's rule code), read by the runtime's `Runner`.
//! Must not touch: the panes (a jump is applied by `update::jump`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};

use crate::domain::Id;
use crate::i18n::{Lang, t, tf};
use crate::tui::action::Loaded;
use crate::tui::command::{CommandId, Context};
use crate::tui::layer::{Cx, Drawn, Layer, Outcome};
use crate::tui::search::Jump;
use crate::tui::text::truncate;
use crate::tui::widgets::list::ListState;

pub const CONTEXTS: [Context; 2] = [Context::Overlay, Context::Global];

pub use crate::evaluate::readiness::{Line, Lists, load};

const TITLES: [&str; 4] = [
    "tui.ready.not_reported",
    "tui.ready.idle",
    "tui.ready.below",
    "tui.ready.no_post",
];

#[derive(Debug, Clone)]
pub struct Readiness {
    pub community: Id,
    pub lists: Option<Lists>,
    pub section: usize,
    pub list: ListState,
    pub lang: Lang,
}

impl Readiness {
    pub fn new(community: Id, lang: Lang) -> Readiness {
        Readiness {
            community,
            lists: None,
            section: 0,
            list: ListState::new(0),
            lang,
        }
    }

    pub fn arrived(&mut self, lists: Lists) {
        if lists.community == self.community {
            self.lists = Some(lists);
            self.show(self.section);
        }
    }

    fn show(&mut self, section: usize) {
        self.section = section % 4;
        let n = self.lines().len();
        self.list = ListState::new(n);
    }

    pub fn lines(&self) -> &[Line] {
        self.lists
            .as_ref()
            .map(|l| l.sections[self.section].as_slice())
            .unwrap_or(&[])
    }

    pub fn selected(&self) -> Option<&Line> {
        self.lines().get(self.list.selected()?)
    }

    pub fn set_height(&mut self, rows: usize) {
        self.list.set_height(rows);
    }
}

impl Layer for Readiness {
    fn contexts(&self) -> &'static [Context] {
        &CONTEXTS
    }

    fn command(&mut self, c: CommandId, _: &Cx) -> Outcome {
        if self.list.apply(c) {
            return Outcome::Stay;
        }
        match c {
            CommandId::FocusNext => {
                self.show(self.section + 1);
                Outcome::Stay
            }
            CommandId::FocusPrev => {
                self.show(self.section + 3);
                Outcome::Stay
            }
            CommandId::Confirm => match self.selected() {
                Some(l) => Outcome::Jump(Jump::Member {
                    community: self.community,
                    member: l.member,
                }),
                None => Outcome::Stay,
            },
            CommandId::Close | CommandId::Cancel | CommandId::Readiness => Outcome::Close,
            other => Outcome::Pass(other),
        }
    }

    fn arrived(&mut self, data: &Loaded, _: &Cx) -> Option<Outcome> {
        let Loaded::Readiness(lists) = data else {
            return None;
        };
        Readiness::arrived(self, (**lists).clone());
        Some(Outcome::Stay)
    }

    fn covers(&self) -> bool {
        true
    }

    fn revealable(&self, _: Lang) -> Option<(Id, Option<String>)> {
        self.selected().map(|l| (l.member, None))
    }

    fn fit(&mut self, body: Rect) {
        self.set_height(body.height.saturating_sub(3) as usize);
    }
}

impl Widget for Drawn<'_, Readiness> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.layer;
        let lang = s.lang;
        let theme = self.ui.theme;
        Clear.render(area, buf);
        let name = s
            .lists
            .as_ref()
            .map(|l| l.community_name.as_str())
            .unwrap_or("");
        let block = theme.screen_block(&tf(lang, "tui.ready.title", &[&name]));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.height < 2 {
            return;
        }
        let w = inner.width as usize;
        let Some(lists) = &s.lists else {
            buf.set_stringn(
                inner.x,
                inner.y,
                t(lang, "tui.session.loading"),
                w,
                theme.dim,
            );
            return;
        };
        // The tabs: every list with its count, the one shown in brackets (not by colour alone).
        let tabs: Vec<String> = TITLES
            .iter()
            .enumerate()
            .map(|(i, key)| {
                let label = format!("{} {}", t(lang, key), lists.sections[i].len());
                if i == s.section {
                    format!("[{label}]")
                } else {
                    format!(" {label} ")
                }
            })
            .collect();
        // Tab and Enter are named in the key-hint line, from the keymap.
        let tabs = tabs.join(" ");
        buf.set_stringn(inner.x, inner.y, truncate(&tabs, w), w, theme.key);
        let body = Rect {
            y: inner.y + 1,
            height: inner.height - 1,
            ..inner
        };
        let lines = s.lines();
        if lines.is_empty() {
            buf.set_stringn(body.x, body.y, t(lang, "tui.ready.empty"), w, theme.dim);
            return;
        }
        for (row, i) in s.list.visible_range(body.height as usize).enumerate() {
            let Some(l) = lines.get(i) else { break };
            let y = body.y + row as u16;
            let style = if s.list.selected() == Some(i) {
                theme.selection
            } else {
                Style::new()
            };
            let text = format!("{:>4} {}  {}", i + 1, l.name, l.detail);
            buf.set_style(Rect::new(body.x, y, body.width, 1), style);
            buf.set_stringn(body.x, y, truncate(&text, w), w, style);
        }
    }
}
