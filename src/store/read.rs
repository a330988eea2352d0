//! The read path: a [`View`] is one consistent snapshot of the ledger (a redb read transaction)
//! with typed getters and index scans for what the panes, forms and reports need.
use chrono::NaiveDate;
use redb::{ReadTransaction, ReadableTable, ReadableTableMetadata, TableHandle};

use super::codec::decode;
use super::entity::{Stored, day, status_code};
use super::error::StoreError;
use super::tables::*;
use crate::domain::*;

/// A consistent snapshot. Cheap to open; drop it to let writers reclaim space.
pub struct View {
    pub(super) txn: ReadTransaction,
}

impl View {
    /// A record by id.
    pub fn get<E: Stored>(&self, id: Id) -> Result<Option<E>, StoreError> {
        let Some(table) = open_if_exists(&self.txn, E::TABLE)? else {
            return Ok(None);
        };
        match table.get(id.0)? {
            Some(v) => Ok(Some(decode(v.value(), E::TABLE.name(), &id)?)),
            None => Ok(None),
        }
    }

    /// Every record of a kind, in id order. Use on small tables or in batch jobs only.
    pub fn all<E: Stored>(&self) -> Result<Vec<E>, StoreError> {
        let mut out = Vec::new();
        self.for_each::<E>(|e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }

    /// Streams every record of a kind in id order, without collecting them.
    pub fn for_each<E: Stored>(
        &self,
        mut f: impl FnMut(E) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let Some(table) = open_if_exists(&self.txn, E::TABLE)? else {
            return Ok(());
        };
        for entry in table.iter()? {
            let (k, v) = entry?;
            f(decode(
                v.value(),
                E::TABLE.name(),
                &Id(k.value()).to_string(),
            )?)?;
        }
        Ok(())
    }

    /// The ids of every record of a kind, in id order, without decoding the records.
    pub fn ids<E: Stored>(&self) -> Result<Vec<Id>, StoreError> {
        let Some(table) = open_if_exists(&self.txn, E::TABLE)? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::with_capacity(table.len()? as usize);
        for entry in table.iter()? {
            out.push(Id(entry?.0.value()));
        }
        Ok(out)
    }

    pub fn count<E: Stored>(&self) -> Result<u64, StoreError> {
        match open_if_exists(&self.txn, E::TABLE)? {
            Some(t) => Ok(t.len()?),
            None => Ok(0),
        }
    }

    /// Child ids of `parent` in a pair index.
    pub fn pair_ids(&self, index: PairIndex, parent: Id) -> Result<Vec<Id>, StoreError> {
        let Some(table) = open_if_exists(&self.txn, index)? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for entry in table.range((parent.0, 0u128)..=(parent.0, u128::MAX))? {
            out.push(Id(entry?.0.value().1));
        }
        Ok(out)
    }

    /// Child ids of `parent` in a dated index, with `from..=to` in the date slot.
    pub fn dated_ids(
        &self,
        index: DatedIndex,
        parent: Id,
        from: i32,
        to: i32,
    ) -> Result<Vec<Id>, StoreError> {
        let Some(table) = open_if_exists(&self.txn, index)? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for entry in table.range((parent.0, from, 0u128)..=(parent.0, to, u128::MAX))? {
            out.push(Id(entry?.0.value().2));
        }
        Ok(out)
    }

    fn load<E: Stored>(&self, ids: Vec<Id>) -> Result<Vec<E>, StoreError> {
        let table = self.txn.open_table(E::TABLE)?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(v) = table.get(id.0)? {
                out.push(decode(v.value(), E::TABLE.name(), &id)?);
            }
        }
        Ok(out)
    }

    // ---- what the panes ask for -----------------------------------------------------------

    pub fn communities(&self) -> Result<Vec<Community>, StoreError> {
        self.all()
    }

    pub fn units(&self) -> Result<Vec<Unit>, StoreError> {
        self.all()
    }

    /// The archived units, from their index; a file from before it (schema 5, read as it is)
    /// gives them from the unit rows.
    pub fn archived_units(&self) -> Result<std::collections::HashSet<Id>, StoreError> {
        self.archived::<Unit>(ARCHIVED_UNIT, |u| u.archived)
    }

    /// The archived communities, as [`View::archived_units`].
    pub fn archived_communities(&self) -> Result<std::collections::HashSet<Id>, StoreError> {
        self.archived::<Community>(ARCHIVED_COMMUNITY, |c| c.archived)
    }

