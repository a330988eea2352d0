//! The member detail: every field of 附件2 (在职党员基本情况登记表), the registration history
//! with each registration's status, claimed posts, pairings, suggestions, past evaluations,
//! and this year's figures against the ledger's minimums.
//!
//! Owns: the lines of a member's detail. Must not touch: drawing, loading.

use super::detail::{Line, Tone, check, yes_no};
use crate::domain::Choice;
use crate::i18n::{Lang, t, tf};
use crate::tui::data::MemberDetail;
use crate::tui::privacy::Privacy;

/// Half-hours as hours (`7.5`), for sums that may exceed one `Hours` value.
pub fn hours_text(halves: u32) -> String {
    if halves.is_multiple_of(2) {
        format!("{}", halves / 2)
    } else {
        format!("{}.5", halves / 2)
    }
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

pub fn lines(d: &MemberDetail, lang: Lang, privacy: &Privacy) -> Vec<Line> {
    let m = &d.member;
    let f = |key: &'static str, value: String| Line::field(t(lang, key), value);
    let unit = d.unit.as_ref();
    let unit_and_position = match (unit.map(|u| u.name.as_str()), m.position.as_str()) {
        (Some(u), "") => u.to_string(),
        (Some(u), p) => format!("{u} {p}"),
        (None, p) => p.to_string(),
    };
    let mut out = vec![
        Line::Heading(t(lang, "tui.detail.basic").to_string()),
        f("field.name", m.name.clone()),
        f(
            "tui.f.gender",
            m.gender.map(|g| g.label(lang)).unwrap_or("").into(),
        ),
        f("tui.f.ethnicity", m.ethnicity.clone()),
        f("field.birth", opt(&m.birth)),
        f("tui.f.education", m.education.clone()),
        f("field.joined", opt(&m.joined)),
        f(
            "tui.f.standing",
            m.standing.map(|s| s.label(lang)).unwrap_or("").into(),
        ),
        f("tui.f.health", m.health.clone()),
        f("field.mobile", privacy.phone(m.id, &m.mobile, lang)),
        f("tui.f.unit_position", unit_and_position),
        f("tui.f.unit_phone", m.unit_phone.clone()),
        f("tui.f.address", privacy.address(m.id, &m.address, lang)),
        f("tui.f.specialties", m.specialties.clone()),
        f("tui.f.hobbies", m.hobbies.clone()),
        f("tui.f.deputy", m.deputy.clone()),
        f("tui.f.availability", m.availability.clone()),
        f("tui.f.willing_other", yes_no(lang, m.willing_other).into()),
        f("tui.f.team", m.team.clone()),
        f("tui.f.project", m.project.clone()),
        Line::Blank,
        Line::Heading(t(lang, "tui.detail.registrations").to_string()),
    ];
    if d.registrations.is_empty() {
        out.push(Line::Text(t(lang, "tui.detail.none").into(), Tone::Dim));
    }
    for line in d.registrations.iter().rev() {
        let r = &line.registration;
        let status = r.status(d.today);
        let mut text = format!("{}  {}", line.community, status.label(lang));
        for (key, date) in [
            ("field.issued_on", r.issued_on),
            ("field.report_by", r.report_by),
            ("field.reported_on", r.reported_on),
            ("field.receipt_on", r.receipt_on),
        ] {
            if let Some(date) = date {
                text.push_str(&format!("  {} {date}", t(lang, key)));
            }
        }
        if !r.reason.is_empty() {
            text.push_str(&format!("  {} {}", t(lang, "field.reason"), r.reason));
        }
        let warn = matches!(status, crate::domain::RegStatus::Overdue);
        out.push(Line::Text(text, Tone::Normal).warn_if(warn));
    }
    out.push(Line::Blank);
    out.push(Line::Heading(t(lang, "field.posts").to_string()));
    if d.posts.is_empty() {
        out.push(Line::Text(
            t(lang, "tui.detail.no_post").into(),
            Tone::Warning,
        ));
    } else {
        out.push(Line::Text(d.posts.join("、"), Tone::Normal));
    }
    out.push(Line::Blank);
    out.push(Line::Heading(t(lang, "tui.detail.pairings").to_string()));
    if d.pairings.is_empty() {
        out.push(Line::Text(t(lang, "tui.detail.none").into(), Tone::Dim));
    }
    for p in &d.pairings {
        // The household is a resident in difficulty: hidden when presenting, its address
        // masked like a member's (never revealed here: the record in front is the member).
        let who = p
            .household
            .as_ref()
            .map(|h| {
                if privacy.presentation {
                    format!("{}（{}）", t(lang, "tui.hidden"), h.kind.label(lang))
                } else {
                    format!(
                        "{}（{}）{}",
                        h.name,
                        h.kind.label(lang),
                        privacy.address(h.id, &h.address, lang)
                    )
                }
            })
            .unwrap_or_else(|| t(lang, "tui.form.missing_record").to_string());
        let mut text = tf(lang, "tui.detail.pairing", &[&who, &p.pairing.since]);
        if let Some(end) = p.pairing.ended_on {
            text.push_str(&tf(lang, "tui.detail.ended", &[&end]));
        }
        if !p.pairing.plan.is_empty() {
            text.push_str(&format!("  {}", p.pairing.plan));
        }
        out.push(Line::Text(text, Tone::Normal));
        let visits = match p.last_visit {
            Some(last) => tf(lang, "tui.pair.visits", &[&p.visits, &last]),
            None => t(lang, "tui.dem.no_visit").to_string(),
        };
        // An active pairing never visited is flagged (⚑, not colour alone).
        let unvisited = p.last_visit.is_none() && p.pairing.is_active();
        let flag = if unvisited { "⚑ " } else { "" };
        out.push(Line::Text(format!("  {flag}{visits}"), Tone::Dim).warn_if(unvisited));
    }
    out.push(Line::Blank);
    out.push(Line::Heading(t(lang, "tui.detail.suggestions").to_string()));
    if d.suggestions.is_empty() {
        out.push(Line::Text(t(lang, "tui.detail.none").into(), Tone::Dim));
    }
    for s in d.suggestions.iter().rev() {
        let outcome = s.outcome.map(|o| o.label(lang)).unwrap_or("");
        out.push(Line::Text(
            format!("{}  {}  {outcome}", s.date, s.content),
            Tone::Normal,
        ));
    }
    // Only when there are some: most members have none, and the detail is long already.
    if !d.open_demands.is_empty() {
        out.push(Line::Blank);
        out.push(Line::Heading(
            tf(lang, "tui.detail.open_demands", &[&d.open_demands.len()]).to_string(),
        ));
        for x in &d.open_demands {
            // Overdue is marked with ⚑ as well as the warning tone, so it shows without colour.
            let overdue = x.is_overdue(d.today);
            let due = x.due.map(|v| v.to_string()).unwrap_or_default();
            out.push(Line::Text(
                format!(
                    "{} {}  {}  {}  {due}",
                    if overdue { "⚑" } else { " " },
                    x.asked_on,
                    x.status.label(lang),
                    x.content
                ),
                if overdue { Tone::Warning } else { Tone::Normal },
            ));
        }
    }
    if !d.evaluations.is_empty() {
        out.push(Line::Blank);
        out.push(Line::Heading(t(lang, "tui.detail.evaluations").to_string()));
        for e in d.evaluations.iter().rev() {
            let mut text = format!("{}  {}  {}", e.year, e.grade.label(lang), e.comment);
            if !e.disqualified.is_empty() {
                text.push_str(&tf(lang, "tui.detail.disqualified", &[&e.disqualified]));
            }
            out.push(Line::Text(text, Tone::Normal));
        }
    }
    out.extend(year_lines(d, lang));
    out
}

/// This year's figures from the running totals, each against its minimum.
fn year_lines(d: &MemberDetail, lang: Lang) -> Vec<Line> {
    let (y, s) = (&d.totals, &d.settings);
    let reported = d
        .registrations
        .iter()
        .rev()
        .find(|r| r.registration.is_current())
        .is_some_and(|r| r.registration.status(d.today).is_reported());
    let services_ok = y.certified_services >= s.min_services;
    let suggestions_ok = y.suggestions >= s.min_suggestions;
    vec![
        Line::Blank,
        Line::Heading(tf(lang, "tui.detail.year", &[&d.year])),
        Line::field(
            t(lang, "tui.f.reported"),
            format!("{} {}", check(reported), yes_no(lang, reported)),
        )
        .warn_if(!reported),
        Line::field(
            t(lang, "tui.f.services"),
            tf(
                lang,
                "tui.detail.vs_min",
                &[&check(services_ok), &y.certified_services, &s.min_services],
            ),
        )
        .warn_if(!services_ok),
        Line::field(t(lang, "tui.f.services_all"), y.services.to_string()),
        Line::field(
            t(lang, "tui.f.certified_hours"),
            hours_text(y.certified_halves),
        ),
        Line::field(
            t(lang, "tui.f.suggestions"),
            tf(
                lang,
                "tui.detail.vs_min",
                &[&check(suggestions_ok), &y.suggestions, &s.min_suggestions],
            ),
        )
        .warn_if(!suggestions_ok),
        Line::field(t(lang, "tui.f.posts_claimed"), {
            let ok = !d.posts.is_empty();
            format!("{} {}", check(ok), d.posts.len())
        })
        .warn_if(d.posts.is_empty()),
    ]
}
