//! `deps.toml` and `deps.lock`, the manifests wit-deps keeps beside `deps/`.
//!
//! Both are read leniently: a manifest that is not valid TOML becomes a load problem of the
//! `deps` rules, never a failure of the whole check.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::{Spanned, Value};

/// One dependency as declared in `deps.toml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManifestEntry {
    pub name: String,
    pub url: Option<String>,
    pub path: Option<String>,
    /// A digest in the manifest itself pins the contents whatever the URL follows.
    pub has_digest: bool,
    /// Byte range of the entry's value in the file.
    pub span: Range<usize>,
}

/// One dependency as recorded in `deps.lock`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockEntry {
    pub name: String,
    pub url: Option<String>,
    pub path: Option<String>,
    /// Names of the transitive dependencies this entry brought in.
    pub deps: Vec<String>,
    pub span: Range<usize>,
}

/// `deps.toml` or `deps.lock` as read, with the file it came from.
#[derive(Clone, Debug, Default)]
pub struct Manifest<E> {
    /// Display path of the file.
    pub file: String,
    pub entries: Vec<E>,
}

/// Why a manifest could not be read.
#[derive(Clone, Debug)]
pub struct ManifestError {
    pub file: String,
    pub message: String,
    pub span: Option<Range<usize>>,
}

fn parse_table(file: &str, text: &str) -> Result<BTreeMap<String, Spanned<Value>>, ManifestError> {
    toml::from_str(text).map_err(|e| ManifestError {
        file: file.to_string(),
        message: e.message().to_string(),
        span: e.span(),
    })
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

/// Parses `deps.toml`: `name = "url"` or `name = { url = "…", sha256 = "…" }` / `{ path = "…" }`.
pub fn parse_deps_toml(file: &str, text: &str) -> Result<Manifest<ManifestEntry>, ManifestError> {
    let table = parse_table(file, text)?;
    let entries = table
        .into_iter()
        .map(|(name, value)| {
            let span = value.span();
            let value = value.into_inner();
            match &value {
                Value::String(url) => ManifestEntry {
                    name,
                    url: Some(url.clone()),
                    path: None,
                    has_digest: false,
                    span,
                },
                other => ManifestEntry {
                    name,
                    url: str_field(other, "url"),
                    path: str_field(other, "path"),
                    has_digest: other.get("sha256").is_some() || other.get("sha512").is_some(),
                    span,
                },
            }
        })
        .collect();
    Ok(Manifest {
        file: file.to_string(),
        entries,
    })
}

/// Parses `deps.lock`: a table per dependency with `url`/`path`, digests and `deps = [..]`.
pub fn parse_deps_lock(file: &str, text: &str) -> Result<Manifest<LockEntry>, ManifestError> {
    let table = parse_table(file, text)?;
    let entries = table
        .into_iter()
        .map(|(name, value)| {
            let span = value.span();
            let value = value.into_inner();
            let deps = value
                .get("deps")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            LockEntry {
                name,
                url: str_field(&value, "url"),
                path: str_field(&value, "path"),
                deps,
                span,
            }
        })
        .collect();
    Ok(Manifest {
        file: file.to_string(),
        entries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_manifest_shapes() {
        let m = parse_deps_toml(
            "deps.toml",
            "io = \"https://x/archive/v0.2.2.tar.gz\"\nkv = { url = \"https://y/main.tar.gz\", sha256 = \"ab\" }\nlocal = { path = \"../wit\" }\n",
        )
        .unwrap();
        let names: Vec<_> = m.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["io", "kv", "local"]);
        assert!(m.entries[1].has_digest);
        assert_eq!(m.entries[2].path.as_deref(), Some("../wit"));
    }

    #[test]
    fn lock_lists_transitive_deps() {
        let l = parse_deps_lock("deps.lock", "[http]\nurl = \"u\"\nsha256 = \"a\"\ndeps = [\"cli\", \"io\"]\n\n[io]\nsha256 = \"b\"\n").unwrap();
        assert_eq!(l.entries[0].deps, ["cli", "io"]);
        assert_eq!(l.entries[1].url, None);
    }

    #[test]
    fn bad_toml_is_located() {
        let e = parse_deps_toml("deps.toml", "io = \n").unwrap_err();
        assert!(e.span.is_some());
    }
}
