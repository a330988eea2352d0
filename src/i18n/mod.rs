//! Every user-facing string, in one catalog (`catalog.tsv`): Simplified Chinese by default,
//! English with `--lang en`.
//!
//! Code names a message by key: `t(lang, "status.saved")`, or `tf(lang, "import.rows", &[&n])`
//! for a message with `{0}`, `{1}` … placeholders. A test reads the sources and fails when a key
//! used in code (every string shaped like a key, wherever it is written) is missing from the
//! catalog or lacks its Chinese or English text, so a message cannot silently fall back to its key.
use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The language of the screens, messages and forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// `zh`/`en` (also `zh-CN`, `en_US` …) as given on the command line or in `LANG`.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("zh") {
            Some(Lang::Zh)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

const CATALOG: &str = include_str!("catalog.tsv");

fn catalog() -> &'static HashMap<&'static str, (&'static str, &'static str)> {
    static MAP: OnceLock<HashMap<&'static str, (&'static str, &'static str)>> = OnceLock::new();
    MAP.get_or_init(|| {
        CATALOG
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut parts = l.split('\t');
                let key = parts.next()?;
                let zh = parts.next()?;
                let en = parts.next().unwrap_or(zh);
                Some((key, (zh, en)))
            })
            .collect()
    })
}

/// The message for `key` in `lang`; the key itself if the catalog lacks it (a test forbids that).
pub fn t(lang: Lang, key: &'static str) -> &'static str {
    match catalog().get(key) {
        Some((zh, en)) => match lang {
            Lang::Zh => zh,
            Lang::En => en,
        },
        None => key,
    }
}

/// [`t`] with `{0}`, `{1}` … replaced by `args`.
pub fn tf(lang: Lang, key: &'static str, args: &[&dyn Display]) -> String {
    let mut out = t(lang, key).to_string();
    for (i, a) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), &a.to_string());
    }
    out
}

/// Whether the catalog has `key` (for the completeness test and for config validation).
pub fn has(key: &str) -> bool {
    catalog().contains_key(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_lines_are_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for (n, line) in CATALOG.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let parts: Vec<&str> = line.split('\t').collect();
            assert_eq!(
                parts.len(),
                3,
                "catalog.tsv line {}: want key<TAB>zh<TAB>en",
                n + 1
            );
            assert!(
                seen.insert(parts[0]),
                "catalog.tsv line {}: duplicate key {}",
                n + 1,
                parts[0]
            );
        }
    }

    /// String literals under `src/` that look like a message key and are not one.
    const NOT_KEYS: [&str; 2] = [
        // The demo ledger's file name.
        "ledger.redb",
        // The settings screen matches its five star rows by this prefix.
        "tui.set.star",
    ];

    /// Every string literal under `src/` shaped like a key of one of the catalog's areas
    /// (`"tui.form.keys"`, in a `t`/`tf` call, a table of titles or a command's name), with
    /// the file it is in. Comment lines are skipped: docs quote keys as examples.
    fn keys_in_sources() -> Vec<(String, String)> {
        let areas: std::collections::BTreeSet<&str> = catalog()
            .keys()
            .filter_map(|k| k.split_once('.').map(|(a, _)| a))
            .collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = Vec::new();
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("read src").flatten() {
                let p = entry.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&p).expect("read a source file");
                    let file = p.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(&p);
                    for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
                        for key in key_literals(line, &areas) {
                            found.push((file.display().to_string(), key));
                        }
                    }
                }
            }
        }
        found
    }

    /// The key-shaped literals of one line: `"area.word(.word)*"`.
    fn key_literals(line: &str, areas: &std::collections::BTreeSet<&str>) -> Vec<String> {
        let mut keys = Vec::new();
        for (i, _) in line.match_indices('"') {
            let rest = &line[i + 1..];
            let Some(end) = rest.find('"') else { break };
            let lit = &rest[..end];
            let shaped = lit
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
                && lit.split('.').count() >= 2
                && lit.split('.').all(|w| !w.is_empty());
            if shaped && lit.split_once('.').is_some_and(|(a, _)| areas.contains(a)) {
                keys.push(lit.to_string());
            }
        }
        keys
    }

    #[test]
    fn every_key_used_in_code_is_in_the_catalog_in_both_languages() {
        let found = keys_in_sources();
        // The scan sees the keys of every kind of use, not only `t(lang, …)` calls.
        for sample in ["tui.cmd.quit", "tui.ready.not_reported", "tui.pane.units"] {
            assert!(
                found.iter().any(|(_, k)| k == sample),
                "the scan misses {sample}"
            );
        }
        assert!(found.len() > 800, "only {} key literals found", found.len());
        let mut missing = Vec::new();
        for (file, key) in &found {
            if NOT_KEYS.contains(&key.as_str()) {
                continue;
            }
            match catalog().get(key.as_str()) {
                None => missing.push(format!("{file}: {key} is not in catalog.tsv")),
                Some((zh, en)) if zh.trim().is_empty() || en.trim().is_empty() => {
                    missing.push(format!("{file}: {key} lacks its Chinese or English text"))
                }
                Some(_) => {}
            }
        }
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "{}", missing.join("\n"));
    }

    #[test]
    fn the_scan_finds_keys_however_they_are_written() {
        // An area the catalog does not have, so these samples are not scanned as keys.
        let areas = ["zz"].into_iter().collect();
        assert_eq!(
            key_literals(r#"    (Some(Pane::Card), "zz.pane.card"),"#, &areas),
            ["zz.pane.card"]
        );
        assert_eq!(
            key_literals(r#"tf(h.lang, "zz.help.close", &[&"x", &"y.z"])"#, &areas),
            ["zz.help.close"]
        );
        assert_eq!(
            key_literals(r#"let f = "zz.rs"; let g = "a.b";"#, &areas),
            ["zz.rs"]
        );
        assert!(key_literals(r#"format!("{a}.{b}") "zz." "zz""#, &areas).is_empty());
    }

    #[test]
    fn both_languages_have_the_same_placeholders() {
        for (key, (zh, en)) in catalog() {
            let marks = |s: &str| {
                (0..10)
                    .filter(|i| s.contains(&format!("{{{i}}}")))
                    .collect::<Vec<_>>()
            };
            assert_eq!(
                marks(zh),
                marks(en),
                "{key}: zh and en take different arguments"
            );
        }
    }

    #[test]
    fn placeholders_are_filled() {
        assert!(tf(Lang::En, "err.field", &[&"mobile", &"bad"]).contains("mobile"));
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
    }
}
