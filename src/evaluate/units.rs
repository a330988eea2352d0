//! Per-unit statistics for a year (附件3 and `report unit-stats`): members on file, reported,
//! communities involved, not reported and their main reasons, the reporting rate against the
//! ledger's threshold, and the unit's community service each half-year.
//!
//! Province scale: one sequential pass over members and one over registrations, no per-member
//! index lookups, so 1,000,000 members take one scan each.
use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;

use crate::domain::rules::{HalfYears, UnitRate, unit_rate};
use crate::domain::*;
use crate::i18n::Lang;
use crate::store::{StoreError, View};

/// One unit's line.
#[derive(Debug, Clone)]
pub struct UnitStats {
    pub unit: Unit,
    pub rate: UnitRate,
    /// Communities the unit's reported members are registered with.
    pub communities: usize,
    pub not_reported: u32,
    /// The most frequent reasons for not reporting, most frequent first.
    pub reasons: Vec<(String, u32)>,
    pub services: HalfYears,
}

/// Filters for the statistics.
#[derive(Debug, Clone, Default)]
pub struct UnitFilter {
    pub unit: Option<Id>,
    /// Only members currently registered with this community.
    pub community: Option<Id>,
}

pub fn unit_stats(
    view: &View,
    year: i32,
    today: NaiveDate,
    filter: &UnitFilter,
    lang: Lang,
) -> Result<Vec<UnitStats>, StoreError> {
    let settings = view.settings()?;
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    // Pass 1: each member's unit.
    let mut unit_of: HashMap<Id, Id> = HashMap::new();
    view.for_each::<Member>(|m| {
        if let Some(u) = m.unit
            && !m.archived
            && filter.unit.is_none_or(|f| f == u)
            && filter.community.is_none_or(|c| m.community == Some(c))
        {
            unit_of.insert(m.id, u);
        }
        Ok(())
    })?;
    // Pass 2: each member's current registration (the last one not ended).
    let mut reg_of: HashMap<Id, (Option<NaiveDate>, Id, String)> = HashMap::new();
    view.for_each::<Registration>(|r| {
        if r.is_current() && unit_of.contains_key(&r.member) {
            reg_of.insert(r.member, (r.reported_on, r.community, r.reason));
        }
        Ok(())
    })?;
    #[derive(Default)]
    struct Acc {
        on_file: u32,
        reported: u32,
        communities: HashSet<Id>,
        reasons: BTreeMap<String, u32>,
    }
    let mut acc: HashMap<Id, Acc> = HashMap::new();
    for (member, unit) in &unit_of {
        let a = acc.entry(*unit).or_default();
        a.on_file += 1;
        match reg_of.get(member) {
            Some((Some(d), c, _)) if *d <= end => {
                a.reported += 1;
                a.communities.insert(*c);
            }
            Some((_, _, reason)) if !reason.trim().is_empty() => {
                *a.reasons.entry(reason.trim().to_string()).or_default() += 1;
            }
            _ => *a.reasons.entry(String::new()).or_default() += 1,
        }
    }
    // Units' own community services this year, in one pass rather than a lookup per unit.
    let mut unit_services: HashMap<Id, Vec<NaiveDate>> = HashMap::new();
    view.for_each::<UnitService>(|s| {
        unit_services.entry(s.unit).or_default().push(s.date);
        Ok(())
    })?;
    let mut out = Vec::new();
    for unit in view.units()? {
        if unit.archived || filter.unit.is_some_and(|f| f != unit.id) {
            continue;
        }
        let a = acc.remove(&unit.id).unwrap_or_default();
        if filter.community.is_some() && a.on_file == 0 {
            continue;
        }
        let rate = unit_rate(
            unit.declared_members,
            a.on_file,
            a.reported,
            &settings,
            lang,
        );
        let mut reasons: Vec<(String, u32)> = a
            .reasons
            .into_iter()
            .filter(|(r, _)| !r.is_empty())
            .collect();
        reasons.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        let dates = unit_services.remove(&unit.id).unwrap_or_default();
        let services = HalfYears::count(dates, year, settings.unit_services_per_half, today);
        out.push(UnitStats {
            not_reported: rate.base.saturating_sub(a.reported),
            communities: a.communities.len(),
            reasons,
            rate,
            services,
            unit,
        });
    }
    out.sort_by(|a, b| {
        a.unit
            .name
            .cmp(&b.unit.name)
            .then(a.unit.id.cmp(&b.unit.id))
    });
    Ok(out)
}
