//! The running per-unit tallies (schema 4): each member on a unit's file counted by where it
//! stands on reporting ([`UnitTally`]), moved in the same transaction as any change to a member
//! or a registration, so that `report unit-stats` for the whole province reads one row per
//! unit. Rebuilt from the rows by the migration and the demo generator; compared with the rows
//! by `check`.
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use redb::{ReadableTable, TableHandle, WriteTransaction};

use super::codec::{decode, encode};
use super::entity::Stored;
use super::error::StoreError;
use super::read::{View, open_if_exists};
use super::tables::*;
use super::write::Tx;
use crate::domain::*;

/// The members whose unit position a change of `before` into `after` can move.
pub(super) fn affected(before: Option<&Record>, after: Option<&Record>) -> Vec<Id> {
    let mut out: Vec<Id> = Vec::new();
    for r in [before, after].into_iter().flatten() {
        let m = match r {
            Record::Member(m) => m.id,
            Record::Registration(r) => r.member,
            _ => continue,
        };
        if !out.contains(&m) {
            out.push(m);
        }
    }
    out
}

/// What a save has read about one member whose unit position it may move: the member's row
/// and registration history, read before the row is written and reused after it (the written
/// record is the only row that changes in between), so that a registration save reads its
/// member's history once instead of twice.
#[derive(Default)]
pub(super) struct Seen {
    member: Option<Member>,
    /// The member's registrations in id order, once read.
    history: Option<Vec<Registration>>,
}

/// A member's unit and reporting state as the transaction sees it now. `in_hand` is the
/// member's row when the caller holds it (`Some(None)`: known to be absent), so that a save
/// of the member itself does not read it back; otherwise the row in `seen` (read here the
/// first time) is used.
pub(super) fn position(
    tx: &Tx,
    member: Id,
    in_hand: Option<Option<&Member>>,
    seen: &mut Seen,
) -> Result<Option<(Id, ReportState)>, StoreError> {
    let m = match in_hand {
        Some(Some(m)) => m,
        Some(None) => return Ok(None),
        None => {
            if seen.member.is_none() {
                seen.member = tx.get::<Member>(member)?;
            }
            match &seen.member {
                Some(m) => m,
                None => return Ok(None),
            }
        }
    };
    if m.unit.is_none() || m.archived {
        return Ok(None);
    }
    if seen.history.is_none() {
        seen.history = Some(tx.registration_history(member)?);
    }
    let history = seen.history.as_deref().unwrap_or_default();
    Ok(unit_position(m, Registration::current_of(history)))
}

/// Brings `seen` up to date with `written` (a record just stored, or `None` for `id` just
/// removed): the member's history then reads as the index does after the write.
pub(super) fn written(seen: &mut Seen, member: Id, id: Id, written: Option<&Record>) {
    let Some(history) = &mut seen.history else {
        return;
    };
    history.retain(|r| r.id != id);
    if let Some(Record::Registration(r)) = written
        && r.member == member
    {
        let at = history.partition_point(|h| h.id.0 < r.id.0);
        history.insert(at, r.clone());
    }
}

/// Moves a member from one position to another (either may be none), in the transaction's
/// copy of the tallies ([`flush`] writes it back).
pub(super) fn shift(
    tx: &mut Tx,
    from: Option<(Id, ReportState)>,
    to: Option<(Id, ReportState)>,
) -> Result<(), StoreError> {
    if from == to {
        return Ok(());
    }
    for (pos, sign) in [(from, -1), (to, 1)] {
        let Some((unit, state)) = pos else { continue };
        let tally =
            super::tally_table::moved(&mut tx.unit_tallies, &tx.tables, UNIT_TALLIES, unit)?;
        tally.add(state, sign);
    }
    Ok(())
}

