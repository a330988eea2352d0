//! Drawing the session: a title with the community, year, progress and filter; the member's
//! year at a glance (rule checks with their numbers, points and stars, the proposed grade and
//! why, disqualification, notes, the grade recorded and the comment), certified hours by month
//! as a small bar chart, and the year's services, suggestions and pairings. From 120 columns
//! the lists stand beside the glance.
//!
//! Presentation mode hides personal data here as everywhere: the phone, and the households
//! paired with the member (residents in difficulty).

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};

use super::{Ask, SessionScreen};
use crate::domain::Choice;
use crate::domain::rules::stars_text;
use crate::domain::validate::format_halves;
use crate::evaluate::SessionRow;
use crate::i18n::{Lang, t, tf};
use crate::tui::layer::Drawn;
use crate::tui::privacy::Privacy;
use crate::tui::text::truncate;
use crate::tui::theme::Theme;
use crate::tui::widgets::popup_area;

/// A line of text with its style.
type Text = (String, Style);

impl Widget for Drawn<'_, SessionScreen> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.layer;
        let lang = s.lang;
        let theme = self.ui.theme;
        Clear.render(area, buf);
        let (graded, total) = s.progress();
        let mut title = tf(
            lang,
            "tui.session.title",
            &[
                &s.community_name,
                &s.year,
                &graded,
                &total,
                &s.filter.label(lang),
            ],
        );
        if s.closed {
            title.push_str(t(lang, "tui.session.closed_mark"));
        }
        let block = theme.screen_block(&title);
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.is_empty() {
            return;
        }
        let Some(row) = s.row() else {
            let note = match &s.rows {
                None => t(lang, "tui.session.loading"),
                Some(rows) if rows.is_empty() => t(lang, "tui.session.nobody"),
                Some(_) => t(lang, "tui.session.none_in_filter"),
            };
            put(buf, inner, 0, &(note.to_string(), theme.dim));
            return;
        };
        let (glance, comment_at) = glance_lines(s, row, self.privacy, theme, self.ui.keymap);
        let lists = list_lines(s, self.privacy, theme);
        if inner.width >= 110 {
            let left_w = inner.width * 11 / 20;
            // The glance does not scroll: the comment gets the rows the rest leaves.
            let rows = (inner.height as usize).saturating_sub(glance.len() - 1);
            let glance = wrap_comment(glance, comment_at, left_w as usize, rows);
            let left = Rect {
                width: left_w,
                ..inner
            };
            let right = Rect {
                x: inner.x + left_w + 1,
                width: inner.width - left_w - 1,
                ..inner
            };
            draw(buf, left, &glance, 0);
            draw(buf, right, &lists, s.scroll);
        } else {
            // Here the glance scrolls with the lists, so the whole comment is within reach.
            let mut all = wrap_comment(glance, comment_at, inner.width as usize, usize::MAX);
            all.extend(lists);
            draw(buf, inner, &all, s.scroll);
        }
        match &s.ask {
            Some(Ask::Comment(a)) => a.render(area, buf, theme),
            Some(Ask::Reopen(p)) => p.render(area, buf, theme, (self.ui.keymap, s.lang)),
            Some(Ask::Finish) => finish(s, area, buf, theme, self.ui.keymap),
            Some(Ask::Jump(p)) => p.render(area, buf, theme),
            None => {}
        }
    }
}

fn put(buf: &mut Buffer, area: Rect, line: u16, text: &Text) {
    if line < area.height {
        let w = area.width as usize;
        buf.set_stringn(area.x, area.y + line, truncate(&text.0, w), w, text.1);
    }
}

/// The first line stays; the rest scroll by `skip`.
fn draw(buf: &mut Buffer, area: Rect, lines: &[Text], skip: usize) {
    let skip = skip.min(lines.len().saturating_sub(2));
    let mut y = 0;
    for (i, l) in lines.iter().enumerate() {
        if i > 0 && i <= skip {
            continue;
        }
        put(buf, area, y, l);
        y += 1;
    }
}

/// The comment's line (at `at`) wrapped at `cols` over at most `rows` rows (at least one), the
/// last cut with … only when the comment needs more: a kept 现实表现 of several sentences or
/// lines is read whole in the session, not on one cut line.
fn wrap_comment(mut lines: Vec<Text>, at: usize, cols: usize, rows: usize) -> Vec<Text> {
    let Some((text, style)) = lines.get(at).cloned() else {
        return lines;
    };
    let spans = crate::tui::widgets::text_area::wrap(&text, cols);
    let rows = rows.max(1);
    let mut wrapped: Vec<Text> = spans
        .iter()
        .take(rows)
        .map(|(a, b)| (text[*a..*b].trim_end_matches('\n').to_string(), style))
        .collect();
    if spans.len() > rows
        && let Some(last) = wrapped.last_mut()
    {
        // The … says there is more than the room shows (cut further when the row is full).
        last.0 = truncate(&format!("{}…", last.0), cols);
    }
    lines.splice(at..=at, wrapped);
    lines
}

