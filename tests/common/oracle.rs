//! wit-component's semver check as the oracle of `witlint diff`: what witlint says breaks a
//! component built for a world, to compare with what the check says.

use wit_bindgen_core::wit_parser::{WorldId, WorldItem, WorldKey};
use witlint::diff;
use witlint::workspace::Workspace;

/// The interfaces a world imports and exports, its elaborated ones too, by path without
/// versions.
pub fn world_interfaces(ws: &Workspace, world: WorldId) -> (Vec<String>, Vec<String>) {
    let w = &ws.resolve.worlds[world];
    let names = |items: &indexmap::IndexMap<WorldKey, WorldItem>| {
        items
            .values()
            .filter_map(|item| match item {
                WorldItem::Interface { id, .. } => ws.index().of_interface(*id),
                _ => None,
            })
            .map(|i| diff::unversioned(i.path.as_str()))
            .collect()
    };
    (names(&w.imports), names(&w.exports))
}

/// The changes that break a component built for `old_world` when it runs as `new_world`:
/// what its world's statements lose or gain, and what changes in the interfaces it
/// imports (for callers) or exports (for providers). `@unstable` items count: the
/// resolves hold them, as wit-component sees them.
pub fn breaking_for_a_component(
    old: &Workspace,
    old_world: WorldId,
    new: &Workspace,
    new_world: WorldId,
) -> Vec<diff::Change> {
    let (imports, exports) = world_interfaces(old, old_world);
    let in_any = |list: &[String], key: &str| {
        let container = key.split('#').next().unwrap_or(key);
        list.iter().any(|i| i == container)
    };
    let mut breaking: Vec<diff::Change> = diff::compare_worlds(old, old_world, new, new_world)
        .into_iter()
        .filter(|c| {
            (c.key.contains("#import") && c.kind.breaks_importers)
                || (c.key.contains("#export") && c.kind.breaks_exporters)
        })
        .collect();
    breaking.extend(diff::compare(old, new).into_iter().filter(|c| {
        (in_any(&imports, &c.key) && c.kind.breaks_importers)
            || (in_any(&exports, &c.key) && c.kind.breaks_exporters)
    }));
    breaking
}
