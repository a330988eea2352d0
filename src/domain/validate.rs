//! Field validation shared by every entity: what a clerk may type, normalized, or a
//! [`FieldError`] naming the field and saying what is wrong (in Chinese, English available).
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, t, tf};

/// What is wrong with a field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Empty,
    Mobile,
    FutureDate(NaiveDate),
    /// A year-month after this month (`2027.01`).
    FutureMonth(String),
    /// Earlier than the field's floor: the date, the floor, and the catalog key of why the
    /// floor is there (`err.why_programme`).
    BeforeFloor {
        date: String,
        floor: String,
        why: &'static str,
    },
    HoursNotPositive,
    HoursNotHalfStep,
    HoursOverDay {
        day_total_half_hours: u32,
    },
    NotFound,
    Locked,
    /// A pairing's end before its start.
    EndBeforeStart,
    /// A visit (a service row of a household) by a member not paired with it on that day.
    NotPaired,
    /// A pairing changed so that visits recorded under it (their dates) would be covered by
    /// no pairing of the household.
    StrandsVisits(Vec<NaiveDate>),
    /// A character the ledger refuses ([`super::safe_text`]): its code point (`U+001B`), what
    /// it is, its 1-based position in the value, and the stored field's name.
    Character {
        code: String,
        what: &'static str,
        position: usize,
        field: String,
    },
    Invalid(String),
}

/// A validation failure: which field (a catalog key such as `field.mobile`) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem:?}")]
pub struct FieldError {
    pub field: &'static str,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: &'static str, problem: Problem) -> FieldError {
        FieldError { field, problem }
    }

    /// The message a clerk reads: `手机：应为以1开头的11位数字`.
    pub fn message(&self, lang: Lang) -> String {
        tf(
            lang,
            "err.field",
            &[&field_name(lang, self.field), &self.problem_message(lang)],
        )
    }

    /// What is wrong, without the field's name (shown beside the field itself).
    pub fn problem_message(&self, lang: Lang) -> String {
        match &self.problem {
            Problem::Empty => t(lang, "err.empty").to_string(),
            Problem::Mobile => t(lang, "err.mobile").to_string(),
            Problem::FutureDate(d) => tf(lang, "err.future_date", &[d]),
            Problem::FutureMonth(ym) => tf(lang, "err.future_date", &[ym]),
            Problem::BeforeFloor { date, floor, why } => {
                tf(lang, "err.before_floor", &[date, floor, &t(lang, why)])
            }
            Problem::HoursNotPositive => t(lang, "err.hours_positive").to_string(),
            Problem::HoursNotHalfStep => t(lang, "err.hours_half").to_string(),
            Problem::HoursOverDay {
                day_total_half_hours,
            } => tf(
                lang,
                "err.hours_day",
                &[&Hours(*day_total_half_hours as u16)],
            ),
            Problem::NotFound => t(lang, "err.not_found").to_string(),
            Problem::Locked => t(lang, "err.locked").to_string(),
            Problem::EndBeforeStart => t(lang, "err.end_before_start").to_string(),
            Problem::NotPaired => t(lang, "err.not_paired").to_string(),
            Problem::StrandsVisits(dates) => {
                // The message fits a form's line: one or two dates, else the first and last.
                let shown = match dates.as_slice() {
                    [] => String::new(),
                    [one] => one.to_string(),
                    [a, b] => format!("{a}, {b}"),
                    [first, .., last] => format!("{first}…{last}"),
                };
                tf(lang, "err.strands_visits", &[&dates.len(), &shown])
            }
            Problem::Character {
                code,
                what,
                position,
                field,
            } => {
                let at = if field.is_empty() {
                    String::new()
                } else {
                    tf(lang, "err.character_field", &[field])
                };
                tf(lang, "err.character", &[code, what, position, &at])
            }
            Problem::Invalid(s) => s.clone(),
        }
    }
}

/// The clerk-facing name of a field key (`field.mobile` → 手机 / mobile).
pub fn field_name(lang: Lang, key: &'static str) -> &'static str {
    t(lang, key)
}

/// Several field errors, as a save refused until they are fixed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} field(s) invalid", .0.len())]
pub struct Invalid(pub Vec<FieldError>);

impl Invalid {
    pub fn message(&self, lang: Lang) -> String {
        self.0
            .iter()
            .map(|e| e.message(lang))
            .collect::<Vec<_>>()
            .join("；")
    }
}

/// Full-width digits, letters and common punctuation to their ASCII forms (what a Chinese IME
/// produces in full-width mode), so `１３８…` is a phone like `138…`.
pub fn normalize_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            other => other,
        })
        .collect()
}

