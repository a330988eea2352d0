//! Every user-facing string, in one catalog (`catalog.tsv`): Simplified Chinese by default,
//! English with `--lang en`.
//!
//! Code names a message by key: `t(lang, "status.saved")`, or `tf(lang, "import.rows", &[&n])`
//! for a message with `{0}`, `{1}` … placeholders. A test reads the sources and fails when a key
//! used in code is missing from the catalog, so a message cannot silently fall back to its key.
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

    #[test]
    fn every_key_used_in_code_is_in_the_catalog() {
        // Scan src/ for t(…, "key") / tf(…, "key", …) calls.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = Vec::new();
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let p = entry.path();
                if p.is_dir() {
                    // This module's own docs and tests quote the call pattern.
                    if !p.ends_with("i18n") {
                        stack.push(p);
                    }
                } else if p.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&p).unwrap_or_default();
                    for key in keys_in(&text) {
                        if !has(&key) {
                            missing.push(format!("{}: {key}", p.display()));
                        }
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys missing from catalog.tsv:\n{}",
            missing.join("\n")
        );
    }

    fn keys_in(text: &str) -> Vec<String> {
        let mut keys = Vec::new();
        for pat in [
            "t(lang, \"",
            "tf(lang, \"",
            "t(self.lang, \"",
            "tf(self.lang, \"",
        ] {
            let mut rest = text;
            while let Some(i) = rest.find(pat) {
                rest = &rest[i + pat.len()..];
                if let Some(end) = rest.find('"') {
                    keys.push(rest[..end].to_string());
                }
            }
        }
        keys
    }

    #[test]
    fn placeholders_are_filled() {
        assert!(tf(Lang::En, "err.field", &[&"mobile", &"bad"]).contains("mobile"));
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
    }
}
