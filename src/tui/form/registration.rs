//! 报到 forms: a registration edited whole, and the workflow steps — slips issued by a unit
//! to the members ticked, a member reported (date, claimed posts, team), the receipt returned,
//! the reason for not reporting, a move to another community with the open work handed over.

use super::{Field, FieldKey, FieldKind, Init, RefSpec, Values, ref_field, shown};
use crate::domain::validate::DateRule;
use crate::domain::{Id, Record, Registration};
use crate::search::Kind as SearchKind;
use crate::tui::entry::save::SaveOp;

fn reg<'a>(init: &'a Init) -> Option<&'a Registration> {
    match init.base {
        Some(Record::Registration(r)) => Some(r),
        _ => None,
    }
}

fn posts_field(init: &Init, posts: &[Id]) -> Field {
    let picked = posts.iter().map(|p| (*p, init.name_of(*p))).collect();
    ref_field(
        FieldKey::Posts,
        RefSpec {
            kind: SearchKind::Post,
            multi: true,
            community: init.ctx.community,
            can_create: true,
        },
        picked,
    )
}

fn date_field(key: FieldKey, value: Option<chrono::NaiveDate>) -> Field {
    Field::new(key, FieldKind::Date, &shown(value))
}

/// The whole registration, for corrections.
pub fn fields(init: &Init) -> Vec<Field> {
    let empty = Registration::default();
    let r = reg(init).unwrap_or(&empty);
    vec![
        date_field(FieldKey::IssuedOn, r.issued_on),
        date_field(FieldKey::ReportBy, r.report_by).within(DateRule::deadline()),
        date_field(FieldKey::ReportedOn, r.reported_on),
        date_field(FieldKey::ReceiptOn, r.receipt_on),
        posts_field(init, &r.posts),
        Field::new(FieldKey::Team, FieldKind::Text, &r.team),
        Field::new(FieldKey::Reason, FieldKind::Text, &r.reason),
    ]
}

pub fn build(v: &Values) -> Option<SaveOp> {
    let Some(Record::Registration(r)) = v.base() else {
        return None;
    };
    let mut r = r.clone();
    r.issued_on = v.date(FieldKey::IssuedOn);
    r.report_by = v.date(FieldKey::ReportBy);
    r.reported_on = v.date(FieldKey::ReportedOn);
    r.receipt_on = v.date(FieldKey::ReceiptOn);
    r.posts = v.refs(FieldKey::Posts);
    r.team = v.text(FieldKey::Team);
    r.reason = v.text(FieldKey::Reason);
    Some(SaveOp::Put(Box::new(Record::Registration(r))))
}

/// 发报到单: the date issued and the report-by date; the members are ticked below.
pub fn slip_fields(init: &Init) -> Vec<Field> {
    let by = init.today + chrono::Duration::days(30);
    vec![
        Field::new(FieldKey::IssuedOn, FieldKind::Date, &init.today.to_string()).required(),
        Field::new(FieldKey::ReportBy, FieldKind::Date, &by.to_string())
            .required()
            .within(DateRule::deadline()),
    ]
}

pub fn slip_build(v: &Values) -> Option<SaveOp> {
    let members: Vec<Id> = v.checklist().iter().map(|i| i.id).collect();
    if members.is_empty() {
        return None;
    }
    Some(SaveOp::IssueSlips {
        unit: v.ctx().unit?,
        members,
        issued_on: v.date(FieldKey::IssuedOn)?,
        report_by: v.date(FieldKey::ReportBy)?,
    })
}

/// 报到登记: the date, at least one claimed post (picked, or created), the team.
pub fn reported_fields(init: &Init) -> Vec<Field> {
    let r = reg(init);
    let on = r.and_then(|r| r.reported_on).unwrap_or(init.today);
    vec![
        Field::new(FieldKey::ReportedOn, FieldKind::Date, &on.to_string())
            .required()
            .within(
                r.map(Registration::reported_rule)
                    .unwrap_or_else(DateRule::done),
            ),
        // The ledger holds a member reported without a post (a roster from before the
        // ledger); a clerk marking one reported now is still asked for one.
        posts_field(init, r.map(|r| r.posts.as_slice()).unwrap_or(&[]))
            .required_saying("err.no_post"),
        Field::new(
            FieldKey::Team,
            FieldKind::Text,
            &r.map(|r| r.team.clone()).unwrap_or_default(),
        ),
    ]
}

pub fn reported_build(v: &Values) -> Option<SaveOp> {
    Some(SaveOp::Reported {
        registration: v.ctx().registration,
        member: v.ctx().member?,
        community: v.ctx().community?,
        on: v.date(FieldKey::ReportedOn)?,
        posts: v.refs(FieldKey::Posts),
        team: v.text(FieldKey::Team),
    })
}

/// 回执交回
pub fn receipt_fields(init: &Init) -> Vec<Field> {
    let rule = reg(init)
        .map(Registration::receipt_rule)
        .unwrap_or_else(DateRule::done);
    vec![
        Field::new(
            FieldKey::ReceiptOn,
            FieldKind::Date,
            &init.today.to_string(),
        )
        .required()
        .within(rule),
    ]
}

pub fn receipt_build(v: &Values) -> Option<SaveOp> {
    Some(SaveOp::Receipt {
        registration: v.ctx().registration?,
        on: v.date(FieldKey::ReceiptOn)?,
    })
}

/// 未报到原因
pub fn reason_fields(init: &Init) -> Vec<Field> {
    let reason = reg(init).map(|r| r.reason.clone()).unwrap_or_default();
    vec![Field::new(FieldKey::Reason, FieldKind::Text, &reason).required()]
}

pub fn reason_build(v: &Values) -> Option<SaveOp> {
    Some(SaveOp::Reason {
        registration: v.ctx().registration?,
        reason: v.text(FieldKey::Reason),
    })
}

/// 转移接续: the new community, the date, and who takes over open requests and pairings
/// (left empty, they go back to the branch, flagged).
pub fn move_fields(init: &Init) -> Vec<Field> {
    let member = |key| {
        ref_field(
            key,
            RefSpec {
                kind: SearchKind::Member,
                multi: false,
                community: init.ctx.community,
                can_create: false,
            },
            Vec::new(),
        )
    };
    vec![
        ref_field(
            FieldKey::MoveTo,
            RefSpec {
                kind: SearchKind::Community,
                multi: false,
                community: None,
                can_create: false,
            },
            Vec::new(),
        )
        .required(),
        Field::new(FieldKey::Date, FieldKind::Date, &init.today.to_string()).required(),
        member(FieldKey::DemandsTo),
        member(FieldKey::PairingsTo),
    ]
}

pub fn move_build(v: &Values) -> Option<SaveOp> {
    Some(SaveOp::Move {
        member: v.ctx().member?,
        to: v.one_ref(FieldKey::MoveTo)?,
        on: v.date(FieldKey::Date)?,
        demands_to: v.one_ref(FieldKey::DemandsTo),
        pairings_to: v.one_ref(FieldKey::PairingsTo),
    })
}
