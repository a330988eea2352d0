//! Details of a post (duties, time, place, who claimed it) and of one service row of a card
//! (every field, the certification in full).
//!
//! Owns: the lines of these two details. Must not touch: drawing, loading.

use super::detail::{Line, Tone};
use super::member::hours_text;
use crate::domain::Choice;
use crate::i18n::{Lang, t};
use crate::tui::data::{PostDetail, ServiceDetail};

pub fn post_lines(d: &PostDetail, lang: Lang) -> Vec<Line> {
    let p = &d.post;
    let f = |key: &'static str, value: &str| Line::field(t(lang, key), value);
    let mut out = vec![
        f("field.post_name", &p.name),
        f("tui.f.duties", &p.duties),
        f("tui.f.post_time", &p.time),
        f("field.place", &p.place),
        Line::Blank,
        Line::Heading(format!(
            "{}（{}）",
            t(lang, "tui.detail.holders"),
            d.holders.len()
        )),
    ];
    if d.holders.is_empty() {
        out.push(Line::Text(t(lang, "tui.detail.none").into(), Tone::Dim));
    } else {
        out.push(Line::Text(d.holders.join("、"), Tone::Normal));
    }
    out
}

pub fn service_lines(d: &ServiceDetail, lang: Lang) -> Vec<Line> {
    let r = &d.record;
    let f = |key: &'static str, value: String| Line::field(t(lang, key), value);
    let certification = match &r.certification {
        Some(c) => format!("✓ {} {}（{}）", c.name, c.on, c.role.label(lang)),
        None => t(lang, "tui.card.uncertified").to_string(),
    };
    vec![
        f("field.member", d.member.clone()),
        f("field.community", d.community.clone()),
        f("tui.card.date", r.date.to_string()),
        f("field.content", r.content.clone()),
        f("field.place", r.place.clone()),
        f("field.hours", hours_text(r.hours.halves())),
        f("tui.f.kind", r.kind.label(lang).to_string()),
        f(
            "tui.card.rating",
            r.rating.map(|x| x.label(lang)).unwrap_or("").to_string(),
        ),
        f("tui.card.certified", certification).warn_if(r.certification.is_none()),
    ]
}
