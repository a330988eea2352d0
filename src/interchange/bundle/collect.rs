//! Which records a bundle carries: a community, a member or the whole ledger, closed over
//! references so that the bundle loads into an empty ledger and passes `baodao check` there.
use std::collections::BTreeMap;

use crate::domain::*;
use crate::store::tables::{CLOSURES_BY_COMMUNITY, EVALUATIONS_BY_COMMUNITY};
use crate::store::{StoreError, Stored, Tx, View};

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A community with its posts, members and their history, and the units they work in.
    Community(Id),
    /// A member with their registrations, services, suggestions, pairings and evaluations.
    Member(Id),
    /// Every record of the ledger.
    Ledger,
}

/// Position of a kind in a bundle: everything a record points to comes before it.
pub(super) fn rank(k: Kind) -> usize {
    const ORDER: [Kind; 15] = [
        Kind::Community,
        Kind::Unit,
        Kind::Member,
        Kind::Post,
        Kind::Registration,
        Kind::Household,
        Kind::Pairing,
        Kind::Activity,
        Kind::Demand,
        Kind::Service,
        Kind::Suggestion,
        Kind::Meeting,
        Kind::UnitService,
        Kind::Evaluation,
        // Last: a closed year refuses the rows dated in it.
        Kind::Closure,
    ];
    ORDER.iter().position(|&o| o == k).unwrap_or(ORDER.len())
}

/// The records a bundle carries, ordered, each once.
#[derive(Default)]
struct Collection {
    records: BTreeMap<(usize, Id), Record>,
}

impl Collection {
    fn add(&mut self, r: impl Into<Record>) {
        let r = r.into();
        self.records.entry((rank(r.kind()), r.id())).or_insert(r);
    }

    fn add_all<E: Into<Record>>(&mut self, rs: Vec<E>) {
        for r in rs {
            self.add(r);
        }
    }

    fn has(&self, kind: Kind, id: Id) -> bool {
        self.records.contains_key(&(rank(kind), id))
    }

    /// Adds whatever the records point to, until nothing is missing: a bundle must load into
    /// an empty ledger and pass `baodao check` there.
    fn close_over_references(&mut self, view: &View) -> Result<(), StoreError> {
        let mut todo: Vec<(Kind, Id)> = self
            .records
            .values()
            .flat_map(references)
            .collect::<Vec<_>>();
        while let Some((kind, id)) = todo.pop() {
            if self.has(kind, id) {
                continue;
            }
            let Some(r) = fetch(view, kind, id)? else {
                continue;
            };
            todo.extend(references(&r));
            self.add(r);
        }
        Ok(())
    }
}

/// What a record points to (the references `baodao check` verifies, and a registration's
/// unit).
fn references(r: &Record) -> Vec<(Kind, Id)> {
    let mut v = Vec::new();
    let mut push = |k: Kind, id: Option<Id>| {
        if let Some(id) = id {
            v.push((k, id));
        }
    };
    match r {
        Record::Community(_) => {}
        Record::Unit(u) => push(Kind::Community, u.paired_community),
        Record::Member(m) => {
            push(Kind::Community, m.community);
            push(Kind::Unit, m.unit);
        }
        Record::Registration(x) => {
            push(Kind::Member, Some(x.member));
            push(Kind::Community, Some(x.community));
            push(Kind::Unit, x.unit);
            for p in &x.posts {
                push(Kind::Post, Some(*p));
            }
        }
        Record::Post(p) => push(Kind::Community, Some(p.community)),
        Record::Service(s) => {
            push(Kind::Member, Some(s.member));
            push(Kind::Community, Some(s.community));
            push(Kind::Activity, s.activity);
            push(Kind::Demand, s.demand);
            push(Kind::Household, s.household);
        }
        Record::Activity(a) => push(Kind::Community, Some(a.community)),
        Record::Demand(d) => {
            push(Kind::Community, Some(d.community));
            push(Kind::Member, d.accepted_by);
            match &d.target {
                Some(DispatchTarget::Member(m)) => push(Kind::Member, Some(*m)),
                Some(DispatchTarget::Post(p)) => push(Kind::Post, Some(*p)),
                _ => {}
            }
        }
        Record::Household(h) => push(Kind::Community, Some(h.community)),
        Record::Pairing(p) => {
            push(Kind::Member, Some(p.member));
            push(Kind::Household, Some(p.household));
        }
        Record::Suggestion(s) => {
            push(Kind::Member, Some(s.member));
            push(Kind::Community, Some(s.community));
        }
        Record::Meeting(m) => {
            push(Kind::Community, Some(m.community));
            for u in &m.units {
                push(Kind::Unit, Some(*u));
            }
        }
        Record::UnitService(u) => {
            push(Kind::Unit, Some(u.unit));
            push(Kind::Community, Some(u.community));
        }
        Record::Evaluation(e) => {
            push(Kind::Member, Some(e.member));
            push(Kind::Community, Some(e.community));
        }
        Record::Closure(c) => push(Kind::Community, Some(c.community)),
    }
    v
}

