//! The requests screen (三单制 居民点单·支部下单·党员接单, 微心愿) of the selected community, with
//! its households (结对帮扶), suggestions and joint meetings as further tabs.
//!
//! Requests filter by status; an overdue one carries a ⚑ marker. Keys move a request through
//! its life: `d` dispatches it (to a member, post or team, chosen by typing), `a` records who
//! accepted it, `c` completes it with a pre-filled service row (date, hours, place, content),
//! `x` cancels it with a reason, `o` reopens it with a note. Households show who is paired and
//! the last visit, flagged (⚑, with a count) when older than the ledger's `visit_weeks`; on
//! that tab `H` adds a household, `e` edits it, `p` pairs a member with it, `v` records a
//! visit, `P` edits or ends its pairing (the forms are data entry's, see `entry::pairing`).
//!
//! Owns: the screen's state and what its keys do. Must not touch: the ledger (steps go out as
//! [`work::Work`]), drawing ([`view`]).

mod picker;
mod view;
pub mod work;

use chrono::{Duration, NaiveDate};

use crate::domain::{Choice, DemandStatus, Id};
use crate::i18n::{Lang, t, tf};
use crate::smart_input::parse;
use ratatui::layout::{Position, Rect};

use crate::tui::action::{Effect, Loaded};
use crate::tui::command::{CommandId, Context};
use crate::tui::layer::{Cx, Layer, Outcome};
use crate::tui::session::prompt::{self, Answer, Note, Prompt};
use crate::tui::widgets::list::ListState;
use crate::tui::widgets::text_input::{Edit, TextInput};
use picker::{Candidate, Picker};
use work::{Data, DemandLine, HouseholdLine, Step, Target, Work};

const CONTEXTS: [Context; 3] = [Context::Demands, Context::Overlay, Context::Global];
pub(super) const FORM_CONTEXTS: [Context; 4] = [
    Context::Input,
    Context::Form,
    Context::Overlay,
    Context::Global,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Demands,
    Households,
    Suggestions,
    Meetings,
}

impl Tab {
    pub const ALL: [Tab; 4] = [
        Tab::Demands,
        Tab::Households,
        Tab::Suggestions,
        Tab::Meetings,
    ];
}

/// Which requests are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    All,
    Is(DemandStatus),
    Overdue,
}

impl Status {
    const CYCLE: [Status; 7] = [
        Status::All,
        Status::Is(DemandStatus::Open),
        Status::Is(DemandStatus::Dispatched),
        Status::Is(DemandStatus::Accepted),
        Status::Is(DemandStatus::Done),
        Status::Is(DemandStatus::Cancelled),
        Status::Overdue,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::All => t(lang, "tui.session.filter_all"),
            Status::Is(s) => s.label(lang),
            Status::Overdue => t(lang, "tui.dem.overdue"),
        }
    }
}

/// The service row being filled in to complete a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompleteForm {
    pub demand: Id,
    /// 日期, 时长(小时), 地点, 内容, 认证人
    pub fields: [TextInput; COMPLETE_FIELDS],
    pub focus: usize,
    /// Focus just arrived at the field: the first character typed replaces its pre-filled
    /// text (`1` over `1.5` is 1, not 11.5).
    pub fresh: bool,
    pub note: Note,
}

/// Date, hours, place, content and the certifier of a request's service row.
pub const COMPLETE_FIELDS: usize = 5;

impl CompleteForm {
    fn edit(&mut self, edit: Edit) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        if self.fresh && matches!(edit, Edit::Insert(_) | Edit::Paste(_)) {
            field.set_value("");
        }
        self.fresh = false;
        field.apply(edit);
    }

    fn move_focus(&mut self, by: usize) {
        self.focus = (self.focus + by) % COMPLETE_FIELDS;
        self.fresh = true;
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    Pick {
        accept: bool,
        demand: Id,
        picker: Picker,
    },
    Reason {
        cancel: bool,
        demand: Id,
        prompt: Prompt,
    },
    Complete(Box<CompleteForm>),
}

#[derive(Debug, Clone)]
pub struct DemandsScreen {
    pub community: Id,
    pub data: Option<Data>,
    pub tab: Tab,
    pub status: Status,
    pub list: ListState,
    pub ask: Option<Ask>,
    pub today: NaiveDate,
    pub lang: Lang,
    /// A record to select once the data arrives (a search hit).
    pub select: Option<Id>,
}

