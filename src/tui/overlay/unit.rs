//! The unit detail: kind, address, Party organization, contact and liaisons, paired
//! community, and the 附件3 figures: declared total against members on file, reported, and
//! the reporting rate against the ledger's threshold (90% by default).
//!
//! Owns: the lines of a unit's detail. Must not touch: drawing, loading.

use super::detail::{Line, Tone, check};
use crate::domain::Choice;
use crate::domain::rules::{UnitRate, unit_rate};
use crate::i18n::{Lang, t, tf};
use crate::tui::data::UnitDetail;
use crate::tui::privacy::Privacy;

/// A rate as 附件3 prints it (`89.9%`, rounded down so it agrees with the flag), or a dash
/// when there is nobody to count.
pub fn rate_text(rate: &UnitRate) -> String {
    match rate.permille() {
        Some(_) => format!("{}%", rate.percent_text()),
        None => rate.percent_text(),
    }
}

pub fn lines(d: &UnitDetail, lang: Lang, privacy: &Privacy) -> Vec<Line> {
    let u = &d.unit;
    let f = |key: &'static str, value: String| Line::field(t(lang, key), value);
    let rate = unit_rate(
        u.declared_members,
        d.stats.on_file as u32,
        d.stats.reported as u32,
        &d.settings,
    );
    let below = rate.below() == Some(true);
    let contact = match (u.contact_name.as_str(), u.contact_phone.as_str()) {
        (name, "") => name.to_string(),
        // The contact's phone is a person's number: masked like a member's.
        (name, phone) => format!("{name} {}", privacy.phone(u.id, phone, lang)),
    };
    let mut out = vec![
        Line::Heading(t(lang, "tui.detail.unit").to_string()),
        f("field.unit_name", u.name.clone()),
        f("tui.f.unit_kind", u.kind.label(lang).to_string()),
        f("tui.f.office", u.address.clone()),
        f("tui.f.party_org", u.party_org.clone()),
        f("tui.f.contact", contact),
        f("tui.f.paired_community", d.paired_community.clone()),
        Line::Blank,
        Line::Heading(t(lang, "tui.detail.liaisons").to_string()),
    ];
    if u.liaisons.is_empty() {
        out.push(Line::Text(
            t(lang, "tui.detail.no_liaison").into(),
            Tone::Warning,
        ));
    }
    for l in &u.liaisons {
        out.push(Line::Text(l.clone(), Tone::Normal));
    }
    out.extend([
        Line::Blank,
        Line::Heading(t(lang, "tui.detail.reporting").to_string()),
        f("tui.f.declared", u.declared_members.to_string()),
        f("tui.f.members_on_file", d.stats.on_file.to_string()),
        f("tui.f.reported_count", d.stats.reported.to_string()),
        f(
            "tui.f.rate",
            tf(
                lang,
                "tui.detail.rate_vs",
                &[
                    &check(!below),
                    &rate_text(&rate),
                    &d.settings.unit_rate_percent,
                ],
            ),
        )
        .warn_if(below),
    ]);
    if let Some(note) = rate.note(lang).filter(|_| rate.beyond_declared()) {
        out.push(Line::Text(note, Tone::Warning));
    }
    if (d.stats.on_file as u64) < u.declared_members as u64 {
        out.push(Line::Text(
            tf(
                lang,
                "tui.detail.missing_members",
                &[&(u.declared_members as usize - d.stats.on_file)],
            ),
            Tone::Dim,
        ));
    }
    out
}
