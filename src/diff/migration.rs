//! `witlint diff --format markdown`'s map of a move from WASI 0.2 to 0.3: when the old
//! version imports `wasi:io` and the new one is on 0.3's model, the changes grouped by
//! the idiom of the WASI 0.3.0 release they follow (pollables to `async`, `input-stream`
//! to `stream<T>`, …).

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use wit_bindgen_core::wit_parser::{Function, Resolve, Type, TypeDefKind, TypeOwner, WorldKey};

use super::change::Change;
use super::pairing::{Pairing, unversioned};
use crate::lint::async_model::{has_future, has_stream, is_wasi_io, on_native_async};
use crate::lint::types::named_refs;
use crate::workspace::{Item, ItemKind, ItemPath, Target, Workspace};

/// The idioms, in the order the map lists them: the WASI 0.3.0 release's table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Idiom {
    Async,
    StartFinish,
    Reads,
    Writes,
    EnumVariants,
    WasiIoGone,
}

impl Idiom {
    fn title(self) -> &'static str {
        match self {
            Idiom::Async => "Pollables to `async` functions",
            Idiom::StartFinish => "`start-`/`finish-` pairs to one call",
            Idiom::Reads => "`input-stream` to `stream<T>` and a `future`",
            Idiom::Writes => "`output-stream` to a `stream<u8>` argument",
            Idiom::EnumVariants => "Enums to variants with `other`",
            Idiom::WasiIoGone => "`wasi:io` gone",
        }
    }

    fn explanation(self) -> &'static str {
        match self {
            Idiom::Async => {
                "A call that may block is an `async func`, which the caller awaits; `subscribe` and its `pollable` are gone."
            }
            Idiom::StartFinish => {
                "An operation split in two so that a `pollable` could sit between the halves is one call again."
            }
            Idiom::Reads => {
                "A read returns a `stream` of its data and a `future` that says how it ended, instead of a resource read piece by piece."
            }
            Idiom::Writes => {
                "A write takes the caller's `stream<u8>` and returns a `future` that says how it ended, instead of handing out an `output-stream`."
            }
            Idiom::EnumVariants => {
                "An `enum` a host may need to extend (error codes, kinds of things) is a `variant` whose `other(option<string>)` case carries what it does not name."
            }
            Idiom::WasiIoGone => {
                "What came from `wasi:io`, or served only to reach it, is gone with it."
            }
        }
    }
}

/// The map, or `None` when the old version does not import `wasi:io` or the new one is
/// not on WASI 0.3's model. `href` finds an item's page in the new version's docs.
pub fn migration_map<'c>(
    pairing: &Pairing<'_>,
    changes: impl Iterator<Item = &'c Change>,
    href: &dyn Fn(&ItemPath) -> Option<String>,
) -> Option<String> {
    let new = pairing.new;
    let new_on_model = new
        .resolve
        .packages
        .iter()
        .any(|(id, _)| new.is_root(id) && on_native_async(new, id));
    if !imports_wasi_io(pairing.old) || !new_on_model {
        return None;
    }
    let sides = Sides::of(pairing);
    let mut idioms: BTreeMap<Idiom, BTreeMap<String, Line>> = BTreeMap::new();
    let mut others = 0;
    for change in changes.filter(|c| !c.unstable && c.kind.section.is_some()) {
        match classify(pairing, &sides, change) {
            Some((idiom, key, note)) => {
                // Listed under the item as the new version has it, linked to its docs.
                let new_item = sides.new.get(&key).copied();
                let item = new_item.or_else(|| sides.old.get(&key).copied());
                let line = idioms
                    .entry(idiom)
                    .or_default()
                    .entry(key.clone())
                    .or_insert_with(|| Line {
                        path: item.map_or_else(|| change.path.clone(), |i| i.path.clone()),
                        label: item.map_or_else(
                            || label(&key),
                            |i| match i.world_side() {
                                Some(_) => i.written_name().into_owned(),
                                None => label(&key),
                            },
                        ),
                        linked: new_item.is_some(),
                        notes: Vec::new(),
                    });
                if !line.notes.contains(&note) {
                    line.notes.push(note);
                }
            }
            None => others += 1,
        }
    }
    if idioms.is_empty() {
        return None;
    }
    let mut out = String::from(
        "\n## From WASI 0.2 to 0.3\n\nThe old version imports `wasi:io`, which WASI 0.3 replaced with the component model's `async func`, `stream<T>` and `future<T>`. These changes follow the idioms of the WASI 0.3.0 release; every change is listed by interface below too.\n",
    );
    for (idiom, lines) in &idioms {
        out.push_str(&format!(
            "\n### {}\n\n{}\n\n",
            idiom.title(),
            idiom.explanation()
        ));
        out.push_str(&render(lines, href));
    }
    if others > 0 {
        out.push_str(&format!(
            "\n{} not one of these idioms.\n",
            match others {
                1 => "One change is".to_string(),
                n => format!("{n} changes are"),
            }
        ));
    }
    Some(out)
}