fn get_as<E: Stored>(view: &View, id: Id) -> Result<Option<Record>, StoreError> {
    Ok(view.get::<E>(id)?.map(Into::into))
}

/// A record by kind and id.
fn fetch(view: &View, kind: Kind, id: Id) -> Result<Option<Record>, StoreError> {
    match kind {
        Kind::Community => get_as::<Community>(view, id),
        Kind::Unit => get_as::<Unit>(view, id),
        Kind::Member => get_as::<Member>(view, id),
        Kind::Registration => get_as::<Registration>(view, id),
        Kind::Post => get_as::<Post>(view, id),
        Kind::Service => get_as::<ServiceRecord>(view, id),
        Kind::Activity => get_as::<Activity>(view, id),
        Kind::Demand => get_as::<Demand>(view, id),
        Kind::Household => get_as::<Household>(view, id),
        Kind::Pairing => get_as::<Pairing>(view, id),
        Kind::Suggestion => get_as::<Suggestion>(view, id),
        Kind::Meeting => get_as::<JointMeeting>(view, id),
        Kind::UnitService => get_as::<UnitService>(view, id),
        Kind::Evaluation => get_as::<Evaluation>(view, id),
        Kind::Closure => get_as::<YearClosure>(view, id),
    }
}

/// The same lookup inside a write transaction (what the record is now, for the merge).
pub(super) fn fetch_tx(tx: &Tx<'_>, kind: Kind, id: Id) -> Result<Option<Record>, StoreError> {
    fn g<E: Stored>(tx: &Tx<'_>, id: Id) -> Result<Option<Record>, StoreError> {
        Ok(tx.get::<E>(id)?.map(Into::into))
    }
    match kind {
        Kind::Community => g::<Community>(tx, id),
        Kind::Unit => g::<Unit>(tx, id),
        Kind::Member => g::<Member>(tx, id),
        Kind::Registration => g::<Registration>(tx, id),
        Kind::Post => g::<Post>(tx, id),
        Kind::Service => g::<ServiceRecord>(tx, id),
        Kind::Activity => g::<Activity>(tx, id),
        Kind::Demand => g::<Demand>(tx, id),
        Kind::Household => g::<Household>(tx, id),
        Kind::Pairing => g::<Pairing>(tx, id),
        Kind::Suggestion => g::<Suggestion>(tx, id),
        Kind::Meeting => g::<JointMeeting>(tx, id),
        Kind::UnitService => g::<UnitService>(tx, id),
        Kind::Evaluation => g::<Evaluation>(tx, id),
        Kind::Closure => g::<YearClosure>(tx, id),
    }
}

