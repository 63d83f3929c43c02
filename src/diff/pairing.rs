//! Matching the items of two versions: the same path without versions is the same item,
//! wherever it is written and in whatever order.

use rustc_hash::{FxHashMap, FxHashSet};

use wit_bindgen_core::wit_parser::{PackageId, WorldId};

use crate::workspace::{Item, ItemKind, Workspace, unversioned_name};

/// The items of the packages being compared (the roots), matched between versions.
pub struct Pairing<'a> {
    pub old: &'a Workspace,
    pub new: &'a Workspace,
    /// Only in the old version, in its order.
    pub removed: Vec<&'a Item>,
    /// Only in the new version, in its order.
    pub added: Vec<&'a Item>,
    /// In both, in the new version's order.
    pub matched: Vec<(&'a Item, &'a Item)>,
    /// The `@unstable` features whose items count as API, as the consumers enable them.
    pub features: Vec<String>,
}

impl<'a> Pairing<'a> {
    /// The items of the root packages, and of the dependencies both versions have; with
    /// `rename` (`(old, new)` package names), the old name's items are the new name's.
    pub fn of(old: &'a Workspace, new: &'a Workspace, rename: Option<(&str, &str)>) -> Pairing<'a> {
        let shared = shared_dependencies(old, new);
        let mut old_items = compared_items(old, &shared);
        if let Some((from, to)) = rename {
            for (key, _) in &mut old_items {
                *key = renamed(key, from, to);
            }
        }
        Pairing::matching(old, new, old_items, compared_items(new, &shared))
    }

    /// The items of two worlds (of one workspace or two), matched by their place in their
    /// world: `import.a` of one is `import.a` of the other.
    pub fn of_worlds(
        old: &'a Workspace,
        old_world: WorldId,
        new: &'a Workspace,
        new_world: WorldId,
    ) -> Pairing<'a> {
        Pairing::matching(
            old,
            new,
            world_items(old, old_world),
            world_items(new, new_world),
        )
    }

    fn matching(
        old: &'a Workspace,
        new: &'a Workspace,
        mut old_items: Vec<(String, &'a Item)>,
        mut new_items: Vec<(String, &'a Item)>,
    ) -> Pairing<'a> {
        // Paths without versions pair `wasi:io/streams@0.2.0` with `@0.2.3`; a name one
        // side reaches at two versions (`import my:dep/a@0.1.0` beside `@0.2.0`) is paired
        // version by version instead.
        let mut count: FxHashMap<String, (usize, usize)> = FxHashMap::default();
        for (k, _) in &old_items {
            count.entry(k.clone()).or_default().0 += 1;
        }
        for (k, _) in &new_items {
            count.entry(k.clone()).or_default().1 += 1;
        }
        for (key, item) in old_items.iter_mut().chain(new_items.iter_mut()) {
            if count
                .get(key.as_str())
                .is_some_and(|&(o, n)| o > 1 || n > 1)
            {
                key.push_str(&format!("\u{0}{}", versions_of(item.path.as_str())));
            }
        }
        let old_by_key: FxHashMap<&str, &Item> =
            old_items.iter().map(|(k, i)| (k.as_str(), *i)).collect();
        let new_by_key: FxHashMap<&str, &Item> =
            new_items.iter().map(|(k, i)| (k.as_str(), *i)).collect();
        Pairing {
            old,
            new,
            removed: old_items
                .iter()
                .filter(|(k, _)| !new_by_key.contains_key(k.as_str()))
                .map(|(_, i)| *i)
                .collect(),
            added: new_items
                .iter()
                .filter(|(k, _)| !old_by_key.contains_key(k.as_str()))
                .map(|(_, i)| *i)
                .collect(),
            matched: new_items
                .iter()
                .filter_map(|(k, i)| Some((*old_by_key.get(k.as_str())?, *i)))
                .collect(),
            features: Vec::new(),
        }
    }

    /// The added items of these kinds.
    pub fn added_of(&self, kinds: &'static [ItemKind]) -> impl Iterator<Item = &'a Item> + '_ {
        self.added
            .iter()
            .copied()
            .filter(|i| kinds.contains(&i.kind))
    }

    /// The removed items of these kinds.
    pub fn removed_of(&self, kinds: &'static [ItemKind]) -> impl Iterator<Item = &'a Item> + '_ {
        self.removed
            .iter()
            .copied()
            .filter(|i| kinds.contains(&i.kind))
    }

    /// Whether an added item's container is new too: then the container's change says it.
    pub fn parent_is_added(&self, item: &Item) -> bool {
        self.parent_in(self.new, item, &self.added)
    }

    /// Whether a removed item's container is gone too.
    pub fn parent_is_removed(&self, item: &Item) -> bool {
        self.parent_in(self.old, item, &self.removed)
    }

    fn parent_in(&self, ws: &Workspace, item: &Item, set: &[&Item]) -> bool {
        item.parent
            .map(|p| ws.index().get(p))
            .is_some_and(|parent| set.iter().any(|i| std::ptr::eq(*i, parent)))
    }
}

/// Whether an item is compared: what is written, and a world's imports and exports
/// however they came (an include or another import implies some: they are the world's API
/// as much as written ones), the world as elaborated. Parameters are compared as part of
/// their function.
fn compared(i: &Item) -> bool {
    (!i.implied || i.world_side().is_some())
        // An `include` is compared as what it brings into the world (a `.wasm` has none).
        && !matches!(i.kind, ItemKind::Param | ItemKind::Include)
}