/// One item of the map, with what its changes did.
struct Line {
    path: ItemPath,
    /// How the map names it: its member path, or a world's statement as WIT writes it.
    label: String,
    /// The item exists in the new version, so its docs have a page.
    linked: bool,
    notes: Vec<String>,
}

impl Line {
    fn link(&self, href: &dyn Fn(&ItemPath) -> Option<String>) -> String {
        match self.linked.then(|| href(&self.path)).flatten() {
            Some(url) => format!("[`{}`]({url})", self.label),
            None => format!("`{}`", self.label),
        }
    }
}

/// An idiom's lines, one per item; three or more items of one container that say the
/// same thing share a line (twenty methods that are now `async`).
fn render(lines: &BTreeMap<String, Line>, href: &dyn Fn(&ItemPath) -> Option<String>) -> String {
    use crate::workspace::item::container_of;
    let mut groups: BTreeMap<(&str, String), Vec<&Line>> = BTreeMap::new();
    for (key, line) in lines {
        groups
            .entry((container_of(key), line.notes.join("; ")))
            .or_default()
            .push(line);
    }
    let mut out = String::new();
    for ((container, notes), lines) in &groups {
        if lines.len() >= 3 {
            let links: Vec<String> = lines.iter().map(|l| l.link(href)).collect();
            out.push_str(&format!(
                "- {notes}, in `{container}`: {}\n",
                links.join(", ")
            ));
        } else {
            for line in lines {
                // An interface or world is its own container.
                let place = if line.label == *container {
                    String::new()
                } else {
                    format!(" in `{container}`")
                };
                out.push_str(&format!("- {}{place}: {notes}\n", line.link(href)));
            }
        }
    }
    out
}

/// `descriptor.read-via-stream` for `wasi:filesystem/types#descriptor.read-via-stream`.
fn label(key: &str) -> String {
    match crate::workspace::item::members_of(key) {
        "" => key.to_string(),
        member => member.to_string(),
    }
}

/// Each version's items by their path without versions.
struct Sides<'a> {
    old: FxHashMap<String, &'a Item>,
    new: FxHashMap<String, &'a Item>,
}

