//! 单位: name, kind (单位属性), address, Party organization, contact and phone, liaisons
//! (联络员, separated by 、 or commas), paired community, declared member total.

use super::{Field, FieldKind, Init, RefSpec, Values, choice_field};
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
        text("field.unit_name", name).required(),
        choice_field::<UnitKind>("tui.f.unit_kind", u.map(|u| u.kind), init.lang).required(),
        text("tui.f.unit_address", get(|u| u.address.clone())),
        text("tui.f.party_org", get(|u| u.party_org.clone())),
        text("tui.f.contact_name", get(|u| u.contact_name.clone())),
        text("tui.f.contact_phone", get(|u| u.contact_phone.clone())),
        text("tui.f.liaisons", get(|u| u.liaisons.join("、"))),
        init.ref_field(
            "tui.f.paired_community",
            RefSpec {
                kind: SearchKind::Community,
                multi: false,
                community: None,
                can_create: false,
            },
            u.and_then(|u| u.paired_community).or(init.ctx.community),
        ),
        Field::new(
            "tui.f.declared",
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
    u.name = v.text("field.unit_name");
    u.kind = v.choice("tui.f.unit_kind")?;
    u.address = v.text("tui.f.unit_address");
    u.party_org = v.text("tui.f.party_org");
    u.contact_name = v.text("tui.f.contact_name");
    u.contact_phone = v.text("tui.f.contact_phone");
    u.liaisons = v
        .text("tui.f.liaisons")
        .split(crate::smart_input::parse::LIST_SEPARATORS)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    u.paired_community = v.one_ref("tui.f.paired_community");
    u.declared_members = v.number("tui.f.declared");
    Some(SaveOp::Put(Box::new(Record::Unit(u))))
}