/// The compared items of the root packages and of the `shared` dependencies, keyed by
/// their path without versions.
fn compared_items<'a>(ws: &'a Workspace, shared: &FxHashSet<String>) -> Vec<(String, &'a Item)> {
    ws.index()
        .items
        .iter()
        .filter(|i| (ws.is_root(i.package) || is_shared(ws, i.package, shared)) && compared(i))
        .map(|i| (unversioned(i.path.as_str()), i))
        .collect()
}

/// The compared items inside a world, keyed by their path inside it without versions.
fn world_items(ws: &Workspace, world: WorldId) -> Vec<(String, &Item)> {
    let Some(world_item) = ws.index().of_world(world) else {
        return Vec::new();
    };
    let prefix = world_item.path.as_str();
    ws.index()
        .items
        .iter()
        .filter(|i| compared(i))
        .filter(|i| ws.index().ancestors(i).any(|a| std::ptr::eq(a, world_item)))
        .map(|i| {
            let inside = i
                .path
                .as_str()
                .strip_prefix(prefix)
                .unwrap_or(i.path.as_str());
            (unversioned(inside), i)
        })
        .collect()
}

/// `namespace:name` of a package.
fn name_of(ws: &Workspace, pkg: PackageId) -> String {
    unversioned_name(&ws.resolve.packages[pkg].name)
}

/// The dependencies both versions have, once each (a name with two versions on one side
/// cannot be matched item by item).
fn shared_dependencies(old: &Workspace, new: &Workspace) -> FxHashSet<String> {
    let once = |ws: &Workspace| {
        let mut count: FxHashMap<String, usize> = FxHashMap::default();
        for (id, _) in ws.resolve.packages.iter() {
            *count.entry(name_of(ws, id)).or_default() += 1;
        }
        let roots: FxHashSet<String> = ws.roots.iter().map(|&r| name_of(ws, r)).collect();
        count
            .into_iter()
            .filter(|(name, n)| *n == 1 && !roots.contains(name))
            .map(|(name, _)| name)
            .collect::<FxHashSet<String>>()
    };
    let (a, b) = (once(old), once(new));
    a.intersection(&b).cloned().collect()
}

/// Whether a package of `ws` is one of the shared dependencies.
fn is_shared(ws: &Workspace, pkg: PackageId, shared: &FxHashSet<String>) -> bool {
    !ws.is_root(pkg) && shared.contains(&name_of(ws, pkg))
}

/// `key` (a path without versions) with the package `from` named `to` wherever it names
/// it: the package itself, its items (`from/…`) and world statements naming them.
fn renamed(key: &str, from: &str, to: &str) -> String {
    if key == from {
        return to.to_string();
    }
    let prefix = format!("{from}/");
    let mut out = String::with_capacity(key.len());
    let mut rest = key;
    while let Some(at) = rest.find(&prefix) {
        // Only where a package name starts: the start, or after `(` or `#`.
        let starts = at == 0 || rest[..at].ends_with(['(', '#']);
        out.push_str(&rest[..at]);
        out.push_str(if starts { to } else { from });
        out.push('/');
        rest = &rest[at + prefix.len()..];
    }
    out.push_str(rest);
    out
}

/// The versions a path names, in order (`@0.1.0@0.2.0`): what tells apart two items
/// whose paths differ only in them.
fn versions_of(path: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(at) = rest.find('@') {
        let version = &rest[at..];
        let end = version.find(['#', '/', '(', ')']).unwrap_or(version.len());
        out.push_str(&version[..end]);
        rest = &version[end..];
    }
    out
}

/// A path without the versions of the packages it names: `wasi:clocks/types@0.2.0#duration`
/// is `wasi:clocks/types#duration` in every version.
pub fn unversioned(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    // A version runs from its `@` to the next separator (or the end), which stays.
    while let Some(at) = rest.find('@') {
        out.push_str(&rest[..at]);
        let version = &rest[at..];
        let end = version.find(['#', '/', '(', ')']).unwrap_or(version.len());
        rest = &version[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::unversioned;

    #[test]
    fn a_rename_renames_the_package_wherever_a_path_names_it() {
        use super::renamed;
        assert_eq!(renamed("a:b", "a:b", "c:d"), "c:d");
        assert_eq!(renamed("a:b/i#f", "a:b", "c:d"), "c:d/i#f");
        assert_eq!(
            renamed("a:b/w#import(a:b/i)", "a:b", "c:d"),
            "c:d/w#import(c:d/i)"
        );
        assert_eq!(renamed("x:a:b/i", "a:b", "c:d"), "x:a:b/i");
        assert_eq!(renamed("e:f/i", "a:b", "c:d"), "e:f/i");
    }

    #[test]
    fn versions_leave_paths() {
        assert_eq!(unversioned("wasi:clocks@0.2.0"), "wasi:clocks");
        assert_eq!(
            unversioned("wasi:clocks/types@0.2.0-rc.1#duration"),
            "wasi:clocks/types#duration"
        );
        assert_eq!(
            unversioned("wasi:http/proxy@0.2.0#import(wasi:io/poll@0.2.0)"),
            "wasi:http/proxy#import(wasi:io/poll)"
        );
        assert_eq!(unversioned("a:b/c#res.method(x)"), "a:b/c#res.method(x)");
    }
}
