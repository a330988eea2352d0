//! What the reports view asks of the runtime ([`Work`]) and what comes back ([`Done`]): pure
//! data, carried out against the ledger by `runtime::reports`.

use std::path::PathBuf;

use crate::domain::Id;
use crate::report::Report;
use crate::report::forms::parts::Part;
use crate::report::forms::{Filter, Form};

/// What a form is limited to (the report's [`Filter`], comparable whole).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    pub community: Option<Id>,
    pub unit: Option<Id>,
    pub member: Option<Id>,
    pub year: i32,
}

impl Scope {
    /// The report's filter for this scope.
    pub fn filter(self) -> Filter {
        Filter {
            community: self.community,
            unit: self.unit,
            member: self.member,
            year: Some(self.year),
            ..Filter::default()
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Txt,
    Csv,
    Xlsx,
    Pdf,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Txt, Format::Csv, Format::Xlsx, Format::Pdf];

    pub fn ext(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Pdf => "pdf",
        }
    }

    /// Formats laid out on A4 pages.
    pub fn printed(self) -> bool {
        matches!(self, Format::Xlsx | Format::Pdf)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Work {
    Build {
        form: Form,
        scope: Scope,
    },
    Export {
        form: Form,
        scope: Scope,
        format: Format,
        dir: PathBuf,
    },
    /// Parts of a form built in parts (the whole ledger's), by their place in its list.
    Parts {
        form: Form,
        scope: Scope,
        parts: Vec<(usize, Part)>,
    },
    /// The units to pick from: those of the community's members, or every unit.
    Units {
        community: Option<Id>,
    },
}

/// A unit to pick, with its members in the community when one is chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitLine {
    pub id: Id,
    pub name: String,
    pub members: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Done {
    Built {
        form: Form,
        scope: Scope,
        /// The form; the screen lays it out as text with personal data shown by the rule.
        report: Report,
        /// A4 pages the PDF (and the XLSX printed) will have.
        pages: usize,
    },
    /// A form for the whole ledger, to be shown in parts: the parts, in order.
    InParts {
        form: Form,
        scope: Scope,
        parts: Vec<Part>,
    },
    /// Parts of it built, by their place in its list.
    PartsBuilt {
        form: Form,
        scope: Scope,
        built: Vec<(usize, Report)>,
    },
    Exported(PathBuf),
    Units(Vec<UnitLine>),
}
