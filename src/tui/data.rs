//! What the runtime loads from the ledger for the screen: plain rows, already joined (unit and
//! community names filled in), so that views and `update` never need the store.
//!
//! Each payload carries the ledger `generation` it was read at, so the app knows how fresh
//! it is. Only what is visible is loaded: the community list, one community's members and
//! posts, one member's card, the ids of the units and the lines of those on screen.
//!
//! Owns: the shapes of loaded data. Must not touch: the store (see `load`), drawing.

use chrono::NaiveDate;

use crate::domain::{
    Community, Hours, Household, Member, Pairing, Post, Rating, RegStatus, Registration,
    ServiceKind, ServiceRecord, Settings, Suggestion, Unit, UnitKind, YearTotals,
};
use crate::domain::{Evaluation, Id};

/// One row of the 社区 pane.
#[derive(Debug, Clone, PartialEq)]
pub struct CommunityRow {
    pub id: Id,
    pub name: String,
    pub street: String,
}

/// One row of the 社区 pane as the list holds it: the community's id alone; its line
/// ([`CommunityRow`]) is read while it is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommunityEntry(pub Id);

/// The communities listed (their ids), the lines of the first of them (the first screen
/// shows them at once) and what applies to the whole ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerData {
    pub generation: u64,
    pub communities: Vec<CommunityEntry>,
    pub first: Vec<CommunityRow>,
    pub settings: Settings,
}

/// The communities the 社区 pane lists for a `/` filter (every one for an empty one), in id
/// order.
#[derive(Debug, Clone, PartialEq)]
pub struct CommunitiesData {
    pub filter: String,
    pub communities: Vec<CommunityEntry>,
}

/// One row of the 党员 pane.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberRow {
    pub id: Id,
    pub name: String,
    pub mobile: String,
    pub unit: String,
    /// Status of the current registration; `None` when the member has none.
    pub status: Option<RegStatus>,
    /// This year's certified hours (from the running totals), in half-hours.
    pub certified_halves: u32,
    /// Posts claimed on the current registration.
    pub posts: Vec<Id>,
}

/// One row of the 岗位 pane.
#[derive(Debug, Clone, PartialEq)]
pub struct PostRow {
    pub id: Id,
    pub name: String,
    pub time: String,
    pub place: String,
    /// Current members of the community who claimed it.
    pub holders: usize,
}

/// One community's members and posts.
#[derive(Debug, Clone, PartialEq)]
pub struct CommunityData {
    pub generation: u64,
    pub community: Id,
    pub members: Vec<MemberRow>,
    pub posts: Vec<PostRow>,
}

/// One row of the 服务记录卡 (附件5).
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceRow {
    pub id: Id,
    pub date: NaiveDate,
    pub content: String,
    pub place: String,
    pub hours: Hours,
    pub rating: Option<Rating>,
    pub kind: ServiceKind,
    /// The name in 认证签字; `None` while the row is not certified.
    pub certified_by: Option<String>,
    /// The household a visit (a 结对帮扶 row) names.
    pub household: Option<Id>,
}

impl ServiceRow {
    /// Hours that count toward 个人累计社区服务活动时间.
    pub fn certified_halves(&self) -> u32 {
        if self.certified_by.is_some() {
            self.hours.halves()
        } else {
            0
        }
    }
}

/// One member's service card.
#[derive(Debug, Clone, PartialEq)]
pub struct CardData {
    pub generation: u64,
    pub member: Id,
    pub rows: Vec<ServiceRow>,
    /// The households the member is paired with now (active pairings), by name: what a
    /// 结对帮扶 row typed on the card may name.
    pub paired: Vec<(Id, String)>,
}

/// One row of the 单位 view as the list holds it: the unit's id alone, so that a province's
/// 83,333 units cost 16 bytes each; its line ([`UnitRow`]) is read while it is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitEntry(pub Id);

/// One line of the 单位 view, read for the rows on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitRow {
    pub id: Id,
    pub name: String,
    pub kind: UnitKind,
    pub paired_community: String,
    /// 在职党员总数 as declared by the unit.
    pub declared: u32,
    pub stats: UnitStats,
}

/// A unit's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UnitStats {
    /// Members on file with this unit.
    pub on_file: usize,
    /// Of those, reported (or receipt returned) on their current registration.
    pub reported: usize,
}

/// The units the 单位 view lists for a `/` filter (every unit for an empty one), in id order.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitsData {
    pub generation: u64,
    pub filter: String,
    pub units: Vec<UnitEntry>,
}

/// A registration with the name of its community.
#[derive(Debug, Clone, PartialEq)]
pub struct RegistrationLine {
    pub registration: Registration,
    pub community: String,
}

/// A pairing with its household and the member's visits to it.
#[derive(Debug, Clone, PartialEq)]
pub struct PairingLine {
    pub pairing: Pairing,
    pub household: Option<Household>,
    /// Visits (service rows naming the household, not archived) and the last one's date.
    pub visits: usize,
    pub last_visit: Option<NaiveDate>,
}

/// Everything the member detail shows (附件2 and the year's figures).
#[derive(Debug, Clone, PartialEq)]
pub struct MemberDetail {
    pub member: Member,
    pub unit: Option<Unit>,
    pub registrations: Vec<RegistrationLine>,
    /// Names of the posts on the current registration.
    pub posts: Vec<String>,
    pub pairings: Vec<PairingLine>,
    pub suggestions: Vec<Suggestion>,
    /// 三单制 requests dispatched to or accepted by the member and not yet done or cancelled.
    pub open_demands: Vec<crate::domain::Demand>,
    pub evaluations: Vec<Evaluation>,
    /// The ledger's today, for registration statuses.
    pub today: NaiveDate,
    pub year: i32,
    pub totals: YearTotals,
    pub settings: Settings,
}

/// The community detail (表1 fields, posts, teams).
#[derive(Debug, Clone, PartialEq)]
pub struct CommunityDetail {
    pub community: Community,
    pub posts: Vec<Post>,
    pub members: usize,
}

/// The unit detail.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitDetail {
    pub unit: Unit,
    pub paired_community: String,
    pub stats: UnitStats,
    pub settings: Settings,
}

/// A post with the members who claimed it.
#[derive(Debug, Clone, PartialEq)]
pub struct PostDetail {
    pub post: Post,
    pub holders: Vec<String>,
}

/// One row of a card in full.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceDetail {
    pub record: ServiceRecord,
    pub member: String,
    pub community: String,
}
