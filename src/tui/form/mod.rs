//! Forms: one popup per record kind or workflow step, typed into without a transaction open.
//!
//! A [`Form`] is a list of [`Field`]s (one small type per kind of value, each handling its own
//! keys and checking its own text as it is typed) plus, for some steps, a [`Checklist`]. The
//! focus is an index rather than a `Focus` enum per form: eleven entity forms and seven
//! workflow steps share every key, and an index lets each form file be only its fields and how
//! they become a [`SaveOp`].
//!
//! Keys: Tab/Shift-Tab (and Up/Down) move between fields, never taking a suggestion; → at the
//! end of a field's text takes the completion shown beside it; Enter saves (or picks the highlighted
//! record in a reference field being searched); Esc closes, asking first when something was
//! typed. A form never saves by itself: it answers with a step that builds the [`SaveOp`]
//! (`entry::layers::submit`), and the runtime does one `write_changes`.
//!
//! Owns: a form's fields, focus, picker hits, saving state. Must not touch: the ledger, the
//! search index (reference fields ask through `update` and the runtime).

pub mod activity;
pub mod certify;
pub mod checklist;
pub mod community;
pub mod demand;
pub mod field;
pub mod household;
pub mod key;
pub mod meeting;
pub mod member;
pub mod pairing;
pub mod post;
pub mod registration;
pub mod service;
pub mod suggestion;
pub mod unit;
pub mod unit_service;
pub mod view;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::{Choice, Hours, Id, Rating, Record, YearMonth};
use crate::i18n::{Lang, t, tf};
use crate::smart_input::history::Completions;
use crate::smart_input::parse;
use crate::tui::action::Effect;
use crate::tui::command::{CommandId, Context};
use crate::tui::entry::confirm::{Confirm, OnYes};
use crate::tui::entry::layers;
use crate::tui::entry::save::SaveOp;
use crate::tui::keymap::Keymap;
use crate::tui::layer::Outcome;
use crate::tui::overlay::Overlay;
use crate::tui::widgets::text_input::Edit;
pub use checklist::{Checklist, Item};
pub use field::{Check, Complete, Field, FieldKind, PickKeys, RefSpec};
pub use key::FieldKey;

/// Which form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Member,
    Community,
    Unit,
    Post,
    Service,
    Registration,
    Household,
    Pairing,
    Suggestion,
    Meeting,
    UnitService,
    Demand,
    Activity,
    Slips,
    Reported,
    Receipt,
    Reason,
    Move,
    Certify,
    Revoke,
}

impl Which {
    /// The catalog key of the form's title (also the noun of "已保存：新增…").
    pub fn title_key(self) -> &'static str {
        match self {
            Which::Member => "tui.form.member",
            Which::Community => "tui.form.community",
            Which::Unit => "tui.form.unit",
            Which::Post => "tui.form.post",
            Which::Service => "tui.form.service",
            Which::Registration => "tui.form.registration",
            Which::Household => "tui.form.household",
            Which::Pairing => "tui.form.pairing",
            Which::Suggestion => "tui.form.suggestion",
            Which::Meeting => "tui.form.meeting",
            Which::UnitService => "tui.form.unit_service",
            Which::Demand => "tui.form.demand",
            Which::Activity => "tui.form.activity",
            Which::Slips => "tui.form.slips",
            Which::Reported => "tui.form.reported",
            Which::Receipt => "tui.form.receipt",
            Which::Reason => "tui.form.reason",
            Which::Move => "tui.form.move",
            Which::Certify => "tui.form.certify",
            Which::Revoke => "tui.form.revoke",
        }
    }
}

/// What a form is about: the records around it (the community of a new member, the member of
/// a new service row, the rows to certify).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ctx {
    pub community: Option<Id>,
    pub member: Option<Id>,
    pub unit: Option<Id>,
    pub registration: Option<Id>,
    /// The household of a pairing or a visit (结对帮扶).
    pub household: Option<Id>,
    /// A visit: the service row names its household (picked when `household` is not given).
    pub visit: bool,
    /// A member field starting with this member picked (the one paired with a household).
    pub pick_member: Option<Id>,
    pub rows: Vec<Id>,
    /// The service card's quick entry: saving opens the next row.
    pub quick: bool,
    /// Shown in the title (the member whose card this is, the unit issuing slips).
    pub subject: String,
    /// A record created from a picker's "create new": its name as typed there.
    pub typed: String,
    /// A new service row starts from this one (the row above on the card).
    pub template: Option<Box<crate::domain::ServiceRecord>>,
    /// The households the member is paired with now, when known (the card's member): a
    /// 结对帮扶 row starts with the only one, and says so when there is none.
    pub paired: Option<Vec<(Id, String)>>,
    /// A certification starts with the last signer of the session.
    pub signer: Option<(crate::domain::CertifierRole, String)>,
}

