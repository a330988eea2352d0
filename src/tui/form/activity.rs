//! 社区活动 (主题活动, 固定服务日 …): kind, title, date, place, default hours, and the
//! attendees ticked from the community's roster, each with their own hours. Saved as the
//! activity and one service row per attendee, in one transaction.

use super::{Field, FieldKind, Init, Values, choice_field};
use crate::domain::{Activity, ActivityKind, Id};
use crate::tui::entry::save::SaveOp;

pub fn fields(init: &Init) -> Vec<Field> {
    vec![
        choice_field::<ActivityKind>("tui.f.activity_kind", Some(ActivityKind::Theme), init.lang)
            .required(),
        Field::new("field.title", FieldKind::Text, "").required(),
        Field::new("field.date", FieldKind::Date, &init.today.to_string()).required(),
        Field::new("field.place", FieldKind::Text, ""),
        Field::new("tui.f.default_hours", FieldKind::Hours, "2").required(),
    ]
}

pub fn build(v: &Values) -> Option<SaveOp> {
    let default = v.hours("tui.f.default_hours")?;
    let activity = Activity {
        id: Id::new(),
        community: v.ctx().community?,
        kind: v.choice("tui.f.activity_kind")?,
        title: v.text("field.title"),
        date: v.date("field.date")?,
        place: v.text("field.place"),
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
