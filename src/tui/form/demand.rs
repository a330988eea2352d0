//! 三单制 居民点单 / 微心愿: who asked, how to reach them, what for, when, by when. The steps
//! after (dispatch, accept, done) belong to the requests pane.

use super::{Field, FieldKey, FieldKind, Init, Values, choice_field};
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
            FieldKey::DemandKind,
            Some(d.map(|d| d.kind).unwrap_or(DemandKind::Menu)),
            init.lang,
        )
        .required(),
        Field::new(
            FieldKey::Requester,
            FieldKind::Text,
            &get(|d| d.requester.clone()),
        )
        .required(),
        Field::new(
            FieldKey::Contact,
            FieldKind::Text,
            &get(|d| d.contact.clone()),
        ),
        Field::new(
            FieldKey::Content,
            FieldKind::Text,
            &get(|d| d.content.clone()),
        )
        .required(),
        Field::new(
            FieldKey::Date,
            FieldKind::Date,
            &d.map(|d| d.asked_on).unwrap_or(init.today).to_string(),
        )
        .required(),
        Field::new(
            FieldKey::Due,
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
    d.kind = v.choice(FieldKey::DemandKind)?;
    d.requester = v.text(FieldKey::Requester);
    d.contact = v.text(FieldKey::Contact);
    d.content = v.text(FieldKey::Content);
    d.asked_on = v.date(FieldKey::Date)?;
    d.due = v.date(FieldKey::Due);
    Some(SaveOp::Put(Box::new(Record::Demand(d))))
}
