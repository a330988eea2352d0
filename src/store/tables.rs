//! Every redb table of a ledger, with its key and value layout.
//!
//! Ids are `u128` (see [`crate::domain::Id`]); dates in keys are `i32` days since 0001-01-01
//! (chrono's `num_days_from_ce`), so a range over a key prefix is a date range. Row values are
//! [`super::codec`] bytes: one format byte, then postcard. Table names carry a version so that a
//! layout change is a new table filled by a numbered migration ([`super::migrate`]).
use redb::TableDefinition;

/// `&str` → bytes. `schema` = u32 LE schema version; `settings` = codec [`Settings`].
///
/// [`Settings`]: crate::domain::Settings
pub const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta-v1");

// ---- primary rows: id → codec bytes of the entity -----------------------------------------
pub const COMMUNITIES: TableDefinition<u128, &[u8]> = TableDefinition::new("communities-v1");
pub const UNITS: TableDefinition<u128, &[u8]> = TableDefinition::new("units-v1");
pub const MEMBERS: TableDefinition<u128, &[u8]> = TableDefinition::new("members-v1");
pub const REGISTRATIONS: TableDefinition<u128, &[u8]> = TableDefinition::new("registrations-v1");
pub const POSTS: TableDefinition<u128, &[u8]> = TableDefinition::new("posts-v1");
pub const SERVICES: TableDefinition<u128, &[u8]> = TableDefinition::new("services-v1");
pub const ACTIVITIES: TableDefinition<u128, &[u8]> = TableDefinition::new("activities-v1");
pub const DEMANDS: TableDefinition<u128, &[u8]> = TableDefinition::new("demands-v1");
pub const HOUSEHOLDS: TableDefinition<u128, &[u8]> = TableDefinition::new("households-v1");
pub const PAIRINGS: TableDefinition<u128, &[u8]> = TableDefinition::new("pairings-v1");
pub const SUGGESTIONS: TableDefinition<u128, &[u8]> = TableDefinition::new("suggestions-v1");
pub const MEETINGS: TableDefinition<u128, &[u8]> = TableDefinition::new("meetings-v1");
pub const UNIT_SERVICES: TableDefinition<u128, &[u8]> = TableDefinition::new("unit-services-v1");
pub const EVALUATIONS: TableDefinition<u128, &[u8]> = TableDefinition::new("evaluations-v1");
pub const CLOSURES: TableDefinition<u128, &[u8]> = TableDefinition::new("closures-v1");

// ---- secondary indexes: the key is the whole entry, the value is () -----------------------
/// A pair index `(parent id, child id)`: children of a parent in id (≈ creation) order.
pub type PairIndex = TableDefinition<'static, (u128, u128), ()>;
/// A dated index `(parent id, date days, child id)`: children of a parent by date.
pub type DatedIndex = TableDefinition<'static, (u128, i32, u128), ()>;

/// (community, member): the current members of a community.
pub const MEMBERS_BY_COMMUNITY: PairIndex = TableDefinition::new("idx-members-by-community-v1");
/// (unit, member)
pub const MEMBERS_BY_UNIT: PairIndex = TableDefinition::new("idx-members-by-unit-v1");
/// (member, registration): a member's registration history.
pub const REGISTRATIONS_BY_MEMBER: PairIndex =
    TableDefinition::new("idx-registrations-by-member-v1");
/// (community, registration)
pub const REGISTRATIONS_BY_COMMUNITY: PairIndex =
    TableDefinition::new("idx-registrations-by-community-v1");
/// (stored status code, report-by date days or i32::MAX, registration): overdue slips are the
/// `Issued` entries with a date before today.
pub const REGISTRATIONS_BY_STATUS: DatedIndex =
    TableDefinition::new("idx-registrations-by-status-v1");
/// (community, post)
pub const POSTS_BY_COMMUNITY: PairIndex = TableDefinition::new("idx-posts-by-community-v1");
/// (member, date, service): a member's service card in date order.
pub const SERVICES_BY_MEMBER: DatedIndex = TableDefinition::new("idx-services-by-member-v1");
/// (community, date, service)
pub const SERVICES_BY_COMMUNITY: DatedIndex = TableDefinition::new("idx-services-by-community-v1");
/// (community, date, activity)
pub const ACTIVITIES_BY_COMMUNITY: DatedIndex =
    TableDefinition::new("idx-activities-by-community-v1");
/// (community, demand)
pub const DEMANDS_BY_COMMUNITY: PairIndex = TableDefinition::new("idx-demands-by-community-v1");
/// (member, demand): demands dispatched to or accepted by a member.
pub const DEMANDS_BY_MEMBER: PairIndex = TableDefinition::new("idx-demands-by-member-v1");
/// (community, household)
pub const HOUSEHOLDS_BY_COMMUNITY: PairIndex =
    TableDefinition::new("idx-households-by-community-v1");
