//! The write path: one [`Tx`] is one durable redb transaction in which a record, its index
//! rows, the running totals and the audit entry change together or not at all.
use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use redb::{ReadableTable, TableHandle, WriteTransaction};

use super::codec::{decode, encode, encode_tail, join};
use super::entity::{IndexEntry, Stored, day, indexes_of, table_of, year_of};
use super::error::{LockReason, StoreError};
use super::open_tables::OpenTables;
use super::tables::*;
use crate::domain::*;

/// One change made in a transaction, kept for undo: the record before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub kind: Kind,
    pub id: Id,
    pub before: Option<Record>,
    pub after: Option<Record>,
}

/// An audit entry waiting for the commit, which gives it its id: the entry's other fields
/// already as row bytes ([`encode_tail`] of the fields after the id, in [`AuditEntry`]'s
/// order), so that a 100,000-row import does not hold 200,000 entries' strings.
pub(super) struct PendingAudit {
    id: Id,
    record: Id,
    tail: Vec<u8>,
}

/// An open write transaction. Never held while a person types: forms collect input first and
/// the runtime opens a `Tx` only to save it.
pub struct Tx<'l> {
    /// The tables this transaction has opened, held open until it ends; the transaction
    /// itself is reached through [`Tx::bare`].
    pub(super) tables: OpenTables<'l>,
    pub(super) clerk: &'l str,
    /// The transaction's time as its audit entries carry it (RFC 3339), formatted once: an
    /// import of 100,000 rows makes 200,000 entries.
    pub(super) now: String,
    pub(super) today: NaiveDate,
    /// Off only for the demo generator, which logs one summary entry instead.
    pub(super) audit: bool,
    pub(super) changes: Vec<Change>,
    /// Off when nobody asked for the changes ([`Ledger::write`]): a 100,000-row import held
    /// every record a second time for an undo nobody would offer.
    ///
    /// [`Ledger::write`]: super::Ledger::write
    pub(super) keep_changes: bool,
    /// Audit entries of this transaction, written together just before the commit: one open
    /// of each audit table per transaction instead of two per change (an import of 100,000
    /// rows makes 200,000 entries).
    pub(super) pending_audit: Vec<PendingAudit>,
    /// The unit and community tallies this transaction has moved, read once and written back
    /// just before the commit: a community's tally holds an entry per distinct set of dates,
    /// and decoding, re-encoding and rewriting it for every row of a 100,000-row import was
    /// a quarter of the import's time.
    pub(super) unit_tallies: BTreeMap<Id, UnitTally>,
    pub(super) community_tallies: BTreeMap<Id, CommunityTally>,
}

impl<'l> Tx<'l> {
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    pub fn clerk(&self) -> &str {
        self.clerk
    }

