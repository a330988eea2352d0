//! The seed's paper forms as row builders: each reads a ledger snapshot and fills a
//! [`Report`]. Titles, column names and column order follow DOMAIN.md "Form layouts" (the seeds
//! where they give the form). Nothing here writes files or draws screens.
mod boxed;
mod ledger_forms;
mod member_forms;
pub mod parts;
mod session_forms;

use std::collections::HashMap;

use chrono::NaiveDate;

use super::Report;
use crate::domain::*;
use crate::i18n::Lang;
use crate::store::{StoreError, Stored, View};

pub use ledger_forms::{communities, community_roster, overview, roster, unit_roster, unit_stats};
pub use member_forms::{card, feedback, member_form, slip};
pub use session_forms::session;

/// Which form (`baodao report FORM`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// 表1 社区联系方式一览表
    Communities,
    /// 表2 在职党员到社区报到一览表
    Overview,
    /// 附件1 报到单 + 回执
    Slip,
    /// 附件2 在职党员基本情况登记表
    MemberForm,
    /// 附件3 在职党员社区报到情况统计表
    UnitStats,
    /// 附件4 在职党员社区报到登记表
    Roster,
    /// 附件5 在职党员社区服务(活动)记录卡
    Card,
    /// 在职党员社区表现反馈单
    Feedback,
    /// 花名册(单位)
    UnitRoster,
    /// 花名册(社区)
    CommunityRoster,
    /// 年度民主评议汇总表 with the community's 年度工作情况
    Session,
}

impl Form {
    pub const ALL: [(&'static str, Form); 11] = [
        ("communities", Form::Communities),
        ("overview", Form::Overview),
        ("slip", Form::Slip),
        ("member-form", Form::MemberForm),
        ("unit-stats", Form::UnitStats),
        ("roster", Form::Roster),
        ("card", Form::Card),
        ("feedback", Form::Feedback),
        ("unit-roster", Form::UnitRoster),
        ("community-roster", Form::CommunityRoster),
        ("session", Form::Session),
    ];

    pub fn parse(s: &str) -> Option<Form> {
        Form::ALL.iter().find(|(n, _)| *n == s).map(|(_, f)| *f)
    }

    pub fn name(self) -> &'static str {
        Form::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map(|(n, _)| *n)
            .unwrap_or("")
    }
}

/// What a form is limited to.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub community: Option<Id>,
    pub unit: Option<Id>,
    pub member: Option<Id>,
    pub year: Option<i32>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Filter {
    /// The year a form is about: `--year`, else the year of `--to`, else today's.
    pub fn year_or(&self, today: NaiveDate) -> i32 {
        use chrono::Datelike;
        self.year
            .or(self.to.map(|d| d.year()))
            .unwrap_or(today.year())
    }

    /// The date range: `--from/--to`, else the whole of `year`.
    pub fn range(&self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let y = self.year_or(today);
        let start = NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(NaiveDate::MIN);
        let end = NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(NaiveDate::MAX);
        match (self.from, self.to, self.year) {
            (None, None, None) => (NaiveDate::MIN, NaiveDate::MAX),
            (f, t, _) => (f.unwrap_or(start), t.unwrap_or(end)),
        }
    }
}

/// Builds any form.
pub fn build(
    form: Form,
    view: &View,
    filter: &Filter,
    today: NaiveDate,
    lang: Lang,
) -> Result<Report, StoreError> {
    match form {
        Form::Communities => communities(view, filter),
        Form::Overview => overview(view, filter, today),
        Form::Slip => slip(view, filter),
        Form::MemberForm => member_form(view, filter),
        Form::UnitStats => unit_stats(view, filter, today, lang),
        Form::Roster => roster(view, filter),
        Form::Card => card(view, filter, today),
        Form::Feedback => feedback(view, filter, today, lang),
        Form::UnitRoster => unit_roster(view, filter, today, lang),
        Form::CommunityRoster => community_roster(view, filter),
        Form::Session => session(view, filter, today, lang),
    }
}

