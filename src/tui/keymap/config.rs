//! The `keys.toml` format: one override per line, `context.command = "key, key"`, `#` starts
//! a comment, `""` unbinds. Deliberately a small subset of TOML so that a clerk can copy a
//! line out of the help screen and edit it.
//!
//! Owns: reading the file (a regular file of bounded size, never a pipe that could hang the
//! start), parsing the text and the error messages for it.

use std::collections::HashMap;

use crate::domain::safe_text::{self, Lines};
use crate::i18n::{Lang, tf};
use crate::tui::command::{CommandId, Context};

use super::{ChordError, KeyChord, Keymap, format_keys};

/// A line of `keys.toml` that could not be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// 1-based line number; 0 when the whole file is concerned.
    pub line: usize,
    pub kind: ConfigErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigErrorKind {
    /// The file exists but cannot be read (the text says which file and why).
    Unreadable(String),
    /// No `=` on the line.
    NoEquals,
    /// The left side is not `context.command`.
    NoContext(String),
    UnknownContext(String),
    UnknownCommand(String),
    /// The command exists but does not apply in that context.
    NotInContext {
        command: String,
        context: String,
    },
    /// The value is not a double-quoted string.
    NotQuoted,
    BadKey {
        key: String,
        error: ChordError,
    },
    /// A printable key bound in a text field would stop that character being typed.
    TypingKey(String),
    /// The same key was already given to another command of the context on an earlier line.
    KeyTaken {
        key: String,
        line: usize,
    },
    /// The same `context.command` was already set on an earlier line.
    Repeated {
        line: usize,
    },
    /// A character the ledger refuses (a control, bidi or zero-width character): `U+XXXX`.
    Character(String),
    /// Not a regular file (a directory, a named pipe, a device): the text says which.
    NotRegular(String),
    /// Larger than [`MAX_BYTES`]: the text says which file.
    TooLarge(String),
    /// The file would leave no key for quitting; none of it was applied.
    NoQuit,
}

/// A keys.toml holding every command of every context is a few kilobytes; anything much
/// larger is a mistake, and parsing it on every start is slow.
pub const MAX_BYTES: u64 = 64 * 1024;

/// The text of `path`; `None` when there is no file. A named pipe or a device is refused
/// without being opened for a blocking read, and at most [`MAX_BYTES`] are read.
pub(super) fn read(path: &std::path::Path) -> Result<Option<String>, ConfigErrorKind> {
    use std::io::Read;
    let shown = path.display().to_string();
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A FIFO opened for reading blocks until a writer comes: never, before the first frame.
        o.custom_flags(libc::O_NONBLOCK);
    }
    let mut file = match o.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(ConfigErrorKind::Unreadable(format!("{shown}: {e}"))),
    };
    // Looked at through the open file, so it cannot be swapped between the look and the read.
    let meta = file
        .metadata()
        .map_err(|e| ConfigErrorKind::Unreadable(format!("{shown}: {e}")))?;
    if !meta.is_file() {
        return Err(ConfigErrorKind::NotRegular(shown));
    }
    if meta.len() > MAX_BYTES {
        return Err(ConfigErrorKind::TooLarge(shown));
    }
    let mut bytes = Vec::new();
    file.by_ref()
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ConfigErrorKind::Unreadable(format!("{shown}: {e}")))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(ConfigErrorKind::TooLarge(shown));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| ConfigErrorKind::Unreadable(format!("{shown}: {e}")))
}

impl ConfigError {
    /// The message shown on the status line at start-up: where, what is wrong, what happens.
    pub fn message(&self, lang: Lang) -> String {
        let what = match &self.kind {
            ConfigErrorKind::Unreadable(why) => return tf(lang, "tui.keys.err.unreadable", &[why]),
            ConfigErrorKind::NotRegular(p) => return tf(lang, "tui.keys.err.not_regular", &[p]),
            ConfigErrorKind::TooLarge(p) => {
                return tf(lang, "tui.keys.err.too_large", &[p, &(MAX_BYTES / 1024)]);
            }
            ConfigErrorKind::NoQuit => return tf(lang, "tui.keys.err.no_quit", &[]),
            ConfigErrorKind::Character(code) => tf(lang, "tui.keys.err.character", &[code]),
            ConfigErrorKind::NoEquals => tf(lang, "tui.keys.err.no_equals", &[]),
            ConfigErrorKind::NoContext(s) => tf(lang, "tui.keys.err.no_context", &[s]),
            ConfigErrorKind::UnknownContext(s) => {
                let known: Vec<&str> = Context::ALL.iter().map(|c| c.id()).collect();
                tf(
                    lang,
                    "tui.keys.err.unknown_context",
                    &[s, &known.join(", ")],
                )
            }
            ConfigErrorKind::UnknownCommand(s) => tf(lang, "tui.keys.err.unknown_command", &[s]),
            ConfigErrorKind::NotInContext { command, context } => {
                tf(lang, "tui.keys.err.not_in_context", &[command, context])
            }
            ConfigErrorKind::NotQuoted => tf(lang, "tui.keys.err.not_quoted", &[]),
            ConfigErrorKind::BadKey { key, error } => match error {
                ChordError::Empty => tf(lang, "tui.keys.err.empty_key", &[]),
                ChordError::UnknownKey(k) => tf(lang, "tui.keys.err.unknown_key", &[key, k]),
                ChordError::UnknownModifier(m) => {
                    tf(lang, "tui.keys.err.unknown_modifier", &[key, m])
                }
            },
            ConfigErrorKind::TypingKey(k) => tf(lang, "tui.keys.err.typing_key", &[k]),
            ConfigErrorKind::KeyTaken { key, line } => {
                tf(lang, "tui.keys.err.key_taken", &[key, line])
            }
            ConfigErrorKind::Repeated { line } => tf(lang, "tui.keys.err.repeated", &[line]),
        };
        tf(lang, "tui.keys.err.at", &[&self.line, &what])
    }
}

