//! 三单制 居民点单 / 微心愿: who asked, how to reach them, what for, when, by when. The steps
//! after (dispatch, accept, done) belong to the requests pane.

use super::{Field, FieldKind, Init, Values, choice_field};
use crate::domain::{Demand, DemandKind, DemandStatus, Id, Record};
use crate::tui::entry::save::SaveOp;

pub fn fields(init: &Init) -> Vec<Field> {
    let d = match init.base {
        Some(Record::Demand(d)) => Some(d),
        _ => None,
    };
    let get = |f: fn(&Demand) -> String| d.map(f).unwrap_or_default();
    vec![
        choice_field::<DemandKind>(
            "tui.f.demand_kind",
            Some(d.map(|d| d.kind).unwrap_or(DemandKind::Menu)),
            init.lang,
        )
        .required(),
        Field::new(
            "field.requester",
            FieldKind::Text,
            &get(|d| d.requester.clone()),
        )
        .required(),
        Field::new(
            "field.contact",
            FieldKind::Text,
            &get(|d| d.contact.clone()),
        ),
        Field::new(
            "field.content",
            FieldKind::Text,
            &get(|d| d.content.clone()),
        )
        .required(),
        Field::new(
            "field.date",
            FieldKind::Date,
            &d.map(|d| d.asked_on).unwrap_or(init.today).to_string(),
        )
        .required(),
        Field::new(
            "tui.f.due",
            FieldKind::Date,
            &d.and_then(|d| d.due)
                .map(|x| x.to_string())
                .unwrap_or_default(),
        )
        .within(crate::domain::validate::DateRule::deadline()),
    ]
}

pub fn build(v: &Values) -> Option<SaveOp> {
    let mut d = match v.base() {
        Some(Record::Demand(d)) => d.clone(),
        _ => Demand {
            id: Id::new(),
            community: v.ctx().community?,
            kind: DemandKind::Menu,
            requester: String::new(),
            contact: String::new(),
            content: String::new(),
            asked_on: v.today(),
            due: None,
            target: None,
            accepted_by: None,
            status: DemandStatus::Open,
            done_on: None,
            cancel_reason: String::new(),
            service: None,
            history: Vec::new(),
        },
    };
    d.kind = v.choice("tui.f.demand_kind")?;
    d.requester = v.text("field.requester");
    d.contact = v.text("field.contact");
    d.content = v.text("field.content");
    d.asked_on = v.date("field.date")?;
    d.due = v.date("tui.f.due");
    Some(SaveOp::Put(Box::new(Record::Demand(d))))
}
