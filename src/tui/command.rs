//! The command registry: every command a key, the palette or the help screen can name.
//!
//! One table, [`COMMANDS`], gives each command its stable id (used in `keys.toml`), its name in
//! the catalog (`tui.cmd.<id>`), the contexts it applies in and its default key chords there.
//! The keymap, the help overlay and the command palette are all built from this table, so a
//! binding can never be shown in one place and behave differently in another.
//!
//! Owns: the list of commands and contexts. Must not touch: what a command does (that is
//! `update`'s business), key events, rendering.

use crate::i18n::{Lang, t};

/// Where the keyboard is; decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    /// Everywhere, below every other context.
    Global,
    /// A list or table pane has the keyboard.
    List,
    /// A form (登记表, 服务记录 …) is open.
    Form,
    /// A single-line text field has the keyboard (in a form, the filter or the palette).
    Input,
    /// A popup on top of everything (help, palette, a confirmation).
    Overlay,
    /// The year-end session (评议): one member at a time.
    Session,
    /// The requests, households, suggestions and joint meetings of a community.
    Demands,
    /// A paper form shown on screen.
    Reports,
    /// A member's detail (附件2 and the member's year): pairings and visits start here.
    Detail,
    /// A text of several lines (现实表现): Enter starts a line, Ctrl-s keeps it.
    Text,
}

impl Context {
    pub const ALL: [Context; 10] = [
        Context::Global,
        Context::List,
        Context::Form,
        Context::Input,
        Context::Overlay,
        Context::Session,
        Context::Demands,
        Context::Reports,
        Context::Detail,
        Context::Text,
    ];

    /// The name used in `keys.toml` (`list.move_down = "j"`).
    pub fn id(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Form => "form",
            Context::Input => "input",
            Context::Overlay => "overlay",
            Context::Session => "session",
            Context::Demands => "demands",
            Context::Reports => "reports",
            Context::Detail => "detail",
            Context::Text => "text",
        }
    }

    pub fn from_id(s: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.id() == s)
    }

    /// The heading of this context's section in the help overlay.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Context::Global => t(lang, "tui.ctx.global"),
            Context::List => t(lang, "tui.ctx.list"),
            Context::Form => t(lang, "tui.ctx.form"),
            Context::Input => t(lang, "tui.ctx.input"),
            Context::Overlay => t(lang, "tui.ctx.overlay"),
            Context::Session => t(lang, "tui.ctx.session"),
            Context::Demands => t(lang, "tui.ctx.demands"),
            Context::Reports => t(lang, "tui.ctx.reports"),
            Context::Detail => t(lang, "tui.ctx.detail"),
            Context::Text => t(lang, "tui.ctx.text"),
        }
    }
}

macro_rules! commands {
    ($($variant:ident => $id:literal, $key:literal, palette: $palette:literal,
        [$($ctx:ident: [$($chord:literal),*]),*];)*) => {
        /// A command's identity. The string form ([`CommandId::id`]) is what `keys.toml` uses.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum CommandId { $($variant),* }

        /// Every command, in the order help and the palette list them.
        pub const COMMANDS: &[CommandSpec] = &[
            $(CommandSpec {
                id: CommandId::$variant,
                name_key: $key,
                in_palette: $palette,
                bindings: &[$((Context::$ctx, &[$($chord),*])),*],
            }),*
        ];

        impl CommandId {
            /// The stable identifier (`focus_next`) used in `keys.toml` and in tests.
            pub fn id(self) -> &'static str {
                match self { $(CommandId::$variant => $id),* }
            }
        }
    };
}

/// One command of the registry.
#[derive(Debug)]
pub struct CommandSpec {
    pub id: CommandId,
    /// Catalog key of the name shown in help and the palette.
    pub name_key: &'static str,
    /// Whether the palette offers it (cursor motions inside a field would only be noise).
    pub in_palette: bool,
    /// The contexts the command applies in, each with its default key chords.
    pub bindings: &'static [(Context, &'static [&'static str])],
}

impl CommandSpec {
    pub fn name(&self, lang: Lang) -> &'static str {
        t(lang, self.name_key)
    }

