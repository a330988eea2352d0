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
use crate::store::{StoreError, View};

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

/// Lookups shared by the builders: names of units, communities and posts by id.
pub(crate) struct Names {
    pub units: HashMap<Id, Unit>,
    pub communities: HashMap<Id, Community>,
    pub posts: HashMap<Id, String>,
    loaded: std::collections::HashSet<Id>,
}

impl Names {
    pub fn load(view: &View) -> Result<Names, StoreError> {
        let units = view.units()?.into_iter().map(|u| (u.id, u)).collect();
        let communities: HashMap<Id, Community> =
            view.communities()?.into_iter().map(|c| (c.id, c)).collect();
        Ok(Names {
            units,
            communities,
            posts: HashMap::new(),
            loaded: Default::default(),
        })
    }

    /// Every community, no units: the forms that list communities only.
    pub fn load_communities(view: &View) -> Result<Names, StoreError> {
        let mut names = Names::empty();
        names.communities = view.communities()?.into_iter().map(|c| (c.id, c)).collect();
        Ok(names)
    }

    /// No names yet: load them as needed ([`Self::unit_of`], [`Self::community_of`]).
    pub fn empty() -> Names {
        Names {
            units: HashMap::new(),
            communities: HashMap::new(),
            posts: HashMap::new(),
            loaded: Default::default(),
        }
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

/// The communities a form covers: the one named, or all, in name order.
pub(crate) fn chosen_communities(names: &Names, filter: &Filter) -> Vec<Community> {
    let mut cs: Vec<Community> = names
        .communities
        .values()
        .filter(|c| !c.archived && filter.community.is_none_or(|id| id == c.id))
        .cloned()
        .collect();
    cs.sort_by(|a, b| {
        (&a.county, &a.street, &a.name, a.id).cmp(&(&b.county, &b.street, &b.name, b.id))
    });
    cs
}

/// Every community of the ledger in the order the forms list them (county, street, name).
pub fn communities_in_order(view: &View) -> Result<Vec<Community>, StoreError> {
    Ok(chosen_communities(
        &Names::load_communities(view)?,
        &Filter::default(),
    ))
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
