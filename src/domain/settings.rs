//! A ledger's thresholds and points formula (DOMAIN.md "Default settings"); editable, never
//! constants buried in code.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Minimum services a year (003 二.2).
    pub min_services: u32,
    /// Minimum suggestions a year.
    pub min_suggestions: u32,
    /// A unit's community services each half-year (000 三).
    pub unit_services_per_half: u32,
    /// A community's joint meetings each half-year.
    pub meetings_per_half: u32,
    /// Reporting rate below which a unit cannot be an advanced Party organization (001).
    pub unit_rate_percent: u32,
    pub points: PointsFormula,
    /// Households without a visit for this many weeks are flagged.
    pub visit_weeks: u32,
}

/// 积分: from certified service only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointsFormula {
    pub per_hour: f64,
    pub per_service: f64,
    pub rating_excellent: f64,
    pub rating_good: f64,
    pub demand_done: f64,
    pub suggestion_adopted: f64,
    pub suggestion_other: f64,
    /// Points for ★ … ★★★★★.
    pub stars: [f64; 5],
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            min_services: 2,
            min_suggestions: 1,
            unit_services_per_half: 1,
            meetings_per_half: 1,
            unit_rate_percent: 90,
            points: PointsFormula::default(),
            visit_weeks: 4,
        }
    }
}

impl Default for PointsFormula {
    fn default() -> PointsFormula {
        PointsFormula {
            per_hour: 1.0,
            per_service: 2.0,
            rating_excellent: 1.0,
            rating_good: 0.5,
            demand_done: 2.0,
            suggestion_adopted: 3.0,
            suggestion_other: 1.0,
            stars: [10.0, 30.0, 60.0, 100.0, 150.0],
        }
    }
}

impl PointsFormula {
    /// Stars (0–5) for a number of points.
    pub fn stars_for(&self, points: f64) -> u8 {
        self.stars.iter().filter(|&&t| points >= t).count() as u8
    }
}
