//! The search snapshot file beside the ledger (`LEDGER.search`), which every process maps: used
//! when it is the stored snapshot's copy, replaced (never used) when it is stale or damaged,
//! written by a writable `baodao search`, and a snapshot an older program stored renewed by
//! the schema migration rather than left to make every reader build the index.
mod common;

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use baodao::demo::{DemoSpec, generate};
use baodao::domain::*;
use baodao::search::{Query, SNAPSHOT_TRAILER};
use baodao::store::Ledger;
use baodao::store::search_file::path_of;
use common::*;
use redb::ReadableTable;

fn demo_ledger() -> (tempfile::TempDir, PathBuf, Ledger) {
    let (dir, path, ledger) = temp_ledger();
    let spec = DemoSpec {
        members: 200,
        seed: 7,
    };
    generate(&ledger, &spec, &mut |_| {}).unwrap();
    (dir, path, ledger)
}

fn finds(ledger: &Ledger, name: &str, id: Id) -> bool {
    let (index, _) = ledger.search_index().unwrap();
    index
        .query(&Query {
            text: name,
            kind: None,
            community: None,
            limit: 50,
        })
        .iter()
        .any(|h| h.id == id)
}

fn inode(p: &Path) -> u64 {
    std::fs::metadata(p).unwrap().ino()
}

/// A member of the demo's first community, saved after the demo's snapshot.
fn add_member(ledger: &Ledger, name: &str) -> Id {
    let view = ledger.view().unwrap();
    let c = view.communities().unwrap()[0].id;
    ledger
        .write(|tx| {
            tx.save(Member {
                id: Id::new(),
                name: name.into(),
                community: Some(c),
                ..Default::default()
            })
        })
        .unwrap()
        .id
}

#[test]
fn a_current_file_is_mapped_as_it_is() {
    let (_d, path, ledger) = demo_ledger();
    let file = path_of(&path);
    assert!(file.exists(), "the demo writes the file beside the ledger");
    let before = (inode(&file), std::fs::read(&file).unwrap());
    let some = ledger.view().unwrap().all::<Member>().unwrap()[3].clone();
    assert!(finds(&ledger, &some.name, some.id));
    // A file that was not the stored snapshot's copy would have been replaced (a new inode).
    assert_eq!((inode(&file), std::fs::read(&file).unwrap()), before);
    // A change since the snapshot comes from the journal, the file staying as it is.
    let new = add_member(&ledger, "吕桂英");
    assert!(finds(&ledger, "吕桂英", new));
    assert_eq!(inode(&file), before.0);
}

#[test]
fn a_stale_or_damaged_file_is_never_used_and_is_replaced() {
    let (_d, path, ledger) = demo_ledger();
    let file = path_of(&path);
    let old = std::fs::read(&file).unwrap();
    // A newer snapshot holding a member the old file lacks; the journal before it is pruned,
    // so only the new snapshot can find her.
    let new = add_member(&ledger, "吕桂英");
    let (index, _) = ledger.search_index().unwrap();
    let mark = ledger.view().unwrap().search_journal_mark().unwrap();
    ledger.store_search_snapshot(&index, mark).unwrap();
    let current = std::fs::read(&file).unwrap();
    assert_ne!(current, old);
    // The old copy put back, as a failed write would have left it.
    std::fs::write(&file, &old).unwrap();
    assert!(finds(&ledger, "吕桂英", new), "the stale file was used");
    assert_eq!(std::fs::read(&file).unwrap(), current, "replaced");
    // Same length, one byte changed in the records: the checksum tells.
    let mut damaged = current.clone();
    damaged[100] ^= 0x5a;
    std::fs::write(&file, &damaged).unwrap();
    assert!(finds(&ledger, "吕桂英", new));
    assert_eq!(std::fs::read(&file).unwrap(), current, "replaced");
    // Cut short.
    std::fs::write(&file, &current[..current.len() / 2]).unwrap();
    assert!(finds(&ledger, "吕桂英", new));
    assert_eq!(std::fs::read(&file).unwrap(), current, "replaced");
}

