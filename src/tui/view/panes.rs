//! The four panes of the main screen: 社区, 党员, 岗位, 服务记录卡 (附件5).
//!
//! Columns are chosen by the width the pane has: a narrow pane drops the less essential
//! columns (unit, place) rather than squeezing every column to a few characters.
//!
//! Owns: the columns and cells of each pane. Must not touch: state, the store.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::{filter_line, pane_block, pane_key_and};
use crate::domain::Choice;
use crate::i18n::{t, tf};
use crate::tui::app::App;
use crate::tui::data::{MemberRow, PostRow};
use crate::tui::layout::{Pane, inner, list_parts};
use crate::tui::overlay::member::hours_text;
use crate::tui::pane::{PaneList, PaneRow};
use crate::tui::text::truncate;
use crate::tui::widgets::list::{Column, ColumnWidth, ListState, TableView};

pub fn render(app: &App, pane: Pane, area: Rect, buf: &mut Buffer) {
    let lang = app.lang();
    let focused = app.focus == pane && app.overlays.is_empty();
    let title = match pane {
        Pane::Communities => format!(
            "{} ({})",
            t(lang, "tui.pane.communities"),
            app.communities.shown_len()
        ),
        Pane::Members => match app.selected_community() {
            Some(c) => format!(
                "{} · {} ({})",
                t(lang, "tui.pane.members"),
                c.name,
                app.members.shown_len()
            ),
            None => t(lang, "tui.pane.members").to_string(),
        },
        Pane::Posts => match (app.focus, app.selected_member()) {
            (Pane::Members, Some(m)) => tf(lang, "tui.pane.claimed_by", &[&m.name]),
            _ => format!("{} ({})", t(lang, "tui.pane.posts"), app.posts.shown_len()),
        },
        Pane::Card => match app.selected_member() {
            Some(m) if m.unit.is_empty() => format!("{} · {}", t(lang, "tui.pane.card"), m.name),
            Some(m) => format!("{} · {}（{}）", t(lang, "tui.pane.card"), m.name, m.unit),
            None => t(lang, "tui.pane.card").to_string(),
        },
    };
    let title = pane_key_and(app, Some(pane), &title);
    let block = pane_block(&app.config.theme, &title, focused);
    let inside = inner(area);
    block.render(area, buf);
    if inside.is_empty() {
        return;
    }
    match pane {
        Pane::Communities => communities(app, inside, focused, buf),
        Pane::Members => members(app, inside, focused, buf),
        Pane::Posts if app.focus == Pane::Members => claimed(app, inside, buf),
        Pane::Posts => posts(app, inside, focused, buf),
        Pane::Card => card(app, inside, focused, buf),
    }
}

/// What a pane's table shows.
struct Table<'a, T> {
    columns: &'a [Column],
    cells: &'a dyn Fn(&T) -> Vec<String>,
    /// Shown when the list is loaded and has no rows.
    empty: &'a str,
    /// Whether a foot line is kept below the rows.
    foot: bool,
    /// Whether the rows are being read (as opposed to there being nothing to read).
    loading: bool,
}

/// Draws a list's table and its filter line; returns the foot line if one was kept.
fn table<T: PaneRow>(
    app: &App,
    list: &PaneList<T>,
    area: Rect,
    focused: bool,
    spec: Table<'_, T>,
    buf: &mut Buffer,
) -> Option<Rect> {
    let theme = &app.config.theme;
    let filter = list.filtering || list.is_filtered();
    let parts = list_parts(area, spec.foot, filter);
    let (columns, cells, empty) = (spec.columns, spec.cells, spec.empty);
    let loading = t(app.lang(), "tui.loading");
    let empty = if spec.loading {
        loading
    } else if list.is_filtered() && !list.rows().is_empty() {
        t(app.lang(), "tui.filter.none")
    } else {
        empty
    };
    TableView {
        columns,
        state: &list.list,
        cells: |i: usize| list.shown(i).map(cells).unwrap_or_default(),
        header: Some(theme.table_header),
        selection_style: theme.selection_style(focused),
        empty,
    }
    .render(parts.table, buf);
    if let Some(line) = parts.filter {
        filter_line(app, list, line, buf);
    }
    parts.foot
}

