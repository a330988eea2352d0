//! The ledger's settings editor: the thresholds the rules check (minimum services and
//! suggestions, a unit's services and a community's joint meetings per half-year, the unit
//! reporting rate, the weeks before a household counts as unvisited) and the points formula
//! with its star thresholds. Enter edits the selected value, Ctrl-s saves (logged by the
//! store); a read-only ledger shows them and refuses changes.
//!
//! Owns: the draft and its validation, the screen. Must not touch: the ledger (saving goes
//! out as [`crate::tui::action::Effect::SaveSettings`]).

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};

use crate::domain::Settings;
use crate::i18n::{Lang, t, tf};
use crate::report::table::format_num;
use crate::tui::action::{Effect, Loaded};
use crate::tui::command::{CommandId, Context};
use crate::tui::layer::{Cx, Drawn, Layer, Outcome};
use crate::tui::session::prompt::{self, Answer, Prompt};
use crate::tui::text::{pad_right, truncate};
use crate::tui::widgets::list::ListState;
use crate::tui::widgets::text_input::Edit;

const CONTEXTS: [Context; 3] = [Context::Form, Context::Overlay, Context::Global];

/// Settings to save. `Eq` so it can travel in an effect: the values are finite numbers (the
/// editor refuses anything else), for which equality is reflexive.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft(pub Settings);

impl Eq for Draft {}

/// The editable values, in the order shown: catalog key of the label, whether a whole number.
const FIELDS: [(&str, bool); 18] = [
    ("tui.set.min_services", true),
    ("tui.set.min_suggestions", true),
    ("tui.set.unit_services", true),
    ("tui.set.meetings", true),
    ("tui.set.unit_rate", true),
    ("tui.set.visit_weeks", true),
    ("tui.set.per_hour", false),
    ("tui.set.per_service", false),
    ("tui.set.excellent", false),
    ("tui.set.good", false),
    ("tui.set.demand", false),
    ("tui.set.adopted", false),
    ("tui.set.other", false),
    ("tui.set.star1", false),
    ("tui.set.star2", false),
    ("tui.set.star3", false),
    ("tui.set.star4", false),
    ("tui.set.star5", false),
];

fn get(s: &Settings, i: usize) -> f64 {
    let p = &s.points;
    match i {
        0 => s.min_services as f64,
        1 => s.min_suggestions as f64,
        2 => s.unit_services_per_half as f64,
        3 => s.meetings_per_half as f64,
        4 => s.unit_rate_percent as f64,
        5 => s.visit_weeks as f64,
        6 => p.per_hour,
        7 => p.per_service,
        8 => p.rating_excellent,
        9 => p.rating_good,
        10 => p.demand_done,
        11 => p.suggestion_adopted,
        12 => p.suggestion_other,
        n => p.stars.get(n - 13).copied().unwrap_or(0.0),
    }
}

/// Sets value `i` of `s` from `text`, or says why it cannot be.
fn set(s: &mut Settings, i: usize, text: &str, lang: Lang) -> Result<(), String> {
    let whole = FIELDS.get(i).is_some_and(|f| f.1);
    let v: f64 = text
        .trim()
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite() && *v >= 0.0)
        .ok_or_else(|| t(lang, "tui.set.not_number").to_string())?;
    if whole && v.fract() != 0.0 {
        return Err(t(lang, "tui.set.not_whole").to_string());
    }
    let n = v as u32;
    let mut next = s.clone();
    match i {
        0 => next.min_services = n,
        1 => next.min_suggestions = n,
        2 => next.unit_services_per_half = n,
        3 => next.meetings_per_half = n,
        4 => next.unit_rate_percent = n,
        5 => next.visit_weeks = n,
        6 => next.points.per_hour = v,
        7 => next.points.per_service = v,
        8 => next.points.rating_excellent = v,
        9 => next.points.rating_good = v,
        10 => next.points.demand_done = v,
        11 => next.points.suggestion_adopted = v,
        12 => next.points.suggestion_other = v,
        n => {
            if let Some(x) = next.points.stars.get_mut(n - 13) {
                *x = v;
            }
        }
    }
    // The domain's own check (the store applies it too). A star out of order is named on the
    // higher of the two, so any star problem after editing a star is this edit's.
    let field = FIELDS.get(i).map(|f| f.0).unwrap_or("");
    if let Some(e) = next
        .problems(lang)
        .into_iter()
        .find(|e| e.field == field || (i >= 13 && e.field.starts_with("tui.set.star")))
    {
        return Err(match e.problem {
            crate::domain::Problem::Invalid(why) => why,
            _ => e.message(lang),
        });
    }
    *s = next;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct SettingsScreen {
    pub saved: Settings,
    pub draft: Settings,
    pub list: ListState,
    pub prompt: Option<Prompt>,
    /// Esc was pressed once over unsaved changes.
    pub leaving: bool,
    pub lang: Lang,
}

impl SettingsScreen {
    pub fn new(settings: Settings, lang: Lang) -> SettingsScreen {
        SettingsScreen {
            saved: settings.clone(),
            draft: settings,
            list: ListState::new(FIELDS.len()),
            prompt: None,
            leaving: false,
            lang,
        }
    }

    pub fn dirty(&self) -> bool {
        self.saved != self.draft
    }

    pub fn saved_now(&mut self, s: Settings) {
        self.saved = s;
        self.leaving = false;
    }
}

