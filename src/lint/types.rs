//! Questions rules ask about WIT types: what a function's error type is, what a type
//! refers to, which types serve as errors.

use std::collections::BTreeSet;

use wit_bindgen_core::wit_parser::{Function, Resolve, Type, TypeDefKind, TypeId};

/// Follows `type a = b` and `use` aliases to the type they name.
pub fn unalias(resolve: &Resolve, mut ty: Type) -> Type {
    for _ in 0..64 {
        match ty {
            Type::Id(id) => match resolve.types[id].kind {
                TypeDefKind::Type(inner) => ty = inner,
                _ => return ty,
            },
            _ => return ty,
        }
    }
    ty
}

/// A function that returns `result<T, E>`: `Some(err)` where `err` is `E` if present.
pub fn fallible(resolve: &Resolve, func: &Function) -> Option<Option<Type>> {
    let Type::Id(id) = unalias(resolve, func.result?) else {
        return None;
    };
    match &resolve.types[id].kind {
        TypeDefKind::Result(r) => Some(r.err),
        _ => None,
    }
}

/// The cases of a variant or enum, after following aliases.
pub fn cases(resolve: &Resolve, ty: Type) -> Option<(TypeId, Vec<&str>)> {
    let Type::Id(id) = unalias(resolve, ty) else {
        return None;
    };
    let names = match &resolve.types[id].kind {
        TypeDefKind::Variant(v) => v.cases.iter().map(|c| c.name.as_str()).collect(),
        TypeDefKind::Enum(e) => e.cases.iter().map(|c| c.name.as_str()).collect(),
        _ => return None,
    };
    Some((id, names))
}

/// The named types a type mentions directly, looking through anonymous types
/// (`list<T>`, `option<T>`, `result<T, E>`, handles, tuples …) but not into named ones.
pub fn named_refs(resolve: &Resolve, ty: Type, out: &mut Vec<TypeId>) {
    let Type::Id(id) = ty else { return };
    let def = &resolve.types[id];
    if def.name.is_some() {
        out.push(id);
        return;
    }
    match &def.kind {
        TypeDefKind::Handle(h) => {
            let (wit_bindgen_core::wit_parser::Handle::Own(t)
            | wit_bindgen_core::wit_parser::Handle::Borrow(t)) = h;
            named_refs(resolve, Type::Id(*t), out);
        }
        _ => type_children(resolve, id, &mut |t| named_refs(resolve, t, out)),
    }
}

/// Calls `f` on each type a type definition is built from.
pub fn type_children(resolve: &Resolve, id: TypeId, f: &mut dyn FnMut(Type)) {
    match &resolve.types[id].kind {
        TypeDefKind::Record(r) => r.fields.iter().for_each(|x| f(x.ty)),
        TypeDefKind::Variant(v) => v.cases.iter().filter_map(|c| c.ty).for_each(f),
        TypeDefKind::Tuple(t) => t.types.iter().copied().for_each(f),
        TypeDefKind::Option(t)
        | TypeDefKind::List(t)
        | TypeDefKind::FixedLengthList(t, _)
        | TypeDefKind::Type(t) => f(*t),
        TypeDefKind::Map(k, v) => {
            f(*k);
            f(*v);
        }
        TypeDefKind::Result(r) => {
            r.ok.into_iter().chain(r.err).for_each(f);
        }
        TypeDefKind::Future(t) | TypeDefKind::Stream(t) => t.iter().copied().for_each(f),
        TypeDefKind::Handle(
            wit_bindgen_core::wit_parser::Handle::Own(t)
            | wit_bindgen_core::wit_parser::Handle::Borrow(t),
        ) => f(Type::Id(*t)),
        TypeDefKind::Resource
        | TypeDefKind::Flags(_)
        | TypeDefKind::Enum(_)
        | TypeDefKind::Unknown => {}
    }
}

/// The named types a function's signature mentions.
pub fn signature_refs(resolve: &Resolve, func: &Function) -> Vec<TypeId> {
    let mut out = Vec::new();
    for p in &func.params {
        named_refs(resolve, p.ty, &mut out);
    }
    if let Some(r) = func.result {
        named_refs(resolve, r, &mut out);
    }
    out
}

/// Variants and enums that some function returns as the error of a `result`.
pub fn error_types<'a>(
    resolve: &Resolve,
    funcs: impl Iterator<Item = &'a Function>,
) -> BTreeSet<TypeId> {
    funcs
        .filter_map(|f| fallible(resolve, f).flatten())
        .filter_map(|err| cases(resolve, err).map(|(id, _)| id))
        .collect()
}

/// Whether the type is `string`, directly or through aliases.
pub fn is_string(resolve: &Resolve, ty: Type) -> bool {
    matches!(unalias(resolve, ty), Type::String)
}
