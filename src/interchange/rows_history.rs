//! Typed rows of the rest of the 台账: [`SuggestionRow`] (意见建议), [`ActivityRow`] (活动
//! and who attended), [`PostRow`] (岗位), [`TeamRow`] (志愿服务队) and [`EvaluationRow`]
//! (past years' 民主评议), [`UnitServiceRow`] (单位到社区服务) and [`MeetingRow`] (联席会). As in [`super::rows`], values are checked here, names are
//! matched to the ledger by the importer.
use chrono::NaiveDate;

use super::error::ValueError;
use super::grid::{Grid, Value};
use super::rows::{Fields, Imported, parse_sheet, person_name, split_list};
use super::schemas;
use super::values::{Hours, parse_count, parse_date, parse_hours, parse_mobile, text_of};
use crate::domain::{ActivityKind, Choice, Grade, SuggestionOutcome, TeamBasis};
use crate::i18n::Lang;

/// Who a row is about, as the file names them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Who {
    pub name: String,
    pub mobile: Option<String>,
    pub unit: Option<String>,
    pub community: Option<String>,
}

fn who(f: &mut Fields<'_>) -> Who {
    Who {
        name: person_name(&f.required("name")),
        mobile: f.typed("mobile", parse_mobile),
        unit: f.text("unit"),
        community: f.text("community"),
    }
}

/// A date that must be there.
pub(super) fn required_date(f: &mut Fields<'_>, key: &str) -> NaiveDate {
    if f.rec.get(key).is_empty() {
        f.report(key, &ValueError::new("import.value.required", ""));
        return NaiveDate::MIN;
    }
    f.typed(key, parse_date).unwrap_or(NaiveDate::MIN)
}

/// A closed-list cell (采纳/转办/办结, 优秀/合格 …): a label in either language.
pub(super) fn choice<C: Choice>(f: &mut Fields<'_>, key: &str, aliases: &[(&str, C)]) -> Option<C> {
    let s = f.text(key)?;
    if let Some(c) = C::parse(&s).or_else(|| aliases.iter().find(|(a, _)| *a == s).map(|p| p.1)) {
        return Some(c);
    }
    let labels: Vec<&str> = C::ALL.iter().map(|c| c.label(Lang::Zh)).collect();
    let e = ValueError {
        key: "import.value.one_of",
        args: vec![s, labels.join("、")],
    };
    f.report(key, &e);
    None
}

/// A row of 意见建议.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestionRow {
    pub who: Who,
    pub date: NaiveDate,
    pub content: String,
    pub outcome: Option<SuggestionOutcome>,
}

pub fn suggestions(grid: &Grid, lang: Lang) -> Imported<SuggestionRow> {
    parse_sheet(grid, &schemas::SUGGESTIONS, lang, |f| SuggestionRow {
        who: who(f),
        date: required_date(f, "date"),
        content: f.required("content"),
        outcome: choice(
            f,
            "outcome",
            &[
                ("已采纳", SuggestionOutcome::Adopted),
                ("已转办", SuggestionOutcome::Referred),
                ("已办结", SuggestionOutcome::Closed),
            ],
        ),
    })
}

/// A row of an activities sheet: the activity, and the attendees it names (a 参加人员 list,
/// or the one person of a one-row-per-attendee sheet).
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityRow {
    pub title: String,
    pub date: NaiveDate,
    pub place: Option<String>,
    pub kind: Option<ActivityKind>,
    pub hours: Option<Hours>,
    pub community: Option<String>,
    pub attendees: Vec<String>,
    pub mobile: Option<String>,
    pub unit: Option<String>,
}

pub fn activities(grid: &Grid, lang: Lang) -> Imported<ActivityRow> {
    parse_sheet(grid, &schemas::ACTIVITIES, lang, |f| {
        let mut attendees: Vec<String> = f
            .text("attendees")
            .map(|s| split_list(&s).iter().map(|n| person_name(n)).collect())
            .unwrap_or_default();
        if let Some(n) = f.text("name") {
            attendees.push(person_name(&n));
        }
        if attendees.is_empty() {
            f.report("attendees", &ValueError::new("import.value.attendees", ""));
        }
        ActivityRow {
            title: f.required("title"),
            date: required_date(f, "date"),
            place: f.text("place"),
            kind: choice(
                f,
                "kind",
                &[
                    ("主题", ActivityKind::Theme),
                    ("统一活动", ActivityKind::UnifiedDay),
                    ("其他", ActivityKind::Other),
                ],
            ),
            hours: f.typed("hours", parse_hours),
            community: f.text("community"),
            attendees,
            mobile: f.typed("mobile", parse_mobile),
            unit: f.text("unit"),
        }
    })
}

