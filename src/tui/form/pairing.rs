//! 结对帮扶: a member paired with a household in difficulty, with a plan, a start and (when it
//! ends) an end. Opened from the household (F8) or the member's detail, with that side picked;
//! the other is picked by typing. Both must be records of the ledger: a name that picked
//! nothing is refused, naming the field.

use super::{Field, FieldKey, FieldKind, Init, RefSpec, Values, shown};
use crate::domain::{Id, Pairing, Record};
use crate::search::Kind as SearchKind;
use crate::tui::entry::save::SaveOp;

fn spec(kind: SearchKind, init: &Init) -> RefSpec {
    RefSpec {
        kind,
        multi: false,
        community: init.ctx.community,
        can_create: false,
    }
}

pub fn fields(init: &Init) -> Vec<Field> {
    let p = match init.base {
        Some(Record::Pairing(p)) => Some(p),
        _ => None,
    };
    let household = p.map(|p| p.household).or(init.ctx.household);
    let member = p.map(|p| p.member).or(init.ctx.member);
    let since = p.map(|p| p.since).unwrap_or(init.today).to_string();
    vec![
        init.ref_field(
            FieldKey::Household,
            spec(SearchKind::Household, init),
            household,
        )
        .required(),
        init.ref_field(FieldKey::Member, spec(SearchKind::Member, init), member)
            .required(),
        Field::new(
            FieldKey::Plan,
            FieldKind::Text,
            &p.map(|p| p.plan.clone()).unwrap_or_default(),
        ),
        Field::new(FieldKey::Since, FieldKind::Date, &since).required(),
        Field::new(
            FieldKey::EndedOn,
            FieldKind::Date,
            &shown(p.and_then(|p| p.ended_on)),
        ),
    ]
}

pub fn build(v: &Values) -> Option<SaveOp> {
    let mut p = match v.base() {
        Some(Record::Pairing(p)) => p.clone(),
        _ => Pairing {
            id: Id::new(),
            household: Id(0),
            member: Id(0),
            plan: String::new(),
            since: v.today(),
            ended_on: None,
        },
    };
    p.household = v.one_ref(FieldKey::Household)?;
    p.member = v.one_ref(FieldKey::Member)?;
    p.plan = v.text(FieldKey::Plan);
    p.since = v.date(FieldKey::Since)?;
    p.ended_on = v.date(FieldKey::EndedOn);
    Some(SaveOp::Put(Box::new(Record::Pairing(p))))
}
