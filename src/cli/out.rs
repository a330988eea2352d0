//! Every line the headless commands print passes through here, neutralised by the ledger's
//! one character rule ([`crate::domain::safe_text`]): a name from an office's file echoed in
//! a message, a search hit, a check finding, cannot act on the clerk's terminal.
//!
//! `println!` and `eprintln!` panic when the other end has gone (`baodao … | head -1`, a
//! dropped SSH session): here a closed stdout ends the command with [`OUTPUT_CLOSED`], after
//! the ledger is closed like on any other return, and a closed stderr loses the message, never
//! the work. The exit codes of the program are defined here too.
//!
//! Owns: writing lines to stdout and stderr, exit codes. Must not touch: what the lines say.
use std::fmt::Display;
use std::io::{self, Write};

use super::CliError;
use crate::domain::safe_text::neutralise;

/// Everything done.
pub const OK: i32 = 0;
/// A user's error: the message says what and where.
pub const USER: i32 = 1;
/// An internal error (storage, a bug).
pub const INTERNAL: i32 = 2;
/// The output went away before all of it was written (a pipe's reader exited, the terminal
/// hung up). What was saved stays saved.
pub const OUTPUT_CLOSED: i32 = 3;
/// Stopped by SIGTERM or SIGHUP between transactions, the ledger closed cleanly.
pub const STOPPED: i32 = 4;

/// `line` and a newline on stdout; false once stdout is closed.
pub fn say(line: &str) -> bool {
    writeln!(io::stdout().lock(), "{}", neutralise(line)).is_ok()
}

/// One line of a command's output on stdout; a closed stdout ends the command
/// ([`output_failed`]).
pub fn line(s: impl Display) -> Result<(), CliError> {
    writeln!(io::stdout().lock(), "{}", neutralise(&s.to_string())).map_err(output_failed)
}

/// A command's output as bytes (already neutralised where it is text: [`text_bytes`]).
pub fn bytes(b: &[u8]) -> Result<(), CliError> {
    let mut out = io::stdout().lock();
    out.write_all(b)
        .and_then(|()| out.flush())
        .map_err(output_failed)
}

/// `line` and a newline on stderr; lost if stderr is closed.
pub fn warn(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{}", neutralise(line));
}

/// `line` without a newline on stderr (a progress line redrawn with `\r`, which stays ours:
/// only the text inside is neutralised).
pub fn warn_raw(prefix: &str, text: &str) {
    let _ = write!(io::stderr().lock(), "{prefix}{}", neutralise(text));
}

/// Text output (a form, a CSV) as bytes, neutralised when it is text: XLSX is binary and
/// never goes to a terminal. A CSV's leading byte-order mark and its CRLF line ends are the
/// format (Excel reads the file as UTF-8 by the mark) and do nothing on a terminal: they are
/// kept, so `baodao report … --format csv > file.csv` writes the same file as `-o file.csv`.
pub fn text_bytes(bytes: Vec<u8>) -> Vec<u8> {
    let s = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => return e.into_bytes(),
    };
    let (bom, body) = match s.strip_prefix('\u{feff}') {
        Some(body) => ("\u{feff}", body),
        None => ("", s.as_str()),
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(bom);
    for (i, line) in body.split("\r\n").enumerate() {
        if i > 0 {
            out.push_str("\r\n");
        }
        out.push_str(&neutralise(line));
    }
    out.into_bytes()
}

/// A writer of text output (a form, a CSV) written a piece at a time, each piece neutralised
/// as [`text_bytes`] does the whole: the pieces are whole lines (a sheet, the CSV's mark), so
/// the bytes are those of the whole output neutralised at once.
pub struct TextPieces<W: Write>(pub W);

impl<W: Write> Write for TextPieces<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write_all(&text_bytes(buf.to_vec()))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// A failed write to stdout: closed quietly (nobody would read a message on a closed pipe's
/// terminal either), or an internal error (a full disk under a redirect).
pub fn output_failed(e: io::Error) -> CliError {
    if crate::signals::is_closed(&e) {
        CliError {
            code: OUTPUT_CLOSED,
            message: String::new(),
        }
    } else {
        CliError {
            code: INTERNAL,
            message: e.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::text_bytes;

    #[test]
    fn a_csvs_mark_and_line_ends_pass_and_controls_inside_do_not() {
        let csv = "\u{feff}姓名,手机\r\n张三,138\r\n李\u{1b}[2J四,\u{feff}139\r\n";
        let out = String::from_utf8(text_bytes(csv.as_bytes().to_vec())).unwrap();
        assert_eq!(
            out,
            "\u{feff}姓名,手机\r\n张三,138\r\n李\\u001b[2J四,\\ufeff139\r\n"
        );
        // A bare CR (which could overwrite a line on a terminal) is still written out.
        let bare = String::from_utf8(text_bytes(b"a\rb\n".to_vec())).unwrap();
        assert_eq!(bare, "a\\u000db\n");
    }
}