/// Everything a form file needs to lay out its fields.
pub struct Init<'a> {
    pub base: Option<&'a Record>,
    pub ctx: &'a Ctx,
    /// Names of the records the base points at (for reference fields).
    pub names: &'a HashMap<Id, String>,
    pub lang: Lang,
    pub today: NaiveDate,
}

impl Init<'_> {
    /// The name of a record a multi-reference field holds; one that cannot be found is
    /// shown as missing (the store refuses to save it until it is removed).
    pub fn name_of(&self, id: Id) -> String {
        self.names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| t(self.lang, "tui.form.missing_record").to_string())
    }

    /// A single reference field showing the record `id` points at. A record that cannot be
    /// found (a dangling reference) is not picked: the field says so and refuses to save
    /// until a record is chosen, and no internal id is shown.
    pub fn ref_field(&self, key: FieldKey, spec: RefSpec, id: Option<Id>) -> Field {
        match id.map(|i| (i, self.names.get(&i))) {
            Some((i, Some(name))) => ref_field(key, spec, vec![(i, name.clone())]),
            Some((_, None)) => Field::new(
                key,
                FieldKind::Ref(spec),
                t(self.lang, "tui.form.missing_record"),
            ),
            None => ref_field(key, spec, Vec::new()),
        }
    }
}

/// One record a reference field's search found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickHit {
    pub id: Id,
    pub name: String,
    pub detail: String,
}

/// A search a reference field asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchReq {
    pub text: String,
    pub spec: RefSpec,
}

/// The contexts a form's keys resolve in, topmost first.
pub const CONTEXTS: [Context; 3] = [Context::Input, Context::Form, Context::Global];

/// An open form.
#[derive(Debug, Clone)]
pub struct Form {
    pub which: Which,
    pub base: Option<Record>,
    pub ctx: Ctx,
    pub fields: Vec<Field>,
    /// An index into `fields`; `fields.len()` is the checklist.
    pub focus: usize,
    pub checklist: Option<Checklist>,
    /// The focused reference field's search results, and the highlighted one (`hits.len()` is
    /// "create new").
    pub hits: Vec<PickHit>,
    pub hit: usize,
    /// A message for the whole form (a refused save that names no field).
    pub error: Option<String>,
    /// Sent to the runtime; keys are ignored until it answers.
    pub saving: bool,
    pub completions: Option<Completions>,
    /// A form opened from a reference field's "create new": the field of the form beneath that
    /// receives the new record.
    pub parent_field: Option<usize>,
    /// The clerk typed the service kind: it no longer follows the content.
    pub kind_by_hand: bool,
    /// The keys a reference field's message names, as bound ([`Form::keys_from`]).
    pub pick_keys: PickKeys,
    pub lang: Lang,
    pub today: NaiveDate,
}

impl Form {
    /// Opens `which`, editing `base` if given.
    pub fn open(
        which: Which,
        base: Option<Record>,
        ctx: Ctx,
        names: &HashMap<Id, String>,
        lang: Lang,
        today: NaiveDate,
    ) -> Form {
        let init = Init {
            base: base.as_ref(),
            ctx: &ctx,
            names,
            lang,
            today,
        };
        let fields = match which {
            Which::Member => member::fields(&init),
            Which::Community => community::fields(&init),
            Which::Unit => unit::fields(&init),
            Which::Post => post::fields(&init),
            Which::Service => service::fields(&init),
            Which::Registration => registration::fields(&init),
            Which::Household => household::fields(&init),
            Which::Pairing => pairing::fields(&init),
            Which::Suggestion => suggestion::fields(&init),
            Which::Meeting => meeting::fields(&init),
            Which::UnitService => unit_service::fields(&init),
            Which::Demand => demand::fields(&init),
            Which::Activity => activity::fields(&init),
            Which::Slips => registration::slip_fields(&init),
            Which::Reported => registration::reported_fields(&init),
            Which::Receipt => registration::receipt_fields(&init),
            Which::Reason => registration::reason_fields(&init),
            Which::Move => registration::move_fields(&init),
            Which::Certify => certify::fields(&init),
            Which::Revoke => certify::revoke_fields(&init),
        };
        let mut form = Form {
            which,
            base,
            ctx,
            fields,
            focus: 0,
            checklist: None,
            hits: Vec::new(),
            hit: 0,
            error: None,
            saving: false,
            completions: None,
            parent_field: None,
            kind_by_hand: false,
            pick_keys: PickKeys::of(&Keymap::defaults()),
            lang,
            today,
        };
        form.relate_dates();
        form
    }

