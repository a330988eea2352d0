//! 结对帮扶户: the person helped, the kind of difficulty, address, contact, note.

use super::{Field, FieldKind, Init, Values, choice_field};
use crate::domain::{Household, HouseholdKind, Id, Record};
use crate::tui::entry::save::SaveOp;

pub fn fields(init: &Init) -> Vec<Field> {
    let h = match init.base {
        Some(Record::Household(h)) => Some(h),
        _ => None,
    };
    let get = |f: fn(&Household) -> String| h.map(f).unwrap_or_default();
    let name = if h.is_none() {
        init.ctx.typed.clone()
    } else {
        get(|h| h.name.clone())
    };
    vec![
        Field::new("field.household", FieldKind::Text, &name).required(),
        choice_field::<HouseholdKind>("tui.f.household_kind", h.map(|h| h.kind), init.lang)
            .required(),
        Field::new(
            "tui.f.address",
            FieldKind::Text,
            &get(|h| h.address.clone()),
        ),
        Field::new(
            "field.contact",
            FieldKind::Text,
            &get(|h| h.contact.clone()),
        ),
        Field::new("tui.f.note", FieldKind::Text, &get(|h| h.note.clone())),
    ]
}

pub fn build(v: &Values) -> Option<SaveOp> {
    let mut h = match v.base() {
        Some(Record::Household(h)) => h.clone(),
        _ => Household {
            id: Id::new(),
            community: v.ctx().community?,
            name: String::new(),
            kind: HouseholdKind::Poor,
            address: String::new(),
            contact: String::new(),
            note: String::new(),
            archived: false,
        },
    };
    h.name = v.text("field.household");
    h.kind = v.choice("tui.f.household_kind")?;
    h.address = v.text("tui.f.address");
    h.contact = v.text("field.contact");
    h.note = v.text("tui.f.note");
    Some(SaveOp::Put(Box::new(Record::Household(h))))
}
