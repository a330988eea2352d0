//! A [`Plan`]: every record an imported file will add or update, each tied to its row, plus
//! every problem found on the way. Built against one snapshot, applied in one transaction.
//!
//! [`Planner`] holds what all sheets share: the ledger's names, the `--community` and
//! `--post` defaults, and units created by earlier rows of the same file.
use std::collections::HashMap;

use chrono::NaiveDate;

use super::directory::Directory;
use super::{Options, Sheet};
use crate::domain::{Id, Kind, Record, Unit, UnitKind};
use crate::i18n::{Lang, tf};
use crate::interchange::error::{ImportIssue, bound_if_large};
use crate::interchange::header::Schema;
use crate::store::View;

/// How many skipped rows an outcome lists one by one; the rest are counted.
pub const SKIPS_LISTED: usize = 20;

/// One record to write, from the file's row `row`.
#[derive(Debug, Clone)]
pub struct Step {
    pub row: usize,
    pub record: Record,
    /// Replaces a record already in the ledger (same id) rather than adding one.
    pub update: bool,
}

/// What an import will do.
#[derive(Debug, Default)]
pub struct Plan {
    pub file: String,
    /// Field key → header text as found in the file.
    pub columns: Vec<(&'static str, String)>,
    pub schema: Option<&'static Schema>,
    pub steps: Vec<Step>,
    pub issues: Vec<ImportIssue>,
    /// Rows left alone, with why: the first [`SKIPS_LISTED`].
    pub skipped: Vec<(usize, String)>,
    /// Rows left alone, all of them.
    pub skipped_total: usize,
    /// Units the file names that the ledger does not have yet.
    pub created_units: Vec<String>,
    /// Columns the file has that the import does not read: (letter, header text).
    pub ignored: Vec<(String, String)>,
    /// Data rows read.
    pub rows: usize,
}

impl Plan {
    /// The column to name for field `key`: its header text in this file, else the form's
    /// own name for it (the clerk is told to add that column), else nothing.
    pub fn column(&self, key: &str) -> String {
        if let Some((_, h)) = self.columns.iter().find(|(k, _)| *k == key) {
            return h.clone();
        }
        self.schema
            .and_then(|s| s.field(key))
            .and_then(|f| f.names.first())
            .map(|n| n.to_string())
            .unwrap_or_default()
    }

    pub fn has_column(&self, key: &str) -> bool {
        self.columns.iter().any(|(k, _)| *k == key)
    }

    pub fn issue(&mut self, row: usize, key: &str, message: String) {
        let column = if key.is_empty() {
            String::new()
        } else {
            self.column(key)
        };
        self.issues
            .push(ImportIssue::at(&self.file, row, &column, message));
        bound_if_large(&mut self.issues);
    }

    /// A row left alone, with why: the first few of each kind listed, all of them counted.
    pub fn skip(&mut self, row: usize, why: String) {
        self.skipped_total += 1;
        if self.skipped.len() < SKIPS_LISTED {
            self.skipped.push((row, why));
        }
    }

    pub fn add(&mut self, row: usize, record: Record) {
        self.steps.push(Step {
            row,
            record,
            update: false,
        });
    }

    pub fn update(&mut self, row: usize, record: Record) {
        self.steps.push(Step {
            row,
            record,
            update: true,
        });
    }

    /// (kind, added, updated) for every kind the plan touches, in kind order.
    pub fn counts(&self) -> Vec<(Kind, usize, usize)> {
        let mut out: Vec<(Kind, usize, usize)> = Vec::new();
        for k in Kind::ALL {
            let (mut a, mut u) = (0, 0);
            for s in self.steps.iter().filter(|s| s.record.kind() == k) {
                if s.update {
                    u += 1;
                } else {
                    a += 1;
                }
            }
            if a + u > 0 {
                out.push((k, a, u));
            }
        }
        out
    }

