//! Import of the CSV and XLSX files offices send (rosters, service records, community and
//! unit lists, registrations) into the ledger, and bundles that move records between ledgers.
//!
//! The pipeline, one module per step:
//! - [`grid`]: a file (CSV in any of the encodings in [`encoding`], XLSX, XLS) into rows of
//!   raw cells, within fixed memory limits;
//! - [`header`]: the header row found under titles, matched against a [`header::Schema`]
//!   from [`schemas`]; data rows as records;
//!   [`mojibake`] tells a sheet of garbled text (乱码) from one without a header;
//! - [`values`]: one cell into one typed value (dates, phones, hours …);
//! - [`rows`]: records into typed rows of each sheet kind, with every problem as an
//!   [`error::ImportIssue`].
//!
//! - [`import`]: checked rows matched to the ledger's communities, units, posts and members,
//!   then saved in one transaction, or not at all;
//! - [`bundle`]: versioned JSON Lines of records for 转移接续 and a county's roll-up.
//!
//! The steps up to [`rows`] know nothing of the ledger; [`import`] and [`bundle`] reach it only
//! through the store's `View` and `Tx`.
pub mod bundle;
pub mod encoding;
pub mod error;
pub mod fuzz;
pub mod grid;
pub mod header;
pub mod import;
pub mod mojibake;
pub mod rows;
pub mod rows_care;
pub mod rows_history;
pub mod schemas;
pub mod template;
pub mod values;

pub use error::{ImportIssue, ValueError};
pub use grid::{Grid, ReadOptions, Value, read_all_bytes, read_all_path, read_bytes, read_path};

#[cfg(test)]
mod tests {
    /// Messages are looked up by keys held in variables (`ValueError::key`, a progress
    /// stage), which the catalog's own scan of literal lookups cannot see; check every quoted
    /// key starting with `import.` or `bundle.` in this module and its submodules instead.
    #[test]
    fn every_import_key_is_in_the_catalog() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/interchange");
        let mut missing = Vec::new();
        let mut dirs = vec![root];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                for prefix in ["import.", "bundle."] {
                    for piece in text.split(&format!("\"{prefix}")).skip(1) {
                        let Some(end) = piece.find('"') else { continue };
                        let rest = &piece[..end];
                        let is_key = !rest.is_empty()
                            && rest
                                .bytes()
                                .all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_');
                        if !is_key {
                            continue;
                        }
                        let key = format!("{prefix}{rest}");
                        if !crate::i18n::has(&key) {
                            missing.push(key);
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "missing from catalog.tsv: {missing:?}");
    }
}
