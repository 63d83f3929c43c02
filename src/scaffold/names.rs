//! Names in generated code: unique Rust names in a scope, valid crate names, doc lines.

use std::collections::HashSet;
use std::path::Path;

use wit_bindgen_core::wit_parser::Docs;

use super::rust_types;

/// Doc comment lines, without the `///`.
pub fn doc_lines(docs: &Docs) -> Vec<String> {
    docs.contents
        .as_deref()
        .map(|d| d.trim().lines().map(str::to_string).collect())
        .unwrap_or_default()
}

/// Unique Rust names in one scope: each item takes the first of its candidates that is free.
#[derive(Default)]
pub struct Names {
    taken: HashSet<String>,
}

impl Names {
    pub fn claim(&mut self, candidates: &[String]) -> String {
        for c in candidates {
            if self.taken.insert(c.clone()) {
                return c.clone();
            }
        }
        let base = candidates.last().cloned().unwrap_or_default();
        (2..)
            .map(|n| format!("{base}{n}"))
            .find(|c| self.taken.insert(c.clone()))
            .expect("an unbounded range has a free name")
    }
}

/// Names cargo refuses for a package, or that shadow a crate every build links.
const RESERVED: &[&str] = &[
    "alloc",
    "core",
    "proc-macro",
    "proc_macro",
    "std",
    "test",
    "self",
    "super",
    "crate",
    "Self",
];

/// Why `name` cannot be a crate name (and the folder it is written to), if it cannot.
pub fn invalid_crate_name(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("the crate name is empty".into());
    }
    if name.contains(['/', '\\']) || name.starts_with('.') || Path::new(name).is_absolute() {
        return Some(format!(
            "`{name}` is a path, not a crate name: the crate would land outside --out"
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Some(format!(
            "`{name}` has `{c}`; a crate name has only letters, digits, `-` and `_`"
        ));
    }
    // Cargo wants a letter or `_` first (`-x` is also taken for an option).
    if !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        return Some(format!("`{name}` does not start with a letter or `_`"));
    }
    let ident = name.replace('-', "_").to_lowercase();
    if RESERVED.contains(&name) || rust_types::rust_ident(&ident) == format!("{ident}_") {
        return Some(format!(
            "`{name}` is a Rust keyword or a reserved crate name"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_names() {
        for ok in ["redis-kv", "kv_backend", "a1", "Upper", "kvBackend"] {
            assert_eq!(invalid_crate_name(ok), None, "{ok}");
        }
        for bad in [
            "", "../x", "/abs", "a/b", ".hidden", "1st", "fn", "test", "a b", "x.y", "-x", "--x",
        ] {
            assert!(invalid_crate_name(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn names_fall_back_to_longer_candidates() {
        let mut n = Names::default();
        assert_eq!(n.claim(&["Error".into(), "StoreError".into()]), "Error");
        assert_eq!(
            n.claim(&["Error".into(), "StoreError".into()]),
            "StoreError"
        );
        assert_eq!(
            n.claim(&["Error".into(), "StoreError".into()]),
            "StoreError2"
        );
    }
}
