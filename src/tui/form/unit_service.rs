//! 单位到社区开展服务: a unit's own service in a community (date, community, content, how
//! many of its members took part).

use super::{Field, FieldKey, FieldKind, Init, RefSpec, Values};
use crate::domain::{Id, Record, UnitService};
use crate::search::Kind as SearchKind;
use crate::tui::entry::save::SaveOp;

pub fn fields(init: &Init) -> Vec<Field> {
    let s = match init.base {
        Some(Record::UnitService(s)) => Some(s),
        _ => None,
    };
    vec![
        Field::new(
            FieldKey::Date,
            FieldKind::Date,
            &s.map(|s| s.date).unwrap_or(init.today).to_string(),
        )
        .required(),
        init.ref_field(
            FieldKey::Community,
            RefSpec {
                kind: SearchKind::Community,
                multi: false,
                community: None,
                can_create: false,
            },
            s.map(|s| s.community).or(init.ctx.community),
        )
        .required(),
        Field::new(
            FieldKey::Content,
            FieldKind::Text,
            &s.map(|s| s.content.clone()).unwrap_or_default(),
        )
        .required(),
        Field::new(
            FieldKey::Participants,
            FieldKind::Number,
            &s.map(|s| s.participants.to_string()).unwrap_or_default(),
        ),
    ]
}

pub fn build(v: &Values) -> Option<SaveOp> {
    let mut s = match v.base() {
        Some(Record::UnitService(s)) => s.clone(),
        _ => UnitService {
            id: Id::new(),
            unit: v.ctx().unit?,
            community: Id(0),
            date: v.today(),
            content: String::new(),
            participants: 0,
        },
    };
    s.date = v.date(FieldKey::Date)?;
    s.community = v.one_ref(FieldKey::Community)?;
    s.content = v.text(FieldKey::Content);
    s.participants = v.number(FieldKey::Participants);
    Some(SaveOp::Put(Box::new(Record::UnitService(s))))
}
