//! POSIX ACLs read and written as the kernel's extended attributes (`system.posix_acl_access`
//! and `system.posix_acl_default`), so a server needs neither libacl nor the `acl` package.
//!
//! The layout is the kernel's (`include/uapi/linux/posix_acl_xattr.h`): a little-endian `u32`
//! version (2), then one 8-byte entry per line of `getfacl`: `u16` tag, `u16` permissions
//! (r=4, w=2, x=1), `u32` uid or gid (unused for the owner, owning group, mask and other).
use std::ffi::CString;
use std::io;
use std::path::Path;

/// Which of a path's two ACLs: the one checked on access, or the one new files inherit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Access,
    Default,
}

impl Which {
    fn name(self) -> &'static str {
        match self {
            Which::Access => "system.posix_acl_access",
            Which::Default => "system.posix_acl_default",
        }
    }
}

const VERSION: u32 = 2;
const USER_OBJ: u16 = 0x01;
const USER: u16 = 0x02;
const GROUP_OBJ: u16 = 0x04;
const GROUP: u16 = 0x08;
const MASK: u16 = 0x10;
const OTHER: u16 = 0x20;
const NO_ID: u32 = u32::MAX;

/// One line of an ACL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub tag: u16,
    pub perm: u16,
    pub id: u32,
}

/// An ACL whose entries are in the kernel's order (owner, users, owning group, groups, mask,
/// other), which it refuses otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acl {
    pub entries: Vec<Entry>,
}

impl Acl {
    /// The ACL of permission bits `mode` (`0o660`) plus read-type access `perm` for the named
    /// groups; the mask is the union of the group entries, as `setfacl` computes it.
    pub fn with_groups(mode: u32, groups: &[(u32, u16)]) -> Acl {
        let bits = |shift: u32| ((mode >> shift) & 0o7) as u16;
        let mut named: Vec<(u32, u16)> = groups.to_vec();
        named.sort_unstable();
        let mut mask = bits(3);
        let mut entries = vec![
            entry(USER_OBJ, bits(6), NO_ID),
            entry(GROUP_OBJ, bits(3), NO_ID),
        ];
        for (gid, perm) in named {
            mask |= perm;
            entries.push(entry(GROUP, perm, gid));
        }
        entries.push(entry(MASK, mask, NO_ID));
        entries.push(entry(OTHER, bits(0), NO_ID));
        Acl { entries }
    }

    /// The named groups and their permissions (owning group excluded), masked as the kernel
    /// applies them.
    pub fn groups(&self) -> Vec<(u32, u16)> {
        let mask = self
            .entries
            .iter()
            .find(|e| e.tag == MASK)
            .map_or(0o7, |e| e.perm);
        self.entries
            .iter()
            .filter(|e| e.tag == GROUP)
            .map(|e| (e.id, e.perm & mask))
            .collect()
    }

    /// Whether it says more than the permission bits do (named users or groups).
    pub fn is_extended(&self) -> bool {
        self.entries.iter().any(|e| e.tag == USER || e.tag == GROUP)
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + 8 * self.entries.len());
        out.extend_from_slice(&VERSION.to_le_bytes());
        for e in &self.entries {
            out.extend_from_slice(&e.tag.to_le_bytes());
            out.extend_from_slice(&e.perm.to_le_bytes());
            out.extend_from_slice(&e.id.to_le_bytes());
        }
        out
    }

    pub fn decode(bytes: &[u8]) -> Option<Acl> {
        let (head, body) = bytes.split_at_checked(4)?;
        if u32::from_le_bytes(head.try_into().ok()?) != VERSION || body.len() % 8 != 0 {
            return None;
        }
        let entries = body
            .chunks_exact(8)
            .map(|c| Entry {
                tag: u16::from_le_bytes([c[0], c[1]]),
                perm: u16::from_le_bytes([c[2], c[3]]),
                id: u32::from_le_bytes([c[4], c[5], c[6], c[7]]),
            })
            .collect();
        Some(Acl { entries })
    }
}

fn entry(tag: u16, perm: u16, id: u32) -> Entry {
    Entry { tag, perm, id }
}

fn c_path(path: &Path) -> io::Result<CString> {
    use std::os::unix::ffi::OsStrExt;
    CString::new(path.as_os_str().as_bytes())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "path holds a NUL byte"))
}