fn load_all<E: Stored>(view: &View, c: &mut Collection) -> Result<(), StoreError> {
    view.for_each::<E>(|e| {
        c.add(e);
        Ok(())
    })
}

fn by_ids<E: Stored>(view: &View, ids: Vec<Id>, c: &mut Collection) -> Result<(), StoreError> {
    for id in ids {
        if let Some(e) = view.get::<E>(id)? {
            c.add(e);
        }
    }
    Ok(())
}

/// A member's own history: registrations, service card, suggestions, pairings, evaluations.
fn member_history(view: &View, m: Id, c: &mut Collection) -> Result<(), StoreError> {
    c.add_all(view.registrations_of_member(m)?);
    c.add_all(view.services_of_member(m, None, None)?);
    c.add_all(view.suggestions_of_member(m)?);
    c.add_all(view.pairings_of_member(m)?);
    c.add_all(view.evaluations_of_member(m)?);
    Ok(())
}

/// The records of `scope`, in bundle order; `None` when the community or member does not
/// exist.
pub fn collect(view: &View, scope: Scope) -> Result<Option<Vec<Record>>, StoreError> {
    let mut c = Collection::default();
    match scope {
        Scope::Member(id) => {
            let Some(m) = view.get::<Member>(id)? else {
                return Ok(None);
            };
            c.add(m);
            member_history(view, id, &mut c)?;
            c.close_over_references(view)?;
        }
        Scope::Community(id) => {
            let Some(community) = view.get::<Community>(id)? else {
                return Ok(None);
            };
            c.add(community);
            c.add_all(view.posts_of_community(id)?);
            for m in view.members_of_community(id)? {
                member_history(view, m.id, &mut c)?;
                c.add(m);
            }
            // Its history: members who moved away, rows recorded here, its own records.
            c.add_all(view.registrations_of_community(id)?);
            c.add_all(view.services_of_community(id, None, None)?);
            c.add_all(view.demands_of_community(id)?);
            c.add_all(view.activities_of_community(id)?);
            for h in view.households_of_community(id)? {
                c.add_all(view.pairings_of_household(h.id)?);
                c.add(h);
            }
            c.add_all(view.meetings_of_community(id)?);
            let evaluations = view.dated_ids(EVALUATIONS_BY_COMMUNITY, id, i32::MIN, i32::MAX)?;
            by_ids::<Evaluation>(view, evaluations, &mut c)?;
            let closures = view.dated_ids(CLOSURES_BY_COMMUNITY, id, i32::MIN, i32::MAX)?;
            by_ids::<YearClosure>(view, closures, &mut c)?;
            c.close_over_references(view)?;
            // The units' services in this community, once the units are known.
            let units: Vec<Id> = c
                .records
                .values()
                .filter_map(|r| match r {
                    Record::Unit(u) => Some(u.id),
                    _ => None,
                })
                .collect();
            for u in units {
                for s in view.unit_services_of_unit(u)? {
                    if s.community == id {
                        c.add(s);
                    }
                }
            }
            c.close_over_references(view)?;
        }
        Scope::Ledger => {
            load_all::<Community>(view, &mut c)?;
            load_all::<Unit>(view, &mut c)?;
            load_all::<Member>(view, &mut c)?;
            load_all::<Post>(view, &mut c)?;
            load_all::<Registration>(view, &mut c)?;
            load_all::<Household>(view, &mut c)?;
            load_all::<Pairing>(view, &mut c)?;
            load_all::<Activity>(view, &mut c)?;
            load_all::<Demand>(view, &mut c)?;
            load_all::<ServiceRecord>(view, &mut c)?;
            load_all::<Suggestion>(view, &mut c)?;
            load_all::<JointMeeting>(view, &mut c)?;
            load_all::<UnitService>(view, &mut c)?;
            load_all::<Evaluation>(view, &mut c)?;
            load_all::<YearClosure>(view, &mut c)?;
        }
    }
    Ok(Some(c.records.into_values().collect()))
}
