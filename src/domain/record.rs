//! Any stored record, as one enum: what the audit log, undo, bundles and `check` handle
//! without caring which entity it is.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::*;

/// Every entity kind, with the name used in the audit log and bundles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Kind {
    Community,
    Unit,
    Member,
    Registration,
    Post,
    Service,
    Activity,
    Demand,
    Household,
    Pairing,
    Suggestion,
    Meeting,
    UnitService,
    Evaluation,
    Closure,
}

impl Kind {
    pub const ALL: [Kind; 15] = [
        Kind::Community,
        Kind::Unit,
        Kind::Member,
        Kind::Registration,
        Kind::Post,
        Kind::Service,
        Kind::Activity,
        Kind::Demand,
        Kind::Household,
        Kind::Pairing,
        Kind::Suggestion,
        Kind::Meeting,
        Kind::UnitService,
        Kind::Evaluation,
        Kind::Closure,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Community => "community",
            Kind::Unit => "unit",
            Kind::Member => "member",
            Kind::Registration => "registration",
            Kind::Post => "post",
            Kind::Service => "service",
            Kind::Activity => "activity",
            Kind::Demand => "demand",
            Kind::Household => "household",
            Kind::Pairing => "pairing",
            Kind::Suggestion => "suggestion",
            Kind::Meeting => "meeting",
            Kind::UnitService => "unit-service",
            Kind::Evaluation => "evaluation",
            Kind::Closure => "closure",
        }
    }
}

/// One record of any kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "record", rename_all = "kebab-case")]
pub enum Record {
    Community(Community),
    Unit(Unit),
    Member(Member),
    Registration(Registration),
    Post(Post),
    Service(ServiceRecord),
    Activity(Activity),
    Demand(Demand),
    Household(Household),
    Pairing(Pairing),
    Suggestion(Suggestion),
    Meeting(JointMeeting),
    UnitService(UnitService),
    Evaluation(Evaluation),
    Closure(YearClosure),
}

macro_rules! each {
    ($self:expr, $r:ident => $e:expr) => {
        match $self {
            Record::Community($r) => $e,
            Record::Unit($r) => $e,
            Record::Member($r) => $e,
            Record::Registration($r) => $e,
            Record::Post($r) => $e,
            Record::Service($r) => $e,
            Record::Activity($r) => $e,
            Record::Demand($r) => $e,
            Record::Household($r) => $e,
            Record::Pairing($r) => $e,
            Record::Suggestion($r) => $e,
            Record::Meeting($r) => $e,
            Record::UnitService($r) => $e,
            Record::Evaluation($r) => $e,
            Record::Closure($r) => $e,
        }
    };
}

impl Record {
    pub fn id(&self) -> Id {
        each!(self, r => r.id)
    }

    pub fn kind(&self) -> Kind {
        match self {
            Record::Community(_) => Kind::Community,
            Record::Unit(_) => Kind::Unit,
            Record::Member(_) => Kind::Member,
            Record::Registration(_) => Kind::Registration,
            Record::Post(_) => Kind::Post,
            Record::Service(_) => Kind::Service,
            Record::Activity(_) => Kind::Activity,
            Record::Demand(_) => Kind::Demand,
            Record::Household(_) => Kind::Household,
            Record::Pairing(_) => Kind::Pairing,
            Record::Suggestion(_) => Kind::Suggestion,
            Record::Meeting(_) => Kind::Meeting,
            Record::UnitService(_) => Kind::UnitService,
            Record::Evaluation(_) => Kind::Evaluation,
            Record::Closure(_) => Kind::Closure,
        }
    }

    /// Validates and normalizes the record in place (trimmed names, normalized phones).
    pub fn validate(&mut self, today: NaiveDate) -> Result<(), Invalid> {
        let errs = match self {
            Record::Community(r) => r.validate(),
            Record::Unit(r) => r.validate(),
            Record::Member(r) => r.validate(today),
            Record::Registration(r) => r.validate(today),
            Record::Post(r) => r.validate(),
            Record::Service(r) => r.validate(today),
            Record::Activity(r) => r.validate(today),
            Record::Demand(r) => r.validate(today),
            Record::Household(r) => r.validate(),
            Record::Pairing(r) => r.validate(today),
            Record::Suggestion(r) => r.validate(today),
            Record::Meeting(r) => r.validate(today),
            Record::UnitService(r) => r.validate(today),
            Record::Evaluation(_) | Record::Closure(_) => Vec::new(),
        };
        let mut errs = errs;
        if errs.is_empty() {
            errs.extend(self.refused_text());
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(Invalid(errs))
        }
    }

    /// The first text anywhere in the record holding a character the ledger refuses: the
    /// backstop behind every entry point, so no path into the store can bypass the rule.
    /// Multi-line is allowed here; the one-line fields are held to one line by their own
    /// validators.
    pub fn refused_text(&self) -> Option<FieldError> {
        fn walk(v: &serde_json::Value, at: &str) -> Option<FieldError> {
            match v {
                serde_json::Value::String(s) => safe_text::check(s, safe_text::Lines::Many)
                    .err()
                    .map(|r| super::validate::character("field.text", &r, at)),
                serde_json::Value::Array(a) => a.iter().find_map(|x| walk(x, at)),
                serde_json::Value::Object(o) => o.iter().find_map(|(k, x)| walk(x, k)),
                _ => None,
            }
        }
        // Most records hold no refused text: a scan of their strings says so without
        // building the JSON tree, which only a refusal needs (for the field it names).
        if !super::text_scan::any_refused(self) {
            return None;
        }
        walk(&serde_json::to_value(self).ok()?, "")
    }

    /// The record as one line of JSON (for the audit log and bundles).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

macro_rules! from_entity {
    ($($t:ty => $v:ident),+ $(,)?) => {
        $(impl From<$t> for Record {
            fn from(r: $t) -> Record { Record::$v(r) }
        })+
    };
}

from_entity!(
    Community => Community,
    Unit => Unit,
    Member => Member,
    Registration => Registration,
    Post => Post,
    ServiceRecord => Service,
    Activity => Activity,
    Demand => Demand,
    Household => Household,
    Pairing => Pairing,
    Suggestion => Suggestion,
    JointMeeting => Meeting,
    UnitService => UnitService,
    Evaluation => Evaluation,
    YearClosure => Closure,
);
