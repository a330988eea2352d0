//! How each entity is stored: its table and the index entries it contributes. The write path
//! diffs a record's old and new entries, so an edit touches only the index rows that changed.
use chrono::{Datelike, NaiveDate};
use redb::TableDefinition;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::tables::*;
use crate::domain::*;

/// One secondary index row.
#[derive(Clone, Copy)]
pub enum IndexEntry {
    Pair(PairIndex, u128, u128),
    Dated(DatedIndex, u128, i32, u128),
}

impl PartialEq for IndexEntry {
    fn eq(&self, other: &IndexEntry) -> bool {
        use redb::TableHandle;
        match (self, other) {
            (IndexEntry::Pair(t, a, b), IndexEntry::Pair(u, c, d)) => {
                t.name() == u.name() && a == c && b == d
            }
            (IndexEntry::Dated(t, a, x, b), IndexEntry::Dated(u, c, y, d)) => {
                t.name() == u.name() && a == c && x == y && b == d
            }
            _ => false,
        }
    }
}

/// Days since 0001-01-01: the date slot of dated index keys.
pub fn day(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

/// A storable entity.
pub trait Stored: Serialize + DeserializeOwned + Clone + Into<Record> + 'static {
    const KIND: Kind;
    const TABLE: TableDefinition<'static, u128, &'static [u8]>;
    fn key(&self) -> Id;
    fn indexes(&self) -> Vec<IndexEntry>;
    fn from_record(r: Record) -> Option<Self>;
}

macro_rules! stored {
    ($t:ty, $kind:ident, $table:expr, |$s:ident| $idx:expr) => {
        impl Stored for $t {
            const KIND: Kind = Kind::$kind;
            const TABLE: TableDefinition<'static, u128, &'static [u8]> = $table;
            fn key(&self) -> Id {
                self.id
            }
            fn indexes(&self) -> Vec<IndexEntry> {
                let $s = self;
                $idx
            }
            fn from_record(r: Record) -> Option<Self> {
                match r {
                    Record::$kind(v) => Some(v),
                    _ => None,
                }
            }
        }
    };
}

use IndexEntry::{Dated, Pair};

stored!(Community, Community, COMMUNITIES, |s| if s.archived {
    vec![Pair(ARCHIVED, ARCHIVED_COMMUNITY, s.id.0)]
} else {
    Vec::new()
});
stored!(Unit, Unit, UNITS, |s| if s.archived {
    vec![Pair(ARCHIVED, ARCHIVED_UNIT, s.id.0)]
} else {
    Vec::new()
});
stored!(Member, Member, MEMBERS, |s| {
    let mut v = Vec::new();
    if let Some(c) = s.community {
        v.push(Pair(MEMBERS_BY_COMMUNITY, c.0, s.id.0));
    }
    if let Some(u) = s.unit {
        v.push(Pair(MEMBERS_BY_UNIT, u.0, s.id.0));
    }
    v
});
stored!(Registration, Registration, REGISTRATIONS, |s| {
    let by = s.report_by.map(day).unwrap_or(i32::MAX);
    vec![
        Pair(REGISTRATIONS_BY_MEMBER, s.member.0, s.id.0),
        Pair(REGISTRATIONS_BY_COMMUNITY, s.community.0, s.id.0),
        Dated(
            REGISTRATIONS_BY_STATUS,
            status_code(s.stored_status()),
            by,
            s.id.0,
        ),
    ]
});
stored!(Post, Post, POSTS, |s| vec![Pair(
    POSTS_BY_COMMUNITY,
    s.community.0,
    s.id.0
)]);
stored!(ServiceRecord, Service, SERVICES, |s| vec![
    Dated(SERVICES_BY_MEMBER, s.member.0, day(s.date), s.id.0),
    Dated(SERVICES_BY_COMMUNITY, s.community.0, day(s.date), s.id.0),
]);
stored!(Activity, Activity, ACTIVITIES, |s| vec![Dated(
    ACTIVITIES_BY_COMMUNITY,
    s.community.0,
    day(s.date),
    s.id.0
)]);
stored!(Demand, Demand, DEMANDS, |s| {
    let mut v = vec![Pair(DEMANDS_BY_COMMUNITY, s.community.0, s.id.0)];
    let mut members: Vec<u128> = Vec::new();
    if let Some(DispatchTarget::Member(m)) = &s.target {
        members.push(m.0);
    }
    if let Some(m) = s.accepted_by
        && !members.contains(&m.0)
    {
        members.push(m.0);
    }
    v.extend(
        members
            .into_iter()
            .map(|m| Pair(DEMANDS_BY_MEMBER, m, s.id.0)),
    );
    v
});
stored!(Household, Household, HOUSEHOLDS, |s| vec![Pair(
    HOUSEHOLDS_BY_COMMUNITY,
    s.community.0,
    s.id.0
)]);
stored!(Pairing, Pairing, PAIRINGS, |s| vec![
    Pair(PAIRINGS_BY_MEMBER, s.member.0, s.id.0),
    Pair(PAIRINGS_BY_HOUSEHOLD, s.household.0, s.id.0),
]);
stored!(Suggestion, Suggestion, SUGGESTIONS, |s| vec![Dated(
    SUGGESTIONS_BY_MEMBER,
    s.member.0,
    day(s.date),
    s.id.0
)]);
stored!(JointMeeting, Meeting, MEETINGS, |s| vec![Dated(
    MEETINGS_BY_COMMUNITY,
    s.community.0,
    day(s.date),
    s.id.0
)]);
stored!(UnitService, UnitService, UNIT_SERVICES, |s| vec![Dated(
    UNIT_SERVICES_BY_UNIT,
    s.unit.0,
    day(s.date),
    s.id.0
)]);
stored!(Evaluation, Evaluation, EVALUATIONS, |s| vec![
    Dated(EVALUATIONS_BY_COMMUNITY, s.community.0, s.year, s.id.0),
    Dated(EVALUATIONS_BY_MEMBER, s.member.0, s.year, s.id.0),
]);
stored!(YearClosure, Closure, CLOSURES, |s| vec![Dated(
    CLOSURES_BY_COMMUNITY,
    s.community.0,
    s.year,
    s.id.0
)]);

