//! The search index's persisted side: the [`Doc`] of each searchable record, compiled and kept
//! in [`SEARCH_DOCS`] by every write, and loaded whole into a [`SearchIndex`] at start.
use redb::{ReadableTable, ReadableTableMetadata, WriteTransaction};

use super::codec::decode;
use super::entity::Stored;
use super::error::StoreError;
use super::open_tables::OpenTables;
use super::read::View;
use super::tables::*;
use crate::domain::*;
use crate::i18n::Lang;
use crate::search::{CompiledDoc, Doc, Kind as SKind, SearchIndex};

/// Looks up a record's name inside a write transaction.
fn name_of<E: Stored>(
    tables: &OpenTables,
    id: Option<Id>,
    name: impl Fn(&E) -> String,
) -> Result<String, StoreError> {
    let Some(id) = id else {
        return Ok(String::new());
    };
    tables.name(id.0, || {
        tables.rows(E::TABLE, |table| match table.get(id.0)? {
            Some(v) => Ok(Some(name(&decode::<E>(
                v.value(),
                "search",
                &id.to_string(),
            )?))),
            None => Ok(None),
        })
    })
}

/// The search doc of a record, if its kind is searchable.
pub(super) fn doc_of(tables: &OpenTables, r: &Record) -> Result<Option<Doc>, StoreError> {
    // Which kinds are searched is the search module's to say.
    let Some(kind) = SKind::of(r.kind()) else {
        return Ok(None);
    };
    let community_name = |c: Option<Id>| name_of::<Community>(tables, c, |c| c.name.clone());
    let doc = match r {
        Record::Member(m) => Doc {
            kind,
            id: m.id,
            name: m.name.clone(),
            community: m.community,
            community_name: community_name(m.community)?,
            unit_name: name_of::<Unit>(tables, m.unit, |u| u.name.clone())?,
            phone: m.mobile.clone(),
            extra: vec![m.specialties.clone(), m.position.clone()],
        },
        Record::Community(c) => Doc {
            kind,
            id: c.id,
            name: c.name.clone(),
            community: Some(c.id),
            community_name: c.name.clone(),
            unit_name: String::new(),
            phone: String::new(),
            extra: vec![c.street.clone(), c.county.clone()],
        },
        Record::Unit(u) => Doc {
            kind,
            id: u.id,
            name: u.name.clone(),
            community: u.paired_community,
            community_name: community_name(u.paired_community)?,
            unit_name: u.name.clone(),
            phone: String::new(),
            extra: vec![u.kind.label(Lang::Zh).to_string(), u.address.clone()],
        },
        Record::Post(p) => Doc {
            kind,
            id: p.id,
            name: p.name.clone(),
            community: Some(p.community),
            community_name: community_name(Some(p.community))?,
            unit_name: String::new(),
            phone: String::new(),
            extra: vec![p.duties.clone()],
        },
        Record::Household(h) => Doc {
            kind,
            id: h.id,
            name: h.name.clone(),
            community: Some(h.community),
            community_name: community_name(Some(h.community))?,
            unit_name: String::new(),
            phone: h.contact.clone(),
            extra: vec![h.kind.label(Lang::Zh).to_string()],
        },
        Record::Demand(d) => Doc {
            kind,
            id: d.id,
            name: d.content.clone(),
            community: Some(d.community),
            community_name: community_name(Some(d.community))?,
            unit_name: String::new(),
            phone: d.contact.clone(),
            extra: vec![d.requester.clone()],
        },
        _ => return Ok(None),
    };
    // Archived records stay findable: a clerk looks them up to restore them.
    Ok(Some(doc))
}

/// Writes (or removes) the compiled doc of a record.
/// `journal`: note the change for the stored search snapshot (every write but a bulk load or
/// a rebuild, which drop the snapshot instead).
pub(super) fn put(
    tables: &OpenTables,
    before: Option<&Record>,
    after: Option<&Record>,
    journal: bool,
) -> Result<(), StoreError> {
    // Most saves are service rows, which have no doc: `doc_of` answers `None` for them
    // without reading anything, and the docs table is not opened.
    let changed = match (before, after) {
        (_, Some(a)) => match doc_of(tables, a)? {
            Some(doc) => {
                let bytes = CompiledDoc::compile(doc).to_bytes();
                tables.rows(SEARCH_DOCS, |t| {
                    t.insert(a.id().0, bytes.as_slice())?;
                    Ok(())
                })?;
                Some(a.id())
            }
            None => None,
        },
        (Some(b), None) if doc_of(tables, b)?.is_some() => {
            tables.rows(SEARCH_DOCS, |t| Ok(t.remove(b.id().0)?.map(|_| b.id())))?
        }
        _ => None,
    };
    if let Some(id) = changed.filter(|_| journal) {
        super::search_snapshot::journal(tables, id)?;
    }
    Ok(())
}

