//! 报到 forms: a registration edited whole, and the workflow steps — slips issued by a unit
//! to the members ticked, a member reported (date, claimed posts, team), the receipt returned,
//! the reason for not reporting, a move to another community with the open work handed over.

use super::{Field, FieldKind, Init, RefSpec, Values, ref_field, shown};
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
        "field.posts",
        RefSpec {
            kind: SearchKind::Post,
            multi: true,
            community: init.ctx.community,
            can_create: true,
        },
        picked,
    )
}

fn date_field(key: &'static str, value: Option<chrono::NaiveDate>) -> Field {
    Field::new(key, FieldKind::Date, &shown(value))
}

/// The whole registration, for corrections.
pub fn fields(init: &Init) -> Vec<Field> {
    let empty = Registration::default();
    let r = reg(init).unwrap_or(&empty);
    vec![
        date_field("field.issued_on", r.issued_on),
        date_field("field.report_by", r.report_by).within(DateRule::deadline()),
        date_field("field.reported_on", r.reported_on),
        date_field("field.receipt_on", r.receipt_on),
        posts_field(init, &r.posts),
        Field::new("tui.f.team", FieldKind::Text, &r.team),
        Field::new("field.reason", FieldKind::Text, &r.reason),
    ]
}

pub fn build(v: &Values) -> Option<SaveOp> {
    let Some(Record::Registration(r)) = v.base() else {
        return None;
    };
    let mut r = r.clone();
    r.issued_on = v.date("field.issued_on");
    r.report_by = v.date("field.report_by");
    r.reported_on = v.date("field.reported_on");
    r.receipt_on = v.date("field.receipt_on");
    r.posts = v.refs("field.posts");
    r.team = v.text("tui.f.team");
    r.reason = v.text("field.reason");
    Some(SaveOp::Put(Box::new(Record::Registration(r))))
}

/// 发报到单: the date issued and the report-by date; the members are ticked below.
pub fn slip_fields(init: &Init) -> Vec<Field> {
    let by = init.today + chrono::Duration::days(30);
    vec![
        Field::new("field.issued_on", FieldKind::Date, &init.today.to_string()).required(),
        Field::new("field.report_by", FieldKind::Date, &by.to_string())
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
        issued_on: v.date("field.issued_on")?,
        report_by: v.date("field.report_by")?,
    })
}

/// 报到登记: the date, at least one claimed post (picked, or created), the team.
pub fn reported_fields(init: &Init) -> Vec<Field> {
    let r = reg(init);
    let on = r.and_then(|r| r.reported_on).unwrap_or(init.today);
    vec![
        Field::new("field.reported_on", FieldKind::Date, &on.to_string())
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
            "tui.f.team",
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
        on: v.date("field.reported_on")?,
        posts: v.refs("field.posts"),
        team: v.text("tui.f.team"),
    })
}

/// 回执交回
pub fn receipt_fields(init: &Init) -> Vec<Field> {
    let rule = reg(init)
        .map(Registration::receipt_rule)
        .unwrap_or_else(DateRule::done);
    vec![
        Field::new("field.receipt_on", FieldKind::Date, &init.today.to_string())
            .required()
            .within(rule),
    ]
}

pub fn receipt_build(v: &Values) -> Option<SaveOp> {
    Some(SaveOp::Receipt {
        registration: v.ctx().registration?,
        on: v.date("field.receipt_on")?,
    })
}

/// 未报到原因
pub fn reason_fields(init: &Init) -> Vec<Field> {
    let reason = reg(init).map(|r| r.reason.clone()).unwrap_or_default();
    vec![Field::new("field.reason", FieldKind::Text, &reason).required()]
}

pub fn reason_build(v: &Values) -> Option<SaveOp> {
    Some(SaveOp::Reason {
        registration: v.ctx().registration?,
        reason: v.text("field.reason"),
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
            "tui.f.move_to",
            RefSpec {
                kind: SearchKind::Community,
                multi: false,
                community: None,
                can_create: false,
            },
            Vec::new(),
        )
        .required(),
        Field::new("field.date", FieldKind::Date, &init.today.to_string()).required(),
        member("tui.f.demands_to"),
        member("tui.f.pairings_to"),
    ]
}

pub fn move_build(v: &Values) -> Option<SaveOp> {
    Some(SaveOp::Move {
        member: v.ctx().member?,
        to: v.one_ref("tui.f.move_to")?,
        on: v.date("field.date")?,
        demands_to: v.one_ref("tui.f.demands_to"),
        pairings_to: v.one_ref("tui.f.pairings_to"),
    })
}
