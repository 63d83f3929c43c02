//! WIT syntax for types, functions and type definitions, printed from a `Resolve`.
//!
//! Named types are printed through a hook, so the same printer serves plain text (lint
//! messages, API comparison) and linked text (docs).

use wit_bindgen_core::wit_parser::{
    Function, FunctionKind, Handle, Resolve, Type, TypeDefKind, TypeId,
};

/// Prints WIT syntax; `name` renders a reference to a named type.
pub struct Printer<'a> {
    pub resolve: &'a Resolve,
    pub name: &'a dyn Fn(TypeId) -> String,
}

/// The bare name of a named type.
pub fn plain_name(resolve: &Resolve) -> impl Fn(TypeId) -> String + '_ {
    move |id| {
        resolve.types[id]
            .name
            .clone()
            .unwrap_or_else(|| "<anonymous>".to_string())
    }
}

impl Printer<'_> {
    pub fn ty(&self, ty: &Type) -> String {
        match ty {
            Type::Bool => "bool".into(),
            Type::U8 => "u8".into(),
            Type::U16 => "u16".into(),
            Type::U32 => "u32".into(),
            Type::U64 => "u64".into(),
            Type::S8 => "s8".into(),
            Type::S16 => "s16".into(),
            Type::S32 => "s32".into(),
            Type::S64 => "s64".into(),
            Type::F32 => "f32".into(),
            Type::F64 => "f64".into(),
            Type::Char => "char".into(),
            Type::String => "string".into(),
            Type::ErrorContext => "error-context".into(),
            Type::Id(id) => self.type_id(*id),
        }
    }

    /// A reference to a type: its name if it has one, else its structure.
    pub fn type_id(&self, id: TypeId) -> String {
        let def = &self.resolve.types[id];
        if def.name.is_some() {
            return (self.name)(id);
        }
        self.anonymous(&def.kind)
    }

    fn opt(&self, ty: &Option<Type>) -> Option<String> {
        ty.as_ref().map(|t| self.ty(t))
    }

    /// The structure of an anonymous type (`list<u8>`, `result<_, error>`, …).
    fn anonymous(&self, kind: &TypeDefKind) -> String {
        match kind {
            TypeDefKind::List(t) => format!("list<{}>", self.ty(t)),
            TypeDefKind::FixedLengthList(t, n) => format!("list<{}, {n}>", self.ty(t)),
            TypeDefKind::Map(k, v) => format!("map<{}, {}>", self.ty(k), self.ty(v)),
            TypeDefKind::Option(t) => format!("option<{}>", self.ty(t)),
            TypeDefKind::Result(r) => match (self.opt(&r.ok), self.opt(&r.err)) {
                (None, None) => "result".into(),
                (Some(ok), None) => format!("result<{ok}>"),
                (None, Some(err)) => format!("result<_, {err}>"),
                (Some(ok), Some(err)) => format!("result<{ok}, {err}>"),
            },
            TypeDefKind::Tuple(t) => format!(
                "tuple<{}>",
                t.types
                    .iter()
                    .map(|t| self.ty(t))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            TypeDefKind::Handle(Handle::Own(id)) => self.type_id(*id),
            TypeDefKind::Handle(Handle::Borrow(id)) => format!("borrow<{}>", self.type_id(*id)),
            TypeDefKind::Future(t) => match self.opt(t) {
                Some(t) => format!("future<{t}>"),
                None => "future".into(),
            },
            TypeDefKind::Stream(t) => match self.opt(t) {
                Some(t) => format!("stream<{t}>"),
                None => "stream".into(),
            },
            TypeDefKind::Type(t) => self.ty(t),
            TypeDefKind::Record(_)
            | TypeDefKind::Resource
            | TypeDefKind::Flags(_)
            | TypeDefKind::Variant(_)
            | TypeDefKind::Enum(_)
            | TypeDefKind::Unknown => "<unnamed definition>".into(),
        }
    }

    /// A function's signature after its name: `func(key: string) -> option<string>`,
    /// `static func(..)`, `async func(..)`, `constructor(..)`.
    pub fn func(&self, func: &Function) -> String {
        let params: Vec<_> = func
            .params
            .iter()
            .filter(|p| !(is_self(&func.kind) && p.name == "self"))
            .map(|p| format!("{}: {}", p.name, self.ty(&p.ty)))
            .collect();
        let head = match func.kind {
            FunctionKind::Constructor(_) => {
                // A constructor's result is the resource itself, or a `result` of it.
                let result = match &func.result {
                    Some(Type::Id(id))
                        if matches!(self.resolve.types[*id].kind, TypeDefKind::Result(_)) =>
                    {
                        format!(" -> {}", self.type_id(*id))
                    }
                    _ => String::new(),
                };
                return format!("constructor({}){result}", params.join(", "));
            }
            FunctionKind::Static(_) => "static func",
            FunctionKind::AsyncStatic(_) => "static async func",
            FunctionKind::AsyncFreestanding | FunctionKind::AsyncMethod(_) => "async func",
            _ => "func",
        };
        let result = self
            .opt(&func.result)
            .map(|r| format!(" -> {r}"))
            .unwrap_or_default();
        format!("{head}({}){result}", params.join(", "))
    }

    /// A type definition on one line, for comparison: `record entry { key: string }`.
    pub fn definition(&self, id: TypeId) -> String {
        let def = &self.resolve.types[id];
        let name = def.name.as_deref().unwrap_or("_");
        let list = |items: Vec<String>| items.join(", ");
        match &def.kind {
            TypeDefKind::Record(r) => format!(
                "record {name} {{ {} }}",
                list(
                    r.fields
                        .iter()
                        .map(|f| format!("{}: {}", f.name, self.ty(&f.ty)))
                        .collect()
                )
            ),
            TypeDefKind::Variant(v) => format!(
                "variant {name} {{ {} }}",
                list(
                    v.cases
                        .iter()
                        .map(|c| match &c.ty {
                            Some(t) => format!("{}({})", c.name, self.ty(t)),
                            None => c.name.clone(),
                        })
                        .collect()
                )
            ),
            TypeDefKind::Enum(e) => format!(
                "enum {name} {{ {} }}",
                list(e.cases.iter().map(|c| c.name.clone()).collect())
            ),
            TypeDefKind::Flags(f) => format!(
                "flags {name} {{ {} }}",
                list(f.flags.iter().map(|c| c.name.clone()).collect())
            ),
            TypeDefKind::Resource => format!("resource {name}"),
            kind => format!("type {name} = {}", self.anonymous(kind)),
        }
    }
}

fn is_self(kind: &FunctionKind) -> bool {
    matches!(kind, FunctionKind::Method(_) | FunctionKind::AsyncMethod(_))
}