fn communities(app: &App, area: Rect, focused: bool, buf: &mut Buffer) {
    let lang = app.lang();
    let mut columns = vec![Column::new(
        t(lang, "tui.col.community"),
        ColumnWidth::Fill(3),
    )];
    if area.width >= 30 {
        columns.push(Column::new(t(lang, "tui.col.street"), ColumnWidth::Fill(2)));
    }
    let empty = t(lang, "tui.empty.communities");
    // A line not read yet (it arrives with the next frame) shows blank.
    let cells = |c: &crate::tui::data::CommunityEntry| match app.community_rows.get(&c.0) {
        Some(r) => vec![r.name.clone(), r.street.clone()],
        None => Vec::new(),
    };
    let spec = Table {
        columns: &columns,
        cells: &cells,
        empty,
        foot: false,
        loading: !app.communities.loaded,
    };
    table(app, &app.communities, area, focused, spec, buf);
}

/// The status column is as wide as the language's longest label.
fn status_width(app: &App) -> u16 {
    crate::domain::RegStatus::ALL
        .iter()
        .map(|s| crate::tui::text::width(s.label(app.lang())) as u16)
        .max()
        .unwrap_or(8)
        .min(16)
}

fn members(app: &App, area: Rect, focused: bool, buf: &mut Buffer) {
    let lang = app.lang();
    let w = area.width;
    let phone = w >= 40;
    let unit = w >= 54;
    let mut columns = vec![Column::new(t(lang, "field.name"), ColumnWidth::Fixed(8))];
    if phone {
        columns.push(Column::new(t(lang, "field.mobile"), ColumnWidth::Fixed(11)));
    }
    if unit {
        columns.push(Column::new(t(lang, "field.unit"), ColumnWidth::Fill(1)));
    }
    columns.push(Column::new(
        t(lang, "tui.col.status"),
        ColumnWidth::Fixed(status_width(app)),
    ));
    columns.push(
        Column::new(
            &tf(lang, "tui.col.year_hours", &[&app.year()]),
            ColumnWidth::Fixed(8),
        )
        .right(),
    );
    if !unit {
        // Without a unit column, the name takes what is left.
        columns[0].width = ColumnWidth::Fill(1);
    }
    let cells = |m: &MemberRow| {
        let mut c = vec![m.name.clone()];
        if phone {
            c.push(app.privacy.phone(m.id, &m.mobile, lang));
        }
        if unit {
            c.push(m.unit.clone());
        }
        c.push(
            m.status
                .map(|s| s.label(lang).to_string())
                .unwrap_or_else(|| t(lang, "tui.no_registration").to_string()),
        );
        c.push(hours_text(m.certified_halves));
        c
    };
    let empty = t(lang, "tui.empty.members");
    let spec = Table {
        columns: &columns,
        cells: &cells,
        empty,
        foot: false,
        loading: app.members_of.is_some() && !app.members.loaded,
    };
    table(app, &app.members, area, focused, spec, buf);
}

fn post_columns(app: &App, w: u16, holders: bool) -> Vec<Column> {
    let lang = app.lang();
    let mut columns = vec![Column::new(
        t(lang, "field.post_name"),
        ColumnWidth::Fill(3),
    )];
    if holders {
        columns.push(Column::new(t(lang, "tui.col.holders"), ColumnWidth::Fixed(6)).right());
    }
    if w >= 50 {
        columns.push(Column::new(t(lang, "tui.col.time"), ColumnWidth::Fill(3)));
    }
    if w >= 70 {
        columns.push(Column::new(t(lang, "field.place"), ColumnWidth::Fill(2)));
    }
    columns
}

