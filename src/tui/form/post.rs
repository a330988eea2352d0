//! 岗位: a post of the community (name, duties, time, place).

use super::{Field, FieldKey, FieldKind, Init, Values};
use crate::domain::{Id, Post, Record};
use crate::tui::entry::save::SaveOp;

pub fn fields(init: &Init) -> Vec<Field> {
    let empty = Post {
        name: init.ctx.typed.clone(),
        ..Default::default()
    };
    let p = match init.base {
        Some(Record::Post(p)) => p,
        _ => &empty,
    };
    let text = |key, v: &str| Field::new(key, FieldKind::Text, v);
    vec![
        text(FieldKey::PostName, &p.name).required(),
        text(FieldKey::Duties, &p.duties),
        text(FieldKey::PostTime, &p.time),
        text(FieldKey::Place, &p.place),
    ]
}

pub fn build(v: &Values) -> Option<SaveOp> {
    let mut p = match v.base() {
        Some(Record::Post(p)) => p.clone(),
        _ => Post {
            id: Id::new(),
            community: v.ctx().community?,
            ..Default::default()
        },
    };
    p.name = v.text(FieldKey::PostName);
    p.duties = v.text(FieldKey::Duties);
    p.time = v.text(FieldKey::PostTime);
    p.place = v.text(FieldKey::Place);
    Some(SaveOp::Put(Box::new(Record::Post(p))))
}
