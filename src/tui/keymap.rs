//! Keys to commands: key chords, the keymap built from the command table, and the
//! `keys.toml` file that lets a clerk change bindings.
//!
//! The keymap only resolves a key event, in a stack of [`Context`]s, to a [`CommandId`]; what
//! the command does is decided by `update`. The help overlay asks the keymap for the bindings
//! of a context stack, so help always shows the keys that actually work.
//!
//! Owns: [`KeyChord`] (parse/format), [`Keymap`] (defaults, overrides, resolution, help
//! listing). Must not touch: application state, the terminal. Reading `keys.toml` is the one
//! I/O here, in [`Keymap::load`], called once at start-up.

mod config;

use std::collections::HashMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::command::{COMMANDS, CommandId, Context};

pub use config::{ConfigError, ConfigErrorKind, to_config};

/// One key with its modifiers (`j`, `Ctrl-r`, `Shift-Tab`, `F1`), normalised so that the
/// chord parsed from a config file equals the chord built from the terminal's key event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

/// Why a key chord could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChordError {
    Empty,
    UnknownKey(String),
    UnknownModifier(String),
}

const NAMED: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Space", KeyCode::Char(' ')),
    // A comma separates keys in keys.toml, so the comma key needs a name.
    ("Comma", KeyCode::Char(',')),
];

const ALIASES: &[(&str, &str)] = &[
    ("return", "Enter"),
    ("escape", "Esc"),
    ("bs", "Backspace"),
    ("del", "Delete"),
    ("ins", "Insert"),
    ("pgup", "PageUp"),
    ("pgdn", "PageDown"),
    ("pagedn", "PageDown"),
];

impl KeyChord {
    /// A chord, normalised: Shift is folded into the character of a `Char` key (terminals
    /// report `G` with Shift), Shift-Tab is the `BackTab` key, Meta counts as Alt.
    pub fn new(code: KeyCode, mods: KeyModifiers) -> KeyChord {
        let mut m = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if mods.contains(KeyModifiers::META) {
            m |= KeyModifiers::ALT;
        }
        let code = match code {
            KeyCode::Char(c) => {
                let c = if m.contains(KeyModifiers::SHIFT) && c.is_ascii_lowercase() {
                    c.to_ascii_uppercase()
                } else {
                    c
                };
                m.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c)
            }
            KeyCode::Tab if m.contains(KeyModifiers::SHIFT) => {
                m.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::BackTab => {
                m.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        KeyChord { code, mods: m }
    }

    pub fn from_event(ev: &KeyEvent) -> KeyChord {
        KeyChord::new(ev.code, ev.modifiers)
    }

    /// Reads `j`, `G`, `?`, `Ctrl-r`, `C-r`, `Alt-x`, `Shift-Tab`, `F1`, `PageDown`, `Space`,
    /// `Comma`, `Ctrl--`. Named keys and modifiers ignore case; a single character does not.
    pub fn parse(s: &str) -> Result<KeyChord, ChordError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ChordError::Empty);
        }
        let mut rest = s;
        let mut mods = KeyModifiers::NONE;
        // A modifier is a word followed by '-' with something after it; `Ctrl--` is Ctrl and
        // the minus key, and a lone `-` is the minus key.
        while let Some((head, tail)) = rest.split_once('-') {
            if tail.is_empty() || head.is_empty() {
                break;
            }
            mods |= match head.to_ascii_lowercase().as_str() {
                "ctrl" | "control" | "c" => KeyModifiers::CONTROL,
                "alt" | "meta" | "m" | "a" => KeyModifiers::ALT,
                "shift" | "s" => KeyModifiers::SHIFT,
                _ => return Err(ChordError::UnknownModifier(head.to_string())),
            };
            rest = tail;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => Self::named(rest).ok_or_else(|| ChordError::UnknownKey(rest.to_string()))?,
        };
        Ok(KeyChord::new(code, mods))
    }

    fn named(name: &str) -> Option<KeyCode> {
        let lower = name.to_ascii_lowercase();
        let canonical = ALIASES
            .iter()
            .find(|(a, _)| *a == lower)
            .map(|(_, c)| c.to_ascii_lowercase())
            .unwrap_or(lower);
        if let Some((_, code)) = NAMED
            .iter()
            .find(|(n, _)| n.to_ascii_lowercase() == canonical)
        {
            return Some(*code);
        }
        let n: u8 = canonical.strip_prefix('f')?.parse().ok()?;
        (1..=24).contains(&n).then_some(KeyCode::F(n))
    }

    /// A printable character without Ctrl or Alt: in a text field it is typed, not a command.
    pub fn is_text(&self) -> bool {
        matches!(self.code, KeyCode::Char(_))
            && !self
                .mods
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::F(n) => write!(f, "F{n}"),
            code => match NAMED.iter().find(|(_, c)| *c == code) {
                Some((name, _)) => f.write_str(name),
                None => match code {
                    KeyCode::Char(c) => write!(f, "{c}"),
                    other => write!(f, "{other:?}"),
                },
            },
        }
    }
}

