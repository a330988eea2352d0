//! 报到: slips issued by a unit, members reporting to a community, receipts returned, reasons
//! for not reporting, and a member moving to another community with the history kept.
use chrono::NaiveDate;

use crate::domain::*;
use crate::store::{StoreError, Tx};

fn missing(kind: &'static str, id: Id) -> StoreError {
    StoreError::NotFound {
        kind,
        id: id.to_string(),
    }
}

/// 发报到单: one slip per member, to the community where each lives (the member's community),
/// with a report-by date. Members with a current, unreported slip get no second one; the ids of
/// the slips written are returned.
pub fn issue_slips(
    tx: &mut Tx,
    unit: Id,
    members: &[Id],
    issued_on: NaiveDate,
    report_by: NaiveDate,
) -> Result<Vec<Id>, StoreError> {
    let mut out = Vec::new();
    for &m in members {
        let member = tx.get::<Member>(m)?.ok_or_else(|| missing("member", m))?;
        let Some(community) = member.community else {
            return Err(StoreError::Invalid(Invalid(vec![FieldError::new(
                "field.community",
                Problem::Empty,
            )])));
        };
        let open = tx
            .current_registration(m)?
            .is_some_and(|r| r.reported_on.is_none());
        if open {
            continue;
        }
        let r = tx.save(Registration {
            id: Id::new(),
            member: m,
            community,
            unit: Some(unit),
            issued_on: Some(issued_on),
            report_by: Some(report_by),
            ..Default::default()
        })?;
        out.push(r.id);
    }
    Ok(out)
}

/// 报到登记: the member reported on `on`, claiming `posts` (at least one) and joining `team`.
pub fn mark_reported(
    tx: &mut Tx,
    registration: Id,
    on: NaiveDate,
    posts: Vec<Id>,
    team: &str,
) -> Result<Registration, StoreError> {
    let mut r = tx
        .get::<Registration>(registration)?
        .ok_or_else(|| missing("registration", registration))?;
    r.reported_on = Some(on);
    r.posts = posts;
    r.team = team.trim().to_string();
    r.reason.clear();
    let r = tx.save(r)?;
    if let Some(mut m) = tx.get::<Member>(r.member)?
        && (m.team != r.team || m.community != Some(r.community))
    {
        m.team = r.team.clone();
        m.community = Some(r.community);
        tx.save(m)?;
    }
    Ok(r)
}

/// 回执交回: the receipt reached the unit.
pub fn mark_receipt(
    tx: &mut Tx,
    registration: Id,
    on: NaiveDate,
) -> Result<Registration, StoreError> {
    let mut r = tx
        .get::<Registration>(registration)?
        .ok_or_else(|| missing("registration", registration))?;
    r.receipt_on = Some(on);
    tx.save(r)
}

/// 未报到原因
pub fn record_reason(
    tx: &mut Tx,
    registration: Id,
    reason: &str,
) -> Result<Registration, StoreError> {
    let mut r = tx
        .get::<Registration>(registration)?
        .ok_or_else(|| missing("registration", registration))?;
    r.reason = reason.trim().to_string();
    tx.save(r)
}

/// What happens to a moving member's open work.
#[derive(Debug, Clone, Default)]
pub struct Handoff {
    /// Open requests the member accepted go to this member; without one they go back to the
    /// branch (open, with a note), so they show as waiting for dispatch — never lost.
    pub demands_to: Option<Id>,
    /// Active pairings go to this member; without one they end with a note, and the household
    /// shows as without a visitor.
    pub pairings_to: Option<Id>,
}

/// 转移接续: ends the member's current registration on `on` and opens one with `to` (a new slip,
/// to be reported there). Services, suggestions and past registrations stay as they are.
pub fn move_member(
    tx: &mut Tx,
    member: Id,
    to: Id,
    on: NaiveDate,
    handoff: &Handoff,
) -> Result<Registration, StoreError> {
    let mut m = tx
        .get::<Member>(member)?
        .ok_or_else(|| missing("member", member))?;
    let old = tx.current_registration(member)?;
    if let Some(mut r) = old.clone() {
        r.ended_on = Some(on);
        tx.save(r)?;
    }
    let new = tx.save(Registration {
        id: Id::new(),
        member,
        community: to,
        unit: m.unit,
        issued_on: Some(on),
        report_by: Some(on + chrono::Duration::days(30)),
        ..Default::default()
    })?;
    m.community = Some(to);
    m.team.clear();
    tx.save(m.clone())?;
    let note = format!("{} 转出", m.name);
    for id in tx.pair_ids(crate::store::tables::DEMANDS_BY_MEMBER, member)? {
        let Some(mut d) = tx.get::<Demand>(id)? else {
            continue;
        };
        if !d.is_open() {
            continue;
        }
        let mine =
            d.accepted_by == Some(member) || d.target == Some(DispatchTarget::Member(member));
        if !mine {
            continue;
        }
        match handoff.demands_to {
            Some(other) => {
                d.target = Some(DispatchTarget::Member(other));
                if d.accepted_by.is_some() {
                    d.accepted_by = Some(other);
                }
                d.history.push(DemandEvent {
                    on,
                    status: d.status,
                    note: note.clone(),
                });
            }
            None => {
                d.target = None;
                d.accepted_by = None;
                d.status = DemandStatus::Open;
                d.history.push(DemandEvent {
                    on,
                    status: DemandStatus::Open,
                    note: note.clone(),
                });
            }
        }
        tx.save(d)?;
    }
    for id in tx.pair_ids(crate::store::tables::PAIRINGS_BY_MEMBER, member)? {
        let Some(p) = tx.get::<Pairing>(id)? else {
            continue;
        };
        if !p.is_active() {
            continue;
        }
        let mut ended = p.clone();
        ended.ended_on = Some(on);
        ended.plan = format!("{}（{note}）", p.plan);
        tx.save(ended)?;
        if let Some(other) = handoff.pairings_to {
            tx.save(Pairing {
                id: Id::new(),
                member: other,
                since: on,
                ended_on: None,
                ..p
            })?;
        }
    }
    Ok(new)
}
