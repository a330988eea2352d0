//! The terminal session: raw mode, the alternate screen, bracketed paste, and getting out of
//! them whatever happens.
//!
//! A clerk's terminal must come back exactly as it was after a normal quit, a panic, or the
//! SSH connection dropping (SIGHUP) or the machine shutting down (SIGTERM). [`enter`] returns a
//! [`TerminalGuard`] whose `Drop` restores; a panic hook restores before the panic message is
//! printed (so it is readable); SIGTERM and SIGHUP only set a flag, which [`next_input`]
//! turns into [`Input::Shutdown`], so the event loop ends normally and the caller closes the
//! ledger cleanly instead of being killed mid-write. A second signal while the first is being
//! handled ends the process at once, in case the loop is stuck.
//!
//! A terminal that has gone away (the SSH client killed: every write fails with EIO) must not
//! turn the way out into a panic: the first failed write makes [`TermOut`] drop everything
//! after it, so ratatui's own restore on drop, which `eprintln!`s a failure (and `eprintln!`
//! panics on the same dead terminal), finds nothing to complain about. After SIGSTOP and
//! SIGCONT (or a shell that reset the terminal while the program was stopped), [`TerminalGuard::
//! resume_if_continued`] puts the modes back and redraws the whole screen.
//!
//! Owns: terminal modes, signal flags, reading terminal input. Must not touch: application
//! state, drawing, the ledger.

use std::collections::VecDeque;
use std::io::{self, Write, stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock, Mutex, Once};
use std::time::{Duration, Instant};

use crossterm::cursor::Show;
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, KeyEvent};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::SigId;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGTERM, SIGWINCH};

use super::term_keys::{Decoded, Decoder};

/// The terminal the TUI draws on.
pub type Term = Terminal<CrosstermBackend<TermOut>>;

/// Whether a write to the terminal has failed: it has gone away, and nothing more is written.
static GONE: AtomicBool = AtomicBool::new(false);

/// Standard output as the TUI writes it: the first failed write is reported, and every write
/// after it succeeds without writing, so that nothing on the way out fails (or panics) again.
pub struct TermOut;

impl TermOut {
    fn attempt<T>(&self, ok: T, f: impl FnOnce() -> io::Result<T>) -> io::Result<T> {
        if GONE.load(Ordering::SeqCst) {
            return Ok(ok);
        }
        f().inspect_err(|e| {
            if e.kind() != io::ErrorKind::Interrupted {
                GONE.store(true, Ordering::SeqCst);
            }
        })
    }
}

impl Write for TermOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.attempt(buf.len(), || stdout().write(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.attempt((), || stdout().flush())
    }
}

/// Whether the terminal went away while the TUI ran.
pub fn gone() -> bool {
    GONE.load(Ordering::SeqCst)
}

/// How the TUI ended, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The clerk quit.
    Quit,
    /// SIGTERM or SIGHUP.
    Stopped,
    /// The terminal went away (hung up, or writes to it failed).
    TerminalGone,
}

/// Whether the terminal is in our modes, so that the panic hook and the guard restore it
/// once, and a panic outside the TUI (in a headless command) prints no escape sequences.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Owns the terminal while the TUI runs; dropping it restores the terminal.
pub struct TerminalGuard {
    terminal: Term,
}

/// Puts the terminal into raw mode on the alternate screen with bracketed paste, and installs
/// the panic hook. If a step fails, the steps already taken are undone.
pub fn enter() -> io::Result<TerminalGuard> {
    install_panic_hook();
    ACTIVE.store(true, Ordering::SeqCst);
    let setup = || -> io::Result<Term> {
        enable_raw_mode()?;
        // Cleared with a plain escape sequence: ratatui's `Terminal::clear` first asks the
        // terminal for the cursor position and waits for the answer, which on a slow SSH link
        // can time out and fail start-up.
        execute!(
            stdout(),
            EnterAlternateScreen,
            EnableBracketedPaste,
            Clear(ClearType::All)
        )?;
        Terminal::new(CrosstermBackend::new(TermOut))
    };
    match setup() {
        Ok(terminal) => Ok(TerminalGuard { terminal }),
        Err(e) => {
            let _ = restore();
            Err(e)
        }
    }
}

impl TerminalGuard {
    pub fn terminal(&mut self) -> &mut Term {
        &mut self.terminal
    }

    /// Restores the terminal now, reporting a failure (dropping the guard ignores it).
    pub fn restore(self) -> io::Result<()> {
        // Drop runs too, but finds the terminal already restored.
        restore()
    }