    /// A new service row's kind follows its content, not the row above: the kind the
    /// community's history saved this content as, the row above's when the content is the
    /// row above's, else the kind a blank row starts with. Once the clerk types a kind, it
    /// stays as typed.
    fn follow_kind(&mut self) {
        if self.which != Which::Service || self.base.is_some() || self.kind_by_hand {
            return;
        }
        let content = self.values().text(FieldKey::Content);
        let kind = self
            .completions
            .as_ref()
            .and_then(|c| c.kind_of(&content))
            .or_else(|| {
                let above = self.ctx.template.as_ref()?;
                (above.content == content).then_some(above.kind)
            })
            .unwrap_or(crate::domain::ServiceKind::Volunteer);
        let label = kind.label(self.lang);
        if let Some(f) = self.field_mut(FieldKey::Kind)
            && f.text() != label
        {
            f.set_text(label);
        }
    }

    /// A service row names a household while its kind is 结对帮扶 (a visit opened with `v`
    /// always does): the field is added after the kind when the kind becomes 结对帮扶 and
    /// removed when it becomes another, so no 结对帮扶 row is saved without its household.
    fn household_follows_kind(&mut self) {
        if self.which != Which::Service || self.ctx.visit || self.ctx.household.is_some() {
            return;
        }
        // A row on file changes only when the clerk types its kind: a 结对帮扶 row kept from
        // before households were named is not made to name one by an edit of its hours.
        if self.base.is_some() && !self.kind_by_hand {
            return;
        }
        let pairing = self
            .values()
            .choice::<crate::domain::ServiceKind>(FieldKey::Kind)
            == Some(crate::domain::ServiceKind::Pairing);
        let at = self
            .fields
            .iter()
            .position(|f| f.key == FieldKey::Household);
        match (pairing, at) {
            (true, None) => {
                let kind = self.fields.iter().position(|f| f.key == FieldKey::Kind);
                let i = kind.map_or(self.fields.len(), |k| k + 1);
                let f = service::household_field(&self.ctx, service::default_household(&self.ctx));
                self.fields.insert(i, f);
                if self.focus >= i {
                    self.focus += 1;
                }
            }
            (false, Some(i)) => {
                self.fields.remove(i);
                if self.focus > i {
                    self.focus -= 1;
                }
            }
            _ => {}
        }
    }

    /// The date rules that depend on another field of the same form, brought up to date
    /// with what is typed there: 入党时间 after the 18th birthday, 报到日期 not before the slip,
    /// 回执 not before the report. The rules are the records' own (`Member::joined_rule`,
    /// `Registration::reported_rule`), so the field refuses what the save would.
    fn relate_dates(&mut self) {
        let v = self.values();
        let rules = match self.which {
            Which::Member => {
                let m = crate::domain::Member {
                    birth: v.year_month(FieldKey::Birth),
                    ..Default::default()
                };
                vec![(FieldKey::Joined, m.joined_rule())]
            }
            Which::Registration => {
                let r = crate::domain::Registration {
                    issued_on: v.date(FieldKey::IssuedOn),
                    reported_on: v.date(FieldKey::ReportedOn),
                    ..Default::default()
                };
                vec![
                    (FieldKey::ReportedOn, r.reported_rule()),
                    (FieldKey::ReceiptOn, r.receipt_rule()),
                ]
            }
            _ => Vec::new(),
        };
        for (key, rule) in rules {
            if let Some(f) = self.field_mut(key) {
                f.rule = Some(rule);
            }
        }
    }

    /// Names the keys in force in its messages (a `keys.toml` rebind).
    pub fn keys_from(&mut self, keymap: &Keymap) {
        self.pick_keys = PickKeys::of(keymap);
    }

    /// What field `f` of this form says now.
    pub fn check(&self, f: &Field) -> Check {
        f.check_with(self.today, self.lang, &self.pick_keys)
    }

    pub fn with_checklist(mut self, items: Vec<Item>) -> Form {
        self.checklist = Some(Checklist::new(items));
        self
    }

    pub fn title(&self) -> String {
        let name = if self.ctx.visit {
            t(self.lang, "tui.cmd.visit")
        } else {
            t(self.lang, self.which.title_key())
        };
        if self.ctx.subject.is_empty() {
            name.to_string()
        } else {
            format!("{name} · {}", self.ctx.subject)
        }
    }

