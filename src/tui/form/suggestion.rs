//! 意见建议: a member's suggestion (date, content) and what became of it.

use super::{Field, FieldKind, Init, Values, choice_field};
use crate::domain::{Id, Record, Suggestion, SuggestionOutcome};
use crate::tui::entry::save::SaveOp;

pub fn fields(init: &Init) -> Vec<Field> {
    let s = match init.base {
        Some(Record::Suggestion(s)) => Some(s),
        _ => None,
    };
    let date = s.map(|s| s.date).unwrap_or(init.today).to_string();
    vec![
        Field::new("field.date", FieldKind::Date, &date).required(),
        Field::new(
            "tui.f.suggestion",
            FieldKind::Text,
            &s.map(|s| s.content.clone()).unwrap_or_default(),
        )
        .required(),
        choice_field::<SuggestionOutcome>("tui.f.outcome", s.and_then(|s| s.outcome), init.lang),
    ]
}

pub fn build(v: &Values) -> Option<SaveOp> {
    let mut s = match v.base() {
        Some(Record::Suggestion(s)) => s.clone(),
        _ => Suggestion {
            id: Id::new(),
            member: v.ctx().member?,
            community: v.ctx().community?,
            date: v.today(),
            content: String::new(),
            outcome: None,
        },
    };
    s.date = v.date("field.date")?;
    s.content = v.text("tui.f.suggestion");
    s.outcome = v.choice("tui.f.outcome");
    Some(SaveOp::Put(Box::new(Record::Suggestion(s))))
}
