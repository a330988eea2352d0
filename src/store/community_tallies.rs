//! The running per-community tallies (schema 5): each registration counted under its
//! community by its dates and the kind of its member's unit ([`CommunityTally`]), moved in the
//! same transaction as any change to a registration, to a member's unit or to a unit's kind, so
//! that 表2 for the whole province reads one row per community. Rebuilt from the rows by the
//! migration and the demo generator; compared with the rows by `check`.
use std::collections::HashMap;

use redb::{ReadableTable, TableHandle, WriteTransaction};

use super::codec::{decode, encode};
use super::entity::Stored;
use super::error::StoreError;
use super::read::{View, open_if_exists};
use super::tables::*;
use super::write::Tx;
use crate::domain::*;

/// The registrations whose tally entry a change of `before` into `after` can move: the
/// registration itself, a member's when its unit changes, a unit's members' when its kind does.
pub(super) fn affected(
    tx: &Tx,
    before: Option<&Record>,
    after: Option<&Record>,
) -> Result<Vec<Id>, StoreError> {
    Ok(match (before, after) {
        (Some(Record::Registration(r)), _) | (None, Some(Record::Registration(r))) => vec![r.id],
        (Some(Record::Member(b)), Some(Record::Member(a))) if b.unit != a.unit => {
            tx.pair_ids(REGISTRATIONS_BY_MEMBER, a.id)?
        }
        (Some(Record::Unit(b)), Some(Record::Unit(a))) if b.kind != a.kind => {
            let mut out = Vec::new();
            for m in tx.pair_ids(MEMBERS_BY_UNIT, a.id)? {
                out.extend(tx.pair_ids(REGISTRATIONS_BY_MEMBER, m)?);
            }
            out
        }
        _ => Vec::new(),
    })
}

/// A registration's community and tally entry as the transaction sees it now. `in_hand` is
/// the registration's row when the caller holds it (`Some(None)`: known to be absent).
pub(super) fn position(
    tx: &Tx,
    registration: Id,
    in_hand: Option<Option<&Registration>>,
) -> Result<Option<(Id, RegDates)>, StoreError> {
    let read;
    let r = match in_hand {
        Some(Some(r)) => r,
        Some(None) => return Ok(None),
        None => match tx.get::<Registration>(registration)? {
            Some(r) => {
                read = r;
                &read
            }
            None => return Ok(None),
        },
    };
    let unit = match tx.get::<Member>(r.member)?.and_then(|m| m.unit) {
        Some(u) => tx.get::<Unit>(u)?,
        None => None,
    };
    Ok(Some((r.community, RegDates::of(r, unit.map(|u| u.kind)))))
}

/// Moves a registration from one entry to another (either may be none), in the
/// transaction's copy of the tallies ([`flush`] writes it back).
pub(super) fn shift(
    tx: &mut Tx,
    from: Option<(Id, RegDates)>,
    to: Option<(Id, RegDates)>,
) -> Result<(), StoreError> {
    if from == to {
        return Ok(());
    }
    for (pos, sign) in [(from, -1), (to, 1)] {
        let Some((community, dates)) = pos else {
            continue;
        };
        let tally = super::tally_table::moved(
            &mut tx.community_tallies,
            &tx.tables,
            COMMUNITY_TALLIES,
            community,
        )?;
        tally.add(dates, sign);
    }
    Ok(())
}

/// Sums tallies from the unit, member and registration rows, keeping the registrations of the
/// communities `keep` accepts: three sequential passes, no per-row lookups.
fn tally_rows(
    units: &impl ReadableTable<u128, &'static [u8]>,
    members: &impl ReadableTable<u128, &'static [u8]>,
    registrations: &impl ReadableTable<u128, &'static [u8]>,
    keep: impl Fn(Id) -> bool,
) -> Result<HashMap<Id, CommunityTally>, StoreError> {
    let mut kinds: HashMap<u128, UnitKind> = HashMap::new();
    for entry in units.iter()? {
        let (k, v) = entry?;
        let u: Unit = decode(v.value(), UNITS.name(), &Id(k.value()).to_string())?;
        kinds.insert(k.value(), u.kind);
    }
    // Only each member's unit kind: a province holds a million members.
    let mut kind_of: HashMap<u128, Option<UnitKind>> = HashMap::new();
    for entry in members.iter()? {
        let (k, v) = entry?;
        let m: Member = decode(v.value(), MEMBERS.name(), &Id(k.value()).to_string())?;
        kind_of.insert(k.value(), m.unit.and_then(|u| kinds.get(&u.0).copied()));
    }
    let mut out: HashMap<Id, CommunityTally> = HashMap::new();
    for entry in registrations.iter()? {
        let (k, v) = entry?;
        let r: Registration = decode(v.value(), REGISTRATIONS.name(), &Id(k.value()).to_string())?;
        if keep(r.community) {
            let kind = kind_of.get(&r.member.0).copied().flatten();
            out.entry(r.community)
                .or_default()
                .add(RegDates::of(&r, kind), 1);
        }
    }
    Ok(out)
}

