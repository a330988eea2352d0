//! The terminal's bytes as keys: a decoder for what a terminal sends in raw mode (UTF-8 text,
//! control characters, CSI/SS3 sequences for cursor and function keys, bracketed paste).
//!
//! We decode ourselves rather than through crossterm's reader for two reasons a fast clerk
//! meets: crossterm keeps the rest of a burst in a buffer of its own, invisible to a wait on
//! the terminal, so every key of a burst waited for the next tick; and its parser reads Esc
//! followed by another sequence in the same read as one key (Esc then F7 lost F7 and typed
//! `[18~`). Here a second ESC always starts a key of its own, an unknown sequence is dropped
//! whole, and Esc followed by a plain key is reported as Alt+key only for the reader to split
//! again when no binding uses that Alt chord (see `terminal::InputReader`).
//!
//! Owns: bytes → [`Decoded`]. Must not touch: the terminal, signals, application state.

use std::collections::VecDeque;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One thing the terminal sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    Key(KeyEvent),
    /// Text between the bracketed-paste markers, whole.
    Paste(String),
}

const ESC: u8 = 0x1b;
const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// Bytes in, keys out. Bytes that may still become a longer sequence (half a UTF-8
/// character, a CSI without its final byte, a paste without its end marker) wait for the
/// next [`Decoder::feed`]; a lone ESC at the end of what was read is the Esc key, as a
/// terminal writes a sequence in one go.
#[derive(Debug, Default)]
pub struct Decoder {
    pending: Vec<u8>,
    paste: Option<Vec<u8>>,
}

/// How far one attempt got at the front of the bytes.
enum Step {
    /// A key (or paste) and the bytes it used.
    Got(Decoded, usize),
    /// Bytes that mean nothing to us (an unknown sequence, a stray byte), dropped whole.
    Skip(usize),
    /// The front may become a key with more bytes.
    Incomplete,
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder::default()
    }

    /// Decodes `bytes` (everything read at once) into `out`.
    pub fn feed(&mut self, bytes: &[u8], out: &mut VecDeque<Decoded>) {
        self.pending.extend_from_slice(bytes);
        let mut at = 0;
        loop {
            if let Some(paste) = &mut self.paste {
                let rest = &self.pending[at..];
                match find(rest, PASTE_END) {
                    Some(end) => {
                        paste.extend_from_slice(&rest[..end]);
                        let text = String::from_utf8_lossy(paste).into_owned();
                        out.push_back(Decoded::Paste(text));
                        self.paste = None;
                        at += end + PASTE_END.len();
                        continue;
                    }
                    None => {
                        // Keep a tail that may be the start of the end marker.
                        let keep = partial_suffix(rest, PASTE_END);
                        paste.extend_from_slice(&rest[..rest.len() - keep]);
                        at = self.pending.len() - keep;
                        break;
                    }
                }
            }
            let rest = &self.pending[at..];
            if rest.is_empty() {
                break;
            }
            if rest.starts_with(PASTE_START) {
                self.paste = Some(Vec::new());
                at += PASTE_START.len();
                continue;
            }
            match step(rest) {
                Step::Got(d, n) => {
                    out.push_back(d);
                    at += n;
                }
                Step::Skip(n) => at += n,
                Step::Incomplete if rest == [ESC] => {
                    out.push_back(Decoded::Key(key(KeyCode::Esc, KeyModifiers::NONE)));
                    at += 1;
                }
                Step::Incomplete => break,
            }
        }
        self.pending.drain(..at);
    }
}

fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// How many bytes at the end of `hay` are a proper prefix of `marker`.
fn partial_suffix(hay: &[u8], marker: &[u8]) -> usize {
    (1..marker.len().min(hay.len() + 1))
        .rev()
        .find(|&n| hay.ends_with(&marker[..n]))
        .unwrap_or(0)
}

fn step(b: &[u8]) -> Step {
    match b[0] {
        ESC => escape(b),
        _ => match plain(b) {
            Some(Ok((k, n))) => Step::Got(Decoded::Key(k), n),
            Some(Err(n)) => Step::Skip(n),
            None => Step::Incomplete,
        },
    }
}

/// A key that is not an escape sequence: `Ok((key, bytes))`, `Err(bytes)` for a stray byte,
/// `None` for half a character.
fn plain(b: &[u8]) -> Option<Result<(KeyEvent, usize), usize>> {
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    let k = match b[0] {
        b'\r' => key(KeyCode::Enter, none),
        b'\t' => key(KeyCode::Tab, none),
        0x7f => key(KeyCode::Backspace, none),
        0 => key(KeyCode::Char(' '), ctrl),
        // As crossterm reads them, so that bindings keep their meaning: 0x08 is Ctrl-h and,
        // in raw mode, 0x0a is Ctrl-j.
        c @ 0x01..=0x1a => key(KeyCode::Char((c - 1 + b'a') as char), ctrl),
        c @ 0x1c..=0x1f => key(KeyCode::Char((c - 0x1c + b'4') as char), ctrl),
        _ => return utf8_char(b).map(|r| r.map(|(c, n)| (char_key(c), n))),
    };
    Some(Ok((k, 1)))
}

