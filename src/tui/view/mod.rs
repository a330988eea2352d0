//! Drawing the app: header, panes (or the units view), key hints, status line, overlays.
//!
//! Everything here reads `&App` and writes cells; nothing changes state or reads the ledger.
//! Rows are formatted only for the lines on screen.
//!
//! Owns: how the screen looks. Must not touch: state, the store, keys.

mod panes;
mod units;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Block, Borders, Widget};

use super::app::App;
use super::command::{CommandId, Context};
use super::layout::{Layout, MIN_HEIGHT, MIN_WIDTH, Pane, Screen, inner, list_parts};
use super::text::{truncate, width};
use super::theme::Theme;
use crate::domain::safe_text;
use crate::i18n::{t, tf};

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = &self.config.theme;
        let Some(layout) = super::layout::layout(area, self.screen, self.focus) else {
            too_small(self, area, buf);
            return;
        };
        header(self, &layout, buf);
        match self.screen {
            Screen::Main => {
                for (pane, rect) in &layout.panes {
                    panes::render(self, *pane, *rect, buf);
                }
            }
            Screen::Units => units::render(self, layout.body, buf),
        }
        hints(self, layout.hints, buf);
        status(self, layout.status, buf);
        // Over the body only: the header (read-only, presentation) and the key hints stay
        // in sight while a popup is open.
        for overlay in &self.overlays {
            let ui = crate::tui::layer::Ui {
                theme,
                lang: self.lang(),
                keymap: &self.config.keymap,
            };
            crate::tui::layer::Draw::render(overlay.layer(), layout.body, buf, ui, &self.privacy);
        }
        if !self.overlays.is_empty() {
            blank_overdrawn_wide_chars(area, buf);
        }
        neutralise_cells(area, buf);
    }
}

/// The last pass over every frame: a cell holding a character the ledger refuses (stored
/// before the rule, or arrived some other way) loses it, so nothing drawn can act on the
/// terminal. One pass here covers every screen and popup.
fn neutralise_cells(area: Rect, buf: &mut Buffer) {
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(cell) = buf.cell_mut((x, y))
                && safe_text::unsafe_in_cell(cell.symbol())
            {
                let kept = safe_text::strip(cell.symbol());
                cell.set_symbol(if kept.is_empty() { " " } else { &kept });
            }
        }
    }
}

/// A popup's border drawn over the right half of a Chinese character beneath would be hidden
/// by that character on a real terminal (and in the text of a screenshot): such characters
/// are blanked, so the border shows.
fn blank_overdrawn_wide_chars(area: Rect, buf: &mut Buffer) {
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right().saturating_sub(1) {
            let wide = buf.cell((x, y)).is_some_and(|c| width(c.symbol()) > 1);
            let covered = buf.cell((x + 1, y)).is_some_and(|c| c.symbol() != " ");
            if wide
                && covered
                && let Some(cell) = buf.cell_mut((x, y))
            {
                cell.set_symbol(" ");
            }
        }
    }
}

/// Where the terminal cursor belongs (the caret of the field being typed in), if anywhere.
pub fn cursor(app: &App, area: Rect) -> Option<Position> {
    let layout = super::layout::layout(area, app.screen, app.focus)?;
    if let Some(top) = app.overlays.last() {
        return top.layer().cursor(layout.body);
    }
    let list = app.active();
    if !list.filtering() {
        return None;
    }
    let rect = match app.screen {
        Screen::Units => layout.body,
        Screen::Main => layout.pane(app.focus)?,
    };
    let parts = list_parts(inner(rect), app.focus == Pane::Card, true);
    let field = filter_field(parts.filter?);
    Some(list.filter_input().cursor_position(field))
}

/// The text field of a filter line, after its `/ ` prompt.
fn filter_field(line: Rect) -> Rect {
    let prompt = 2.min(line.width);
    Rect::new(line.x + prompt, line.y, line.width - prompt, 1)
}

