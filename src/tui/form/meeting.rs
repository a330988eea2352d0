//! 联席会: the community's joint meeting with its units (date, units present, topics).

use super::{Field, FieldKey, FieldKind, Init, RefSpec, Values, ref_field};
use crate::domain::{Id, JointMeeting, Record};
use crate::search::Kind as SearchKind;
use crate::tui::entry::save::SaveOp;

pub fn fields(init: &Init) -> Vec<Field> {
    let m = match init.base {
        Some(Record::Meeting(m)) => Some(m),
        _ => None,
    };
    let units = m
        .map(|m| m.units.iter().map(|u| (*u, init.name_of(*u))).collect())
        .unwrap_or_default();
    vec![
        Field::new(
            FieldKey::Date,
            FieldKind::Date,
            &m.map(|m| m.date).unwrap_or(init.today).to_string(),
        )
        .required(),
        ref_field(
            FieldKey::UnitsPresent,
            RefSpec {
                kind: SearchKind::Unit,
                multi: true,
                community: init.ctx.community,
                can_create: true,
            },
            units,
        ),
        Field::new(
            FieldKey::Topics,
            FieldKind::Text,
            &m.map(|m| m.topics.clone()).unwrap_or_default(),
        )
        .required(),
    ]
}

pub fn build(v: &Values) -> Option<SaveOp> {
    let mut m = match v.base() {
        Some(Record::Meeting(m)) => m.clone(),
        _ => JointMeeting {
            id: Id::new(),
            community: v.ctx().community?,
            date: v.today(),
            units: Vec::new(),
            topics: String::new(),
        },
    };
    m.date = v.date(FieldKey::Date)?;
    m.units = v.refs(FieldKey::UnitsPresent);
    m.topics = v.text(FieldKey::Topics);
    Some(SaveOp::Put(Box::new(Record::Meeting(m))))
}
