//! Drawing a form: one line per field (label, the text as typed, and next to it what the text
//! means or what is wrong), the picker's hits in a box under the field being searched, the checklist,
//! and a message line. The layout is computed from the form and the area alone, so the view
//! and the terminal cursor (where the IME opens) always agree.
//!
//! Owns: how a form looks. Must not touch: the form's state.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::{Check, FieldKind, Form};
use crate::i18n::{t, tf};
use crate::tui::layer::Drawn;
use crate::tui::text::{pad_right, truncate, width};
use crate::tui::theme::{ColorMode, Theme};
use crate::tui::widgets::popup_area;

/// Where each part of a form goes.
pub struct FormLayout {
    pub popup: Rect,
    /// (field index, label, input, note) for the fields on screen.
    pub rows: Vec<(usize, Rect, Rect, Rect)>,
    pub filter: Option<Rect>,
    pub list: Option<Rect>,
    pub message: Rect,
}

/// Most rows a checklist shows at once.
const LIST_ROWS: u16 = 10;

pub fn layout(form: &Form, area: Rect) -> FormLayout {
    let n = form.fields.len() as u16;
    let list_rows = form
        .checklist
        .as_ref()
        .map(|c| 1 + (c.items.len() as u16).clamp(1, LIST_ROWS))
        .unwrap_or(0);
    let popup = popup_area(area, 84, n + list_rows + 3);
    let inner = Rect::new(
        popup.x + 1,
        popup.y + 1,
        popup.width.saturating_sub(2),
        popup.height.saturating_sub(2),
    );
    let message = Rect::new(inner.x, inner.bottom().saturating_sub(1), inner.width, 1);
    let room = inner.height.saturating_sub(1);
    let list_rows = list_rows.min(room.saturating_sub(1));
    let field_rows = room.saturating_sub(list_rows) as usize;
    // Keep the focused field in sight on a short terminal.
    let focus = form.focus.min(form.fields.len().saturating_sub(1));
    let first = focus.saturating_sub(field_rows.saturating_sub(1));
    // Labels whole (with their `*`), up to a third of the popup: 党代表/人大代表/政协委员 is
    // read, not guessed at.
    let label_w = (form
        .fields
        .iter()
        .map(|f| width(t(form.lang, f.key.catalog())) + usize::from(f.required))
        .max()
        .unwrap_or(4) as u16)
        .min(inner.width / 3)
        .max(4);
    let avail = inner.width.saturating_sub(label_w + 3);
    // What is typed gets two thirds: a 30-character burst stays in sight beside long labels.
    let input_w = (avail * 2 / 3).max(avail.min(10));
    let note_w = avail.saturating_sub(input_w + 1);
    let mut rows = Vec::new();
    for (slot, i) in (first..form.fields.len()).take(field_rows).enumerate() {
        let y = inner.y + slot as u16;
        let label = Rect::new(inner.x + 1, y, label_w, 1);
        let input = Rect::new(label.right() + 2, y, input_w, 1);
        let note = Rect::new(input.right() + 1, y, note_w, 1);
        rows.push((i, label, input, note));
    }
    let (filter, list) = if list_rows > 0 {
        let y = inner.y + field_rows.min(form.fields.len()) as u16;
        let filter = Rect::new(inner.x + 1, y, inner.width.saturating_sub(2), 1);
        let list = Rect::new(
            inner.x + 1,
            y + 1,
            inner.width.saturating_sub(2),
            list_rows.saturating_sub(1),
        );
        (Some(filter), Some(list))
    } else {
        (None, None)
    };
    FormLayout {
        popup,
        rows,
        filter,
        list,
        message,
    }
}

/// The picked records of a multi-reference field, shown before what is being typed.
fn picked_prefix(form: &Form, i: usize) -> String {
    let f = &form.fields[i];
    match f.kind {
        FieldKind::Ref(spec) if spec.multi && !f.picked.is_empty() => {
            let names: Vec<&str> = f.picked.iter().map(|p| p.1.as_str()).collect();
            format!("{} ", names.join("、"))
        }
        _ => String::new(),
    }
}

/// The input's rectangle after a multi-reference field's picked names.
fn text_rect(form: &Form, i: usize, input: Rect) -> Rect {
    let w = (width(&picked_prefix(form, i)) as u16).min(input.width.saturating_sub(4));
    Rect::new(input.x + w, input.y, input.width - w, 1)
}