fn char_key(c: char) -> KeyEvent {
    let mods = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    key(KeyCode::Char(c), mods)
}

fn utf8_char(b: &[u8]) -> Option<Result<(char, usize), usize>> {
    let len = match b[0] {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Some(Err(1)),
    };
    if b.len() < len {
        // Half a character now; a continuation byte out of place is a stray byte anyway.
        return match b[1..].iter().all(|c| c & 0xc0 == 0x80) {
            true => None,
            false => Some(Err(1)),
        };
    }
    match std::str::from_utf8(&b[..len]) {
        Ok(s) => s.chars().next().map(|c| Ok((c, len))),
        Err(_) => Some(Err(1)),
    }
}

fn escape(b: &[u8]) -> Step {
    let Some(&second) = b.get(1) else {
        return Step::Incomplete;
    };
    match second {
        // Esc, then a key of its own: never merged.
        ESC => Step::Got(Decoded::Key(key(KeyCode::Esc, KeyModifiers::NONE)), 1),
        b'[' => csi(b),
        b'O' => ss3(b),
        _ => match plain(&b[1..]) {
            Some(Ok((mut k, n))) => {
                k.modifiers |= KeyModifiers::ALT;
                Step::Got(Decoded::Key(k), n + 1)
            }
            // Esc then a stray byte: the Esc stands, the byte goes.
            Some(Err(_)) => Step::Got(Decoded::Key(key(KeyCode::Esc, KeyModifiers::NONE)), 1),
            None => Step::Incomplete,
        },
    }
}

/// `ESC O x`: cursor and F1–F4 keys in application mode.
fn ss3(b: &[u8]) -> Step {
    let Some(&c) = b.get(2) else {
        return Step::Incomplete;
    };
    match cursor_key(c) {
        Some(code) => Step::Got(Decoded::Key(key(code, KeyModifiers::NONE)), 3),
        None => Step::Skip(3),
    }
}

/// The keys a letter ends: arrows, Home/End, F1–F4.
fn cursor_key(c: u8) -> Option<KeyCode> {
    Some(match c {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        _ => return None,
    })
}

/// `ESC [ params final`: cursor keys with modifiers, `~` keys (Insert … F12), Shift-Tab.
fn csi(b: &[u8]) -> Step {
    // Parameter bytes 0x30–0x3f, intermediates 0x20–0x2f, then one final byte 0x40–0x7e.
    let mut i = 2;
    while let Some(&c) = b.get(i) {
        match c {
            0x20..=0x3f => i += 1,
            0x40..=0x7e => break,
            // Not a sequence after all (an ESC typed, then `[`, then a control key): the
            // Esc stands and the rest is read again as keys.
            _ => return Step::Got(Decoded::Key(key(KeyCode::Esc, KeyModifiers::NONE)), 1),
        }
    }
    let Some(&last) = b.get(i) else {
        return Step::Incomplete;
    };
    let used = i + 1;
    // The Linux console's F1–F5: `ESC [ [ A` … `ESC [ [ E`.
    if i == 2 && last == b'[' {
        return match b.get(3) {
            None => Step::Incomplete,
            Some(c @ b'A'..=b'E') => Step::Got(
                Decoded::Key(key(KeyCode::F(1 + c - b'A'), KeyModifiers::NONE)),
                4,
            ),
            Some(_) => Step::Skip(4),
        };
    }
    let params: Vec<u16> = std::str::from_utf8(&b[2..i])
        .unwrap_or("")
        .split(';')
        .map(|p| p.parse().unwrap_or(0))
        .collect();
    let mods = modifiers(params.get(1).copied());
    let code = match last {
        b'Z' => {
            return Step::Got(
                Decoded::Key(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
                used,
            );
        }
        b'~' => match params.first().copied().unwrap_or(0) {
            1 | 7 => KeyCode::Home,
            2 => KeyCode::Insert,
            3 => KeyCode::Delete,
            4 | 8 => KeyCode::End,
            5 => KeyCode::PageUp,
            6 => KeyCode::PageDown,
            n @ 11..=15 => KeyCode::F((n - 10) as u8),
            n @ 17..=21 => KeyCode::F((n - 11) as u8),
            n @ 23..=24 => KeyCode::F((n - 12) as u8),
            _ => return Step::Skip(used),
        },
        // `ESC [ 1 ; 2 R` is also a cursor-position report; we never ask for one, and an
        // unmodified F3 comes as `ESC O R`, so R is read as a key only with a modifier.
        b'R' if params.len() < 2 => return Step::Skip(used),
        c => match cursor_key(c) {
            Some(code) => code,
            None => return Step::Skip(used),
        },
    };
    Step::Got(Decoded::Key(key(code, mods)), used)
}

/// xterm's modifier parameter: 1 + (Shift 1, Alt 2, Ctrl 4, Meta 8).
fn modifiers(param: Option<u16>) -> KeyModifiers {
    let bits = param.unwrap_or(1).saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    if bits & 1 != 0 {
        m |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        m |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        m |= KeyModifiers::CONTROL;
    }
    if bits & 8 != 0 {
        m |= KeyModifiers::META;
    }
    m
}

#[cfg(test)]
mod tests;
