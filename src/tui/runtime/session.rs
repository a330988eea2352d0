//! What the year-end session reads and writes, run by the runtime's `Runner` (the only caller):
//! a community's session rows, one member's year in full, a grade, closing and reopening the
//! year.
//!
//! Owns: the session's reads and writes. Must not touch: the app's state, drawing.

use chrono::NaiveDate;

use crate::domain::*;
use crate::evaluate::community_session;
use crate::i18n::Lang;
use crate::store::{Ledger, StoreError, View};
use crate::tui::session::work::{Done, Glance, GradeEntry, Opened, Work};

pub fn run(ledger: &Ledger, work: Work, lang: Lang) -> Result<Done, StoreError> {
    let today = ledger.today();
    Ok(match work {
        Work::Open { community, year } => {
            Done::Opened(open(&ledger.view()?, community, year, today, lang)?)
        }
        Work::Member { member, year } => Done::Glance(glance(&ledger.view()?, member, year)?),
        Work::Grade(g) => {
            let existing = ledger
                .view()?
                .evaluations_of_community(g.community, g.year)?
                .into_iter()
                .find(|e| e.member == g.member)
                .map(|e| e.id);
            let e = ledger.write(|tx| grade(tx, g, existing))?;
            Done::Graded(e, ledger.view()?.generation()?)
        }
        Work::Close { community, year } => {
            ledger.write(|tx| {
                let closure = YearClosure {
                    id: Id::new(),
                    community,
                    year,
                    closed_on: tx.today(),
                    closed_by: tx.clerk().to_string(),
                    reopened: None,
                };
                tx.save(closure)
            })?;
            Done::Closed {
                community,
                year,
                generation: ledger.view()?.generation()?,
            }
        }
        Work::Reopen {
            community,
            year,
            reason,
        } => {
            ledger.write(|tx| tx.reopen_year(community, year, &reason))?;
            Done::Reopened {
                community,
                year,
                generation: ledger.view()?.generation()?,
            }
        }
    })
}

pub fn open(
    view: &View,
    community: Id,
    year: i32,
    today: NaiveDate,
    lang: Lang,
) -> Result<Opened, StoreError> {
    Ok(Opened {
        community,
        community_name: view
            .get::<Community>(community)?
            .map(|c| c.name)
            .unwrap_or_default(),
        year,
        rows: community_session(view, community, year, today, lang)?,
        closed: view.year_closed(community, year)?,
    })
}

pub fn glance(view: &View, member: Id, year: i32) -> Result<Glance, StoreError> {
    let start = NaiveDate::from_ymd_opt(year, 1, 1);
    let end = NaiveDate::from_ymd_opt(year, 12, 31);
    let m = view.get::<Member>(member)?;
    let unit = match m.as_ref().and_then(|m| m.unit) {
        Some(u) => view.get::<Unit>(u)?.map(|u| u.name).unwrap_or_default(),
        None => String::new(),
    };
    let mut posts = Vec::new();
    if let Some(r) = view.current_registration(member)? {
        for p in r.posts {
            posts.extend(view.get::<Post>(p)?.map(|p| p.name));
        }
    }
    let services = view
        .services_of_member(member, start, end)?
        .into_iter()
        .filter(|s| !s.archived)
        .collect();
    let mut suggestions = view.suggestions_of_member(member)?;
    suggestions.retain(|s| chrono::Datelike::year(&s.date) == year);
    let mut pairings = Vec::new();
    for p in view.pairings_of_member(member)? {
        let h = view.get::<Household>(p.household)?;
        pairings.push((p, h));
    }
    Ok(Glance {
        member,
        year,
        unit,
        posts,
        services,
        suggestions,
        pairings,
    })
}

/// Saves a grade: one evaluation per member, year and community, so grading again replaces
/// the earlier one (its id is kept, so the audit log shows one record changing).
fn grade(
    tx: &mut crate::store::Tx,
    g: GradeEntry,
    existing: Option<Id>,
) -> Result<Evaluation, StoreError> {
    let today = tx.today();
    tx.save(Evaluation {
        // Not `unwrap_or_default`: the default id is zero, a new record needs a fresh one.
        id: match existing {
            Some(id) => id,
            None => Id::new(),
        },
        community: g.community,
        member: g.member,
        year: g.year,
        grade: g.grade,
        comment: g.comment,
        evaluated_on: today,
        disqualified: g.disqualified,
    })
}
