//! 在职党员基本情况登记表 (附件2): every field of the member, the unit picked from the units
//! (or created on the spot), the community from the communities.

use super::{Field, FieldKey, FieldKind, Init, RefSpec, Values, choice_field, shown, yes_no_field};
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
        text(FieldKey::Name, name).required(),
        choice_field::<Gender>(FieldKey::Gender, m.gender, init.lang),
        text(FieldKey::Ethnicity, &m.ethnicity),
        Field::new(FieldKey::Birth, FieldKind::YearMonth, &shown(m.birth))
            .within(DateRule::birth()),
        text(FieldKey::Education, &m.education),
        Field::new(FieldKey::Joined, FieldKind::YearMonth, &shown(m.joined))
            .within(m.joined_rule()),
        choice_field::<Standing>(FieldKey::Standing, m.standing, init.lang),
        text(FieldKey::Health, &m.health),
        Field::new(FieldKey::Mobile, FieldKind::Mobile, &m.mobile),
        init.ref_field(
            FieldKey::Unit,
            RefSpec {
                kind: SearchKind::Unit,
                multi: false,
                community: None,
                can_create: true,
            },
            m.unit,
        ),
        text(FieldKey::Position, &m.position),
        text(FieldKey::UnitPhone, &m.unit_phone),
        text(FieldKey::Address, &m.address),
        text(FieldKey::Specialties, &m.specialties),
        text(FieldKey::Hobbies, &m.hobbies),
        text(FieldKey::Deputy, &m.deputy),
        text(FieldKey::Availability, &m.availability),
        yes_no_field(FieldKey::WillingOther, m.willing_other, init.lang),
        text(FieldKey::Team, &m.team),
        text(FieldKey::Project, &m.project),
        init.ref_field(
            FieldKey::Community,
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
    m.name = v.text(FieldKey::Name);
    m.gender = v.choice(FieldKey::Gender);
    m.ethnicity = v.text(FieldKey::Ethnicity);
    m.birth = v.year_month(FieldKey::Birth);
    m.education = v.text(FieldKey::Education);
    m.joined = v.year_month(FieldKey::Joined);
    m.standing = v.choice(FieldKey::Standing);
    m.health = v.text(FieldKey::Health);
    m.mobile = v.text(FieldKey::Mobile);
    m.unit = v.one_ref(FieldKey::Unit);
    m.position = v.text(FieldKey::Position);
    m.unit_phone = v.text(FieldKey::UnitPhone);
    m.address = v.text(FieldKey::Address);
    m.specialties = v.text(FieldKey::Specialties);
    m.hobbies = v.text(FieldKey::Hobbies);
    m.deputy = v.text(FieldKey::Deputy);
    m.availability = v.text(FieldKey::Availability);
    m.willing_other = v.yes(FieldKey::WillingOther);
    m.team = v.text(FieldKey::Team);
    m.project = v.text(FieldKey::Project);
    m.community = v.one_ref(FieldKey::Community);
    Some(SaveOp::Put(Box::new(Record::Member(m))))
}