    /// Whether anything typed would be lost by closing.
    pub fn changed(&self) -> bool {
        self.fields.iter().any(Field::changed)
            || self.checklist.as_ref().is_some_and(Checklist::changed)
    }

    pub fn field(&self, key: FieldKey) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn field_mut(&mut self, key: FieldKey) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.key == key)
    }

    fn stops(&self) -> usize {
        self.fields.len() + usize::from(self.checklist.is_some())
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    /// The checks of every field; the first error's field index, if any.
    pub fn first_error(&self) -> Option<usize> {
        self.fields
            .iter()
            .position(|f| matches!(self.check(f), Check::Error(_)))
    }

    /// What a completing field would become on → at the end of its text (the whole
    /// completed text), shown beside the field.
    pub fn completion(&self) -> Option<&str> {
        let f = self.focused()?;
        let c = self.completions.as_ref()?;
        let typed = f.text();
        let full = match f.complete? {
            Complete::Content => c.content(typed)?,
            Complete::Place => c.place(typed)?,
        };
        (full != typed).then_some(full)
    }

    /// Moves the focus to the next (or previous) field, wrapping.
    pub fn move_focus(&mut self, forward: bool) {
        let n = self.stops();
        if n == 0 {
            return;
        }
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
        self.hits.clear();
        self.hit = 0;
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.fresh = true;
        }
    }

    pub fn focus_key(&mut self, key: FieldKey) {
        if let Some(i) = self.fields.iter().position(|f| f.key == key) {
            self.focus = i;
            self.fields[i].fresh = true;
        }
    }

    /// Picks a record into field `i` (a search hit, or a record just created).
    pub fn pick(&mut self, i: usize, id: Id, name: String) {
        let Some(f) = self.fields.get_mut(i) else {
            return;
        };
        let multi = f.is_ref().is_some_and(|s| s.multi);
        if multi {
            if !f.picked.iter().any(|p| p.0 == id) {
                f.picked.push((id, name));
            }
            f.set_text("");
        } else {
            f.picked = vec![(id, name.clone())];
            f.set_text(&name);
        }
        f.store_error = None;
        self.hits.clear();
        self.hit = 0;
    }

    /// The search results for the focused field arrive (dropped if the text moved on).
    pub fn set_hits(&mut self, text: &str, hits: Vec<PickHit>) {
        if self.focused().is_some_and(|f| f.text() == text) {
            self.hits = hits;
            self.hit = 0;
        }
    }

    fn searching(&self) -> Option<(usize, RefSpec)> {
        let f = self.focused()?;
        let spec = f.is_ref()?;
        let picked_as_typed = !spec.multi && f.picked.first().is_some_and(|p| p.1 == f.text());
        (!f.text().trim().is_empty() && !picked_as_typed).then_some((self.focus, spec))
    }

    /// The highlighted hit picked, or the form that creates the record as typed.
    fn pick_highlighted(&mut self) -> Option<Outcome> {
        let (i, spec) = self.searching()?;
        if let Some(h) = self.hits.get(self.hit).cloned() {
            self.pick(i, h.id, h.name);
            return Some(Outcome::Stay);
        }
        let name = self.fields[i].text().trim().to_string();
        spec.can_create
            .then(|| layers::create(i, spec, name, self.ctx.community))
    }

    /// A command from a key or the palette; nothing while a save is with the runtime.
    pub fn apply(&mut self, c: CommandId) -> Outcome {
        if self.saving {
            return Outcome::Stay;
        }
        // → at the end of the text takes the suggestion shown beside the field: the one key
        // that changes what was typed into what history suggests. Tab never does.
        if c == CommandId::CursorRight
            && self
                .focused()
                .is_some_and(|f| f.input.cursor() == f.text().len())
            && let Some(full) = self.completion().map(str::to_string)
        {
            if let Some(f) = self.fields.get_mut(self.focus) {
                f.set_text(&full);
                f.fresh = false;
            }
            self.follow_kind();
            return Outcome::Stay;
        }
        if let Some(edit) = Edit::from_command(c) {
            return self.edit(edit);
        }
        match c {
            CommandId::FocusNext => {
                if let Some(msg) = self.pick_highlighted()
                    && msg != Outcome::Stay
                {
                    return msg;
                }
                self.move_focus(true);
                Outcome::Stay
            }
            CommandId::FocusPrev => {
                self.move_focus(false);
                Outcome::Stay
            }
            CommandId::PickNext | CommandId::PickPrev => {
                let down = c == CommandId::PickNext;
                if self.searching().is_some() {
                    let n = self.hits.len() + 1;
                    self.hit = if down {
                        (self.hit + 1) % n
                    } else {
                        (self.hit + n - 1) % n
                    };
                } else if self.focus == self.fields.len()
                    && let Some(list) = &mut self.checklist
                {
                    if down { list.down() } else { list.up() }
                } else {
                    self.move_focus(down);
                }
                Outcome::Stay
            }
            CommandId::Confirm => self
                .pick_highlighted()
                .unwrap_or_else(|| Outcome::Then(Box::new(layers::submit))),
            CommandId::Submit => Outcome::Then(Box::new(layers::submit)),
            CommandId::Cancel => {
                if let Some((i, _)) = self.searching() {
                    // Esc first drops the search being typed, never the form.
                    self.fields[i].set_text("");
                    self.hits.clear();
                    return Outcome::Stay;
                }
                // Close, asking first when something was typed.
                if self.changed() {
                    Outcome::Push(Overlay::Confirm(Confirm::new(OnYes::Discard)))
                } else {
                    Outcome::Close
                }
            }
            other => Outcome::Pass(other),
        }
    }

    /// Typed or pasted text, or an editing key.
    pub fn edit(&mut self, edit: Edit) -> Outcome {
        self.error = None;
        if self.focus == self.fields.len() {
            if let Some(list) = &mut self.checklist {
                list.edit(edit);
            }
            return Outcome::Stay;
        }
        if self.ctx.quick
            && edit == Edit::Insert('.')
            && self
                .focused()
                .is_some_and(|f| f.key == FieldKey::Content && f.text().is_empty())
        {
            layers::repeat(self);
            return Outcome::Stay;
        }
        if let Edit::Insert(c) = edit
            && field::separates_picks(c)
            && self
                .focused()
                .and_then(Field::is_ref)
                .is_some_and(|s| s.multi)
        {
            // Several records in one field (认领岗位): the separator a clerk types between
            // names picks the highlighted match and starts the next. Nothing matching, it
            // is not typed: the field says nothing is picked.
            if self.searching().is_some()
                && let Some(h) = self.hits.get(self.hit).cloned()
            {
                self.pick(self.focus, h.id, h.name);
            }
            return Outcome::Stay;
        }
        let Some(f) = self.fields.get_mut(self.focus) else {
            return Outcome::Stay;
        };
        if edit == Edit::Backspace && f.text().is_empty() && f.is_ref().is_some_and(|s| s.multi) {
            f.picked.pop();
            return Outcome::Stay;
        }
        if !f.edit(edit) {
            return Outcome::Stay;
        }
        let key = f.key;
        self.relate_dates();
        match key {
            FieldKey::Kind => self.kind_by_hand = true,
            FieldKey::Content => self.follow_kind(),
            _ => {}
        }
        if matches!(key, FieldKey::Kind | FieldKey::Content) {
            self.household_follows_kind();
        }
        let Some(f) = self.fields.get_mut(self.focus) else {
            return Outcome::Stay;
        };
        if f.key == FieldKey::DefaultHours
            && let Ok(h) = parse::hours(f.text())
            && let Some(list) = &mut self.checklist
        {
            list.set_default(h);
            return Outcome::Stay;
        }
        let Some(f) = self.fields.get_mut(self.focus) else {
            return Outcome::Stay;
        };
        match f.is_ref() {
            Some(spec) => {
                if !spec.multi {
                    // Typing over a picked record searches again; it is no longer picked.
                    f.picked.clear();
                }
                self.hits.clear();
                self.hit = 0;
                let text = f.text().to_string();
                if text.trim().is_empty() {
                    Outcome::Stay
                } else {
                    Outcome::Effect(Effect::Search(SearchReq { text, spec }))
                }
            }
            None => Outcome::Stay,
        }
    }

    /// A refused save: each error goes to the field it names (the store's field name read
    /// as a [`FieldKey`]); the rest, and any naming a field this form does not show, to the
    /// whole form.
    pub fn refused(&mut self, errors: &[(String, String)], message: String) {
        self.saving = false;
        let mut unplaced = Vec::new();
        let mut first = None;
        for (name, text) in errors {
            let key = FieldKey::named(name);
            match self.fields.iter().position(|f| Some(f.key) == key) {
                Some(i) => {
                    self.fields[i].store_error = Some(text.clone());
                    first.get_or_insert(i);
                }
                None => unplaced.push(text.clone()),
            }
        }
        if let Some(i) = first {
            self.focus = i;
        }
        self.error = Some(if errors.is_empty() || !unplaced.is_empty() {
            if unplaced.is_empty() {
                message
            } else {
                unplaced.join("；")
            }
        } else if let [(_, text)] = errors {
            // One field refused: its message in full on the form's line, where the narrow
            // room beside the field may cut it.
            text.clone()
        } else {
            t(self.lang, "tui.form.fix_fields").to_string()
        });
    }

    pub fn values(&self) -> Values<'_> {
        Values {
            form: self,
            missing: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// The save this form stands for, once every field checks (`None` otherwise: the
    /// focus goes to the first field in error).
    pub fn build(&mut self) -> Option<SaveOp> {
        if let Some(i) = self.first_error() {
            self.focus = i;
            let f = &self.fields[i];
            self.error = Some(match (&f.store_error, self.check(f)) {
                // A refused save's message already names its field.
                (Some(refused), _) => refused.clone(),
                (None, Check::Error(e)) => crate::i18n::tf(
                    self.lang,
                    "err.field",
                    &[&t(self.lang, f.key.catalog()), &e],
                ),
                _ => t(self.lang, "tui.form.fix_fields").to_string(),
            });
            return None;
        }
        let (op, missing) = self.build_op();
        if let Some(key) = missing.first() {
            // A field the form's code reads but never laid out would read as empty and, on an
            // edit, wipe the stored value: nothing is saved.
            self.error = Some(tf(self.lang, "tui.form.unknown_field", &[&key.catalog()]));
            return None;
        }
        op
    }

    /// The save the fields stand for, and the keys its code read that the form has no field
    /// for (a mistake in the form's code, refused by [`Form::build`]).
    fn build_op(&self) -> (Option<SaveOp>, Vec<FieldKey>) {
        let v = self.values();
        let op = match self.which {
            Which::Member => member::build(&v),
            Which::Community => community::build(&v),
            Which::Unit => unit::build(&v),
            Which::Post => post::build(&v),
            Which::Service => service::build(&v),
            Which::Registration => registration::build(&v),
            Which::Household => household::build(&v),
            Which::Pairing => pairing::build(&v),
            Which::Suggestion => suggestion::build(&v),
            Which::Meeting => meeting::build(&v),
            Which::UnitService => unit_service::build(&v),
            Which::Demand => demand::build(&v),
            Which::Activity => activity::build(&v),
            Which::Slips => registration::slip_build(&v),
            Which::Reported => registration::reported_build(&v),
            Which::Receipt => registration::receipt_build(&v),
            Which::Reason => registration::reason_build(&v),
            Which::Move => registration::move_build(&v),
            Which::Certify => certify::build(&v),
            Which::Revoke => certify::revoke_build(&v),
        };
        (op, v.missing.into_inner())
    }

    /// The text that names what is saved (`清理楼道`, `张伟`), for the status line and undo.
    pub fn headline(&self) -> String {
        // A step of a member's registration is named by the member (报到登记 张伟), not by
        // the first text typed into it (the team).
        let step = matches!(
            self.which,
            Which::Reported | Which::Receipt | Which::Reason | Which::Move | Which::Registration
        );
        if step && !self.ctx.subject.is_empty() {
            return self.ctx.subject.clone();
        }
        self.fields
            .iter()
            .find(|f| matches!(f.kind, FieldKind::Text) && !f.text().trim().is_empty())
            .map(|f| f.text().trim().to_string())
            .unwrap_or_else(|| self.ctx.subject.clone())
    }
}

