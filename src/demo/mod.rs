//! The demo ledger: realistic, deterministic, from a dozen communities to a province.
//!
//! `generate` writes communities with streets and counties, units of every kind, members with
//! plausible names, registrations in every state (overdue and moved included), posts, a year
//! and a half of service records, activities, demands, households and pairings, suggestions,
//! joint meetings, units' services and last year's evaluations. The same seed and the same
//! "today" give the same ledger.
pub mod data;
pub mod names;
pub mod rng;

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};

use crate::domain::*;
use crate::store::{Ledger, StoreError};
use data::*;
use names::{HOBBIES, SPECIALTIES};
use rng::Rng;

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoSpec {
    pub members: usize,
    pub seed: u64,
}

impl Default for DemoSpec {
    fn default() -> DemoSpec {
        DemoSpec {
            members: 1000,
            seed: 2026,
        }
    }
}

/// What was generated.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct DemoStats {
    pub communities: usize,
    pub units: usize,
    pub members: usize,
    pub services: usize,
    pub records: usize,
}

/// Records written per transaction: large enough to amortize commits, small enough to keep
/// memory flat at province scale.
pub const BATCH: usize = 100_000;

/// The ledger's cache while a demo is generated (see `store::set_cache_bytes`).
pub const CACHE_BYTES: usize = 32 * 1024 * 1024;

struct Gen<'l> {
    ledger: &'l Ledger,
    rng: Rng,
    today: NaiveDate,
    start: NaiveDate,
    /// Millisecond clock for deterministic, time-ordered ids.
    clock: u128,
    batch: Vec<Record>,
    batch_size: usize,
    totals: TotalsBuilder,
    stats: DemoStats,
    /// Members generated per unit, for the units' declared totals.
    unit_members: HashMap<Id, u32>,
    progress: &'l mut dyn FnMut(&str),
}

/// Generates a demo ledger into `ledger` (normally a new, empty file).
pub fn generate(
    ledger: &Ledger,
    spec: &DemoSpec,
    progress: &mut dyn FnMut(&str),
) -> Result<DemoStats, StoreError> {
    generate_in_batches(ledger, spec, BATCH, progress)
}

/// [`generate`], committing every `batch` records (the kill harness makes a small demo
/// commit often, so that its kills land between batches as a province's would).
pub fn generate_in_batches(
    ledger: &Ledger,
    spec: &DemoSpec,
    batch: usize,
    progress: &mut dyn FnMut(&str),
) -> Result<DemoStats, StoreError> {
    let batch = batch.max(1);
    let today = ledger.today();
    let mut g = Gen {
        ledger,
        rng: Rng::new(spec.seed),
        today,
        // A year and a half of history.
        start: today - Duration::days(540),
        clock: 1_700_000_000_000,
        batch: Vec::with_capacity(batch.min(BATCH)),
        batch_size: batch,
        totals: TotalsBuilder::default(),
        stats: DemoStats::default(),
        unit_members: HashMap::new(),
        progress,
    };
    g.run(spec)?;
    (g.progress)("search index");
    // Stores the search snapshot, so that the first search does not compile every doc.
    if let (index, Some(mark)) = ledger.search_index()? {
        let bytes = index.snapshot();
        drop(index);
        ledger.store_search_snapshot_bytes(&bytes, mark)?;
    }
    ledger.log("demo", &format!("{:?}", g.stats))?;
    Ok(g.stats)
}

