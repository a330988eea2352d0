//! 服务记录 (one row of 附件5): date, content, place, hours, rating, kind. A new row on a card
//! starts from the row above (`Ctx::template`); content and place complete from the
//! community's history. The member comes from the card, or is picked (batch entry).
//! A visit (走访, opened with `v` from F8 or a member's detail, or a row that is one) also
//! names the household, a record of the ledger the member is paired with; it is what clears
//! the household's unvisited flag.

use chrono::NaiveDate;

use super::{Complete, Field, FieldKind, Init, RefSpec, Values, choice_field, ref_field};
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
    let visit = household.is_some() || init.ctx.visit;
    if init.ctx.member.is_none() {
        let picked = init
            .ctx
            .pick_member
            .and_then(|m| init.names.get(&m).map(|n| vec![(m, n.clone())]))
            .unwrap_or_default();
        out.push(ref_field("field.member", spec(SearchKind::Member), picked).required());
    }
    if visit {
        out.push(
            init.ref_field("field.household", spec(SearchKind::Household), household)
                .required(),
        );
    }
    out.extend([
        Field::new("field.date", FieldKind::Date, &date).required(),
        Field::new(
            "field.content",
            FieldKind::Text,
            &get(|r| r.content.clone()),
        )
        .required()
        .completing(Complete::Content),
        Field::new("field.place", FieldKind::Text, &get(|r| r.place.clone()))
            .completing(Complete::Place),
        Field::new(
            "field.hours",
            FieldKind::Hours,
            &get(|r| r.hours.to_string()),
        )
        .required(),
        Field::new(
            "tui.card.rating",
            FieldKind::Rating,
            row.and_then(|r| r.rating)
                .map(|r| r.label(init.lang))
                .unwrap_or(""),
        ),
        choice_field::<ServiceKind>(
            "tui.f.kind",
            Some(row.map(|r| r.kind).unwrap_or(if visit {
                ServiceKind::Pairing
            } else {
                ServiceKind::Volunteer
            })),
            init.lang,
        )
        .required(),
    ]);
    out
}

pub fn build(v: &Values) -> Option<SaveOp> {
    let member = v.ctx().member.or_else(|| v.one_ref("field.member"))?;
    let mut row = match v.base() {
        Some(Record::Service(s)) => s.clone(),
        _ => blank(member, v.ctx().community?, v.today()),
    };
    row.member = member;
    row.date = v.date("field.date")?;
    row.content = v.text("field.content");
    row.place = v.text("field.place");
    row.hours = v.hours("field.hours")?;
    row.rating = v.rating("tui.card.rating");
    row.kind = v.choice("tui.f.kind")?;
    if v.form.field("field.household").is_some() {
        row.household = Some(v.one_ref("field.household")?);
    }
    Some(SaveOp::Put(Box::new(Record::Service(row))))
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
