//! What the year-end session asks of the runtime ([`Work`]) and what comes back ([`Done`]):
//! pure data, carried out against the ledger by `runtime::session`.

use crate::domain::*;
use crate::evaluate::SessionRow;
use crate::tui::changed::Changed;

/// Work the session asks of the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Work {
    Open {
        community: Id,
        year: i32,
    },
    Member {
        member: Id,
        year: i32,
    },
    Grade(GradeEntry),
    Close {
        community: Id,
        year: i32,
    },
    Reopen {
        community: Id,
        year: i32,
        reason: String,
    },
}

/// One grade as the room decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeEntry {
    pub community: Id,
    pub member: Id,
    pub year: i32,
    pub grade: Grade,
    pub comment: String,
    /// 取消当年评先评优资格 and why, from the assessment (empty when not).
    pub disqualified: String,
}

/// A community's session as read.
#[derive(Debug, Clone)]
pub struct Opened {
    pub community: Id,
    pub community_name: String,
    pub year: i32,
    pub rows: Vec<SessionRow>,
    pub closed: bool,
}

/// One member's year in full: what the glance shows beyond the assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct Glance {
    pub member: Id,
    pub year: i32,
    pub unit: String,
    pub posts: Vec<String>,
    pub services: Vec<ServiceRecord>,
    pub suggestions: Vec<Suggestion>,
    pub pairings: Vec<(Pairing, Option<Household>)>,
}

/// What came back, with the ledger generation after it.
#[derive(Debug, Clone)]
pub enum Done {
    Opened(Opened),
    Glance(Glance),
    Graded(Evaluation, u64),
    Closed {
        community: Id,
        year: i32,
        generation: u64,
    },
    Reopened {
        community: Id,
        year: i32,
        generation: u64,
    },
}

impl Done {
    /// A write's generation after it, and what it changed; `None` for a read.
    pub fn written(&self) -> Option<(u64, Changed)> {
        match self {
            Done::Graded(_, g) => Some((*g, Changed::kinds(&[Kind::Evaluation]))),
            Done::Closed { generation, .. } | Done::Reopened { generation, .. } => {
                Some((*generation, Changed::kinds(&[Kind::Closure])))
            }
            Done::Opened(_) | Done::Glance(_) => None,
        }
    }
}