    /// The bare transaction, for what the open tables do not cover (the meta table, a
    /// table deleted and rebuilt): the tables held open are closed first, since redb
    /// refuses to open a table twice.
    pub(super) fn bare(&self) -> &'l WriteTransaction {
        self.tables.close()
    }

    /// A record by id.
    pub fn get<E: Stored>(&self, id: Id) -> Result<Option<E>, StoreError> {
        self.tables.rows(E::TABLE, |table| match table.get(id.0)? {
            Some(v) => Ok(Some(decode(v.value(), E::TABLE.name(), &id)?)),
            None => Ok(None),
        })
    }

    fn get_record(&self, kind: Kind, id: Id) -> Result<Option<Record>, StoreError> {
        let def = table_of(kind);
        self.tables.rows(def, |table| {
            let Some(v) = table.get(id.0)? else {
                return Ok(None);
            };
            decode_record(kind, v.value(), def.name(), id).map(Some)
        })
    }

    /// Validates and saves a record (new or edited), returning it as stored (normalized).
    pub fn save<E: Stored>(&mut self, e: E) -> Result<E, StoreError> {
        let saved = self.save_record(e.into(), "save", "")?;
        E::from_record(saved).ok_or_else(|| StoreError::Storage("kind changed on save".into()))
    }

    /// Saves any record: validation, locks, references, indexes, totals and audit.
    pub fn save_record(
        &mut self,
        mut rec: Record,
        action: &str,
        note: &str,
    ) -> Result<Record, StoreError> {
        rec.validate(self.today).map_err(StoreError::Invalid)?;
        let before = self.get_record(rec.kind(), rec.id())?;
        self.check_rules(before.as_ref(), &rec)?;
        self.put_raw(before.as_ref(), Some(&rec))?;
        self.log(rec.kind(), rec.id(), action, before, Some(&rec), note)?;
        Ok(rec)
    }

    /// Removes a record nothing points to (undoing a creation, deleting a suggestion typed by
    /// mistake). Records that others reference are archived instead.
    pub fn delete(&mut self, kind: Kind, id: Id, note: &str) -> Result<(), StoreError> {
        let Some(before) = self.get_record(kind, id)? else {
            return Err(StoreError::NotFound {
                kind: kind.name(),
                id: id.to_string(),
            });
        };
        if let Some(by) = self.referenced_by(&before)? {
            return Err(StoreError::Referenced {
                kind: kind.name(),
                id: id.to_string(),
                by,
            });
        }
        if let Record::Pairing(p) = &before {
            self.keep_visits(p, None)?;
        }
        if let Record::Service(s) = &before {
            if s.is_certified() {
                return Err(StoreError::Locked(LockReason::Certified));
            }
            self.check_year_open(s.community, s.date.year())?;
        }
        self.put_raw(Some(&before), None)?;
        self.log(kind, id, "delete", Some(before), None, note)
    }

    /// 撤销认证: the only way to change a certified row; logged with the reason.
    pub fn revoke_certification(&mut self, id: Id, reason: &str) -> Result<(), StoreError> {
        let Some(before) = self.get::<ServiceRecord>(id)? else {
            return Err(StoreError::NotFound {
                kind: "service",
                id: id.to_string(),
            });
        };
        if before.certification.is_none() {
            return Ok(());
        }
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid(Invalid(vec![FieldError::new(
                "field.reason",
                Problem::Empty,
            )])));
        }
        self.check_year_open(before.community, before.date.year())?;
        let mut after = before.clone();
        after.certification = None;
        let (b, a) = (Record::Service(before), Record::Service(after));
        self.put_raw(Some(&b), Some(&a))?;
        self.log(
            Kind::Service,
            id,
            "revoke-certification",
            Some(b),
            Some(&a),
            reason,
        )
    }

    /// 重新开启: reopens a community's closed year, logged with the reason.
    pub fn reopen_year(
        &mut self,
        community: Id,
        year: i32,
        reason: &str,
    ) -> Result<(), StoreError> {
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid(Invalid(vec![FieldError::new(
                "field.reason",
                Problem::Empty,
            )])));
        }
        for id in self.dated_ids(CLOSURES_BY_COMMUNITY, community, year, year)? {
            if let Some(mut c) = self.get::<YearClosure>(id)?
                && c.locks()
            {
                let before = Record::Closure(c.clone());
                c.reopened = Some((self.today, self.clerk.to_string(), reason.to_string()));
                let after = Record::Closure(c);
                self.put_raw(Some(&before), Some(&after))?;
                self.log(
                    Kind::Closure,
                    id,
                    "reopen-year",
                    Some(before),
                    Some(&after),
                    reason,
                )?;
            }
        }
        Ok(())
    }

    /// Ledger settings (thresholds and points formula), logged like any change; settings
    /// that break [`Settings::problems`] are refused, whoever sends them.
    pub fn save_settings(&mut self, s: &Settings) -> Result<(), StoreError> {
        let problems = s.problems(crate::i18n::Lang::Zh);
        if !problems.is_empty() {
            return Err(StoreError::Invalid(crate::domain::Invalid(problems)));
        }
        let mut meta = self.bare().open_table(META)?;
        let before = meta.get("settings")?.map(|v| v.value().to_vec());
        meta.insert("settings", encode(s).as_slice())?;
        drop(meta);
        let before_json = match before {
            Some(b) => decode::<Settings>(&b, "meta-v1", "settings")
                .ok()
                .and_then(|s| serde_json::to_string(&s).ok()),
            None => None,
        };
        self.append_audit(AuditEntry {
            id: Id::new(),
            clerk: self.clerk.to_string(),
            at: self.now.clone(),
            kind: "settings".into(),
            record: Id(0),
            action: "save".into(),
            before: before_json,
            after: serde_json::to_string(s).ok(),
            note: String::new(),
            account: String::new(),
        })
    }

    /// Rules that span records: certified rows, closed years, hours per day, references.
    fn check_rules(&self, before: Option<&Record>, rec: &Record) -> Result<(), StoreError> {
        match rec {
            Record::Service(s) => {
                if let Some(Record::Service(old)) = before {
                    if old.is_certified()
                        && (old.differs_in_certified_fields(s)
                            || old.certification != s.certification)
                    {
                        return Err(StoreError::Locked(LockReason::Certified));
                    }
                    self.check_year_open(old.community, old.date.year())?;
                }
                self.check_year_open(s.community, s.date.year())?;
                self.require::<Member>(s.member, "field.member")?;
                self.require::<Community>(s.community, "field.community")?;
                if let Some(h) = s.household {
                    self.require::<Household>(h, "field.household")?;
                    // A visit is the paired member's: it is what clears the household's
                    // unvisited flag, so it must be a pairing's own.
                    let paired = self
                        .pair_ids(PAIRINGS_BY_HOUSEHOLD, h)?
                        .into_iter()
                        .map(|p| self.get::<Pairing>(p))
                        .collect::<Result<Vec<_>, _>>()?
                        .into_iter()
                        .flatten()
                        .any(|p| p.covers(s.member, s.date));
                    if !paired && !s.archived {
                        return Err(StoreError::Invalid(Invalid(vec![FieldError::new(
                            "field.household",
                            Problem::NotPaired,
                        )])));
                    }
                }
                if let Some(a) = s.activity {
                    self.require::<Activity>(a, "field.activity")?;
                }
                if let Some(d) = s.demand {
                    self.require::<Demand>(d, "field.demand")?;
                }
                let day_total = self.day_halves(s.member, s.date, s.id)? + s.hours.halves();
                if day_total > Hours::DAY_MAX.halves() {
                    return Err(StoreError::Invalid(Invalid(vec![FieldError::new(
                        "field.hours",
                        Problem::HoursOverDay {
                            day_total_half_hours: day_total,
                        },
                    )])));
                }
            }
            Record::Suggestion(s) => {
                self.check_year_open(s.community, s.date.year())?;
                self.require::<Member>(s.member, "field.member")?;
                self.require::<Community>(s.community, "field.community")?;
            }
            Record::Evaluation(e) => {
                self.check_year_open(e.community, e.year)?;
                self.require::<Member>(e.member, "field.member")?;
                self.require::<Community>(e.community, "field.community")?;
            }
            Record::Member(m) => {
                match m.community {
                    Some(c) => self.require::<Community>(c, "field.community")?,
                    // A member in no community is in no list: no screen could find them
                    // again. Only archiving such a member is let through.
                    None if !m.archived => {
                        return Err(StoreError::Invalid(Invalid(vec![FieldError::new(
                            "field.community",
                            Problem::Empty,
                        )])));
                    }
                    None => {}
                }
                if let Some(u) = m.unit {
                    self.require::<Unit>(u, "field.unit")?;
                }
            }
            Record::Unit(u) => {
                if let Some(c) = u.paired_community {
                    self.require::<Community>(c, "field.community")?;
                }
            }
            Record::Household(h) => self.require::<Community>(h.community, "field.community")?,
            Record::Activity(a) => self.require::<Community>(a.community, "field.community")?,
            Record::Meeting(m) => {
                self.require::<Community>(m.community, "field.community")?;
                for u in &m.units {
                    self.require::<Unit>(*u, "tui.f.units_present")?;
                }
            }
            Record::UnitService(u) => {
                self.require::<Unit>(u.unit, "field.unit")?;
                self.require::<Community>(u.community, "field.community")?;
            }
            Record::Demand(d) => {
                self.require::<Community>(d.community, "field.community")?;
                if let Some(m) = d.accepted_by {
                    self.require::<Member>(m, "field.member")?;
                }
                match &d.target {
                    Some(DispatchTarget::Member(m)) => {
                        self.require::<Member>(*m, "field.member")?
                    }
                    Some(DispatchTarget::Post(p)) => self.require::<Post>(*p, "field.posts")?,
                    _ => {}
                }
            }
            Record::Registration(r) => {
                self.require::<Member>(r.member, "field.member")?;
                self.require::<Community>(r.community, "field.community")?;
                for p in &r.posts {
                    self.require::<Post>(*p, "field.posts")?;
                }
            }
            Record::Post(p) => self.require::<Community>(p.community, "field.community")?,
            Record::Pairing(p) => {
                self.require::<Member>(p.member, "field.member")?;
                self.require::<Household>(p.household, "field.household")?;
                if let Some(Record::Pairing(old)) = before {
                    self.keep_visits(old, Some(p))?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A pairing changed (`after`) or removed (`None`) must leave every visit it covered
    /// still covered by a pairing of the household ([`Pairing::covers`], the rule every
    /// visit is saved by): otherwise the visit would count for nobody and `check` would
    /// report it. Refused naming the field that moved and the visits' dates.
    fn keep_visits(&self, before: &Pairing, after: Option<&Pairing>) -> Result<(), StoreError> {
        let mut others = Vec::new();
        for id in self.pair_ids(PAIRINGS_BY_HOUSEHOLD, before.household)? {
            if id != before.id
                && let Some(p) = self.get::<Pairing>(id)?
            {
                others.push(p);
            }
        }
        others.extend(after.filter(|a| a.household == before.household).cloned());
        let mut stranded = Vec::new();
        for id in self.dated_ids(SERVICES_BY_MEMBER, before.member, i32::MIN, i32::MAX)? {
            let Some(s) = self.get::<ServiceRecord>(id)? else {
                continue;
            };
            if s.household == Some(before.household)
                && !s.archived
                && before.covers(s.member, s.date)
                && !others.iter().any(|p| p.covers(s.member, s.date))
            {
                stranded.push(s.date);
            }
        }
        if stranded.is_empty() {
            return Ok(());
        }
        stranded.sort_unstable();
        let field = match after {
            Some(a) if a.member != before.member => "field.member",
            Some(a) if a.household != before.household => "field.household",
            Some(a) if stranded[0] < a.since => "tui.f.since",
            Some(_) => "tui.f.ended_on",
            None => "field.household",
        };
        Err(StoreError::Invalid(Invalid(vec![FieldError::new(
            field,
            Problem::StrandsVisits(stranded),
        )])))
    }

    fn require<E: Stored>(&self, id: Id, field: &'static str) -> Result<(), StoreError> {
        // The key alone: a service row names its member and community, and decoding each
        // whole to see that it is there was a twentieth of a workbook import.
        let present = self
            .tables
            .rows(E::TABLE, |table| Ok(table.get(id.0)?.is_some()))?;
        if !present {
            return Err(StoreError::Invalid(Invalid(vec![FieldError::new(
                field,
                Problem::NotFound,
            )])));
        }
        Ok(())
    }

    fn check_year_open(&self, community: Id, year: i32) -> Result<(), StoreError> {
        for id in self.dated_ids(CLOSURES_BY_COMMUNITY, community, year, year)? {
            if self.get::<YearClosure>(id)?.is_some_and(|c| c.locks()) {
                return Err(StoreError::Locked(LockReason::YearClosed(year)));
            }
        }
        Ok(())
    }

    /// Half-hours a member already has on a date, not counting `except`.
    fn day_halves(&self, member: Id, date: NaiveDate, except: Id) -> Result<u32, StoreError> {
        let mut total = 0;
        for id in self.dated_ids(SERVICES_BY_MEMBER, member, day(date), day(date))? {
            if id != except
                && let Some(s) = self.get::<ServiceRecord>(id)?
                && !s.archived
            {
                total += s.hours.halves();
            }
        }
        Ok(total)
    }

    pub(super) fn dated_ids(
        &self,
        index: DatedIndex,
        parent: Id,
        from: i32,
        to: i32,
    ) -> Result<Vec<Id>, StoreError> {
        self.tables.dated(index, |table| {
            let mut out = Vec::new();
            for entry in table.range((parent.0, from, 0u128)..=(parent.0, to, u128::MAX))? {
                let (k, _) = entry?;
                out.push(Id(k.value().2));
            }
            Ok(out)
        })
    }

    /// Child ids of `parent` in a pair index, read inside the transaction.
    pub fn pair_ids(&self, index: PairIndex, parent: Id) -> Result<Vec<Id>, StoreError> {
        self.tables.pairs(index, |table| {
            let mut out = Vec::new();
            for entry in table.range((parent.0, 0u128)..=(parent.0, u128::MAX))? {
                out.push(Id(entry?.0.value().1));
            }
            Ok(out)
        })
    }

    fn pair_exists(&self, index: PairIndex, parent: Id) -> Result<bool, StoreError> {
        self.tables.pairs(index, |table| {
            Ok(table
                .range((parent.0, 0u128)..=(parent.0, u128::MAX))?
                .next()
                .is_some())
        })
    }

    fn dated_exists(&self, index: DatedIndex, parent: Id) -> Result<bool, StoreError> {
        Ok(!self
            .dated_ids(index, parent, i32::MIN, i32::MAX)?
            .is_empty())
    }

    /// What still points at a record, if anything (names the first referencing kind).
    fn referenced_by(&self, r: &Record) -> Result<Option<String>, StoreError> {
        let id = r.id();
        let hit = match r {
            Record::Community(_) => (self.pair_exists(MEMBERS_BY_COMMUNITY, id)?)
                .then_some("member")
                .or((self.pair_exists(POSTS_BY_COMMUNITY, id)?).then_some("post"))
                .or((self.dated_exists(SERVICES_BY_COMMUNITY, id)?).then_some("service")),
            Record::Unit(_) => self.pair_exists(MEMBERS_BY_UNIT, id)?.then_some("member"),
            Record::Member(_) => (self.dated_exists(SERVICES_BY_MEMBER, id)?)
                .then_some("service")
                .or((self.pair_exists(REGISTRATIONS_BY_MEMBER, id)?).then_some("registration"))
                .or((self.pair_exists(PAIRINGS_BY_MEMBER, id)?).then_some("pairing")),
            Record::Household(_) => self
                .pair_exists(PAIRINGS_BY_HOUSEHOLD, id)?
                .then_some("pairing"),
            _ => None,
        };
        Ok(hit.map(str::to_string))
    }

    /// Writes `after` in place of `before`: row, index diff and totals. No validation.
    pub(super) fn put_raw(
        &mut self,
        before: Option<&Record>,
        after: Option<&Record>,
    ) -> Result<(), StoreError> {
        let Some(rec) = after.or(before) else {
            return Ok(());
        };
        let (kind, id) = (rec.kind(), rec.id());
        if matches!(kind, Kind::Unit | Kind::Community) {
            self.tables.forget_name(id.0);
        }
        let moved = super::unit_tallies::affected(before, after);
        let mut was = Vec::with_capacity(moved.len());
        let mut seen: Vec<super::unit_tallies::Seen> = Vec::with_capacity(moved.len());
        for m in &moved {
            let in_hand = in_hand(*m, Kind::Member, (kind, id), before, as_member);
            let mut s = Default::default();
            was.push(super::unit_tallies::position(self, *m, in_hand, &mut s)?);
            seen.push(s);
        }
        let regs = super::community_tallies::affected(self, before, after)?;
        let mut regs_were = Vec::with_capacity(regs.len());
        for r in &regs {
            let in_hand = in_hand(*r, Kind::Registration, (kind, id), before, as_registration);
            regs_were.push(super::community_tallies::position(self, *r, in_hand)?);
        }
        self.tables.rows(table_of(kind), |table| {
            match after {
                Some(a) => {
                    table.insert(id.0, encode_record(a).as_slice())?;
                }
                None => {
                    table.remove(id.0)?;
                }
            }
            Ok(())
        })?;
        let old = before.map(indexes_of).unwrap_or_default();
        let new = after.map(indexes_of).unwrap_or_default();
        for e in old.iter().filter(|e| !new.contains(e)) {
            self.index(*e, false)?;
        }
        for e in new.iter().filter(|e| !old.contains(e)) {
            self.index(*e, true)?;
        }
        self.totals(before, -1)?;
        self.totals(after, 1)?;
        for ((m, was), mut seen) in moved.into_iter().zip(was).zip(seen) {
            let in_hand = in_hand(m, Kind::Member, (kind, id), after, as_member);
            super::unit_tallies::written(&mut seen, m, id, after);
            let now = super::unit_tallies::position(self, m, in_hand, &mut seen)?;
            super::unit_tallies::shift(self, was, now)?;
        }
        for (r, was) in regs.into_iter().zip(regs_were) {
            let in_hand = in_hand(r, Kind::Registration, (kind, id), after, as_registration);
            let now = super::community_tallies::position(self, r, in_hand)?;
            super::community_tallies::shift(self, was, now)?;
        }
        super::search_docs::put(&self.tables, before, after, true)?;
        if let (Some(b), Some(a)) = (before, after)
            && renamed(b, a)
        {
            super::search_docs::refresh_dependents(&self.tables, a)?;
        }
        Ok(())
    }

    fn index(&mut self, e: IndexEntry, insert: bool) -> Result<(), StoreError> {
        match e {
            IndexEntry::Pair(def, a, b) => self.tables.pairs(def, |t| {
                if insert {
                    t.insert((a, b), ())?;
                } else {
                    t.remove((a, b))?;
                }
                Ok(())
            }),
            IndexEntry::Dated(def, a, d, b) => self.tables.dated(def, |t| {
                if insert {
                    t.insert((a, d, b), ())?;
                } else {
                    t.remove((a, d, b))?;
                }
                Ok(())
            }),
        }
    }

    fn totals(&mut self, r: Option<&Record>, sign: i64) -> Result<(), StoreError> {
        let (member, community, year) = match r {
            Some(Record::Service(s)) => (s.member, s.community, year_of(s.date)),
            Some(Record::Suggestion(s)) => (s.member, s.community, year_of(s.date)),
            _ => return Ok(()),
        };
        for (def, key) in [
            (MEMBER_YEAR_TOTALS, member),
            (COMMUNITY_YEAR_TOTALS, community),
        ] {
            self.tables.totals(def, |t| {
                let mut totals: YearTotals = match t.get((key.0, year))? {
                    Some(v) => decode(v.value(), def.name(), &format!("{key}/{year}"))?,
                    None => YearTotals::default(),
                };
                match r {
                    Some(Record::Service(s)) => totals.apply_service(s, sign),
                    Some(Record::Suggestion(s)) => totals.apply_suggestion(s, sign),
                    _ => {}
                }
                if totals.is_zero() {
                    t.remove((key.0, year))?;
                } else {
                    t.insert((key.0, year), encode(&totals).as_slice())?;
                }
                Ok(())
            })?;
        }
        Ok(())
    }

    fn log(
        &mut self,
        kind: Kind,
        id: Id,
        action: &str,
        before: Option<Record>,
        after: Option<&Record>,
        note: &str,
    ) -> Result<(), StoreError> {
        if self.audit {
            // Encoded now, from borrowed parts: the entry's JSON is dropped at once instead
            // of being held, and copied, until the commit.
            let tail = encode_tail(&(
                self.clerk,
                self.now.as_str(),
                kind.name(),
                id,
                action,
                before.as_ref().map(Record::to_json),
                after.map(Record::to_json),
                note,
                super::audit::os_account(),
            ));
            self.pending_audit.push(PendingAudit {
                id: Id::new(),
                record: id,
                tail,
            });
        }
        if self.keep_changes {
            self.changes.push(Change {
                kind,
                id,
                before,
                after: after.cloned(),
            });
        }
        Ok(())
    }

    /// Adds one entry to the audit log (also used for summaries such as an import).
    pub fn append_audit(&mut self, entry: AuditEntry) -> Result<(), StoreError> {
        let e = &entry;
        // Who ran the process, whatever name it was given.
        let account = match e.account.as_str() {
            "" => super::audit::os_account(),
            a => a,
        };
        let tail = encode_tail(&(
            &e.clerk, &e.at, &e.kind, e.record, &e.action, &e.before, &e.after, &e.note, account,
        ));
        self.pending_audit.push(PendingAudit {
            id: e.id,
            record: e.record,
            tail,
        });
        Ok(())
    }

    /// Writes back the tallies the transaction moved (the commit path, before the audit).
    pub(super) fn flush_tallies(&mut self) -> Result<(), StoreError> {
        super::tally_table::flush(
            &self.tables,
            UNIT_TALLIES,
            std::mem::take(&mut self.unit_tallies),
        )?;
        super::tally_table::flush(
            &self.tables,
            COMMUNITY_TALLIES,
            std::mem::take(&mut self.community_tallies),
        )
    }

    /// Writes the transaction's audit entries (the commit path calls this last).
    pub(super) fn flush_audit(&mut self) -> Result<(), StoreError> {
        if self.pending_audit.is_empty() {
            return Ok(());
        }
        let mut entries = std::mem::take(&mut self.pending_audit);
        self.tables.rows(AUDIT, |audit| {
            // Ids in write order: an id made from the clock alone can sort two changes of the
            // same millisecond the wrong way round, and a record's history must read in order.
            // Write transactions are serialized across processes, so the last key is the latest.
            let mut next = audit.last()?.map(|(k, _)| k.value() + 1).unwrap_or(0);
            for e in &mut entries {
                e.id = Id(e.id.0.max(next));
                next = e.id.0 + 1;
                audit.insert(e.id.0, join(&e.id, &e.tail).as_slice())?;
                // Held no longer than its row takes to write.
                e.tail = Vec::new();
            }
            Ok(())
        })?;
        let mut keys: Vec<(u128, u128)> = entries.iter().map(|e| (e.record.0, e.id.0)).collect();
        keys.sort_unstable();
        self.tables.pairs(AUDIT_BY_RECORD, |by_record| {
            for k in keys {
                by_record.insert(k, ())?;
            }
            Ok(())
        })
    }

    /// Applies an undo: puts each change's `before` back, newest first, as new logged changes.
    pub fn revert(&mut self, changes: &[Change], note: &str) -> Result<(), StoreError> {
        for c in changes.iter().rev() {
            let current = self.get_record(c.kind, c.id)?;
            match &c.before {
                Some(b) => {
                    let mut b = b.clone();
                    b.validate(self.today).map_err(StoreError::Invalid)?;
                    self.check_rules(current.as_ref(), &b)?;
                    self.put_raw(current.as_ref(), Some(&b))?;
                    self.log(c.kind, c.id, "undo", current, Some(&b), note)?;
                }
                None => self.delete(c.kind, c.id, note)?,
            }
        }
        Ok(())
    }
}

impl Tx<'_> {
    /// Bulk loading (the demo generator): writes a new record's row and index entries with
    /// no validation, no totals and no audit. The caller adds the totals with
    /// [`Tx::bulk_totals`] and logs one summary entry.
    pub fn bulk_insert(&mut self, rec: &Record) -> Result<(), StoreError> {
        if matches!(rec.kind(), Kind::Unit | Kind::Community) {
            self.tables.forget_name(rec.id().0);
        }
        self.tables.rows(table_of(rec.kind()), |table| {
            table.insert(rec.id().0, encode_record(rec).as_slice())?;
            Ok(())
        })?;
        for e in indexes_of(rec) {
            self.index(e, true)?;
        }
        super::search_docs::put(&self.tables, None, Some(rec), false)
    }

    /// The member's current registration, read inside the transaction.
    pub fn current_registration(&self, member: Id) -> Result<Option<Registration>, StoreError> {
        Ok(Registration::current(self.registration_history(member)?))
    }

    /// The member's registrations in id order, read inside the transaction.
    pub(super) fn registration_history(&self, member: Id) -> Result<Vec<Registration>, StoreError> {
        let mut history = Vec::new();
        for id in self.pair_ids(REGISTRATIONS_BY_MEMBER, member)? {
            history.extend(self.get::<Registration>(id)?);
        }
        Ok(history)
    }

    /// Sums every unit's tally afresh from the member and registration rows: the end of a
    /// bulk load, whose rows bypass the running tallies.
    pub fn rebuild_unit_tallies(&mut self) -> Result<(), StoreError> {
        // The rows already hold every change: tallies moved earlier are summed afresh.
        self.unit_tallies.clear();
        super::unit_tallies::rebuild(self.bare())
    }

    /// Sums every community's tally afresh from the unit, member and registration rows: the
    /// end of a bulk load, as [`Tx::rebuild_unit_tallies`].
    pub fn rebuild_community_tallies(&mut self) -> Result<(), StoreError> {
        self.community_tallies.clear();
        super::community_tallies::rebuild(self.bare())
    }

    /// Adds precomputed year totals (member, year) and (community, year) to the stored ones.
    pub fn bulk_totals(
        &mut self,
        member: &std::collections::HashMap<(Id, i32), YearTotals>,
        community: &std::collections::HashMap<(Id, i32), YearTotals>,
    ) -> Result<(), StoreError> {
        for (def, map) in [
            (MEMBER_YEAR_TOTALS, member),
            (COMMUNITY_YEAR_TOTALS, community),
        ] {
            let mut keys: Vec<_> = map.keys().copied().collect();
            keys.sort();
            self.tables.totals(def, |t| {
                for (id, year) in keys {
                    let add = map[&(id, year)];
                    let mut cur: YearTotals = match t.get((id.0, year))? {
                        Some(v) => decode(v.value(), def.name(), &format!("{id}/{year}"))?,
                        None => YearTotals::default(),
                    };
                    cur.add(&add);
                    if !cur.is_zero() {
                        t.insert((id.0, year), encode(&cur).as_slice())?;
                    }
                }
                Ok(())
            })?;
        }
        Ok(())
    }
}

/// A record's row bytes (the entity alone, as its table stores it).
pub(super) fn encode_record(r: &Record) -> Vec<u8> {
    match r {
        Record::Community(v) => encode(v),
        Record::Unit(v) => encode(v),
        Record::Member(v) => encode(v),
        Record::Registration(v) => encode(v),
        Record::Post(v) => encode(v),
        Record::Service(v) => encode(v),
        Record::Activity(v) => encode(v),
        Record::Demand(v) => encode(v),
        Record::Household(v) => encode(v),
        Record::Pairing(v) => encode(v),
        Record::Suggestion(v) => encode(v),
        Record::Meeting(v) => encode(v),
        Record::UnitService(v) => encode(v),
        Record::Evaluation(v) => encode(v),
        Record::Closure(v) => encode(v),
    }
}

/// The row of record `target` (of kind `want`) as the caller holds it, when it is the record
/// being written (`written`, standing as `row`: `None` while it does not exist): the tallies
/// then need not read it back.
fn in_hand<'r, E>(
    target: Id,
    want: Kind,
    written: (Kind, Id),
    row: Option<&'r Record>,
    as_e: fn(&'r Record) -> Option<&'r E>,
) -> Option<Option<&'r E>> {
    if written != (want, target) {
        return None;
    }
    match row {
        Some(r) => as_e(r).map(Some),
        None => Some(None),
    }
}

fn as_member(r: &Record) -> Option<&Member> {
    match r {
        Record::Member(m) => Some(m),
        _ => None,
    }
}

fn as_registration(r: &Record) -> Option<&Registration> {
    match r {
        Record::Registration(x) => Some(x),
        _ => None,
    }
}

/// A row's record, decoded by its kind.
fn decode_record(kind: Kind, bytes: &[u8], table: &str, key: Id) -> Result<Record, StoreError> {
    Ok(match kind {
        Kind::Community => Record::Community(decode(bytes, table, &key)?),
        Kind::Unit => Record::Unit(decode(bytes, table, &key)?),
        Kind::Member => Record::Member(decode(bytes, table, &key)?),
        Kind::Registration => Record::Registration(decode(bytes, table, &key)?),
        Kind::Post => Record::Post(decode(bytes, table, &key)?),
        Kind::Service => Record::Service(decode(bytes, table, &key)?),
        Kind::Activity => Record::Activity(decode(bytes, table, &key)?),
        Kind::Demand => Record::Demand(decode(bytes, table, &key)?),
        Kind::Household => Record::Household(decode(bytes, table, &key)?),
        Kind::Pairing => Record::Pairing(decode(bytes, table, &key)?),
        Kind::Suggestion => Record::Suggestion(decode(bytes, table, &key)?),
        Kind::Meeting => Record::Meeting(decode(bytes, table, &key)?),
        Kind::UnitService => Record::UnitService(decode(bytes, table, &key)?),
        Kind::Evaluation => Record::Evaluation(decode(bytes, table, &key)?),
        Kind::Closure => Record::Closure(decode(bytes, table, &key)?),
    })
}

/// Whether a unit or community changed the name other records' search docs show.
fn renamed(before: &Record, after: &Record) -> bool {
    match (before, after) {
        (Record::Unit(b), Record::Unit(a)) => b.name != a.name,
        (Record::Community(b), Record::Community(a)) => b.name != a.name,
        _ => false,
    }
}
