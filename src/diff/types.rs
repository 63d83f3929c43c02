//! Types written out for comparison across two resolves: aliases followed to what they
//! name, named types by their path without versions, anonymous types by their structure.

use wit_bindgen_core::wit_parser::{Function, Handle, Type, TypeDefKind, TypeId};

use super::pairing::unversioned;
use crate::workspace::Workspace;
use crate::workspace::signature::primitive;

/// `ty` as it compares: `list<wasi:io/streams#input-stream>`, `u32`.
pub fn render(ws: &Workspace, ty: Type) -> String {
    let mut out = String::new();
    write(ws, ty, &mut out);
    out
}

/// The definition of a named type, when it is not a record, variant, enum, flags or
/// resource (whose members are items of their own): `type t = list<u8>` is `list<u8>`.
pub fn render_definition(ws: &Workspace, id: TypeId) -> String {
    let mut out = String::new();
    match &ws.resolve.types[id].kind {
        TypeDefKind::Record(_) => out.push_str("record"),
        TypeDefKind::Variant(_) => out.push_str("variant"),
        TypeDefKind::Enum(_) => out.push_str("enum"),
        TypeDefKind::Flags(_) => out.push_str("flags"),
        TypeDefKind::Resource => out.push_str("resource"),
        kind => anonymous(ws, kind, &mut out),
    }
    out
}

/// A function's parameters: `(key: string, limit: u32)`.
pub fn params(ws: &Workspace, func: &Function) -> String {
    let mut out = String::from("(");
    for (i, p) in func.params.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&p.name);
        out.push_str(": ");
        write(ws, p.ty, &mut out);
    }
    out.push(')');
    out
}

fn write(ws: &Workspace, ty: Type, out: &mut String) {
    match ty {
        Type::Id(id) => named_or_anonymous(ws, id, out),
        _ => out.push_str(primitive(ty).unwrap_or_default()),
    }
}

fn named_or_anonymous(ws: &Workspace, id: TypeId, out: &mut String) {
    let def = &ws.resolve.types[id];
    if let TypeDefKind::Type(target) = def.kind {
        // An alias is what it names.
        return write(ws, target, out);
    }
    if def.name.is_some() {
        match ws.index().of_type(id) {
            Some(item) => out.push_str(&unversioned(item.path.as_str())),
            None => out.push_str(def.name.as_deref().unwrap_or_default()),
        }
        return;
    }
    anonymous(ws, &def.kind, out);
}

fn anonymous(ws: &Workspace, kind: &TypeDefKind, out: &mut String) {
    let mut generic = |name: &str, args: &[Option<Type>]| {
        out.push_str(name);
        out.push('<');
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            match a {
                Some(t) => write(ws, *t, out),
                None => out.push('_'),
            }
        }
        out.push('>');
    };
    match kind {
        TypeDefKind::List(t) => generic("list", &[Some(*t)]),
        TypeDefKind::Option(t) => generic("option", &[Some(*t)]),
        TypeDefKind::Result(r) => generic("result", &[r.ok, r.err]),
        TypeDefKind::Tuple(t) => {
            let args: Vec<Option<Type>> = t.types.iter().map(|t| Some(*t)).collect();
            generic("tuple", &args)
        }
        TypeDefKind::Map(k, v) => generic("map", &[Some(*k), Some(*v)]),
        TypeDefKind::FixedLengthList(t, n) => {
            generic("list", &[Some(*t)]);
            out.push_str(&format!("[{n}]"));
        }
        TypeDefKind::Future(t) => generic("future", &[*t]),
        TypeDefKind::Stream(t) => generic("stream", &[*t]),
        TypeDefKind::Handle(Handle::Own(r)) => generic("own", &[Some(Type::Id(*r))]),
        TypeDefKind::Handle(Handle::Borrow(r)) => generic("borrow", &[Some(Type::Id(*r))]),
        TypeDefKind::Type(t) => write(ws, *t, out),
        TypeDefKind::Record(_)
        | TypeDefKind::Variant(_)
        | TypeDefKind::Enum(_)
        | TypeDefKind::Flags(_)
        | TypeDefKind::Resource
        | TypeDefKind::Unknown => out.push('?'),
    }
}
