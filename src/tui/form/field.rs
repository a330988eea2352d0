//! One field of a form: its label, its kind, the text typed into it, and what that text means
//! so far (a hint such as `→ 2026-11-20`, or the message saying what is accepted).
//!
//! Every field keeps its value as typed text in a [`TextInput`] (so Chinese, paste and the
//! IME caret work the same everywhere) and checks it on every keystroke with the smart parsers
//! of `smart_input::parse`. A reference field keeps the records picked, and its text is the query.
//!
//! Owns: a field's text, its check, its picked records. Must not touch: other fields, saving.

use chrono::NaiveDate;

use super::FieldKey;
use crate::domain::validate::DateRule;
use crate::domain::{Choice, Id, YearMonth};
use crate::i18n::{Lang, t, tf};
use crate::search::Kind as SearchKind;
use crate::smart_input::parse;
use crate::tui::widgets::text_input::{Edit, TextInput};

/// Checks a choice field's text; the label it resolves to, or the message's key.
pub type ChoiceCheck = fn(&str, Lang) -> Result<&'static str, &'static str>;

/// The choice `C` typed as a number, a label or pinyin initials.
pub fn choice_check<C: Choice>(s: &str, lang: Lang) -> Result<&'static str, &'static str> {
    parse::choice::<C>(s)
        .map(|c| c.label(lang))
        .map_err(|e| e.key)
}

/// The labels of `C`, numbered as the parser counts them (`1 机关 2 事业 …`).
pub fn choice_menu<C: Choice>(lang: Lang) -> String {
    C::ALL
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{} {}", i + 1, c.label(lang)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a reference field points at, and whether it may create one.
/// Whether `c`, typed in a field of several records, ends one name and starts the next: a
/// list mark (、，,；;) or a space, half or full width.
pub fn separates_picks(c: char) -> bool {
    crate::smart_input::parse::LIST_SEPARATORS.contains(&c) || c == ' ' || c == '\u{3000}'
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefSpec {
    pub kind: SearchKind,
    /// Several records (a registration's posts, a meeting's units).
    pub multi: bool,
    /// Records of this community come first.
    pub community: Option<Id>,
    /// "新建…" is offered when nothing matches (or always, as the last line).
    pub can_create: bool,
}

/// How a field's text is read.
#[derive(Debug, Clone, Copy)]
pub enum FieldKind {
    Text,
    /// A date in any of the short forms; empty allowed unless required.
    Date,
    Hours,
    /// 评价: 1/2/3 or 优/良/一般; may be empty.
    Rating,
    Choice {
        check: ChoiceCheck,
        menu: fn(Lang) -> String,
    },
    /// y/n; space toggles. Shown in the form's language (是/否, yes/no).
    YesNo {
        yes: &'static str,
        no: &'static str,
    },
    /// 出生年月 / 入党时间: `1963.04`, `196304`, `1963-4`.
    YearMonth,
    /// A whole number (在职党员总数).
    Number,
    /// 手机: checked as typed by the store's rule (11 digits from 1; spaces, dashes, +86 and
    /// full-width digits read past); may be empty.
    Mobile,
    Ref(RefSpec),
}

/// Where a text field's completion comes from (the community's history).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Complete {
    Content,
    Place,
}

/// One field.
#[derive(Debug, Clone)]
pub struct Field {
    /// Which field; its label and the name a store `FieldError` gives it come from the key.
    pub key: FieldKey,
    pub kind: FieldKind,
    pub input: TextInput,
    pub required: bool,
    /// Catalog key of what to say while a required field is empty, when the general
    /// "required" would not tell the clerk what to do (请至少认领一个岗位).
    pub missing: Option<&'static str>,
    /// The text it was opened with: a field differs from it only when typed into.
    initial: String,
    /// A refused save's message for this field, until the field is typed into again.
    pub store_error: Option<String>,
    /// Records picked into a reference field.
    pub picked: Vec<(Id, String)>,
    initial_picked: Vec<Id>,
    pub complete: Option<Complete>,
    /// Focus just arrived: the first character typed replaces the text (a pre-filled date
    /// is retyped, not appended to); moving the caret keeps it for editing.
    pub fresh: bool,
    /// The dates a date or year-month field accepts, checked as it is typed: the store's
    /// own rule, so a date the field accepts is one the save accepts.
    pub rule: Option<DateRule>,
}

/// The keys a reference field's message names: choosing a record up and down, and picking it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickKeys {
    /// Up and down the hits (`↑↓`).
    pub choose: String,
    pub pick: String,
}

impl PickKeys {
    /// As bound in `keymap`, where a form's keys resolve.
    pub fn of(keymap: &crate::tui::keymap::Keymap) -> PickKeys {
        use crate::tui::command::CommandId;
        use crate::tui::keymap::{key_in, motion_keys_in};
        let contexts = super::CONTEXTS;
        PickKeys {
            choose: motion_keys_in(keymap, &contexts, CommandId::PickPrev, CommandId::PickNext),
            pick: key_in(keymap, &contexts, CommandId::Confirm),
        }
    }
}