/// Where the terminal cursor goes: the caret of the focused field (or the checklist filter).
pub fn cursor(form: &Form, area: Rect) -> Option<Position> {
    let l = layout(form, area);
    if form.focus == form.fields.len() {
        let filter = l.filter?;
        let label = width(t(form.lang, "tui.form.filter")) as u16 + 1;
        let r = Rect::new(
            filter.x + label,
            filter.y,
            filter.width.saturating_sub(label),
            1,
        );
        return form.checklist.as_ref().map(|c| c.filter.cursor_position(r));
    }
    let (i, _, input, _) = l.rows.iter().find(|r| r.0 == form.focus)?;
    Some(
        form.fields[*i]
            .input
            .cursor_position(text_rect(form, *i, *input)),
    )
}

impl Widget for Drawn<'_, Form> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (form, theme, privacy) = (self.layer, self.ui.theme, self.privacy);
        let lang = form.lang;
        let l = layout(form, area);
        if l.popup.width < 20 || l.popup.height < 4 {
            return;
        }
        Clear.render(l.popup, buf);
        theme.screen_block(&form.title()).render(l.popup, buf);
        // The key that takes a suggestion, as bound: the note beside the field names it, the
        // one place that teaches it (the hint line below names Enter, Tab, Ctrl-s and Esc).
        let take_key = crate::tui::keymap::key_in(
            self.ui.keymap,
            &crate::tui::form::CONTEXTS,
            crate::tui::command::CommandId::CursorRight,
        );
        let mut focused_error = None;
        for (i, label, input, note) in &l.rows {
            let f = &form.fields[*i];
            let focused = *i == form.focus;
            // The label's width counts `*` only where there is one (a blank cut 志愿服务小组).
            let mark = if f.required { "*" } else { "" };
            let text = pad_right(
                &format!("{}{mark}", t(lang, f.key.catalog())),
                label.width as usize,
            );
            let label_style = if focused { theme.key } else { theme.dim };
            buf.set_stringn(label.x, label.y, &text, label.width as usize, label_style);
            let field_style = if focused { theme.input } else { Style::new() };
            buf.set_style(*input, field_style);
            let prefix = picked_prefix(form, *i);
            buf.set_stringn(
                input.x,
                input.y,
                &prefix,
                input.width as usize,
                theme.matched,
            );
            let r = text_rect(form, *i, *input);
            let several = f.is_ref().is_some_and(|s| s.multi);
            match privacy.form_field(f.key.catalog(), lang) {
                Some(hidden) => {
                    buf.set_stringn(r.x, r.y, hidden, r.width as usize, theme.dim);
                }
                // A field of several records says, where its text goes, how the next is added.
                None if focused && several && f.text().is_empty() && r.width >= 12 => {
                    let hint = t(lang, "tui.form.several");
                    let w = r.width as usize;
                    buf.set_stringn(r.x, r.y, truncate(hint, w), w, theme.dim);
                }
                None => f.input.render(r, buf),
            }
            // The suggestion, offered only with the caret at the end (where → takes it).
            let suggestion = form
                .completion()
                .filter(|_| focused && f.input.cursor() == f.text().len());
            if let Some(full) = suggestion
                && full.starts_with(f.text())
                && theme.mode == ColorMode::Ansi16
            {
                // In colour, the rest also after what is typed; without colour it would look
                // typed, so there it is only beside the field, with its words.
                let rest = &full[f.text().len()..];
                let x = r.x + width(f.text()) as u16;
                if x < r.right() {
                    let room = (r.right() - x) as usize;
                    buf.set_stringn(x, r.y, truncate(rest, room), room, theme.suggestion);
                }
            }
            let (note_text, style) = match form.check(f) {
                Check::Error(m) => {
                    if focused {
                        focused_error = Some(m.clone());
                    }
                    (format!("✗ {m}"), theme.error)
                }
                Check::Hint(h) => (h, theme.dim),
                Check::Ok if suggestion.is_some() => (
                    tf(
                        lang,
                        "tui.form.suggest",
                        &[&take_key, &suggestion.unwrap_or_default()],
                    ),
                    theme.suggestion,
                ),
                Check::Ok => match f.kind {
                    FieldKind::Choice { menu, .. } if focused => (menu(lang), theme.dim),
                    FieldKind::YesNo { .. } if focused => {
                        (t(lang, "tui.form.yes_no").into(), theme.dim)
                    }
                    _ => (String::new(), theme.dim),
                },
            };
            let cols = note.width as usize;
            buf.set_stringn(note.x, note.y, truncate(&note_text, cols), cols, style);
        }
        if let (Some(filter), Some(list), Some(c)) = (l.filter, l.list, &form.checklist) {
            let on = form.focus == form.fields.len();
            let label = t(lang, "tui.form.filter");
            let style = if on { theme.key } else { theme.dim };
            buf.set_stringn(filter.x, filter.y, label, filter.width as usize, style);
            let lw = width(label) as u16 + 1;
            let ticked = c.ticked().count();
            let count = tf(lang, "tui.form.ticked", &[&ticked, &c.items.len()]);
            let cw = width(&count) as u16;
            let input = Rect::new(
                filter.x + lw,
                filter.y,
                filter.width.saturating_sub(lw + cw + 1),
                1,
            );
            if on {
                buf.set_style(input, theme.input);
            }
            c.filter.render(input, buf);
            buf.set_stringn(input.right() + 1, filter.y, &count, cw as usize, theme.dim);
            let first = c
                .cursor
                .saturating_sub(list.height.saturating_sub(1) as usize);
            for (row, idx) in c
                .shown
                .iter()
                .skip(first)
                .take(list.height as usize)
                .enumerate()
            {
                let item = &c.items[*idx];
                let y = list.y + row as u16;
                let tick = if item.ticked { "[x]" } else { "[ ]" };
                let hours = item.hours.map(|h| format!("  {h}h")).unwrap_or_default();
                let line = format!("{tick} {}  {}{hours}", item.label, item.detail);
                let mut style = Style::new();
                if on && first + row == c.cursor {
                    style = style.add_modifier(Modifier::REVERSED);
                }
                buf.set_stringn(
                    list.x,
                    y,
                    truncate(&line, list.width as usize),
                    list.width as usize,
                    style,
                );
            }
        }
        let (message, style) = if form.saving {
            (t(lang, "tui.form.saving").to_string(), theme.dim)
        } else if let Some(e) = &form.error {
            (e.clone(), theme.error)
        } else if let Some(e) = focused_error {
            (e, theme.error)
        } else {
            (String::new(), theme.dim)
        };
        let cols = l.message.width.saturating_sub(1) as usize;
        buf.set_stringn(
            l.message.x + 1,
            l.message.y,
            truncate(&message, cols),
            cols,
            style,
        );
        dropdown(form, &l, area, theme, buf);
    }
}