    /// The file column a store field error is about (`field.mobile` → the 手机 column).
    pub fn column_of_field(&self, field: &str) -> String {
        let stripped = field.strip_prefix("field.").unwrap_or(field);
        let candidates: Vec<&str> = match field {
            "field.community_name" | "field.unit_name" | "field.post_name" => vec!["name"],
            "field.certifier" => vec!["certified_by"],
            "field.unit" => vec!["unit", "unit_position"],
            "field.member" => vec!["name", "member_id"],
            _ => vec![stripped],
        };
        for key in &candidates {
            if self.has_column(key) {
                return self.column(key);
            }
        }
        candidates
            .first()
            .map(|k| self.column(k))
            .unwrap_or_default()
    }
}

/// What every sheet's planning shares.
pub struct Planner<'a> {
    pub dir: Directory,
    pub view: &'a View,
    pub opts: &'a Options,
    pub today: NaiveDate,
    pub plan: Plan,
    /// Units created by this file so far, by name.
    new_units: HashMap<String, Id>,
    /// `--community`, resolved once (None when not given or not found: reported once).
    default_community: Option<Id>,
}

impl<'a> Planner<'a> {
    pub fn new(
        dir: Directory,
        view: &'a View,
        opts: &'a Options,
        today: NaiveDate,
        plan: Plan,
    ) -> Planner<'a> {
        let mut p = Planner {
            dir,
            view,
            opts,
            today,
            plan,
            new_units: HashMap::new(),
            default_community: None,
        };
        if let Some(name) = &opts.community {
            // A wrong --community is one problem of the whole file, said once.
            p.default_community = p.lookup_community(0, "", name);
        }
        p
    }

    /// The plan, and the names known with this plan's records added (for the next sheet of
    /// a workbook).
    pub fn finish(mut self) -> (Plan, Directory) {
        self.dir.absorb(&self.plan.steps);
        (self.plan, self.dir)
    }

    pub fn lang(&self) -> Lang {
        self.opts.lang
    }

    fn lookup_community(&mut self, row: usize, key: &str, name: &str) -> Option<Id> {
        let lang = self.lang();
        let found = self.dir.communities_named(name);
        match found {
            [one] => Some(one.id),
            [] => {
                let msg = tf(lang, "import.ledger.community_missing", &[&name]);
                self.plan.issue(row, key, msg);
                None
            }
            many => {
                let list: Vec<String> = many
                    .iter()
                    .map(|c| format!("{} {} {}", c.street, c.name, c.id))
                    .collect();
                self.ambiguous(row, key, name, &list);
                None
            }
        }
    }

    /// Reports a name that fits several records of the ledger, listing them (`candidates`)
    /// so the clerk can tell them apart.
    pub fn ambiguous(&mut self, row: usize, key: &str, name: &str, candidates: &[String]) {
        let msg = tf(
            self.lang(),
            "import.ledger.ambiguous",
            &[&name, &candidates.join("；")],
        );
        self.plan.issue(row, key, msg);
    }

    /// The community of a row: its own 社区 cell, else `--community`. `None` after reporting.
    pub fn community(&mut self, row: usize, named: Option<&str>) -> Option<Id> {
        if let Some(name) = named {
            return self.lookup_community(row, "community", name);
        }
        if self.opts.community.is_some() {
            // Reported once at the top when it did not resolve.
            return self.default_community;
        }
        let msg = tf(self.lang(), "import.ledger.no_community", &[]);
        self.plan.issue(row, "community", msg);
        None
    }

    /// The unit of a row's `工作单位(及职务)` cell (`key`), and the position after the unit's
    /// name when the column holds both. A unit the ledger lacks is created, once per name.
    pub fn unit(
        &mut self,
        row: usize,
        key: &str,
        text: &str,
        kind: Option<UnitKind>,
    ) -> Option<(Id, String)> {
        let with_position = self.plan.column(key).contains("职务");
        let (name, position) = if with_position {
            let new_units = &self.new_units;
            self.dir
                .split_unit_position(text, |name| new_units.contains_key(name))
        } else {
            (text.trim().to_string(), String::new())
        };
        if name.is_empty() {
            return None;
        }
        if let Some(id) = self.new_units.get(&name) {
            return Some((*id, position));
        }
        let found: Vec<Id> = self.dir.units_named(&name).iter().map(|u| u.id).collect();
        match found.as_slice() {
            [one] => Some((*one, position)),
            [] => {
                let unit = Unit {
                    id: Id::new(),
                    name: name.clone(),
                    kind: kind.unwrap_or(UnitKind::Other),
                    address: String::new(),
                    party_org: String::new(),
                    contact_name: String::new(),
                    contact_phone: String::new(),
                    liaisons: Vec::new(),
                    paired_community: None,
                    declared_members: 0,
                    archived: false,
                };
                let id = unit.id;
                self.plan.add(row, unit.into());
                self.plan.created_units.push(name.clone());
                self.new_units.insert(name, id);
                Some((id, position))
            }
            many => {
                let list: Vec<String> = many.iter().map(Id::to_string).collect();
                self.ambiguous(row, key, &name, &list);
                None
            }
        }
    }

    /// The posts a row claims in `community`: its 认领岗位 cell, else `--post`. `None`
    /// after reporting a name the community does not have.
    pub fn posts(&mut self, row: usize, community: Id, names: &[String]) -> Option<Vec<Id>> {
        let from_option = names.is_empty();
        let names: Vec<String> = if from_option {
            self.opts.post.iter().cloned().collect()
        } else {
            names.to_vec()
        };
        let mut ids = Vec::with_capacity(names.len());
        let mut ok = true;
        for name in &names {
            match self.dir.posts_named(community, name) {
                [first, ..] => {
                    if !ids.contains(&first.id) {
                        ids.push(first.id);
                    }
                }
                [] => {
                    ok = false;
                    let community_name = self
                        .dir
                        .communities
                        .values()
                        .flatten()
                        .find(|c| c.id == community)
                        .map(|c| c.name.clone())
                        .unwrap_or_default();
                    let known = self.dir.post_names(community).join("、");
                    let key = if from_option {
                        "import.ledger.post_option_missing"
                    } else {
                        "import.ledger.post_missing"
                    };
                    let msg = tf(self.lang(), key, &[&community_name, name, &known]);
                    self.plan.issue(row, "posts", msg);
                }
            }
        }
        ok.then_some(ids)
    }

    /// Rows that share a key with an earlier row (the same community twice in one list): each
    /// is an issue naming the first; returns the rows to leave out. Linear in the rows, one
    /// message per repeat, so a file of identical rows costs a few lines and a count.
    pub fn duplicates_in_file<K: std::hash::Hash + Eq>(
        &mut self,
        keys: impl Iterator<Item = (usize, K)>,
        column: &str,
        message_key: &'static str,
    ) -> std::collections::HashSet<usize> {
        let mut first: HashMap<K, usize> = HashMap::new();
        let mut out = std::collections::HashSet::new();
        for (row, k) in keys {
            match first.get(&k) {
                Some(&earlier) => {
                    let msg = tf(self.lang(), message_key, &[&earlier]);
                    self.plan.issue(row, column, msg);
                    out.insert(row);
                }
                None => {
                    first.insert(k, row);
                }
            }
        }
        out
    }

    /// The issue for a row that matches a ledger record under `--on-duplicate error`, or the
    /// skip note under `skip`. Returns whether to update.
    pub fn on_duplicate(&mut self, row: usize, key: &str, id: Id) -> bool {
        match self.opts.on_duplicate {
            super::OnDuplicate::Update => true,
            super::OnDuplicate::Skip => {
                let why = tf(self.lang(), "import.ledger.skipped_dup", &[&id]);
                self.plan.skip(row, why);
                false
            }
            super::OnDuplicate::Error => {
                let msg = tf(self.lang(), "import.ledger.dup_in_ledger", &[&id]);
                self.plan.issue(row, key, msg);
                false
            }
        }
    }

    pub fn sheet(&self) -> Sheet {
        self.opts.sheet
    }
}