fn work(w: Work) -> Outcome {
    Outcome::Effect(Effect::Demands(w))
}

impl Layer for DemandsScreen {
    fn contexts(&self) -> &'static [Context] {
        match self.ask {
            None => &CONTEXTS,
            Some(Ask::Complete(_)) => &FORM_CONTEXTS,
            Some(_) => &prompt::CONTEXTS,
        }
    }

    fn command(&mut self, c: CommandId, _: &Cx) -> Outcome {
        self.apply(c)
    }

    fn edit(&mut self, edit: Edit, _: &Cx) -> Outcome {
        match &mut self.ask {
            Some(Ask::Pick { picker, .. }) => picker.edit(edit),
            Some(Ask::Reason { prompt, .. }) => prompt.edit(edit),
            Some(Ask::Complete(f)) => f.edit(edit),
            None => {}
        }
        Outcome::Stay
    }

    /// Its own changes (a step, a visit, a household) are made and seen here, so undo and
    /// redo are offered too.
    fn offers(&self, c: CommandId) -> bool {
        !c.acts_on_panes() && self.offers_here(c)
    }

    /// A step also moved the ledger on: said, and the panes read again.
    fn arrived(&mut self, data: &Loaded, cx: &Cx) -> Option<Outcome> {
        let Loaded::Demands(done) = data else {
            return None;
        };
        Some(match &**done {
            work::Done::Loaded(d) => {
                self.show_data((**d).clone());
                Outcome::Stay
            }
            // The screen is read again with the rest of what the step changed.
            work::Done::Stepped {
                generation,
                demand,
                changed,
            } => {
                let said = tf(
                    cx.lang,
                    "tui.dem.stepped",
                    &[&demand.content, &demand.status.label(cx.lang)],
                );
                Outcome::Info(said).and(Outcome::Saved(*generation, *changed))
            }
        })
    }

    fn cursor(&self, area: Rect) -> Option<Position> {
        self.cursor_position(area)
    }

    fn covers(&self) -> bool {
        true
    }

    /// A requester's contact, a household's address.
    fn revealable(&self, _: Lang) -> Option<(Id, Option<String>)> {
        matches!(self.tab, Tab::Demands | Tab::Households)
            .then(|| self.selected_id())
            .flatten()
            .map(|id| (id, None))
    }

    fn fit(&mut self, body: Rect) {
        self.set_height(body.height.saturating_sub(4) as usize);
    }
}

impl DemandsScreen {
    pub fn new(community: Id, tab: Tab, select: Option<Id>, today: NaiveDate, lang: Lang) -> Self {
        DemandsScreen {
            community,
            data: None,
            tab,
            status: Status::All,
            list: ListState::new(0),
            ask: None,
            today,
            lang,
            select,
        }
    }

    pub fn load_work(&self) -> Work {
        Work::Load {
            community: self.community,
        }
    }

    fn show_data(&mut self, data: Data) {
        if data.community != self.community {
            return;
        }
        let keep = self.selected_id().or(self.select.take());
        self.data = Some(data);
        self.relist(keep);
    }

    /// Requests shown under the status filter.
    pub fn demands(&self) -> Vec<&DemandLine> {
        let today = self.today;
        let Some(d) = &self.data else {
            return Vec::new();
        };
        d.demands
            .iter()
            .filter(|l| match self.status {
                Status::All => true,
                Status::Is(s) => l.demand.status == s,
                Status::Overdue => l.demand.is_overdue(today),
            })
            .collect()
    }

    /// Whether a household has gone unvisited longer than the ledger allows.
    pub fn unvisited(&self, h: &HouseholdLine) -> bool {
        let weeks = self.data.as_ref().map_or(4, |d| d.settings.visit_weeks);
        let limit = self.today - Duration::weeks(weeks as i64);
        h.last_visit.is_none_or(|d| d < limit)
    }

    fn len(&self) -> usize {
        let Some(d) = &self.data else { return 0 };
        match self.tab {
            Tab::Demands => self.demands().len(),
            Tab::Households => d.households.len(),
            Tab::Suggestions => d.suggestions.len(),
            Tab::Meetings => d.meetings.len(),
        }
    }

