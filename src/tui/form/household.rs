//! 结对帮扶户: the person helped, the kind of difficulty, address, contact, note. A new household
//! may be paired at once: the member (picked from the ledger) and the plan, saved with it as
//! one change; later pairings are made with `p` (see [`super::pairing`]).

use super::{Field, FieldKey, FieldKind, Init, RefSpec, Values, choice_field, ref_field};
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
        Field::new(FieldKey::Household, FieldKind::Text, &name).required(),
        choice_field::<HouseholdKind>(FieldKey::HouseholdKind, h.map(|h| h.kind), init.lang)
            .required(),
        Field::new(
            FieldKey::Address,
            FieldKind::Text,
            &get(|h| h.address.clone()),
        ),
        Field::new(
            FieldKey::Contact,
            FieldKind::Text,
            &get(|h| h.contact.clone()),
        ),
        Field::new(FieldKey::Note, FieldKind::Text, &get(|h| h.note.clone())),
    ];
    if h.is_none() {
        let spec = RefSpec {
            kind: SearchKind::Member,
            multi: false,
            community: init.ctx.community,
            can_create: false,
        };
        out.push(ref_field(FieldKey::PairedMember, spec, Vec::new()));
        out.push(Field::new(FieldKey::Plan, FieldKind::Text, ""));
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
    h.name = v.text(FieldKey::Household);
    h.kind = v.choice(FieldKey::HouseholdKind)?;
    h.address = v.text(FieldKey::Address);
    h.contact = v.text(FieldKey::Contact);
    h.note = v.text(FieldKey::Note);
    // A new household only: an edit lays out no pairing fields.
    let paired = v.form.field(FieldKey::PairedMember).is_some();
    let pairing =
        (paired.then(|| v.one_ref(FieldKey::PairedMember)).flatten()).map(|member| Pairing {
            id: Id::new(),
            household: h.id,
            member,
            plan: v.text(FieldKey::Plan),
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