/// Typed values, read once every field checks. A field that is empty (or, since checks
/// passed, cannot be) reads as `None`. A key the form has no field for is noted (a typo in a
/// form's code), and the save is refused.
pub struct Values<'a> {
    pub form: &'a Form,
    missing: std::cell::RefCell<Vec<FieldKey>>,
}

impl Values<'_> {
    pub fn base(&self) -> Option<&Record> {
        self.form.base.as_ref()
    }

    pub fn ctx(&self) -> &Ctx {
        &self.form.ctx
    }

    pub fn today(&self) -> NaiveDate {
        self.form.today
    }

    /// The field named `key`; a key without one is noted.
    fn field(&self, key: FieldKey) -> Option<&Field> {
        let found = self.form.field(key);
        if found.is_none() {
            self.missing.borrow_mut().push(key);
        }
        found
    }

    pub fn text(&self, key: FieldKey) -> String {
        self.field(key)
            .map(|f| f.text().trim().to_string())
            .unwrap_or_default()
    }

    pub fn date(&self, key: FieldKey) -> Option<NaiveDate> {
        parse::date(&self.text(key), self.form.today).ok()
    }

    pub fn hours(&self, key: FieldKey) -> Option<Hours> {
        parse::hours(&self.text(key)).ok()
    }

    pub fn rating(&self, key: FieldKey) -> Option<Rating> {
        parse::rating(&self.text(key)).ok().flatten()
    }

    pub fn choice<C: Choice>(&self, key: FieldKey) -> Option<C> {
        parse::choice::<C>(&self.text(key)).ok()
    }

    pub fn yes(&self, key: FieldKey) -> bool {
        field::is_yes(&self.text(key))
    }

    pub fn year_month(&self, key: FieldKey) -> Option<YearMonth> {
        field::year_month(&self.text(key))
    }

    pub fn number(&self, key: FieldKey) -> u32 {
        self.text(key).parse().unwrap_or(0)
    }

    pub fn refs(&self, key: FieldKey) -> Vec<Id> {
        self.field(key)
            .map(|f| f.picked.iter().map(|p| p.0).collect())
            .unwrap_or_default()
    }

    pub fn one_ref(&self, key: FieldKey) -> Option<Id> {
        self.refs(key).into_iter().next()
    }

    pub fn checklist(&self) -> Vec<&Item> {
        self.form
            .checklist
            .as_ref()
            .map(|c| c.ticked().collect())
            .unwrap_or_default()
    }
}

