//! 在职党员基本情况登记表 (附件2): every field of the member, the unit picked from the units
//! (or created on the spot), the community from the communities.

use super::{Field, FieldKind, Init, RefSpec, Values, choice_field, shown, yes_no_field};
use crate::domain::validate::DateRule;
use crate::domain::{Gender, Id, Member, Record, Standing};
use crate::search::Kind as SearchKind;
use crate::tui::entry::save::SaveOp;

pub fn fields(init: &Init) -> Vec<Field> {
    let empty = Member::default();
    let m = match init.base {
        Some(Record::Member(m)) => m,
        _ => &empty,
    };
    let text = |key, v: &str| Field::new(key, FieldKind::Text, v);
    let community = m.community.or(init.ctx.community);
    let name = if init.base.is_none() {
        init.ctx.typed.as_str()
    } else {
        m.name.as_str()
    };
    vec![
        text("field.name", name).required(),
        choice_field::<Gender>("tui.f.gender", m.gender, init.lang),
        text("tui.f.ethnicity", &m.ethnicity),
        Field::new("field.birth", FieldKind::YearMonth, &shown(m.birth)).within(DateRule::birth()),
        text("tui.f.education", &m.education),
        Field::new("field.joined", FieldKind::YearMonth, &shown(m.joined)).within(m.joined_rule()),
        choice_field::<Standing>("tui.f.standing", m.standing, init.lang),
        text("tui.f.health", &m.health),
        Field::new("field.mobile", FieldKind::Mobile, &m.mobile),
        init.ref_field(
            "field.unit",
            RefSpec {
                kind: SearchKind::Unit,
                multi: false,
                community: None,
                can_create: true,
            },
            m.unit,
        ),
        text("tui.f.position", &m.position),
        text("tui.f.unit_phone", &m.unit_phone),
        text("tui.f.address", &m.address),
        text("tui.f.specialties", &m.specialties),
        text("tui.f.hobbies", &m.hobbies),
        text("tui.f.deputy", &m.deputy),
        text("tui.f.availability", &m.availability),
        yes_no_field("tui.f.willing_other", m.willing_other, init.lang),
        text("tui.f.team", &m.team),
        text("tui.f.project", &m.project),
        init.ref_field(
            "field.community",
            RefSpec {
                kind: SearchKind::Community,
                multi: false,
                community: None,
                can_create: false,
            },
            community,
        )
        .required(),
    ]
}

pub fn build(v: &Values) -> Option<SaveOp> {
    let mut m = match v.base() {
        Some(Record::Member(m)) => m.clone(),
        _ => Member {
            id: Id::new(),
            ..Default::default()
        },
    };
    m.name = v.text("field.name");
    m.gender = v.choice("tui.f.gender");
    m.ethnicity = v.text("tui.f.ethnicity");
    m.birth = v.year_month("field.birth");
    m.education = v.text("tui.f.education");
    m.joined = v.year_month("field.joined");
    m.standing = v.choice("tui.f.standing");
    m.health = v.text("tui.f.health");
    m.mobile = v.text("field.mobile");
    m.unit = v.one_ref("field.unit");
    m.position = v.text("tui.f.position");
    m.unit_phone = v.text("tui.f.unit_phone");
    m.address = v.text("tui.f.address");
    m.specialties = v.text("tui.f.specialties");
    m.hobbies = v.text("tui.f.hobbies");
    m.deputy = v.text("tui.f.deputy");
    m.availability = v.text("tui.f.availability");
    m.willing_other = v.yes("tui.f.willing_other");
    m.team = v.text("tui.f.team");
    m.project = v.text("tui.f.project");
    m.community = v.one_ref("field.community");
    Some(SaveOp::Put(Box::new(Record::Member(m))))
}
