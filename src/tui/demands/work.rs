//! What the requests screen asks of the runtime ([`Work`]) and what comes back ([`Done`]):
//! pure data, carried out against the ledger by `runtime::demands`.

use chrono::NaiveDate;

use crate::domain::rules::HalfYears;
use crate::domain::*;
use crate::tui::changed::Changed;

/// Whom a request is dispatched to (支部下单). The domain's own type, in a form that can be
/// compared whole (effects are compared in tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Post(Id),
    Team(String),
    Member(Id),
}

impl From<Target> for DispatchTarget {
    fn from(t: Target) -> DispatchTarget {
        match t {
            Target::Post(p) => DispatchTarget::Post(p),
            Target::Team(n) => DispatchTarget::Team(n),
            Target::Member(m) => DispatchTarget::Member(m),
        }
    }
}

/// A step of a request's life.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Dispatch(Target),
    Accept(Id),
    Cancel(String),
    Reopen(String),
    /// Done: the service row (hours in halves, date, place, content) for the member who
    /// accepted it, written with the request in one transaction.
    Complete {
        date: NaiveDate,
        hours: Hours,
        place: String,
        content: String,
        /// Who certifies the row, named by the clerk; `None` leaves it uncertified.
        certifier: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Work {
    Load {
        community: Id,
    },
    Step {
        community: Id,
        demand: Id,
        step: Step,
    },
}

/// A request with the names it points to.
#[derive(Debug, Clone, PartialEq)]
pub struct DemandLine {
    pub demand: Demand,
    pub target: String,
    pub accepted_by: String,
}

/// A household with its paired members and its last visit.
#[derive(Debug, Clone, PartialEq)]
pub struct HouseholdLine {
    pub household: Household,
    /// The active pairings, each with the member's name.
    pub pairings: Vec<(Pairing, String)>,
    pub last_visit: Option<NaiveDate>,
}

/// Everything the screen shows of one community.
#[derive(Debug, Clone, PartialEq)]
pub struct Data {
    pub community: Id,
    pub community_name: String,
    pub demands: Vec<DemandLine>,
    pub households: Vec<HouseholdLine>,
    /// Suggestions of the community's members this year, with the member's name.
    pub suggestions: Vec<(Suggestion, String)>,
    /// This year's joint meetings with the names of the units present.
    pub meetings: Vec<(JointMeeting, Vec<String>)>,
    pub meetings_check: HalfYears,
    /// For dispatching and accepting: the community's members, posts and teams.
    pub members: Vec<(Id, String)>,
    pub posts: Vec<(Id, String)>,
    pub teams: Vec<String>,
    pub settings: Settings,
}

#[derive(Debug, Clone)]
pub enum Done {
    Loaded(Box<Data>),
    /// A step was saved: what was done, and what it changed (the screen among it).
    Stepped {
        /// The ledger's commit counter after it.
        generation: u64,
        demand: Box<Demand>,
        changed: Changed,
    },
}
