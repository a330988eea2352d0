//! SIGTERM and SIGHUP (a dropped SSH session) ask the program to stop; long-running work polls
//! [`requested`] between transactions and returns, so the ledger is closed cleanly and the
//! terminal restored instead of the process dying mid-commit.
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

/// Whether a stop was requested.
pub fn requested() -> bool {
    FLAG.get().is_some_and(|f| f.load(Ordering::Relaxed))
}