    fn ids(&self) -> Vec<Id> {
        let Some(d) = &self.data else {
            return Vec::new();
        };
        match self.tab {
            Tab::Demands => self.demands().iter().map(|l| l.demand.id).collect(),
            Tab::Households => d.households.iter().map(|h| h.household.id).collect(),
            Tab::Suggestions => d.suggestions.iter().map(|s| s.0.id).collect(),
            Tab::Meetings => d.meetings.iter().map(|m| m.0.id).collect(),
        }
    }

    pub fn selected_id(&self) -> Option<Id> {
        self.ids().get(self.list.selected()?).copied()
    }

    fn relist(&mut self, keep: Option<Id>) {
        // The height comes back from `Layer::fit` after every action.
        self.list = ListState::new(self.len());
        if let Some(id) = keep
            && let Some(i) = self.ids().iter().position(|x| *x == id)
        {
            self.list.select(Some(i));
        }
    }

    pub fn set_height(&mut self, rows: usize) {
        self.list.set_height(rows);
    }

    /// Whether `c` does something on the tab shown. The key hints name only these, and
    /// `update` refuses the rest naming this tab's keys (a request's `a` on the households
    /// tab accepted nothing, and said nothing useful).
    pub fn offers_here(&self, c: CommandId) -> bool {
        use CommandId::*;
        if self.ask.is_some() {
            return true;
        }
        match c {
            CycleFilter | Dispatch | Accept | Complete | CancelDemand | ReopenDemand => {
                self.tab == Tab::Demands
            }
            AddHousehold | Pair | Visit | EditPairing => self.tab == Tab::Households,
            // Personal data is a requester's contact or a household's address.
            Reveal => matches!(self.tab, Tab::Demands | Tab::Households),
            // Enter opens nothing here: the steps have their own keys.
            Confirm => false,
            _ => true,
        }
    }

    fn selected_demand(&self) -> Option<&DemandLine> {
        let id = self.selected_id()?;
        self.data
            .as_ref()?
            .demands
            .iter()
            .find(|l| l.demand.id == id)
    }

    fn apply(&mut self, c: CommandId) -> Outcome {
        if self.ask.is_some() {
            return self.answer(c);
        }
        let lang = self.lang;
        if self.list.apply(c) {
            return Outcome::Stay;
        }
        if !self.offers_here(c) {
            return Outcome::Refuse(c);
        }
        match c {
            CommandId::FocusNext | CommandId::FocusPrev => {
                let i = Tab::ALL.iter().position(|x| *x == self.tab).unwrap_or(0);
                let step = if c == CommandId::FocusNext { 1 } else { 3 };
                self.tab = Tab::ALL[(i + step) % 4];
                self.relist(None);
                Outcome::Stay
            }
            CommandId::CycleFilter => {
                let i = Status::CYCLE
                    .iter()
                    .position(|x| *x == self.status)
                    .unwrap_or(0);
                self.status = Status::CYCLE[(i + 1) % Status::CYCLE.len()];
                self.tab = Tab::Demands;
                let keep = self.selected_id();
                self.relist(keep);
                Outcome::Info(tf(
                    lang,
                    "tui.session.filter_now",
                    &[&self.status.label(lang)],
                ))
            }
            CommandId::Dispatch
            | CommandId::Accept
            | CommandId::Complete
            | CommandId::CancelDemand
            | CommandId::ReopenDemand => self.begin(c),
            CommandId::Close | CommandId::Cancel | CommandId::Demands => Outcome::Close,
            other => Outcome::Pass(other),
        }
    }

