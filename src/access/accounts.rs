//! The system's accounts and groups, looked up through the C library (so `/etc/group`, LDAP or
//! whatever `nsswitch.conf` names all count).
use std::ffi::{CStr, CString};

/// A group's id by its name; `None` when the system has no such group.
pub fn group_id(name: &str) -> Option<u32> {
    let name = CString::new(name).ok()?;
    lookup(
        // SAFETY: every pointer is valid for the call; `buf` is writable for its length.
        |grp, buf, out| unsafe {
            libc::getgrnam_r(name.as_ptr(), grp, buf.as_mut_ptr(), buf.len(), out)
        },
        |g: &libc::group| g.gr_gid,
    )
}

/// A group's name by its id; the number when the system has no name for it.
pub fn group_name(gid: u32) -> String {
    lookup(
        // SAFETY: as in `group_id`.
        |grp, buf, out| unsafe { libc::getgrgid_r(gid, grp, buf.as_mut_ptr(), buf.len(), out) },
        // SAFETY: a found group's name points into the buffer, alive while this runs.
        |g: &libc::group| unsafe { owned(g.gr_name) },
    )
    .unwrap_or_else(|| gid.to_string())
}

/// An account's name by its uid; the number when the system has no name for it.
pub fn user_name(uid: u32) -> String {
    lookup(
        // SAFETY: as in `group_id`.
        |pw, buf, out| unsafe { libc::getpwuid_r(uid, pw, buf.as_mut_ptr(), buf.len(), out) },
        // SAFETY: as in `group_name`.
        |p: &libc::passwd| unsafe { owned(p.pw_name) },
    )
    .unwrap_or_else(|| uid.to_string())
}

/// # Safety
/// `p` points at a NUL-terminated string.
unsafe fn owned(p: *const libc::c_char) -> String {
    // SAFETY: as the caller promises.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

/// This process's account.
pub fn me() -> u32 {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() }
}

/// Whether this process counts as a member of group `gid` (its own group or a supplementary
/// one, as the kernel sees them: a group added since the login counts from the next login).
pub fn in_group(gid: u32) -> bool {
    // SAFETY: getegid cannot fail; getgroups writes at most `groups.len()` ids.
    unsafe {
        if libc::getegid() == gid {
            return true;
        }
        let n = libc::getgroups(0, std::ptr::null_mut());
        if n <= 0 {
            return false;
        }
        let mut groups = vec![0 as libc::gid_t; n as usize];
        let n = libc::getgroups(n, groups.as_mut_ptr());
        n > 0 && groups[..n as usize].contains(&gid)
    }
}

/// Runs a `get*_r` lookup with a buffer that grows until the entry fits, and reads what is
/// wanted from the entry while the buffer its strings point into is alive.
fn lookup<T, R>(
    call: impl Fn(*mut T, &mut Vec<libc::c_char>, *mut *mut T) -> libc::c_int,
    read: impl FnOnce(&T) -> R,
) -> Option<R> {
    let mut buf: Vec<libc::c_char> = vec![0; 1024];
    loop {
        let mut rec = std::mem::MaybeUninit::<T>::uninit();
        let mut out: *mut T = std::ptr::null_mut();
        let rc = call(rec.as_mut_ptr(), &mut buf, &mut out);
        if rc == libc::ERANGE && buf.len() < 1 << 20 {
            let len = buf.len() * 4;
            buf.resize(len, 0);
            continue;
        }
        if rc != 0 || out.is_null() {
            return None;
        }
        // SAFETY: the call succeeded and filled `rec` (`out` points at it).
        return Some(read(unsafe { rec.assume_init_ref() }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_is_found_both_ways() {
        assert_eq!(group_id("root"), Some(0));
        assert_eq!(group_name(0), "root");
        assert_eq!(user_name(0), "root");
        assert_eq!(group_id("no such group, surely"), None);
        assert_eq!(group_name(4_000_000_000), "4000000000");
    }
}
