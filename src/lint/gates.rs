//! Feature gates (`@since`, `@unstable`, `@deprecated`) as rules compare them.

use semver::Version;
use wit_bindgen_core::wit_parser::{PackageId, Stability, Type, TypeDefKind, TypeId};

use crate::workspace::{Item, Workspace};

/// The version of a package, if it has one.
pub fn package_version(ws: &Workspace, pkg: PackageId) -> Option<&Version> {
    ws.resolve.packages[pkg].name.version.as_ref()
}

/// A gate as written in WIT.
pub fn describe(s: &Stability) -> String {
    match s {
        Stability::Unknown => "no gate".to_string(),
        Stability::Stable { since, .. } => format!("@since(version = {since})"),
        Stability::Unstable { feature, .. } => format!("@unstable(feature = {feature})"),
    }
}

pub fn deprecated(s: &Stability) -> Option<&Version> {
    match s {
        Stability::Stable { deprecated, .. } | Stability::Unstable { deprecated, .. } => {
            deprecated.as_ref()
        }
        Stability::Unknown => None,
    }
}

/// The gate of a named type, looking through an ungated `use` alias to its definition.
pub fn type_gate(ws: &Workspace, mut id: TypeId) -> &Stability {
    for _ in 0..64 {
        let def = &ws.resolve.types[id];
        match (&def.stability, &def.kind) {
            (Stability::Unknown, TypeDefKind::Type(Type::Id(next))) => id = *next,
            (s, _) => return s,
        }
    }
    &ws.resolve.types[id].stability
}

/// The nearest container of an item that can carry a gate (resource, interface, world).
pub fn gated_container<'a>(ws: &'a Workspace, item: &Item) -> Option<&'a Item> {
    ws.index().ancestors(item).find(|a| a.kind.can_be_gated())
}