/// (member, pairing) and (household, pairing)
pub const PAIRINGS_BY_MEMBER: PairIndex = TableDefinition::new("idx-pairings-by-member-v1");
pub const PAIRINGS_BY_HOUSEHOLD: PairIndex = TableDefinition::new("idx-pairings-by-household-v1");
/// (member, date, suggestion)
pub const SUGGESTIONS_BY_MEMBER: DatedIndex = TableDefinition::new("idx-suggestions-by-member-v1");
/// (community, date, meeting)
pub const MEETINGS_BY_COMMUNITY: DatedIndex = TableDefinition::new("idx-meetings-by-community-v1");
/// (unit, date, unit service)
pub const UNIT_SERVICES_BY_UNIT: DatedIndex = TableDefinition::new("idx-unit-services-by-unit-v1");
/// (community, year, evaluation) — the year in the date slot.
pub const EVALUATIONS_BY_COMMUNITY: DatedIndex =
    TableDefinition::new("idx-evaluations-by-community-v1");
/// (member, year, evaluation)
pub const EVALUATIONS_BY_MEMBER: DatedIndex = TableDefinition::new("idx-evaluations-by-member-v1");
/// (community, year, closure)
pub const CLOSURES_BY_COMMUNITY: DatedIndex = TableDefinition::new("idx-closures-by-community-v1");

/// ([`ARCHIVED_UNIT`] or [`ARCHIVED_COMMUNITY`], id): the archived units and communities, so
/// the lists leave them out, and out of their counts, without reading every row (schema 6).
pub const ARCHIVED: PairIndex = TableDefinition::new("idx-archived-v1");
/// The parent slot of [`ARCHIVED`] for units.
pub const ARCHIVED_UNIT: u128 = 1;
/// The parent slot of [`ARCHIVED`] for communities.
pub const ARCHIVED_COMMUNITY: u128 = 2;

// ---- running totals (schema 2) -------------------------------------------------------------
/// (member, year) → codec [`YearTotals`]: kept in the same transaction as every service and
/// suggestion change.
///
/// [`YearTotals`]: crate::domain::YearTotals
pub const MEMBER_YEAR_TOTALS: TableDefinition<(u128, i32), &[u8]> =
    TableDefinition::new("member-year-totals-v1");
/// (community, year) → codec [`YearTotals`] of the rows recorded for that community.
///
/// [`YearTotals`]: crate::domain::YearTotals
pub const COMMUNITY_YEAR_TOTALS: TableDefinition<(u128, i32), &[u8]> =
    TableDefinition::new("community-year-totals-v1");

// ---- running per-unit tallies (schema 4) ----------------------------------------------------
/// unit → codec [`UnitTally`]: the unit's members on file counted by reporting state, kept in
/// the same transaction as every member and registration change.
///
/// [`UnitTally`]: crate::domain::UnitTally
pub const UNIT_TALLIES: TableDefinition<u128, &[u8]> = TableDefinition::new("unit-tallies-v1");

// ---- running per-community tallies (schema 5) ----------------------------------------------
/// community → codec [`CommunityTally`]: the community's registrations counted by their dates
/// and their member's unit kind, kept in the same transaction as every registration, member
/// and unit change.
///
/// [`CommunityTally`]: crate::domain::CommunityTally
pub const COMMUNITY_TALLIES: TableDefinition<u128, &[u8]> =
    TableDefinition::new("community-tallies-v1");

// ---- the audit log ---------------------------------------------------------------------------
/// audit entry id (time-ordered) → codec [`AuditEntry`](crate::domain::AuditEntry)
pub const AUDIT: TableDefinition<u128, &[u8]> = TableDefinition::new("audit-v1");
/// (record id, audit entry id): a record's history.
pub const AUDIT_BY_RECORD: PairIndex = TableDefinition::new("idx-audit-by-record-v1");

// ---- the search index (schema 3) ------------------------------------------------------------
/// record id → [`CompiledDoc`](crate::search::CompiledDoc) bytes (the doc with its pinyin
/// keys), for members, communities, units, posts, households and demands; kept in the same
/// transaction as the record so that opening a province ledger never recomputes pinyin.
pub const SEARCH_DOCS: TableDefinition<u128, &[u8]> = TableDefinition::new("search-docs-v1");

// ---- the search snapshot (schema 4) -----------------------------------------------------------
/// part number → bytes: a [`SearchIndex::snapshot`] cut into parts, described by the META
/// entry `search-snapshot` (journal mark, parts, length). A cache: see [`super::search_snapshot`].
///
/// [`SearchIndex::snapshot`]: crate::search::SearchIndex::snapshot
pub const SEARCH_SNAPSHOT: TableDefinition<u32, &[u8]> = TableDefinition::new("search-snapshot-v1");
/// sequence number → record id whose search doc was written or removed, in the same
/// transaction; the entries after the snapshot's mark are replayed on load.
pub const SEARCH_JOURNAL: TableDefinition<u64, u128> = TableDefinition::new("search-journal-v1");