    /// After the process was stopped and continued (SIGSTOP or SIGTSTP, then SIGCONT): puts
    /// raw mode, the alternate screen and bracketed paste back, as a shell may have reset the
    /// terminal meanwhile, and makes the next draw repaint every cell. Returns whether it did.
    pub fn resume_if_continued(&mut self, signals: &Signals) -> io::Result<bool> {
        if !signals.continued.swap(false, Ordering::SeqCst) {
            return Ok(false);
        }
        // crossterm remembers that it set raw mode and would do nothing: leave it first, so
        // that raw mode is set on what the terminal is now.
        disable_raw_mode()?;
        enable_raw_mode()?;
        execute!(
            TermOut,
            EnterAlternateScreen,
            EnableBracketedPaste,
            Clear(ClearType::All)
        )?;
        // Forget what ratatui believes is on the screen, so the next frame is drawn whole:
        // between frames the current buffer is blank and the previous holds the last frame;
        // this blanks the previous one too. (`Terminal::clear` would first ask the terminal
        // where its cursor is, and wait for the answer.)
        self.terminal.swap_buffers();
        Ok(true)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        // Nothing useful can be done with an error here: the terminal may be gone (SIGHUP).
        let _ = restore();
    }
}

/// Leaves the alternate screen, turns off bracketed paste and raw mode and shows the cursor.
/// Does nothing if the terminal is not in our modes; every step is tried even if one fails.
pub fn restore() -> io::Result<()> {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return Ok(());
    }
    let screen = execute!(TermOut, DisableBracketedPaste, LeaveAlternateScreen, Show);
    let raw = disable_raw_mode();
    screen.and(raw)
}

/// Chains a hook that restores the terminal in front of the existing panic hook, once.
pub fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = restore();
            previous(info);
        }));
    });
}

/// SIGTERM and SIGHUP for the event loop. The stop request itself is [`crate::signals`], the
/// one flag the whole program polls (the demo generator and batch jobs too); this handle adds
/// the escape hatch for a loop that does not get out in time.
pub struct Signals {
    ids: Vec<SigId>,
    /// Set by SIGCONT: the process was stopped and has been continued.
    continued: Arc<AtomicBool>,
}

impl Signals {
    /// Makes sure [`crate::signals`] is installed and adds the escape hatch: a second SIGTERM
    /// or SIGHUP after this handle was made ends the process with status 1.
    pub fn register() -> io::Result<Signals> {
        crate::signals::install();
        // The hatch counts on its own flag rather than reading the global one: the global
        // flag's handler may run before or after this one for the same signal, and the first
        // signal must never end the process.
        let seen = Arc::new(AtomicBool::new(false));
        let mut ids = Vec::new();
        for sig in [SIGTERM, SIGHUP] {
            // Registered first so it sees `seen` as it was before this signal set it.
            ids.push(signal_hook::flag::register_conditional_shutdown(
                sig,
                1,
                Arc::clone(&seen),
            )?);
            ids.push(signal_hook::flag::register(sig, Arc::clone(&seen))?);
        }
        let continued = Arc::new(AtomicBool::new(false));
        ids.push(signal_hook::flag::register(
            SIGCONT,
            Arc::clone(&continued),
        )?);
        Ok(Signals { ids, continued })
    }

