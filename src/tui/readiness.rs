//! Readiness for the year-end session (评议准备), for use well before December: the members of
//! the selected community who would fail a rule if the year ended today — not reported
//! (overdue first, with the reason given or "no reason"), no service in the last six months,
//! below the service or suggestion minimum so far, or without a post. Each list shows its
//! count; Enter jumps to the member in the panes.
//!
//! Owns: the four lists, the section and selection on screen, their drawing, and [`load`]
//! (called by the runtime's `Runner`, the one place that reads the ledger). Must not touch:
//! the panes (a jump is applied by `update::year`).

use chrono::{Datelike, Duration, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};

use crate::domain::{Community, Id, Post, RegStatus};
use crate::i18n::{Lang, t, tf};
use crate::store::{StoreError, View};
use crate::tui::command::{CommandId, Context};
use crate::tui::search::Jump;
use crate::tui::text::truncate;
use crate::tui::theme::Theme;
use crate::tui::widgets::list::ListState;

pub const CONTEXTS: [Context; 2] = [Context::Overlay, Context::Global];

/// How far back "recent service" looks.
const RECENT_DAYS: i64 = 182;

/// One member on a list, with the numbers that put them there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub member: Id,
    pub name: String,
    pub detail: String,
}

/// The four lists of a community, in the order shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lists {
    pub community: Id,
    pub community_name: String,
    pub sections: [Vec<Line>; 4],
}

const TITLES: [&str; 4] = [
    "tui.ready.not_reported",
    "tui.ready.idle",
    "tui.ready.below",
    "tui.ready.no_post",
];

/// Reads the lists for `community` as of `today`.
pub fn load(view: &View, community: Id, today: NaiveDate, lang: Lang) -> Result<Lists, StoreError> {
    let settings = view.settings()?;
    let year = today.year();
    let since = today - Duration::days(RECENT_DAYS);
    let mut overdue = Vec::new();
    let mut not_reported = Vec::new();
    let mut idle = Vec::new();
    let mut below = Vec::new();
    let mut no_post = Vec::new();
    let mut members = view.members_of_community(community)?;
    members.retain(|m| !m.archived);
    members.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    for m in members {
        let line = |detail: String| Line {
            member: m.id,
            name: m.name.clone(),
            detail,
        };
        let reg = view.current_registration(m.id)?;
        let status = reg.as_ref().map(|r| r.status(today));
        let reason = |r: &crate::domain::Registration| {
            if r.reason.trim().is_empty() {
                t(lang, "tui.ready.no_reason").to_string()
            } else {
                r.reason.clone()
            }
        };
        match (&reg, status) {
            (Some(r), Some(RegStatus::Overdue)) => {
                let by = r.report_by.map(|d| d.to_string()).unwrap_or_default();
                overdue.push(line(tf(lang, "tui.ready.overdue", &[&by, &reason(r)])));
                continue;
            }
            (Some(r), Some(RegStatus::Issued)) => {
                let by = r.report_by.map(|d| d.to_string()).unwrap_or_default();
                not_reported.push(line(tf(lang, "tui.ready.due", &[&by, &reason(r)])));
                continue;
            }
            (None, _) | (_, Some(RegStatus::Ended)) => {
                not_reported.push(line(t(lang, "tui.ready.no_slip").to_string()));
                continue;
            }
            _ => {}
        }
        let recent = view
            .services_of_member(m.id, Some(since), Some(today))?
            .iter()
            .any(|s| !s.archived);
        if !recent {
            idle.push(line(tf(lang, "tui.ready.idle_since", &[&since])));
        }
        let totals = view.member_totals(m.id, year)?;
        if totals.certified_services < settings.min_services
            || totals.suggestions < settings.min_suggestions
        {
            below.push(line(tf(
                lang,
                "tui.ready.below_n",
                &[
                    &totals.certified_services,
                    &settings.min_services,
                    &totals.suggestions,
                    &settings.min_suggestions,
                ],
            )));
        }
        // A registration cannot be saved without a post, but a post can be withdrawn
        // (archived) later, or data imported from before the rule: only posts still in use
        // count.
        let mut held = 0;
        for p in reg.as_ref().map(|r| r.posts.as_slice()).unwrap_or(&[]) {
            if view.get::<Post>(*p)?.is_some_and(|p| !p.archived) {
                held += 1;
            }
        }
        if held == 0 {
            no_post.push(line(t(lang, "tui.ready.no_post_detail").to_string()));
        }
    }
    overdue.extend(not_reported);
    Ok(Lists {
        community,
        community_name: view
            .get::<Community>(community)?
            .map(|c| c.name)
            .unwrap_or_default(),
        sections: [overdue, idle, below, no_post],
    })
}

#[derive(Debug, Clone)]
pub struct Readiness {
    pub community: Id,
    pub lists: Option<Lists>,
    pub section: usize,
    pub list: ListState,
    pub lang: Lang,
}

/// What the app does after the screen handled a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Close,
    Jump(Jump),
    Pass(CommandId),
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

    pub fn apply(&mut self, c: CommandId) -> Outcome {
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
}

pub struct ReadinessView<'a> {
    pub screen: &'a Readiness,
    pub theme: &'a Theme,
}

impl Widget for ReadinessView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.screen;
        let lang = s.lang;
        let theme = self.theme;
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
        let tabs = format!("{}  ({})", tabs.join(" "), t(lang, "tui.ready.tab_hint"));
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
