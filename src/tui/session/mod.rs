//! The year-end session (年度民主评议): a room goes through a community's members one by one,
//! looks at each member's year at a glance, and records a grade and a written 现实表现; at the
//! end the year is closed for the community.
//!
//! Enter confirms the proposed grade, 1–4 set one, `c` writes the comment; saving moves on to
//! the next member of the filter (all, ungraded, failing a rule). `/` jumps to a member named
//! by typing (the lists' search engine, names only: nothing hidden while presenting is listed
//! or matched); Home/End go to the filter's first and last member, PageUp/PageDown ten members
//! back or on; Space and b scroll the member's year. A member who never reported
//! to the community is not graded by it: Enter passes on, 1–4 are refused with the reason. Opening a session starts at
//! the first ungraded member, so a session interrupted is resumed where it stopped. A closed
//! year refuses grading until reopened with a reason.
//!
//! Owns: the session's state and what its keys do. Must not touch: the ledger (its work goes
//! out as [`work::Work`]), drawing ([`view`]).

pub mod prompt;
mod view;
pub mod work;

use chrono::NaiveDate;

use crate::domain::{Choice, Grade, Id};
use crate::evaluate::{SessionRow, tally};
use crate::i18n::{Lang, t, tf};
use ratatui::layout::{Position, Rect};

use crate::tui::action::{Effect, Loaded};
use crate::tui::command::{CommandId, Context};
use crate::tui::entry::confirm::{Confirm, OnYes};
use crate::tui::filter::RowKey;
use crate::tui::layer::{Cx, Layer, Outcome};
use crate::tui::overlay::Overlay;
use crate::tui::widgets::pick::{self, PickList, PickRow, Picked};
use crate::tui::widgets::text_area::{self, TextArea};
use crate::tui::widgets::text_input::Edit;
use prompt::{Answer, Prompt};
use work::{Done, Glance, GradeEntry, Opened, Work};

const CONTEXTS: [Context; 3] = [Context::Session, Context::Overlay, Context::Global];
const CONFIRM_CONTEXTS: [Context; 2] = [Context::Overlay, Context::Global];

/// Which members the session walks through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    All,
    Ungraded,
    /// Failing at least one rule check.
    Failing,
}

impl Filter {
    fn next(self) -> Filter {
        match self {
            Filter::All => Filter::Ungraded,
            Filter::Ungraded => Filter::Failing,
            Filter::Failing => Filter::All,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Filter::All => t(lang, "tui.session.filter_all"),
            Filter::Ungraded => t(lang, "tui.session.filter_ungraded"),
            Filter::Failing => t(lang, "tui.session.filter_failing"),
        }
    }

    fn keeps(self, row: &SessionRow) -> bool {
        match self {
            Filter::All => true,
            Filter::Ungraded => row.to_grade() && row.evaluation.is_none(),
            // Failing a rule among those the community grades.
            Filter::Failing => row.to_grade() && !row.assessment.all_met(),
        }
    }
}

/// A question open over the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// 现实表现, written in a text area of several lines.
    Comment(Box<TextArea>),
    Reopen(Prompt),
    /// The tally and the disqualified, before closing the year.
    Finish,
    /// Which member to go to: an index into the rows.
    Jump(PickList<usize>),
}

/// Members a PageUp/PageDown moves over.
const PAGE: isize = 10;
/// Lines of the member's year a scroll moves.
const SCROLL: usize = 10;

#[derive(Debug, Clone)]
pub struct SessionScreen {
    pub community: Id,
    pub community_name: String,
    pub year: i32,
    pub today: NaiveDate,
    pub lang: Lang,
    /// `None` until the community's rows arrive.
    pub rows: Option<Vec<SessionRow>>,
    pub closed: bool,
    pub filter: Filter,
    /// Index into `rows` of the member on screen.
    pub current: Option<usize>,
    pub glance: Option<Glance>,
    /// A comment typed for the member on screen, saved with the grade.
    pub draft: Option<(Id, String)>,
    pub ask: Option<Ask>,
    /// Lines of the member's lists scrolled past (PageDown on a long year).
    pub scroll: usize,
}

fn work(w: Work) -> Outcome {
    Outcome::Effect(Effect::Session(w))
}

impl SessionScreen {
    pub fn new(community: Id, year: i32, today: NaiveDate, lang: Lang) -> SessionScreen {
        SessionScreen {
            community,
            community_name: String::new(),
            year,
            today,
            lang,
            rows: None,
            closed: false,
            filter: Filter::All,
            current: None,
            glance: None,
            draft: None,
            ask: None,
            scroll: 0,
        }
    }