/// Draws the filter line of a list: the prompt and the typed text.
fn filter_line(app: &App, list: &dyn super::app::ListPane, line: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    buf.set_stringn(line.x, line.y, "/ ", line.width as usize, theme.key);
    let field = filter_field(line);
    if list.filtering() {
        list.filter_input().render(field, buf);
    } else {
        // The key that clears it, as bound in a list.
        let clear = crate::tui::keymap::key_in(
            &app.config.keymap,
            &[Context::List, Context::Global],
            CommandId::Cancel,
        );
        let text = tf(
            app.lang(),
            "tui.filter.applied",
            &[&list.filter_input().value(), &clear],
        );
        buf.set_stringn(
            field.x,
            field.y,
            truncate(&text, field.width as usize),
            field.width as usize,
            theme.dim,
        );
    }
}

/// A pane's name after the key that brings it forward (`1 社区`), as the keymap binds it; the
/// units view (`pane` None) after the units key. A pane without a key is its name alone.
fn pane_key_and(app: &App, pane: Option<Pane>, name: &str) -> String {
    let command = match pane {
        Some(Pane::Communities) => CommandId::FocusCommunities,
        Some(Pane::Members) => CommandId::FocusMembers,
        Some(Pane::Posts) => CommandId::FocusPosts,
        Some(Pane::Card) => CommandId::FocusCard,
        None => CommandId::Units,
    };
    match app.config.keymap.keys(Context::Global, command).first() {
        Some(key) => format!("{key} {name}"),
        None => name.to_string(),
    }
}

/// A bordered pane whose look says whether it has the keyboard (double line, bold title).
fn pane_block(theme: &Theme, title: &str, focused: bool) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_type(theme.border_type(focused))
        .border_style(theme.border_style(focused))
        .title(format!(" {title} "))
        .title_style(theme.title_style(focused))
}

fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let text = tf(app.lang(), "tui.too_small", &[&MIN_WIDTH, &MIN_HEIGHT]);
    let y = area.y + area.height / 2;
    let text = truncate(&text, area.width as usize);
    let x = area.x + (area.width.saturating_sub(width(&text) as u16)) / 2;
    buf.set_stringn(x, y, &text, area.width as usize, app.config.theme.warning);
}

fn header(app: &App, layout: &Layout, buf: &mut Buffer) {
    let theme = &app.config.theme;
    let lang = app.lang();
    let area = layout.header;
    buf.set_style(area, theme.header);
    let mut right = vec![app.config.clerk.clone()];
    if app.config.read_only {
        right.push(t(lang, "tui.header.read_only").to_string());
    }
    if app.privacy.presentation {
        right.push(t(lang, "tui.header.presentation").to_string());
    }
    right.push(app.config.today.to_string());
    let right = format!("{} ", right.join(" · "));
    let right_w = width(&right);
    let room = (area.width as usize).saturating_sub(right_w + 1);
    let tabs: Vec<String> = [
        (Some(Pane::Communities), "tui.pane.communities"),
        (Some(Pane::Members), "tui.pane.members"),
        (Some(Pane::Posts), "tui.pane.posts"),
        (Some(Pane::Card), "tui.pane.card"),
        (None, "tui.pane.units"),
    ]
    .iter()
    .map(|(pane, name)| {
        let on = match pane {
            Some(p) => app.screen == Screen::Main && app.focus == *p,
            None => app.screen == Screen::Units,
        };
        let tab = pane_key_and(app, *pane, t(lang, name));
        if on {
            format!("[{tab}]")
        } else {
            format!(" {tab} ")
        }
    })
    .collect();
    let title = format!(" {} ", t(lang, "tui.title"));
    let tabs = tabs.join("");
    // The tabs only when they fit whole; the ledger's name is cut before anything else.
    let left = if width(&title) + width(&tabs) + 4 <= room {
        let rest = room - width(&title) - width(&tabs) - 2;
        format!("{title}{tabs}  {}", truncate(&app.config.ledger_name, rest))
    } else {
        format!("{title}{}", app.config.ledger_name)
    };
    buf.set_stringn(area.x, area.y, truncate(&left, room), room, theme.header);
    let x = area.right().saturating_sub(right_w as u16);
    buf.set_stringn(x, area.y, &right, right_w, theme.header);
}