    fn archived<E: Stored>(
        &self,
        slot: u128,
        archived: impl Fn(&E) -> bool,
    ) -> Result<std::collections::HashSet<Id>, StoreError> {
        if open_if_exists(&self.txn, ARCHIVED)?.is_none() {
            let mut out = std::collections::HashSet::new();
            self.for_each::<E>(|e| {
                if archived(&e) {
                    out.insert(e.key());
                }
                Ok(())
            })?;
            return Ok(out);
        }
        Ok(self.pair_ids(ARCHIVED, Id(slot))?.into_iter().collect())
    }

    /// Current members of a community (by the member's current registration).
    pub fn members_of_community(&self, c: Id) -> Result<Vec<Member>, StoreError> {
        self.load(self.pair_ids(MEMBERS_BY_COMMUNITY, c)?)
    }

    pub fn members_of_unit(&self, u: Id) -> Result<Vec<Member>, StoreError> {
        self.load(self.pair_ids(MEMBERS_BY_UNIT, u)?)
    }

    pub fn posts_of_community(&self, c: Id) -> Result<Vec<Post>, StoreError> {
        self.load(self.pair_ids(POSTS_BY_COMMUNITY, c)?)
    }

    /// A member's registrations, oldest first.
    pub fn registrations_of_member(&self, m: Id) -> Result<Vec<Registration>, StoreError> {
        self.load(self.pair_ids(REGISTRATIONS_BY_MEMBER, m)?)
    }

    pub fn registrations_of_community(&self, c: Id) -> Result<Vec<Registration>, StoreError> {
        self.load(self.pair_ids(REGISTRATIONS_BY_COMMUNITY, c)?)
    }

    /// The member's current registration (the one not ended), if any.
    pub fn current_registration(&self, m: Id) -> Result<Option<Registration>, StoreError> {
        Ok(Registration::current(self.registrations_of_member(m)?))
    }

    /// Slips issued and not reported whose report-by date is before `today`, across the ledger.
    pub fn overdue_registrations(&self, today: NaiveDate) -> Result<Vec<Registration>, StoreError> {
        let code = status_code(RegStatus::Issued);
        let ids = self.dated_ids(REGISTRATIONS_BY_STATUS, Id(code), i32::MIN, day(today) - 1)?;
        self.load(ids)
    }