/// Replaces every stored tally with one summed from the rows.
pub(super) fn rebuild(txn: &WriteTransaction) -> Result<(), StoreError> {
    let tallies = {
        let units = txn.open_table(UNITS)?;
        let members = txn.open_table(MEMBERS)?;
        let registrations = txn.open_table(REGISTRATIONS)?;
        tally_rows(&units, &members, &registrations, |_| true)?
    };
    txn.delete_table(COMMUNITY_TALLIES)?;
    let mut t = txn.open_table(COMMUNITY_TALLIES)?;
    let mut communities: Vec<_> = tallies.into_iter().collect();
    communities.sort_by_key(|(c, _)| *c);
    for (community, tally) in communities {
        t.insert(community.0, encode(&tally).as_slice())?;
    }
    Ok(())
}

impl View {
    /// Whether the ledger keeps community tallies (schema 5 on; a reviewer may read a
    /// schema-4 file, whose 表2 is then summed from the rows).
    pub fn has_community_tallies(&self) -> Result<bool, StoreError> {
        Ok(open_if_exists(&self.txn, COMMUNITY_TALLIES)?.is_some())
    }

    /// Every community's stored tally.
    pub fn community_tallies(&self) -> Result<HashMap<Id, CommunityTally>, StoreError> {
        let mut out = HashMap::new();
        let Some(t) = open_if_exists(&self.txn, COMMUNITY_TALLIES)? else {
            return Ok(out);
        };
        for entry in t.iter()? {
            let (k, v) = entry?;
            let c = Id(k.value());
            out.insert(
                c,
                decode(v.value(), COMMUNITY_TALLIES.name(), &c.to_string())?,
            );
        }
        Ok(out)
    }

    /// One community's stored tally (empty when it has no registrations).
    pub fn community_tally(&self, community: Id) -> Result<CommunityTally, StoreError> {
        let Some(t) = open_if_exists(&self.txn, COMMUNITY_TALLIES)? else {
            return Ok(CommunityTally::default());
        };
        match t.get(community.0)? {
            Some(v) => decode(v.value(), COMMUNITY_TALLIES.name(), &community.to_string()),
            None => Ok(CommunityTally::default()),
        }
    }

    /// Tallies summed from the rows for the communities `keep` accepts: what `check` compares
    /// the stored ones with, and 表2's source on a ledger that keeps none.
    pub fn community_tallies_from_rows(
        &self,
        keep: impl Fn(Id) -> bool,
    ) -> Result<HashMap<Id, CommunityTally>, StoreError> {
        let (Some(units), Some(members), Some(registrations)) = (
            open_if_exists(&self.txn, Unit::TABLE)?,
            open_if_exists(&self.txn, Member::TABLE)?,
            open_if_exists(&self.txn, Registration::TABLE)?,
        ) else {
            return Ok(HashMap::new());
        };
        tally_rows(&units, &members, &registrations, keep)
    }

    /// One community's tally summed from its registrations by the indexes (a ledger that
    /// keeps none, read by a reviewer).
    pub fn community_tally_from_rows(
        &self,
        community: Id,
        kinds: &mut HashMap<Id, Option<UnitKind>>,
    ) -> Result<CommunityTally, StoreError> {
        let mut out = CommunityTally::default();
        for r in self.registrations_of_community(community)? {
            let unit = self.get::<Member>(r.member)?.and_then(|m| m.unit);
            let kind = match unit {
                Some(u) => match kinds.get(&u) {
                    Some(k) => *k,
                    None => {
                        let k = self.get::<Unit>(u)?.map(|u| u.kind);
                        kinds.insert(u, k);
                        k
                    }
                },
                None => None,
            };
            out.add(RegDates::of(&r, kind), 1);
        }
        Ok(out)
    }
}