/// The glance's lines and the index of the comment's (one line, wrapped by [`wrap_comment`]).
fn glance_lines(
    s: &SessionScreen,
    row: &SessionRow,
    p: &Privacy,
    theme: &Theme,
    keymap: &crate::tui::keymap::Keymap,
) -> (Vec<Text>, usize) {
    let lang = s.lang;
    let a = &row.assessment;
    let m = &row.member;
    let normal = Style::new();
    let (at, of) = s.position();
    let unit = s
        .glance
        .as_ref()
        .filter(|g| g.member == m.id)
        .map(|g| g.unit.clone())
        .unwrap_or_default();
    let standing = m.standing.map(|x| x.label(lang)).unwrap_or("");
    let phone = p.phone(m.id, &m.mobile, lang);
    let mut out = vec![(
        format!("[{at}/{of}] {}  {standing}  {unit}  {phone}", m.name),
        theme.title_focused,
    )];
    for c in &a.checks {
        let style = if c.ok && !c.remark {
            normal
        } else {
            theme.warning
        };
        out.push((
            format!("{} {}  {}", c.mark(), c.rule.label(lang), c.detail),
            style,
        ));
    }
    out.push((
        tf(
            lang,
            "tui.session.points",
            &[
                &crate::report::table::format_num(a.points),
                &stars_text(a.stars),
            ],
        ),
        normal,
    ));
    let proposed = match a.proposed {
        Some(g) => tf(lang, "tui.session.proposed", &[&g.label(lang), &a.why]),
        // The reason is on the reporting line above; this says what it means.
        None => t(lang, "tui.session.not_graded").to_string(),
    };
    out.push((proposed, theme.key));
    if let Some(why) = &a.disqualified {
        out.push((tf(lang, "tui.session.disqualified", &[why]), theme.warning));
    }
    for n in &a.notes {
        out.push((format!("※ {n}"), theme.warning));
    }
    let recorded = match &row.evaluation {
        Some(e) => tf(
            lang,
            "tui.session.recorded",
            &[&e.grade.label(lang), &e.evaluated_on],
        ),
        None => {
            use crate::tui::command::CommandId::*;
            let key = |c| crate::tui::keymap::key_in(keymap, &super::CONTEXTS, c);
            let keys = [GradeProposed, GradeExcellent, GradeUnqualified].map(key);
            let which = if row.to_grade() {
                "tui.session.not_recorded"
            } else {
                "tui.session.not_to_grade"
            };
            tf(lang, which, &[&keys[0], &keys[1], &keys[2]])
        }
    };
    out.push((recorded, theme.title_focused));
    let comment = match &s.draft {
        Some((id, text)) if *id == m.id => tf(lang, "tui.session.draft", &[text]),
        _ => row
            .evaluation
            .as_ref()
            .filter(|e| !e.comment.is_empty())
            .map(|e| tf(lang, "tui.session.comment", &[&e.comment]))
            .unwrap_or_else(|| t(lang, "tui.session.no_comment").to_string()),
    };
    let comment_at = out.len();
    out.push((comment, normal));
    out.extend(chart(s, theme));
    (out, comment_at)
}

/// Certified hours by month: two rows of bars in eighths, the month numbers under them.
fn chart(s: &SessionScreen, theme: &Theme) -> Vec<Text> {
    let lang = s.lang;
    let Some(g) = &s.glance else {
        return vec![(t(lang, "tui.session.loading_year").to_string(), theme.dim)];
    };
    let mut months = [0u32; 12];
    for r in g.services.iter().filter(|r| r.is_certified()) {
        months[r.date.month0() as usize] += r.hours.halves();
    }
    let max = months.iter().copied().max().unwrap_or(0);
    const BARS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
    let level = |h: u32| (h * 16).div_ceil(max.max(1)) as usize;
    let row = |top: bool| {
        months
            .iter()
            .map(|h| {
                let l = level(*h);
                let part = if top { l.saturating_sub(8) } else { l.min(8) };
                format!(" {}{}", BARS[part], BARS[part])
            })
            .collect::<String>()
    };
    let labels: String = (1..=12).map(|m| format!("{m:>3}")).collect();
    vec![
        (
            tf(lang, "tui.session.chart", &[&format_halves(max as u64)]),
            Style::new(),
        ),
        (row(true), theme.key),
        (row(false), theme.key),
        (labels, theme.dim),
    ]
}