    pub fn open_work(&self) -> Work {
        Work::Open {
            community: self.community,
            year: self.year,
        }
    }

    pub fn row(&self) -> Option<&SessionRow> {
        self.rows.as_ref()?.get(self.current?)
    }

    pub fn rows(&self) -> &[SessionRow] {
        self.rows.as_deref().unwrap_or(&[])
    }

    /// Graded members and members the community grades (not those who never reported to it).
    pub fn progress(&self) -> (usize, usize) {
        let rows = self.rows();
        let graded = rows.iter().filter(|r| r.evaluation.is_some()).count();
        (graded, rows.iter().filter(|r| r.to_grade()).count())
    }

    /// Members the community does not grade (never reported to it).
    pub fn not_graded(&self) -> usize {
        self.rows().iter().filter(|r| !r.to_grade()).count()
    }

    /// Position of the current member within the filter, and the filter's size.
    pub fn position(&self) -> (usize, usize) {
        let shown: Vec<usize> = self.shown().collect();
        let at = self
            .current
            .and_then(|c| shown.iter().position(|i| *i == c))
            .map_or(0, |p| p + 1);
        (at, shown.len())
    }

    fn shown(&self) -> impl Iterator<Item = usize> + '_ {
        let filter = self.filter;
        self.rows()
            .iter()
            .enumerate()
            .filter(move |(_, r)| filter.keeps(r))
            .map(|(i, _)| i)
    }

    /// The first ungraded member of the filter, else its first member.
    fn resume_point(&self) -> Option<usize> {
        let rows = self.rows();
        self.shown()
            .find(|i| rows[*i].to_grade() && rows[*i].evaluation.is_none())
            .or_else(|| self.shown().next())
    }

    /// Shows member `i`, asking for their year in full.
    fn go(&mut self, i: Option<usize>) -> Outcome {
        if i == self.current && self.glance.is_some() {
            return Outcome::Stay;
        }
        self.current = i;
        self.glance = None;
        self.scroll = 0;
        match self.row() {
            Some(r) => work(Work::Member {
                member: r.member.id,
                year: self.year,
            }),
            None => Outcome::Stay,
        }
    }

    fn step(&mut self, delta: isize) -> Outcome {
        let shown: Vec<usize> = self.shown().collect();
        let at = self
            .current
            .and_then(|c| shown.iter().position(|i| *i == c));
        let next = match at {
            Some(p) => shown.get(
                p.saturating_add_signed(delta)
                    .min(shown.len().saturating_sub(1)),
            ),
            // The member on screen left the filter (graded under "ungraded"): the next one
            // after it in roster order.
            None => {
                let c = self.current.unwrap_or(0);
                shown.iter().find(|i| **i > c).or(shown.last())
            }
        };
        self.go(next.copied())
    }

    /// Data from the runtime.
    fn answered(&mut self, done: Done) -> Outcome {
        let lang = self.lang;
        match done {
            Done::Opened(o) => self.opened(o),
            Done::Glance(g) => {
                if self.row().is_some_and(|r| r.member.id == g.member) && g.year == self.year {
                    self.glance = Some(g);
                }
                Outcome::Stay
            }
            Done::Graded(e, _) => {
                let name = match self.rows.as_mut().and_then(|rows| {
                    rows.iter_mut()
                        .find(|r| r.member.id == e.member && e.year == self.year)
                }) {
                    Some(r) => {
                        r.evaluation = Some(e.clone());
                        r.member.name.clone()
                    }
                    None => return Outcome::Stay,
                };
                if self.draft.as_ref().is_some_and(|(m, _)| *m == e.member) {
                    self.draft = None;
                }
                let on_screen = self.row().is_some_and(|r| r.member.id == e.member);
                let msg = tf(lang, "tui.session.graded", &[&name, &e.grade.label(lang)]);
                if on_screen {
                    return Outcome::Info(msg).and(self.step(1));
                }
                Outcome::Info(msg)
            }
            Done::Closed { year, .. } if year == self.year => {
                self.closed = true;
                Outcome::Info(tf(
                    lang,
                    "tui.session.closed_now",
                    &[&self.community_name, &year],
                ))
            }
            Done::Reopened { year, .. } if year == self.year => {
                self.closed = false;
                Outcome::Info(tf(
                    lang,
                    "tui.session.reopened_now",
                    &[&self.community_name, &year],
                ))
            }
            Done::Closed { .. } | Done::Reopened { .. } => Outcome::Stay,
        }
    }

    fn opened(&mut self, o: Opened) -> Outcome {
        if o.community != self.community || o.year != self.year {
            return Outcome::Stay;
        }
        self.community_name = o.community_name;
        self.closed = o.closed;
        self.rows = Some(o.rows);
        self.glance = None;
        let at = self.resume_point();
        self.current = None;
        self.go(at)
    }

    fn apply(&mut self, c: CommandId) -> Outcome {
        if self.ask.is_some() {
            return self.answer(c);
        }
        let lang = self.lang;
        match c {
            CommandId::MoveDown => self.step(1),
            CommandId::MoveUp => self.step(-1),
            CommandId::Top => {
                let first = self.shown().next();
                self.go(first)
            }
            CommandId::Bottom => {
                let last = self.shown().last();
                self.go(last)
            }
            CommandId::PageDown => self.step(PAGE),
            CommandId::PageUp => self.step(-PAGE),
            CommandId::ScrollDown => {
                self.scroll += SCROLL;
                Outcome::Stay
            }
            CommandId::ScrollUp => {
                self.scroll = self.scroll.saturating_sub(SCROLL);
                Outcome::Stay
            }
            CommandId::Jump => {
                if self.rows.is_some() {
                    self.ask = Some(Ask::Jump(self.jump_list()));
                }
                Outcome::Stay
            }
            CommandId::GradeProposed
            | CommandId::GradeExcellent
            | CommandId::GradeQualified
            | CommandId::GradeBasic
            | CommandId::GradeUnqualified => self.grade(c),
            CommandId::Comment => {
                if let Some(refused) = self.refuse_closed() {
                    return refused;
                }
                let Some(r) = self.row() else {
                    return Outcome::Stay;
                };
                let value = self.comment_of(r);
                let title = tf(lang, "tui.session.comment_title", &[&r.member.name]);
                self.ask = Some(Ask::Comment(Box::new(TextArea::new(
                    &title,
                    &value,
                    t(lang, "tui.session.comment_note"),
                    t(lang, "tui.session.comment_leave"),
                ))));
                Outcome::Stay
            }
            CommandId::CycleFilter => {
                self.filter = self.filter.next();
                let at = self.resume_point();
                let out = self.go(at);
                if self.current.is_none() {
                    self.glance = None;
                }
                match out {
                    Outcome::Stay => Outcome::Info(tf(
                        lang,
                        "tui.session.filter_now",
                        &[&self.filter.label(lang)],
                    )),
                    other => other,
                }
            }
            CommandId::PrevYear | CommandId::NextYear => {
                self.year += if c == CommandId::PrevYear { -1 } else { 1 };
                self.rows = None;
                self.current = None;
                self.glance = None;
                self.draft = None;
                work(self.open_work())
            }
            CommandId::FinishYear => {
                if self.closed {
                    return Outcome::Info(t(lang, "tui.session.already_closed").to_string());
                }
                if self.rows.is_some() {
                    self.ask = Some(Ask::Finish);
                }
                Outcome::Stay
            }
            CommandId::ReopenYear => {
                if !self.closed {
                    return Outcome::Info(t(lang, "tui.session.not_closed").to_string());
                }
                self.ask = Some(Ask::Reopen(Prompt::new(
                    &tf(
                        lang,
                        "tui.session.reopen_title",
                        &[&self.community_name, &self.year],
                    ),
                    "",
                    "tui.session.reopen_note",
                )));
                Outcome::Stay
            }
            // A 现实表现 typed and not saved with a grade: only `y` leaves it behind.
            CommandId::Close | CommandId::Cancel | CommandId::Session if self.unsaved_now() => {
                Outcome::Push(Overlay::Confirm(Confirm::new(OnYes::Discard)))
            }
            CommandId::Close | CommandId::Cancel | CommandId::Session => Outcome::Close,
            CommandId::Confirm => Outcome::Stay,
            other => Outcome::Pass(other),
        }
    }

    fn refuse_closed(&self) -> Option<Outcome> {
        self.closed.then(|| {
            Outcome::Error(tf(
                self.lang,
                "tui.session.locked",
                &[&self.community_name, &self.year],
            ))
        })
    }

    fn grade(&mut self, c: CommandId) -> Outcome {
        if let Some(refused) = self.refuse_closed() {
            return refused;
        }
        let Some(r) = self.row() else {
            return Outcome::Stay;
        };
        // A member who never reported to the community is not graded by it (README "Rules"):
        // Enter passes on to the next member, a grade key is refused with the reason.
        if !r.to_grade() {
            let why = r.assessment.why.clone();
            if c == CommandId::GradeProposed {
                return Outcome::Info(why).and(self.step(1));
            }
            return Outcome::Error(why);
        }
        let grade = match c {
            CommandId::GradeExcellent => Grade::Excellent,
            CommandId::GradeQualified => Grade::Qualified,
            CommandId::GradeBasic => Grade::Basic,
            CommandId::GradeUnqualified => Grade::Unqualified,
            // Enter confirms: the grade already recorded, else the proposed one.
            _ => match r
                .evaluation
                .as_ref()
                .map(|e| e.grade)
                .or(r.assessment.proposed)
            {
                Some(g) => g,
                None => return Outcome::Stay,
            },
        };
        let comment = self.comment_of(r);
        work(Work::Grade(GradeEntry {
            community: self.community,
            member: r.member.id,
            year: self.year,
            grade,
            comment,
            disqualified: r.assessment.disqualified.clone().unwrap_or_default(),
        }))
    }

    /// Every member of the session in roster order, the one on screen selected. A row shows
    /// and is found by the member's name only, with where the grading stands.
    fn jump_list(&self) -> PickList<usize> {
        let lang = self.lang;
        let rows: Vec<PickRow<usize>> = self
            .rows()
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let state = match &r.evaluation {
                    Some(e) => e.grade.label(lang),
                    None if !r.to_grade() => t(lang, "tui.session.jump_not_graded"),
                    None => t(lang, "tui.session.jump_ungraded"),
                };
                PickRow {
                    label: format!("{:>3}  {}  {state}", i + 1, r.member.name),
                    key: RowKey::person(&[&r.member.name]),
                    value: i,
                }
            })
            .collect();
        let (graded, _) = self.progress();
        let note = tf(lang, "tui.session.jump_note", &[&rows.len(), &graded]);
        PickList::new(
            t(lang, "tui.session.jump_title").to_string(),
            note,
            rows,
            self.current,
        )
    }

    /// Goes to member `i` chosen in the jump list; one outside the filter widens it to all.
    fn jump_to(&mut self, i: usize) -> Outcome {
        let Some(r) = self.rows().get(i) else {
            return Outcome::Stay;
        };
        let widened = (!self.filter.keeps(r)).then(|| {
            tf(
                self.lang,
                "tui.session.jump_all",
                &[&r.member.name, &self.filter.label(self.lang)],
            )
        });
        if widened.is_some() {
            self.filter = Filter::All;
        }
        let out = self.go(Some(i));
        match widened {
            Some(msg) => Outcome::Info(msg).and(out),
            None => out,
        }
    }

    fn answer(&mut self, c: CommandId) -> Outcome {
        let lang = self.lang;
        if let Some(Ask::Jump(p)) = &mut self.ask {
            return match p.apply(c) {
                Picked::Typing => Outcome::Stay,
                Picked::Cancelled => {
                    self.ask = None;
                    Outcome::Stay
                }
                Picked::Chosen(i) => {
                    self.ask = None;
                    self.jump_to(i)
                }
                Picked::Pass(c) => Outcome::Pass(c),
            };
        }
        if matches!(self.ask, Some(Ask::Finish)) {
            return match c {
                CommandId::Confirm => {
                    self.ask = None;
                    work(Work::Close {
                        community: self.community,
                        year: self.year,
                    })
                }
                CommandId::Close | CommandId::Cancel => {
                    self.ask = None;
                    Outcome::Stay
                }
                CommandId::MoveUp | CommandId::MoveDown => Outcome::Stay,
                other => Outcome::Pass(other),
            };
        }
        if let Some(Ask::Comment(a)) = &mut self.ask {
            return match a.apply(c) {
                text_area::Outcome::Typing => Outcome::Stay,
                text_area::Outcome::Cancelled => {
                    self.ask = None;
                    Outcome::Stay
                }
                text_area::Outcome::Pass(c) => Outcome::Pass(c),
                text_area::Outcome::Saved(text) => {
                    self.ask = None;
                    if let Some(r) = self.row() {
                        self.draft = Some((r.member.id, text));
                    }
                    Outcome::Info(t(lang, "tui.session.comment_kept").to_string())
                }
            };
        }
        let answer = match &mut self.ask {
            Some(Ask::Reopen(p)) => p.apply(c),
            _ => return Outcome::Stay,
        };
        match answer {
            Answer::Typing => Outcome::Stay,
            Answer::Cancelled => {
                self.ask = None;
                Outcome::Stay
            }
            Answer::Pass(c) => Outcome::Pass(c),
            Answer::Given(text) => match self.ask.take() {
                Some(Ask::Reopen(p)) => {
                    if text.is_empty() {
                        let mut p = p;
                        p.note =
                            prompt::Note::Said(t(lang, "tui.session.reason_needed").to_string());
                        self.ask = Some(Ask::Reopen(p));
                        return Outcome::Stay;
                    }
                    work(Work::Reopen {
                        community: self.community,
                        year: self.year,
                        reason: text,
                    })
                }
                _ => Outcome::Stay,
            },
        }
    }

    /// The grade tally (优秀, 合格, 基本合格, 不合格, not graded) and the disqualified with why.
    pub fn summary(&self) -> ([usize; 5], Vec<(String, String)>) {
        let rows = self.rows();
        let dq = rows
            .iter()
            .filter_map(|r| {
                r.assessment
                    .disqualified
                    .as_ref()
                    .map(|why| (r.member.name.clone(), why.clone()))
            })
            .collect();
        (tally(rows), dq)
    }

    /// The member's 现实表现 in hand: the one typed and not yet saved, else the saved one.
    fn comment_of(&self, r: &SessionRow) -> String {
        match &self.draft {
            Some((m, text)) if *m == r.member.id => text.clone(),
            _ => r
                .evaluation
                .as_ref()
                .map(|e| e.comment.clone())
                .unwrap_or_default(),
        }
    }

    /// A 现实表现 typed and not yet saved with a grade, or being written.
    fn unsaved_now(&self) -> bool {
        self.draft
            .as_ref()
            .is_some_and(|(_, text)| !text.trim().is_empty())
            || matches!(&self.ask, Some(Ask::Comment(a)) if a.changed())
    }
}

