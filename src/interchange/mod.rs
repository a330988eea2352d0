//! Import of the CSV and XLSX files offices send (rosters, service records, community and
//! unit lists, registrations), from bytes to checked rows.
//!
//! The pipeline, one module per step:
//! - [`grid`]: a file (CSV in any of the encodings in [`encoding`], XLSX, XLS) into rows of
//!   raw cells, within fixed memory limits;
//! - [`header`]: the header row found under titles, matched against a [`header::Schema`]
//!   from [`schemas`]; data rows as records;
//! - [`values`]: one cell into one typed value (dates, phones, hours …);
//! - [`rows`]: records into typed rows of each sheet kind, with every problem as an
//!   [`error::ImportIssue`].
//!
//! Nothing here touches the ledger: matching rows to members and units happens in the store's
//! importer.
pub mod encoding;
pub mod error;
pub mod fuzz;
pub mod grid;
pub mod header;
pub mod rows;
pub mod schemas;
pub mod values;

pub use error::{ImportIssue, ValueError};
pub use grid::{Grid, ReadOptions, Value, read_bytes, read_path};

#[cfg(test)]
mod tests {
    /// Messages are looked up by keys held in variables (`ValueError::key`), which the
    /// catalog's own scan of literal lookups cannot see; check every quoted key starting
    /// with `import.` in this module instead.
    #[test]
    fn every_import_key_is_in_the_catalog() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/interchange");
        let mut missing = Vec::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for piece in text.split("\"import.").skip(1) {
                let Some(end) = piece.find('"') else { continue };
                let rest = &piece[..end];
                let is_key = !rest.is_empty()
                    && rest
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_');
                if !is_key {
                    continue;
                }
                let key = format!("import.{rest}");
                if !crate::i18n::has(&key) {
                    missing.push(key);
                }
            }
        }
        assert!(missing.is_empty(), "missing from catalog.tsv: {missing:?}");
    }
}