/// What the field's text means now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// Fine; nothing to add.
    Ok,
    /// Fine, and this is what it means (`→ 2026-11-20`, `→ 企业`).
    Hint(String),
    /// Not acceptable; the message.
    Error(String),
}

impl Field {
    pub fn new(key: FieldKey, kind: FieldKind, value: &str) -> Field {
        Field {
            key,
            kind,
            input: TextInput::with_value(value),
            required: false,
            missing: None,
            initial: value.to_string(),
            store_error: None,
            picked: Vec::new(),
            initial_picked: Vec::new(),
            complete: None,
            fresh: true,
            rule: matches!(kind, FieldKind::Date).then(DateRule::done),
        }
    }

    /// A date field taking the dates of `rule` (a deadline, a report not before its slip).
    pub fn within(mut self, rule: DateRule) -> Field {
        self.rule = Some(rule);
        self
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    /// Required, saying `key` while empty.
    pub fn required_saying(mut self, key: &'static str) -> Field {
        self.required = true;
        self.missing = Some(key);
        self
    }

    pub fn completing(mut self, from: Complete) -> Field {
        self.complete = Some(from);
        self
    }

    /// A reference field with records already picked.
    pub fn with_picked(mut self, picked: Vec<(Id, String)>) -> Field {
        self.initial_picked = picked.iter().map(|p| p.0).collect();
        self.picked = picked;
        self
    }

    pub fn text(&self) -> &str {
        self.input.value()
    }

    pub fn set_text(&mut self, s: &str) {
        self.input.set_value(s);
        self.store_error = None;
        self.fresh = true;
    }

    /// Whether the clerk typed anything that saving would keep.
    pub fn changed(&self) -> bool {
        if let FieldKind::Ref(_) = self.kind {
            let now: Vec<Id> = self.picked.iter().map(|p| p.0).collect();
            return now != self.initial_picked;
        }
        self.input.value() != self.initial
    }

    /// Applies an edit; a yes/no field takes `y`/`n`/space instead of text.
    pub fn edit(&mut self, edit: Edit) -> bool {
        if let (FieldKind::YesNo { yes: y, no: n }, Edit::Insert(c)) = (self.kind, &edit) {
            let yes = match c.to_ascii_lowercase() {
                'y' | '1' | '是' => true,
                'n' | '0' | '否' => false,
                ' ' => !is_yes(self.text()),
                _ => return false,
            };
            self.set_text(if yes { y } else { n });
            return true;
        }
        let replace = self.fresh && matches!(edit, Edit::Insert(_) | Edit::Paste(_));
        self.fresh = false;
        if replace {
            self.input.set_value("");
            if let FieldKind::Ref(spec) = self.kind
                && !spec.multi
            {
                self.picked.clear();
            }
        }
        let changed = self.input.apply(edit) || replace;
        if changed {
            self.store_error = None;
        }
        changed
    }

    /// What the text means, given `today` for dates, naming the default keys.
    pub fn check(&self, today: NaiveDate, lang: Lang) -> Check {
        static DEFAULT: std::sync::OnceLock<PickKeys> = std::sync::OnceLock::new();
        let keys = DEFAULT.get_or_init(|| PickKeys::of(&crate::tui::keymap::Keymap::defaults()));
        self.check_with(today, lang, keys)
    }

    /// [`Field::check`], a message naming `keys` (the keys in force).
    pub fn check_with(&self, today: NaiveDate, lang: Lang, keys: &PickKeys) -> Check {
        if let Some(e) = &self.store_error {
            return Check::Error(e.clone());
        }
        let s = self.text().trim();
        if s.is_empty() {
            let missing = match self.kind {
                FieldKind::Ref(_) => self.required && self.picked.is_empty(),
                _ => self.required,
            };
            return if missing {
                Check::Error(t(lang, self.missing.unwrap_or("tui.form.required")).to_string())
            } else {
                Check::Ok
            };
        }
        let rejected = |key: &'static str| Check::Error(t(lang, key).to_string());
        match self.kind {
            FieldKind::Text => Check::Ok,
            FieldKind::Date => match parse::date(s, today) {
                Ok(d) => match self.rule.map(|r| r.check(self.key.catalog(), d, &d, today)) {
                    Some(Err(e)) => Check::Error(e.problem_message(lang)),
                    _ if d.to_string() == s => Check::Ok,
                    _ => Check::Hint(format!("→ {d}")),
                },
                Err(e) => rejected(e.key),
            },
            FieldKind::Hours => match parse::hours(s) {
                Ok(h) if h.to_string() == s => Check::Ok,
                Ok(h) => Check::Hint(format!("→ {h}")),
                Err(e) => rejected(e.key),
            },
            FieldKind::Rating => match parse::rating(s) {
                Ok(Some(r)) if r.label(lang) == s => Check::Ok,
                Ok(Some(r)) => Check::Hint(format!("→ {}", r.label(lang))),
                Ok(None) => Check::Ok,
                Err(e) => rejected(e.key),
            },
            FieldKind::Choice { check, .. } => match check(s, lang) {
                Ok(label) if label == s => Check::Ok,
                Ok(label) => Check::Hint(format!("→ {label}")),
                Err(key) => rejected(key),
            },
            FieldKind::YesNo { .. } => Check::Ok,
            FieldKind::YearMonth => match year_month(s) {
                Some(ym) => match self
                    .rule
                    .map(|r| r.check_month(self.key.catalog(), ym, today))
                {
                    Some(Err(e)) => Check::Error(e.problem_message(lang)),
                    _ if ym.to_string() == s => Check::Ok,
                    _ => Check::Hint(format!("→ {ym}")),
                },
                None => rejected("tui.form.year_month"),
            },
            FieldKind::Mobile => {
                match crate::domain::validate::optional_mobile(self.key.catalog(), s) {
                    Ok(m) if m == s => Check::Ok,
                    Ok(m) => Check::Hint(format!("→ {m}")),
                    Err(e) => Check::Error(e.problem_message(lang)),
                }
            }
            FieldKind::Number => match s.parse::<u32>() {
                Ok(_) => Check::Ok,
                Err(_) => rejected("tui.form.number"),
            },
            // The text of a reference field is a query: what counts is what was picked, and
            // text that picked nothing is refused rather than saved as no reference at all.
            FieldKind::Ref(spec) => {
                let picked_as_shown =
                    !spec.multi && self.picked.first().is_some_and(|p| p.1.trim() == s);
                if picked_as_shown {
                    Check::Ok
                } else {
                    Check::Error(tf(
                        lang,
                        "tui.form.ref_unpicked",
                        &[&keys.choose, &keys.pick],
                    ))
                }
            }
        }
    }

    pub fn is_ref(&self) -> Option<RefSpec> {
        match self.kind {
            FieldKind::Ref(spec) => Some(spec),
            _ => None,
        }
    }
}

/// Whether a yes/no field's text says yes.
pub fn is_yes(s: &str) -> bool {
    matches!(s.trim(), "是" | "y" | "Y" | "yes" | "1")
}

/// `1963.04`, `1963-4`, `196304`, `1963年4月`.
pub fn year_month(s: &str) -> Option<YearMonth> {
    let s = crate::domain::validate::normalize_width(s)
        .trim()
        .replace(['年', '月'], ".");
    let parts: Vec<&str> = s.split(['.', '-', '/']).filter(|p| !p.is_empty()).collect();
    let (y, m) = match parts.as_slice() {
        [one] if one.len() == 6 => (one[..4].parse().ok()?, one[4..].parse().ok()?),
        [y, m] => (y.parse().ok()?, m.parse().ok()?),
        _ => return None,
    };
    YearMonth::new(y, m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UnitKind;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
    }

    #[test]
    fn a_field_says_what_it_read_or_what_is_accepted() {
        let f = Field::new(FieldKey::Date, FieldKind::Date, "1120");
        assert_eq!(
            f.check(today(), Lang::Zh),
            Check::Hint("→ 2026-11-20".into())
        );
        let f = Field::new(FieldKey::Date, FieldKind::Date, "2026-11-20");
        assert_eq!(f.check(today(), Lang::Zh), Check::Ok);
        let f = Field::new(FieldKey::Hours, FieldKind::Hours, "1.2");
        assert!(matches!(f.check(today(), Lang::Zh), Check::Error(m) if m.contains("半小时")));
        let kind = FieldKind::Choice {
            check: choice_check::<UnitKind>,
            menu: choice_menu::<UnitKind>,
        };
        let f = Field::new(FieldKey::UnitKind, kind, "qy");
        assert_eq!(f.check(today(), Lang::Zh), Check::Hint("→ 企业".into()));
        let f = Field::new(FieldKey::Name, FieldKind::Text, " ").required();
        assert!(matches!(f.check(today(), Lang::Zh), Check::Error(_)));
        assert_eq!(
            year_month("196304").map(|y| y.to_string()),
            Some("1963.04".into())
        );
        assert_eq!(
            year_month("1963年4月").map(|y| y.to_string()),
            Some("1963.04".into())
        );
        assert_eq!(year_month("1963"), None);
    }

    #[test]
    fn yes_no_takes_y_n_and_space() {
        let kind = FieldKind::YesNo {
            yes: "是",
            no: "否",
        };
        let mut f = Field::new(FieldKey::WillingOther, kind, "否");
        f.edit(Edit::Insert('y'));
        assert_eq!(f.text(), "是");
        f.edit(Edit::Insert(' '));
        assert_eq!(f.text(), "否");
        assert!(!f.edit(Edit::Insert('x')));
    }
}
