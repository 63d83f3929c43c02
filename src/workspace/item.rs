//! Stable identities for WIT items.
//!
//! An [`ItemPath`] names an item the way a reader would (`wasi:keyvalue/store@0.2.0-draft2#bucket.get`).
//! Baselines, SARIF fingerprints and doc anchors key on it, never on line numbers, so they survive edits.

use std::fmt;

use serde::Serialize;
use wit_bindgen_core::wit_parser::PackageName;

/// The stable name of a WIT item.
///
/// Grammar: `ns:pkg[/container][@version][#member[.member]*[(param)]]`, where
/// `container` is an interface or world and members are types, functions,
/// resource methods, fields, cases, flags or world items (`import.NAME`,
/// `export.NAME`). Items that are not WIT (a `deps.toml` entry) use
/// `FILE#key`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct ItemPath(String);

impl ItemPath {
    /// `ns:pkg@version`
    pub fn package(name: &PackageName) -> Self {
        ItemPath(name.to_string())
    }

    /// `ns:pkg/container@version`
    pub fn container(name: &PackageName, container: &str) -> Self {
        let mut s = format!("{}:{}/{}", name.namespace, name.name, container);
        if let Some(v) = &name.version {
            s.push('@');
            s.push_str(&v.to_string());
        }
        ItemPath(s)
    }

    /// A path for something that is not a WIT item, such as an entry of `deps.toml`.
    pub fn file(file: &str, key: &str) -> Self {
        ItemPath(format!("{file}#{key}"))
    }

    /// The path of a member of this item: `#seg` for the first member, `.seg` after.
    pub fn member(&self, seg: &str) -> Self {
        let sep = if self.0.contains('#') { '.' } else { '#' };
        ItemPath(format!("{}{sep}{seg}", self.0))
    }

    /// The path of a function parameter: `…#func(param)`.
    pub fn param(&self, name: &str) -> Self {
        ItemPath(format!("{}({name})", self.0))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The short name: `get` for `…#bucket.get`, `store` for `wasi:keyvalue/store@0.2.0`.
    pub fn leaf(&self) -> &str {
        match self.0.rsplit_once('#') {
            Some((_, tail)) if !tail.starts_with("import(") && !tail.starts_with("export(") => {
                tail.rsplit_once('.').map_or(tail, |(_, t)| t)
            }
            Some((_, tail)) => tail,
            None => {
                let unversioned = self.0.split('@').next().unwrap_or(&self.0);
                unversioned.rsplit_once('/').map_or(unversioned, |(_, t)| t)
            }
        }
    }
}

impl fmt::Display for ItemPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Maps keyed by [`ItemPath`] can be looked up with a `&str`.
impl std::borrow::Borrow<str> for ItemPath {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for ItemPath {
    fn from(s: String) -> Self {
        ItemPath(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(v: Option<&str>) -> PackageName {
        PackageName {
            namespace: "wasi".into(),
            name: "keyvalue".into(),
            version: v.map(|v| v.parse().unwrap()),
        }
    }

    #[test]
    fn paths_read_like_wit() {
        let store = ItemPath::container(&name(Some("0.2.0-draft2")), "store");
        assert_eq!(store.as_str(), "wasi:keyvalue/store@0.2.0-draft2");
        let get = store.member("bucket").member("get");
        assert_eq!(get.as_str(), "wasi:keyvalue/store@0.2.0-draft2#bucket.get");
        assert_eq!(
            get.param("key").as_str(),
            "wasi:keyvalue/store@0.2.0-draft2#bucket.get(key)"
        );
        assert_eq!(get.leaf(), "get");
        assert_eq!(store.leaf(), "store");
        assert_eq!(ItemPath::package(&name(None)).as_str(), "wasi:keyvalue");
    }
}