/// `Some(text)` of an optional value, `""` otherwise: how a form shows a stored value.
pub fn shown<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// A choice field for `C`.
pub fn choice_field<C: Choice>(key: FieldKey, value: Option<C>, lang: Lang) -> Field {
    Field::new(
        key,
        FieldKind::Choice {
            check: field::choice_check::<C>,
            menu: field::choice_menu::<C>,
        },
        value.map(|c| c.label(lang)).unwrap_or(""),
    )
}

/// A yes/no field.
pub fn yes_no_field(key: FieldKey, yes: bool, lang: Lang) -> Field {
    let kind = FieldKind::YesNo {
        yes: t(lang, "tui.yes"),
        no: t(lang, "tui.no"),
    };
    Field::new(key, kind, t(lang, if yes { "tui.yes" } else { "tui.no" }))
}

/// A reference field.
pub fn ref_field(key: FieldKey, spec: RefSpec, picked: Vec<(Id, String)>) -> Field {
    let text = if spec.multi {
        String::new()
    } else {
        picked.first().map(|p| p.1.clone()).unwrap_or_default()
    };
    Field::new(key, FieldKind::Ref(spec), &text).with_picked(picked)
}

#[cfg(test)]
mod every_form_reads_its_own_fields {
    use super::*;

    const ALL: [Which; 20] = [
        Which::Member,
        Which::Community,
        Which::Unit,
        Which::Post,
        Which::Service,
        Which::Registration,
        Which::Household,
        Which::Pairing,
        Which::Suggestion,
        Which::Meeting,
        Which::UnitService,
        Which::Demand,
        Which::Activity,
        Which::Slips,
        Which::Reported,
        Which::Receipt,
        Which::Reason,
        Which::Move,
        Which::Certify,
        Which::Revoke,
    ];

