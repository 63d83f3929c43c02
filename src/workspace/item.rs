//! Stable identities for WIT items.
//!
//! An [`ItemPath`] names an item the way a reader would (`wasi:keyvalue/store@0.2.0-draft2#bucket.get`).
//! Baselines, SARIF fingerprints and doc anchors key on it, never on line numbers, so they survive edits.

use std::fmt;
use std::hash::{Hash, Hasher};

use serde::Serialize;
use wit_bindgen_core::wit_parser::PackageName;

/// `namespace:name` of a package, without its version: how the versions of one package
/// are matched (`witlint diff`) and how it is titled (`witlint build`).
pub fn unversioned_name(name: &PackageName) -> String {
    [name.namespace.as_str(), ":", name.name.as_str()].concat()
}

/// The stable name of a WIT item.
///
/// Grammar: `ns:pkg[/container][@version][#member[.member]*[(param)]]`, where
/// `container` is an interface or world and members are types, functions,
/// resource methods, fields, cases, flags or world items (`import.NAME`,
/// `export.NAME`). Items that are not WIT (a `deps.toml` entry) use
/// `FILE#key`.
#[derive(Clone, Debug)]
pub struct ItemPath {
    text: String,
    /// The byte range of [`ItemPath::leaf`], found once: rules ask for the leaf of every
    /// item they report.
    leaf: (u32, u32),
}

impl ItemPath {
    /// `ns:pkg@version`
    pub fn package(name: &PackageName) -> Self {
        ItemPath::from(name.to_string())
    }

    /// `ns:pkg/container@version`
    pub fn container(name: &PackageName, container: &str) -> Self {
        let mut s = [name.namespace.as_str(), ":", &name.name, "/", container].concat();
        if let Some(v) = &name.version {
            use std::fmt::Write as _;
            let _ = write!(s, "@{v}");
        }
        ItemPath::from(s)
    }

    /// A path for something that is not a WIT item, such as an entry of `deps.toml`.
    pub fn file(file: &str, key: &str) -> Self {
        ItemPath::from(format!("{file}#{key}"))
    }

    /// A path for one line's finding that is not about a WIT item (trailing whitespace, an
    /// indent): `FILE#what(HASH)`, with a hash of the line's text, so a baseline entry
    /// keeps to its line (wherever the line moves) and does not hide the file's others.
    pub fn line(file: &str, what: &str, line: &str) -> Self {
        use sha2::{Digest, Sha256};
        let hash = Sha256::digest(line.trim().as_bytes());
        let short: String = hash[..4].iter().map(|b| format!("{b:02x}")).collect();
        ItemPath::file(file, &format!("{what}({short})"))
    }

    /// The path of a member of this item: `#seg` for the first member, `.seg` after.
    pub fn member(&self, seg: &str) -> Self {
        let hash = self.text.rfind('#');
        let mut text = String::with_capacity(self.text.len() + 1 + seg.len());
        text.push_str(&self.text);
        text.push(if hash.is_some() { '.' } else { '#' });
        let seg_start = text.len();
        text.push_str(seg);
        // As `From` finds it, knowing where the members and the new segment start.
        let members = hash.map_or(seg_start, |at| at + 1);
        let leaf_start = if is_world_item(&text[members..]) {
            members
        } else {
            seg_start + after_last(seg, b'.')
        };
        ItemPath {
            leaf: (leaf_start as u32, text.len() as u32),
            text,
        }
    }

    /// The path of a function a world imports or exports by name: `…#import.name`,
    /// `…#export.name`. Imports and exports are separate namespaces (and a world's types
    /// share the imports'), so the direction is part of the path.
    pub fn world_function(&self, export: bool, name: &str) -> Self {
        let direction = if export { "export." } else { "import." };
        self.member(&[direction, name].concat())
    }

