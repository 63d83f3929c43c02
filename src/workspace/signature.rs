//! WIT syntax for types, functions and type definitions, printed from a `Resolve`.
//!
//! The printer writes into an [`Out`], which decides how a named type appears: a `String`
//! takes its bare name (lint messages, API comparison), the doc model a link to it.

use wit_bindgen_core::wit_parser::{
    Function, FunctionKind, Handle, Resolve, Type, TypeDefKind, TypeId,
};

/// Where printed WIT goes.
pub trait Out {
    fn text(&mut self, text: &str);
    /// A reference to the named type `id`.
    fn named(&mut self, resolve: &Resolve, id: TypeId);
}

/// Plain text: a named type by its bare name.
impl Out for String {
    fn text(&mut self, text: &str) {
        self.push_str(text);
    }

    fn named(&mut self, resolve: &Resolve, id: TypeId) {
        self.push_str(resolve.types[id].name.as_deref().unwrap_or("<anonymous>"));
    }
}

/// The WIT name of a primitive type; `None` for a type the resolve defines.
pub fn primitive(ty: Type) -> Option<&'static str> {
    Some(match ty {
        Type::Bool => "bool",
        Type::U8 => "u8",
        Type::U16 => "u16",
        Type::U32 => "u32",
        Type::U64 => "u64",
        Type::S8 => "s8",
        Type::S16 => "s16",
        Type::S32 => "s32",
        Type::S64 => "s64",
        Type::F32 => "f32",
        Type::F64 => "f64",
        Type::Char => "char",
        Type::String => "string",
        Type::ErrorContext => "error-context",
        Type::Id(_) => return None,
    })
}

/// Prints WIT syntax.
pub struct Printer<'a> {
    pub resolve: &'a Resolve,
}

impl Printer<'_> {
    pub fn ty(&self, out: &mut impl Out, ty: &Type) {
        match ty {
            Type::Id(id) => self.type_id(out, *id),
            _ => out.text(primitive(*ty).unwrap_or_default()),
        }
    }

    /// A reference to a type: its name if it has one, else its structure.
    pub fn type_id(&self, out: &mut impl Out, id: TypeId) {
        let def = &self.resolve.types[id];
        if def.name.is_some() {
            out.named(self.resolve, id);
        } else {
            self.anonymous(out, &def.kind);
        }
    }

    /// `prefix<inner>`, or `bare` without an inner type (`future`, `result`).
    fn generic(&self, out: &mut impl Out, prefix: &str, inner: &Option<Type>, bare: &str) {
        match inner {
            Some(t) => {
                out.text(prefix);
                self.ty(out, t);
                out.text(">");
            }
            None => out.text(bare),
        }
    }

    /// The structure of an anonymous type (`list<u8>`, `result<_, error>`, …).
    pub fn anonymous(&self, out: &mut impl Out, kind: &TypeDefKind) {
        match kind {
            TypeDefKind::List(t) => self.generic(out, "list<", &Some(*t), ""),
            TypeDefKind::FixedLengthList(t, n) => {
                out.text("list<");
                self.ty(out, t);
                out.text(", ");
                out.text(&n.to_string());
                out.text(">");
            }
            TypeDefKind::Map(k, v) => {
                out.text("map<");
                self.ty(out, k);
                out.text(", ");
                self.ty(out, v);
                out.text(">");
            }
            TypeDefKind::Option(t) => self.generic(out, "option<", &Some(*t), ""),
            TypeDefKind::Result(r) => match (&r.ok, &r.err) {
                (ok, None) => self.generic(out, "result<", ok, "result"),
                (ok, Some(err)) => {
                    out.text("result<");
                    match ok {
                        Some(ok) => self.ty(out, ok),
                        None => out.text("_"),
                    }
                    out.text(", ");
                    self.ty(out, err);
                    out.text(">");
                }
            },
            TypeDefKind::Tuple(t) => {
                out.text("tuple<");
                self.list(out, &t.types, |out, t| self.ty(out, t));
                out.text(">");
            }
            TypeDefKind::Handle(Handle::Own(id)) => self.type_id(out, *id),
            TypeDefKind::Handle(Handle::Borrow(id)) => {
                out.text("borrow<");
                self.type_id(out, *id);
                out.text(">");
            }
            TypeDefKind::Future(t) => self.generic(out, "future<", t, "future"),
            TypeDefKind::Stream(t) => self.generic(out, "stream<", t, "stream"),
            TypeDefKind::Type(t) => self.ty(out, t),
            TypeDefKind::Record(_)
            | TypeDefKind::Resource
            | TypeDefKind::Flags(_)
            | TypeDefKind::Variant(_)
            | TypeDefKind::Enum(_)
            | TypeDefKind::Unknown => out.text("<unnamed definition>"),
        }
    }

    /// `items` separated by commas.
    fn list<O: Out, T>(&self, out: &mut O, items: &[T], mut each: impl FnMut(&mut O, &T)) {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.text(", ");
            }
            each(out, item);
        }
    }

    /// A function's signature after its name: `func(key: string) -> option<string>`,
    /// `static func(..)`, `async func(..)`, `constructor(..)`.
    pub fn func(&self, out: &mut impl Out, func: &Function) {
        let head = match func.kind {
            FunctionKind::Constructor(_) => "constructor(",
            FunctionKind::Static(_) => "static func(",
            FunctionKind::AsyncStatic(_) => "static async func(",
            FunctionKind::AsyncFreestanding | FunctionKind::AsyncMethod(_) => "async func(",
            _ => "func(",
        };
        out.text(head);
        let skip_self = is_self(&func.kind);
        let params: Vec<_> = func
            .params
            .iter()
            .filter(|p| !(skip_self && p.name == "self"))
            .collect();
        self.list(out, &params, |out, p| {
            out.text(&p.name);
            out.text(": ");
            self.ty(out, &p.ty);
        });
        out.text(")");
        let result = match (&func.kind, &func.result) {
            // A constructor's result is the resource itself, or a `result` of it.
            (FunctionKind::Constructor(_), Some(Type::Id(id)))
                if matches!(self.resolve.types[*id].kind, TypeDefKind::Result(_)) =>
            {
                Some(Type::Id(*id))
            }
            (FunctionKind::Constructor(_), _) => None,
            (_, result) => *result,
        };
        if let Some(result) = result {
            out.text(" -> ");
            self.ty(out, &result);
        }
    }

    /// A type definition on one line, for comparison: `record entry { key: string }`.
    pub fn definition<O: Out>(&self, out: &mut O, id: TypeId) {
        let def = &self.resolve.types[id];
        let name = def.name.as_deref().unwrap_or("_");
        match &def.kind {
            TypeDefKind::Record(r) => braced(out, "record", name, |out| {
                self.list(out, &r.fields, |out, f| {
                    out.text(&f.name);
                    out.text(": ");
                    self.ty(out, &f.ty);
                })
            }),
            TypeDefKind::Variant(v) => braced(out, "variant", name, |out| {
                self.list(out, &v.cases, |out, c| {
                    out.text(&c.name);
                    if let Some(t) = &c.ty {
                        out.text("(");
                        self.ty(out, t);
                        out.text(")");
                    }
                })
            }),
            TypeDefKind::Enum(e) => braced(out, "enum", name, |out| {
                self.list(out, &e.cases, |out, c| out.text(&c.name))
            }),
            TypeDefKind::Flags(f) => braced(out, "flags", name, |out| {
                self.list(out, &f.flags, |out, c| out.text(&c.name))
            }),
            TypeDefKind::Resource => out_all(out, &["resource ", name]),
            kind => {
                out_all(out, &["type ", name, " = "]);
                self.anonymous(out, kind);
            }
        }
    }

    /// What `print` writes, as plain text.
    pub fn text(&self, print: impl FnOnce(&Self, &mut String)) -> String {
        let mut out = String::new();
        print(self, &mut out);
        out
    }
}

