//! redb's integrity check without writing the file it checks.
//!
//! `Database::check_integrity` verifies the checksum of every page of the committed trees, but
//! it is a writer's operation: it repairs what it can and commits. `baodao check` must never
//! write the ledger (a damaged file is evidence, and a reviewer may only read it), and must find
//! the same for a reviewer as for a clerk. So the check runs on [`ScratchCopy`]: the file read
//! as it is, with every write redb makes kept in this process's memory (a few pages: the header
//! and the allocator state).
//!
//! The scratch handle takes no part in redb's multi-process locks, so it must read a commit
//! that no clerk can reclaim meanwhile: the caller pins that commit with an ordinary read
//! snapshot, and the scratch copy serves the header page exactly as it was when the snapshot
//! was taken ([`pinned_header`]), so both read the same commit whatever is committed later.
use std::collections::HashMap;
use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::Mutex;

use redb::StorageBackend;

const PAGE: u64 = 4096;
/// redb file format 3: the god byte, and its flag for a commit that is published but whose
/// writer has not yet flushed it (readers then serve the previous commit).
const GOD_BYTE: usize = 9;
const PRIMARY_UNFLUSHED: u8 = 8;

#[derive(Debug)]
pub(super) struct ScratchCopy {
    file: File,
    state: Mutex<Scratch>,
}

#[derive(Debug)]
struct Scratch {
    len: u64,
    /// Bytes of the file at or past this offset read as zeros (it was shortened, then grown).
    file_visible: u64,
    pages: HashMap<u64, Vec<u8>>,
}

/// The first page of the file, read twice around `pin` (which takes a read snapshot): when
/// both reads agree and no commit was half-published, the snapshot is of the commit that page
/// names. Retries a few times while clerks commit; returns the page and what `pin` returned.
pub(super) fn pinned_header<T, E>(
    path: &Path,
    mut pin: impl FnMut() -> Result<T, E>,
) -> Result<(Vec<u8>, T), E>
where
    E: From<io::Error>,
{
    let file = File::open(path)?;
    let first_page = || -> io::Result<Vec<u8>> {
        let len = file.metadata()?.len().min(PAGE) as usize;
        let mut b = vec![0u8; len];
        file.read_exact_at(&mut b, 0)?;
        Ok(b)
    };
    let mut tries = 0;
    loop {
        let before = first_page()?;
        let pinned = pin()?;
        let after = first_page()?;
        let published = before
            .get(GOD_BYTE)
            .is_some_and(|g| g & PRIMARY_UNFLUSHED == 0);
        tries += 1;
        if (before == after && published) || tries == 50 {
            return Ok((after, pinned));
        }
        drop(pinned);
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

impl ScratchCopy {
    /// The file at `path`, its first page replaced by `header`.
    pub(super) fn open(path: &Path, header: Vec<u8>) -> io::Result<ScratchCopy> {
        let file = File::open(path)?;
        let len = file.metadata()?.len();
        let mut pages = HashMap::new();
        if header.len() as u64 == PAGE.min(len) && len >= PAGE {
            pages.insert(0, header);
        }
        Ok(ScratchCopy {
            file,
            state: Mutex::new(Scratch {
                len,
                file_visible: len,
                pages,
            }),
        })
    }

    fn lock(&self) -> io::Result<std::sync::MutexGuard<'_, Scratch>> {
        self.state
            .lock()
            .map_err(|_| io::Error::other("scratch copy poisoned"))
    }

    /// One page as this copy holds it: written here, else from the file (zeros past it).
    fn page(&self, s: &Scratch, n: u64) -> io::Result<Vec<u8>> {
        if let Some(p) = s.pages.get(&n) {
            return Ok(p.clone());
        }
        let mut buf = vec![0u8; PAGE as usize];
        let start = n * PAGE;
        let readable = s.file_visible.saturating_sub(start).min(PAGE) as usize;
        if readable > 0 {
            self.file.read_exact_at(&mut buf[..readable], start)?;
        }
        Ok(buf)
    }
}

impl StorageBackend for ScratchCopy {
    fn len(&self) -> Result<u64, io::Error> {
        Ok(self.lock()?.len)
    }

    fn read(&self, offset: u64, out: &mut [u8]) -> Result<(), io::Error> {
        let s = self.lock()?;
        let end = offset
            .checked_add(out.len() as u64)
            .filter(|&e| e <= s.len)
            .ok_or_else(|| io::Error::from(io::ErrorKind::UnexpectedEof))?;
        let mut at = offset;
        while at < end {
            let n = at / PAGE;
            let within = (at % PAGE) as usize;
            let take = ((PAGE - at % PAGE).min(end - at)) as usize;
            let dst = &mut out[(at - offset) as usize..][..take];
            match s.pages.get(&n) {
                Some(p) => dst.copy_from_slice(&p[within..within + take]),
                None if at + take as u64 <= s.file_visible => self.file.read_exact_at(dst, at)?,
                None => dst.copy_from_slice(&self.page(&s, n)?[within..within + take]),
            }
            at += take as u64;
        }
        Ok(())
    }

    fn set_len(&self, len: u64) -> Result<(), io::Error> {
        let mut s = self.lock()?;
        if len < s.len {
            s.file_visible = s.file_visible.min(len);
            let keep = len.div_ceil(PAGE);
            s.pages.retain(|&n, _| n < keep);
            if let Some(p) = s.pages.get_mut(&(len / PAGE)) {
                p[(len % PAGE) as usize..].fill(0);
            }
        }
        s.len = len;
        Ok(())
    }

    fn sync_data(&self) -> Result<(), io::Error> {
        Ok(())
    }

    fn write(&self, offset: u64, data: &[u8]) -> Result<(), io::Error> {
        let mut s = self.lock()?;
        let mut at = offset;
        let end = offset + data.len() as u64;
        while at < end {
            let n = at / PAGE;
            let within = (at % PAGE) as usize;
            let take = ((PAGE - at % PAGE).min(end - at)) as usize;
            let mut page = self.page(&s, n)?;
            page[within..within + take].copy_from_slice(&data[(at - offset) as usize..][..take]);
            s.pages.insert(n, page);
            at += take as u64;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_stay_in_memory_and_reads_see_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let original: Vec<u8> = (0..3 * PAGE).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &original).unwrap();
        let c = ScratchCopy::open(&path, original[..PAGE as usize].to_vec()).unwrap();
        c.write(PAGE - 2, &[9, 9, 9, 9]).unwrap();
        let mut b = [0u8; 6];
        c.read(PAGE - 3, &mut b).unwrap();
        assert_eq!(
            b,
            [
                original[PAGE as usize - 3],
                9,
                9,
                9,
                9,
                original[PAGE as usize + 2]
            ]
        );
        c.set_len(PAGE + 1).unwrap();
        c.set_len(4 * PAGE).unwrap();
        let mut tail = [1u8; 4];
        c.read(2 * PAGE, &mut tail).unwrap();
        assert_eq!(tail, [0; 4], "grown again: zeros, not the old bytes");
        assert!(c.read(4 * PAGE - 1, &mut [0u8; 2]).is_err());
        assert_eq!(
            std::fs::read(&path).unwrap(),
            original,
            "the file untouched"
        );
    }
}
