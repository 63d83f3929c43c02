//! `witlint diff`'s engine: two workspaces matched item by item on their [`ItemPath`]s
//! without versions, each difference a [`Change`] of a kind from [`kinds`] (one file per
//! kind, like the lint rules), and the version bump the changes require.
//!
//! [`ItemPath`]: crate::workspace::ItemPath

mod bump;
mod change;
mod dependencies;
mod detect;
mod judgement;
mod migration;
mod notes;
mod pairing;
mod revision;
mod types;
mod verdict;

pub mod kinds;

pub use bump::{Bump, Perspective, actual_bump, required_bump};
pub use change::{Change, ChangeKind, Section};
pub use judgement::{Judge, Judgement, Reported};
pub use migration::migration_map;
pub use notes::release_notes;
pub use pairing::{Pairing, unversioned};
pub use revision::read_revision;
pub use verdict::{VERSION_BUMP_INSUFFICIENT, Verdict, root_package};

use wit_bindgen_core::wit_parser::WorldId;

use crate::workspace::Workspace;

/// Every change from `old` to `new`, in the order of their paths.
pub fn compare(old: &Workspace, new: &Workspace) -> Vec<Change> {
    compare_with_features(old, new, &[])
}

/// [`compare`], with the items of these `@unstable` features counted as API (as consumers
/// that enable them see it).
pub fn compare_with_features(old: &Workspace, new: &Workspace, features: &[String]) -> Vec<Change> {
    let mut pairing = Pairing::of(old, new, None);
    pairing.features = features.to_vec();
    changes_of(&pairing)
}

/// Every change between the two versions a pairing matches ([`Pairing::of`]: a renamed
/// package's old name is its new one; [`Pairing::features`] count as API). The caller
/// keeps the pairing for what else it reads of the two versions (the migration map).
pub fn compare_paired(pairing: &Pairing<'_>) -> Vec<Change> {
    changes_of(pairing)
}

/// Every change from one world to another: what a component built for `old_world` meets
/// in `new_world`.
pub fn compare_worlds(
    old: &Workspace,
    old_world: WorldId,
    new: &Workspace,
    new_world: WorldId,
) -> Vec<Change> {
    changes_of(&Pairing::of_worlds(old, old_world, new, new_world))
}

fn changes_of(pairing: &Pairing<'_>) -> Vec<Change> {
    let mut changes = Vec::new();
    for kind in kinds::ALL {
        (kind.detect)(pairing, &mut changes);
    }
    dependencies::attribute(pairing.old, pairing.new, &mut changes);
    changes.sort_by(|a, b| (&a.key, a.kind.id()).cmp(&(&b.key, b.kind.id())));
    changes
}
