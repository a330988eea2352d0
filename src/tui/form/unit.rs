//! 单位: name, kind (单位属性), address, Party organization, contact and phone, liaisons
//! (联络员, separated by 、 or commas), paired community, declared member total.

use super::{Field, FieldKey, FieldKind, Init, RefSpec, Values, choice_field};
use crate::domain::{Record, Unit, UnitKind};
use crate::search::Kind as SearchKind;
use crate::tui::entry::save::SaveOp;

pub fn fields(init: &Init) -> Vec<Field> {
    let u = match init.base {
        Some(Record::Unit(u)) => Some(u),
        _ => None,
    };
    let get = |f: fn(&Unit) -> String| u.map(f).unwrap_or_default();
    let text = |key, v: String| Field::new(key, FieldKind::Text, &v);
    // A unit created from a member's picker arrives with the name as typed.
    let name = if u.is_none() {
        init.ctx.typed.clone()
    } else {
        get(|u| u.name.clone())
    };
    vec![
        text(FieldKey::UnitName, name).required(),
        choice_field::<UnitKind>(FieldKey::UnitKind, u.map(|u| u.kind), init.lang).required(),
        text(FieldKey::UnitAddress, get(|u| u.address.clone())),
        text(FieldKey::PartyOrg, get(|u| u.party_org.clone())),
        text(FieldKey::ContactName, get(|u| u.contact_name.clone())),
        text(FieldKey::ContactPhone, get(|u| u.contact_phone.clone())),
        text(FieldKey::Liaisons, get(|u| u.liaisons.join("、"))),
        init.ref_field(
            FieldKey::PairedCommunity,
            RefSpec {
                kind: SearchKind::Community,
                multi: false,
                community: None,
                can_create: false,
            },
            u.and_then(|u| u.paired_community).or(init.ctx.community),
        ),
        Field::new(
            FieldKey::Declared,
            FieldKind::Number,
            &u.map(|u| u.declared_members.to_string())
                .unwrap_or_default(),
        ),
    ]
}

pub fn build(v: &Values) -> Option<SaveOp> {
    let mut u = match v.base() {
        Some(Record::Unit(u)) => u.clone(),
        _ => Unit::named(""),
    };
    u.name = v.text(FieldKey::UnitName);
    u.kind = v.choice(FieldKey::UnitKind)?;
    u.address = v.text(FieldKey::UnitAddress);
    u.party_org = v.text(FieldKey::PartyOrg);
    u.contact_name = v.text(FieldKey::ContactName);
    u.contact_phone = v.text(FieldKey::ContactPhone);
    u.liaisons = v
        .text(FieldKey::Liaisons)
        .split(crate::smart_input::parse::LIST_SEPARATORS)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    u.paired_community = v.one_ref(FieldKey::PairedCommunity);
    u.declared_members = v.number(FieldKey::Declared);
    Some(SaveOp::Put(Box::new(Record::Unit(u))))
}
