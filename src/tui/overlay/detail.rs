//! The detail overlay (Enter on a row): a record's fields as label/value lines, scrollable.
//!
//! The record is kept as loaded and its lines are built at each draw, so that a reveal or
//! presentation mode switched while it is open takes effect at once.
//!
//! Owns: the detail's record, its scroll, its drawing. Must not touch: the ledger (the record
//! arrives loaded), what the lines of each kind say (`member`, `community`, `unit`, `record`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};

use super::{community, member, record, unit};
use crate::domain::Id;
use crate::i18n::{Lang, t};
use crate::tui::command::{CommandId, Context};
use crate::tui::data::*;
use crate::tui::layer::{Cx, Drawn, Layer, Outcome, scroll};
use crate::tui::privacy::Privacy;
use crate::tui::text::{pad_right, truncate, width};
use crate::tui::widgets::popup_area;

/// Which record the detail shows.
#[derive(Debug, Clone, PartialEq)]
pub enum DetailKind {
    Member(Box<MemberDetail>),
    Community(Box<CommunityDetail>),
    Unit(Box<UnitDetail>),
    Post(Box<PostDetail>),
    Service(Box<ServiceDetail>),
}

/// How a line is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Normal,
    /// Below a minimum, overdue: the clerk should look.
    Warning,
    Dim,
}

/// One line of a detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Heading(String),
    Field {
        label: String,
        value: String,
        tone: Tone,
    },
    Text(String, Tone),
    Blank,
}

impl Line {
    pub fn field(label: &str, value: impl Into<String>) -> Line {
        Line::Field {
            label: label.to_string(),
            value: value.into(),
            tone: Tone::Normal,
        }
    }

    pub fn warn_if(self, warn: bool) -> Line {
        match self {
            Line::Field { label, value, .. } if warn => Line::Field {
                label,
                value,
                tone: Tone::Warning,
            },
            Line::Text(s, _) if warn => Line::Text(s, Tone::Warning),
            other => other,
        }
    }
}

/// `✓` or `✗`: a rule met or not, readable without colour.
pub fn check(ok: bool) -> &'static str {
    if ok { "✓" } else { "✗" }
}

/// A yes/no answer.
pub fn yes_no(lang: Lang, yes: bool) -> &'static str {
    if yes {
        t(lang, "tui.yes")
    } else {
        t(lang, "tui.no")
    }
}

/// The open detail.
#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub kind: DetailKind,
    scroll: usize,
    /// Lines the popup shows (from the layout), so scrolling stops at the last screenful.
    rows: usize,
}

/// Lines a page move scrolls.
const PAGE: usize = 10;

impl Detail {
    pub fn new(kind: DetailKind) -> Detail {
        Detail {
            kind,
            scroll: 0,
            rows: 0,
        }
    }

    /// Tells the detail how many lines it shows.
    pub fn set_rows(&mut self, rows: usize) {
        self.rows = rows;
        self.scroll = self.scroll.min(self.max_scroll());
    }

    fn max_scroll(&self) -> usize {
        // The number of lines does not depend on language or masking.
        let lines = self.lines(Lang::Zh, &Privacy::default()).len();
        lines.saturating_sub(self.rows.max(1))
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// The record whose personal data a reveal applies to.
    pub fn owner(&self) -> Id {
        match &self.kind {
            DetailKind::Member(d) => d.member.id,
            DetailKind::Community(d) => d.community.id,
            DetailKind::Unit(d) => d.unit.id,
            DetailKind::Post(d) => d.post.id,
            DetailKind::Service(d) => d.record.id,
        }
    }

    pub fn title(&self, lang: Lang) -> String {
        match &self.kind {
            DetailKind::Member(d) => {
                format!("{} · {}", t(lang, "tui.detail.member"), d.member.name)
            }
            DetailKind::Community(d) => {
                format!("{} · {}", t(lang, "tui.detail.community"), d.community.name)
            }
            DetailKind::Unit(d) => format!("{} · {}", t(lang, "tui.detail.unit"), d.unit.name),
            DetailKind::Post(d) => format!("{} · {}", t(lang, "tui.detail.post"), d.post.name),
            DetailKind::Service(d) => format!("{} · {}", t(lang, "tui.detail.service"), d.member),
        }
    }

    pub fn lines(&self, lang: Lang, privacy: &Privacy) -> Vec<Line> {
        match &self.kind {
            DetailKind::Member(d) => member::lines(d, lang, privacy),
            DetailKind::Community(d) => community::lines(d, lang),
            DetailKind::Unit(d) => unit::lines(d, lang, privacy),
            DetailKind::Post(d) => record::post_lines(d, lang),
            DetailKind::Service(d) => record::service_lines(d, lang),
        }
    }
}

const CONTEXTS: [Context; 2] = [Context::Overlay, Context::Global];
/// A member's detail adds its own keys (pair, visit) above the detail's.
const MEMBER_CONTEXTS: [Context; 3] = [Context::Detail, Context::Overlay, Context::Global];

impl Layer for Detail {
    fn contexts(&self) -> &'static [Context] {
        match self.kind {
            DetailKind::Member(_) => &MEMBER_CONTEXTS,
            _ => &CONTEXTS,
        }
    }

