//! The reports view (P/F9): any paper form ([`Form::ALL`]) for the selected community, member
//! or unit (or the whole ledger) and a year, shown as the printed table would look — wide
//! tables scroll sideways with ←/→, long ones with the usual keys — and exported (`x`: txt,
//! csv, xlsx or pdf, the printed ones with their number of A4 pages) to the current directory
//! under a clear name. `u` picks a unit by typing (the lists' search engine, over the units
//! of the community's members, or every unit without a community): the unit's own forms, as
//! its 反馈单 — with a community, only that community's members of the unit.
//!
//! Owns: the chosen form, scope and year, the scroll, the export choice. Must not touch: the
//! ledger (building and writing go out as [`work::Work`]), drawing ([`view`]).

mod paged;
mod view;
pub mod work;

use std::path::PathBuf;

use ratatui::layout::{Position, Rect};

use crate::domain::Id;
use crate::i18n::{Lang, t, tf};
use crate::report::forms::Form;
use crate::report::{Report, txt::to_txt};
use crate::tui::action::{Effect, Loaded};
use crate::tui::command::{CommandId, Context};
use crate::tui::filter::RowKey;
use crate::tui::layer::{Cx, Layer, Outcome};
use crate::tui::privacy::Privacy;
use crate::tui::widgets::list::ListState;
use crate::tui::widgets::pick::{self, PickList, PickRow, Picked};
use crate::tui::widgets::text_input::Edit;
use work::{Done, Format, Scope, Work};

const CONTEXTS: [Context; 3] = [Context::Reports, Context::Overlay, Context::Global];
const PICK_CONTEXTS: [Context; 2] = [Context::Overlay, Context::Global];

/// Columns moved by one ←/→.
const STEP: usize = 8;

/// Whom a form covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    Community,
    Member,
    /// The unit's members in this community: what the community sends the unit.
    CommunityUnit,
    Unit,
    Ledger,
}

impl Reach {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Reach::Community => t(lang, "tui.rep.reach_community"),
            Reach::Member => t(lang, "tui.rep.reach_member"),
            Reach::CommunityUnit => t(lang, "tui.rep.reach_community_unit"),
            Reach::Unit => t(lang, "tui.rep.reach_unit"),
            Reach::Ledger => t(lang, "tui.rep.reach_ledger"),
        }
    }
}

/// A list open over the table: forms to choose, or export formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choose {
    Form(ListState),
    Format(ListState),
    Unit(PickList<(Id, String)>),
}

#[derive(Debug, Clone)]
pub struct ReportsScreen {
    pub form: Form,
    pub reach: Reach,
    pub year: i32,
    /// What was selected when the view opened.
    pub community: Option<Id>,
    pub member: Option<Id>,
    pub unit: Option<Id>,
    /// The unit's name, once picked here (the scope's title names it).
    pub unit_name: Option<String>,
    /// The form as built, and as laid out for the screen (personal data by the rule).
    pub report: Option<Report>,
    pub lines: Option<Vec<String>>,
    /// The form for the whole ledger, held as its parts' ids and the parts on screen (the
    /// report and lines above stay empty).
    pub paged: Option<paged::Paged>,
    /// A4 pages the form prints on (XLSX and PDF).
    pub pages: Option<usize>,
    /// Scroll: first line and first column shown.
    pub top: usize,
    pub left: usize,
    pub height: usize,
    pub choose: Option<Choose>,
    /// Where exports are written (the current directory).
    pub export_dir: PathBuf,
    pub lang: Lang,
}

fn work(w: Work) -> Outcome {
    Outcome::Effect(Effect::Reports(w))
}

impl ReportsScreen {
    pub fn new(
        community: Option<Id>,
        member: Option<Id>,
        unit: Option<Id>,
        year: i32,
        lang: Lang,
    ) -> ReportsScreen {
        ReportsScreen {
            form: Form::Overview,
            reach: Reach::Community,
            year,
            community,
            member,
            unit,
            unit_name: None,
            report: None,
            lines: None,
            paged: None,
            pages: None,
            top: 0,
            left: 0,
            height: 10,
            choose: Some(Choose::Form(ListState::new(Form::ALL.len()))),
            export_dir: PathBuf::from("."),
            lang,
        }
    }

