//! What a world's page shows: the interfaces the world reaches and their packages, and
//! the model of just those.

use rustc_hash::FxHashSet;
use wit_bindgen_core::wit_parser::{InterfaceId, PackageId, WorldId, WorldItem};

use super::DocModel;
use super::build::build_filtered;
use crate::workspace::Workspace;

/// What one world's docs reach.
pub struct Reach {
    /// The interfaces the world imports or exports (after elaboration, so with everything
    /// their types refer to).
    pub interfaces: FxHashSet<InterfaceId>,
    /// The packages its docs can show or link to: the input's own and those of
    /// `interfaces`.
    pub packages: FxHashSet<PackageId>,
}

impl Reach {
    pub fn of(ws: &Workspace, world: WorldId) -> Reach {
        let w = &ws.resolve.worlds[world];
        let interfaces: FxHashSet<InterfaceId> = w
            .imports
            .values()
            .chain(w.exports.values())
            .filter_map(|item| match item {
                WorldItem::Interface { id, .. } => Some(*id),
                _ => None,
            })
            .collect();
        let packages = interfaces
            .iter()
            .filter_map(|&id| ws.resolve.interfaces[id].package)
            .chain(ws.roots.iter().copied())
            .collect();
        Reach {
            interfaces,
            packages,
        }
    }
}

/// The model for one world's docs: the input's packages, and with `with_deps` the
/// interfaces the world imports or exports of other packages (not their other interfaces
/// or their worlds, which its page does not show). Items have a [`Source`](super::Source) only
/// `with_sources`: finding each item's line costs more than the rest of its model.
pub fn build_for_world(
    ws: &Workspace,
    reach: &Reach,
    with_deps: bool,
    with_sources: bool,
) -> DocModel {
    build_filtered(
        ws,
        &|id| ws.roots.contains(&id) || (with_deps && reach.packages.contains(&id)),
        Some(&|id| reach.interfaces.contains(&id)),
        with_sources,
    )
}