    /// A member's service card rows in date order, optionally within dates.
    pub fn services_of_member(
        &self,
        m: Id,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<ServiceRecord>, StoreError> {
        let (a, b) = (
            from.map(day).unwrap_or(i32::MIN),
            to.map(day).unwrap_or(i32::MAX),
        );
        self.load(self.dated_ids(SERVICES_BY_MEMBER, m, a, b)?)
    }

    pub fn services_of_community(
        &self,
        c: Id,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<ServiceRecord>, StoreError> {
        let (a, b) = (
            from.map(day).unwrap_or(i32::MIN),
            to.map(day).unwrap_or(i32::MAX),
        );
        self.load(self.dated_ids(SERVICES_BY_COMMUNITY, c, a, b)?)
    }

    pub fn activities_of_community(&self, c: Id) -> Result<Vec<Activity>, StoreError> {
        self.load(self.dated_ids(ACTIVITIES_BY_COMMUNITY, c, i32::MIN, i32::MAX)?)
    }

    pub fn demands_of_community(&self, c: Id) -> Result<Vec<Demand>, StoreError> {
        self.load(self.pair_ids(DEMANDS_BY_COMMUNITY, c)?)
    }

    pub fn demands_of_member(&self, m: Id) -> Result<Vec<Demand>, StoreError> {
        self.load(self.pair_ids(DEMANDS_BY_MEMBER, m)?)
    }

    pub fn households_of_community(&self, c: Id) -> Result<Vec<Household>, StoreError> {
        self.load(self.pair_ids(HOUSEHOLDS_BY_COMMUNITY, c)?)
    }

    pub fn pairings_of_member(&self, m: Id) -> Result<Vec<Pairing>, StoreError> {
        self.load(self.pair_ids(PAIRINGS_BY_MEMBER, m)?)
    }

    pub fn pairings_of_household(&self, h: Id) -> Result<Vec<Pairing>, StoreError> {
        self.load(self.pair_ids(PAIRINGS_BY_HOUSEHOLD, h)?)
    }

    pub fn suggestions_of_member(&self, m: Id) -> Result<Vec<Suggestion>, StoreError> {
        self.load(self.dated_ids(SUGGESTIONS_BY_MEMBER, m, i32::MIN, i32::MAX)?)
    }

    pub fn meetings_of_community(&self, c: Id) -> Result<Vec<JointMeeting>, StoreError> {
        self.load(self.dated_ids(MEETINGS_BY_COMMUNITY, c, i32::MIN, i32::MAX)?)
    }

    pub fn unit_services_of_unit(&self, u: Id) -> Result<Vec<UnitService>, StoreError> {
        self.load(self.dated_ids(UNIT_SERVICES_BY_UNIT, u, i32::MIN, i32::MAX)?)
    }

    pub fn evaluations_of_community(
        &self,
        c: Id,
        year: i32,
    ) -> Result<Vec<Evaluation>, StoreError> {
        self.load(self.dated_ids(EVALUATIONS_BY_COMMUNITY, c, year, year)?)
    }

    pub fn evaluations_of_member(&self, m: Id) -> Result<Vec<Evaluation>, StoreError> {
        self.load(self.dated_ids(EVALUATIONS_BY_MEMBER, m, i32::MIN, i32::MAX)?)
    }

    /// Whether a community's year is closed (and not reopened).
    pub fn year_closed(&self, c: Id, year: i32) -> Result<bool, StoreError> {
        let closures: Vec<YearClosure> =
            self.load(self.dated_ids(CLOSURES_BY_COMMUNITY, c, year, year)?)?;
        Ok(closures.iter().any(YearClosure::locks))
    }

    /// A member's running totals for a year (zero when nothing was recorded).
    pub fn member_totals(&self, m: Id, year: i32) -> Result<YearTotals, StoreError> {
        self.year_totals(MEMBER_YEAR_TOTALS, m, year)
    }

    pub fn community_totals(&self, c: Id, year: i32) -> Result<YearTotals, StoreError> {
        self.year_totals(COMMUNITY_YEAR_TOTALS, c, year)
    }

    fn year_totals(
        &self,
        def: redb::TableDefinition<'static, (u128, i32), &'static [u8]>,
        key: Id,
        year: i32,
    ) -> Result<YearTotals, StoreError> {
        let Some(table) = open_if_exists(&self.txn, def)? else {
            return Ok(YearTotals::default());
        };
        match table.get((key.0, year))? {
            Some(v) => decode(v.value(), def.name(), &format!("{key}/{year}")),
            None => Ok(YearTotals::default()),
        }
    }

    /// Every member's totals for a year, streamed (the province-wide reports).
    pub fn for_each_member_totals(
        &self,
        mut f: impl FnMut(Id, i32, YearTotals) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let table = self.txn.open_table(MEMBER_YEAR_TOTALS)?;
        for entry in table.iter()? {
            let (k, v) = entry?;
            let (m, y) = k.value();
            f(
                Id(m),
                y,
                decode(v.value(), MEMBER_YEAR_TOTALS.name(), &Id(m).to_string())?,
            )?;
        }
        Ok(())
    }

    pub fn settings(&self) -> Result<Settings, StoreError> {
        let meta = self.txn.open_table(META)?;
        match meta.get("settings")? {
            Some(v) => decode(v.value(), META.name(), "settings"),
            None => Ok(Settings::default()),
        }
    }

    /// A counter bumped by every commit, in any process: the TUI polls it to follow others.
    pub fn generation(&self) -> Result<u64, StoreError> {
        let meta = self.txn.open_table(META)?;
        Ok(meta
            .get("generation")?
            .and_then(|v| v.value().try_into().ok().map(u64::from_le_bytes))
            .unwrap_or(0))
    }

    /// A record's audit history, oldest first.
    pub fn audit_of(&self, record: Id) -> Result<Vec<AuditEntry>, StoreError> {
        let ids = self.pair_ids(AUDIT_BY_RECORD, record)?;
        let table = self.txn.open_table(AUDIT)?;
        let mut out = Vec::new();
        for id in ids {
            if let Some(v) = table.get(id.0)? {
                out.push(super::audit::decode_entry(v.value(), &id.to_string())?);
            }
        }
        Ok(out)
    }

    /// The newest `n` audit entries, newest first.
    pub fn audit_recent(&self, n: usize) -> Result<Vec<AuditEntry>, StoreError> {
        let table = self.txn.open_table(AUDIT)?;
        let mut out = Vec::new();
        for entry in table.iter()?.rev().take(n) {
            let (k, v) = entry?;
            out.push(super::audit::decode_entry(
                v.value(),
                &Id(k.value()).to_string(),
            )?);
        }
        Ok(out)
    }
}

/// A table of a snapshot, or `None` where the file has none yet (a new or older ledger):
/// reading a table that was never written is reading nothing, not an error.
pub(super) fn open_if_exists<K: redb::Key + 'static, V: redb::Value + 'static>(
    txn: &ReadTransaction,
    def: redb::TableDefinition<K, V>,
) -> Result<Option<redb::ReadOnlyTable<K, V>>, StoreError> {
    match txn.open_table(def) {
        Ok(t) => Ok(Some(t)),
        Err(redb::TableError::TableDoesNotExist(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}