    /// Opens what a step needs to be told, after checking it fits the request's state.
    fn begin(&mut self, c: CommandId) -> Outcome {
        let lang = self.lang;
        let Some(line) = self.selected_demand() else {
            return Outcome::Error(t(lang, "tui.dem.pick_demand").to_string());
        };
        let d = line.demand.clone();
        let mut probe = d.clone();
        let fits = match c {
            CommandId::Dispatch => probe.dispatch(
                crate::domain::DispatchTarget::Team(String::new()),
                self.today,
            ),
            CommandId::Accept => probe.accept(Id(0), self.today),
            CommandId::Complete => probe.complete(Id(0), self.today),
            CommandId::CancelDemand => probe.cancel("-", self.today),
            _ => probe.reopen("", self.today),
        };
        if fits.is_err() {
            return Outcome::Error(tf(
                lang,
                "tui.dem.cannot",
                &[&d.status.label(lang), &c.name(lang)],
            ));
        }
        let Some(data) = &self.data else {
            return Outcome::Stay;
        };
        let members = data
            .members
            .iter()
            .map(|(id, n)| Candidate::new(n.clone(), Target::Member(*id)));
        self.ask = Some(match c {
            CommandId::Dispatch => {
                let mut all: Vec<Candidate> = members.collect();
                all.extend(data.posts.iter().map(|(id, n)| {
                    Candidate::new(
                        format!("{n}（{}）", t(lang, "tui.dem.post")),
                        Target::Post(*id),
                    )
                }));
                all.extend(data.teams.iter().map(|n| {
                    Candidate::new(
                        format!("{n}（{}）", t(lang, "tui.dem.team")),
                        Target::Team(n.clone()),
                    )
                }));
                Ask::Pick {
                    accept: false,
                    demand: d.id,
                    picker: Picker::new(
                        tf(lang, "tui.dem.dispatch_title", &[&d.content]),
                        all,
                        None,
                    ),
                }
            }
            CommandId::Accept => {
                let pre = match &d.target {
                    Some(crate::domain::DispatchTarget::Member(m)) => Some(Target::Member(*m)),
                    _ => None,
                };
                Ask::Pick {
                    accept: true,
                    demand: d.id,
                    picker: Picker::new(
                        tf(lang, "tui.dem.accept_title", &[&d.content]),
                        members.collect(),
                        pre.as_ref(),
                    ),
                }
            }
            CommandId::Complete => {
                let row = d.service_row(Id(0), Id(0), self.today);
                Ask::Complete(Box::new(CompleteForm {
                    demand: d.id,
                    fields: [
                        TextInput::with_value(&self.today.to_string()),
                        TextInput::with_value(&row.hours.to_string()),
                        TextInput::with_value(&row.place),
                        TextInput::with_value(&row.content),
                        // Certification is the certifier's act: left empty, the row is
                        // saved uncertified, to be certified on the card.
                        TextInput::new(),
                    ],
                    focus: 1,
                    fresh: true,
                    note: Note::Keys("tui.dem.complete_note"),
                }))
            }
            _ => {
                let cancel = c == CommandId::CancelDemand;
                let key = if cancel {
                    "tui.dem.cancel_title"
                } else {
                    "tui.dem.reopen_title"
                };
                Ask::Reason {
                    cancel,
                    demand: d.id,
                    prompt: Prompt::new(&tf(lang, key, &[&d.content]), "", "tui.dem.reason_note"),
                }
            }
        });
        Outcome::Stay
    }

    fn step(&self, demand: Id, step: Step) -> Outcome {
        work(Work::Step {
            community: self.community,
            demand,
            step,
        })
    }

