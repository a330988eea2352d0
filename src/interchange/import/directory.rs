//! The names an imported file uses, looked up in one snapshot of the ledger: communities and
//! units by name, posts by name within their community, members by name and mobile.
//!
//! Built once per import so that 100,000 rows cost 100,000 hash lookups, not 100,000 scans.
//! Members are kept as small keys (a province holds a million of them), not whole records.
use std::collections::HashMap;

use crate::domain::{Community, Household, Id, Member, Pairing, Post, Unit};
use crate::store::{StoreError, View};

/// What the rows need to know of a member: which one, and their current community.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberRef {
    pub id: Id,
    pub community: Option<Id>,
    pub unit: Option<Id>,
}

/// Ledger names, by name.
#[derive(Default)]
pub struct Directory {
    pub communities: HashMap<String, Vec<Community>>,
    pub units: HashMap<String, Vec<Unit>>,
    /// Posts of each community, by name.
    posts: HashMap<Id, HashMap<String, Vec<Post>>>,
    members: Option<Members>,
    /// Households in difficulty of each community, by name (loaded with the members).
    households: HashMap<Id, HashMap<String, Vec<Id>>>,
    /// The members paired with each household, while the pairing lasts.
    paired: HashMap<Id, Vec<Id>>,
    /// Every pairing of each household (ended ones too), for the dates a visit may have.
    pairings: HashMap<Id, Vec<Pairing>>,
}

#[derive(Default)]
struct Members {
    by_name: HashMap<String, Vec<(String, MemberRef)>>,
    by_mobile: HashMap<String, Vec<MemberRef>>,
    by_id: HashMap<Id, MemberRef>,
}

impl Directory {
    /// Communities, units and posts (small tables); members only when `with_members`.
    pub fn load(view: &View, with_members: bool) -> Result<Directory, StoreError> {
        let mut d = Directory::default();
        for c in view.communities()? {
            if !c.archived {
                d.communities.entry(c.name.clone()).or_default().push(c);
            }
        }
        for u in view.units()? {
            if !u.archived {
                d.units.entry(u.name.clone()).or_default().push(u);
            }
        }
        view.for_each::<Post>(|p| {
            if !p.archived {
                d.posts
                    .entry(p.community)
                    .or_default()
                    .entry(p.name.clone())
                    .or_default()
                    .push(p);
            }
            Ok(())
        })?;
        if with_members {
            let mut m = Members::default();
            view.for_each::<Member>(|x| {
                if x.archived {
                    return Ok(());
                }
                let r = MemberRef {
                    id: x.id,
                    community: x.community,
                    unit: x.unit,
                };
                if !x.mobile.is_empty() {
                    m.by_mobile.entry(x.mobile.clone()).or_default().push(r);
                }
                m.by_id.insert(x.id, r);
                m.by_name.entry(x.name).or_default().push((x.mobile, r));
                Ok(())
            })?;
            d.members = Some(m);
            view.for_each::<Household>(|h| {
                if !h.archived {
                    d.add_household(&h);
                }
                Ok(())
            })?;
            view.for_each::<Pairing>(|p| {
                if p.is_active() {
                    d.paired.entry(p.household).or_default().push(p.member);
                }
                d.pairings.entry(p.household).or_default().push(p);
                Ok(())
            })?;
        }
        Ok(d)
    }

    pub fn communities_named(&self, name: &str) -> &[Community] {
        self.communities.get(name).map_or(&[], Vec::as_slice)
    }

    pub fn units_named(&self, name: &str) -> &[Unit] {
        self.units.get(name).map_or(&[], Vec::as_slice)
    }

    /// Posts of `community` named `name`.
    pub fn posts_named(&self, community: Id, name: &str) -> &[Post] {
        self.posts
            .get(&community)
            .and_then(|m| m.get(name))
            .map_or(&[], Vec::as_slice)
    }

    /// The names of a community's posts, sorted (for "use one of …" messages).
    pub fn post_names(&self, community: Id) -> Vec<String> {
        let mut v: Vec<String> = self
            .posts
            .get(&community)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        v.sort();
        v
    }

    /// Adds the records a sheet plans to add or update, so that the next sheet of a workbook
    /// finds them as if they were in the ledger.
    pub fn absorb(&mut self, steps: &[super::Step]) {
        use crate::domain::Record;
        for step in steps {
            match &step.record {
                Record::Community(c) => {
                    let list = self.communities.entry(c.name.clone()).or_default();
                    list.retain(|x| x.id != c.id);
                    list.push(c.clone());
                }
                Record::Unit(u) => {
                    let list = self.units.entry(u.name.clone()).or_default();
                    list.retain(|x| x.id != u.id);
                    list.push(u.clone());
                }
                Record::Post(p) => {
                    let known = self.posts_named(p.community, &p.name);
                    if !known.iter().any(|x| x.id == p.id) {
                        self.add_post(p.clone());
                    }
                }
                Record::Member(m) => {
                    let Some(members) = &mut self.members else {
                        continue;
                    };
                    let r = MemberRef {
                        id: m.id,
                        community: m.community,
                        unit: m.unit,
                    };
                    let same = members.by_name.entry(m.name.clone()).or_default();
                    same.retain(|(_, x)| x.id != m.id);
                    same.push((m.mobile.clone(), r));
                    if !m.mobile.is_empty() {
                        let by = members.by_mobile.entry(m.mobile.clone()).or_default();
                        by.retain(|x| x.id != m.id);
                        by.push(r);
                    }
                    members.by_id.insert(m.id, r);
                }
                Record::Household(h) if !step.update => self.add_household(h),
                Record::Pairing(p) => {
                    if !step.update && p.is_active() {
                        self.paired.entry(p.household).or_default().push(p.member);
                    }
                    let all = self.pairings.entry(p.household).or_default();
                    all.retain(|q| q.id != p.id);
                    all.push(p.clone());
                }
                _ => {}
            }
        }
    }