fn post_cells(p: &PostRow, w: u16, holders: bool) -> Vec<String> {
    let mut c = vec![p.name.clone()];
    if holders {
        c.push(p.holders.to_string());
    }
    if w >= 50 {
        c.push(p.time.clone());
    }
    if w >= 70 {
        c.push(p.place.clone());
    }
    c
}

fn posts(app: &App, area: Rect, focused: bool, buf: &mut Buffer) {
    let w = area.width;
    let columns = post_columns(app, w, true);
    let empty = t(app.lang(), "tui.empty.posts");
    let cells = |p: &PostRow| post_cells(p, w, true);
    let spec = Table {
        columns: &columns,
        cells: &cells,
        empty,
        foot: false,
        loading: app.members_of.is_some() && !app.posts.loaded,
    };
    table(app, &app.posts, area, focused, spec, buf);
}

/// With the member pane focused: the posts the selected member claimed, from the
/// community's posts already loaded.
fn claimed(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    let w = area.width;
    let rows: Vec<&PostRow> = match app.selected_member() {
        Some(m) => m
            .posts
            .iter()
            .filter_map(|id| app.posts.rows().iter().find(|p| p.id == *id))
            .collect(),
        None => Vec::new(),
    };
    let mut state = ListState::new(rows.len());
    state.select(None);
    let columns = post_columns(app, w, false);
    TableView {
        columns: &columns,
        state: &state,
        cells: |i: usize| {
            rows.get(i)
                .map(|p| post_cells(p, w, false))
                .unwrap_or_default()
        },
        header: Some(theme.table_header),
        selection_style: theme.selection_style(false),
        empty: t(app.lang(), "tui.empty.claimed"),
    }
    .render(area, buf);
}

fn card(app: &App, area: Rect, focused: bool, buf: &mut Buffer) {
    let lang = app.lang();
    let w = area.width;
    let place = w >= 60;
    let rating = w >= 50;
    let mut columns = vec![
        Column::new(t(lang, "tui.card.date"), ColumnWidth::Fixed(10)),
        Column::new(t(lang, "field.content"), ColumnWidth::Fill(3)),
    ];
    if place {
        columns.push(Column::new(t(lang, "field.place"), ColumnWidth::Fill(2)));
    }
    columns.push(Column::new(t(lang, "tui.card.hours"), ColumnWidth::Fixed(4)).right());
    if rating {
        columns.push(Column::new(
            t(lang, "tui.card.rating"),
            ColumnWidth::Fixed(4),
        ));
    }
    columns.push(Column::new(
        t(lang, "tui.card.certified"),
        ColumnWidth::Fixed(10),
    ));
    let cells = |r: &crate::tui::data::ServiceRow| {
        // Rows in the range `v` marked (to certify together) carry a marker.
        let date = if app.entry.is_marked(&app.card, r.id) {
            format!("▶{}", r.date.format("%y-%m-%d"))
        } else {
            r.date.to_string()
        };
        let mut c = vec![date, r.content.clone()];
        if place {
            c.push(r.place.clone());
        }
        c.push(hours_text(r.hours.halves()));
        if rating {
            c.push(r.rating.map(|x| x.label(lang)).unwrap_or("").to_string());
        }
        c.push(match &r.certified_by {
            Some(name) => format!("✓{name}"),
            None => String::new(),
        });
        c
    };
    let empty = if app.members.selected().is_some() {
        t(lang, "tui.empty.card")
    } else {
        t(lang, "tui.empty.no_member")
    };
    let spec = Table {
        columns: &columns,
        cells: &cells,
        empty,
        foot: true,
        loading: app.card_of.is_some() && !app.card.loaded,
    };
    let foot = table(app, &app.card, area, focused, spec, buf);
    if let Some(foot) = foot
        && app.card.loaded
    {
        let halves: u32 = app.card.rows().iter().map(|r| r.certified_halves()).sum();
        let text = tf(lang, "tui.card.total", &[&hours_text(halves)]);
        let cols = foot.width as usize;
        buf.set_stringn(
            foot.x,
            foot.y,
            truncate(&text, cols),
            cols,
            app.config.theme.table_header,
        );
    }
}
