//! Typed rows of the 台账 of residents' needs: [`DemandRow`] (三单制 居民点单 and 微心愿,
//! with their state and who took them), [`PairingRow`] (结对帮扶: a household and its member)
//! and [`VisitRow`] (走访记录). A row's state must hold together (a done request names the
//! member who did it and when); names are matched to the ledger by the importer.
use chrono::NaiveDate;

use super::error::ValueError;
use super::rows::{Fields, Imported, parse_sheet, person_name};
use super::rows_history::{Who, choice, required_date};
use super::schemas;
use super::values::{
    Hours, Rating, parse_date, parse_hours, parse_mobile, parse_phone, parse_rating,
};
use crate::domain::{Choice, DemandKind, DemandStatus, HouseholdKind};
use crate::i18n::Lang;

/// A row of a 三单制 or 微心愿 sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct DemandRow {
    pub community: Option<String>,
    pub kind: DemandKind,
    pub requester: String,
    pub contact: Option<String>,
    pub content: String,
    pub asked_on: NaiveDate,
    pub due: Option<NaiveDate>,
    /// As written, or read from the other cells (a done date → done, a taker → accepted).
    pub status: DemandStatus,
    pub dispatched_to: Option<String>,
    /// The member who took it (接单人), told from namesakes by their own mobile or unit.
    pub taker: Option<Who>,
    pub done_on: Option<NaiveDate>,
    pub hours: Option<Hours>,
    pub cancel_reason: Option<String>,
}

const STATUS_ALIASES: &[(&str, DemandStatus)] = &[
    ("待派单", DemandStatus::Open),
    ("未派单", DemandStatus::Open),
    ("待接单", DemandStatus::Open),
    ("未接单", DemandStatus::Open),
    ("待办", DemandStatus::Open),
    ("派单", DemandStatus::Dispatched),
    ("接单", DemandStatus::Accepted),
    ("已认领", DemandStatus::Accepted),
    ("办理中", DemandStatus::Accepted),
    ("进行中", DemandStatus::Accepted),
    ("完成", DemandStatus::Done),
    ("办结", DemandStatus::Done),
    ("已办结", DemandStatus::Done),
    ("已实现", DemandStatus::Done),
    ("已兑现", DemandStatus::Done),
    ("取消", DemandStatus::Cancelled),
    ("已撤销", DemandStatus::Cancelled),
];

const KIND_ALIASES: &[(&str, DemandKind)] = &[
    ("点单", DemandKind::Menu),
    ("三单制", DemandKind::Menu),
    ("居民需求", DemandKind::Menu),
    ("心愿", DemandKind::Wish),
];

pub fn demands(grid: &super::grid::Grid, lang: Lang) -> Imported<DemandRow> {
    parse_sheet(grid, &schemas::DEMANDS, lang, |f| {
        // A sheet headed 心愿内容 or 许愿人 is a list of 微心愿 unless a row says otherwise.
        let wish_sheet = ["content", "requester"]
            .iter()
            .any(|k| f.rec.column(k).contains("心愿") || f.rec.column(k).contains("许愿"));
        let kind = choice(f, "kind", KIND_ALIASES).unwrap_or(if wish_sheet {
            DemandKind::Wish
        } else {
            DemandKind::Menu
        });
        let requester = person_name(&f.required("requester"));
        let content = f.required("content");
        let asked_on = required_date(f, "date");
        let taker = f.text("taker").map(|name| Who {
            name: person_name(&name),
            mobile: f.typed("taker_mobile", parse_mobile),
            unit: f.text("taker_unit"),
            community: None,
        });
        let dispatched_to = f.text("dispatched_to");
        let done_on = f.typed("done_on", parse_date);
        let cancel_reason = f.text("cancel_reason");
        let written = choice(f, "status", STATUS_ALIASES);
        let status = written.unwrap_or(match (&done_on, &taker, &dispatched_to) {
            (Some(_), Some(_), _) => DemandStatus::Done,
            (_, Some(_), _) => DemandStatus::Accepted,
            (_, _, Some(_)) => DemandStatus::Dispatched,
            _ => DemandStatus::Open,
        });
        let label = status.label(lang).to_string();
        let needs = |f: &mut Fields<'_>, key: &str, msg: &'static str| {
            f.report(key, &ValueError::new(msg, label.clone()));
        };
        match status {
            DemandStatus::Open if taker.is_some() => {
                needs(f, "taker", "import.value.demand_open_taker")
            }
            DemandStatus::Dispatched if dispatched_to.is_none() && taker.is_none() => {
                needs(f, "dispatched_to", "import.value.demand_needs_target")
            }
            DemandStatus::Accepted | DemandStatus::Done if taker.is_none() => {
                needs(f, "taker", "import.value.demand_needs_taker")
            }
            DemandStatus::Cancelled if cancel_reason.is_none() => {
                needs(f, "cancel_reason", "import.value.demand_needs_reason")
            }
            _ => {}
        }
        // A done date that does not parse is reported by the date parser already.
        if status == DemandStatus::Done && f.rec.get("done_on").is_empty() {
            needs(f, "done_on", "import.value.demand_needs_done_on");
        }
        if let Some(done) = done_on
            && asked_on != NaiveDate::MIN
            && done < asked_on
        {
            let e = ValueError {
                key: "import.value.done_before_asked",
                args: vec![done.to_string(), asked_on.to_string()],
            };
            f.report("done_on", &e);
        }
        DemandRow {
            community: f.text("community"),
            kind,
            requester,
            contact: f.typed("contact", parse_phone),
            content,
            asked_on,
            due: f.typed("due", parse_date),
            status,
            dispatched_to,
            taker,
            done_on,
            hours: f.typed("hours", parse_hours),
            cancel_reason,
        }
    })
}

