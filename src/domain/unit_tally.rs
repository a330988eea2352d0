//! A unit's members counted by where each stands on reporting. The store keeps one tally per
//! unit in the same transaction as every member and registration change, so the province's
//! per-unit statistics (附件3, `report unit-stats`) read one row per unit instead of every
//! member and registration; the same type sums a filtered scan, so both paths agree.
use std::collections::{BTreeMap, BTreeSet};

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use super::{Id, Member, Registration};

/// Where one member on a unit's file stands, from the member's current registration.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct ReportState {
    /// The year the member reported; `None` while not reported. Kept as a year (not a flag)
    /// so that any year's figures come from the same tally: reported by the end of year Y.
    pub reported_year: Option<i32>,
    /// The community reported to; `None` while not reported.
    pub community: Option<Id>,
    /// 未报到原因, trimmed; counts for the years before the member reported.
    pub reason: String,
}

impl ReportState {
    /// The state a current registration gives; no registration is "not reported, no reason".
    pub fn of(current: Option<&Registration>) -> ReportState {
        let Some(r) = current else {
            return ReportState::default();
        };
        ReportState {
            reported_year: r.reported_on.map(|d| d.year()),
            community: r.reported_on.map(|_| r.community),
            reason: r.reason.trim().to_string(),
        }
    }
}

/// The unit a member counts for and how, or `None` for an archived member or one without a
/// unit. `current` is the member's current registration: the last one (in id order) not ended.
pub fn unit_position(m: &Member, current: Option<&Registration>) -> Option<(Id, ReportState)> {
    match m.unit {
        Some(u) if !m.archived => Some((u, ReportState::of(current))),
        _ => None,
    }
}

/// How many of a unit's members on file stand in each [`ReportState`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UnitTally {
    pub states: BTreeMap<ReportState, u32>,
}

/// A unit's reporting figures for one year, from its tally.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnitYear {
    pub on_file: u32,
    /// Reported on or before the end of the year.
    pub reported: u32,
    /// Communities those members reported to.
    pub communities: usize,
    /// Reasons given by the members not reported by then, most frequent first; members who
    /// gave none are not listed.
    pub reasons: Vec<(String, u32)>,
}

impl UnitTally {
    /// Counts one member in (`sign` 1) or out (`sign` -1).
    pub fn add(&mut self, state: ReportState, sign: i64) {
        let n = self.states.entry(state.clone()).or_default();
        *n = (*n as i64 + sign).max(0) as u32;
        if *n == 0 {
            self.states.remove(&state);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.states.is_empty()
    }

    pub fn year(&self, year: i32) -> UnitYear {
        let mut out = UnitYear::default();
        let mut communities = BTreeSet::new();
        let mut reasons: BTreeMap<&str, u32> = BTreeMap::new();
        for (s, &n) in &self.states {
            out.on_file += n;
            match (s.reported_year, s.community) {
                (Some(y), c) if y <= year => {
                    out.reported += n;
                    communities.extend(c);
                }
                _ if !s.reason.is_empty() => *reasons.entry(&s.reason).or_default() += n,
                _ => {}
            }
        }
        out.communities = communities.len();
        out.reasons = reasons
            .into_iter()
            .map(|(r, n)| (r.to_string(), n))
            .collect();
        out.reasons
            .sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
        out
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn reg(community: u128, reported: Option<(i32, u32)>, reason: &str) -> Registration {
        Registration {
            id: Id(community * 7),
            member: Id(1),
            community: Id(community),
            reported_on: reported.and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, 1)),
            reason: reason.to_string(),
            ..Default::default()
        }
    }

    #[test]
    fn a_year_counts_members_reported_by_its_end() {
        let mut t = UnitTally::default();
        t.add(ReportState::of(Some(&reg(10, Some((2024, 3)), ""))), 1);
        t.add(ReportState::of(Some(&reg(10, Some((2025, 12)), "出差"))), 1);
        t.add(ReportState::of(Some(&reg(11, Some((2025, 1)), ""))), 1);
        t.add(ReportState::of(Some(&reg(12, None, " 出差 "))), 1);
        t.add(ReportState::of(Some(&reg(12, None, "病假"))), 1);
        t.add(ReportState::of(Some(&reg(12, None, "出差"))), 1);
        t.add(ReportState::of(None), 1);
        let y24 = t.year(2024);
        assert_eq!((y24.on_file, y24.reported, y24.communities), (7, 1, 1));
        // The member who reported in December 2025 still counts with the reason in 2024.
        assert_eq!(y24.reasons, vec![("出差".into(), 3), ("病假".into(), 1)]);
        let y25 = t.year(2025);
        assert_eq!((y25.on_file, y25.reported, y25.communities), (7, 3, 2));
        assert_eq!(y25.reasons, vec![("出差".into(), 2), ("病假".into(), 1)]);
    }

    #[test]
    fn counting_out_undoes_counting_in() {
        let mut t = UnitTally::default();
        let s = ReportState::of(Some(&reg(10, Some((2024, 3)), "")));
        t.add(s.clone(), 1);
        t.add(s.clone(), 1);
        t.add(s.clone(), -1);
        assert_eq!(t.year(2024).on_file, 1);
        t.add(s, -1);
        assert!(t.is_empty());
    }

    #[test]
    fn archived_members_and_members_without_unit_count_nowhere() {
        let mut m = Member {
            unit: Some(Id(5)),
            ..Default::default()
        };
        assert_eq!(
            unit_position(&m, None),
            Some((Id(5), ReportState::default()))
        );
        m.archived = true;
        assert_eq!(unit_position(&m, None), None);
        m.archived = false;
        m.unit = None;
        assert_eq!(unit_position(&m, None), None);
    }
}