/// A 岗位 of a community.
#[derive(Debug, Clone, PartialEq)]
pub struct PostRow {
    pub community: Option<String>,
    pub name: String,
    pub duties: Option<String>,
    pub time: Option<String>,
    pub place: Option<String>,
}

pub fn posts(grid: &Grid, lang: Lang) -> Imported<PostRow> {
    parse_sheet(grid, &schemas::POSTS, lang, |f| PostRow {
        community: f.text("community"),
        name: f.required("name"),
        duties: f.text("duties"),
        time: f.text("time"),
        place: f.text("place"),
    })
}

/// A 志愿服务队 of a community.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamRow {
    pub community: Option<String>,
    pub name: String,
    pub basis: Option<TeamBasis>,
}

pub fn teams(grid: &Grid, lang: Lang) -> Imported<TeamRow> {
    parse_sheet(grid, &schemas::TEAMS, lang, |f| TeamRow {
        community: f.text("community"),
        name: f.required("name"),
        basis: choice(
            f,
            "basis",
            &[
                ("地缘型", TeamBasis::Place),
                ("业缘型", TeamBasis::Trade),
                ("趣缘型", TeamBasis::Interest),
            ],
        ),
    })
}

/// A past year's 民主评议 result.
#[derive(Debug, Clone, PartialEq)]
pub struct EvaluationRow {
    pub who: Who,
    pub year: i32,
    pub grade: Option<Grade>,
    pub comment: Option<String>,
    pub disqualified: Option<String>,
    pub evaluated_on: Option<NaiveDate>,
}

/// 年度: `2024`, `2024年`, `2024年度`.
fn parse_year(v: &Value) -> Result<i32, ValueError> {
    let s = text_of(v);
    let digits = s.trim_end_matches('度').trim_end_matches('年');
    match parse_count(&Value::Text(digits.to_string())) {
        Ok(y) if (1990..=2100).contains(&y) => Ok(y as i32),
        _ => Err(ValueError::new("import.value.year", s)),
    }
}

pub fn evaluations(grid: &Grid, lang: Lang) -> Imported<EvaluationRow> {
    parse_sheet(grid, &schemas::EVALUATIONS, lang, |f| {
        let who = who(f);
        let year = if f.rec.get("year").is_empty() {
            f.report("year", &ValueError::new("import.value.required", ""));
            0
        } else {
            f.typed("year", parse_year).unwrap_or(0)
        };
        if f.rec.get("grade").is_empty() {
            f.report("grade", &ValueError::new("import.value.required", ""));
        }
        let disqualified = f
            .text("disqualified")
            .filter(|s| !matches!(s.as_str(), "否" | "无" | "不取消"));
        EvaluationRow {
            who,
            year,
            grade: choice(
                f,
                "grade",
                &[("基本称职", Grade::Basic), ("称职", Grade::Qualified)],
            ),
            comment: f.text("comment"),
            disqualified,
            evaluated_on: f.typed("evaluated_on", parse_date),
        }
    })
}

/// A unit's service to a community (单位到社区服务).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitServiceRow {
    pub unit: String,
    pub community: Option<String>,
    pub date: NaiveDate,
    pub content: String,
    pub participants: Option<u32>,
}

pub fn unit_services(grid: &Grid, lang: Lang) -> Imported<UnitServiceRow> {
    parse_sheet(grid, &schemas::UNIT_SERVICES, lang, |f| UnitServiceRow {
        unit: f.required("unit"),
        community: f.text("community"),
        date: required_date(f, "date"),
        content: f.required("content"),
        participants: f.typed("participants", parse_count),
    })
}

/// A 联席会 and the units present.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingRow {
    pub community: Option<String>,
    pub date: NaiveDate,
    pub topics: String,
    /// Split on 、，,；; and line breaks.
    pub units: Vec<String>,
}

pub fn meetings(grid: &Grid, lang: Lang) -> Imported<MeetingRow> {
    parse_sheet(grid, &schemas::MEETINGS, lang, |f| MeetingRow {
        community: f.text("community"),
        date: required_date(f, "date"),
        topics: f.required("topics"),
        units: f.text("units").map(|s| split_list(&s)).unwrap_or_default(),
    })
}