    pub fn contexts(&self) -> &'static [Context] {
        match self.choose {
            Some(Choose::Unit(_)) => &pick::CONTEXTS,
            Some(_) => &PICK_CONTEXTS,
            None => &CONTEXTS,
        }
    }

    /// Whom the form covers, for the title: the unit by name once picked.
    pub fn scope_label(&self) -> String {
        let lang = self.lang;
        match (self.reach, &self.unit_name) {
            (Reach::Unit, Some(name)) => name.clone(),
            (Reach::CommunityUnit, Some(name)) => {
                format!("{} · {name}", t(lang, "tui.rep.reach_community"))
            }
            (reach, _) => reach.label(lang).to_string(),
        }
    }

    /// Typed text, for the unit list.
    pub fn edit(&mut self, edit: Edit) {
        if let Some(Choose::Unit(p)) = &mut self.choose {
            p.edit(edit);
        }
    }

    pub fn scope(&self) -> Scope {
        let (community, member, unit) = match self.reach {
            Reach::Community => (self.community, None, None),
            Reach::Member => (None, self.member, None),
            Reach::CommunityUnit => (self.community, None, self.unit),
            Reach::Unit => (None, None, self.unit),
            Reach::Ledger => (None, None, None),
        };
        Scope {
            community,
            unit,
            member,
            year: self.year,
        }
    }

    fn build(&mut self) -> Outcome {
        self.report = None;
        self.lines = None;
        self.paged = None;
        self.pages = None;
        work(Work::Build {
            form: self.form,
            scope: self.scope(),
        })
    }

    pub fn arrived(&mut self, done: Done, privacy: &Privacy) -> Option<String> {
        match done {
            Done::Built {
                form,
                scope,
                report,
                pages,
            } => {
                if form == self.form && scope == self.scope() {
                    self.report = Some(report);
                    self.pages = Some(pages);
                    self.relayout(privacy);
                    self.top = 0;
                    self.left = 0;
                }
                None
            }
            Done::InParts { form, scope, parts } => {
                if form == self.form && scope == self.scope() {
                    self.paged = Some(paged::Paged::new(parts));
                    (self.top, self.left) = (0, 0);
                }
                None
            }
            Done::PartsBuilt { form, scope, built } => {
                if form == self.form
                    && scope == self.scope()
                    && let Some(p) = &mut self.paged
                {
                    p.arrived(built, privacy, self.lang);
                }
                None
            }
            Done::Exported(path) => Some(tf(self.lang, "tui.rep.exported", &[&path.display()])),
            Done::Units(units) => {
                self.choose = Some(Choose::Unit(self.unit_list(units)));
                None
            }
        }
    }

    /// The units to pick from, the one picked before selected. A unit is found by its name.
    fn unit_list(&self, units: Vec<work::UnitLine>) -> PickList<(Id, String)> {
        let lang = self.lang;
        let select = units.iter().position(|u| Some(u.id) == self.unit);
        let note = if units.is_empty() {
            t(lang, "tui.rep.no_units").to_string()
        } else {
            tf(lang, "tui.rep.units_note", &[&units.len()])
        };
        let rows = units
            .into_iter()
            .map(|u| PickRow {
                label: match u.members {
                    Some(n) => tf(lang, "tui.rep.unit_line", &[&u.name, &n]),
                    None => u.name.clone(),
                },
                key: RowKey::new(&[&u.name]),
                value: (u.id, u.name),
            })
            .collect();
        PickList::new(
            t(lang, "tui.rep.choose_unit").to_string(),
            note,
            rows,
            select,
        )
    }

    /// A unit picked: its forms, for this community's members of it when a community is
    /// selected. A form that is not per member or per unit gives way to the 反馈单.
    fn picked_unit(&mut self, id: Id, name: String) -> Outcome {
        self.unit = Some(id);
        self.unit_name = Some(name);
        self.reach = if self.community.is_some() {
            Reach::CommunityUnit
        } else {
            Reach::Unit
        };
        if matches!(
            self.form,
            Form::Communities | Form::Overview | Form::Session
        ) {
            self.form = Form::Feedback;
        }
        self.build()
    }

    /// The member whose form this is, if it is one member's.
    pub fn owner(&self) -> Option<Id> {
        self.scope().member
    }

    /// The record `r` reveals here: the member the form is for, else the member selected when
    /// the view opened — their row of a roster, their sheet of a form of many members.
    pub fn in_front(&self) -> Option<Id> {
        self.owner().or(self.member)
    }

    /// Lays the form out again after a reveal or a switch of presentation mode.
    pub fn relayout(&mut self, privacy: &Privacy) {
        if let Some(p) = &mut self.paged {
            p.relayout(privacy, self.lang);
        }
        if let Some(report) = &self.report {
            let shown = privacy.report(report, self.owner(), self.lang);
            self.lines = Some(to_txt(&shown).lines().map(String::from).collect());
        }
    }

    pub fn set_height(&mut self, rows: usize) {
        self.height = rows.max(1);
        if let Some(Choose::Form(l) | Choose::Format(l)) = &mut self.choose {
            l.set_height(rows);
        }
    }

    /// The parts of a form in parts that the screen needs and nobody asked for yet.
    pub fn wanted(&mut self) -> Option<Work> {
        let height = self.height;
        let parts = self.paged.as_mut()?.wanted(height);
        (!parts.is_empty()).then(|| Work::Parts {
            form: self.form,
            scope: self.scope(),
            parts,
        })
    }

    /// Whether a form is on screen (or on its way in parts).
    fn showing(&self) -> bool {
        self.lines.is_some() || self.paged.is_some()
    }

    fn scroll_up(&mut self, n: usize) {
        match &mut self.paged {
            Some(p) => p.up(n),
            None => self.top = self.top.saturating_sub(n),
        }
    }

    fn scroll_down(&mut self, n: usize) {
        if let Some(p) = &mut self.paged {
            return p.down(n);
        }
        let len = self.lines.as_ref().map_or(0, Vec::len);
        self.top = (self.top + n).min(len.saturating_sub(self.height));
    }

    pub fn apply(&mut self, c: CommandId) -> Outcome {
        if let Some(Choose::Unit(p)) = &mut self.choose {
            return match p.apply(c) {
                Picked::Typing => Outcome::Stay,
                Picked::Cancelled => {
                    self.choose = None;
                    if !self.showing() && self.report.is_none() {
                        return Outcome::Close;
                    }
                    Outcome::Stay
                }
                Picked::Chosen((id, name)) => {
                    self.choose = None;
                    self.picked_unit(id, name)
                }
                Picked::Pass(c) => Outcome::Pass(c),
            };
        }
        if let Some(choose) = &mut self.choose {
            let list = match choose {
                Choose::Form(l) | Choose::Format(l) => l,
                Choose::Unit(_) => return Outcome::Stay,
            };
            if list.apply(c) {
                return Outcome::Stay;
            }
            return match c {
                CommandId::Confirm => {
                    let i = list.selected().unwrap_or(0);
                    match self.choose.take() {
                        Some(Choose::Form(_)) => {
                            self.form = Form::ALL.get(i).map_or(self.form, |f| f.1);
                            self.build()
                        }
                        Some(Choose::Format(_)) => work(Work::Export {
                            form: self.form,
                            scope: self.scope(),
                            format: Format::ALL.get(i).copied().unwrap_or(Format::Csv),
                            dir: self.export_dir.clone(),
                        }),
                        Some(Choose::Unit(_)) | None => Outcome::Stay,
                    }
                }
                CommandId::Close | CommandId::Cancel => {
                    self.choose = None;
                    if !self.showing() {
                        return Outcome::Close;
                    }
                    Outcome::Stay
                }
                other => Outcome::Pass(other),
            };
        }
        match c {
            CommandId::MoveDown => self.scroll_down(1),
            CommandId::MoveUp => self.scroll_up(1),
            CommandId::PageDown => self.scroll_down(self.height),
            CommandId::PageUp => self.scroll_up(self.height),
            CommandId::Top => match &mut self.paged {
                Some(p) => p.top(),
                None => self.top = 0,
            },
            CommandId::Bottom => match &mut self.paged {
                Some(p) => p.bottom(),
                None => self.scroll_down(usize::MAX / 2),
            },
            CommandId::ScrollRight => self.left += STEP,
            CommandId::ScrollLeft => self.left = self.left.saturating_sub(STEP),
            CommandId::Confirm => {
                let mut l = ListState::new(Form::ALL.len());
                l.select(Form::ALL.iter().position(|f| f.1 == self.form));
                self.choose = Some(Choose::Form(l));
            }
            CommandId::Export => {
                let mut l = ListState::new(Format::ALL.len());
                l.select(Some(1));
                self.choose = Some(Choose::Format(l));
            }
            CommandId::PickUnit => {
                return work(Work::Units {
                    community: self.community,
                });
            }
            CommandId::CycleFilter => {
                let order = [
                    Reach::Community,
                    Reach::Member,
                    Reach::CommunityUnit,
                    Reach::Unit,
                    Reach::Ledger,
                ];
                let at = order.iter().position(|r| *r == self.reach).unwrap_or(0);
                // Only the reaches something is selected for.
                for k in 1..=order.len() {
                    let next = order[(at + k) % order.len()];
                    let available = match next {
                        Reach::Community => self.community.is_some(),
                        Reach::Member => self.member.is_some(),
                        Reach::CommunityUnit => self.community.is_some() && self.unit.is_some(),
                        Reach::Unit => self.unit.is_some(),
                        Reach::Ledger => true,
                    };
                    if available {
                        self.reach = next;
                        break;
                    }
                }
                return self.build();
            }
            CommandId::PrevYear | CommandId::NextYear => {
                self.year += if c == CommandId::PrevYear { -1 } else { 1 };
                return self.build();
            }
            CommandId::Close | CommandId::Cancel | CommandId::Reports => return Outcome::Close,
            other => return Outcome::Pass(other),
        }
        Outcome::Stay
    }
}

