//! SIGTERM and SIGHUP (a dropped SSH session) ask the program to stop; long-running work polls
//! [`requested`] between transactions and returns, so the ledger is closed cleanly and the
//! terminal restored instead of the process dying mid-commit. A command that does not poll
//! (a report, a search, a check: they only read) is ended by [`end_after`] once its grace has
//! passed.
use std::sync::Arc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();

/// Installs the handlers (once; later calls do nothing).
pub fn install() {
    let flag = FLAG.get_or_init(|| Arc::new(AtomicBool::new(false)));
    #[cfg(unix)]
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        // Failing to register leaves the default action (terminate), which redb survives.
        let _ = signal_hook::flag::register(sig, Arc::clone(flag));
    }
}

/// Whether an I/O error means the other end has gone: the EPIPE of a pipe whose reader exited
/// (Rust ignores SIGPIPE, so a write returns it), the EIO or ENXIO of a terminal that hung up.
pub fn is_closed(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe
        || matches!(
            e.raw_os_error(),
            Some(libc::EIO | libc::ENXIO | libc::EPIPE)
        )
}

/// Once a stop is requested, waits `grace` for the program to end by itself (a job that polls
/// returns within one transaction), then prints `message` and ends the process with `code`.
/// The commands that do not poll only read, so there is nothing of theirs to close; a write
/// transaction still open then is abandoned whole, as in a crash.
pub fn end_after(grace: std::time::Duration, code: i32, message: String) {
    let watch = move || {
        while !requested() {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        std::thread::sleep(grace);
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            format!("baodao: {message}\n").as_bytes(),
        );
        std::process::exit(code);
    };
    // Without the thread the command just runs to its end.
    let _ = std::thread::Builder::new().name("stop".into()).spawn(watch);
}

/// Whether a stop was requested.
pub fn requested() -> bool {
    FLAG.get().is_some_and(|f| f.load(Ordering::Relaxed))
}
