//! Every line the headless commands print passes through here, neutralised by the ledger's
//! one character rule ([`crate::domain::safe_text`]): a name from an office's file echoed in
//! a message, a search hit, a check finding, cannot act on the clerk's terminal. A closed pipe
//! (`| head -1`) ends the output quietly instead of panicking as `println!` would.
//!
//! Owns: writing lines to stdout and stderr. Must not touch: what the lines say.
use std::io::Write;

use crate::domain::safe_text::neutralise;

/// `line` and a newline on stdout; false once stdout is closed.
pub fn say(line: &str) -> bool {
    writeln!(std::io::stdout().lock(), "{}", neutralise(line)).is_ok()
}

/// `line` and a newline on stderr.
pub fn warn(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{}", neutralise(line));
}

/// `line` without a newline on stderr (a progress line redrawn with `\r`, which stays ours:
/// only the text inside is neutralised).
pub fn warn_raw(prefix: &str, text: &str) {
    let _ = write!(std::io::stderr().lock(), "{prefix}{}", neutralise(text));
}

/// Text output (a form, a CSV) as bytes, neutralised when it is text: XLSX is binary and
/// never goes to a terminal.
pub fn text_bytes(bytes: Vec<u8>) -> Vec<u8> {
    match String::from_utf8(bytes) {
        Ok(s) => match neutralise(&s) {
            std::borrow::Cow::Borrowed(_) => s.into_bytes(),
            std::borrow::Cow::Owned(n) => n.into_bytes(),
        },
        Err(e) => e.into_bytes(),
    }
}
