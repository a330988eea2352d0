//! Per-unit statistics for a year (附件3 and `report unit-stats`): members on file, reported,
//! communities involved, not reported and their main reasons, the reporting rate against the
//! ledger's threshold, and the unit's community service each half-year.
//!
//! Province scale: the store keeps a running tally per unit, so the whole province reads one
//! row per unit and the unit-service date index, never the members.

use chrono::NaiveDate;

use crate::domain::rules::{HalfYears, UnitRate, unit_rate};
use crate::domain::*;
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
) -> Result<Vec<UnitStats>, StoreError> {
    let settings = view.settings()?;
    // The stored tallies answer for every unit; a community filter needs the members' own
    // community, which the tallies do not keep, so that one sums the rows.
    let mut tallies = match filter.community {
        None => view.unit_tallies()?,
        Some(c) => view.unit_tallies_from_rows(|m| {
            m.community == Some(c) && filter.unit.is_none_or(|u| m.unit == Some(u))
        })?,
    };
    let mut unit_services = view.unit_service_dates(year)?;
    let mut out = Vec::new();
    for unit in view.units()? {
        if unit.archived || filter.unit.is_some_and(|f| f != unit.id) {
            continue;
        }
        let a = tallies.remove(&unit.id).unwrap_or_default().year(year);
        if filter.community.is_some() && a.on_file == 0 {
            continue;
        }
        let rate = unit_rate(unit.declared_members, a.on_file, a.reported, &settings);
        let dates = unit_services.remove(&unit.id).unwrap_or_default();
        let services = HalfYears::count(dates, year, settings.unit_services_per_half, today);
        out.push(UnitStats {
            not_reported: rate.base.saturating_sub(a.reported),
            communities: a.communities,
            reasons: a.reasons,
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