    /// Whether a shutdown signal has arrived.
    pub fn received(&self) -> bool {
        crate::signals::requested()
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// What the event loop reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Key(KeyEvent),
    /// Text pasted into the terminal (bracketed paste), delivered whole.
    Paste(String),
    Resize(u16, u16),
    /// SIGTERM or SIGHUP: leave the loop, restore the terminal, close the ledger.
    Shutdown,
}

/// How often the signal flag is looked at while waiting for a key.
const SIGNAL_POLL: Duration = Duration::from_millis(100);

/// What has been read from the terminal and not yet handed out: the decoder's unfinished
/// bytes and the inputs decoded from the last read, which may hold a whole burst of keys.
/// One per process, as there is one terminal.
struct Reader {
    decoder: Decoder,
    queue: VecDeque<Input>,
    /// Set by SIGWINCH: the terminal was resized.
    resized: Arc<AtomicBool>,
}

static READER: LazyLock<Mutex<Reader>> = LazyLock::new(|| {
    let resized = Arc::new(AtomicBool::new(false));
    // Without the flag a resize shows at the next key instead of at once; nothing else.
    let _ = signal_hook::flag::register(SIGWINCH, Arc::clone(&resized));
    Mutex::new(Reader {
        decoder: Decoder::new(),
        queue: VecDeque::new(),
        resized,
    })
});

/// The next input within `timeout`, or `None` when nothing came (the caller may redraw a
/// clock or poll a background job). Keys already read (the rest of a burst, an IME's whole
/// phrase) are handed out at once, with no wait on the terminal; with a zero `timeout` this
/// asks only for what is already there, so the caller can take a whole burst before drawing.
pub fn next_input(signals: &Signals, timeout: Duration) -> io::Result<Option<Input>> {
    // A poisoned lock only means a panic elsewhere; the queue is still a queue.
    let mut reader = READER.lock().unwrap_or_else(|e| e.into_inner());
    let deadline = Instant::now() + timeout;
    loop {
        if signals.received() {
            return Ok(Some(Input::Shutdown));
        }
        if let Some(input) = reader.queue.pop_front() {
            return Ok(Some(input));
        }
        if reader.resized.swap(false, Ordering::SeqCst)
            && let Ok((w, h)) = crossterm::terminal::size()
        {
            return Ok(Some(Input::Resize(w, h)));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        // Wait on the terminal ourselves: when it hangs up (a dropped SSH session, a closed
        // tmux pane) reads return end-of-file forever, which must end the loop.
        match wait_terminal(left.min(SIGNAL_POLL)) {
            TerminalState::HungUp => return Ok(Some(Input::Shutdown)),
            TerminalState::Readable => match reader.read_terminal() {
                Ok(true) => continue,
                Ok(false) => return Ok(Some(Input::Shutdown)),
                // A signal interrupted the read; the flags are checked at the top.
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) if e.raw_os_error() == Some(libc::EIO) => return Ok(Some(Input::Shutdown)),
                Err(e) => return Err(e),
            },
            TerminalState::Idle if left.is_zero() => return Ok(None),
            TerminalState::Idle => {}
        }
    }
}

/// Forgets the keys and pastes typed while a slow job ran (checking or importing a file):
/// an Enter pressed twice must not import a file whose dry run nobody has seen yet. A resize
/// or a hang-up is kept, as is anything typed from now on.
pub fn drop_typed_ahead() {
    let mut reader = READER.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        match wait_terminal(Duration::ZERO) {
            TerminalState::Readable => match reader.read_terminal() {
                Ok(true) => continue,
                Ok(false) => reader.queue.push_back(Input::Shutdown),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                // The next read reports it to the loop.
                Err(_) => {}
            },
            TerminalState::HungUp => reader.queue.push_back(Input::Shutdown),
            TerminalState::Idle => {}
        }
        break;
    }
    reader
        .queue
        .retain(|i| !matches!(i, Input::Key(_) | Input::Paste(_)));
}

impl Reader {
    /// Reads what the terminal has (it said it is readable, so this does not block) and
    /// decodes it; `false` at end of file.
    fn read_terminal(&mut self) -> io::Result<bool> {
        let mut buf = [0u8; 4096];
        let n = read_stdin(&mut buf)?;
        if n == 0 {
            return Ok(false);
        }
        let mut decoded = VecDeque::new();
        self.decoder.feed(&buf[..n], &mut decoded);
        self.queue.extend(decoded.into_iter().map(|d| match d {
            Decoded::Key(k) => Input::Key(k),
            Decoded::Paste(text) => Input::Paste(text),
        }));
        Ok(true)
    }
}

#[cfg(unix)]
fn read_stdin(buf: &mut [u8]) -> io::Result<usize> {
    use std::os::fd::AsRawFd;
    let fd = std::io::stdin().as_raw_fd();
    // SAFETY: the buffer is valid for its length.
    let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
    if n < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(n as usize)
    }
}

#[cfg(not(unix))]
fn read_stdin(buf: &mut [u8]) -> io::Result<usize> {
    use std::io::Read;
    std::io::stdin().read(buf)
}

enum TerminalState {
    Idle,
    Readable,
    HungUp,
}

/// Waits up to `timeout` for input on the terminal, telling a hang-up apart from input.
#[cfg(unix)]
fn wait_terminal(timeout: Duration) -> TerminalState {
    use std::os::fd::AsRawFd;
    let fd = std::io::stdin().as_raw_fd();
    let mut p = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
    // SAFETY: one valid pollfd, and the count says so.
    let n = unsafe { libc::poll(&mut p, 1, ms) };
    if n > 0 && p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        TerminalState::HungUp
    } else if n > 0 {
        TerminalState::Readable
    } else {
        TerminalState::Idle
    }
}

#[cfg(not(unix))]
fn wait_terminal(timeout: Duration) -> TerminalState {
    std::thread::sleep(timeout.min(Duration::from_millis(10)));
    TerminalState::Idle
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restore_outside_the_tui_does_nothing() {
        // Not entered: no escape sequences, no raw-mode calls, no error.
        assert!(restore().is_ok());
    }
}