    /// The path of a function parameter: `…#func(param)`.
    pub fn param(&self, name: &str) -> Self {
        let text = [self.text.as_str(), "(", name, ")"].concat();
        // The leaf is the function's, with the parameter: `get(key)`.
        ItemPath {
            leaf: (self.leaf.0, text.len() as u32),
            text,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The short name: `get` for `…#bucket.get`, `store` for `wasi:keyvalue/store@0.2.0`.
    pub fn leaf(&self) -> &str {
        &self.text[self.leaf.0 as usize..self.leaf.1 as usize]
    }

    /// The item's own name, without the resource or type it belongs to: `get` for
    /// `…#bucket.get`, `gone` for `…#error.gone`.
    pub fn name(&self) -> &str {
        let leaf = self.leaf();
        if is_world_item(leaf) {
            return leaf;
        }
        &leaf[after_last(leaf, b'.')..]
    }

    /// The package or container the path is in: `ns:pkg/iface@1.0.0` for
    /// `ns:pkg/iface@1.0.0#a.b`, the whole path for a package or container.
    pub fn container_part(&self) -> &str {
        container_of(&self.text)
    }

    /// The members after the container: `a.b` for `…#a.b`; empty for a container.
    pub fn members(&self) -> &str {
        members_of(&self.text)
    }

    /// The container without the package's version: `ns:pkg/iface`.
    pub fn unversioned_container(&self) -> &str {
        let container = self.container_part();
        container.split_once('@').map_or(container, |(c, _)| c)
    }

    /// The version of the package the path names, if it has one.
    pub fn version(&self) -> Option<&str> {
        self.container_part().split_once('@').map(|(_, v)| v)
    }
}

/// The container part of an item path's text (see [`ItemPath::container_part`]), for
/// keys kept as text, such as diff's paths without versions.
pub fn container_of(path: &str) -> &str {
    path.split_once('#').map_or(path, |(c, _)| c)
}

/// The members part of an item path's text (see [`ItemPath::members`]).
pub fn members_of(path: &str) -> &str {
    path.split_once('#').map_or("", |(_, m)| m)
}

/// Where `text` continues after the last `sep`; 0 without one.
fn after_last(text: &str, sep: u8) -> usize {
    text.bytes().rposition(|b| b == sep).map_or(0, |at| at + 1)
}

/// World items named by what they import or export keep the whole name as their leaf.
fn is_world_item(members: &str) -> bool {
    members.starts_with("import(")
        || members.starts_with("export(")
        || members.starts_with("include(")
}

/// Paths compare, hash and serialize as their text (maps keyed by them are looked up with
/// a `&str`).
impl PartialEq for ItemPath {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for ItemPath {}

impl PartialOrd for ItemPath {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ItemPath {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.text.cmp(&other.text)
    }
}

impl Hash for ItemPath {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state)
    }
}

impl Serialize for ItemPath {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl fmt::Display for ItemPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::borrow::Borrow<str> for ItemPath {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for ItemPath {
    fn from(text: String) -> Self {
        let members = after_last(&text, b'#');
        let leaf = if members == 0 {
            let unversioned = text.bytes().position(|b| b == b'@').unwrap_or(text.len());
            (after_last(&text[..unversioned], b'/'), unversioned)
        } else if is_world_item(&text[members..]) {
            (members, text.len())
        } else {
            (members + after_last(&text[members..], b'.'), text.len())
        };
        ItemPath {
            leaf: (leaf.0 as u32, leaf.1 as u32),
            text,
        }
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
        // Built directly, a parameter's path reads as one parsed from its text.
        let key = get.param("key");
        assert_eq!(key.leaf(), "get(key)");
        assert_eq!(key.leaf(), ItemPath::from(key.as_str().to_string()).leaf());
        let world_fn = ItemPath::container(&name(None), "imports").world_function(false, "run");
        let arg = world_fn.param("arg");
        assert_eq!(arg.leaf(), ItemPath::from(arg.as_str().to_string()).leaf());
        assert_eq!(store.leaf(), "store");
        assert_eq!(ItemPath::package(&name(None)).as_str(), "wasi:keyvalue");
    }

    #[test]
    fn parts_of_a_path() {
        let get = ItemPath::from("wasi:keyvalue/store@0.2.0-draft2#bucket.get".to_string());
        assert_eq!(get.container_part(), "wasi:keyvalue/store@0.2.0-draft2");
        assert_eq!(get.unversioned_container(), "wasi:keyvalue/store");
        assert_eq!(get.version(), Some("0.2.0-draft2"));
        assert_eq!(get.members(), "bucket.get");
        assert_eq!(get.name(), "get");
        let store = ItemPath::from("wasi:keyvalue/store".to_string());
        assert_eq!(
            (store.container_part(), store.members(), store.version()),
            ("wasi:keyvalue/store", "", None)
        );
        let import = ItemPath::from("wasi:x/w@0.1.0#import(wasi:io/streams@0.2.0)".to_string());
        assert_eq!(import.name(), "import(wasi:io/streams@0.2.0)");
        assert_eq!(import.version(), Some("0.1.0"));
    }

    #[test]
    fn leaves_of_every_shape() {
        let leaf = |path: &str| ItemPath::from(path.to_string()).leaf().to_string();
        assert_eq!(leaf("wasi:keyvalue@0.2.0"), "wasi:keyvalue");
        assert_eq!(leaf("wasi:keyvalue/store"), "store");
        assert_eq!(leaf("wasi:keyvalue/store#error"), "error");
        assert_eq!(leaf("wasi:keyvalue/store@0.2.0#error.other"), "other");
        assert_eq!(
            leaf("wasi:x/w@0.1.0#import(wasi:io/streams@0.2.0)"),
            "import(wasi:io/streams@0.2.0)"
        );
        assert_eq!(leaf("wit/deps.toml#io"), "io");
    }

    #[test]
    fn built_paths_know_the_leaf_their_text_has() {
        let store = ItemPath::container(&name(Some("0.2.0")), "store");
        let world_item = ItemPath::from("wasi:x/w#import(wasi:io/streams@0.2.0)".to_string());
        for path in [
            store.clone(),
            store.member("bucket"),
            store.member("bucket").member("get"),
            store.member("a.b").member("c.d"),
            store.member("import(wasi:io/poll)"),
            world_item.member("f"),
            ItemPath::package(&name(Some("1.0.0"))),
        ] {
            let reparsed = ItemPath::from(path.as_str().to_string());
            assert_eq!(path.leaf(), reparsed.leaf(), "{path}");
            assert_eq!(path, reparsed);
        }
    }
}