    fn answer(&mut self, c: CommandId) -> Outcome {
        let lang = self.lang;
        let Some(ask) = &mut self.ask else {
            return Outcome::Stay;
        };
        match ask {
            Ask::Pick {
                accept,
                demand,
                picker,
            } => {
                if picker.list.apply(c) {
                    return Outcome::Stay;
                }
                if let Some(edit) = Edit::from_command(c) {
                    picker.edit(edit);
                    return Outcome::Stay;
                }
                match c {
                    CommandId::Confirm => {
                        let Some(choice) = picker.selected().map(|x| x.target.clone()) else {
                            return Outcome::Stay;
                        };
                        let (accept, demand) = (*accept, *demand);
                        self.ask = None;
                        match (accept, choice) {
                            (true, Target::Member(m)) => self.step(demand, Step::Accept(m)),
                            (true, _) => Outcome::Stay,
                            (false, target) => self.step(demand, Step::Dispatch(target)),
                        }
                    }
                    CommandId::Cancel | CommandId::Close => {
                        self.ask = None;
                        Outcome::Stay
                    }
                    other => Outcome::Pass(other),
                }
            }
            Ask::Reason {
                cancel,
                demand,
                prompt,
            } => match prompt.apply(c) {
                Answer::Typing => Outcome::Stay,
                Answer::Pass(c) => Outcome::Pass(c),
                Answer::Cancelled => {
                    self.ask = None;
                    Outcome::Stay
                }
                Answer::Given(text) if *cancel && text.is_empty() => {
                    prompt.note = Note::Said(t(lang, "tui.session.reason_needed").to_string());
                    Outcome::Stay
                }
                Answer::Given(text) => {
                    let (cancel, demand) = (*cancel, *demand);
                    self.ask = None;
                    let step = if cancel {
                        Step::Cancel(text)
                    } else {
                        Step::Reopen(text)
                    };
                    self.step(demand, step)
                }
            },
            Ask::Complete(f) => {
                if let Some(edit) = Edit::from_command(c) {
                    f.edit(edit);
                    return Outcome::Stay;
                }
                match c {
                    CommandId::FocusNext | CommandId::MoveDown => {
                        f.move_focus(1);
                        Outcome::Stay
                    }
                    CommandId::FocusPrev | CommandId::MoveUp => {
                        f.move_focus(COMPLETE_FIELDS - 1);
                        Outcome::Stay
                    }
                    CommandId::Confirm | CommandId::Submit => {
                        match complete_step(f, self.today, lang) {
                            Ok(step) => {
                                let demand = f.demand;
                                self.ask = None;
                                self.step(demand, step)
                            }
                            Err(why) => {
                                f.note = Note::Said(why);
                                Outcome::Stay
                            }
                        }
                    }
                    CommandId::Cancel | CommandId::Close => {
                        self.ask = None;
                        Outcome::Stay
                    }
                    other => Outcome::Pass(other),
                }
            }
        }
    }
}

/// The completing service row as typed, or why it cannot be saved.
fn complete_step(f: &CompleteForm, today: NaiveDate, lang: Lang) -> Result<Step, String> {
    let [date, hours, place, content, certifier] = &f.fields;
    // The one parser of dates and hours, as every form reads them (`t`, `1122`, `1:30`).
    let date = parse::date(date.value(), today).map_err(|e| t(lang, e.key).to_string())?;
    if date > today {
        return Err(t(lang, "tui.dem.future_date").to_string());
    }
    let hours = parse::hours(hours.value()).map_err(|e| t(lang, e.key).to_string())?;
    if content.value().trim().is_empty() {
        return Err(t(lang, "tui.dem.no_content").to_string());
    }
    Ok(Step::Complete {
        date,
        hours,
        place: place.value().trim().to_string(),
        content: content.value().trim().to_string(),
        certifier: Some(certifier.value().trim().to_string()).filter(|c| !c.is_empty()),
    })
}

#[cfg(test)]
mod complete_tests {
    use super::*;
    use crate::domain::Hours;

    fn form(hours: &str, certifier: &str) -> CompleteForm {
        CompleteForm {
            demand: Id(1),
            fields: [
                TextInput::with_value("1120"),
                TextInput::with_value(hours),
                TextInput::with_value("三号楼"),
                TextInput::with_value("修灯"),
                TextInput::with_value(certifier),
            ],
            focus: 1,
            fresh: true,
            note: Note::Said(String::new()),
        }
    }

    #[test]
    fn a_completed_row_is_certified_only_when_the_certifier_is_named() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
        match complete_step(&form("1:30", ""), today, Lang::Zh) {
            Ok(Step::Complete {
                certifier,
                hours,
                date,
                ..
            }) => {
                assert_eq!(certifier, None);
                assert_eq!(hours, Hours(3));
                assert_eq!(date.to_string(), "2026-11-20");
            }
            other => panic!("{other:?}"),
        }
        match complete_step(&form("2", " 王书记 "), today, Lang::Zh) {
            Ok(Step::Complete { certifier, .. }) => {
                assert_eq!(certifier.as_deref(), Some("王书记"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_first_key_replaces_the_pre_filled_hours() {
        let mut f = form("1.5", "");
        f.edit(Edit::Insert('1'));
        assert_eq!(f.fields[1].value(), "1");
        f.edit(Edit::Insert('.'));
        f.edit(Edit::Insert('5'));
        assert_eq!(f.fields[1].value(), "1.5");
    }
}
