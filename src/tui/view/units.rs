//! The 单位 view: every unit with its kind, paired community, declared total, members on
//! file, reported and reporting rate (附件3), the rate marked when below the ledger's
//! threshold and members on file beyond the declared total marked `!`. The list holds the
//! units' ids; the lines are read only for the units on screen, and until they arrive a row
//! shows `…`.
//!
//! Owns: the units table. Must not touch: state, the store.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::{filter_line, pane_block};
use crate::domain::Choice;
use crate::domain::rules::unit_rate;
use crate::i18n::{t, tf};
use crate::tui::app::App;
use crate::tui::layout::{inner, list_parts};
use crate::tui::overlay::detail::check;
use crate::tui::overlay::unit::rate_text;
use crate::tui::widgets::list::{Column, ColumnWidth, TableView};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang();
    let theme = &app.config.theme;
    let focused = app.overlays.is_empty();
    let title = tf(
        lang,
        "tui.units.title",
        &[&app.units.shown_len(), &app.settings.unit_rate_percent],
    );
    pane_block(theme, &title, focused).render(area, buf);
    let inside = inner(area);
    if inside.is_empty() {
        return;
    }
    let list = &app.units;
    let parts = list_parts(inside, false, list.filtering || list.is_filtered());
    let wide = inside.width >= 70;
    let mut columns = vec![Column::new(
        t(lang, "field.unit_name"),
        ColumnWidth::Fill(3),
    )];
    if wide {
        columns.push(Column::new(
            t(lang, "tui.f.unit_kind"),
            ColumnWidth::Fixed(8),
        ));
        columns.push(Column::new(
            t(lang, "tui.f.paired_community"),
            ColumnWidth::Fill(2),
        ));
    }
    columns.extend([
        Column::new(t(lang, "tui.col.declared"), ColumnWidth::Fixed(6)).right(),
        Column::new(t(lang, "tui.col.on_file"), ColumnWidth::Fixed(6)).right(),
        Column::new(t(lang, "tui.col.reported"), ColumnWidth::Fixed(6)).right(),
        Column::new(t(lang, "tui.f.rate"), ColumnWidth::Fixed(8)).right(),
    ]);
    let cells = |i: usize| {
        let Some(entry) = list.shown(i) else {
            return Vec::new();
        };
        let Some(u) = app.unit_rows.get(&entry.0) else {
            return vec!["…".to_string(); columns.len()];
        };
        let mut c = vec![u.name.clone()];
        if wide {
            c.push(u.kind.label(lang).to_string());
            c.push(u.paired_community.clone());
        }
        // 0 means the unit declared no total, not that it has no members.
        c.push(if u.declared > 0 {
            u.declared.to_string()
        } else {
            "—".to_string()
        });
        let s = u.stats;
        // The one definition of 附件3's rate (domain::rules::unit_rate).
        let rate = unit_rate(
            u.declared,
            s.on_file as u32,
            s.reported as u32,
            &app.settings,
        );
        let mark = match rate.below() {
            Some(below) => check(!below),
            None => "",
        };
        // More members on file than the unit declared: flagged, as on 附件3.
        c.push(if rate.beyond_declared() {
            format!("!{}", s.on_file)
        } else {
            s.on_file.to_string()
        });
        c.push(s.reported.to_string());
        c.push(format!("{mark}{}", rate_text(&rate)));
        c
    };
    let empty = if list.loaded {
        if list.is_filtered() {
            t(lang, "tui.filter.none")
        } else {
            t(lang, "tui.empty.units")
        }
    } else {
        t(lang, "tui.loading")
    };
    TableView {
        columns: &columns,
        state: &list.list,
        cells,
        header: Some(theme.table_header),
        selection_style: theme.selection_style(focused),
        empty,
    }
    .render(parts.table, buf);
    if let Some(line) = parts.filter {
        filter_line(app, list, line, buf);
    }
}
