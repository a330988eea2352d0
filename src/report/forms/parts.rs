//! A form for the whole ledger, one part at a time: a province's 附件4 is eleven thousand
//! communities' rosters, its 附件5 a million cards, and neither the screen nor an export needs
//! them all at once. The forms made of one sheet per community (附件4, 花名册(社区), 民主评议)
//! split by community, 花名册(单位) by unit, and the forms of one member to a sheet (附件1,
//! 附件2, 附件5, 反馈单) by community, then the members on file without one in small groups.
//! Each part is built with the same builder the whole form uses, narrowed to that part: the
//! rosters come out as the whole form would list them; the forms of one member to a sheet come
//! grouped by community (each community's members by name) rather than by name across the
//! province.
//!
//! 表1, 表2 and 附件3 are not split: each is one table of the ledger's communities or units
//! whose columns line up over all its rows (they grow with communities and units, not members).
//!
//! Owns: which forms split and how, the parts' order. Must not touch: layout, files.

use chrono::NaiveDate;

use super::{Filter, Form, build};
use crate::domain::{Id, Member};
use crate::i18n::Lang;
use crate::report::Report;
use crate::store::{StoreError, View};

/// Members without a community built together in one part.
const GROUP: usize = 16;

/// One stretch of a whole-ledger form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// The form narrowed to one community.
    Community(Id),
    /// The form narrowed to one unit.
    Unit(Id),
    /// One member's form each (members on file without a community), in this order.
    Members(Vec<Id>),
}

/// How `form` splits when it covers the whole ledger; `None`: it is built whole.
fn split(form: Form) -> Option<Form> {
    match form {
        Form::Roster
        | Form::CommunityRoster
        | Form::Session
        | Form::UnitRoster
        | Form::Slip
        | Form::MemberForm
        | Form::Card
        | Form::Feedback => Some(form),
        Form::Communities | Form::Overview | Form::UnitStats => None,
    }
}

/// Whether `form` for `filter` is built in parts: a form that splits, for the whole ledger.
/// The forms of one sheet per community or unit do not narrow by member, so one asked for a
/// member (the reports view's member scope) is the whole ledger's too.
pub fn in_parts(form: Form, filter: &Filter) -> bool {
    let whole = filter.community.is_none() && filter.unit.is_none();
    match split(form) {
        Some(f) if one_member_a_page(f) => whole && filter.member.is_none(),
        Some(_) => whole,
        None => false,
    }
}

/// The forms printed one member to a page (附件1, 附件2, 附件5, 反馈单).
pub fn one_member_a_page(form: Form) -> bool {
    matches!(
        form,
        Form::Slip | Form::MemberForm | Form::Card | Form::Feedback
    )
}

/// The parts of `form` for the whole ledger, in the order the whole form lists them; `None`
/// when the form for `filter` is built whole ([`in_parts`]).
pub fn parts(view: &View, form: Form, filter: &Filter) -> Result<Option<Vec<Part>>, StoreError> {
    if !in_parts(form, filter) {
        return Ok(None);
    }
    let communities = || -> Result<Vec<Part>, StoreError> {
        Ok(super::communities_in_order(view)?
            .into_iter()
            .map(|c| Part::Community(c.id))
            .collect())
    };
    Ok(Some(match form {
        Form::UnitRoster => {
            let mut units: Vec<(String, Id)> = Vec::new();
            view.for_each::<crate::domain::Unit>(|u| {
                if !u.archived {
                    units.push((u.name, u.id));
                }
                Ok(())
            })?;
            units.sort();
            units.into_iter().map(|(_, id)| Part::Unit(id)).collect()
        }
        Form::Roster | Form::CommunityRoster | Form::Session => communities()?,
        _ => {
            // One member to a sheet: by community, then those on file in none (by name, as
            // the whole form sorts its members).
            let mut out = communities()?;
            let mut unplaced: Vec<(String, Id)> = Vec::new();
            view.for_each::<Member>(|m| {
                if !m.archived && m.community.is_none() {
                    unplaced.push((m.name, m.id));
                }
                Ok(())
            })?;
            unplaced.sort();
            let ids: Vec<Id> = unplaced.into_iter().map(|(_, id)| id).collect();
            out.extend(ids.chunks(GROUP).map(|c| Part::Members(c.to_vec())));
            out
        }
    }))
}

/// One part of `form` (see [`parts`]), built by the form's own builder.
pub fn build_part(
    form: Form,
    view: &View,
    filter: &Filter,
    part: &Part,
    today: NaiveDate,
    lang: Lang,
) -> Result<Report, StoreError> {
    let narrowed = |community, unit, member| Filter {
        community,
        unit,
        member,
        ..filter.clone()
    };
    match part {
        Part::Community(c) => build(form, view, &narrowed(Some(*c), None, None), today, lang),
        Part::Unit(u) => {
            let mut report = build(form, view, &narrowed(None, Some(*u), None), today, lang)?;
            // The whole form leaves out a unit without members; one asked for by name keeps it.
            report.sheets.retain(|s| !s.rows.is_empty());
            Ok(report)
        }
        Part::Members(ids) => {
            let mut report = Report::default();
            for m in ids {
                let one = build(form, view, &narrowed(None, None, Some(*m)), today, lang)?;
                report.sheets.extend(one.sheets);
            }
            Ok(report)
        }
    }
}