/// The key hints of the contexts in force, from the keymap: what can be done here.
fn hints(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    let lang = app.lang();
    // A yes/no question shows its own keys (y, n, Esc); Enter there answers nothing.
    if matches!(
        app.overlays.last(),
        Some(crate::tui::overlay::Overlay::Confirm(_))
    ) {
        return;
    }
    // A screen's own keys (F8's tabs) are few and all named, ahead of the common ones.
    let own = app
        .overlays
        .last()
        .filter(|o| o.layer().covers())
        .and_then(|_| app.contexts().first().copied());
    let mut items: Vec<(String, &str, CommandId)> = Vec::new();
    for section in app.config.keymap.help(&app.contexts()) {
        let mine = Some(section.context) == own;
        for entry in section.entries {
            let named = entry.command.hinted() || (mine && !entry.command.is_motion());
            // Only what works here; a reviewer's read-only ledger refuses every change.
            if !named || !app.usable(entry.command) {
                continue;
            }
            if let Some(key) = entry.keys.first() {
                items.push((key.to_string(), entry.command.name(lang), entry.command));
            }
        }
    }
    let mut x = area.x;
    // The way out: a popup's or screen's close or cancel; over the lists, quitting.
    let ways_out: &[CommandId] = if app.overlays.is_empty() {
        &[CommandId::Quit]
    } else {
        &[CommandId::Close, CommandId::Cancel]
    };
    for (key, name) in fit_hints(items, area.width as usize, ways_out, lang) {
        let (kx, _) = buf.set_stringn(x, area.y, &key, area.width as usize, theme.key);
        let (nx, _) = buf.set_stringn(kx + 1, area.y, name, area.width as usize, theme.key_desc);
        x = nx + 2;
    }
}

/// The hints that fit in `cols`, in the order given (a screen's own keys first, the common
/// ones last). When not all fit, the way out (the first of `ways_out` there) and help stay at
/// the end whatever else goes — Esc 关闭 and `? 更多`, help listing the rest — and the keys
/// that do not fit before them are left out from the last, never a key cut in half or the way
/// out lost off the edge.
fn fit_hints(
    items: Vec<(String, &'static str, CommandId)>,
    cols: usize,
    ways_out: &[CommandId],
    lang: crate::i18n::Lang,
) -> Vec<(String, &'static str)> {
    let cost = |key: &str, name: &str| width(key) + 1 + width(name);
    let total: usize = items.iter().map(|(k, n, _)| cost(k, n) + 2).sum();
    if total <= cols + 2 {
        return items.into_iter().map(|(k, n, _)| (k, n)).collect();
    }
    let leave = ways_out
        .iter()
        .find_map(|c| items.iter().position(|i| i.2 == *c));
    let help = items.iter().position(|i| i.2 == CommandId::Help);
    let mut tail: Vec<(String, &'static str)> = Vec::new();
    if let Some(i) = leave {
        tail.push((items[i].0.clone(), items[i].1));
    }
    if let Some(i) = help {
        tail.push((items[i].0.clone(), t(lang, "tui.hint.more")));
    }
    let mut room = cols.saturating_sub(tail.iter().map(|(k, n)| cost(k, n) + 2).sum());
    let mut shown = Vec::new();
    for (i, (key, name, _)) in items.into_iter().enumerate() {
        if Some(i) == leave || Some(i) == help {
            continue;
        }
        let need = cost(&key, name) + 2;
        if need > room {
            break;
        }
        room -= need;
        shown.push((key, name));
    }
    shown.extend(tail);
    shown
}

fn status(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    buf.set_style(area, theme.status);
    let (text, style) = match &app.status {
        Some(s) if s.error => (s.text.clone(), theme.status.patch(theme.error)),
        Some(s) => (s.text.clone(), theme.status),
        None if app.config.read_only => (
            t(app.lang(), "tui.status.read_only_hint").to_string(),
            theme.status,
        ),
        None => (String::new(), theme.status),
    };
    let cols = area.width.saturating_sub(1) as usize;
    buf.set_stringn(area.x + 1, area.y, truncate(&text, cols), cols, style);
}