/// A name: trimmed (ASCII and ideographic spaces), non-empty, on one line and without a
/// character the ledger refuses.
pub fn name(field: &'static str, s: &str) -> Result<String, FieldError> {
    let t = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    if let Err(r) = super::safe_text::check(t, super::safe_text::Lines::One) {
        Err(character(field, &r, ""))
    } else if t.is_empty() {
        Err(FieldError::new(field, Problem::Empty))
    } else {
        Ok(t.to_string())
    }
}

/// The error for a refused character in `field` (`stored` names the stored field when `field`
/// is a generic key).
pub fn character(field: &'static str, r: &super::safe_text::Refused, stored: &str) -> FieldError {
    FieldError::new(
        field,
        Problem::Character {
            code: r.code(),
            what: r.what(),
            position: r.position,
            field: stored.to_string(),
        },
    )
}

/// A mainland mobile: 11 digits starting with 1, after normalizing full-width digits and
/// stripping spaces, dashes and a `+86`/`86` prefix.
pub fn mobile(field: &'static str, s: &str) -> Result<String, FieldError> {
    let n = normalize_width(s);
    let mut digits: String = n
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '+'))
        .collect();
    if digits.len() == 13 && digits.starts_with("86") {
        digits.drain(..2);
    }
    if digits.len() == 11 && digits.starts_with('1') && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err(FieldError::new(field, Problem::Mobile))
    }
}

/// An optional mobile: empty stays empty, anything else must be a mobile.
pub fn optional_mobile(field: &'static str, s: &str) -> Result<String, FieldError> {
    if s.trim().is_empty() {
        Ok(String::new())
    } else {
        mobile(field, s)
    }
}

/// What dates a field accepts: none before `floor` (for the reason `why`, a catalog key),
/// and none after today unless the date is a deadline. The one rule behind the store's
/// validation and the forms' live checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRule {
    pub floor: NaiveDate,
    pub why: &'static str,
    pub future: bool,
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

impl DateRule {
    /// Something done within the programme (a service, a slip issued, a report, a receipt, a
    /// meeting). The floor, 2000-01-01, is years before any form of the programme (the
    /// seeds' notices are of 2014 and 2019, and local pilots began in the late 2000s): it never
    /// refuses a real record, and catches `1900-01-01` and a mistyped century (`0226`, `1926`).
    pub fn done() -> DateRule {
        DateRule {
            floor: ymd(2000, 1, 1),
            why: "err.why_programme",
            future: false,
        }
    }

    /// A deadline of the programme (请于…之前报到, a request's due date): may be ahead.
    pub fn deadline() -> DateRule {
        DateRule {
            future: true,
            ..DateRule::done()
        }
    }

    /// 出生年月 of an in-service member: nobody still at work was born before 1920.
    pub fn birth() -> DateRule {
        DateRule {
            floor: ymd(1920, 1, 1),
            why: "err.why_birth",
            future: false,
        }
    }

    /// 入党时间: the Party was founded in July 1921.
    pub fn joined() -> DateRule {
        DateRule {
            floor: ymd(1921, 7, 1),
            why: "err.why_founded",
            future: false,
        }
    }

    /// The same rule, refusing also what comes before `floor` (a report before its slip
    /// was issued), for the reason `why`.
    pub fn not_before(self, floor: Option<NaiveDate>, why: &'static str) -> DateRule {
        match floor {
            Some(f) if f > self.floor => DateRule {
                floor: f,
                why,
                ..self
            },
            _ => self,
        }
    }

    /// `d` as this rule reads it; `shown` is how the date is written in the field
    /// (`1900-01-01`, `1963.04`).
    pub fn check(
        &self,
        field: &'static str,
        d: NaiveDate,
        shown: &dyn std::fmt::Display,
        today: NaiveDate,
    ) -> Result<(), FieldError> {
        if d < self.floor {
            Err(FieldError::new(
                field,
                Problem::BeforeFloor {
                    date: shown.to_string(),
                    floor: self.floor.to_string(),
                    why: self.why,
                },
            ))
        } else if !self.future && d > today {
            Err(FieldError::new(field, Problem::FutureDate(d)))
        } else {
            Ok(())
        }
    }

