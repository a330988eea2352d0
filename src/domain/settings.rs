//! A ledger's thresholds and points formula (DOMAIN.md "Default settings"); editable, never
//! constants buried in code.
use serde::{Deserialize, Serialize};

use super::validate::{FieldError, Problem};
use crate::i18n::{Lang, t};

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

impl Settings {
    /// What is wrong with these settings, field by field (the catalog keys are the settings
    /// screen's labels): a percentage above 100, a points value that is negative or not a
    /// number, or stars not strictly ascending. The store refuses to save settings with any.
    pub fn problems(&self, lang: Lang) -> Vec<FieldError> {
        let mut errs = Vec::new();
        if self.unit_rate_percent > 100 {
            errs.push(FieldError::new(
                "tui.set.unit_rate",
                Problem::Invalid(t(lang, "tui.set.percent").to_string()),
            ));
        }
        let p = &self.points;
        for (field, v) in [
            ("tui.set.per_hour", p.per_hour),
            ("tui.set.per_service", p.per_service),
            ("tui.set.excellent", p.rating_excellent),
            ("tui.set.good", p.rating_good),
            ("tui.set.demand", p.demand_done),
            ("tui.set.adopted", p.suggestion_adopted),
            ("tui.set.other", p.suggestion_other),
        ] {
            if !(v.is_finite() && v >= 0.0) {
                errs.push(FieldError::new(
                    field,
                    Problem::Invalid(t(lang, "tui.set.not_number").to_string()),
                ));
            }
        }
        const STARS: [&str; 5] = [
            "tui.set.star1",
            "tui.set.star2",
            "tui.set.star3",
            "tui.set.star4",
            "tui.set.star5",
        ];
        for (i, v) in p.stars.iter().enumerate() {
            let problem = if !(v.is_finite() && *v >= 0.0) {
                Some("tui.set.not_number")
            } else if i > 0 && *v <= p.stars[i - 1] {
                // Each star needs more points than the one before.
                Some("tui.set.stars_order")
            } else {
                None
            };
            if let Some(key) = problem {
                errs.push(FieldError::new(
                    STARS[i],
                    Problem::Invalid(t(lang, key).to_string()),
                ));
            }
        }
        errs
    }
}

impl PointsFormula {
    /// Stars (0–5) for a number of points.
    pub fn stars_for(&self, points: f64) -> u8 {
        self.stars.iter().filter(|&&t| points >= t).count() as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_valid_and_bad_values_are_named() {
        assert!(Settings::default().problems(Lang::Zh).is_empty());
        let mut s = Settings {
            unit_rate_percent: 101,
            ..Settings::default()
        };
        s.points.stars = [10.0, 30.0, 30.0, 100.0, 150.0];
        s.points.rating_good = f64::NAN;
        let fields: Vec<&str> = s.problems(Lang::Zh).iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec!["tui.set.unit_rate", "tui.set.good", "tui.set.star3"]
        );
    }
}
