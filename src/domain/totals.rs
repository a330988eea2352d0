//! Running per-member per-year totals, kept by the store in the same transaction as each change
//! so that year-end figures never need a full scan.
use serde::{Deserialize, Serialize};

use super::pairing::{Suggestion, SuggestionOutcome};
use super::service::{Rating, ServiceRecord};

/// What one member did in one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct YearTotals {
    /// Services recorded (certified or not, not archived).
    pub services: u32,
    /// Certified services.
    pub certified_services: u32,
    /// Certified hours, in half-hours.
    pub certified_halves: u32,
    /// All hours, in half-hours.
    pub all_halves: u32,
    /// Certified services rated 优 / 良.
    pub rated_excellent: u32,
    pub rated_good: u32,
    /// Certified services done for a 三单制 demand.
    pub demands_done: u32,
    /// Certified pairing visits.
    pub pairing_visits: u32,
    pub suggestions: u32,
    pub suggestions_adopted: u32,
}

impl YearTotals {
    /// Adds (`sign` = 1) or removes (`sign` = -1) one service row's contribution.
    pub fn apply_service(&mut self, r: &ServiceRecord, sign: i64) {
        if r.archived {
            return;
        }
        let add = |v: &mut u32, n: i64| *v = (*v as i64 + sign * n).max(0) as u32;
        add(&mut self.services, 1);
        add(&mut self.all_halves, r.hours.0 as i64);
        if r.is_certified() {
            add(&mut self.certified_services, 1);
            add(&mut self.certified_halves, r.hours.0 as i64);
            match r.rating {
                Some(Rating::Excellent) => add(&mut self.rated_excellent, 1),
                Some(Rating::Good) => add(&mut self.rated_good, 1),
                _ => {}
            }
            if r.demand.is_some() {
                add(&mut self.demands_done, 1);
            }
            if r.household.is_some() {
                add(&mut self.pairing_visits, 1);
            }
        }
    }

    pub fn apply_suggestion(&mut self, s: &Suggestion, sign: i64) {
        let add = |v: &mut u32| *v = (*v as i64 + sign).max(0) as u32;
        add(&mut self.suggestions);
        if s.outcome == Some(SuggestionOutcome::Adopted) {
            add(&mut self.suggestions_adopted);
        }
    }

    /// Adds another set of totals (merging per-batch sums).
    pub fn add(&mut self, o: &YearTotals) {
        self.services += o.services;
        self.certified_services += o.certified_services;
        self.certified_halves += o.certified_halves;
        self.all_halves += o.all_halves;
        self.rated_excellent += o.rated_excellent;
        self.rated_good += o.rated_good;
        self.demands_done += o.demands_done;
        self.pairing_visits += o.pairing_visits;
        self.suggestions += o.suggestions;
        self.suggestions_adopted += o.suggestions_adopted;
    }

    pub fn is_zero(&self) -> bool {
        *self == YearTotals::default()
    }
}

/// Year totals summed from rows, per (member, year) and per (community, year): how the
/// migration, `check` and the demo generator compute what the store keeps running.
#[derive(Debug, Default, Clone)]
pub struct TotalsBuilder {
    pub member: std::collections::HashMap<(super::Id, i32), YearTotals>,
    pub community: std::collections::HashMap<(super::Id, i32), YearTotals>,
}

impl TotalsBuilder {
    pub fn service(&mut self, s: &ServiceRecord) {
        use chrono::Datelike;
        let y = s.date.year();
        self.member
            .entry((s.member, y))
            .or_default()
            .apply_service(s, 1);
        self.community
            .entry((s.community, y))
            .or_default()
            .apply_service(s, 1);
    }

    pub fn suggestion(&mut self, s: &Suggestion) {
        use chrono::Datelike;
        let y = s.date.year();
        self.member
            .entry((s.member, y))
            .or_default()
            .apply_suggestion(s, 1);
        self.community
            .entry((s.community, y))
            .or_default()
            .apply_suggestion(s, 1);
    }
}