/// The focused reference field's hits in a box of their own under the field (over it when
/// the screen ends first), with "create new" last when allowed: a list to choose from, never
/// mistaken for the values of the fields beneath, with or without colour.
fn dropdown(form: &Form, l: &FormLayout, area: Rect, theme: &Theme, buf: &mut Buffer) {
    let Some((_, _, input, note)) = l.rows.iter().find(|r| r.0 == form.focus) else {
        return;
    };
    let f = &form.fields[form.focus];
    let Some(spec) = f.is_ref() else { return };
    let picked_as_typed = !spec.multi && f.picked.first().is_some_and(|p| p.1 == f.text());
    if f.text().trim().is_empty() || picked_as_typed {
        return;
    }
    let mut lines: Vec<String> = form
        .hits
        .iter()
        .map(|h| format!("{}  {}", h.name, h.detail))
        .collect();
    if form.hits.is_empty() {
        lines.push(t(form.lang, "tui.form.no_match").to_string());
    }
    if spec.can_create {
        lines.push(tf(form.lang, "tui.form.create", &[&f.text().trim()]));
    }
    lines.truncate(7);
    let x = input.x.saturating_sub(1).max(area.x);
    let w = (input.width + 2 + note.width).min(area.right().saturating_sub(x));
    let below = area.bottom().saturating_sub(input.y + 1);
    let above = input.y.saturating_sub(area.y);
    let want = lines.len() as u16 + 2;
    let (y, h) = if below >= want || below >= above {
        (input.y + 1, want.min(below))
    } else {
        (input.y - want.min(above), want.min(above))
    };
    if h < 3 || w < 6 {
        return;
    }
    let popup = Rect::new(x, y, w, h);
    Clear.render(popup, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focused);
    let inner = block.inner(popup);
    block.render(popup, buf);
    let cols = inner.width as usize;
    for (n, line) in lines.iter().enumerate().take(inner.height as usize) {
        let r = Rect::new(inner.x, inner.y + n as u16, inner.width, 1);
        let is_create = spec.can_create && n == lines.len() - 1;
        let index = if is_create { form.hits.len() } else { n };
        let mut style = Style::new();
        if index == form.hit && (is_create || !form.hits.is_empty()) {
            style = style.add_modifier(Modifier::REVERSED);
        }
        buf.set_style(r, style);
        buf.set_stringn(r.x, r.y, truncate(line, cols), cols, style);
    }
}
