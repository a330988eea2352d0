//! Service rows written in bulk: an activity's attendees, a completed request, a range of rows
//! certified at once.
use chrono::NaiveDate;

use crate::domain::*;
use crate::store::{StoreError, Tx};

/// 社区活动: saves the activity and one service row per attendee (with each one's hours) in the
/// same transaction. Returns the rows' ids.
pub fn record_activity(
    tx: &mut Tx,
    activity: Activity,
    attendees: &[(Id, Hours)],
) -> Result<Vec<Id>, StoreError> {
    let a = tx.save(activity)?;
    let mut ids = Vec::with_capacity(attendees.len());
    for &(member, hours) in attendees {
        let row = tx.save(a.record_for(Id::new(), member, hours))?;
        ids.push(row.id);
    }
    Ok(ids)
}

/// Completes a 三单制 request: writes its service row (pre-filled by [`Demand::service_row`],
/// edited by the clerk) and marks the request done, together.
pub fn complete_demand(tx: &mut Tx, demand: Id, row: ServiceRecord) -> Result<Demand, StoreError> {
    let mut d = tx
        .get::<Demand>(demand)?
        .ok_or_else(|| StoreError::NotFound {
            kind: "demand",
            id: demand.to_string(),
        })?;
    let mut row = row;
    row.demand = Some(d.id);
    let on = row.date;
    let row = tx.save(row)?;
    d.complete(row.id, on).map_err(|e| {
        StoreError::Invalid(Invalid(vec![FieldError::new(
            "field.status",
            Problem::Invalid(e.to_string()),
        )]))
    })?;
    tx.save(d)
}

/// 认证签字 for several rows at once (a card's range). Rows already certified are left as they
/// are; the ids certified now are returned.
pub fn certify(
    tx: &mut Tx,
    rows: &[Id],
    role: CertifierRole,
    name: &str,
    on: NaiveDate,
) -> Result<Vec<Id>, StoreError> {
    let mut done = Vec::new();
    for &id in rows {
        let Some(mut r) = tx.get::<ServiceRecord>(id)? else {
            continue;
        };
        if r.certification.is_some() {
            continue;
        }
        r.certification = Some(Certification {
            role,
            name: name.to_string(),
            on,
        });
        tx.save(r)?;
        done.push(id);
    }
    Ok(done)
}
