//! The full-screen program reads and writes the ledger only in `src/tui/runtime/`: `update`
//! stays pure and the views read-only because nothing else under `src/tui/` can even name the
//! store. A file that does is listed with its line.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("read src/tui") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether a line of Rust names the store module: `crate::store::…`, `use crate::{store, …}`,
/// or a relative `super::…::store::…`.
fn names_store(line: &str) -> bool {
    let code = line.split("//").next().unwrap_or("");
    let words: Vec<&str> = code
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .collect();
    words.iter().any(|w| {
        w.split("::").any(|seg| seg == "store")
            && (w.starts_with("crate::") || w.starts_with("super::"))
    }) || (code.contains("crate::{") && code.split(['{', ',', '}', ' ']).any(|w| w == "store"))
}

#[test]
fn only_the_runtime_names_the_store() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let runtime = root.join("runtime");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    assert!(files.len() > 50, "src/tui has its files ({})", files.len());
    assert!(
        files.iter().any(|f| f.starts_with(&runtime)),
        "src/tui/runtime exists"
    );
    let mut offenders = Vec::new();
    for file in files.iter().filter(|f| !f.starts_with(&runtime)) {
        let text = fs::read_to_string(file).expect("read a source file");
        for (n, line) in text.lines().enumerate() {
            if names_store(line) {
                offenders.push(format!(
                    "{}:{}: {}",
                    file.strip_prefix(&root).unwrap().display(),
                    n + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "only src/tui/runtime/ may read or write the ledger; move these into it:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_check_sees_every_way_of_naming_the_store() {
    assert!(names_store("use crate::store::{Ledger, View};"));
    assert!(names_store("    ledger: &crate::store::Ledger,"));
    assert!(names_store("use crate::{domain, store};"));
    assert!(names_store("use super::super::store::Change;"));
    assert!(!names_store("use crate::search::Doc;"));
    assert!(!names_store(
        "// the store is reached through crate::store only here"
    ));
    assert!(!names_store("let restore = app.restore::<Id>();"));
}