impl Gen<'_> {
    fn id(&mut self) -> Id {
        self.clock += 1;
        Id::from_parts(self.clock, self.rng.next_u64() as u128)
    }

    fn push(&mut self, r: Record) -> Result<(), StoreError> {
        match &r {
            Record::Service(s) => {
                self.totals.service(s);
                self.stats.services += 1;
            }
            Record::Suggestion(s) => self.totals.suggestion(s),
            _ => {}
        }
        self.stats.records += 1;
        self.batch.push(r);
        if self.batch.len() >= self.batch_size {
            self.flush(false)?;
        }
        Ok(())
    }

    fn flush(&mut self, last: bool) -> Result<(), StoreError> {
        if crate::signals::requested() {
            return Err(StoreError::Interrupted);
        }
        let batch = std::mem::take(&mut self.batch);
        // Each batch adds its rows' totals to the stored ones, so that a province's
        // per-member totals are never all held at once.
        let totals = std::mem::take(&mut self.totals);
        self.ledger.write_bulk(|tx| {
            for r in &batch {
                tx.bulk_insert(r)?;
            }
            tx.bulk_totals(&totals.member, &totals.community)?;
            // Records come in batches, their tallies with the last: until then every commit
            // says the demo is unfinished (see store::unfinished).
            if last {
                tx.rebuild_unit_tallies()?;
                tx.rebuild_community_tallies()?;
                tx.mark_finished()
            } else {
                tx.mark_unfinished("demo")
            }
        })?;
        let msg = format!(
            "{} records ({} members, {} services)",
            self.stats.records, self.stats.members, self.stats.services
        );
        (self.progress)(&msg);
        Ok(())
    }

    fn date_between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let span = (to - from).num_days().max(0);
        from + Duration::days(self.rng.range(0, span))
    }

    fn run(&mut self, spec: &DemoSpec) -> Result<(), StoreError> {
        let n_communities = (spec.members / 85).max(12);
        let n_units = (spec.members / 12).max(80);
        let communities = self.communities(n_communities)?;
        let units = self.units(n_units, &communities)?;
        let mut remaining = spec.members;
        let per = spec.members / communities.len();
        for (i, c) in communities.iter().enumerate() {
            let n = if i + 1 == communities.len() {
                remaining
            } else {
                per.min(remaining)
            };
            remaining -= n;
            self.community_life(c, &communities, &units, n)?;
        }
        for u in &units {
            self.unit_services(u, &communities)?;
        }
        self.flush(true)
    }

    fn communities(&mut self, n: usize) -> Result<Vec<(Community, Vec<Id>)>, StoreError> {
        let mut out = Vec::new();
        for i in 0..n {
            let county = COUNTIES[i % COUNTIES.len().min(1 + n / 20)];
            let street = format!("{}街道", STREET_STEMS[(i / 4) % STREET_STEMS.len()]);
            let stem = COMMUNITY_STEMS[i % COMMUNITY_STEMS.len()];
            let name = if i < COMMUNITY_STEMS.len() {
                format!("{stem}社区")
            } else {
                format!("{stem}{}社区", i / COMMUNITY_STEMS.len() + 1)
            };
            let teams = TEAMS
                .iter()
                .filter(|_| self.rng.chance(0.6))
                .map(|(t, b)| Team {
                    name: t.to_string(),
                    basis: *b,
                })
                .collect();
            let c = Community {
                id: self.id(),
                party_org: format!("中共{name}委员会"),
                secretary: names::person_name(&mut self.rng),
                phone: format!("0874-{}", 3_000_000 + self.rng.below(999_999)),
                address: format!("{county}{street}{}号", self.rng.range(1, 300)),
                service_day: self.rng.pick(&SERVICE_DAYS).to_string(),
                teams,
                county: county.into(),
                street,
                name,
                archived: false,
            };
            let mut posts = Vec::new();
            let extra: Vec<&str> = CUSTOM_POSTS
                .iter()
                .copied()
                .filter(|_| self.rng.chance(0.4))
                .collect();
            for name in data_posts().chain(extra) {
                let p = Post {
                    id: self.id(),
                    community: c.id,
                    name: name.to_string(),
                    duties: format!("{name}相关工作"),
                    time: "每月至少一次".into(),
                    place: "社区党群服务中心".into(),
                    archived: false,
                };
                posts.push(p.id);
                self.push(p.into())?;
            }
            self.push(c.clone().into())?;
            self.stats.communities += 1;
            out.push((c, posts));
        }
        Ok(out)
    }

    fn units(
        &mut self,
        n: usize,
        communities: &[(Community, Vec<Id>)],
    ) -> Result<Vec<Unit>, StoreError> {
        let mut out = Vec::new();
        for i in 0..n {
            let (stem, kind) = UNIT_STEMS[i % UNIT_STEMS.len()];
            let county = COUNTIES[(i / UNIT_STEMS.len()) % COUNTIES.len()];
            let round = i / (UNIT_STEMS.len() * COUNTIES.len());
            let name = if round == 0 {
                format!("{county}{stem}")
            } else {
                format!("{county}{stem}（{}）", round + 1)
            };
            let u = Unit {
                id: self.id(),
                name,
                kind,
                address: format!(
                    "{county}{}路{}号",
                    self.rng.pick(&STREET_STEMS),
                    self.rng.range(1, 500)
                ),
                party_org: format!("中共{stem}支部"),
                contact_name: names::person_name(&mut self.rng),
                contact_phone: names::mobile(&mut self.rng),
                liaisons: vec![names::person_name(&mut self.rng)],
                paired_community: Some(
                    communities[self.rng.below(communities.len() as u64) as usize]
                        .0
                        .id,
                ),
                declared_members: 0,
                archived: false,
            };
            // Written now so that members' search docs find their unit's name; written again
            // with the declared total once the members are known.
            self.push(u.clone().into())?;
            out.push(u);
            self.stats.units += 1;
        }
        Ok(out)
    }

    /// Members of one community with everything they do; units' declared totals are set here.
    fn community_life(
        &mut self,
        (c, posts): &(Community, Vec<Id>),
        communities: &[(Community, Vec<Id>)],
        units: &[Unit],
        n: usize,
    ) -> Result<(), StoreError> {
        let mut members = Vec::with_capacity(n);
        let mut serving = Vec::with_capacity(n);
        for _ in 0..n {
            let unit = &units[self.rng.below(units.len() as u64) as usize];
            let (m, serves) = self.member(c, unit, posts, communities)?;
            members.push(m);
            if serves {
                serving.push(m);
            }
        }
        // Activities, pairings and requests involve members who reported and serve; a
        // community without members (a small demo spreads few over twelve) has none of them.
        if serving.is_empty() {
            serving = members.clone();
        }
        if !serving.is_empty() {
            self.activities(c, &serving)?;
            self.households(c, &serving)?;
            self.demands(c, &serving, posts)?;
        }
        self.meetings(c, units)?;
        self.evaluations(c, &members)?;
        Ok(())
    }

    fn member(
        &mut self,
        c: &Community,
        unit: &Unit,
        posts: &[Id],
        communities: &[(Community, Vec<Id>)],
    ) -> Result<(Id, bool), StoreError> {
        let r = &mut self.rng;
        let birth_year = r.range(1962, 2000) as i32;
        let m = Member {
            id: Id::default(),
            name: names::person_name(r),
            gender: Some(if r.chance(0.55) {
                Gender::Male
            } else {
                Gender::Female
            }),
            ethnicity: if r.chance(0.85) {
                "汉族".into()
            } else {
                r.pick(&["彝族", "回族", "布依族"]).to_string()
            },
            birth: YearMonth::new(birth_year, r.range(1, 12) as u32),
            education: r.pick(&EDUCATION).to_string(),
            joined: YearMonth::new(birth_year + r.range(20, 30) as i32, r.range(1, 12) as u32)
                .filter(|ym| ym.year <= 2026),
            standing: Some(if r.chance(0.04) {
                Standing::Probationary
            } else {
                Standing::Full
            }),
            health: "健康".into(),
            mobile: names::mobile(r),
            unit: Some(unit.id),
            position: r.pick(&POSITIONS).to_string(),
            unit_phone: format!("0874-{}", 3_100_000 + r.below(800_000)),
            address: format!(
                "{}{}栋{}单元{}号",
                c.name.trim_end_matches("社区"),
                r.range(1, 30),
                r.range(1, 6),
                r.range(101, 1802)
            ),
            specialties: r.pick(SPECIALTIES).to_string(),
            hobbies: r.pick(HOBBIES).to_string(),
            deputy: if r.chance(0.03) {
                "党代表".into()
            } else {
                String::new()
            },
            availability: r
                .pick(&["周末", "工作日晚上", "节假日", "每月固定服务日"])
                .to_string(),
            willing_other: r.chance(0.8),
            team: c.teams.first().map(|t| t.name.clone()).unwrap_or_default(),
            project: r.pick(SPECIALTIES).to_string(),
            community: Some(c.id),
            archived: false,
        };
        let mut m = Member { id: self.id(), ..m };
        *self.unit_members.entry(unit.id).or_default() += 1;
        self.stats.members += 1;
        // Registration states: most reported, some pending, overdue, or moved in.
        let state = self.rng.weighted(&[62, 12, 8, 8, 5, 5]);
        let issued = self.date_between(self.start, self.today - Duration::days(20));
        let report_by = issued + Duration::days(30);
        let mut reg = Registration {
            id: self.id(),
            member: m.id,
            community: c.id,
            unit: m.unit,
            issued_on: Some(issued),
            report_by: Some(report_by),
            ..Default::default()
        };
        let claim = |g: &mut Gen, reg: &mut Registration| {
            let k = 1 + g.rng.below(2) as usize;
            for _ in 0..k {
                let p = posts[g.rng.below(posts.len() as u64) as usize];
                if !reg.posts.contains(&p) {
                    reg.posts.push(p);
                }
            }
        };
        let mut serving = true;
        match state {
            0 | 1 => {
                let on = self.date_between(issued, (issued + Duration::days(25)).min(self.today));
                reg.reported_on = Some(on);
                claim(self, &mut reg);
                reg.team = m.team.clone();
                if state == 0 {
                    reg.receipt_on =
                        Some((on + Duration::days(self.rng.range(1, 10))).min(self.today));
                }
            }
            2 => {
                // Slip just issued, report-by still ahead.
                let on = self.today - Duration::days(self.rng.range(1, 10));
                reg.issued_on = Some(on);
                reg.report_by = Some(on + Duration::days(30));
                serving = false;
            }
            3 => {
                // Overdue; half of them with a reason recorded.
                reg.report_by =
                    Some((issued + Duration::days(30)).min(self.today - Duration::days(1)));
                if self.rng.chance(0.5) {
                    reg.reason = self.rng.pick(&REASONS).to_string();
                }
                serving = false;
            }
            4 => {
                // Moved in from another community this year: the old registration ended.
                let other = &communities[self.rng.below(communities.len() as u64) as usize];
                if other.0.id != c.id {
                    let reported = self.date_between(self.start, self.today - Duration::days(200));
                    let old = Registration {
                        id: self.id(),
                        member: m.id,
                        community: other.0.id,
                        unit: m.unit,
                        issued_on: Some(reported - Duration::days(10)),
                        report_by: Some(reported + Duration::days(20)),
                        reported_on: Some(reported),
                        receipt_on: Some(reported + Duration::days(3)),
                        posts: vec![other.1[0]],
                        team: String::new(),
                        reason: String::new(),
                        ended_on: Some(reported + Duration::days(150)),
                    };
                    let moved = reported + Duration::days(150);
                    reg.issued_on = Some(moved);
                    reg.report_by = Some(moved + Duration::days(30));
                    self.push(old.into())?;
                }
                let on = (reg.issued_on.unwrap_or(issued) + Duration::days(5)).min(self.today);
                reg.reported_on = Some(on);
                claim(self, &mut reg);
            }
            _ => {
                // Reported, receipt returned, but barely serves (below the minimum).
                reg.reported_on = Some(issued + Duration::days(3));
                reg.receipt_on = Some(issued + Duration::days(8));
                claim(self, &mut reg);
            }
        }
        if reg.reported_on.is_some_and(|d| d > self.today) {
            reg.reported_on = Some(self.today);
        }
        if let (Some(r), Some(rep)) = (reg.receipt_on, reg.reported_on)
            && r < rep
        {
            reg.receipt_on = Some(rep);
        }
        m.team = reg.team.clone();
        let since = reg.reported_on;
        self.push(m.clone().into())?;
        self.push(reg.into())?;
        if serving && let Some(since) = since {
            let light = state == 5;
            self.services(&m, c.id, since, light)?;
            self.suggestions(&m, c.id, since)?;
        }
        Ok((m.id, serving && since.is_some()))
    }

    fn services(
        &mut self,
        m: &Member,
        community: Id,
        since: NaiveDate,
        light: bool,
    ) -> Result<(), StoreError> {
        // About 12 rows per serving member over the period, so that 1,000,000 members come with
        // the 10,000,000 service records of the province target.
        let n = if light {
            self.rng.below(2)
        } else {
            5 + self.rng.below(15)
        };
        for _ in 0..n {
            let (content, place, kind) = *self.rng.pick(&SERVICES);
            let date = self.date_between(since, self.today);
            let certified = self.rng.chance(0.85) && (self.today - date).num_days() > 3;
            let row = ServiceRecord {
                id: self.id(),
                member: m.id,
                community,
                date,
                content: content.into(),
                place: place.into(),
                hours: Hours(self.rng.range(2, 8) as u16),
                rating: Some(*self.rng.pick(&[
                    Rating::Excellent,
                    Rating::Excellent,
                    Rating::Good,
                    Rating::Fair,
                ])),
                kind,
                certification: certified.then(|| Certification {
                    role: CertifierRole::PartyOrg,
                    name: "社区党委".into(),
                    on: date,
                }),
                activity: None,
                demand: None,
                household: None,
                archived: false,
            };
            self.push(row.into())?;
        }
        Ok(())
    }

    fn suggestions(
        &mut self,
        m: &Member,
        community: Id,
        since: NaiveDate,
    ) -> Result<(), StoreError> {
        let n = self.rng.weighted(&[30, 45, 20, 5]);
        for _ in 0..n {
            let s = Suggestion {
                id: self.id(),
                member: m.id,
                community,
                date: self.date_between(since, self.today),
                content: self.rng.pick(&SUGGESTIONS).to_string(),
                outcome: [
                    None,
                    Some(SuggestionOutcome::Adopted),
                    Some(SuggestionOutcome::Referred),
                    Some(SuggestionOutcome::Closed),
                ][self.rng.below(4) as usize],
            };
            self.push(s.into())?;
        }
        Ok(())
    }

    fn activities(&mut self, c: &Community, members: &[Id]) -> Result<(), StoreError> {
        let n = 6 + self.rng.below(6);
        for i in 0..n {
            let date = self.date_between(self.start, self.today - Duration::days(1));
            let a = Activity {
                id: self.id(),
                community: c.id,
                kind: if i % 2 == 0 {
                    ActivityKind::ServiceDay
                } else {
                    ActivityKind::Theme
                },
                title: self.rng.pick(&ACTIVITIES).to_string(),
                date,
                place: "社区党群服务中心".into(),
                hours: Hours(4),
            };
            let attendees = (members.len() / 10).clamp(1, 12);
            let mut seen = Vec::new();
            for _ in 0..attendees {
                let m = members[self.rng.below(members.len() as u64) as usize];
                if seen.contains(&m) {
                    continue;
                }
                seen.push(m);
                let mut row = a.record_for(self.id(), m, a.hours);
                row.certification = Some(Certification {
                    role: CertifierRole::Organizer,
                    name: c.secretary.clone(),
                    on: date,
                });
                row.rating = Some(Rating::Excellent);
                self.push(row.into())?;
            }
            self.push(a.into())?;
        }
        Ok(())
    }

    fn households(&mut self, c: &Community, members: &[Id]) -> Result<(), StoreError> {
        let kinds = [
            HouseholdKind::EmptyNest,
            HouseholdKind::LeftBehind,
            HouseholdKind::Bereaved,
            HouseholdKind::Disabled,
            HouseholdKind::Poor,
        ];
        for i in 0..(3 + self.rng.below(3)) {
            let h = Household {
                id: self.id(),
                community: c.id,
                name: names::person_name(&mut self.rng),
                kind: kinds[i as usize % kinds.len()],
                address: format!(
                    "{}{}栋{}号",
                    c.name.trim_end_matches("社区"),
                    self.rng.range(1, 30),
                    self.rng.range(101, 1802)
                ),
                contact: names::mobile(&mut self.rng),
                note: String::new(),
                archived: false,
            };
            let m = members[self.rng.below(members.len() as u64) as usize];
            let since = self.date_between(self.start, self.today - Duration::days(60));
            let p = Pairing {
                id: self.id(),
                household: h.id,
                member: m,
                plan: "每月上门走访一次，帮助解决实际困难".into(),
                since,
                ended_on: None,
            };
            let visits = self.rng.below(6);
            for _ in 0..visits {
                let date = self.date_between(since, self.today - Duration::days(1));
                let row = ServiceRecord {
                    id: self.id(),
                    member: m,
                    community: c.id,
                    date,
                    content: format!("走访帮扶{}", h.name),
                    place: "帮扶对象家中".into(),
                    hours: Hours(2),
                    rating: Some(Rating::Good),
                    kind: ServiceKind::Pairing,
                    certification: Some(Certification {
                        role: CertifierRole::Served,
                        name: h.name.clone(),
                        on: date,
                    }),
                    activity: None,
                    demand: None,
                    household: Some(h.id),
                    archived: false,
                };
                self.push(row.into())?;
            }
            self.push(h.into())?;
            self.push(p.into())?;
        }
        Ok(())
    }

    fn demands(&mut self, c: &Community, members: &[Id], posts: &[Id]) -> Result<(), StoreError> {
        for _ in 0..(4 + self.rng.below(6)) {
            let asked_on = self.date_between(self.start, self.today - Duration::days(1));
            let content = self.rng.pick(&DEMANDS).to_string();
            let status = [
                DemandStatus::Open,
                DemandStatus::Dispatched,
                DemandStatus::Accepted,
                DemandStatus::Done,
                DemandStatus::Done,
                DemandStatus::Cancelled,
            ][self.rng.below(6) as usize];
            let member = members[self.rng.below(members.len() as u64) as usize];
            let mut d = Demand {
                id: self.id(),
                community: c.id,
                kind: if content.contains("微心愿") {
                    DemandKind::Wish
                } else {
                    DemandKind::Menu
                },
                requester: names::person_name(&mut self.rng),
                contact: names::mobile(&mut self.rng),
                content,
                asked_on,
                due: Some(asked_on + Duration::days(14)),
                target: None,
                accepted_by: None,
                status,
                done_on: None,
                cancel_reason: String::new(),
                service: None,
                history: vec![DemandEvent {
                    on: asked_on,
                    status: DemandStatus::Open,
                    note: String::new(),
                }],
            };
            if status != DemandStatus::Open {
                d.target = Some(if self.rng.chance(0.5) {
                    DispatchTarget::Member(member)
                } else {
                    DispatchTarget::Post(posts[0])
                });
                d.history.push(DemandEvent {
                    on: asked_on,
                    status: DemandStatus::Dispatched,
                    note: String::new(),
                });
            }
            if matches!(status, DemandStatus::Accepted | DemandStatus::Done) {
                d.accepted_by = Some(member);
                d.history.push(DemandEvent {
                    on: asked_on,
                    status: DemandStatus::Accepted,
                    note: String::new(),
                });
            }
            if status == DemandStatus::Done {
                let done = (asked_on + Duration::days(self.rng.range(1, 10))).min(self.today);
                d.done_on = Some(done);
                let row = ServiceRecord {
                    id: self.id(),
                    member,
                    community: c.id,
                    date: done,
                    content: d.content.clone(),
                    place: "居民家中".into(),
                    hours: Hours(self.rng.range(1, 4) as u16),
                    rating: Some(Rating::Excellent),
                    kind: ServiceKind::Menu,
                    certification: Some(Certification {
                        role: CertifierRole::Served,
                        name: d.requester.clone(),
                        on: done,
                    }),
                    activity: None,
                    demand: Some(d.id),
                    household: None,
                    archived: false,
                };
                d.service = Some(row.id);
                d.history.push(DemandEvent {
                    on: done,
                    status: DemandStatus::Done,
                    note: String::new(),
                });
                self.push(row.into())?;
            }
            if status == DemandStatus::Cancelled {
                d.cancel_reason = "居民自行解决".into();
                d.history.push(DemandEvent {
                    on: asked_on,
                    status: DemandStatus::Cancelled,
                    note: d.cancel_reason.clone(),
                });
            }
            self.push(d.into())?;
        }
        Ok(())
    }

    fn meetings(&mut self, c: &Community, units: &[Unit]) -> Result<(), StoreError> {
        let mut half = half_start(self.start);
        while half <= self.today {
            // Most communities hold their joint meeting each half-year; some miss one.
            if self.rng.chance(0.85) {
                let end = (half + Duration::days(180)).min(self.today);
                let paired: Vec<Id> = units
                    .iter()
                    .filter(|u| u.paired_community == Some(c.id))
                    .map(|u| u.id)
                    .take(6)
                    .collect();
                let m = JointMeeting {
                    id: self.id(),
                    community: c.id,
                    date: self.date_between(half, end),
                    units: paired,
                    topics: self.rng.pick(&TOPICS).to_string(),
                };
                self.push(m.into())?;
            }
            half = next_half(half);
        }
        Ok(())
    }

    fn unit_services(
        &mut self,
        u: &Unit,
        communities: &[(Community, Vec<Id>)],
    ) -> Result<(), StoreError> {
        let community = u.paired_community.unwrap_or(communities[0].0.id);
        let mut half = half_start(self.start);
        while half <= self.today {
            if self.rng.chance(0.8) {
                let end = (half + Duration::days(180)).min(self.today);
                let s = UnitService {
                    id: self.id(),
                    unit: u.id,
                    community,
                    date: self.date_between(half, end),
                    content: self.rng.pick(&ACTIVITIES).to_string(),
                    participants: self.rng.range(3, 30) as u32,
                };
                self.push(s.into())?;
            }
            half = next_half(half);
        }
        // Declared totals: the members on file, sometimes more (members not yet entered).
        let mut unit = u.clone();
        let on_file = self.unit_members.get(&u.id).copied().unwrap_or(0);
        unit.declared_members = on_file
            + if self.rng.chance(0.1) {
                self.rng.range(1, 3) as u32
            } else {
                0
            };
        self.push(unit.into())
    }

    fn evaluations(&mut self, c: &Community, members: &[Id]) -> Result<(), StoreError> {
        let year = self.today.year() - 1;
        if year < self.start.year() {
            return Ok(());
        }
        for &m in members.iter().take(members.len() / 3) {
            let grade = [
                Grade::Excellent,
                Grade::Qualified,
                Grade::Qualified,
                Grade::Basic,
            ][self.rng.below(4) as usize];
            let e = Evaluation {
                id: self.id(),
                community: c.id,
                member: m,
                year,
                grade,
                comment: "积极参加社区服务，认领岗位履职尽责。".into(),
                evaluated_on: NaiveDate::from_ymd_opt(year, 12, 20).unwrap_or(self.today),
                disqualified: String::new(),
            };
            self.push(e.into())?;
        }
        Ok(())
    }
}

fn data_posts() -> impl Iterator<Item = &'static str> {
    STANDARD_POSTS.iter().copied()
}

use crate::domain::community::STANDARD_POSTS;

fn half_start(d: NaiveDate) -> NaiveDate {
    let month = if d.month() <= 6 { 1 } else { 7 };
    NaiveDate::from_ymd_opt(d.year(), month, 1).unwrap_or(d)
}

fn next_half(d: NaiveDate) -> NaiveDate {
    if d.month() < 7 {
        NaiveDate::from_ymd_opt(d.year(), 7, 1).unwrap_or(d)
    } else {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1).unwrap_or(d)
    }
}
