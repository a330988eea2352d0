//! 意见建议: a member's suggestion (date, content) and what became of it.

use super::{Field, FieldKey, FieldKind, Init, Values, choice_field};
use crate::domain::{Id, Record, Suggestion, SuggestionOutcome};
use crate::tui::entry::save::SaveOp;

pub fn fields(init: &Init) -> Vec<Field> {
    let s = match init.base {
        Some(Record::Suggestion(s)) => Some(s),
        _ => None,
    };
    let date = s.map(|s| s.date).unwrap_or(init.today).to_string();
    vec![
        Field::new(FieldKey::Date, FieldKind::Date, &date).required(),
        Field::new(
            FieldKey::Suggestion,
            FieldKind::Text,
            &s.map(|s| s.content.clone()).unwrap_or_default(),
        )
        .required(),
        choice_field::<SuggestionOutcome>(FieldKey::Outcome, s.and_then(|s| s.outcome), init.lang),
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
    s.date = v.date(FieldKey::Date)?;
    s.content = v.text(FieldKey::Suggestion);
    s.outcome = v.choice(FieldKey::Outcome);
    Some(SaveOp::Put(Box::new(Record::Suggestion(s))))
}