impl<'a> Sides<'a> {
    fn of(p: &Pairing<'a>) -> Sides<'a> {
        let key = |i: &Item| unversioned(i.path.as_str());
        let old = p
            .removed
            .iter()
            .copied()
            .chain(p.matched.iter().map(|(o, _)| *o))
            .map(|i| (key(i), i))
            .collect();
        let new = p
            .added
            .iter()
            .copied()
            .chain(p.matched.iter().map(|(_, n)| *n))
            .map(|i| (key(i), i))
            .collect();
        Sides { old, new }
    }
}

/// Where a change goes in the map: its idiom, the key of the item it is listed under,
/// and what to say of it.
type Listed = (Idiom, String, String);

/// The idiom a change follows, if any.
fn classify(p: &Pairing<'_>, sides: &Sides<'_>, change: &Change) -> Option<Listed> {
    let old = sides.old.get(&change.key).copied();
    let new = sides.new.get(&change.key).copied();
    let f_old = old.and_then(|i| p.old.function(&i.target));
    let f_new = new.and_then(|i| p.new.function(&i.target));
    let key = change.key.clone();
    let said = |idiom, note: &str| Some((idiom, key.clone(), note.to_string()));
    match change.kind.id() {
        "async-changed" if f_new.is_some_and(|f| f.kind.is_async()) => {
            said(Idiom::Async, "now `async`")
        }
        "result-changed" | "param-changed" => signature_changed(p, key, f_old?, f_new?),
        "function-removed" => function_removed(p, sides, key, f_old?),
        "function-added" => {
            let name = f_new?.item_name();
            let start = replace_leaf(&key, name, &format!("start-{name}"));
            let note = format!("replaces `start-{name}` and `finish-{name}`");
            (sides.old.contains_key(&start) && !sides.new.contains_key(&start)).then_some((
                Idiom::StartFinish,
                key,
                note,
            ))
        }
        "type-changed" => {
            let (Target::Type(a), Target::Type(b)) = (&old?.target, &new?.target) else {
                return None;
            };
            let enum_to_variant = matches!(p.old.resolve.types[*a].kind, TypeDefKind::Enum(_))
                && matches!(p.new.resolve.types[*b].kind, TypeDefKind::Variant(_));
            enum_to_variant
                .then(|| said(Idiom::EnumVariants, "an `enum` that is now a `variant`"))
                .flatten()
        }
        "variant-case-added" | "variant-case-removed" | "enum-case-added" | "enum-case-removed" => {
            // A case of a type that went from enum to variant: listed under the type.
            let type_key = parent_member(&key)?;
            let Target::Type(a) = sides.old.get(&type_key)?.target else {
                return None;
            };
            if !matches!(p.old.resolve.types[a].kind, TypeDefKind::Enum(_)) {
                return None;
            }
            let leaf = change.path.leaf();
            let note = match change.new {
                Some(_) => format!("case `{leaf}` is new"),
                None => format!("case `{leaf}` is gone"),
            };
            Some((Idiom::EnumVariants, type_key, note))
        }
        "type-removed" => {
            let Target::Type(id) = old?.target else {
                return None;
            };
            if from_wasi_io(&p.old.resolve, id).is_some() {
                said(Idiom::WasiIoGone, "gone")
            } else {
                let by = replaced_by_stream(p, id)?;
                said(
                    Idiom::Reads,
                    &format!("gone: `{by}` returns a `stream` instead"),
                )
            }
        }
        "interface-removed" => {
            let Target::Interface(iface) = old?.target else {
                return None;
            };
            let resolve = &p.old.resolve;
            let mut used: Vec<String> = resolve.interfaces[iface]
                .types
                .values()
                .filter_map(|&t| from_wasi_io(resolve, t))
                .map(|n| format!("`{n}`"))
                .collect();
            used.sort_unstable();
            used.dedup();
            let note = format!("gone; it used `wasi:io`'s {}", used.join(", "));
            (!used.is_empty()).then_some((Idiom::WasiIoGone, key, note))
        }
        "world-import-removed" => match &old?.target {
            Target::WorldItem {
                key: WorldKey::Interface(i),
                ..
            } if is_wasi_io(&p.old.resolve, *i) => said(Idiom::WasiIoGone, "gone"),
            _ => None,
        },
        _ => None,
    }
}

/// A function whose parameters or result changed: a read, a write, or a pollable made
/// a future.
fn signature_changed(
    p: &Pairing<'_>,
    key: String,
    f_old: &Function,
    f_new: &Function,
) -> Option<Listed> {
    let old_io = io_types_in(&p.old.resolve, f_old);
    let had = |name: &str| old_io.iter().any(|n| n == name);
    let returns = |ws: &Workspace, f: &Function, test: fn(&Resolve, Type) -> bool| {
        f.result.is_some_and(|r| test(&ws.resolve, r))
    };
    let takes_stream = f_new
        .params
        .iter()
        .any(|q| has_stream(&p.new.resolve, q.ty));
    let (idiom, note) = if had("output-stream") && takes_stream {
        (
            Idiom::Writes,
            "takes a `stream<u8>` and returns a `future`, instead of returning an `output-stream`"
                .to_string(),
        )
    } else if returns(p.new, f_new, has_stream) && !returns(p.old, f_old, has_stream) {
        let was = if had("input-stream") {
            "an `input-stream`".to_string()
        } else {
            format!("resource `{}`", stream_resource(p.old, f_old)?)
        };
        let future = if returns(p.new, f_new, has_future) {
            " and a `future` for how it ends"
        } else {
            ""
        };
        (
            Idiom::Reads,
            format!("returns a `stream`{future}, instead of {was}"),
        )
    } else if had("pollable") && returns(p.new, f_new, has_future) {
        (
            Idiom::Async,
            "returns a `future` instead of a `pollable`".to_string(),
        )
    } else {
        return None;
    };
    Some((idiom, key, note))
}

/// A function gone: a `subscribe`, half of a `start-`/`finish-` pair, or a function that
/// handed out a `wasi:io` stream, which a function new beside it replaces.
fn function_removed(
    p: &Pairing<'_>,
    sides: &Sides<'_>,
    key: String,
    f_old: &Function,
) -> Option<Listed> {
    let io = io_types_in(&p.old.resolve, f_old);
    let had = |name: &str| io.iter().any(|n| n == name);
    let name = f_old.item_name();
    if had("pollable") && f_old.params.len() <= 1 {
        let note = "gone: it returned a `pollable`; a call that waits is an `async func`";
        return Some((Idiom::Async, key, note.to_string()));
    }
    for prefix in ["start-", "finish-"] {
        let Some(op) = name.strip_prefix(prefix) else {
            continue;
        };
        let target = replace_leaf(&key, name, op);
        if sides.new.contains_key(&target) {
            let note = format!("replaces `start-{op}` and `finish-{op}`");
            return Some((Idiom::StartFinish, target, note));
        }
    }
    let container = crate::workspace::item::container_of(&key);
    let successor = |test: fn(&Workspace, &Function) -> bool| added_function(p, container, test);
    let (idiom, note) = if let Some(by) =
        successor(|ws, f| f.result.is_some_and(|r| has_stream(&ws.resolve, r)))
            .filter(|_| had("input-stream"))
    {
        (
            Idiom::Reads,
            format!("gone: `{by}` returns a `stream` instead of its `input-stream`"),
        )
    } else if let Some(by) =
        successor(|ws, f| f.params.iter().any(|q| has_stream(&ws.resolve, q.ty)))
            .filter(|_| had("output-stream"))
    {
        (
            Idiom::Writes,
            format!("gone: `{by}` takes a `stream<u8>` instead of handing out its `output-stream`"),
        )
    } else if !io.is_empty() {
        (
            Idiom::WasiIoGone,
            "gone: it served `wasi:io`'s types".to_string(),
        )
    } else {
        return None;
    };
    Some((idiom, key, note))
}

/// `a:b/i#r.start-x` with its leaf `start-x` renamed `x`.
fn replace_leaf(key: &str, leaf: &str, with: &str) -> String {
    match key.strip_suffix(leaf) {
        Some(head) => format!("{head}{with}"),
        None => key.to_string(),
    }
}

/// The key of the type a member (field, case) belongs to: `a:b/i#t` for `a:b/i#t.c`.
fn parent_member(key: &str) -> Option<String> {
    let (head, _) = key.rsplit_once('.')?;
    head.contains('#').then(|| head.to_string())
}

/// The name of a `wasi:io` type a type is, through `use`s.
fn from_wasi_io(resolve: &Resolve, mut id: wit_bindgen_core::wit_parser::TypeId) -> Option<&str> {
    for _ in 0..64 {
        let def = &resolve.types[id];
        if let TypeOwner::Interface(i) = def.owner
            && is_wasi_io(resolve, i)
        {
            return def.name.as_deref();
        }
        match def.kind {
            TypeDefKind::Type(Type::Id(next)) => id = next,
            _ => return None,
        }
    }
    None
}

/// The `wasi:io` types a function's signature names (`input-stream`, `pollable`, …).
fn io_types_in(resolve: &Resolve, f: &Function) -> Vec<String> {
    crate::lint::types::signature_refs(resolve, f)
        .into_iter()
        .filter_map(|id| from_wasi_io(resolve, id).map(str::to_string))
        .collect()
}

/// A function new in `container` that `test` accepts: the successor of a removed one.
fn added_function(
    p: &Pairing<'_>,
    container: &str,
    test: fn(&Workspace, &Function) -> bool,
) -> Option<String> {
    p.added.iter().find_map(|i| {
        let key = unversioned(i.path.as_str());
        let f = p.new.function(&i.target)?;
        (crate::workspace::item::container_of(&key) == container && test(p.new, f))
            .then(|| label(&key))
    })
}

/// The function that returned a removed resource in the old version and returns a
/// `stream` in the new one: `read-directory` for `directory-entry-stream`.
fn replaced_by_stream(
    p: &Pairing<'_>,
    resource: wit_bindgen_core::wit_parser::TypeId,
) -> Option<String> {
    p.matched.iter().find_map(|(o, n)| {
        let (f_old, f_new) = (p.old.function(&o.target)?, p.new.function(&n.target)?);
        let mut refs = Vec::new();
        named_refs(&p.old.resolve, f_old.result?, &mut refs);
        let returned = refs.contains(&resource);
        (returned && f_new.result.is_some_and(|r| has_stream(&p.new.resolve, r)))
            .then(|| label(&unversioned(o.path.as_str())))
    })
}

/// A resource of the function's own package, named `…-stream`, that the function
/// returns: WASI 0.2's hand-made streams (`directory-entry-stream`).
fn stream_resource(ws: &Workspace, f: &Function) -> Option<String> {
    let mut refs = Vec::new();
    named_refs(&ws.resolve, f.result?, &mut refs);
    refs.into_iter()
        .map(|id| &ws.resolve.types[id])
        .find(|d| matches!(d.kind, TypeDefKind::Resource))
        .and_then(|d| d.name.clone())
        .filter(|n| n.ends_with("-stream"))
}

/// Whether the version's own packages import `wasi:io`: a world's import of one of its
/// interfaces, or a `use` of one of its types.
fn imports_wasi_io(ws: &Workspace) -> bool {
    ws.index().items.iter().any(|i| {
        ws.is_root(i.package)
            && match &i.target {
                Target::WorldItem {
                    key: WorldKey::Interface(iface),
                    ..
                } => i.kind == ItemKind::Import && is_wasi_io(&ws.resolve, *iface),
                Target::Type(id) if i.is_use => from_wasi_io(&ws.resolve, *id).is_some(),
                _ => false,
            }
    })
}
