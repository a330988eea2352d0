//! 岗位: a post of the community (name, duties, time, place).

use super::{Field, FieldKind, Init, Values};
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
        text("field.post_name", &p.name).required(),
        text("tui.f.duties", &p.duties),
        text("tui.f.post_time", &p.time),
        text("field.place", &p.place),
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
    p.name = v.text("field.post_name");
    p.duties = v.text("tui.f.duties");
    p.time = v.text("tui.f.post_time");
    p.place = v.text("field.place");
    Some(SaveOp::Put(Box::new(Record::Post(p))))
}
