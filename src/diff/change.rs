//! What a change is: its kind (who it breaks, whether it adds API) and where it is.

use wit_bindgen_core::wit_parser::Stability;

use super::pairing::{Pairing, unversioned};
use crate::lint::rule::Rule;
use crate::workspace::{Item, ItemPath, Location, Workspace, unversioned_name};

/// A kind of change between two versions: one file in `kinds/`.
pub struct ChangeKind {
    /// The rule its findings report under: its id (kebab-case and stable: configs,
    /// baselines and SARIF name it), default level, summary and explanation in Markdown
    /// (what it is and why it breaks whom it breaks).
    pub rule: Rule,
    /// Whether a component that calls the item, built against the old version, fails
    /// against a provider of the new one.
    pub breaks_importers: bool,
    /// Whether a component that provides the item, built against the old version, fails
    /// where the new one is expected.
    pub breaks_exporters: bool,
    /// The default verdict's question, WASI's and `wasm-tools component semver-check`'s:
    /// does a component built against the old version stop working against the new one,
    /// or code calling the old version stop compiling? What breaks callers does, and so
    /// does a new world export (the component built for the world lacks it); what only
    /// implementations of an interface must add (a host implements a new function) does
    /// not: that is a note, and minor.
    pub breaks_components: bool,
    /// Whether it adds API (a minor bump when it breaks no one who counts).
    pub adds_api: bool,
    /// Whether it breaks a versioning convention (a `@since` that changed or that is not
    /// the release adding the item): an error whatever the bump.
    pub convention: bool,
    /// Where release notes list it; `None` for what is not news (a broken convention).
    pub section: Option<Section>,
    pub detect: fn(&Pairing<'_>, &mut Vec<Change>),
}

impl ChangeKind {
    pub fn id(&self) -> &'static str {
        self.rule.id
    }
}

/// The sections of release notes, in their order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Added,
    Changed,
    Deprecated,
    Removed,
}

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::Added => "Added",
            Section::Changed => "Changed",
            Section::Deprecated => "Deprecated",
            Section::Removed => "Removed",
        }
    }
}

/// One difference between the two versions.
pub struct Change {
    pub kind: &'static ChangeKind,
    /// The item's path without versions: the same on both sides.
    pub key: String,
    /// The item as the new version names it, else as the old one did.
    pub path: ItemPath,
    pub old: Option<Location>,
    pub new: Option<Location>,
    pub message: String,
    /// The item is `@unstable` (in the new version, or in the old one when it is gone), or
    /// inside an item that is: not API yet, so no release owes anything for it.
    pub unstable: bool,
    /// `namespace:name` of the dependency the item is in; `None` for the root's items.
    pub dependency: Option<String>,
}

impl Change {
    /// A change about an item that exists on one side or both.
    pub fn new(
        kind: &'static ChangeKind,
        pairing: &Pairing<'_>,
        old: Option<&Item>,
        new: Option<&Item>,
        message: String,
    ) -> Change {
        let item = new.or(old).expect("an item on one side");
        let unstable = match (new, old) {
            (Some(i), _) => is_unstable(pairing.new, i, &pairing.features),
            (None, Some(i)) => is_unstable(pairing.old, i, &pairing.features),
            (None, None) => false,
        };
        let ws = if new.is_some() {
            pairing.new
        } else {
            pairing.old
        };
        let dependency = (!ws.is_root(item.package))
            .then(|| unversioned_name(&ws.resolve.packages[item.package].name));
        Change {
            kind,
            dependency,
            key: unversioned(item.path.as_str()),
            path: item.path.clone(),
            old: old.and_then(|i| place(pairing.old, i)),
            new: new.and_then(|i| place(pairing.new, i)),
            message,
            unstable,
        }
    }
}

/// Where an item is written; for a world's import that is not (an include or another
/// import implies it), its world.
fn place(ws: &Workspace, item: &Item) -> Option<Location> {
    ws.locate(item.span).or_else(|| {
        item.parent
            .filter(|_| item.implied)
            .and_then(|p| ws.locate(ws.index().get(p).span))
    })
}

/// Whether the item or one of its containers is `@unstable` with a feature not in
/// `features`.
fn is_unstable(ws: &Workspace, item: &Item, features: &[String]) -> bool {
    std::iter::once(item).chain(ws.index().ancestors(item)).any(
        |i| matches!(i.gate(), Stability::Unstable { feature, .. } if !features.contains(feature)),
    )
}
