//! 社区 (表1 社区联系方式一览表): name, county, street, Party organization, secretary, phone,
//! office address, fixed service day.

use super::{Field, FieldKey, FieldKind, Init, Values};
use crate::domain::{Community, Id, Record};
use crate::tui::entry::save::SaveOp;

pub fn fields(init: &Init) -> Vec<Field> {
    let empty = Community::default();
    let c = match init.base {
        Some(Record::Community(c)) => c,
        _ => &empty,
    };
    let text = |key, v: &str| Field::new(key, FieldKind::Text, v);
    vec![
        text(FieldKey::CommunityName, &c.name).required(),
        text(FieldKey::County, &c.county),
        text(FieldKey::Street, &c.street),
        text(FieldKey::PartyOrg, &c.party_org),
        text(FieldKey::Secretary, &c.secretary),
        text(FieldKey::Phone, &c.phone),
        text(FieldKey::Office, &c.address),
        text(FieldKey::ServiceDay, &c.service_day),
    ]
}

pub fn build(v: &Values) -> Option<SaveOp> {
    let mut c = match v.base() {
        Some(Record::Community(c)) => c.clone(),
        _ => Community {
            id: Id::new(),
            ..Default::default()
        },
    };
    c.name = v.text(FieldKey::CommunityName);
    c.county = v.text(FieldKey::County);
    c.street = v.text(FieldKey::Street);
    c.party_org = v.text(FieldKey::PartyOrg);
    c.secretary = v.text(FieldKey::Secretary);
    c.phone = v.text(FieldKey::Phone);
    c.address = v.text(FieldKey::Office);
    c.service_day = v.text(FieldKey::ServiceDay);
    Some(SaveOp::Put(Box::new(Record::Community(c))))
}