/// The status slot of `REGISTRATIONS_BY_STATUS`.
pub fn status_code(s: RegStatus) -> u128 {
    match s {
        RegStatus::Issued | RegStatus::Overdue => 0,
        RegStatus::Reported => 1,
        RegStatus::ReceiptReturned => 2,
        RegStatus::Ended => 3,
    }
}

/// The table of a kind (for code that handles records generically).
pub fn table_of(kind: Kind) -> TableDefinition<'static, u128, &'static [u8]> {
    match kind {
        Kind::Community => COMMUNITIES,
        Kind::Unit => UNITS,
        Kind::Member => MEMBERS,
        Kind::Registration => REGISTRATIONS,
        Kind::Post => POSTS,
        Kind::Service => SERVICES,
        Kind::Activity => ACTIVITIES,
        Kind::Demand => DEMANDS,
        Kind::Household => HOUSEHOLDS,
        Kind::Pairing => PAIRINGS,
        Kind::Suggestion => SUGGESTIONS,
        Kind::Meeting => MEETINGS,
        Kind::UnitService => UNIT_SERVICES,
        Kind::Evaluation => EVALUATIONS,
        Kind::Closure => CLOSURES,
    }
}

/// The index entries of any record.
pub fn indexes_of(r: &Record) -> Vec<IndexEntry> {
    match r {
        Record::Community(v) => v.indexes(),
        Record::Unit(v) => v.indexes(),
        Record::Member(v) => v.indexes(),
        Record::Registration(v) => v.indexes(),
        Record::Post(v) => v.indexes(),
        Record::Service(v) => v.indexes(),
        Record::Activity(v) => v.indexes(),
        Record::Demand(v) => v.indexes(),
        Record::Household(v) => v.indexes(),
        Record::Pairing(v) => v.indexes(),
        Record::Suggestion(v) => v.indexes(),
        Record::Meeting(v) => v.indexes(),
        Record::UnitService(v) => v.indexes(),
        Record::Evaluation(v) => v.indexes(),
        Record::Closure(v) => v.indexes(),
    }
}

/// Every index table (for `check` and migrations).
pub const PAIR_INDEXES: [PairIndex; 11] = [
    MEMBERS_BY_COMMUNITY,
    MEMBERS_BY_UNIT,
    REGISTRATIONS_BY_MEMBER,
    REGISTRATIONS_BY_COMMUNITY,
    POSTS_BY_COMMUNITY,
    DEMANDS_BY_COMMUNITY,
    DEMANDS_BY_MEMBER,
    HOUSEHOLDS_BY_COMMUNITY,
    PAIRINGS_BY_MEMBER,
    PAIRINGS_BY_HOUSEHOLD,
    ARCHIVED,
];
pub const DATED_INDEXES: [DatedIndex; 10] = [
    REGISTRATIONS_BY_STATUS,
    SERVICES_BY_MEMBER,
    SERVICES_BY_COMMUNITY,
    ACTIVITIES_BY_COMMUNITY,
    SUGGESTIONS_BY_MEMBER,
    MEETINGS_BY_COMMUNITY,
    UNIT_SERVICES_BY_UNIT,
    EVALUATIONS_BY_COMMUNITY,
    EVALUATIONS_BY_MEMBER,
    CLOSURES_BY_COMMUNITY,
];

/// The year a record's figures count toward, for the running totals.
pub fn year_of(d: NaiveDate) -> i32 {
    d.year()
}
