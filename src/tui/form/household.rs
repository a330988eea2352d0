//! 结对帮扶户: the person helped, the kind of difficulty, address, contact, note. A new household
//! may be paired at once: the member (picked from the ledger) and the plan, saved with it as
//! one change; later pairings are made with `p` (see [`super::pairing`]).

use super::{Field, FieldKind, Init, RefSpec, Values, choice_field, ref_field};
use crate::domain::{Household, HouseholdKind, Id, Pairing, Record};
use crate::search::Kind as SearchKind;
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
    let mut out = vec![
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
    ];
    if h.is_none() {
        let spec = RefSpec {
            kind: SearchKind::Member,
            multi: false,
            community: init.ctx.community,
            can_create: false,
        };
        out.push(ref_field("tui.f.paired_member", spec, Vec::new()));
        out.push(Field::new("tui.f.plan", FieldKind::Text, ""));
    }
    out
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
    // A new household only: an edit lays out no pairing fields.
    let paired = v.form.field("tui.f.paired_member").is_some();
    let pairing =
        (paired.then(|| v.one_ref("tui.f.paired_member")).flatten()).map(|member| Pairing {
            id: Id::new(),
            household: h.id,
            member,
            plan: v.text("tui.f.plan"),
            since: v.today(),
            ended_on: None,
        });
    match pairing {
        Some(p) => Some(SaveOp::PutAll(vec![
            Record::Household(h),
            Record::Pairing(p),
        ])),
        None => Some(SaveOp::Put(Box::new(Record::Household(h)))),
    }
}
