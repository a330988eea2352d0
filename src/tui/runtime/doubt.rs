//! The doubts about a save, read before it is made (the runtime calls [`find`] for a save
//! the clerk has not yet confirmed): a service row repeating one on file or dated before the
//! member reported, an activity doing either for some attendees, a member whose mobile, or
//! name and birth, another member already has.
//!
//! Owns: reading what the rules of `domain::doubt` compare. Must not touch: the app's state,
//! writing.

use crate::domain::doubt::{self, Doubt};
use crate::domain::validate;
use crate::domain::{Community, Member, Record, ServiceRecord};
use crate::store::{StoreError, View};

use crate::tui::entry::save::SaveOp;

/// Members compared with a new one: the best matches of its name and of its mobile.
const CANDIDATES: usize = 50;

/// What the ledger holds that a save should be confirmed over. `members` finds the
/// members matching a text (the search index).
pub fn find(
    view: &View,
    op: &SaveOp,
    members: &dyn Fn(&str) -> Result<Vec<crate::domain::Id>, StoreError>,
) -> Result<Vec<Doubt>, StoreError> {
    match op {
        SaveOp::Put(r) => match &**r {
            Record::Service(row) => service(view, row),
            Record::Member(m) => member(view, m, members),
            _ => Ok(Vec::new()),
        },
        SaveOp::Activity {
            activity,
            attendees,
        } => {
            let mut out = Vec::new();
            for (member, hours) in attendees {
                let row = activity.record_for(crate::domain::Id(0), *member, *hours);
                out.extend(service(view, &row)?);
            }
            Ok(out)
        }
        _ => Ok(Vec::new()),
    }
}

fn name_of(view: &View, member: crate::domain::Id) -> Result<String, StoreError> {
    Ok(view
        .get::<Member>(member)?
        .map(|m| m.name)
        .unwrap_or_default())
}

/// A new row, or an edit that moves its member, date, content or hours.
fn service(view: &View, row: &ServiceRecord) -> Result<Vec<Doubt>, StoreError> {
    if row.archived {
        return Ok(Vec::new());
    }
    let stored = view.get::<ServiceRecord>(row.id)?;
    let same_as_stored = stored.is_some_and(|s| {
        s.member == row.member
            && s.date == row.date
            && s.content == row.content
            && s.hours == row.hours
    });
    if same_as_stored {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let member = name_of(view, row.member)?;
    let same_day = view.services_of_member(row.member, Some(row.date), Some(row.date))?;
    if doubt::same_service(row, &same_day).is_some() {
        out.push(Doubt::SameService {
            member: member.clone(),
            date: row.date,
            content: row.content.trim().to_string(),
            hours: row.hours,
        });
    }
    let regs = view.registrations_of_member(row.member)?;
    if let Some(reported) = doubt::before_report(row.date, row.community, &regs) {
        out.push(Doubt::BeforeReport {
            member,
            date: row.date,
            reported,
        });
    }
    Ok(out)
}

/// A new member, or an edit of the name, birth or mobile.
fn member(
    view: &View,
    m: &Member,
    members: &dyn Fn(&str) -> Result<Vec<crate::domain::Id>, StoreError>,
) -> Result<Vec<Doubt>, StoreError> {
    if m.archived {
        return Ok(Vec::new());
    }
    let mut m = m.clone();
    // Compared as the store will keep it (`139 0000 1111` is 13900001111).
    m.name = m.name.trim().to_string();
    if let Ok(mobile) = validate::optional_mobile("field.mobile", &m.mobile) {
        m.mobile = mobile;
    }
    let stored = view.get::<Member>(m.id)?;
    if stored.is_some_and(|s| s.name == m.name && s.birth == m.birth && s.mobile == m.mobile) {
        return Ok(Vec::new());
    }
    let mut candidates = Vec::new();
    if !m.mobile.is_empty() {
        candidates.extend(members(&m.mobile)?);
    }
    if m.birth.is_some() && !m.name.is_empty() {
        candidates.extend(members(&m.name)?.into_iter().take(CANDIDATES));
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for id in candidates {
        if !seen.insert(id) {
            continue;
        }
        let Some(other) = view.get::<Member>(id)? else {
            continue;
        };
        let community = match other.community {
            Some(c) => view
                .get::<Community>(c)?
                .map(|c| c.name)
                .unwrap_or_default(),
            None => String::new(),
        };
        out.extend(doubt::same_member(&m, &other, &community));
    }
    Ok(out)
}