/// Sums tallies from the member and registration rows, keeping the members `keep` accepts:
/// two sequential passes, no per-member lookups.
fn tally_rows(
    members: &impl ReadableTable<u128, &'static [u8]>,
    registrations: &impl ReadableTable<u128, &'static [u8]>,
    keep: impl Fn(&Member) -> bool,
) -> Result<HashMap<Id, UnitTally>, StoreError> {
    // Only what the position needs, a member's unit and its current registration's state:
    // a province holds a million members.
    let mut unit_of: HashMap<u128, Id> = HashMap::new();
    for entry in members.iter()? {
        let (k, v) = entry?;
        let m: Member = decode(v.value(), MEMBERS.name(), &Id(k.value()).to_string())?;
        if let Some(u) = m.unit
            && !m.archived
            && keep(&m)
        {
            unit_of.insert(m.id.0, u);
        }
    }
    let mut current: HashMap<u128, ReportState> = HashMap::new();
    for entry in registrations.iter()? {
        let (k, v) = entry?;
        let r: Registration = decode(v.value(), REGISTRATIONS.name(), &Id(k.value()).to_string())?;
        // In id order: the last current one is the member's current registration.
        if r.is_current() && unit_of.contains_key(&r.member.0) {
            current.insert(r.member.0, ReportState::of(Some(&r)));
        }
    }
    let mut out: HashMap<Id, UnitTally> = HashMap::new();
    for (id, unit) in unit_of {
        let state = current.remove(&id).unwrap_or_default();
        out.entry(unit).or_default().add(state, 1);
    }
    Ok(out)
}

/// Replaces every stored tally with one summed from the rows.
pub(super) fn rebuild(txn: &WriteTransaction) -> Result<(), StoreError> {
    let tallies = {
        let members = txn.open_table(MEMBERS)?;
        let registrations = txn.open_table(REGISTRATIONS)?;
        tally_rows(&members, &registrations, |_| true)?
    };
    txn.delete_table(UNIT_TALLIES)?;
    let mut t = txn.open_table(UNIT_TALLIES)?;
    let mut units: Vec<_> = tallies.into_iter().collect();
    units.sort_by_key(|(u, _)| *u);
    for (unit, tally) in units {
        t.insert(unit.0, encode(&tally).as_slice())?;
    }
    Ok(())
}

impl View {
    /// Every unit's stored tally.
    pub fn unit_tallies(&self) -> Result<HashMap<Id, UnitTally>, StoreError> {
        let mut out = HashMap::new();
        let Some(t) = open_if_exists(&self.txn, UNIT_TALLIES)? else {
            return Ok(out);
        };
        for entry in t.iter()? {
            let (k, v) = entry?;
            let unit = Id(k.value());
            out.insert(
                unit,
                decode(v.value(), UNIT_TALLIES.name(), &unit.to_string())?,
            );
        }
        Ok(out)
    }

    /// One unit's stored tally (empty when it has no members on file), so that a screenful
    /// of units reads one row each, never their members; `None` on a ledger whose schema
    /// predates the tallies.
    pub fn unit_tally(&self, unit: Id) -> Result<Option<UnitTally>, StoreError> {
        let Some(t) = open_if_exists(&self.txn, UNIT_TALLIES)? else {
            return Ok(None);
        };
        match t.get(unit.0)? {
            Some(v) => decode(v.value(), UNIT_TALLIES.name(), &unit.to_string()).map(Some),
            None => Ok(Some(UnitTally::default())),
        }
    }

    /// Tallies summed from the rows for the members `keep` accepts (a community's members,
    /// say), where no stored tally applies; also what `check` compares the stored ones with.
    pub fn unit_tallies_from_rows(
        &self,
        keep: impl Fn(&Member) -> bool,
    ) -> Result<HashMap<Id, UnitTally>, StoreError> {
        let (Some(members), Some(registrations)) = (
            open_if_exists(&self.txn, Member::TABLE)?,
            open_if_exists(&self.txn, Registration::TABLE)?,
        ) else {
            return Ok(HashMap::new());
        };
        tally_rows(&members, &registrations, keep)
    }

    /// The dates of each unit's own community services in `year`, from the index alone.
    pub fn unit_service_dates(&self, year: i32) -> Result<HashMap<Id, Vec<NaiveDate>>, StoreError> {
        let mut out: HashMap<Id, Vec<NaiveDate>> = HashMap::new();
        let Some(t) = open_if_exists(&self.txn, UNIT_SERVICES_BY_UNIT)? else {
            return Ok(out);
        };
        for entry in t.iter()? {
            let (unit, days, _) = entry?.0.value();
            if let Some(d) = NaiveDate::from_num_days_from_ce_opt(days)
                && d.year() == year
            {
                out.entry(Id(unit)).or_default().push(d);
            }
        }
        Ok(out)
    }
}