fn search(path: &Path, extra: &[&str]) -> String {
    let out = Command::new(bin())
        .args(extra)
        .args(["search", "zsx", "--db"])
        .arg(path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_writable_search_stores_the_snapshot_and_its_file() {
    let (_d, path, ledger) = temp_ledger();
    fixture(&ledger);
    let file = path_of(&path);
    // A bulk write drops the stored snapshot (its docs bypass the journal); no file either.
    ledger.write_bulk(|_| Ok(())).unwrap();
    drop(ledger);
    let _ = std::fs::remove_file(&file);
    let first = search(&path, &["--read-only"]);
    assert!(!first.is_empty());
    assert!(
        !file.exists(),
        "a reader builds the index in memory, writing nothing"
    );
    assert_eq!(search(&path, &[]), first);
    assert!(
        file.exists(),
        "the writable search stored a snapshot and its file"
    );
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.len() > SNAPSHOT_TRAILER);
    // The file is the stored snapshot's copy: a reader now maps it as it is.
    let ino = inode(&file);
    assert_eq!(search(&path, &["--read-only"]), first);
    assert_eq!(
        (inode(&file), std::fs::read(&file).unwrap()),
        (ino, bytes.clone())
    );
    // A missing file is written again from the snapshot in the ledger, by a reader too.
    std::fs::remove_file(&file).unwrap();
    assert_eq!(search(&path, &["--read-only"]), first);
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
}

/// Rewrites the ledger as an older program left it: schema 4, no community tallies, and the
/// stored snapshot in format 1 (which this program cannot load).
fn as_schema_4_with_format_1(path: &Path) {
    let db = redb::Database::builder()
        .set_concurrency_mode(redb::ConcurrencyMode::MultiWriter)
        .open(path)
        .unwrap();
    let meta: redb::TableDefinition<&str, &[u8]> = redb::TableDefinition::new("meta-v1");
    let parts: redb::TableDefinition<u32, &[u8]> = redb::TableDefinition::new("search-snapshot-v1");
    let tallies: redb::TableDefinition<u128, &[u8]> =
        redb::TableDefinition::new("community-tallies-v1");
    let txn = db.begin_write().unwrap();
    {
        txn.open_table(meta)
            .unwrap()
            .insert("schema", 4u32.to_le_bytes().as_slice())
            .unwrap();
        let mut t = txn.open_table(parts).unwrap();
        let last = t.last().unwrap().map(|(k, _)| k.value()).unwrap();
        let mut bytes = t.get(last).unwrap().unwrap().value().to_vec();
        assert!(
            bytes.len() >= SNAPSHOT_TRAILER,
            "the trailer in the last part"
        );
        let at = bytes.len() - SNAPSHOT_TRAILER + 4;
        assert_eq!(bytes[at], 2, "the format byte");
        bytes[at] = 1;
        t.insert(last, bytes.as_slice()).unwrap();
    }
    txn.delete_table(tallies).unwrap();
    txn.commit().unwrap();
}

#[test]
fn the_migration_renews_a_snapshot_of_an_older_format() {
    let (dir, path, ledger) = demo_ledger();
    let some = ledger.view().unwrap().all::<Member>().unwrap()[3].clone();
    drop(ledger);
    as_schema_4_with_format_1(&path);
    let _ = std::fs::remove_file(path_of(&path));
    // A reviewer may read the schema-4 file: no snapshot loads, the index is built from the
    // docs (every time, which is what the migration ends).
    {
        let reviewer = Ledger::open(
            &path,
            baodao::store::OpenOptions {
                read_only: true,
                today: Some(today()),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(reviewer.view().unwrap().has_search_snapshot().unwrap());
        assert!(
            reviewer
                .view()
                .unwrap()
                .search_index_from_snapshot()
                .unwrap()
                .is_none()
        );
        assert!(finds(&reviewer, &some.name, some.id));
    }
    // A clerk's open migrates: a backup first, then the tallies and a snapshot that loads.
    let mut ledger = open(&path);
    assert!(dir.path().join("ledger.schema4.bak.redb").exists());
    let view = ledger.view().unwrap();
    let (_, replayed) = view
        .search_index_from_snapshot()
        .unwrap()
        .expect("a snapshot this program loads");
    assert_eq!(replayed, 0);
    assert!(view.has_community_tallies().unwrap());
    assert!(finds(&ledger, &some.name, some.id));
    drop(view);
    let report = ledger.check().unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

/// Rewrites the ledger as a program of schema 5 left it: no index of archived units and
/// communities, which a reviewer cannot add (the lists then find them from the rows).
fn as_schema_5(path: &Path) {
    raw_write(path, |txn| {
        let meta: redb::TableDefinition<&str, &[u8]> = redb::TableDefinition::new("meta-v1");
        txn.open_table(meta)
            .unwrap()
            .insert("schema", 5u32.to_le_bytes().as_slice())
            .unwrap();
        let archived: redb::TableDefinition<(u128, u128), ()> =
            redb::TableDefinition::new("idx-archived-v1");
        assert!(txn.delete_table(archived).unwrap());
    });
}

/// One write transaction on the file as it is, without the ledger's commit counter.
fn raw_write(path: &Path, f: impl FnOnce(&redb::WriteTransaction)) {
    let db = redb::Database::builder()
        .set_concurrency_mode(redb::ConcurrencyMode::MultiWriter)
        .open(path)
        .unwrap();
    let txn = db.begin_write().unwrap();
    f(&txn);
    txn.commit().unwrap();
}

/// The commit counter moved as every save of the program moves it.
fn next_generation(path: &Path) {
    raw_write(path, |txn| {
        let meta: redb::TableDefinition<&str, &[u8]> = redb::TableDefinition::new("meta-v1");
        let mut t = txn.open_table(meta).unwrap();
        let g = t
            .get("generation")
            .unwrap()
            .map(|v| u64::from_le_bytes(v.value().try_into().unwrap()))
            .unwrap_or(0);
        t.insert("generation", (g + 1).to_le_bytes().as_slice())
            .unwrap();
    });
}

/// On a schema-5 file the archived units come from every unit row: a reviewer's units filter
/// reads them once per ledger generation, not on every keystroke. A unit row taken away
/// without a commit counter moving is not noticed (the set is the one read before); once the
/// counter moves, the set is read again and the unit, archived no more, is listed.
#[test]
fn a_reviewer_reads_an_older_files_archived_units_once_per_commit() {
    use baodao::tui::runtime::search::SearchCache;
    let (_dir, path, ledger) = demo_ledger();
    let mut unit = ledger.view().unwrap().units().unwrap()[0].clone();
    unit.archived = true;
    let archived = unit.clone();
    ledger.write(|tx| tx.save(archived)).unwrap();
    drop(ledger);
    as_schema_5(&path);
    let reviewer = || {
        Ledger::open(
            &path,
            baodao::store::OpenOptions {
                read_only: true,
                today: Some(today()),
                ..Default::default()
            },
        )
        .unwrap()
    };
    let cache = SearchCache::new();
    let listed = |filter: &str| {
        let ledger = reviewer();
        let view = ledger.view().unwrap();
        cache.units(&view, &path, filter).unwrap()
    };
    let first = listed(&unit.name);
    assert!(!first.contains(&unit.id), "archived: not listed");
    // The unit's row goes, the counter stays: a scan would find it archived no more.
    raw_write(&path, |txn| {
        let units: redb::TableDefinition<u128, &[u8]> = redb::TableDefinition::new("units-v1");
        assert!(
            txn.open_table(units)
                .unwrap()
                .remove(unit.id.0)
                .unwrap()
                .is_some()
        );
    });
    assert!(
        reviewer()
            .view()
            .unwrap()
            .archived_units()
            .unwrap()
            .is_empty()
    );
    assert_eq!(listed(&unit.name), first, "the set read at this generation");
    next_generation(&path);
    assert!(
        listed(&unit.name).contains(&unit.id),
        "a commit: the archived units read again"
    );
}