/// Applies every good line of `text` to `map`; returns the map and the bad lines.
pub(super) fn apply(mut map: Keymap, text: &str) -> (Keymap, Vec<ConfigError>) {
    let mut errors = Vec::new();
    // (context, key) → (line, command) and (context, command) → line, for conflicts between
    // lines of the file itself.
    let mut key_lines: HashMap<(Context, KeyChord), (usize, CommandId)> = HashMap::new();
    let mut cmd_lines: HashMap<(Context, CommandId), usize> = HashMap::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let err = |kind| ConfigError { line, kind };
        if let Err(r) = safe_text::check(&raw.replace('\t', " "), Lines::One) {
            errors.push(err(ConfigErrorKind::Character(r.code())));
            continue;
        }
        let content = raw.trim();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let (ctx, cmd, keys) = match parse_line(content) {
            Ok(parsed) => parsed,
            Err(kind) => {
                errors.push(err(kind));
                continue;
            }
        };
        if let Some(first) = cmd_lines.get(&(ctx, cmd)) {
            errors.push(err(ConfigErrorKind::Repeated { line: *first }));
            continue;
        }
        let mut conflict = None;
        for k in &keys {
            if ctx == Context::Input && k.is_text() {
                conflict = Some(ConfigErrorKind::TypingKey(k.to_string()));
            } else if let Some((other_line, other)) = key_lines.get(&(ctx, *k))
                && *other != cmd
            {
                conflict = Some(ConfigErrorKind::KeyTaken {
                    key: k.to_string(),
                    line: *other_line,
                });
            }
            if conflict.is_some() {
                break;
            }
        }
        if let Some(kind) = conflict {
            errors.push(err(kind));
            continue;
        }
        cmd_lines.insert((ctx, cmd), line);
        for k in &keys {
            key_lines.insert((ctx, *k), (line, cmd));
        }
        map.set(ctx, cmd, keys);
    }
    (map, errors)
}

fn parse_line(content: &str) -> Result<(Context, CommandId, Vec<KeyChord>), ConfigErrorKind> {
    let (lhs, rhs) = content.split_once('=').ok_or(ConfigErrorKind::NoEquals)?;
    let lhs = lhs.trim();
    let (ctx_id, cmd_id) = lhs
        .split_once('.')
        .ok_or_else(|| ConfigErrorKind::NoContext(lhs.to_string()))?;
    let ctx = Context::from_id(ctx_id.trim())
        .ok_or_else(|| ConfigErrorKind::UnknownContext(ctx_id.trim().to_string()))?;
    let cmd = CommandId::from_id(cmd_id.trim())
        .ok_or_else(|| ConfigErrorKind::UnknownCommand(cmd_id.trim().to_string()))?;
    if !cmd.spec().applies_in(ctx) {
        return Err(ConfigErrorKind::NotInContext {
            command: cmd.id().to_string(),
            context: ctx.id().to_string(),
        });
    }
    let value = quoted(rhs.trim()).ok_or(ConfigErrorKind::NotQuoted)?;
    let mut keys = Vec::new();
    if !value.trim().is_empty() {
        for part in value.split(',') {
            let chord = KeyChord::parse(part).map_err(|error| ConfigErrorKind::BadKey {
                key: part.trim().to_string(),
                error,
            })?;
            if !keys.contains(&chord) {
                keys.push(chord);
            }
        }
    }
    Ok((ctx, cmd, keys))
}

/// The text between a leading `"` and the next `"`, if only a comment follows it.
fn quoted(s: &str) -> Option<&str> {
    let inner = s.strip_prefix('"')?;
    let end = inner.find('"')?;
    let after = inner[end + 1..].trim();
    (after.is_empty() || after.starts_with('#')).then_some(&inner[..end])
}

/// The `keys.toml` lines that reproduce the current bindings of `map`: a starting point a
/// clerk can edit (the help overlay offers it).
pub fn to_config(map: &Keymap) -> String {
    let mut out = String::new();
    for spec in crate::tui::command::COMMANDS {
        for (ctx, _) in spec.bindings {
            out.push_str(&format!(
                "{}.{} = \"{}\"\n",
                ctx.id(),
                spec.id.id(),
                format_keys(map.keys(*ctx, spec.id))
            ));
        }
    }
    out
}