/// `keyword name { body }`.
fn braced<O: Out>(out: &mut O, keyword: &str, name: &str, body: impl FnOnce(&mut O)) {
    out_all(out, &[keyword, " ", name, " { "]);
    body(out);
    out.text(" }");
}

fn out_all(out: &mut impl Out, parts: &[&str]) {
    for part in parts {
        out.text(part);
    }
}

fn is_self(kind: &FunctionKind) -> bool {
    matches!(kind, FunctionKind::Method(_) | FunctionKind::AsyncMethod(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIT: &str = "package a:b;
interface i {
    record entry { key: string, value: option<list<u8>> }
    variant failure { gone, other(string) }
    enum color { red, green }
    flags access { read, write }
    resource store {
        constructor(size: u32) -> result<store, failure>;
        get: func(key: borrow<store>) -> result<_, failure>;
        open: static async func() -> tuple<u8, string>;
    }
    type fixed = list<u8, 4>;
    type pending = future<stream>;
    put: func(entries: list<entry>) -> result<entry>;
    wait: async func();
}";

    /// Every definition and function of the interface, printed as plain text.
    fn printed() -> Vec<String> {
        let mut resolve = Resolve::default();
        resolve
            .push_str("test.wit", WIT)
            .expect("the test WIT loads");
        let p = Printer { resolve: &resolve };
        let iface = resolve.interfaces.iter().next().expect("one interface").1;
        let types = iface
            .types
            .values()
            .map(|&id| p.text(|p, out| p.definition(out, id)));
        let funcs = iface
            .functions
            .iter()
            .map(|(name, f)| format!("{name}: {}", p.text(|p, out| p.func(out, f))));
        types.chain(funcs).collect()
    }

    #[test]
    fn prints_wit_syntax() {
        assert_eq!(
            printed(),
            [
                "record entry { key: string, value: option<list<u8>> }",
                "variant failure { gone, other(string) }",
                "enum color { red, green }",
                "flags access { read, write }",
                "resource store",
                "type fixed = list<u8, 4>",
                "type pending = future<stream>",
                "[constructor]store: constructor(size: u32) -> result<store, failure>",
                "[method]store.get: func(key: borrow<store>) -> result<_, failure>",
                "[static]store.open: static async func() -> tuple<u8, string>",
                "put: func(entries: list<entry>) -> result<entry>",
                "wait: async func()",
            ]
        );
    }
}