    /// A year-month read as its first day, so `2026.11` is not in the future in November.
    pub fn check_month(
        &self,
        field: &'static str,
        ym: super::YearMonth,
        today: NaiveDate,
    ) -> Result<(), FieldError> {
        let first = ymd(ym.year, ym.month, 1);
        match self.check(field, first, &ym, today) {
            Err(FieldError {
                problem: Problem::FutureDate(_),
                ..
            }) => Err(FieldError::new(field, Problem::FutureMonth(ym.to_string()))),
            other => other,
        }
    }
}

/// A date that has already happened within the programme (a service, a report, a receipt).
pub fn past_date(field: &'static str, d: NaiveDate, today: NaiveDate) -> Result<(), FieldError> {
    DateRule::done().check(field, d, &d, today)
}

/// Hours kept as half-hours so that sums are exact: `Hours(3)` is 1.5 hours.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Hours(pub u16);

impl Hours {
    /// The longest one member can serve in one day.
    pub const DAY_MAX: Hours = Hours(48);

    pub fn from_f64(h: f64) -> Result<Hours, Problem> {
        if !h.is_finite() || h <= 0.0 {
            return Err(Problem::HoursNotPositive);
        }
        let halves = h * 2.0;
        if (halves - halves.round()).abs() > 1e-9 {
            return Err(Problem::HoursNotHalfStep);
        }
        if halves > Hours::DAY_MAX.0 as f64 {
            return Err(Problem::HoursOverDay {
                day_total_half_hours: halves as u32,
            });
        }
        Ok(Hours(halves.round() as u16))
    }

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 2.0
    }

    pub fn halves(self) -> u32 {
        self.0 as u32
    }
}

impl std::fmt::Display for Hours {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.is_multiple_of(2) {
            write!(f, "{}", self.0 / 2)
        } else {
            write!(f, "{}.5", self.0 / 2)
        }
    }
}

/// Half-hours summed over many records (a year's total can exceed `u16`).
pub fn format_halves(halves: u64) -> String {
    if halves.is_multiple_of(2) {
        format!("{}", halves / 2)
    } else {
        format!("{}.5", halves / 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobile_normalizes_and_rejects() {
        assert_eq!(
            mobile("field.mobile", "１３８ 1234-5678").as_deref(),
            Ok("13812345678")
        );
        assert_eq!(
            mobile("field.mobile", "+86 138 1234 5678").as_deref(),
            Ok("13812345678")
        );
        for bad in [
            "",
            "2381234567",
            "1381234567",
            "138123456789",
            "1381234567x",
        ] {
            let e = mobile("field.mobile", bad).unwrap_err();
            assert_eq!(e.field, "field.mobile");
            assert!(
                e.message(Lang::Zh).starts_with("手机"),
                "{}",
                e.message(Lang::Zh)
            );
            assert!(
                e.message(Lang::En).starts_with("Mobile"),
                "{}",
                e.message(Lang::En)
            );
        }
    }

    #[test]
    fn names_are_trimmed_and_non_empty() {
        assert_eq!(name("field.name", "　曾国华 ").as_deref(), Ok("曾国华"));
        assert_eq!(
            name("field.name", "  ").unwrap_err().problem,
            Problem::Empty
        );
    }

    #[test]
    fn hours_in_half_steps_up_to_a_day() {
        assert_eq!(Hours::from_f64(1.5), Ok(Hours(3)));
        assert_eq!(Hours::from_f64(0.0), Err(Problem::HoursNotPositive));
        assert_eq!(Hours::from_f64(-1.0), Err(Problem::HoursNotPositive));
        assert_eq!(Hours::from_f64(1.2), Err(Problem::HoursNotHalfStep));
        assert!(matches!(
            Hours::from_f64(24.5),
            Err(Problem::HoursOverDay { .. })
        ));
        assert_eq!(Hours::from_f64(24.0), Ok(Hours(48)));
        assert_eq!(Hours(3).to_string(), "1.5");
        assert_eq!(format_halves(7), "3.5");
    }

    #[test]
    fn future_dates_are_refused() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
        let tomorrow = today.succ_opt().unwrap_or(today);
        assert!(past_date("field.date", today, today).is_ok());
        let e = past_date("field.date", tomorrow, today).unwrap_err();
        assert!(e.message(Lang::Zh).contains("2026-11-23"));
    }
}