    pub fn applies_in(&self, ctx: Context) -> bool {
        self.bindings.iter().any(|(c, _)| *c == ctx)
    }

    pub fn default_keys(&self, ctx: Context) -> &'static [&'static str] {
        self.bindings
            .iter()
            .find(|(c, _)| *c == ctx)
            .map(|(_, k)| *k)
            .unwrap_or(&[])
    }
}

commands! {
    Quit => "quit", "tui.cmd.quit", palette: true, [Global: ["q", "Ctrl-c"]];
    Help => "help", "tui.cmd.help", palette: true, [Global: ["?", "F1"]];
    Palette => "palette", "tui.cmd.palette", palette: false, [Global: [":", "Ctrl-p"]];
    FocusNext => "focus_next", "tui.cmd.focus_next", palette: true,
        [Global: ["Tab"], Form: ["Tab"]];
    FocusPrev => "focus_prev", "tui.cmd.focus_prev", palette: true,
        [Global: ["Shift-Tab"], Form: ["Shift-Tab"]];
    Reveal => "reveal", "tui.cmd.reveal", palette: true, [Global: ["r"]];
    Presentation => "presentation", "tui.cmd.presentation", palette: true, [Global: ["F5"]];
    FocusCommunities => "focus_communities", "tui.cmd.focus_communities", palette: true,
        [Global: ["1"]];
    FocusMembers => "focus_members", "tui.cmd.focus_members", palette: true, [Global: ["2"]];
    FocusPosts => "focus_posts", "tui.cmd.focus_posts", palette: true, [Global: ["3"]];
    FocusCard => "focus_card", "tui.cmd.focus_card", palette: true, [Global: ["4"]];
    Units => "units", "tui.cmd.units", palette: true, [Global: ["U"]];
    // A chord with Ctrl means one command wherever it is bound (Ctrl-p is the palette, Ctrl-b
    // and Ctrl-f move the cursor in a field), so the lists move by arrows, j/k and the page keys.
    MoveUp => "move_up", "tui.cmd.move_up", palette: false,
        [List: ["k", "Up"], Overlay: ["k", "Up"], Text: ["Up"]];
    MoveDown => "move_down", "tui.cmd.move_down", palette: false,
        [List: ["j", "Down"], Overlay: ["j", "Down"], Text: ["Down"]];
    // In the session a page is ten members; the member's year scrolls with ScrollUp/Down.
    PageUp => "page_up", "tui.cmd.page_up", palette: false,
        [List: ["PageUp"], Overlay: ["PageUp"], Session: ["PageUp"], Text: ["PageUp"]];
    PageDown => "page_down", "tui.cmd.page_down", palette: false,
        [List: ["PageDown", "Space"], Overlay: ["PageDown"], Session: ["PageDown"], Text: ["PageDown"]];
    Top => "top", "tui.cmd.top", palette: true, [List: ["g", "Home"], Session: ["g", "Home"]];
    Bottom => "bottom", "tui.cmd.bottom", palette: true,
        [List: ["G", "End"], Session: ["G", "End"]];
    // As a pager reads: Space on, b back.
    ScrollDown => "scroll_down", "tui.cmd.scroll_down", palette: false, [Session: ["Space"]];
    ScrollUp => "scroll_up", "tui.cmd.scroll_up", palette: false, [Session: ["b"]];
    Filter => "filter", "tui.cmd.filter", palette: true, [List: ["/"]];
    Open => "open", "tui.cmd.open", palette: false, [List: ["Enter"]];
    Submit => "submit", "tui.cmd.submit", palette: true,
        [Form: ["Ctrl-s"], Text: ["Ctrl-s"]];
    NewLine => "new_line", "tui.cmd.new_line", palette: false, [Text: ["Enter"]];
    // In a list Esc clears the filter; in a text field it leaves the field (the filter's
    // text is cleared, a form's field keeps what was typed and the form decides).
    Cancel => "cancel", "tui.cmd.cancel", palette: true,
        [List: ["Esc"], Form: ["Esc"], Input: ["Esc"]];
    Confirm => "confirm", "tui.cmd.confirm", palette: false,
        [Input: ["Enter"], Overlay: ["Enter"]];
    Close => "close", "tui.cmd.close", palette: false, [Overlay: ["Esc", "q"]];
    CursorLeft => "cursor_left", "tui.cmd.cursor_left", palette: false,
        [Input: ["Left", "Ctrl-b"]];
    CursorRight => "cursor_right", "tui.cmd.cursor_right", palette: false,
        [Input: ["Right", "Ctrl-f"]];
    LineStart => "line_start", "tui.cmd.line_start", palette: false,
        [Input: ["Home", "Ctrl-a"]];
    LineEnd => "line_end", "tui.cmd.line_end", palette: false, [Input: ["End", "Ctrl-e"]];
    DeleteBack => "delete_back", "tui.cmd.delete_back", palette: false,
        [Input: ["Backspace", "Ctrl-h"]];
    DeleteForward => "delete_forward", "tui.cmd.delete_forward", palette: false,
        [Input: ["Delete", "Ctrl-d"]];
    DeleteWord => "delete_word", "tui.cmd.delete_word", palette: false,
        [Input: ["Ctrl-w", "Alt-Backspace"]];
    KillToStart => "kill_to_start", "tui.cmd.kill_to_start", palette: false,
        [Input: ["Ctrl-u"]];
    KillToEnd => "kill_to_end", "tui.cmd.kill_to_end", palette: false, [Input: ["Ctrl-k"]];
    // Data entry: forms from the lists, the card, registrations, activities, undo.
    Add => "add", "tui.cmd.add", palette: true, [List: ["a", "n"]];
    Edit => "edit", "tui.cmd.edit", palette: true, [List: ["e"], Demands: ["e"]];
    Archive => "archive", "tui.cmd.archive", palette: true, [List: ["x"]];
    Undo => "undo", "tui.cmd.undo", palette: true, [Global: ["u"]];
    Redo => "redo", "tui.cmd.redo", palette: true, [Global: ["Ctrl-r"]];
    Repeat => "repeat", "tui.cmd.repeat", palette: true, [List: ["."]];
    Mark => "mark", "tui.cmd.mark", palette: true, [List: ["v"]];
    Certify => "certify", "tui.cmd.certify", palette: true, [List: ["c"]];
    Revoke => "revoke", "tui.cmd.revoke", palette: true, [List: ["C"]];
    Reported => "reported", "tui.cmd.reported", palette: true, [List: ["b"]];
    Receipt => "receipt", "tui.cmd.receipt", palette: true, [List: ["h"]];
    Reason => "reason", "tui.cmd.reason", palette: true, [List: ["w"]];
    EditRegistration => "edit_registration", "tui.cmd.edit_registration", palette: true,
        [List: ["R"]];
    MoveMember => "move_member", "tui.cmd.move_member", palette: true, [List: ["m"]];
    IssueSlips => "issue_slips", "tui.cmd.issue_slips", palette: true, [List: ["i"]];
    Overdue => "overdue", "tui.cmd.overdue", palette: true, [Global: ["o"]];
    Activity => "activity", "tui.cmd.activity", palette: true, [List: ["A"]];
    BatchEntry => "batch_entry", "tui.cmd.batch_entry", palette: true, [List: ["B"]];
    AddSuggestion => "add_suggestion", "tui.cmd.add_suggestion", palette: true, [List: ["s"]];
    AddHousehold => "add_household", "tui.cmd.add_household", palette: true,
        [List: ["H"], Demands: ["H"]];
    AddMeeting => "add_meeting", "tui.cmd.add_meeting", palette: true, [List: ["M"]];
    AddDemand => "add_demand", "tui.cmd.add_demand", palette: true, [List: ["D"]];
    AddUnitService => "add_unit_service", "tui.cmd.add_unit_service", palette: true,
        [List: ["S"]];
    PickPrev => "pick_prev", "tui.cmd.pick_prev", palette: false, [Form: ["Up"]];
    PickNext => "pick_next", "tui.cmd.pick_next", palette: false, [Form: ["Down"]];
    // The year's work: screens over the panes, opened from anywhere.
    Search => "search", "tui.cmd.search", palette: true, [Global: ["Ctrl-g", "F3"]];
    Session => "session", "tui.cmd.session", palette: true, [Global: ["E", "F6"]];
    Readiness => "readiness", "tui.cmd.readiness", palette: true, [Global: ["F7"]];
    Demands => "demands", "tui.cmd.demands", palette: true, [Global: ["F8"]];
    Reports => "reports", "tui.cmd.reports", palette: true, [Global: ["P", "F9"]];
    Settings => "settings", "tui.cmd.settings", palette: true, [Global: ["O", "F10"]];
    Import => "import", "tui.cmd.import", palette: true, [Global: ["I"]];
    // Before the grades: the key-hint line names it while there is room.
    Jump => "jump", "tui.cmd.jump", palette: true, [Session: ["/"]];
    GradeProposed => "grade_proposed", "tui.cmd.grade_proposed", palette: true,
        [Session: ["Enter"]];
    GradeExcellent => "grade_excellent", "tui.cmd.grade_excellent", palette: true,
        [Session: ["1"]];
    GradeQualified => "grade_qualified", "tui.cmd.grade_qualified", palette: true,
        [Session: ["2"]];
    GradeBasic => "grade_basic", "tui.cmd.grade_basic", palette: true, [Session: ["3"]];
    GradeUnqualified => "grade_unqualified", "tui.cmd.grade_unqualified", palette: true,
        [Session: ["4"]];
    Comment => "comment", "tui.cmd.comment", palette: true, [Session: ["c"]];
    CycleFilter => "cycle_filter", "tui.cmd.cycle_filter", palette: true,
        [Session: ["f"], Demands: ["f"], Reports: ["f"]];
    PrevYear => "prev_year", "tui.cmd.prev_year", palette: true,
        [Session: ["["], Reports: ["["]];
    NextYear => "next_year", "tui.cmd.next_year", palette: true,
        [Session: ["]"], Reports: ["]"]];
    FinishYear => "finish_year", "tui.cmd.finish_year", palette: true, [Session: ["F"]];
    ReopenYear => "reopen_year", "tui.cmd.reopen_year", palette: true, [Session: ["U"]];
    Dispatch => "dispatch", "tui.cmd.dispatch", palette: true, [Demands: ["d"]];
    Accept => "accept", "tui.cmd.accept", palette: true, [Demands: ["a"]];
    Complete => "complete", "tui.cmd.complete", palette: true, [Demands: ["c"]];
    CancelDemand => "cancel_demand", "tui.cmd.cancel_demand", palette: true,
        [Demands: ["x"]];
    ReopenDemand => "reopen_demand", "tui.cmd.reopen_demand", palette: true,
        [Demands: ["o"]];
    // 结对帮扶: from a household (F8) or a member's detail, the other side picked by typing.
    Pair => "pair", "tui.cmd.pair", palette: true, [Detail: ["p"], Demands: ["p"]];
    Visit => "visit", "tui.cmd.visit", palette: true, [Detail: ["v"], Demands: ["v"]];
    EditPairing => "edit_pairing", "tui.cmd.edit_pairing", palette: true,
        [Detail: ["P"], Demands: ["P"]];
    ScrollLeft => "scroll_left", "tui.cmd.scroll_left", palette: false,
        [Reports: ["Left", "h"]];
    ScrollRight => "scroll_right", "tui.cmd.scroll_right", palette: false,
        [Reports: ["Right", "l"]];
    Export => "export", "tui.cmd.export", palette: true, [Reports: ["x"]];
    PickUnit => "pick_unit", "tui.cmd.pick_unit", palette: true, [Reports: ["u"]];
    // Last: the key hints fill up in this order, and history is for reviewers more than typing.
    History => "history", "tui.cmd.history", palette: true, [Global: ["F2"]];
}