fn list_lines(s: &SessionScreen, p: &Privacy, theme: &Theme) -> Vec<Text> {
    let lang = s.lang;
    let normal = Style::new();
    let Some(g) = &s.glance else {
        return Vec::new();
    };
    let mut out = vec![(
        tf(lang, "tui.session.posts", &[&g.posts.join("、")]),
        normal,
    )];
    out.push((
        tf(lang, "tui.session.services", &[&g.services.len()]),
        theme.table_header,
    ));
    for r in &g.services {
        let rating = r.rating.map(|x| x.label(lang)).unwrap_or("");
        let cert = if r.is_certified() { "✓" } else { "·" };
        // A visit's content names the household (a resident in difficulty): hidden when
        // presenting, like the household itself.
        let content = if p.presentation && r.household.is_some() {
            format!("{} · {}", r.kind.label(lang), t(lang, "tui.hidden"))
        } else {
            r.content.clone()
        };
        out.push((
            format!(
                "{cert} {} {content} {}h {rating}",
                r.date.format("%m-%d"),
                r.hours
            ),
            normal,
        ));
    }
    out.push((
        tf(lang, "tui.session.suggestions", &[&g.suggestions.len()]),
        theme.table_header,
    ));
    for x in &g.suggestions {
        let outcome = x.outcome.map(|o| o.label(lang)).unwrap_or("");
        out.push((
            format!("  {} {} {outcome}", x.date.format("%m-%d"), x.content),
            normal,
        ));
    }
    out.push((
        tf(lang, "tui.session.pairings", &[&g.pairings.len()]),
        theme.table_header,
    ));
    for (pairing, h) in &g.pairings {
        let who = match h {
            Some(h) if p.presentation => {
                format!("{} · {}", h.kind.label(lang), t(lang, "tui.hidden"))
            }
            Some(h) => format!(
                "{} · {} {}",
                h.kind.label(lang),
                h.name,
                p.address(h.id, &h.address, lang)
            ),
            None => String::new(),
        };
        let ended = pairing
            .ended_on
            .map(|d| tf(lang, "tui.session.pairing_ended", &[&d]))
            .unwrap_or_default();
        // The year's visits to it (service rows above that name the household).
        let visits: Vec<_> = g
            .services
            .iter()
            .filter(|r| r.household == Some(pairing.household))
            .map(|r| r.date)
            .collect();
        let visits = match visits.iter().max() {
            Some(last) => tf(lang, "tui.pair.visits", &[&visits.len(), last]),
            None => t(lang, "tui.dem.no_visit").to_string(),
        };
        let ended = if ended.is_empty() {
            ended
        } else {
            format!(" {ended}")
        };
        out.push((format!("  {who}{ended} · {visits}"), normal));
    }
    out
}

/// The confirmation before closing the year: the tally by grade, the disqualified and why.
fn finish(
    s: &SessionScreen,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    keymap: &crate::tui::keymap::Keymap,
) {
    let lang: Lang = s.lang;
    let (tally, dq) = s.summary();
    let mut lines: Vec<Text> = vec![
        (
            tf(
                lang,
                "tui.session.tally",
                &[&tally[0], &tally[1], &tally[2], &tally[3], &tally[4]],
            ),
            Style::new(),
        ),
        (
            tf(lang, "tui.session.dq_count", &[&dq.len()]),
            theme.warning,
        ),
    ];
    lines.extend(
        dq.iter()
            .map(|(name, why)| (format!("  {name}：{why}"), Style::new())),
    );
    let not_graded = s.not_graded();
    if not_graded > 0 {
        lines.push((
            tf(lang, "tui.session.not_graded_count", &[&not_graded]),
            Style::new(),
        ));
    }
    if tally[4] > 0 {
        lines.push((
            tf(lang, "tui.session.ungraded_left", &[&tally[4]]),
            theme.warning,
        ));
    }
    let key = |c| crate::tui::keymap::key_in(keymap, &super::CONFIRM_CONTEXTS, c);
    let keys = [
        key(crate::tui::command::CommandId::Confirm),
        key(crate::tui::command::CommandId::Close),
    ];
    lines.push((
        tf(lang, "tui.session.finish_confirm", &[&keys[0], &keys[1]]),
        theme.key,
    ));
    let popup = popup_area(area, 76, lines.len() as u16 + 2);
    Clear.render(popup, buf);
    let title = tf(
        lang,
        "tui.session.finish_title",
        &[&s.community_name, &s.year],
    );
    let block = theme.screen_block(&title);
    let inner = block.inner(popup);
    block.render(popup, buf);
    // The question stays in sight when the list of the disqualified is longer than the box.
    let n = lines.len();
    for (i, l) in lines.iter().enumerate() {
        let y = if i + 1 == n {
            inner.height.saturating_sub(1)
        } else {
            i as u16
        };
        if i + 1 < n && y + 1 >= inner.height {
            continue;
        }
        put(buf, inner, y, l);
    }
}