    /// Every empty field given a value of its kind, so a form's build reads all the way
    /// through rather than stopping at the first empty required value.
    fn fill(form: &mut Form) {
        for f in &mut form.fields {
            let text = match f.kind {
                FieldKind::Text => "楼道清理",
                FieldKind::Date => "2026-11-01",
                FieldKind::Hours => "2",
                FieldKind::Rating => "1",
                FieldKind::YearMonth => "1980-05",
                FieldKind::Number => "3",
                FieldKind::Mobile => "13800138000",
                // The first of a choice's options, by its number.
                FieldKind::Choice { .. } => "1",
                FieldKind::YesNo { .. } => continue,
                FieldKind::Ref(_) => {
                    if f.picked.is_empty() {
                        f.picked.push((Id::new(), "张伟".into()));
                    }
                    continue;
                }
            };
            if f.text().trim().is_empty() {
                f.set_text(text);
            }
        }
    }

    /// A typo in a form's field key compiles; this reads every form's values and lists the
    /// keys its code asks for that the form never laid out.
    #[test]
    fn no_form_reads_a_field_it_does_not_have() {
        let ctx = Ctx {
            community: Some(Id::new()),
            member: Some(Id::new()),
            unit: Some(Id::new()),
            registration: Some(Id::new()),
            household: Some(Id::new()),
            rows: vec![Id::new()],
            ..Ctx::default()
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let mut wrong = Vec::new();
        let mut forms = Vec::new();
        for which in ALL {
            for visit in [false, true] {
                let ctx = Ctx {
                    visit,
                    ..ctx.clone()
                };
                // A registration is only ever edited.
                let base = (which == Which::Registration)
                    .then(|| Record::Registration(crate::domain::Registration::default()));
                forms.push((which, visit, base, ctx.clone()));
            }
        }
        // Edits that lay out other fields than a new record's.
        let household = Record::Household(crate::domain::Household {
            id: Id::new(),
            community: Id::new(),
            name: "王秀英家".into(),
            kind: crate::domain::HouseholdKind::Poor,
            address: String::new(),
            contact: String::new(),
            note: String::new(),
            archived: false,
        });
        forms.push((Which::Household, false, Some(household), ctx.clone()));
        forms.push((
            Which::Member,
            false,
            Some(Record::Member(crate::domain::Member::default())),
            ctx.clone(),
        ));
        for (which, visit, base, ctx) in forms {
            let mut form = Form::open(which, base, ctx, &HashMap::new(), Lang::Zh, today);
            fill(&mut form);
            if which == Which::Slips {
                form.checklist = Some(Checklist::new(vec![checklist::Item {
                    id: Id::new(),
                    label: "张伟".into(),
                    detail: String::new(),
                    ticked: true,
                    hours: None,
                    custom: false,
                }]));
            }
            let (op, missing) = form.build_op();
            if op.is_none() {
                wrong.push(format!(
                    "{which:?} (visit {visit}): built nothing, read in part"
                ));
            }
            if !missing.is_empty() {
                wrong.push(format!("{which:?} (visit {visit}): {missing:?}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn a_field_read_but_not_laid_out_refuses_the_save() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let ctx = Ctx {
            community: Some(Id::new()),
            member: Some(Id::new()),
            ..Ctx::default()
        };
        let mut form = Form::open(
            Which::Suggestion,
            None,
            ctx,
            &HashMap::new(),
            Lang::En,
            today,
        );
        form.fields[1].set_text("楼道灯坏了");
        assert!(form.clone().build().is_some(), "the whole form saves");
        // A misspelt field no longer compiles; a real field the form does not show (one laid
        // out only in some cases, like a visit's household) still reads as empty, and is noted.
        let v = form.values();
        assert_eq!(v.text(FieldKey::Duties), "");
        assert_eq!(v.missing.borrow().as_slice(), [FieldKey::Duties]);
        drop(v);
        // Laid out under another key, the field the form's code reads is not there.
        form.fields[2].key = FieldKey::Note;
        assert_eq!(form.build(), None);
        assert!(
            form.error.as_deref().unwrap_or("").contains("no field"),
            "{:?}",
            form.error
        );
    }

    /// The store's own refusal of a member (a mobile of five digits, a member of no
    /// community) lands on the fields that show them, focused at the first; one naming a
    /// field the form does not show goes to the form's line.
    #[test]
    fn a_store_refusal_lands_on_the_field_it_names() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let mut form = Form::open(
            Which::Member,
            None,
            Ctx::default(),
            &HashMap::new(),
            Lang::En,
            today,
        );
        let mut member = crate::domain::Member {
            name: "张伟".into(),
            mobile: "12345".into(),
            ..Default::default()
        };
        let errors: Vec<(String, String)> = member
            .validate(today)
            .iter()
            .map(|e| (e.field.to_string(), e.message(Lang::En)))
            .collect();
        let named: Vec<_> = errors.iter().map(|e| FieldKey::named(&e.0)).collect();
        assert!(named.contains(&Some(FieldKey::Mobile)), "{errors:?}");
        form.saving = true;
        form.refused(&errors, "refused".into());
        assert!(!form.saving);
        let focused = form.focused().map(|f| f.key);
        assert_eq!(
            focused,
            named
                .iter()
                .flatten()
                .find_map(|k| form.field(*k).map(|f| f.key))
        );
        let mobile = form.field(FieldKey::Mobile).expect("a mobile field");
        assert!(
            matches!(mobile.check(today, Lang::En), Check::Error(m) if m.contains("11")),
            "{:?}",
            mobile.check(today, Lang::En)
        );
        // The suggestion form shows no mobile: the same refusal is the form's message.
        let mut other = Form::open(
            Which::Suggestion,
            None,
            Ctx::default(),
            &HashMap::new(),
            Lang::En,
            today,
        );
        let mobile_only: Vec<_> = errors
            .iter()
            .filter(|e| FieldKey::named(&e.0) == Some(FieldKey::Mobile))
            .cloned()
            .collect();
        other.refused(&mobile_only, "refused".into());
        assert_eq!(other.error.as_deref(), Some(mobile_only[0].1.as_str()));
        assert!(other.fields.iter().all(|f| f.store_error.is_none()));
    }
}
