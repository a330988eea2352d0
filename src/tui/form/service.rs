//! 服务记录 (one row of 附件5): date, content, place, hours, rating, kind. A new row on a card
//! starts from the row above (`Ctx::template`); content and place complete from the
//! community's history. The member comes from the card, or is picked (batch entry).
//! A visit (走访, opened with `v` from F8 or a member's detail, or a row that is one) also
//! names the household, a record of the ledger the member is paired with; it is what clears
//! the household's unvisited flag. So does any row of kind 结对帮扶 typed on the card: the
//! household field appears when the kind becomes 结对帮扶 (the member's only paired household
//! picked) and goes when it becomes another; a member paired with none is told so.

use chrono::NaiveDate;

use super::{
    Complete, Ctx, Field, FieldKey, FieldKind, Init, RefSpec, Values, choice_field, ref_field,
};
use crate::domain::{Choice, Id, Record, ServiceKind, ServiceRecord};
use crate::search::Kind as SearchKind;
use crate::tui::entry::save::SaveOp;

pub fn fields(init: &Init) -> Vec<Field> {
    let row = match init.base {
        Some(Record::Service(s)) => Some(s),
        _ => init.ctx.template.as_deref(),
    };
    let get = |f: fn(&ServiceRecord) -> String| row.map(f).unwrap_or_default();
    let date = match row {
        Some(r) => r.date.to_string(),
        None => init.today.to_string(),
    };
    let mut out = Vec::new();
    let spec = |kind| RefSpec {
        kind,
        multi: false,
        community: init.ctx.community,
        can_create: false,
    };
    let household = match init.base {
        Some(Record::Service(s)) => s.household,
        _ => init.ctx.household,
    };
    // A new row only: a row on file is changed as it is (see `household_follows_kind`).
    let pairing_row = init.base.is_none() && row.is_some_and(|r| r.kind == ServiceKind::Pairing);
    let visit = household.is_some() || init.ctx.visit;
    if init.ctx.member.is_none() {
        let picked = init
            .ctx
            .pick_member
            .and_then(|m| init.names.get(&m).map(|n| vec![(m, n.clone())]))
            .unwrap_or_default();
        out.push(ref_field(FieldKey::Member, spec(SearchKind::Member), picked).required());
    }
    if visit {
        out.push(
            init.ref_field(FieldKey::Household, spec(SearchKind::Household), household)
                .required(),
        );
    }
    out.extend([
        Field::new(FieldKey::Date, FieldKind::Date, &date).required(),
        Field::new(
            FieldKey::Content,
            FieldKind::Text,
            &get(|r| r.content.clone()),
        )
        .required()
        .completing(Complete::Content),
        Field::new(FieldKey::Place, FieldKind::Text, &get(|r| r.place.clone()))
            .completing(Complete::Place),
        Field::new(
            FieldKey::Hours,
            FieldKind::Hours,
            &get(|r| r.hours.to_string()),
        )
        .required(),
        Field::new(
            FieldKey::Rating,
            FieldKind::Rating,
            row.and_then(|r| r.rating)
                .map(|r| r.label(init.lang))
                .unwrap_or(""),
        ),
        choice_field::<ServiceKind>(
            FieldKey::Kind,
            Some(row.map(|r| r.kind).unwrap_or(if visit {
                ServiceKind::Pairing
            } else {
                ServiceKind::Volunteer
            })),
            init.lang,
        )
        .required(),
    ]);
    // The card's 结对帮扶 row: its household after the kind, where the field appears when the
    // kind is typed. A new row after a visit starts with the same household, when the member
    // is still paired with it.
    if pairing_row && !visit {
        let above = init
            .ctx
            .template
            .as_ref()
            .and_then(|t| t.household)
            .and_then(|h| paired_named(init.ctx, h));
        out.push(household_field(
            init.ctx,
            above.map_or_else(|| default_household(init.ctx), |h| vec![h]),
        ));
    }
    out
}

pub fn build(v: &Values) -> Option<SaveOp> {
    let member = v.ctx().member.or_else(|| v.one_ref(FieldKey::Member))?;
    let mut row = match v.base() {
        Some(Record::Service(s)) => s.clone(),
        _ => blank(member, v.ctx().community?, v.today()),
    };
    row.member = member;
    row.date = v.date(FieldKey::Date)?;
    row.content = v.text(FieldKey::Content);
    row.place = v.text(FieldKey::Place);
    row.hours = v.hours(FieldKey::Hours)?;
    row.rating = v.rating(FieldKey::Rating);
    row.kind = v.choice(FieldKey::Kind)?;
    // A row names a household exactly while it has the field (a visit, a 结对帮扶 row).
    row.household = match v.form.field(FieldKey::Household) {
        Some(_) => Some(v.one_ref(FieldKey::Household)?),
        None => None,
    };
    Some(SaveOp::Put(Box::new(Record::Service(row))))
}

/// The household field of a 结对帮扶 row typed on the card: a household of the community
/// (the store refuses one the member was not paired with that day), saying while empty that
/// a 结对帮扶 row names one — or, for a member paired with none, to pair first.
pub fn household_field(ctx: &Ctx, picked: Vec<(Id, String)>) -> Field {
    let spec = RefSpec {
        kind: SearchKind::Household,
        multi: false,
        community: ctx.community,
        can_create: false,
    };
    let missing = match &ctx.paired {
        Some(p) if p.is_empty() => "tui.pair.card_unpaired",
        _ => "tui.pair.card_household",
    };
    ref_field(FieldKey::Household, spec, picked).required_saying(missing)
}

/// The household a 结对帮扶 row starts with: the member's only paired one.
pub fn default_household(ctx: &Ctx) -> Vec<(Id, String)> {
    match ctx.paired.as_deref() {
        Some([one]) => vec![one.clone()],
        _ => Vec::new(),
    }
}

fn paired_named(ctx: &Ctx, h: Id) -> Option<(Id, String)> {
    ctx.paired
        .as_ref()?
        .iter()
        .find(|(id, _)| *id == h)
        .cloned()
}

/// A new, empty row of `member` in `community`.
pub fn blank(member: Id, community: Id, date: NaiveDate) -> ServiceRecord {
    ServiceRecord {
        id: Id::new(),
        member,
        community,
        date,
        content: String::new(),
        place: String::new(),
        hours: crate::domain::Hours(2),
        rating: None,
        kind: ServiceKind::Volunteer,
        certification: None,
        activity: None,
        demand: None,
        household: None,
        archived: false,
    }
}