/// Lookups shared by the builders: units, communities and post names by id. A form for the
/// whole ledger reads every unit and community at once; one narrowed to a community, a unit or
/// a member (a part of a whole-ledger form in the reports view, one member's card) reads only
/// those its rows name, as they come ([`Self::unit_of`], [`Self::community_of`]): a province
/// has 83,333 units, and a part shows a few dozen members.
pub(crate) struct Names {
    pub units: HashMap<Id, Unit>,
    pub communities: HashMap<Id, Community>,
    pub posts: HashMap<Id, String>,
    loaded: std::collections::HashSet<Id>,
    /// Whether `units` / `communities` hold every one of the ledger.
    all_units: bool,
    all_communities: bool,
}

impl Names {
    /// Every unit and community.
    pub fn load(view: &View) -> Result<Names, StoreError> {
        let mut names = Names::empty();
        names.every_unit(view)?;
        names.every_community(view)?;
        Ok(names)
    }

    /// The names a form for `filter` starts from: every unit and community for the whole
    /// ledger, none when narrowed (then read as the rows name them).
    pub fn for_filter(view: &View, filter: &Filter) -> Result<Names, StoreError> {
        if filter.community.is_none() && filter.unit.is_none() && filter.member.is_none() {
            Names::load(view)
        } else {
            Ok(Names::empty())
        }
    }

    /// No names yet: load them as needed ([`Self::unit_of`], [`Self::community_of`]).
    pub fn empty() -> Names {
        Names {
            units: HashMap::new(),
            communities: HashMap::new(),
            posts: HashMap::new(),
            loaded: Default::default(),
            all_units: false,
            all_communities: false,
        }
    }

    /// Reads every unit, unless done.
    pub fn every_unit(&mut self, view: &View) -> Result<(), StoreError> {
        read_every(view, &mut self.units, &mut self.all_units)
    }

    /// Reads every community, unless done.
    pub fn every_community(&mut self, view: &View) -> Result<(), StoreError> {
        read_every(view, &mut self.communities, &mut self.all_communities)
    }

    /// The units paired with community `c`, archived ones left out, by name. No index leads
    /// from a community to its units: they come from the units held for the whole ledger, else
    /// from one pass over the units table that keeps only these.
    pub fn paired_with(&self, view: &View, c: Id) -> Result<Vec<Unit>, StoreError> {
        let paired = |u: &Unit| !u.archived && u.paired_community == Some(c);
        let mut units: Vec<Unit> = if self.all_units {
            self.units.values().filter(|u| paired(u)).cloned().collect()
        } else {
            let mut out = Vec::new();
            view.for_each::<Unit>(|u| {
                if paired(&u) {
                    out.push(u);
                }
                Ok(())
            })?;
            out
        };
        units.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        Ok(units)
    }

    /// Reads one unit, unless known.
    pub fn unit_of(&mut self, view: &View, id: Option<Id>) -> Result<(), StoreError> {
        if let Some(id) = id
            && !self.units.contains_key(&id)
            && let Some(u) = view.get::<Unit>(id)?
        {
            self.units.insert(id, u);
        }
        Ok(())
    }

    /// Reads one community, unless known.
    pub fn community_of(&mut self, view: &View, id: Option<Id>) -> Result<(), StoreError> {
        if let Some(id) = id
            && !self.communities.contains_key(&id)
            && let Some(c) = view.get::<Community>(id)?
        {
            self.communities.insert(id, c);
        }
        Ok(())
    }

    /// Post names of one community, loaded on first use.
    pub fn posts_of(&mut self, view: &View, community: Id) -> Result<(), StoreError> {
        if self.loaded.insert(community) {
            for p in view.posts_of_community(community)? {
                self.posts.insert(p.id, p.name);
            }
        }
        Ok(())
    }

