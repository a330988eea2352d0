//! Plain types of the ledger: ids, entities, validation and the year's rules.
//! Imports no redb, ratatui or crossterm.
pub mod audit;
pub mod choice;
pub mod community;
pub mod community_tally;
pub mod demand;
pub mod doubt;
pub mod evaluation;
pub mod id;
pub mod member;
pub mod pairing;
pub mod record;
pub mod registration;
pub mod rules;
pub mod safe_text;
pub mod service;
pub mod settings;
pub mod text_scan;
pub mod totals;
pub mod unit;
pub mod unit_tally;
pub mod validate;
pub mod yearmonth;

pub use audit::AuditEntry;
pub use choice::Choice;
pub use community::{Community, JointMeeting, Post, Team, TeamBasis};
pub use community_tally::{CommunityTally, CommunityYear, RegDates};
pub use demand::{Demand, DemandEvent, DemandKind, DemandStatus, DispatchTarget};
pub use evaluation::{Evaluation, Grade, YearClosure};
pub use id::Id;
pub use member::{Gender, Member, Standing};
pub use pairing::{Household, HouseholdKind, Pairing, Suggestion, SuggestionOutcome};
pub use record::{Kind, Record};
pub use registration::{RegStatus, Registration};
pub use service::{
    Activity, ActivityKind, Certification, CertifierRole, Rating, ServiceKind, ServiceRecord,
};
pub use settings::{PointsFormula, Settings};
pub use totals::{TotalsBuilder, YearTotals};
pub use unit::{Unit, UnitKind, UnitService};
pub use unit_tally::{ReportState, UnitTally, UnitYear, unit_position};
pub use validate::{FieldError, Hours, Invalid, Problem};
pub use yearmonth::YearMonth;