impl Layer for SessionScreen {
    fn contexts(&self) -> &'static [Context] {
        match self.ask {
            Some(Ask::Comment(_)) => &text_area::CONTEXTS,
            Some(Ask::Reopen(_)) => &prompt::CONTEXTS,
            Some(Ask::Finish) => &CONFIRM_CONTEXTS,
            Some(Ask::Jump(_)) => &pick::CONTEXTS,
            None => &CONTEXTS,
        }
    }

    fn command(&mut self, c: CommandId, _: &Cx) -> Outcome {
        self.apply(c)
    }

    /// Typed text, for an open prompt.
    fn edit(&mut self, edit: Edit, _: &Cx) -> Outcome {
        match &mut self.ask {
            Some(Ask::Comment(a)) => a.edit(edit),
            Some(Ask::Reopen(p)) => p.edit(edit),
            Some(Ask::Jump(p)) => p.edit(edit),
            _ => {}
        }
        Outcome::Stay
    }

    /// A save also moved the ledger on, which the panes follow without the "changed by
    /// another user" message (the change was this clerk's).
    fn arrived(&mut self, data: &Loaded, _: &Cx) -> Option<Outcome> {
        let Loaded::Session(done) = data else {
            return None;
        };
        let written = done.written();
        let out = self.answered((**done).clone());
        Some(match written {
            Some((g, changed)) => Outcome::Saved(g, changed).and(out),
            None => out,
        })
    }

    fn cursor(&self, area: Rect) -> Option<Position> {
        match &self.ask {
            Some(Ask::Comment(a)) => a.cursor_position(area),
            Some(Ask::Reopen(p)) => p.cursor_position(area),
            Some(Ask::Jump(p)) => p.cursor_position(area),
            _ => None,
        }
    }

    fn unsaved(&self) -> bool {
        self.unsaved_now()
    }

    fn covers(&self) -> bool {
        true
    }

    /// The member on screen.
    fn revealable(&self, _: Lang) -> Option<(Id, Option<String>)> {
        self.row().map(|r| (r.member.id, None))
    }

    fn fit(&mut self, body: Rect) {
        if let Some(Ask::Comment(a)) = &mut self.ask {
            a.fit(body);
        }
    }
}
