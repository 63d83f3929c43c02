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

/// The type an alias names, through any chain of aliases.
pub fn dealias(ws: &Workspace, mut id: TypeId) -> TypeId {
    while let TypeDefKind::Type(Type::Id(target)) = ws.resolve.types[id].kind {
        id = target;
    }
    id
}

/// Whether two types, one of each version, are the same as the component model compares
/// them: by structure (a record moved to another interface and `use`d back is the same
/// record), member names and order included. Resources are the one nominal kind: one is
/// the same resource only at the same path.
pub fn structurally_equal(old: &Workspace, a: Type, new: &Workspace, b: Type) -> bool {
    let (a, b) = match (a, b) {
        (Type::Id(a), Type::Id(b)) => (dealias(old, a), dealias(new, b)),
        (Type::Id(a), b) => return alias_of(old, a) == Some(b),
        (a, Type::Id(b)) => return alias_of(new, b) == Some(a),
        (a, b) => return a == b,
    };
    let (ka, kb) = (&old.resolve.types[a].kind, &new.resolve.types[b].kind);
    let same = |x: &Type, y: &Type| structurally_equal(old, *x, new, *y);
    let same_opt = |x: &Option<Type>, y: &Option<Type>| match (x, y) {
        (Some(x), Some(y)) => same(x, y),
        (None, None) => true,
        _ => false,
    };
    match (ka, kb) {
        (TypeDefKind::Record(x), TypeDefKind::Record(y)) => {
            x.fields.len() == y.fields.len()
                && x.fields
                    .iter()
                    .zip(&y.fields)
                    .all(|(f, g)| f.name == g.name && same(&f.ty, &g.ty))
        }
        (TypeDefKind::Variant(x), TypeDefKind::Variant(y)) => {
            x.cases.len() == y.cases.len()
                && x.cases
                    .iter()
                    .zip(&y.cases)
                    .all(|(c, d)| c.name == d.name && same_opt(&c.ty, &d.ty))
        }
        (TypeDefKind::Enum(x), TypeDefKind::Enum(y)) => x
            .cases
            .iter()
            .map(|c| &c.name)
            .eq(y.cases.iter().map(|c| &c.name)),
        (TypeDefKind::Flags(x), TypeDefKind::Flags(y)) => x
            .flags
            .iter()
            .map(|f| &f.name)
            .eq(y.flags.iter().map(|f| &f.name)),
        (TypeDefKind::Resource, TypeDefKind::Resource) => {
            render(old, Type::Id(a)) == render(new, Type::Id(b))
        }
        (TypeDefKind::Handle(x), TypeDefKind::Handle(y)) => match (x, y) {
            (Handle::Own(r), Handle::Own(s)) | (Handle::Borrow(r), Handle::Borrow(s)) => {
                same(&Type::Id(*r), &Type::Id(*s))
            }
            _ => false,
        },
        (TypeDefKind::List(x), TypeDefKind::List(y))
        | (TypeDefKind::Option(x), TypeDefKind::Option(y)) => same(x, y),
        (TypeDefKind::Result(x), TypeDefKind::Result(y)) => {
            same_opt(&x.ok, &y.ok) && same_opt(&x.err, &y.err)
        }
        (TypeDefKind::Tuple(x), TypeDefKind::Tuple(y)) => {
            x.types.len() == y.types.len() && x.types.iter().zip(&y.types).all(|(s, t)| same(s, t))
        }
        (TypeDefKind::Map(k, v), TypeDefKind::Map(l, w)) => same(k, l) && same(v, w),
        (TypeDefKind::FixedLengthList(x, n), TypeDefKind::FixedLengthList(y, m)) => {
            n == m && same(x, y)
        }
        (TypeDefKind::Future(x), TypeDefKind::Future(y))
        | (TypeDefKind::Stream(x), TypeDefKind::Stream(y)) => same_opt(x, y),
        _ => false,
    }
}

/// The primitive an alias names, if it names one.
fn alias_of(ws: &Workspace, id: TypeId) -> Option<Type> {
    match ws.resolve.types[dealias(ws, id)].kind {
        TypeDefKind::Type(t) => Some(t),
        _ => None,
    }
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
    // As WIT writes them: `result`, `result<T>`, `result<_, E>`; `stream` and `future`
    // without a payload bare; `list<T, N>`.
    match kind {
        TypeDefKind::List(t) => generic("list", &[Some(*t)]),
        TypeDefKind::Option(t) => generic("option", &[Some(*t)]),
        TypeDefKind::Result(r) => match (r.ok, r.err) {
            (None, None) => out.push_str("result"),
            (ok, None) => generic("result", &[ok]),
            (ok, err) => generic("result", &[ok, err]),
        },
        TypeDefKind::Tuple(t) => {
            let args: Vec<Option<Type>> = t.types.iter().map(|t| Some(*t)).collect();
            generic("tuple", &args)
        }
        TypeDefKind::Map(k, v) => generic("map", &[Some(*k), Some(*v)]),
        TypeDefKind::FixedLengthList(t, n) => {
            out.push_str("list<");
            write(ws, *t, out);
            out.push_str(&format!(", {n}>"));
        }
        TypeDefKind::Future(None) => out.push_str("future"),
        TypeDefKind::Stream(None) => out.push_str("stream"),
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
