//! Drawing the requests screen: the tabs with their counts, then the tab's list. Overdue
//! requests and unvisited households carry ⚑ (not colour alone); a requester's contact and a
//! household's address and contact show as the privacy switches allow.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::{Ask, DemandsScreen, Tab};
use crate::domain::Choice;
use crate::i18n::{t, tf};
use crate::tui::layer::Drawn;
use crate::tui::text::{pad_right, truncate, width};
use crate::tui::widgets::popup_area;

fn put(buf: &mut Buffer, area: Rect, y: u16, text: &str, style: Style) {
    if y < area.height {
        let w = area.width as usize;
        buf.set_stringn(area.x, area.y + y, truncate(text, w), w, style);
    }
}

impl Widget for Drawn<'_, DemandsScreen> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.layer;
        let (lang, theme, p) = (s.lang, self.ui.theme, self.privacy);
        Clear.render(area, buf);
        let name = s
            .data
            .as_ref()
            .map(|d| d.community_name.as_str())
            .unwrap_or("");
        let block = theme.screen_block(&tf(lang, "tui.dem.title", &[&name]));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.height < 3 {
            return;
        }
        let Some(d) = &s.data else {
            put(buf, inner, 0, t(lang, "tui.session.loading"), theme.dim);
            return;
        };
        let counts = [
            d.demands.len(),
            d.households.len(),
            d.suggestions.len(),
            d.meetings.len(),
        ];
        let keys = [
            "tui.dem.tab_demands",
            "tui.dem.tab_households",
            "tui.dem.tab_suggestions",
            "tui.dem.tab_meetings",
        ];
        let tabs: Vec<String> = Tab::ALL
            .iter()
            .zip(keys.iter().zip(counts))
            .map(|(tab, (k, n))| {
                let label = format!("{} {n}", t(lang, k));
                if *tab == s.tab {
                    format!("[{label}]")
                } else {
                    format!(" {label} ")
                }
            })
            .collect();
        put(buf, inner, 0, &tabs.join(" "), theme.key);
        let today = s.today;
        let summary = match s.tab {
            Tab::Demands => {
                let overdue = d
                    .demands
                    .iter()
                    .filter(|l| l.demand.is_overdue(today))
                    .count();
                format!(
                    "{}：{} · {}",
                    t(lang, "tui.cmd.cycle_filter"),
                    s.status.label(lang),
                    tf(lang, "tui.dem.overdue_count", &[&overdue])
                )
            }
            Tab::Households => {
                let n = d.households.iter().filter(|h| s.unvisited(h)).count();
                tf(lang, "tui.dem.unvisited", &[&d.settings.visit_weeks, &n])
            }
            Tab::Suggestions => String::new(),
            Tab::Meetings => tf(
                lang,
                "tui.dem.meetings_check",
                &[&d.meetings_check.detail(lang)],
            ),
        };
        let warn = summary.contains('⚑') && !summary.contains(" 0 ") && !summary.contains("：0 ");
        put(
            buf,
            inner,
            1,
            &summary,
            if warn { theme.warning } else { theme.dim },
        );
        // The tab's keys are in the key-hint line, drawn from the keymap.
        let top = 2;
        let body = Rect {
            y: inner.y + top,
            height: inner.height.saturating_sub(top),
            ..inner
        };
        let lines: Vec<String> = match s.tab {
            Tab::Demands => s
                .demands()
                .iter()
                .map(|l| {
                    let x = &l.demand;
                    let flag = if x.is_overdue(today) { "⚑" } else { " " };
                    let due = x.due.map(|d| d.to_string()).unwrap_or_default();
                    let who = match (l.target.is_empty(), l.accepted_by.is_empty()) {
                        (_, false) => format!("→{}", l.accepted_by),
                        (false, true) => format!("⇢{}", l.target),
                        _ => String::new(),
                    };
                    format!(
                        "{flag} {} {} {} {} {} {} {}",
                        pad_right(x.status.label(lang), 6),
                        x.asked_on,
                        pad_right(&due, 10),
                        pad_right(&x.content, 24),
                        pad_right(&x.requester, 8),
                        pad_right(&p.phone(x.id, &x.contact, lang), 11),
                        who
                    )
                })
                .collect(),
            Tab::Households => {
                // Columns as wide as what they hold in this language (`left-behind child`,
                // `never visited`), so nothing is cut where there is room.
                let kind_w = crate::domain::HouseholdKind::ALL
                    .iter()
                    .map(|k| width(k.label(lang)))
                    .max()
                    .unwrap_or(8);
                let never = t(lang, "tui.dem.no_visit");
                let last_w = width(never).max(10);
                let name_w = d
                    .households
                    .iter()
                    .map(|h| width(&h.household.name))
                    .chain([width(t(lang, "tui.hidden"))])
                    .max()
                    .unwrap_or(8)
                    .max(6);
                d.households
                    .iter()
                    .map(|h| {
                        let x = &h.household;
                        let flag = if s.unvisited(h) { "⚑" } else { " " };
                        let last = h
                            .last_visit
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| t(lang, "tui.dem.no_visit").to_string());
                        let paired: Vec<&str> =
                            h.pairings.iter().map(|(_, n)| n.as_str()).collect();
                        let paired = paired.join("、");
                        let name = if p.presentation {
                            t(lang, "tui.hidden").to_string()
                        } else {
                            x.name.clone()
                        };
                        format!(
                            "{flag} {} {} {} {} {} {}",
                            pad_right(x.kind.label(lang), kind_w),
                            pad_right(&name, name_w),
                            pad_right(&last, last_w),
                            pad_right(&paired, 14),
                            pad_right(&p.phone(x.id, &x.contact, lang), 11),
                            p.address(x.id, &x.address, lang)
                        )
                    })
                    .collect()
            }
            Tab::Suggestions => d
                .suggestions
                .iter()
                .map(|(x, who)| {
                    let outcome = x.outcome.map(|o| o.label(lang)).unwrap_or("");
                    format!(
                        "  {} {} {} {}",
                        x.date,
                        pad_right(who, 8),
                        pad_right(outcome, 4),
                        x.content
                    )
                })
                .collect(),
            Tab::Meetings => d
                .meetings
                .iter()
                .map(|(m, units)| format!("  {} {} · {}", m.date, units.join("、"), m.topics))
                .collect(),
        };
        if lines.is_empty() {
            put(buf, body, 0, t(lang, "tui.dem.empty"), theme.dim);
        }
        for (row, i) in s.list.visible_range(body.height as usize).enumerate() {
            let Some(text) = lines.get(i) else { break };
            let style = if s.list.selected() == Some(i) {
                theme.selection
            } else {
                Style::new()
            };
            buf.set_style(Rect::new(body.x, body.y + row as u16, body.width, 1), style);
            put(buf, body, row as u16, text, style);
        }
        match &s.ask {
            Some(Ask::Reason { prompt, .. }) => {
                prompt.render(area, buf, theme, (self.ui.keymap, lang))
            }
            Some(Ask::Pick { picker, .. }) => {
                let popup = popup_area(area, 60, 14);
                Clear.render(popup, buf);
                let block = theme.screen_block(&picker.title);
                let inner = block.inner(popup);
                block.render(popup, buf);
                if inner.height < 2 {
                    return;
                }
                picker.input.render(Rect { height: 1, ..inner }, buf);
                let list = Rect {
                    y: inner.y + 1,
                    height: inner.height - 1,
                    ..inner
                };
                let shown: Vec<_> = picker.shown().collect();
                for (row, i) in picker.list.visible_range(list.height as usize).enumerate() {
                    let Some(c) = shown.get(i) else { break };
                    let style = if picker.list.selected() == Some(i) {
                        theme.selection
                    } else {
                        Style::new()
                    };
                    put(buf, list, row as u16, &c.label, style);
                }
            }
            Some(Ask::Complete(f)) => {
                let popup = popup_area(area, 64, 8);
                Clear.render(popup, buf);
                let block = theme.screen_block(t(lang, "tui.dem.complete_title"));
                let inner = block.inner(popup);
                block.render(popup, buf);
                let labels = [
                    "tui.dem.f_date",
                    "tui.dem.f_hours",
                    "tui.dem.f_place",
                    "tui.dem.f_content",
                    "tui.dem.f_certifier",
                ];
                for (i, (field, key)) in f.fields.iter().zip(labels).enumerate() {
                    let y = i as u16;
                    if y >= inner.height {
                        break;
                    }
                    let mark = if f.focus == i { "▶" } else { " " };
                    put(
                        buf,
                        inner,
                        y,
                        &format!("{mark}{}", pad_right(t(lang, key), 10)),
                        theme.key,
                    );
                    field.render(field_area(inner, i), buf);
                }
                let note = f.note.text(self.ui.keymap, lang, &super::FORM_CONTEXTS);
                put(buf, inner, 5, &note, theme.dim);
            }
            None => {}
        }
    }
}

/// Where field `i` of the completing row is typed.
fn field_area(inner: Rect, i: usize) -> Rect {
    let x = inner.x + 12;
    Rect::new(x, inner.y + i as u16, inner.width.saturating_sub(12), 1)
}

impl DemandsScreen {
    pub fn cursor_position(&self, area: Rect) -> Option<Position> {
        match &self.ask {
            Some(Ask::Reason { prompt, .. }) => prompt.cursor_position(area),
            Some(Ask::Pick { picker, .. }) => {
                let popup = popup_area(area, 60, 14);
                let inner = Block::new().borders(Borders::ALL).inner(popup);
                Some(picker.input.cursor_position(Rect { height: 1, ..inner }))
            }
            Some(Ask::Complete(f)) => {
                let popup = popup_area(area, 64, 8);
                let inner = Block::new().borders(Borders::ALL).inner(popup);
                f.fields
                    .get(f.focus)
                    .map(|x| x.cursor_position(field_area(inner, f.focus)))
            }
            None => None,
        }
    }
}