/// Keys joined the way `keys.toml` and the help overlay write them: `j, Down`.
pub fn format_keys(keys: &[KeyChord]) -> String {
    keys.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The first key of `command` in `ctx`, as a hint names it (`Esc`), or `—` when unbound.
pub fn first_key(keymap: &Keymap, ctx: Context, command: CommandId) -> String {
    keymap
        .keys(ctx, command)
        .first()
        .map(ToString::to_string)
        .unwrap_or_else(|| "—".to_string())
}

/// The key a footer names for `command` where `contexts` are in force (topmost first): the
/// first one that reaches it, not shadowed by a context above nor typed into a field; `—`
/// when none does. Arrow keys are drawn as arrows (`→`), the way footers write them.
pub fn key_in(keymap: &Keymap, contexts: &[Context], command: CommandId) -> String {
    shown_key(keymap, contexts, command, false)
}

/// [`key_in`] for a motion (scrolling, choosing up and down): an arrow key when one reaches
/// it, since footers write motions as arrows (`↑↓ scroll`), else its first key as bound.
pub fn motion_key_in(keymap: &Keymap, contexts: &[Context], command: CommandId) -> String {
    shown_key(keymap, contexts, command, true)
}

/// The keys of a pair of motions as a footer writes them: `↑↓` for the arrows, else
/// `Alt-k/Alt-j`.
pub fn motion_keys_in(
    keymap: &Keymap,
    contexts: &[Context],
    back: CommandId,
    on: CommandId,
) -> String {
    let (b, o) = (
        motion_key_in(keymap, contexts, back),
        motion_key_in(keymap, contexts, on),
    );
    let arrow = |k: &str| ["↑", "↓", "←", "→"].contains(&k);
    if arrow(&b) && arrow(&o) {
        format!("{b}{o}")
    } else {
        format!("{b}/{o}")
    }
}

fn shown_key(keymap: &Keymap, contexts: &[Context], command: CommandId, arrow: bool) -> String {
    let is_arrow = |k: &&KeyChord| {
        k.mods.is_empty()
            && matches!(
                k.code,
                KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right
            )
    };
    let key = keymap
        .help(contexts)
        .into_iter()
        .flat_map(|s| s.entries)
        .find(|e| e.command == command)
        .and_then(|e| {
            let arrow = arrow.then(|| e.keys.iter().find(is_arrow)).flatten();
            arrow.or(e.keys.first()).copied()
        });
    match key {
        None => "—".to_string(),
        Some(k) if k.mods.is_empty() => match k.code {
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            _ => k.to_string(),
        },
        Some(k) => k.to_string(),
    }
}

/// One line of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpEntry {
    pub command: CommandId,
    pub keys: Vec<KeyChord>,
}

/// The bindings of one context as they work in a given context stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpSection {
    pub context: Context,
    pub entries: Vec<HelpEntry>,
}

/// The bindings in force: the defaults of [`COMMANDS`] with `keys.toml` applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    keys: HashMap<(Context, CommandId), Vec<KeyChord>>,
    index: HashMap<(Context, KeyChord), CommandId>,
}

impl Keymap {
    /// The default bindings of the command table.
    pub fn defaults() -> Keymap {
        let mut keys = HashMap::new();
        for spec in COMMANDS {
            for (ctx, chords) in spec.bindings {
                // The table's own test checks every default parses; a bad one is left out
                // rather than taking the program down.
                let parsed = chords.iter().filter_map(|k| KeyChord::parse(k).ok());
                keys.insert((*ctx, spec.id), parsed.collect());
            }
        }
        let mut map = Keymap {
            keys,
            index: HashMap::new(),
        };
        map.reindex();
        map
    }

    fn reindex(&mut self) {
        self.index.clear();
        // Table order decides if two commands of one context were ever given the same key.
        for spec in COMMANDS {
            for ctx in Context::ALL {
                for k in self.keys.get(&(ctx, spec.id)).into_iter().flatten() {
                    self.index.entry((ctx, *k)).or_insert(spec.id);
                }
            }
        }
    }

