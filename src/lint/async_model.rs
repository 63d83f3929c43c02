//! WASI 0.3's model (`async func`, `stream<T>`, `future<T>`): what a type carries of it,
//! and which packages are written for it. The rules of the `async` category ask these.

use wit_bindgen_core::wit_parser::{Function, InterfaceId, PackageId, Resolve, Type, TypeDefKind};

use crate::lint::types::type_children;
use crate::workspace::Workspace;

/// How deep a type is followed: WIT types are finite, but a malformed `.wasm` is not trusted.
const DEPTH: usize = 64;

/// The types a type is written with, through aliases and anonymous types (`tuple`,
/// `option`, `result`, `list`, `future`, `stream`) but not into named records, variants
/// or resources: what a signature says at a glance.
fn visit(resolve: &Resolve, ty: Type, depth: usize, f: &mut dyn FnMut(&TypeDefKind)) {
    let Type::Id(id) = ty else { return };
    let def = &resolve.types[id];
    if depth > DEPTH || (def.name.is_some() && !matches!(def.kind, TypeDefKind::Type(_))) {
        return;
    }
    f(&def.kind);
    // A handle's target is a named resource: the walk stops there.
    type_children(resolve, id, &mut |t| visit(resolve, t, depth + 1, f));
}

fn mentions(resolve: &Resolve, ty: Type, want: fn(&TypeDefKind) -> bool) -> bool {
    let mut found = false;
    visit(resolve, ty, 0, &mut |k| found |= want(k));
    found
}

/// Whether a type carries a `stream<T>`.
pub fn has_stream(resolve: &Resolve, ty: Type) -> bool {
    mentions(resolve, ty, |k| matches!(k, TypeDefKind::Stream(_)))
}

/// Whether a type carries a `future<T>`.
pub fn has_future(resolve: &Resolve, ty: Type) -> bool {
    mentions(resolve, ty, |k| matches!(k, TypeDefKind::Future(_)))
}

/// Whether a type carries a stream or a future: WASI 0.3's model.
fn has_stream_or_future(resolve: &Resolve, ty: Type) -> bool {
    mentions(resolve, ty, |k| {
        matches!(k, TypeDefKind::Stream(_) | TypeDefKind::Future(_))
    })
}

/// Whether a type carries a `result<T, E>` outside its streams and futures: the call
/// itself may fail (a `stream<result<T, E>>` reports failures item by item instead).
pub fn has_result(resolve: &Resolve, ty: Type) -> bool {
    let Type::Id(id) = ty else { return false };
    let def = &resolve.types[id];
    if def.name.is_some() && !matches!(def.kind, TypeDefKind::Type(_)) {
        return false;
    }
    match &def.kind {
        TypeDefKind::Result(_) => true,
        TypeDefKind::Type(t) | TypeDefKind::Option(t) => has_result(resolve, *t),
        TypeDefKind::Tuple(t) => t.types.iter().any(|t| has_result(resolve, *t)),
        _ => false,
    }
}

/// Whether a type is a `stream`, a `future`, or a tuple of nothing else: a value the
/// caller gets at once, whose contents arrive later.
pub fn only_streams_and_futures(resolve: &Resolve, ty: Type) -> bool {
    let Type::Id(id) = crate::lint::types::unalias(resolve, ty) else {
        return false;
    };
    match &resolve.types[id].kind {
        TypeDefKind::Stream(_) | TypeDefKind::Future(_) => true,
        TypeDefKind::Tuple(t) => {
            !t.types.is_empty()
                && t.types
                    .iter()
                    .all(|t| only_streams_and_futures(resolve, *t))
        }
        _ => false,
    }
}

/// The `E` of every `result<_, E>` a type carries (inside futures and tuples too: WASI
/// 0.3 reports errors as `future<result<_, error-code>>`).
pub fn error_types_in(resolve: &Resolve, ty: Type) -> Vec<Type> {
    let mut out = Vec::new();
    visit(resolve, ty, 0, &mut |k| {
        if let TypeDefKind::Result(r) = k {
            out.extend(r.err);
        }
    });
    out
}

/// Whether an interface belongs to `wasi:io`, the package WASI 0.3 replaced.
pub fn is_wasi_io(resolve: &Resolve, iface: InterfaceId) -> bool {
    resolve.interfaces[iface]
        .package
        .map(|p| &resolve.packages[p].name)
        .is_some_and(|n| n.namespace == "wasi" && n.name == "io")
}

/// Whether a function is `async` or passes a stream or a future.
fn uses_native_async(resolve: &Resolve, f: &Function) -> bool {
    f.kind.is_async()
        || f.params
            .iter()
            .map(|p| p.ty)
            .chain(f.result)
            .any(|t| has_stream_or_future(resolve, t))
}

/// Whether a package is written for WASI 0.3's model: one of its functions is `async` or
/// passes a stream or a future, or it is `wasi:…` at 0.3 or later (its pre-releases too).
pub fn on_native_async(ws: &Workspace, pkg: PackageId) -> bool {
    let resolve = &ws.resolve;
    let package = &resolve.packages[pkg];
    if package.name.namespace == "wasi"
        && package
            .name
            .version
            .as_ref()
            .is_some_and(|v| (v.major, v.minor) >= (0, 3))
    {
        return true;
    }
    let in_interfaces = package.interfaces.values().any(|&i| {
        let iface = &resolve.interfaces[i];
        iface
            .functions
            .values()
            .any(|f| uses_native_async(resolve, f))
            || iface
                .types
                .values()
                .any(|&t| has_stream_or_future(resolve, Type::Id(t)))
    });
    in_interfaces
        || package.worlds.values().any(|&w| {
            let world = &resolve.worlds[w];
            world
                .imports
                .values()
                .chain(world.exports.values())
                .any(|i| {
                    matches!(i, wit_bindgen_core::wit_parser::WorldItem::Function(f)
                    if uses_native_async(resolve, f))
                })
        })
}

/// [`on_native_async`], asked once a package: rules ask it for every item they visit.
#[derive(Default)]
pub struct NativeAsync(Vec<(PackageId, bool)>);

impl NativeAsync {
    pub fn of(&mut self, ws: &Workspace, pkg: PackageId) -> bool {
        if let Some(&(_, on)) = self.0.iter().find(|(p, _)| *p == pkg) {
            return on;
        }
        let on = on_native_async(ws, pkg);
        self.0.push((pkg, on));
        on
    }
}