    pub fn unit_name(&self, id: Option<Id>) -> String {
        id.and_then(|u| self.units.get(&u))
            .map(|u| u.name.clone())
            .unwrap_or_default()
    }

    pub fn community_name(&self, id: Option<Id>) -> String {
        id.and_then(|c| self.communities.get(&c))
            .map(|c| c.name.clone())
            .unwrap_or_default()
    }

    pub fn post_names(&self, ids: &[Id]) -> String {
        ids.iter()
            .filter_map(|p| self.posts.get(p))
            .cloned()
            .collect::<Vec<_>>()
            .join("、")
    }

    /// 工作单位及职务
    pub fn unit_and_position(&self, m: &Member) -> String {
        let u = self.unit_name(m.unit);
        match (u.is_empty(), m.position.is_empty()) {
            (false, false) => format!("{u} {}", m.position),
            (false, true) => u,
            _ => m.position.clone(),
        }
    }
}

/// The communities a form covers: the one named (read alone), or all, in name order.
pub(crate) fn chosen_communities(
    view: &View,
    names: &mut Names,
    filter: &Filter,
) -> Result<Vec<Community>, StoreError> {
    match filter.community {
        Some(c) => names.community_of(view, Some(c))?,
        None => names.every_community(view)?,
    }
    let mut cs: Vec<Community> = match filter.community {
        Some(c) => names.communities.get(&c).into_iter().cloned().collect(),
        None => names.communities.values().cloned().collect(),
    };
    cs.retain(|c| !c.archived);
    cs.sort_by(|a, b| {
        (&a.county, &a.street, &a.name, a.id).cmp(&(&b.county, &b.street, &b.name, b.id))
    });
    Ok(cs)
}

/// Every community of the ledger in the order the forms list them (county, street, name).
pub fn communities_in_order(view: &View) -> Result<Vec<Community>, StoreError> {
    chosen_communities(view, &mut Names::empty(), &Filter::default())
}

/// The members a per-member form covers: `--member`, else those of `--community`/`--unit`.
pub(crate) fn chosen_members(view: &View, filter: &Filter) -> Result<Vec<Member>, StoreError> {
    let mut ms = if let Some(m) = filter.member {
        view.get::<Member>(m)?.into_iter().collect()
    } else if let Some(c) = filter.community {
        view.members_of_community(c)?
    } else if let Some(u) = filter.unit {
        view.members_of_unit(u)?
    } else {
        view.all::<Member>()?
    };
    ms.retain(|m| !m.archived && filter.unit.is_none_or(|u| m.unit == Some(u)));
    ms.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    Ok(ms)
}

pub(crate) fn ym(v: Option<YearMonth>) -> super::Cell {
    v.map(|y| super::Cell::Text(y.to_string()))
        .unwrap_or(super::Cell::Empty)
}

pub(crate) fn date(v: Option<NaiveDate>) -> super::Cell {
    v.map(super::Cell::Date).unwrap_or(super::Cell::Empty)
}

pub(crate) fn hours(halves: u64) -> super::Cell {
    super::Cell::Num(halves as f64 / 2.0)
}

pub(crate) fn text(s: &str) -> super::Cell {
    if s.is_empty() {
        super::Cell::Empty
    } else {
        super::Cell::Text(s.to_string())
    }
}

pub(crate) fn code(s: &str) -> super::Cell {
    if s.is_empty() {
        super::Cell::Empty
    } else {
        super::Cell::Code(s.to_string())
    }
}

/// Every record of one kind into `into`, unless `done` says it was read already.
fn read_every<E: Stored>(
    view: &View,
    into: &mut HashMap<Id, E>,
    done: &mut bool,
) -> Result<(), StoreError> {
    if !*done {
        view.for_each::<E>(|e| {
            into.insert(e.key(), e);
            Ok(())
        })?;
        *done = true;
    }
    Ok(())
}