/// A row of a 结对帮扶 sheet: the household, and the member paired with it.
#[derive(Debug, Clone, PartialEq)]
pub struct PairingRow {
    pub community: Option<String>,
    pub household: String,
    pub household_kind: Option<HouseholdKind>,
    pub address: Option<String>,
    pub contact: Option<String>,
    pub who: Who,
    pub plan: Option<String>,
    pub since: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub note: Option<String>,
}

pub fn pairings(grid: &super::grid::Grid, lang: Lang) -> Imported<PairingRow> {
    parse_sheet(grid, &schemas::PAIRINGS, lang, |f| PairingRow {
        community: f.text("community"),
        household: person_name(&f.required("household")),
        household_kind: choice(
            f,
            "household_kind",
            &[
                ("空巢", HouseholdKind::EmptyNest),
                ("独居老人", HouseholdKind::EmptyNest),
                ("留守", HouseholdKind::LeftBehind),
                ("失独", HouseholdKind::Bereaved),
                ("残疾", HouseholdKind::Disabled),
                ("残疾人家庭", HouseholdKind::Disabled),
                ("困难户", HouseholdKind::Poor),
                ("低保户", HouseholdKind::Poor),
            ],
        ),
        address: f.text("address"),
        contact: f.typed("contact", parse_phone),
        who: Who {
            name: person_name(&f.required("name")),
            mobile: f.typed("mobile", parse_mobile),
            unit: f.text("unit"),
            community: None,
        },
        plan: f.text("plan"),
        since: required_date(f, "since"),
        ended_on: f.typed("ended_on", parse_date),
        note: f.text("note"),
    })
}

/// A visit to a paired household (走访记录).
#[derive(Debug, Clone, PartialEq)]
pub struct VisitRow {
    pub community: Option<String>,
    pub household: String,
    /// The visiting member; a household with one paired member may leave it out.
    pub who: Option<Who>,
    pub date: NaiveDate,
    pub content: String,
    pub place: Option<String>,
    pub hours: Option<Hours>,
    pub rating: Option<Rating>,
    pub certified_by: Option<String>,
}

pub fn visits(grid: &super::grid::Grid, lang: Lang) -> Imported<VisitRow> {
    parse_sheet(grid, &schemas::VISITS, lang, |f| {
        let who = f.text("name").map(|name| Who {
            name: person_name(&name),
            mobile: f.typed("mobile", parse_mobile),
            unit: f.text("unit"),
            community: None,
        });
        VisitRow {
            community: f.text("community"),
            household: person_name(&f.required("household")),
            who,
            date: required_date(f, "date"),
            content: f.required("content"),
            place: f.text("place"),
            hours: f.typed("hours", parse_hours),
            rating: f.typed("rating", parse_rating),
            certified_by: f.text("certified_by"),
        }
    })
}
