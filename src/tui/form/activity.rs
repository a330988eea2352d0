//! 社区活动 (主题活动, 固定服务日 …): kind, title, date, place, default hours, and the
//! attendees ticked from the community's roster, each with their own hours. Saved as the
//! activity and one service row per attendee, in one transaction.

use super::{Field, FieldKey, FieldKind, Init, Values, choice_field};
use crate::domain::{Activity, ActivityKind, Id};
use crate::tui::entry::save::SaveOp;

pub fn fields(init: &Init) -> Vec<Field> {
    vec![
        choice_field::<ActivityKind>(FieldKey::ActivityKind, Some(ActivityKind::Theme), init.lang)
            .required(),
        Field::new(FieldKey::Title, FieldKind::Text, "").required(),
        Field::new(FieldKey::Date, FieldKind::Date, &init.today.to_string()).required(),
        Field::new(FieldKey::Place, FieldKind::Text, ""),
        Field::new(FieldKey::DefaultHours, FieldKind::Hours, "2").required(),
    ]
}

pub fn build(v: &Values) -> Option<SaveOp> {
    let default = v.hours(FieldKey::DefaultHours)?;
    let activity = Activity {
        id: Id::new(),
        community: v.ctx().community?,
        kind: v.choice(FieldKey::ActivityKind)?,
        title: v.text(FieldKey::Title),
        date: v.date(FieldKey::Date)?,
        place: v.text(FieldKey::Place),
        hours: default,
    };
    let attendees = v
        .checklist()
        .into_iter()
        .map(|i| (i.id, i.hours.unwrap_or(default)))
        .collect();
    Some(SaveOp::Activity {
        activity: Box::new(activity),
        attendees,
    })
}
