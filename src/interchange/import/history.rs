//! Planning a community's history from its 台账 sheets: 意见建议, activities with their
//! attendance (one service row per attendee), and past years' 民主评议 results. Each row's
//! member is found by name within the row's community ([`super::who`]).
use std::collections::HashMap;

use chrono::NaiveDate;

use super::OnDuplicate;
use super::Progress;
use super::members::tick;
use super::plan::Planner;
use super::who::{Named, member_in};
use crate::domain::{Activity, ActivityKind, Evaluation, Id, Suggestion};
use crate::i18n::tf;
use crate::interchange::rows_history::{ActivityRow, EvaluationRow, SuggestionRow, Who};
use crate::store::StoreError;

fn named<'a>(w: &'a Who, key: &'a str) -> Named<'a> {
    Named {
        name: &w.name,
        mobile: w.mobile.as_deref(),
        unit: w.unit.as_deref(),
        key,
    }
}

/// 意见建议: one suggestion per row; the same member, day and content as one already in the
/// ledger is a duplicate under `--on-duplicate`.
pub fn plan_suggestions(
    p: &mut Planner<'_>,
    rows: Vec<(usize, SuggestionRow)>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), StoreError> {
    let dup_rows = p.duplicates_in_file(
        rows.iter()
            .map(|(r, s)| (*r, (s.who.name.clone(), s.date, s.content.clone()))),
        "content",
        "import.ledger.dup_record_file",
    );
    let total = rows.len();
    for (i, (row, s)) in rows.into_iter().enumerate() {
        tick(progress, i + 1, total);
        if dup_rows.contains(&row) {
            continue;
        }
        let Some(community) = p.community(row, s.who.community.as_deref()) else {
            continue;
        };
        let Some(member) = member_in(p, row, community, &named(&s.who, "name")) else {
            continue;
        };
        let existing = p
            .view
            .suggestions_of_member(member)?
            .into_iter()
            .find(|x| x.date == s.date && x.content == s.content);
        let suggestion = Suggestion {
            id: Id::new(),
            member,
            community,
            date: s.date,
            content: s.content,
            outcome: s.outcome,
        };
        match existing {
            None => p.plan.add(row, suggestion.into()),
            Some(old) if p.on_duplicate(row, "content", old.id) => {
                let updated = Suggestion {
                    id: old.id,
                    outcome: suggestion.outcome.or(old.outcome),
                    ..suggestion
                };
                if updated != old {
                    p.plan.update(row, updated.into());
                }
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Past years' results: one evaluation per member and year; the store refuses a year the
/// community has closed, and says so on the row.
pub fn plan_evaluations(
    p: &mut Planner<'_>,
    rows: Vec<(usize, EvaluationRow)>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), StoreError> {
    let mut seen: HashMap<(Id, i32), usize> = HashMap::new();
    let mut ledger: HashMap<(Id, i32), Vec<Evaluation>> = HashMap::new();
    let total = rows.len();
    for (i, (row, e)) in rows.into_iter().enumerate() {
        tick(progress, i + 1, total);
        let Some(community) = p.community(row, e.who.community.as_deref()) else {
            continue;
        };
        let Some(member) = member_in(p, row, community, &named(&e.who, "name")) else {
            continue;
        };
        let Some(grade) = e.grade else { continue };
        if let Some(first) = seen.insert((member, e.year), row) {
            let msg = tf(p.lang(), "import.ledger.dup_record_file", &[&first]);
            p.plan.issue(row, "year", msg);
            continue;
        }
        // 评议 happens at the year's end; a year still running is dated today.
        let year_end = NaiveDate::from_ymd_opt(e.year, 12, 31).unwrap_or(p.today);
        let evaluated_on = e.evaluated_on.unwrap_or(year_end.min(p.today));
        let of_year = match ledger.entry((community, e.year)) {
            std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(p.view.evaluations_of_community(community, e.year)?)
            }
        };
        let existing = of_year.iter().find(|x| x.member == member).cloned();
        let evaluation = Evaluation {
            id: Id::new(),
            community,
            member,
            year: e.year,
            grade,
            comment: e.comment.unwrap_or_default(),
            evaluated_on,
            disqualified: e.disqualified.unwrap_or_default(),
        };
        match existing {
            None => p.plan.add(row, evaluation.into()),
            Some(old) if p.on_duplicate(row, "name", old.id) => {
                let updated = Evaluation {
                    id: old.id,
                    ..evaluation
                };
                if updated != old {
                    p.plan.update(row, updated.into());
                }
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// One activity being assembled from its rows.
struct Gathering {
    row: usize,
    activity: Activity,
    /// Members already counted, so a name listed twice is one attendee.
    members: Vec<Id>,
    services: Vec<(usize, Id)>,
}

/// Activities: rows with the same community, title and date are one activity, each attendee
/// one service row of the activity's hours. An activity already in the ledger is skipped or
/// refused; attendance is not merged into it (that is done in the ledger, where it shows).
pub fn plan_activities(
    p: &mut Planner<'_>,
    rows: Vec<(usize, ActivityRow)>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), StoreError> {
    let mut gatherings: Vec<Gathering> = Vec::new();
    let mut index: HashMap<(Id, String, NaiveDate), usize> = HashMap::new();
    let mut known: HashMap<Id, Vec<Activity>> = HashMap::new();
    let mut left_out: Vec<(Id, String, NaiveDate)> = Vec::new();
    let total = rows.len();
    for (i, (row, a)) in rows.into_iter().enumerate() {
        tick(progress, i + 1, total);
        let Some(community) = p.community(row, a.community.as_deref()) else {
            continue;
        };
        let key = (community, a.title.clone(), a.date);
        if left_out.contains(&key) {
            continue;
        }
        let at = match index.get(&key) {
            Some(&at) => at,
            None => {
                let of_community = match known.entry(community) {
                    std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(p.view.activities_of_community(community)?)
                    }
                };
                let existing = of_community
                    .iter()
                    .find(|x| x.title == a.title && x.date == a.date)
                    .map(|x| x.id);
                if let Some(id) = existing {
                    left_out.push(key);
                    if p.opts.on_duplicate == OnDuplicate::Update {
                        let msg = tf(p.lang(), "import.ledger.activity_no_update", &[&id]);
                        p.plan.issue(row, "title", msg);
                    } else {
                        p.on_duplicate(row, "title", id);
                    }
                    continue;
                }
                let Some(hours) = a.hours else {
                    let msg = tf(p.lang(), "import.value.required", &[&""]);
                    p.plan.issue(row, "hours", msg);
                    left_out.push(key);
                    continue;
                };
                gatherings.push(Gathering {
                    row,
                    activity: Activity {
                        id: Id::new(),
                        community,
                        kind: a.kind.unwrap_or(ActivityKind::Other),
                        title: a.title.clone(),
                        date: a.date,
                        place: a.place.clone().unwrap_or_default(),
                        hours,
                    },
                    members: Vec::new(),
                    services: Vec::new(),
                });
                index.insert(key, gatherings.len() - 1);
                gatherings.len() - 1
            }
        };
        let one_per_row = a.attendees.len() == 1;
        for name in &a.attendees {
            let who = Named {
                name,
                // A row per attendee may tell a namesake by its own mobile or unit.
                mobile: a.mobile.as_deref().filter(|_| one_per_row),
                unit: a.unit.as_deref().filter(|_| one_per_row),
                key: if p.plan.has_column("attendees") {
                    "attendees"
                } else {
                    "name"
                },
            };
            let Some(member) = member_in(p, row, community, &who) else {
                continue;
            };
            let g = &mut gatherings[at];
            if !g.members.contains(&member) {
                g.members.push(member);
                g.services.push((row, member));
            }
        }
    }
    // The activity before its attendance rows: they refer to it.
    for g in gatherings {
        let hours = g.activity.hours;
        let records: Vec<_> = g
            .services
            .iter()
            .map(|(row, m)| (*row, g.activity.record_for(Id::new(), *m, hours)))
            .collect();
        p.plan.add(g.row, g.activity.into());
        for (row, r) in records {
            p.plan.add(row, r.into());
        }
    }
    Ok(())
}