    /// Scrolling and closing are the detail's; any other command (reveal, quit, help, a
    /// member's pair and visit) is run with the detail left open, so a clerk can reveal a
    /// phone while reading.
    fn command(&mut self, command: CommandId, _: &Cx) -> Outcome {
        let last = self.max_scroll();
        if scroll(&mut self.scroll, command, PAGE, last) {
            return Outcome::Stay;
        }
        match command {
            CommandId::Close | CommandId::Confirm | CommandId::Cancel => Outcome::Close,
            other => Outcome::Pass(other),
        }
    }

    fn shows_record(&self) -> bool {
        true
    }

    /// The popup takes the body's height, less its border.
    fn fit(&mut self, body: Rect) {
        self.set_rows(body.height.saturating_sub(2) as usize);
    }

    fn revealable(&self, lang: Lang) -> Option<(Id, Option<String>)> {
        Some((Detail::owner(self), Some(self.title(lang))))
    }
}

/// Draws a detail over whatever is beneath.
impl Drawn<'_, Detail> {
    /// The footer's hint, from the keys in force (a rebound key shows as bound).
    fn keys_hint(&self) -> String {
        use crate::tui::command::Context;
        use crate::tui::keymap::{first_key, motion_keys_in};
        let key = |ctx, c| first_key(self.ui.keymap, ctx, c);
        let scroll = motion_keys_in(
            self.ui.keymap,
            &[Context::Overlay, Context::Global],
            CommandId::MoveUp,
            CommandId::MoveDown,
        );
        crate::i18n::tf(
            self.ui.lang,
            "tui.detail.keys",
            &[
                &key(Context::Overlay, CommandId::Close),
                &key(Context::Global, CommandId::Reveal),
                &key(Context::Global, CommandId::History),
                &scroll,
            ],
        )
    }
}

impl Widget for Drawn<'_, Detail> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let popup = popup_area(area, 96, area.height);
        if popup.width < 4 || popup.height < 3 {
            return;
        }
        let lines = self.layer.lines(self.ui.lang, self.privacy);
        Clear.render(popup, buf);
        let title = self.layer.title(self.ui.lang);
        let block = self
            .ui
            .theme
            .screen_block(&title)
            .title_bottom(format!(" {} ", self.keys_hint()));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let cols = inner.width as usize;
        let rows = inner.height as usize;
        // Never scrolled past the last screenful, whatever the stored scroll says.
        let scroll = self.layer.scroll.min(lines.len().saturating_sub(rows));
        let label_cols = lines
            .iter()
            .filter_map(|l| match l {
                Line::Field { label, .. } => Some(width(label)),
                _ => None,
            })
            .max()
            .unwrap_or(0)
            .min(cols / 2);
        let tone = |tone: Tone| match tone {
            Tone::Normal => Style::new(),
            Tone::Warning => self.ui.theme.warning,
            Tone::Dim => self.ui.theme.dim,
        };
        for (i, line) in lines.iter().skip(scroll).take(rows).enumerate() {
            let (x, y) = (inner.x, inner.y + i as u16);
            match line {
                Line::Heading(text) => {
                    buf.set_stringn(x, y, truncate(text, cols), cols, self.ui.theme.table_header);
                }
                Line::Field {
                    label,
                    value,
                    tone: t,
                } => {
                    let label = pad_right(label, label_cols);
                    buf.set_stringn(x + 1, y, &label, cols.saturating_sub(1), self.ui.theme.dim);
                    let at = 1 + label_cols + 2;
                    let room = cols.saturating_sub(at);
                    let vx = x.saturating_add(at as u16);
                    buf.set_stringn(vx, y, truncate(value, room), room, tone(*t));
                }
                Line::Text(text, t) => {
                    let room = cols.saturating_sub(1);
                    buf.set_stringn(x + 1, y, truncate(text, room), room, tone(*t));
                }
                Line::Blank => {}
            }
        }
    }
}
