//! A pseudo-terminal to run the program in as a person's terminal would hold it: the damage
//! drill opens the TUI on a damaged copy, and the terminal tests and key benchmarks drive the
//! real binary through one. One place for the unsafe calls, so that every caller gets the
//! same size, the same close-on-exec and the same controlling-terminal set-up.
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

/// A pseudo-terminal of `cols`x`rows`: (master, slave). Neither side is inherited by a child
/// except as the descriptors [`attach`] gives it — a master left open in the child would keep
/// the terminal from ever closing.
pub fn open(cols: u16, rows: u16) -> io::Result<(OwnedFd, OwnedFd)> {
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: valid out-pointers and winsize; a null name and termios ask for the defaults.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: two fresh descriptors that nothing else owns.
    let fds = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    for fd in [&fds.0, &fds.1] {
        // SAFETY: fcntl on a descriptor owned here.
        unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    Ok(fds)
}

/// Makes reads of `fd` return at once when nothing is there, for a caller that polls.
pub fn set_nonblocking(fd: &OwnedFd) {
    // SAFETY: fcntl on a descriptor the caller owns.
    unsafe {
        let flags = libc::fcntl(fd.as_raw_fd(), libc::F_GETFL);
        libc::fcntl(fd.as_raw_fd(), libc::F_SETFL, flags | libc::O_NONBLOCK);
    }
}

/// Gives `cmd` the terminal's slave side as stdin, stdout and stderr. With `controlling`, the
/// child starts a session whose controlling terminal this is, as under sshd, so that the
/// terminal's hang-up also sends it SIGHUP.
pub fn attach(cmd: &mut Command, slave: OwnedFd, controlling: bool) -> io::Result<()> {
    cmd.stdin(Stdio::from(slave.try_clone()?))
        .stdout(Stdio::from(slave.try_clone()?))
        .stderr(Stdio::from(slave));
    if controlling {
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                    return Err(io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    Ok(())
}
