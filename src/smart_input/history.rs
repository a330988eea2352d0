//! Defaults from history: what the clerk typed before in this community, so that a new row
//! starts from the last one and content and place complete as they are typed.
use std::collections::HashMap;

use crate::domain::{ServiceKind, ServiceRecord};

/// Contents and places already used in a community, most used first.
#[derive(Debug, Clone, Default)]
pub struct Completions {
    contents: Vec<(String, usize)>,
    places: Vec<(String, usize)>,
    /// How often each content was saved as each kind (四点半课堂辅导 → 志愿服务 ×12).
    kinds: HashMap<String, HashMap<ServiceKind, usize>>,
}

impl Completions {
    /// Learns from a community's service rows (any order).
    pub fn from_rows<'a>(rows: impl IntoIterator<Item = &'a ServiceRecord>) -> Completions {
        let mut contents: HashMap<&str, usize> = HashMap::new();
        let mut places: HashMap<&str, usize> = HashMap::new();
        let mut kinds: HashMap<String, HashMap<ServiceKind, usize>> = HashMap::new();
        for r in rows {
            *contents.entry(r.content.as_str()).or_default() += 1;
            *kinds
                .entry(r.content.clone())
                .or_default()
                .entry(r.kind)
                .or_default() += 1;
            if !r.place.is_empty() {
                *places.entry(r.place.as_str()).or_default() += 1;
            }
        }
        let sorted = |m: HashMap<&str, usize>| {
            let mut v: Vec<(String, usize)> =
                m.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            v
        };
        Completions {
            contents: sorted(contents),
            places: sorted(places),
            kinds,
        }
    }

    /// Records a saved row so the next completion knows it.
    pub fn learn(&mut self, r: &ServiceRecord) {
        bump(&mut self.contents, &r.content);
        *self
            .kinds
            .entry(r.content.clone())
            .or_default()
            .entry(r.kind)
            .or_default() += 1;
        if !r.place.is_empty() {
            bump(&mut self.places, &r.place);
        }
    }

    /// The most used content that starts with (or, failing that, contains) `typed`.
    pub fn content(&self, typed: &str) -> Option<&str> {
        complete(&self.contents, typed)
    }

    pub fn place(&self, typed: &str) -> Option<&str> {
        complete(&self.places, typed)
    }

    /// The kind this exact content was saved as most often (ties: the first in the list's
    /// order), or `None` for a content never saved here.
    pub fn kind_of(&self, content: &str) -> Option<ServiceKind> {
        let counts = self.kinds.get(content.trim())?;
        let most = counts.values().copied().max()?;
        <ServiceKind as crate::domain::Choice>::ALL
            .iter()
            .copied()
            .find(|k| counts.get(k) == Some(&most))
    }
}

fn bump(list: &mut Vec<(String, usize)>, s: &str) {
    match list.iter_mut().find(|(k, _)| k == s) {
        Some(e) => e.1 += 1,
        None => list.push((s.to_string(), 1)),
    }
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
}

fn complete<'a>(list: &'a [(String, usize)], typed: &str) -> Option<&'a str> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    list.iter()
        .find(|(k, _)| k.starts_with(typed) && k != typed)
        .or_else(|| list.iter().find(|(k, _)| k.contains(typed) && k != typed))
        .or_else(|| {
            // Pinyin initials: `qlld` completes 清理楼道.
            let t = typed.to_lowercase();
            list.iter()
                .find(|(k, _)| super::parse::initials(k).starts_with(&t))
        })
        .map(|(k, _)| k.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::*;
    use chrono::NaiveDate;

    fn row(content: &str, place: &str) -> ServiceRecord {
        ServiceRecord {
            id: Id::new(),
            member: Id(1),
            community: Id(2),
            date: NaiveDate::from_ymd_opt(2026, 5, 1).unwrap_or_default(),
            content: content.into(),
            place: place.into(),
            hours: Hours(2),
            rating: None,
            kind: ServiceKind::Volunteer,
            certification: None,
            activity: None,
            demand: None,
            household: None,
            archived: false,
        }
    }

    #[test]
    fn completes_the_most_used_by_prefix_contains_or_initials() {
        let rows = [
            row("清理楼道", "3号楼"),
            row("清理楼道", "5号楼"),
            row("清洁家园", "小区内"),
            row("反诈宣传", "社区广场"),
        ];
        let mut c = Completions::from_rows(&rows);
        assert_eq!(c.content("清"), Some("清理楼道"));
        assert_eq!(c.content("宣传"), Some("反诈宣传"));
        assert_eq!(c.content("qjjy"), Some("清洁家园"));
        assert_eq!(c.content("清理楼道"), None, "nothing to add");
        assert_eq!(c.place("社区"), Some("社区广场"));
        c.learn(&row("清洁家园", "小区内"));
        c.learn(&row("清洁家园", "小区内"));
        assert_eq!(c.content("清"), Some("清洁家园"));
    }

    #[test]
    fn a_content_remembers_the_kind_it_was_saved_as() {
        let mut theme = row("主题党日", "");
        theme.kind = ServiceKind::Theme;
        let rows = [row("四点半课堂辅导", ""), row("四点半课堂辅导", ""), theme];
        let mut c = Completions::from_rows(&rows);
        assert_eq!(c.kind_of("四点半课堂辅导"), Some(ServiceKind::Volunteer));
        assert_eq!(c.kind_of("主题党日"), Some(ServiceKind::Theme));
        assert_eq!(c.kind_of("没做过的事"), None);
        let mut pairing = row("探望空巢老人", "");
        pairing.kind = ServiceKind::Pairing;
        c.learn(&pairing);
        assert_eq!(c.kind_of("探望空巢老人"), Some(ServiceKind::Pairing));
    }
}