/// The long name of a form, as on paper.
pub fn form_title(form: Form, lang: Lang) -> &'static str {
    match form {
        Form::Communities => t(lang, "tui.rep.f_communities"),
        Form::Overview => t(lang, "tui.rep.f_overview"),
        Form::Slip => t(lang, "tui.rep.f_slip"),
        Form::MemberForm => t(lang, "tui.rep.f_member_form"),
        Form::UnitStats => t(lang, "tui.rep.f_unit_stats"),
        Form::Roster => t(lang, "tui.rep.f_roster"),
        Form::Card => t(lang, "tui.rep.f_card"),
        Form::Feedback => t(lang, "tui.rep.f_feedback"),
        Form::UnitRoster => t(lang, "tui.rep.f_unit_roster"),
        Form::CommunityRoster => t(lang, "tui.rep.f_community_roster"),
        Form::Session => t(lang, "tui.rep.f_session"),
    }
}

impl Layer for ReportsScreen {
    fn contexts(&self) -> &'static [Context] {
        ReportsScreen::contexts(self)
    }

    fn command(&mut self, c: CommandId, _: &Cx) -> Outcome {
        self.apply(c)
    }

    fn edit(&mut self, edit: Edit, _: &Cx) -> Outcome {
        ReportsScreen::edit(self, edit);
        Outcome::Stay
    }

    fn arrived(&mut self, data: &Loaded, cx: &Cx) -> Option<Outcome> {
        let Loaded::Reports(done) = data else {
            return None;
        };
        Some(
            match ReportsScreen::arrived(self, (**done).clone(), cx.privacy) {
                Some(said) => Outcome::Info(said),
                None => Outcome::Stay,
            },
        )
    }

    fn cursor(&self, area: Rect) -> Option<Position> {
        match &self.choose {
            Some(Choose::Unit(p)) => p.cursor_position(area),
            _ => None,
        }
    }

    fn covers(&self) -> bool {
        true
    }

    /// The form's own member, or their row or sheet in a form of many (Privacy::report).
    fn revealable(&self, _: Lang) -> Option<(Id, Option<String>)> {
        self.in_front().map(|id| (id, None))
    }

    fn fit(&mut self, body: Rect) {
        self.set_height(body.height.saturating_sub(3) as usize);
    }

    fn relayout(&mut self, privacy: &Privacy) {
        ReportsScreen::relayout(self, privacy);
    }
}