    /// The keys of `command` in `ctx`, in the order help shows them.
    pub fn keys(&self, ctx: Context, command: CommandId) -> &[KeyChord] {
        self.keys
            .get(&(ctx, command))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The command bound to `chord` in `ctx` alone.
    pub fn lookup(&self, ctx: Context, chord: KeyChord) -> Option<CommandId> {
        self.index.get(&(ctx, chord)).copied()
    }

    /// The command for a key event in a stack of contexts, topmost first (e.g. `[Input,
    /// Overlay, Global]` while the palette is open). Once a text field is in the stack, a
    /// printable character stops there: it is to be typed, so `q` in a field never quits.
    /// Key releases resolve to nothing.
    pub fn resolve(&self, contexts: &[Context], ev: &KeyEvent) -> Option<CommandId> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let chord = KeyChord::from_event(ev);
        for ctx in contexts {
            if let Some(cmd) = self.lookup(*ctx, chord) {
                return Some(cmd);
            }
            if *ctx == Context::Input && chord.is_text() {
                return None;
            }
        }
        None
    }

    /// Esc and the next key read together arrive as Alt+key, as a terminal sends Alt-x as
    /// ESC x. When no context binds that Alt chord, the clerk pressed Esc and then the key,
    /// and they are given back as the two keys; a bound Alt chord (Alt-Backspace) stays one.
    pub fn split_alt(&self, ev: &KeyEvent) -> Option<[KeyEvent; 2]> {
        let chord = KeyChord::from_event(ev);
        if chord.mods != KeyModifiers::ALT
            || Context::ALL
                .iter()
                .any(|c| self.lookup(*c, chord).is_some())
        {
            return None;
        }
        let mut key = *ev;
        key.modifiers.remove(KeyModifiers::ALT);
        Some([KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE), key])
    }

    /// Every binding that works in `contexts`, section by section, without keys shadowed by
    /// a context higher in the stack or swallowed by a text field.
    pub fn help(&self, contexts: &[Context]) -> Vec<HelpSection> {
        let mut sections = Vec::new();
        let mut typing = false;
        for (depth, ctx) in contexts.iter().enumerate() {
            let above = &contexts[..depth];
            let entries: Vec<HelpEntry> = COMMANDS
                .iter()
                .filter_map(|spec| {
                    let keys: Vec<KeyChord> = self
                        .keys(*ctx, spec.id)
                        .iter()
                        .filter(|k| !(typing && k.is_text()))
                        .filter(|k| above.iter().all(|a| self.lookup(*a, **k).is_none()))
                        .copied()
                        .collect();
                    (!keys.is_empty()).then_some(HelpEntry {
                        command: spec.id,
                        keys,
                    })
                })
                .collect();
            if !entries.is_empty() {
                sections.push(HelpSection {
                    context: *ctx,
                    entries,
                });
            }
            typing |= *ctx == Context::Input;
        }
        sections
    }

    /// The defaults with the overrides of a `keys.toml` text applied. Each bad line is
    /// reported and skipped, so the keys it meant to change keep their defaults.
    /// A file that would leave no key to quit is refused whole: the defaults are kept.
    pub fn from_config(text: &str) -> (Keymap, Vec<ConfigError>) {
        let (map, mut errors) = config::apply(Keymap::defaults(), text);
        if map.keys(Context::Global, CommandId::Quit).is_empty() {
            errors.push(ConfigError {
                line: 0,
                kind: ConfigErrorKind::NoQuit,
            });
            return (Keymap::defaults(), errors);
        }
        (map, errors)
    }

    /// Where `keys.toml` lives: the platform's config directory for baodao.
    pub fn config_path() -> Option<std::path::PathBuf> {
        directories::ProjectDirs::from("", "", "baodao").map(|d| d.config_dir().join("keys.toml"))
    }

    /// The keymap of this user: defaults, plus `keys.toml` when there is one. A missing file
    /// is not an error; an unreadable one is reported and the defaults are used.
    pub fn load() -> (Keymap, Vec<ConfigError>) {
        match Keymap::config_path() {
            Some(path) => Keymap::load_from(&path),
            None => (Keymap::defaults(), Vec::new()),
        }
    }

    /// [`Keymap::load`] from a given file.
    pub fn load_from(path: &std::path::Path) -> (Keymap, Vec<ConfigError>) {
        match config::read(path) {
            Ok(Some(text)) => Keymap::from_config(&text),
            Ok(None) => (Keymap::defaults(), Vec::new()),
            Err(kind) => (Keymap::defaults(), vec![ConfigError { line: 0, kind }]),
        }
    }

    fn set(&mut self, ctx: Context, command: CommandId, keys: Vec<KeyChord>) {
        // A key given to a command takes it away from whichever command of the same context
        // had it by default, so rebinding `j` does not leave two commands on `j`.
        for k in &keys {
            if let Some(other) = self.lookup(ctx, *k)
                && other != command
                && let Some(list) = self.keys.get_mut(&(ctx, other))
            {
                list.retain(|x| x != k);
            }
        }
        self.keys.insert((ctx, command), keys);
        self.reindex();
    }
}

#[cfg(test)]
mod tests;
