//! What the change kinds share: reporting added and removed items, and comparing the
//! functions and types of the two versions.

use wit_bindgen_core::wit_parser::{Function, Stability, Type, TypeDefKind, TypeId, WorldId};

use super::bump::{Bump, actual_bump};
use super::change::{Change, ChangeKind};
use super::pairing::Pairing;
use super::types::{dealias, render, structurally_equal};
use super::verdict::root_package;
use crate::workspace::{FuncOwner, Item, ItemKind, Target, Workspace};

/// Reports each added item of these kinds that `keep` accepts, unless its container is
/// new too (the container's addition says it).
pub(super) fn added(
    p: &Pairing<'_>,
    out: &mut Vec<Change>,
    kind: &'static ChangeKind,
    kinds: &'static [ItemKind],
    keep: impl Fn(&Item) -> bool,
) {
    for item in p
        .added_of(kinds)
        .filter(|i| keep(i) && !p.parent_is_added(i) && !member_moved(p, i, false))
    {
        let message = format!(
            "{} is new{}{}",
            subject(p.new, item),
            contents(p.new, item),
            implied(item)
        );
        out.push(Change::new(kind, p, None, Some(item), message));
    }
}

/// Reports each removed item of these kinds that `keep` accepts, unless its container is
/// gone too.
pub(super) fn removed(
    p: &Pairing<'_>,
    out: &mut Vec<Change>,
    kind: &'static ChangeKind,
    kinds: &'static [ItemKind],
    keep: impl Fn(&Item) -> bool,
) {
    for item in p
        .removed_of(kinds)
        .filter(|i| keep(i) && !p.parent_is_removed(i) && !member_moved(p, i, true))
    {
        // Stable API goes through `@deprecated` first: say when it did not.
        let warned = match item.gate() {
            _ if item.implied => implied(item),
            Stability::Stable {
                deprecated: None, ..
            } => "; it was never `@deprecated`",
            _ => "",
        };
        let message = format!(
            "{} is gone{}{warned}",
            subject(p.old, item),
            contents(p.old, item)
        );
        out.push(Change::new(kind, p, Some(item), None, message));
    }
}

/// An item's gate as it applies: its own, or its nearest container's when it has none (a
/// method of a gated resource, a `use` in a gated interface, a world's import an `@since`
/// include brings in).
pub(super) fn effective_gate<'a>(ws: &'a Workspace, item: &'a Item) -> &'a Stability {
    if item.implied
        && matches!(item.gate(), Stability::Unknown)
        && let Some(gate) = include_gate(ws, item)
    {
        return gate;
    }
    std::iter::once(item)
        .chain(ws.index().ancestors(item))
        .map(Item::gate)
        .find(|g| !matches!(g, Stability::Unknown))
        .unwrap_or(item.gate())
}

/// The gate of the `include` that brings a world's implied import or export in, if one
/// of the world's gated includes does.
fn include_gate<'a>(ws: &'a Workspace, item: &Item) -> Option<&'a Stability> {
    let Target::WorldItem { world, export, key } = &item.target else {
        return None;
    };
    ws.index()
        .items
        .iter()
        .filter(|i| i.parent == item.parent && !matches!(i.gate(), Stability::Unknown))
        .find(|i| {
            let Target::Include { included, .. } = &i.target else {
                return false;
            };
            included_world(ws, *world, included).is_some_and(|w| {
                let w = &ws.resolve.worlds[w];
                if *export { &w.exports } else { &w.imports }.contains_key(key)
            })
        })
        .map(Item::gate)
}

/// The world an `include` in `world` names: a world of the same package by its name, or
/// `ns:pkg/world@version`.
fn included_world(ws: &Workspace, world: WorldId, name: &str) -> Option<WorldId> {
    let resolve = &ws.resolve;
    let Some((package, world_name)) = name.split_once('/') else {
        let pkg = resolve.worlds[world].package?;
        return resolve.packages[pkg].worlds.get(name).copied();
    };
    let world_name = world_name.split('@').next()?;
    let package = super::pairing::unversioned(package);
    resolve.worlds.iter().find_map(|(id, w)| {
        let pkg = &resolve.packages[w.package?].name;
        (w.name == world_name && crate::workspace::unversioned_name(pkg) == package).then_some(id)
    })
}

/// Whether a field, case or flag that one side lacks at its path is there all the same:
/// its type moved to another interface and is `use`d back, and the type it names on the
/// other side has a member of that name.
fn member_moved(p: &Pairing<'_>, item: &Item, from_old: bool) -> bool {
    let Target::Member { ty, index } = item.target else {
        return false;
    };
    let (ws, other) = if from_old {
        (p.old, p.new)
    } else {
        (p.new, p.old)
    };
    let Some(parent) = item.parent.map(|i| ws.index().get(i)) else {
        return false;
    };
    let counterpart = p.matched.iter().find_map(|(o, n)| {
        let (this, that) = if from_old { (o, n) } else { (n, o) };
        std::ptr::eq(*this, parent).then_some(*that)
    });
    let Some(Target::Type(other_ty)) = counterpart.map(|c| &c.target) else {
        return false;
    };
    let other_ty = dealias(other, *other_ty);
    // A record's field is found in a record, an enum's case in an enum.
    let same_kind = std::mem::discriminant(&ws.resolve.types[ty].kind)
        == std::mem::discriminant(&other.resolve.types[other_ty].kind);
    let name = member_names(ws, ty).into_iter().nth(index);
    same_kind && name.is_some_and(|name| member_names(other, other_ty).contains(&name))
}

