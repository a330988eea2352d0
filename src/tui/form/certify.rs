//! 认证签字 for one row or a marked range of a card (who certified: the person served, the
//! organizer or the community Party organization, with a name), and 撤销认证 with a reason.

use super::{Field, FieldKey, FieldKind, Init, Values, choice_field};
use crate::domain::CertifierRole;
use crate::tui::entry::save::SaveOp;

pub fn fields(init: &Init) -> Vec<Field> {
    // The clerk certifies cards in a stack, usually for one signer: the last one is kept.
    let (role, name) = match &init.ctx.signer {
        Some((role, name)) => (*role, name.as_str()),
        None => (CertifierRole::PartyOrg, ""),
    };
    vec![
        choice_field::<CertifierRole>(FieldKey::CertRole, Some(role), init.lang).required(),
        Field::new(FieldKey::Certifier, FieldKind::Text, name).required(),
        Field::new(FieldKey::Date, FieldKind::Date, &init.today.to_string()).required(),
    ]
}

pub fn build(v: &Values) -> Option<SaveOp> {
    Some(SaveOp::Certify {
        rows: v.ctx().rows.clone(),
        role: v.choice(FieldKey::CertRole)?,
        name: v.text(FieldKey::Certifier),
        on: v.date(FieldKey::Date)?,
    })
}

pub fn revoke_fields(_: &Init) -> Vec<Field> {
    vec![Field::new(FieldKey::Reason, FieldKind::Text, "").required()]
}

pub fn revoke_build(v: &Values) -> Option<SaveOp> {
    Some(SaveOp::Revoke {
        row: v.ctx().rows.first().copied()?,
        reason: v.text(FieldKey::Reason),
    })
}
