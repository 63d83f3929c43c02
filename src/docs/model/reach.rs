//! What a world's page shows: the interfaces the world reaches and their packages, and
//! the model of just those.

use rustc_hash::FxHashSet;
use wit_bindgen_core::wit_parser::{InterfaceId, PackageId, WorldId, WorldItem};

use super::DocModel;
use super::build::build_filtered;
use crate::workspace::Workspace;

/// The model for one world's docs: the input's packages, and with `with_deps` the
/// interfaces the world imports or exports of other packages (not their other interfaces
/// or their worlds, which its page does not show). Items have a [`Source`](super::Source) only
/// `with_sources`: finding each item's line costs more than the rest of its model.
pub fn build_for_world(
    ws: &Workspace,
    world: WorldId,
    with_deps: bool,
    with_sources: bool,
) -> DocModel {
    let reached = reached_interfaces(ws, world);
    let packages = packages_of(ws, &reached);
    build_filtered(
        ws,
        &|id| ws.roots.contains(&id) || (with_deps && packages.contains(&id)),
        Some(&|id| reached.contains(&id)),
        with_sources,
    )
}

/// The interfaces a world imports or exports (after elaboration, so with everything
/// their types refer to).
fn reached_interfaces(ws: &Workspace, world: WorldId) -> FxHashSet<InterfaceId> {
    let w = &ws.resolve.worlds[world];
    w.imports
        .values()
        .chain(w.exports.values())
        .filter_map(|item| match item {
            WorldItem::Interface { id, .. } => Some(*id),
            _ => None,
        })
        .collect()
}

fn packages_of(ws: &Workspace, interfaces: &FxHashSet<InterfaceId>) -> FxHashSet<PackageId> {
    interfaces
        .iter()
        .filter_map(|&id| ws.resolve.interfaces[id].package)
        .collect()
}

/// The packages a world's docs can show or link to: the input's own and those of the
/// interfaces the world reaches.
pub fn world_packages(ws: &Workspace, world: WorldId) -> FxHashSet<PackageId> {
    let mut packages = packages_of(ws, &reached_interfaces(ws, world));
    packages.extend(ws.roots.iter().copied());
    packages
}