/// Recompiles the docs of records that show `renamed`'s name (members of a unit or community,
/// posts of a community) after it was renamed.
pub(super) fn refresh_dependents(tables: &OpenTables, renamed: &Record) -> Result<(), StoreError> {
    let (indexes, parent): (&[PairIndex], Id) = match renamed {
        Record::Unit(u) => (&[MEMBERS_BY_UNIT], u.id),
        Record::Community(c) => (
            &[
                MEMBERS_BY_COMMUNITY,
                POSTS_BY_COMMUNITY,
                HOUSEHOLDS_BY_COMMUNITY,
            ],
            c.id,
        ),
        _ => return Ok(()),
    };
    for index in indexes {
        let children: Vec<u128> = tables.pairs(*index, |t| {
            let mut v = Vec::new();
            for e in t.range((parent.0, 0u128)..=(parent.0, u128::MAX))? {
                v.push(e?.0.value().1);
            }
            Ok(v)
        })?;
        for child in children {
            let rec = match *index {
                i if i.name() == MEMBERS_BY_UNIT.name()
                    || i.name() == MEMBERS_BY_COMMUNITY.name() =>
                {
                    load::<Member>(tables, child)?.map(Record::Member)
                }
                i if i.name() == POSTS_BY_COMMUNITY.name() => {
                    load::<Post>(tables, child)?.map(Record::Post)
                }
                _ => load::<Household>(tables, child)?.map(Record::Household),
            };
            if let Some(r) = rec {
                put(tables, None, Some(&r), true)?;
            }
        }
    }
    Ok(())
}

use redb::TableHandle;

fn load<E: Stored>(tables: &OpenTables, id: u128) -> Result<Option<E>, StoreError> {
    tables.rows(E::TABLE, |t| {
        t.get(id)?
            .map(|v| decode::<E>(v.value(), E::TABLE.name(), &Id(id).to_string()))
            .transpose()
    })
}

/// Compiles every searchable record's doc (a migration, or a rebuild).
pub fn rebuild(txn: &WriteTransaction) -> Result<u64, StoreError> {
    super::search_snapshot::invalidate(txn)?;
    let tables = OpenTables::new(txn);
    let mut n = 0;
    n += rebuild_kind::<Community>(&tables)?;
    n += rebuild_kind::<Unit>(&tables)?;
    n += rebuild_kind::<Member>(&tables)?;
    n += rebuild_kind::<Post>(&tables)?;
    n += rebuild_kind::<Household>(&tables)?;
    n += rebuild_kind::<Demand>(&tables)?;
    Ok(n)
}

fn rebuild_kind<E: Stored>(tables: &OpenTables) -> Result<u64, StoreError> {
    let ids: Vec<u128> = tables.rows(E::TABLE, |t| {
        let mut v = Vec::with_capacity(t.len()? as usize);
        for e in t.iter()? {
            v.push(e?.0.value());
        }
        Ok(v)
    })?;
    for id in &ids {
        if let Some(e) = load::<E>(tables, *id)? {
            put(tables, None, Some(&e.into()), false)?;
        }
    }
    Ok(ids.len() as u64)
}

/// Streams the compiled docs of a search-docs table (a snapshot's, or a migration's).
fn for_each_doc(
    table: &impl ReadableTable<u128, &'static [u8]>,
    mut f: impl FnMut(CompiledDoc) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    for entry in table.iter()? {
        let (k, v) = entry?;
        let doc = CompiledDoc::from_bytes(v.value()).map_err(|e| StoreError::Corrupt {
            table: SEARCH_DOCS.name().to_string(),
            key: Id(k.value()).to_string(),
            why: e.to_string(),
        })?;
        f(doc)?;
    }
    Ok(())
}

/// The whole index from a search-docs table (no pinyin is computed).
pub(super) fn index_of(
    table: &impl ReadableTable<u128, &'static [u8]>,
) -> Result<SearchIndex, StoreError> {
    // About 48 key bytes per record (names, pinyin, initials).
    let mut index = SearchIndex::with_capacity(table.len()? as usize, 48).without_docs();
    for_each_doc(table, |doc| {
        index.insert_compiled(doc);
        Ok(())
    })?;
    Ok(index)
}

impl View {
    /// Streams every compiled search doc (for exporting the roster keys, say).
    pub fn for_each_search_doc(
        &self,
        f: impl FnMut(CompiledDoc) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        match super::read::open_if_exists(&self.txn, SEARCH_DOCS)? {
            Some(table) => for_each_doc(&table, f),
            None => Ok(()),
        }
    }

    /// The whole search index, from the persisted compiled docs (no pinyin is computed),
    /// without the docs themselves: show hits with [`View::search_doc`].
    pub fn search_index(&self) -> Result<SearchIndex, StoreError> {
        match super::read::open_if_exists(&self.txn, SEARCH_DOCS)? {
            Some(table) => index_of(&table),
            None => Ok(SearchIndex::new()),
        }
    }
}

impl View {
    /// One record's compiled search doc, as the last write stored it (to keep an index that
    /// is already in memory current after a save, without reading every doc again).
    pub fn search_doc(&self, id: Id) -> Result<Option<CompiledDoc>, StoreError> {
        let Some(table) = super::read::open_if_exists(&self.txn, SEARCH_DOCS)? else {
            return Ok(None);
        };
        let Some(v) = table.get(id.0)? else {
            return Ok(None);
        };
        CompiledDoc::from_bytes(v.value())
            .map(Some)
            .map_err(|e| StoreError::Corrupt {
                table: SEARCH_DOCS.name().to_string(),
                key: id.to_string(),
                why: e.to_string(),
            })
    }
}
