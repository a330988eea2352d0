//! `baodao check`: redb's own integrity check, then the ledger's: every row decodes, every
//! reference resolves, every index row matches its record, every running total equals its rows.
//!
//! The check never writes the file, and finds the same for a reviewer's read-only handle as for
//! a clerk's: redb's check runs on a [`super::scratch::ScratchCopy`] of the commit the check's
//! snapshot holds. A file that fails it is reported damaged and its rows are not read (redb may
//! panic on a damaged page it was not asked to verify).
use std::collections::HashMap;

use redb::{ReadableTable, ReadableTableMetadata, TableHandle};

use super::codec::decode;
use super::entity::{IndexEntry, Stored, indexes_of};
use super::scratch::{self, ScratchCopy};
use super::tables::*;
use super::{Ledger, StoreError, View};
use crate::domain::*;

/// What `check` found; empty `problems` means the ledger is sound.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub rows: u64,
    pub problems: Vec<String>,
    /// redb's check failed: the file itself is damaged (the problems say how).
    pub damaged: bool,
    /// A bulk job (`"demo"`) stopped part way: its derived data is not all there.
    pub unfinished: Option<String>,
}

impl Ledger {
    /// Checks the file and the ledger. Storage failures are errors; findings are in the report.
    /// Writes nothing (`&mut` only keeps the ledger's other users out meanwhile).
    pub fn check(&mut self) -> Result<CheckReport, StoreError> {
        let mut report = CheckReport::default();
        let (header, view) = scratch::pinned_header(&self.path, || self.view())?;
        if let Err(why) = file_integrity(&self.path, header) {
            report.problems.push(format!("redb: {why}"));
            report.damaged = true;
            return Ok(report);
        }
        let mut checker = Checker {
            view: &view,
            report,
            expected: HashMap::new(),
        };
        checker.records()?;
        checker.index_counts()?;
        // A job stopped part way has written records but not yet their totals and tallies:
        // the mark says so, and comparing them would only list its missing parts.
        let unfinished = view.unfinished()?;
        if let Some(job) = &unfinished {
            checker.report.unfinished = Some(job.clone());
            checker.problem(format!("unfinished: `{job}` stopped part way"));
        } else {
            checker.totals()?;
            checker.unit_tallies()?;
            checker.community_tallies()?;
        }
        checker.search_docs()?;
        checker.search_snapshot()?;
        Ok(checker.report)
    }
}

struct Checker<'v> {
    view: &'v View,
    report: CheckReport,
    /// Expected number of rows per index table.
    expected: HashMap<String, u64>,
}

