//! Readiness for the year-end session (评议准备), for use well before December: the members of
//! a community who would fail a rule if the year ended today — not reported (overdue first,
//! then those whose deadline has not passed, then those without a slip), no service in the last
//! six months, below the service or suggestion minimum so far, or without a post in use.
//!
//! Built on the session's own rule code ([`member_year`] and [`assess`]): a member is on a list
//! exactly when the session shows the matching check failed, so the two never disagree.
use chrono::{Datelike, Duration, NaiveDate};

use super::member_year;
use crate::domain::rules::{Reporting, Rule, assess, reporting_text};
use crate::domain::{Community, Id};
use crate::i18n::{Lang, tf};
use crate::store::{StoreError, View};

/// How far back "recent service" looks.
const RECENT_DAYS: i64 = 182;

/// One member on a list, with the numbers that put them there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub member: Id,
    pub name: String,
    pub detail: String,
}

/// The four lists of a community, in the order shown: not reported, no recent service, below
/// a minimum, without a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lists {
    pub community: Id,
    pub community_name: String,
    pub sections: [Vec<Line>; 4],
}

/// Reads the lists for `community` as of `today` (the year `today` is in).
pub fn load(view: &View, community: Id, today: NaiveDate, lang: Lang) -> Result<Lists, StoreError> {
    let settings = view.settings()?;
    let year = today.year();
    let since = today - Duration::days(RECENT_DAYS);
    // Not reported, ordered: overdue, deadline not passed, no slip.
    let mut not_reported: [Vec<Line>; 3] = Default::default();
    let mut idle = Vec::new();
    let mut below = Vec::new();
    let mut no_post = Vec::new();
    let mut members = view.members_of_community(community)?;
    members.retain(|m| !m.archived);
    members.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    for m in members {
        let Some(facts) = member_year(view, &m, year, today)? else {
            continue;
        };
        let a = assess(&facts, &settings, lang);
        let line = |detail: String| Line {
            member: m.id,
            name: m.name.clone(),
            detail,
        };
        if !facts.reporting.is_reported() {
            let slot = match facts.reporting {
                Reporting::Overdue { .. } => 0,
                Reporting::Due { .. } => 1,
                _ => 2,
            };
            not_reported[slot].push(line(reporting_text(&facts.reporting, lang)));
            continue;
        }
        let recent = view
            .services_of_member(m.id, Some(since), Some(today))?
            .iter()
            .any(|s| !s.archived);
        if !recent {
            idle.push(line(tf(lang, "tui.ready.idle_since", &[&since])));
        }
        let failed = |r: Rule| a.check(r).is_some_and(|c| !c.ok);
        if failed(Rule::Services) || failed(Rule::Suggestions) {
            below.push(line(tf(
                lang,
                "tui.ready.below_n",
                &[
                    &facts.totals.certified_services,
                    &settings.min_services,
                    &facts.totals.suggestions,
                    &settings.min_suggestions,
                ],
            )));
        }
        if failed(Rule::Post) {
            no_post.push(line(
                crate::i18n::t(lang, "tui.ready.no_post_detail").to_string(),
            ));
        }
    }
    let [overdue, due, no_slip] = not_reported;
    let mut first = overdue;
    first.extend(due);
    first.extend(no_slip);
    Ok(Lists {
        community,
        community_name: view
            .get::<Community>(community)?
            .map(|c| c.name)
            .unwrap_or_default(),
        sections: [first, idle, below, no_post],
    })
}
