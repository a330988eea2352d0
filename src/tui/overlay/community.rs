//! The community detail: the 表1 fields (社区联系方式一览表), its posts with their duties, time
//! and place, and its volunteer teams.
//!
//! Owns: the lines of a community's detail. Must not touch: drawing, loading.

use super::detail::{Line, Tone};
use crate::domain::Choice;
use crate::i18n::{Lang, t};
use crate::tui::data::CommunityDetail;

pub fn lines(d: &CommunityDetail, lang: Lang) -> Vec<Line> {
    let c = &d.community;
    let f = |key: &'static str, value: &str| Line::field(t(lang, key), value);
    // The office phone and address of a Party organization are public (表1 lists them), so
    // they are not masked like a member's.
    let mut out = vec![
        Line::Heading(t(lang, "tui.detail.contacts").to_string()),
        f("field.community_name", &c.name),
        f("tui.f.county", &c.county),
        f("tui.f.street", &c.street),
        f("tui.f.party_org", &c.party_org),
        f("tui.f.secretary", &c.secretary),
        f("field.phone", &c.phone),
        f("tui.f.office", &c.address),
        f("tui.f.service_day", &c.service_day),
        f("tui.f.members_on_file", &d.members.to_string()),
        Line::Blank,
        Line::Heading(t(lang, "tui.pane.posts").to_string()),
    ];
    if d.posts.is_empty() {
        out.push(Line::Text(t(lang, "tui.detail.none").into(), Tone::Dim));
    }
    for p in &d.posts {
        out.push(Line::field(&p.name, join(&[&p.time, &p.place, &p.duties])));
    }
    out.push(Line::Blank);
    out.push(Line::Heading(t(lang, "tui.detail.teams").to_string()));
    if c.teams.is_empty() {
        out.push(Line::Text(t(lang, "tui.detail.none").into(), Tone::Dim));
    }
    for team in &c.teams {
        out.push(Line::field(&team.name, team.basis.label(lang)));
    }
    out
}

/// The non-empty parts, separated for reading.
pub fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("；")
}