/// The names of a record's fields, a variant's or enum's cases or a flags type's flags.
pub(super) fn member_names(ws: &Workspace, ty: TypeId) -> Vec<&str> {
    match &ws.resolve.types[ty].kind {
        TypeDefKind::Record(r) => r.fields.iter().map(|f| f.name.as_str()).collect(),
        TypeDefKind::Variant(v) => v.cases.iter().map(|c| c.name.as_str()).collect(),
        TypeDefKind::Enum(e) => e.cases.iter().map(|c| c.name.as_str()).collect(),
        TypeDefKind::Flags(f) => f.flags.iter().map(|f| f.name.as_str()).collect(),
        _ => Vec::new(),
    }
}

/// How a change names its item: as its title, and a world's statement with its world
/// (several worlds may import the same interface).
fn subject(ws: &Workspace, item: &Item) -> String {
    let in_world =
        matches!(item.kind, ItemKind::Import | ItemKind::Export) || is_world_function(item, None);
    match item.parent.map(|p| ws.index().get(p)) {
        Some(world) if in_world => {
            format!("{} of world `{}`", item.title(), world.path.leaf())
        }
        _ => item.title(),
    }
}

/// What an interface or a world holds, for the message of its addition or removal (its
/// contents are not listed one by one): ` (2 functions, 1 type)`.
fn contents(ws: &Workspace, container: &Item) -> String {
    if !matches!(container.kind, ItemKind::Interface | ItemKind::World) {
        return String::new();
    }
    let items = &ws.index().items;
    let Some(at) = items.iter().position(|i| std::ptr::eq(i, container)) else {
        return String::new();
    };
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for child in items.iter().filter(|i| i.parent == Some(at)) {
        let noun = match child.world_side() {
            Some(true) => "export",
            Some(false) => "import",
            None => child.kind.noun(),
        };
        match counts.iter_mut().find(|(n, _)| *n == noun) {
            Some((_, count)) => *count += 1,
            None => counts.push((noun, 1)),
        }
    }
    if counts.is_empty() {
        return " (empty)".to_string();
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(noun, n)| match n {
            1 => format!("1 {noun}"),
            n => format!("{n} {noun}s"),
        })
        .collect();
    format!(" ({})", parts.join(", "))
}

/// What a world's import or export that is not written in it says of where it comes from.
fn implied(item: &Item) -> &'static str {
    if item.implied {
        " (not written in the world: an `include` or another import brings it in)"
    } else {
        ""
    }
}

/// Whether an item is a function a world imports or exports (with `export`, only in that
/// direction): a world's statement, not an interface's function.
pub(super) fn is_world_function(item: &Item, export: Option<bool>) -> bool {
    matches!(
        item.target,
        Target::Function { owner: FuncOwner::World { export: e, .. }, .. }
            if export.is_none_or(|x| x == e)
    )
}

/// Which kind of type a case belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Cases {
    Variant,
    Enum,
}

pub(super) fn case_of(ws: &Workspace, item: &Item) -> Option<Cases> {
    let Target::Member { ty, .. } = item.target else {
        return None;
    };
    match ws.resolve.types[ty].kind {
        TypeDefKind::Variant(_) => Some(Cases::Variant),
        TypeDefKind::Enum(_) => Some(Cases::Enum),
        _ => None,
    }
}

/// Functions on both sides, with their definitions.
pub(super) fn matched_functions<'a>(
    p: &'a Pairing<'a>,
) -> impl Iterator<Item = (&'a Item, &'a Item, &'a Function, &'a Function)> + 'a {
    p.matched.iter().filter_map(|&(old, new)| {
        let f_old = p.old.function(&old.target)?;
        let f_new = p.new.function(&new.target)?;
        Some((old, new, f_old, f_new))
    })
}

/// Whether two types, one of each version, are the same type.
pub(super) fn same_type(p: &Pairing<'_>, old: Type, new: Type) -> bool {
    render(p.old, old) == render(p.new, new) || structurally_equal(p.old, old, p.new, new)
}

/// The version of the package an item of the new side is in.
pub(super) fn new_version(p: &Pairing<'_>, item: &Item) -> Option<semver::Version> {
    p.new.resolve.packages[item.package].name.version.clone()
}

/// Whether the packages compared go to a new major release (`0.2.x` to `0.3.0`, `1.x` to
/// `2.0.0`), where gates may start again at the new version.
pub(super) fn major_release(p: &Pairing<'_>) -> bool {
    let version = |ws| root_package(ws).and_then(|n| n.version.as_ref());
    match (version(p.old), version(p.new)) {
        (Some(a), Some(b)) => actual_bump(a, b) == Some(Bump::Major),
        _ => false,
    }
}

/// Whether two written types differ only in `own` against `borrow`.
pub(super) fn only_handles_differ(old: &str, new: &str) -> bool {
    old != new && old.replace("borrow<", "own<") == new.replace("borrow<", "own<")
}
