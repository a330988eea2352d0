//! 社区 (表1 社区联系方式一览表): name, county, street, Party organization, secretary, phone,
//! office address, fixed service day.

use super::{Field, FieldKind, Init, Values};
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
        text("field.community_name", &c.name).required(),
        text("tui.f.county", &c.county),
        text("tui.f.street", &c.street),
        text("tui.f.party_org", &c.party_org),
        text("tui.f.secretary", &c.secretary),
        text("field.phone", &c.phone),
        text("tui.f.office", &c.address),
        text("tui.f.service_day", &c.service_day),
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
    c.name = v.text("field.community_name");
    c.county = v.text("tui.f.county");
    c.street = v.text("tui.f.street");
    c.party_org = v.text("tui.f.party_org");
    c.secretary = v.text("tui.f.secretary");
    c.phone = v.text("field.phone");
    c.address = v.text("tui.f.office");
    c.service_day = v.text("tui.f.service_day");
    Some(SaveOp::Put(Box::new(Record::Community(c))))
}