/// The path's ACL, `None` when it has none beyond its permission bits or the file system keeps
/// none.
#[cfg(target_os = "linux")]
pub fn get(path: &Path, which: Which) -> io::Result<Option<Acl>> {
    let p = c_path(path)?;
    let name = CString::new(which.name()).expect("no NUL in a constant");
    let mut buf = vec![0u8; 256];
    loop {
        // SAFETY: both strings are NUL-terminated and `buf` is writable for its length.
        let n = unsafe {
            libc::getxattr(
                p.as_ptr(),
                name.as_ptr(),
                buf.as_mut_ptr().cast(),
                buf.len(),
            )
        };
        if n >= 0 {
            buf.truncate(n as usize);
            return Ok(Acl::decode(&buf));
        }
        let e = io::Error::last_os_error();
        match e.raw_os_error() {
            Some(libc::ENODATA) | Some(libc::EOPNOTSUPP) => return Ok(None),
            Some(libc::ERANGE) if buf.len() < 1 << 20 => buf.resize(buf.len() * 4, 0),
            _ => return Err(e),
        }
    }
}

/// Sets (`Some`) or removes (`None`) the path's ACL. Setting the access ACL also sets the
/// permission bits, as `setfacl` does.
#[cfg(target_os = "linux")]
pub fn set(path: &Path, which: Which, acl: Option<&Acl>) -> io::Result<()> {
    let p = c_path(path)?;
    let name = CString::new(which.name()).expect("no NUL in a constant");
    // SAFETY: both strings are NUL-terminated; the value is read for its length only.
    let rc = unsafe {
        match acl {
            Some(acl) => {
                let bytes = acl.encode();
                libc::setxattr(
                    p.as_ptr(),
                    name.as_ptr(),
                    bytes.as_ptr().cast(),
                    bytes.len(),
                    0,
                )
            }
            None => libc::removexattr(p.as_ptr(), name.as_ptr()),
        }
    };
    if rc == 0 {
        return Ok(());
    }
    let e = io::Error::last_os_error();
    // Removing an ACL that is not there is done already.
    if acl.is_none() && matches!(e.raw_os_error(), Some(libc::ENODATA | libc::EOPNOTSUPP)) {
        return Ok(());
    }
    Err(e)
}

#[cfg(not(target_os = "linux"))]
pub fn get(_path: &Path, _which: Which) -> io::Result<Option<Acl>> {
    Ok(None)
}

#[cfg(not(target_os = "linux"))]
pub fn set(_path: &Path, _which: Which, acl: Option<&Acl>) -> io::Result<()> {
    match acl {
        None => Ok(()),
        Some(_) => Err(io::Error::from(io::ErrorKind::Unsupported)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reviewers_read_beside_a_clerks_group() {
        let acl = Acl::with_groups(0o660, &[(1002, 4)]);
        // getfacl: user::rw- group::rw- group:1002:r-- mask::rw- other::---
        let tags: Vec<(u16, u16)> = acl.entries.iter().map(|e| (e.tag, e.perm)).collect();
        assert_eq!(
            tags,
            [
                (USER_OBJ, 6),
                (GROUP_OBJ, 6),
                (GROUP, 4),
                (MASK, 6),
                (OTHER, 0)
            ]
        );
        assert_eq!(acl.groups(), [(1002, 4)]);
        assert!(acl.is_extended());
        assert_eq!(Acl::decode(&acl.encode()), Some(acl));
    }

    #[test]
    fn named_groups_are_sorted_and_the_mask_limits_them() {
        let mut acl = Acl::with_groups(0o640, &[(30, 5), (20, 4)]);
        assert_eq!(acl.groups(), [(20, 4), (30, 5)]);
        for e in &mut acl.entries {
            if e.tag == MASK {
                e.perm = 4;
            }
        }
        assert_eq!(acl.groups(), [(20, 4), (30, 4)]);
    }

    #[test]
    fn damaged_bytes_are_no_acl() {
        assert_eq!(Acl::decode(&[2, 0, 0]), None);
        assert_eq!(Acl::decode(&[1, 0, 0, 0]), None);
        assert_eq!(Acl::decode(&[2, 0, 0, 0, 1, 0, 6]), None);
    }
}
