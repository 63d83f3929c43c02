//! Dependencies compared too: a package under `deps/` present in both versions is matched
//! item by item like the root, and each of its changes is reported once, attributed to the
//! root's items that use what changed (an interface that `use`s its types, a world that
//! imports or exports it). A change nothing of the root uses is the dependency's business.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;
use wit_bindgen_core::wit_parser::{InterfaceId, Type, TypeDefKind, TypeOwner, WorldItem};

use super::change::Change;
use super::pairing::unversioned;
use crate::workspace::Workspace;

/// For each interface of a dependency, the root's items that use it (without versions).
fn users(ws: &Workspace, into: &mut FxHashMap<String, BTreeSet<String>>) {
    let index = ws.index();
    let path_of = |id: InterfaceId| index.of_interface(id).map(|i| unversioned(i.path.as_str()));
    let mut add = |dep: InterfaceId, user: Option<String>| {
        let foreign = ws.resolve.interfaces[dep]
            .package
            .is_some_and(|p| !ws.is_root(p));
        if let (true, Some(dep), Some(user)) = (foreign, path_of(dep), user) {
            into.entry(dep).or_default().insert(user);
        }
    };
    // A `use` is a type alias of a type owned by the other interface.
    let used_interface = |ty: wit_bindgen_core::wit_parser::TypeId| match ws.resolve.types[ty].kind
    {
        TypeDefKind::Type(Type::Id(other)) => match ws.resolve.types[other].owner {
            TypeOwner::Interface(i) => Some(i),
            _ => None,
        },
        _ => None,
    };
    for &root in &ws.roots {
        let package = &ws.resolve.packages[root];
        for &iface in package.interfaces.values() {
            let user = path_of(iface);
            for &ty in ws.resolve.interfaces[iface].types.values() {
                if let Some(dep) = used_interface(ty) {
                    add(dep, user.clone());
                }
            }
        }
        for &world in package.worlds.values() {
            let user = index.of_world(world).map(|i| unversioned(i.path.as_str()));
            let w = &ws.resolve.worlds[world];
            for item in w.imports.values().chain(w.exports.values()) {
                match item {
                    WorldItem::Interface { id, .. } => add(*id, user.clone()),
                    WorldItem::Type { id, .. } => {
                        if let Some(dep) = used_interface(*id) {
                            add(dep, user.clone());
                        }
                    }
                    WorldItem::Function(_) => {}
                }
            }
        }
    }
}

/// Keeps the changes of dependencies that the root uses, each saying who uses it; drops
/// the others, and what is not the root's news (a dependency's broken `@since`
/// convention, its reworded docs).
pub(super) fn attribute(old: &Workspace, new: &Workspace, changes: &mut Vec<Change>) {
    if !changes.iter().any(|c| c.dependency.is_some()) {
        return;
    }
    let mut by_interface = FxHashMap::default();
    users(old, &mut by_interface);
    users(new, &mut by_interface);
    changes.retain_mut(|c| {
        let Some(dependency) = &c.dependency else {
            return true;
        };
        if c.kind.convention || c.kind.id() == "docs-changed" {
            return false;
        }
        let interface = crate::workspace::item::container_of(&c.key);
        let Some(users) = by_interface.get(interface) else {
            return false;
        };
        let names: Vec<String> = users.iter().map(|u| format!("`{u}`")).collect();
        c.message = format!(
            "{} (in the dependency `{dependency}`, used by {})",
            c.message,
            names.join(", ")
        );
        true
    });
}