    fn add_household(&mut self, h: &Household) {
        self.households
            .entry(h.community)
            .or_default()
            .entry(h.name.clone())
            .or_default()
            .push(h.id);
    }

    /// The households of `community` named `name`.
    pub fn households_named(&self, community: Id, name: &str) -> &[Id] {
        self.households
            .get(&community)
            .and_then(|m| m.get(name))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether `member` was paired with `household` on `day` (on file or planned by this
    /// import): the store's rule for a visit ([`Pairing::covers`]).
    pub fn covers(&self, household: Id, member: Id, day: chrono::NaiveDate) -> bool {
        self.pairings
            .get(&household)
            .is_some_and(|ps| ps.iter().any(|p| p.covers(member, day)))
    }

    /// The members paired with `household` now.
    pub fn paired_with(&self, household: Id) -> &[Id] {
        self.paired.get(&household).map_or(&[], Vec::as_slice)
    }

    /// Records a post created by this import, so later rows find it.
    pub fn add_post(&mut self, p: Post) {
        self.posts
            .entry(p.community)
            .or_default()
            .entry(p.name.clone())
            .or_default()
            .push(p);
    }

    /// Splits `工作单位及职务` into a unit name and a position: at the longest unit name
    /// already known (in the ledger, or one `also_known` says this file created earlier) that
    /// starts the text, else at the first space (how 附件4 exports write it), else all of it
    /// is the unit.
    pub fn split_unit_position(
        &self,
        text: &str,
        also_known: impl Fn(&str) -> bool,
    ) -> (String, String) {
        let text = text.trim();
        // The longest beginning of the text that names a unit: a lookup per character of the
        // cell, not a comparison with every unit of the ledger (a province has tens of
        // thousands, a roster a hundred thousand rows).
        let ends_longest_first = std::iter::once(text.len())
            .chain(text.char_indices().rev().map(|(i, _)| i))
            .filter(|&end| end > 0);
        let known = ends_longest_first
            .map(|end| &text[..end])
            .find(|name| self.units.contains_key(*name) || also_known(name));
        if let Some(n) = known {
            return (n.to_string(), text[n.len()..].trim().to_string());
        }
        match text.split_once(|c: char| c.is_whitespace() || c == '\u{3000}') {
            Some((u, p)) => (u.trim().to_string(), p.trim().to_string()),
            None => (text.to_string(), String::new()),
        }
    }

    /// Members with this name and, when given, this mobile. A row without a mobile matches
    /// by name alone.
    pub fn members_named(&self, name: &str, mobile: Option<&str>) -> Vec<MemberRef> {
        let Some(m) = &self.members else {
            return Vec::new();
        };
        m.by_name
            .get(name)
            .map(|v| {
                v.iter()
                    .filter(|(mob, _)| mobile.is_none_or(|want| mob == want))
                    .map(|(_, r)| *r)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every member named `name`, with their mobile.
    pub fn namesakes(&self, name: &str) -> &[(String, MemberRef)] {
        self.members
            .as_ref()
            .and_then(|m| m.by_name.get(name))
            .map_or(&[], Vec::as_slice)
    }

    /// The name of the unit with this id, for messages.
    pub fn unit_name(&self, id: Id) -> Option<&str> {
        self.units
            .values()
            .flatten()
            .find(|u| u.id == id)
            .map(|u| u.name.as_str())
    }

    pub fn members_with_mobile(&self, mobile: &str) -> Vec<MemberRef> {
        self.members
            .as_ref()
            .and_then(|m| m.by_mobile.get(mobile))
            .cloned()
            .unwrap_or_default()
    }

    pub fn member(&self, id: Id) -> Option<MemberRef> {
        self.members.as_ref()?.by_id.get(&id).copied()
    }

    /// The exact (name, mobile) match of the roster's duplicate rule: a row without a mobile
    /// matches only a member on file without one.
    pub fn member_exact(&self, name: &str, mobile: &str) -> Vec<MemberRef> {
        let Some(m) = &self.members else {
            return Vec::new();
        };
        m.by_name
            .get(name)
            .map(|v| {
                v.iter()
                    .filter(|(mob, _)| mob == mobile)
                    .map(|(_, r)| *r)
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_and_position_split_at_the_longest_known_unit() {
        let mut d = Directory::default();
        for name in ["曲靖市", "曲靖市第一中学"] {
            d.units.insert(name.into(), Vec::new());
        }
        let split = |text: &str| d.split_unit_position(text, |n| n == "新单位");
        let pair = |u: &str, p: &str| (u.to_string(), p.to_string());
        assert_eq!(split("曲靖市第一中学 教师"), pair("曲靖市第一中学", "教师"));
        assert_eq!(
            split(" 曲靖市第一中学教师 "),
            pair("曲靖市第一中学", "教师")
        );
        assert_eq!(split("曲靖市财政局 科员"), pair("曲靖市", "财政局 科员"));
        assert_eq!(split("新单位副主任"), pair("新单位", "副主任"));
        assert_eq!(split("某某公司　会计"), pair("某某公司", "会计"));
        assert_eq!(split("曲靖市第一中学"), pair("曲靖市第一中学", ""));
        assert_eq!(split("个体"), pair("个体", ""));
    }
}
