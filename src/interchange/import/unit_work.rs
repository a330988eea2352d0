//! Planning what units do with a community: 单位到社区服务 and 联席会. Units are found by
//! name in the ledger (import the units list first); a name the ledger lacks is an error,
//! never a unit made up.
use super::Progress;
use super::members::tick;
use super::plan::Planner;
use crate::domain::{Id, JointMeeting, UnitService};
use crate::i18n::tf;
use crate::interchange::rows_history::{MeetingRow, UnitServiceRow};
use crate::store::StoreError;

/// The unit named `name`; `None` after reporting.
fn unit(p: &mut Planner<'_>, row: usize, key: &str, name: &str) -> Option<Id> {
    let found: Vec<Id> = p.dir.units_named(name).iter().map(|u| u.id).collect();
    match found.as_slice() {
        [one] => Some(*one),
        [] => {
            let msg = tf(p.lang(), "import.ledger.unit_missing", &[&name]);
            p.plan.issue(row, key, msg);
            None
        }
        many => {
            let ids: Vec<String> = many.iter().map(Id::to_string).collect();
            p.ambiguous(row, key, name, &ids);
            None
        }
    }
}

/// 单位到社区服务: one record per row; the same unit, community, day and content twice in
/// the file is refused.
pub fn plan_unit_services(
    p: &mut Planner<'_>,
    rows: Vec<(usize, UnitServiceRow)>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), StoreError> {
    let dup_rows = p.duplicates_in_file(
        rows.iter().map(|(r, s)| {
            (
                *r,
                (
                    s.unit.clone(),
                    s.community.clone(),
                    s.date,
                    s.content.clone(),
                ),
            )
        }),
        "content",
        "import.ledger.dup_record_file",
    );
    let total = rows.len();
    for (i, (row, s)) in rows.into_iter().enumerate() {
        tick(progress, i + 1, total);
        if dup_rows.contains(&row) {
            continue;
        }
        let Some(community) = p.community(row, s.community.as_deref()) else {
            continue;
        };
        let Some(unit) = unit(p, row, "unit", &s.unit) else {
            continue;
        };
        let record = UnitService {
            id: Id::new(),
            unit,
            community,
            date: s.date,
            content: s.content,
            participants: s.participants.unwrap_or(0),
        };
        p.plan.add(row, record.into());
    }
    Ok(())
}

/// 联席会: one meeting per row, with the units present.
pub fn plan_meetings(
    p: &mut Planner<'_>,
    rows: Vec<(usize, MeetingRow)>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), StoreError> {
    let total = rows.len();
    for (i, (row, m)) in rows.into_iter().enumerate() {
        tick(progress, i + 1, total);
        let Some(community) = p.community(row, m.community.as_deref()) else {
            continue;
        };
        let mut units = Vec::with_capacity(m.units.len());
        let mut ok = true;
        for name in &m.units {
            match unit(p, row, "units", name) {
                Some(id) if !units.contains(&id) => units.push(id),
                Some(_) => {}
                None => ok = false,
            }
        }
        if !ok {
            continue;
        }
        let meeting = JointMeeting {
            id: Id::new(),
            community,
            date: m.date,
            units,
            topics: m.topics,
        };
        p.plan.add(row, meeting.into());
    }
    Ok(())
}