impl Checker<'_> {
    fn problem(&mut self, s: String) {
        // A damaged ledger can have millions of findings; the first thousand say enough.
        if self.report.problems.len() < 1000 {
            self.report.problems.push(s);
        }
    }

    fn exists<E: Stored>(&self, id: Id) -> Result<bool, StoreError> {
        Ok(self.view.get::<E>(id)?.is_some())
    }

    fn refer<E: Stored>(&mut self, from: &Record, id: Id, what: &str) -> Result<(), StoreError> {
        if !self.exists::<E>(id)? {
            let s = format!(
                "{} {}: {what} {} does not exist",
                from.kind().name(),
                from.id(),
                id
            );
            self.problem(s);
        }
        Ok(())
    }

    fn records(&mut self) -> Result<(), StoreError> {
        self.kind::<Community>()?;
        self.kind::<Unit>()?;
        self.kind::<Member>()?;
        self.kind::<Registration>()?;
        self.kind::<Post>()?;
        self.kind::<ServiceRecord>()?;
        self.kind::<Activity>()?;
        self.kind::<Demand>()?;
        self.kind::<Household>()?;
        self.kind::<Pairing>()?;
        self.kind::<Suggestion>()?;
        self.kind::<JointMeeting>()?;
        self.kind::<UnitService>()?;
        self.kind::<Evaluation>()?;
        self.kind::<YearClosure>()
    }

    fn kind<E: Stored>(&mut self) -> Result<(), StoreError> {
        let table = self.view.txn.open_table(E::TABLE)?;
        for entry in table.iter()? {
            let (k, v) = entry?;
            self.report.rows += 1;
            let key = Id(k.value());
            let rec: Record = match decode::<E>(v.value(), E::TABLE.name(), &key.to_string()) {
                Ok(e) => e.into(),
                Err(e) => {
                    self.problem(e.to_string());
                    continue;
                }
            };
            if rec.id() != key {
                self.problem(format!(
                    "{} row {key} holds id {}",
                    E::TABLE.name(),
                    rec.id()
                ));
            }
            self.references(&rec)?;
            for ie in indexes_of(&rec) {
                self.index_entry(&rec, ie)?;
            }
        }
        Ok(())
    }

    fn index_entry(&mut self, rec: &Record, ie: IndexEntry) -> Result<(), StoreError> {
        let (name, present) = match ie {
            IndexEntry::Pair(def, a, b) => {
                // A file from before an index (schema 5 has no archived index) is checked
                // without it.
                let Some(table) = super::read::open_if_exists(&self.view.txn, def)? else {
                    return Ok(());
                };
                (def.name().to_string(), table.get((a, b))?.is_some())
            }
            IndexEntry::Dated(def, a, d, b) => (
                def.name().to_string(),
                self.view.txn.open_table(def)?.get((a, d, b))?.is_some(),
            ),
        };
        *self.expected.entry(name.clone()).or_default() += 1;
        if !present {
            self.problem(format!(
                "{name}: missing the entry of {} {}",
                rec.kind().name(),
                rec.id()
            ));
        }
        Ok(())
    }

    fn references(&mut self, rec: &Record) -> Result<(), StoreError> {
        match rec {
            Record::Member(m) => {
                match m.community {
                    Some(c) => self.refer::<Community>(rec, c, "community")?,
                    None if !m.archived => self.problem(format!(
                        "member {} {}: in no community (no list shows them; find them with \
                         search in the program and give them one, or archive them)",
                        m.name, m.id
                    )),
                    None => {}
                }
                if let Some(u) = m.unit {
                    self.refer::<Unit>(rec, u, "unit")?;
                }
            }
            Record::Unit(u) => {
                if let Some(c) = u.paired_community {
                    self.refer::<Community>(rec, c, "paired community")?;
                }
            }
            Record::Registration(r) => {
                self.refer::<Member>(rec, r.member, "member")?;
                self.refer::<Community>(rec, r.community, "community")?;
                for p in &r.posts {
                    self.refer::<Post>(rec, *p, "post")?;
                }
            }
            Record::Post(p) => self.refer::<Community>(rec, p.community, "community")?,
            Record::Service(s) => {
                self.refer::<Member>(rec, s.member, "member")?;
                self.refer::<Community>(rec, s.community, "community")?;
                if let Some(a) = s.activity {
                    self.refer::<Activity>(rec, a, "activity")?;
                }
                if let Some(d) = s.demand {
                    self.refer::<Demand>(rec, d, "demand")?;
                }
                if let Some(h) = s.household {
                    self.refer::<Household>(rec, h, "household")?;
                    // The rule the store keeps on every save (`Pairing::covers`).
                    let paired = self
                        .view
                        .pairings_of_household(h)?
                        .iter()
                        .any(|p| p.covers(s.member, s.date));
                    if !paired && !s.archived {
                        self.problem(format!(
                            "service {}: a visit to household {h} on {} by member {}, \
                             who was not paired with it that day",
                            s.id, s.date, s.member
                        ));
                    }
                }
            }
            Record::Activity(a) => self.refer::<Community>(rec, a.community, "community")?,
            Record::Demand(d) => {
                self.refer::<Community>(rec, d.community, "community")?;
                if let Some(m) = d.accepted_by {
                    self.refer::<Member>(rec, m, "accepted by")?;
                }
                match &d.target {
                    Some(DispatchTarget::Member(m)) => self.refer::<Member>(rec, *m, "target")?,
                    Some(DispatchTarget::Post(p)) => self.refer::<Post>(rec, *p, "target")?,
                    _ => {}
                }
            }
            Record::Household(h) => self.refer::<Community>(rec, h.community, "community")?,
            Record::Pairing(p) => {
                self.refer::<Member>(rec, p.member, "member")?;
                self.refer::<Household>(rec, p.household, "household")?;
            }
            Record::Suggestion(s) => {
                self.refer::<Member>(rec, s.member, "member")?;
                self.refer::<Community>(rec, s.community, "community")?;
            }
            Record::Meeting(m) => {
                self.refer::<Community>(rec, m.community, "community")?;
                for u in &m.units {
                    self.refer::<Unit>(rec, *u, "unit")?;
                }
            }
            Record::UnitService(u) => {
                self.refer::<Unit>(rec, u.unit, "unit")?;
                self.refer::<Community>(rec, u.community, "community")?;
            }
            Record::Evaluation(e) => {
                self.refer::<Member>(rec, e.member, "member")?;
                self.refer::<Community>(rec, e.community, "community")?;
            }
            Record::Closure(c) => self.refer::<Community>(rec, c.community, "community")?,
            Record::Community(_) => {}
        }
        Ok(())
    }

    /// Each index holds exactly the entries its records expect: all expected ones were found
    /// above, so equal counts mean no stray entries either.
    fn index_counts(&mut self) -> Result<(), StoreError> {
        let mut found = Vec::new();
        for def in super::entity::PAIR_INDEXES {
            if let Some(table) = super::read::open_if_exists(&self.view.txn, def)? {
                found.push((def.name().to_string(), table.len()?));
            }
        }
        for def in super::entity::DATED_INDEXES {
            found.push((
                def.name().to_string(),
                self.view.txn.open_table(def)?.len()?,
            ));
        }
        for (name, len) in found {
            let want = self.expected.get(&name).copied().unwrap_or(0);
            if len != want {
                self.problem(format!("{name}: {len} entries, the records give {want}"));
            }
        }
        Ok(())
    }

    /// One compiled search doc per searchable record.
    fn search_docs(&mut self) -> Result<(), StoreError> {
        let docs = self.view.txn.open_table(SEARCH_DOCS)?.len()?;
        let want = self.view.count::<Community>()?
            + self.view.count::<Unit>()?
            + self.view.count::<Member>()?
            + self.view.count::<Post>()?
            + self.view.count::<Household>()?
            + self.view.count::<Demand>()?;
        if docs != want {
            self.problem(format!(
                "search-docs-v1: {docs} docs, the records give {want}"
            ));
        }
        Ok(())
    }

    /// The stored search snapshot with its journal must hold what the docs hold: a stale one
    /// would make searches miss records. (It is a cache: `baodao search` rebuilds a damaged one.)
    fn search_snapshot(&mut self) -> Result<(), StoreError> {
        if !self.view.has_search_snapshot()? {
            return Ok(());
        }
        match self.view.search_index_from_snapshot()? {
            None => self.problem(format!(
                "{}: damaged; `baodao search` without --read-only stores a new one",
                SEARCH_SNAPSHOT.name()
            )),
            Some((snapshot, _)) => {
                let docs = self.view.search_index()?;
                if let Some(d) = snapshot.first_difference(&docs) {
                    self.problem(format!("{}: {d}", SEARCH_SNAPSHOT.name()));
                }
            }
        }
        Ok(())
    }

    fn unit_tallies(&mut self) -> Result<(), StoreError> {
        let want = self.view.unit_tallies_from_rows(|_| true)?;
        let have = self.view.unit_tallies()?;
        for (unit, tally) in &want {
            if have.get(unit) != Some(tally) {
                self.problem(format!(
                    "{}: unit {unit} holds {:?}, the rows give {tally:?}",
                    UNIT_TALLIES.name(),
                    have.get(unit)
                ));
            }
        }
        for unit in have.keys().filter(|u| !want.contains_key(u)) {
            self.problem(format!(
                "{}: unit {unit} has a tally but no members on file",
                UNIT_TALLIES.name()
            ));
        }
        Ok(())
    }

    fn community_tallies(&mut self) -> Result<(), StoreError> {
        if !self.view.has_community_tallies()? {
            // A schema-4 file read by a reviewer: nothing stored to compare.
            return Ok(());
        }
        let want = self.view.community_tallies_from_rows(|_| true)?;
        let have = self.view.community_tallies()?;
        for (community, tally) in &want {
            if have.get(community) != Some(tally) {
                let held = have.get(community).map_or(0, |t| t.regs.len());
                self.problem(format!(
                    "{}: community {community} holds {held} entries that differ from the {} its registrations give",
                    COMMUNITY_TALLIES.name(),
                    tally.regs.len()
                ));
            }
        }
        for community in have.keys().filter(|c| !want.contains_key(c)) {
            self.problem(format!(
                "{}: community {community} has a tally but no registrations",
                COMMUNITY_TALLIES.name()
            ));
        }
        Ok(())
    }

    fn totals(&mut self) -> Result<(), StoreError> {
        let mut b = TotalsBuilder::default();
        self.view.for_each::<ServiceRecord>(|s| {
            b.service(&s);
            Ok(())
        })?;
        self.view.for_each::<Suggestion>(|s| {
            b.suggestion(&s);
            Ok(())
        })?;
        let (member, community) = (b.member, b.community);
        for (def, want) in [
            (MEMBER_YEAR_TOTALS, member),
            (COMMUNITY_YEAR_TOTALS, community),
        ] {
            let table = self.view.txn.open_table(def)?;
            let mut stored = 0usize;
            for entry in table.iter()? {
                let (k, v) = entry?;
                let (id, year) = k.value();
                stored += 1;
                let have: YearTotals = decode(v.value(), def.name(), &Id(id).to_string())?;
                let expect = want.get(&(Id(id), year)).copied().unwrap_or_default();
                if have != expect {
                    self.problem(format!(
                        "{}: {} {year} holds {have:?}, the rows give {expect:?}",
                        def.name(),
                        Id(id)
                    ));
                }
            }
            let nonzero = want.values().filter(|t| !t.is_zero()).count();
            if stored != nonzero {
                self.problem(format!(
                    "{}: {stored} rows, the records give {nonzero}",
                    def.name()
                ));
            }
        }
        Ok(())
    }
}

/// redb's verification of every page checksum of the committed trees, on a scratch copy whose
/// writes stay in memory.
fn file_integrity(path: &std::path::Path, header: Vec<u8>) -> Result<(), String> {
    let copy = ScratchCopy::open(path, header).map_err(|e| e.to_string())?;
    let mut b = redb::Builder::new();
    b.set_check_integrity_on_open(true);
    b.set_cache_size(64 * 1024 * 1024);
    match super::quietly(|| b.create_with_backend(copy)) {
        Some(Ok(db)) => {
            drop(db);
            Ok(())
        }
        Some(Err(e)) => Err(e.to_string()),
        None => Err("redb could not read it".into()),
    }
}