impl Layer for SettingsScreen {
    fn contexts(&self) -> &'static [Context] {
        prompt::contexts_over(self.prompt.as_ref(), &CONTEXTS)
    }

    /// A read-only ledger cannot be changed, so nothing opens for editing.
    fn command(&mut self, c: CommandId, cx: &Cx) -> Outcome {
        let (lang, read_only) = (self.lang, cx.read_only);
        if let Some(p) = &mut self.prompt {
            return match p.apply(c) {
                Answer::Typing => Outcome::Stay,
                Answer::Cancelled => {
                    self.prompt = None;
                    Outcome::Stay
                }
                Answer::Pass(c) => Outcome::Pass(c),
                Answer::Given(text) => {
                    let i = self.list.selected().unwrap_or(0);
                    match set(&mut self.draft, i, &text, lang) {
                        Ok(()) => {
                            self.prompt = None;
                            Outcome::Stay
                        }
                        Err(why) => {
                            p.note = prompt::Note::Said(why);
                            Outcome::Stay
                        }
                    }
                }
            };
        }
        if self.list.apply(c) {
            return Outcome::Stay;
        }
        match c {
            CommandId::FocusNext => {
                self.list.down();
                Outcome::Stay
            }
            CommandId::FocusPrev => {
                self.list.up();
                Outcome::Stay
            }
            CommandId::Confirm => {
                if read_only {
                    return Outcome::Error(tf(
                        lang,
                        "tui.status.read_only",
                        &[&t(lang, "tui.cmd.settings")],
                    ));
                }
                let i = self.list.selected().unwrap_or(0);
                let label = FIELDS.get(i).map(|f| t(lang, f.0)).unwrap_or("");
                self.prompt = Some(Prompt::new(
                    label,
                    &format_num(get(&self.draft, i)),
                    "tui.set.prompt_note",
                ));
                Outcome::Stay
            }
            CommandId::Submit => {
                if self.dirty() {
                    Outcome::Effect(Effect::SaveSettings(Draft(self.draft.clone())))
                } else {
                    Outcome::Info(t(lang, "tui.set.unchanged").to_string())
                }
            }
            CommandId::Cancel | CommandId::Close | CommandId::Settings => {
                if self.dirty() && !self.leaving {
                    self.leaving = true;
                    let key = |c| crate::tui::keymap::key_in(cx.keymap, &CONTEXTS, c);
                    let (save, leave) = (key(CommandId::Submit), key(CommandId::Cancel));
                    Outcome::Error(tf(lang, "tui.set.unsaved", &[&save, &leave]))
                } else {
                    Outcome::Close
                }
            }
            other => Outcome::Pass(other),
        }
    }

    fn edit(&mut self, edit: Edit, _: &Cx) -> Outcome {
        if let Some(p) = &mut self.prompt {
            p.edit(edit);
        }
        Outcome::Stay
    }

    /// Saved: the screen's copy follows (the app's is `update`'s).
    fn arrived(&mut self, data: &Loaded, _: &Cx) -> Option<Outcome> {
        let Loaded::SettingsSaved(draft, _) = data else {
            return None;
        };
        self.saved_now(draft.0.clone());
        Some(Outcome::Stay)
    }

    fn cursor(&self, area: Rect) -> Option<Position> {
        self.prompt.as_ref()?.cursor_position(area)
    }

    fn covers(&self) -> bool {
        true
    }
}

impl Widget for Drawn<'_, SettingsScreen> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.layer;
        let lang = s.lang;
        let theme = self.ui.theme;
        Clear.render(area, buf);
        let mut title = t(lang, "tui.set.title").to_string();
        if s.dirty() {
            let save = crate::tui::keymap::key_in(self.ui.keymap, &CONTEXTS, CommandId::Submit);
            title.push_str(&tf(lang, "tui.set.dirty_mark", &[&save]));
        }
        let block = theme.screen_block(&title);
        let inner = block.inner(area);
        block.render(area, buf);
        let w = inner.width as usize;
        for (row, i) in s.list.visible_range(inner.height as usize).enumerate() {
            let Some((key, _)) = FIELDS.get(i) else { break };
            let y = inner.y + row as u16;
            let now = get(&s.draft, i);
            // A changed value is marked with `*`, not by colour alone.
            let changed = if now != get(&s.saved, i) { "*" } else { " " };
            let text = format!(
                "{} {changed}{}",
                pad_right(t(lang, key), 34),
                format_num(now)
            );
            let style = if s.list.selected() == Some(i) {
                theme.selection
            } else {
                Style::new()
            };
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
            buf.set_stringn(inner.x, y, truncate(&text, w), w, style);
        }
        if let Some(p) = &s.prompt {
            p.render(area, buf, theme, (self.ui.keymap, lang));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_before_they_enter_the_draft() {
        let mut s = Settings::default();
        assert!(set(&mut s, 0, "3", Lang::Zh).is_ok());
        assert_eq!(s.min_services, 3);
        assert!(set(&mut s, 0, "2.5", Lang::Zh).is_err(), "a count is whole");
        assert!(
            set(&mut s, 4, "120", Lang::Zh).is_err(),
            "a rate is a percent"
        );
        assert!(set(&mut s, 6, "-1", Lang::Zh).is_err());
        assert!(set(&mut s, 6, "NaN", Lang::Zh).is_err());
        assert!(set(&mut s, 6, "1.5", Lang::Zh).is_ok());
        assert!(set(&mut s, 14, "5", Lang::Zh).is_err(), "★★ above ★");
        assert!(set(&mut s, 14, "20", Lang::Zh).is_ok());
        assert_eq!(s.points.stars[1], 20.0);
        for i in 0..FIELDS.len() {
            let v = get(&s, i);
            let mut copy = s.clone();
            assert!(set(&mut copy, i, &format_num(v), Lang::Zh).is_ok(), "{i}");
            assert_eq!(copy, s);
        }
    }
}