impl CommandId {
    pub fn spec(self) -> &'static CommandSpec {
        // The table is generated from the same list as the enum, one entry per variant in
        // declaration order, so the index is the discriminant.
        &COMMANDS[self as usize]
    }

    pub fn from_id(s: &str) -> Option<CommandId> {
        COMMANDS.iter().map(|c| c.id).find(|c| c.id() == s)
    }

    pub fn name(self, lang: Lang) -> &'static str {
        self.spec().name(lang)
    }

    /// Whether the command changes the ledger. A read-only ledger (a reviewer's) refuses
    /// these with a message instead of opening a form that could never be saved.
    pub fn edits(self) -> bool {
        use CommandId::*;
        matches!(
            self,
            Submit
                | Add
                | Edit
                | Archive
                | Undo
                | Redo
                | Repeat
                | Certify
                | Revoke
                | Reported
                | Receipt
                | Reason
                | EditRegistration
                | MoveMember
                | IssueSlips
                | Activity
                | BatchEntry
                | AddSuggestion
                | AddHousehold
                | AddMeeting
                | AddDemand
                | AddUnitService
                | Pair
                | Visit
                | EditPairing
                | Import
        ) || self.is_year_step()
    }

    /// A step on one of the year's screens (grading, closing, a request's steps): these
    /// screens have few keys and the room needs to see them all in the key-hint line.
    pub fn is_year_step(self) -> bool {
        use CommandId::*;
        matches!(
            self,
            GradeProposed
                | GradeExcellent
                | GradeQualified
                | GradeBasic
                | GradeUnqualified
                | Comment
                | FinishYear
                | ReopenYear
                | Dispatch
                | Accept
                | Complete
                | CancelDemand
                | ReopenDemand
                | Pair
                | Visit
                | EditPairing
        )
    }

    /// Whether the key-hint line names it: not motions, and of data entry's many commands
    /// only adding and undoing (the rest are in help), so quit and help keep their place.
    pub fn hinted(self) -> bool {
        use CommandId::*;
        if self.is_motion() {
            return false;
        }
        let entry_detail =
            self.edits() && !self.is_year_step() && !matches!(self, Add | Undo | Submit);
        !entry_detail && !matches!(self, Mark | Overdue)
    }

    /// A command on the panes (their focus, the units view, the selected row's history): over
    /// a screen such as F7 or F8 it would act unseen beneath it, so a screen does not offer it.
    pub fn acts_on_panes(self) -> bool {
        use CommandId::*;
        matches!(
            self,
            Units | FocusCommunities | FocusMembers | FocusPosts | FocusCard | History
        )
    }

    /// A motion inside a list or a field: shown in help, left out of the key-hint line,
    /// where a clerk looks for what can be done rather than how to move.
    pub fn is_motion(self) -> bool {
        use CommandId::*;
        matches!(
            self,
            MoveUp
                | MoveDown
                | PageUp
                | PageDown
                | Top
                | Bottom
                | FocusPrev
                | FocusCommunities
                | FocusMembers
                | FocusPosts
                | FocusCard
                | CursorLeft
                | CursorRight
                | LineStart
                | LineEnd
                | DeleteBack
                | DeleteForward
                | DeleteWord
                | KillToStart
                | KillToEnd
                | PickPrev
                | PickNext
                | ScrollLeft
                | ScrollRight
                | ScrollUp
                | ScrollDown
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n;
    use crate::tui::keymap::KeyChord;

    #[test]
    fn table_and_enum_agree() {
        for (i, spec) in COMMANDS.iter().enumerate() {
            assert_eq!(spec.id as usize, i);
            assert_eq!(spec.id.spec().id, spec.id);
            assert_eq!(CommandId::from_id(spec.id.id()), Some(spec.id));
        }
        assert_eq!(CommandId::from_id("no_such_command"), None);
    }

    #[test]
    fn every_command_is_named_in_both_languages() {
        for spec in COMMANDS {
            assert!(i18n::has(spec.name_key), "catalog lacks {}", spec.name_key);
            assert_ne!(
                spec.name(Lang::Zh),
                spec.name(Lang::En),
                "{}",
                spec.name_key
            );
        }
        for ctx in Context::ALL {
            assert_ne!(ctx.title(Lang::Zh), ctx.title(Lang::En));
            assert_eq!(Context::from_id(ctx.id()), Some(ctx));
        }
    }

    #[test]
    fn every_default_chord_parses() {
        for spec in COMMANDS {
            assert!(
                !spec.bindings.is_empty(),
                "{} applies nowhere",
                spec.id.id()
            );
            for (_, keys) in spec.bindings {
                for k in *keys {
                    assert!(KeyChord::parse(k).is_ok(), "{}: {k}", spec.id.id());
                }
            }
        }
    }
}
