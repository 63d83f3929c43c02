//! WIT types as Rust types, the way wasmtime's `bindgen!` (host) and wit-bindgen (guest)
//! spell them, so a generated stub has exactly the signature of the trait it implements.
//!
//! Named types are printed through the module of the interface that names them, the
//! same module the bindings generator puts them in; anonymous types are spelled out.

use std::collections::HashMap;

use heck::{ToSnakeCase, ToUpperCamelCase};
use wit_bindgen_core::name_package_module;
use wit_bindgen_core::wit_parser::{
    Function, FunctionKind, Handle, InterfaceId, Resolve, Type, TypeDefKind, TypeId, TypeOwner,
    WorldId, WorldItem, WorldKey,
};

/// Which bindings generator's conventions to follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// wasmtime's `bindgen!`: owned parameters, `Resource<T>` handles.
    Host,
    /// wit-bindgen's exports: owned parameters, `TBorrow<'_>` for borrowed exported resources.
    Guest,
}

/// A Rust identifier for a WIT name, as both generators escape it.
///
/// wit-bindgen-rust's list, plus `gen` (reserved since edition 2024), which wasmtime
/// also escapes.
pub fn rust_ident(name: &str) -> String {
    match name {
        "gen" => "gen_".to_string(),
        _ => wit_bindgen_rust::to_rust_ident(name),
    }
}

/// A Rust type name for a WIT name.
pub fn camel(name: &str) -> String {
    name.to_upper_camel_case()
}

/// The Rust name of a function in a generated trait: `new` for constructors.
pub fn function_name(func: &Function) -> String {
    match func.kind {
        FunctionKind::Constructor(_) => "new".to_string(),
        _ => rust_ident(func.item_name()),
    }
}

/// Rust names for a WIT item of interface `i`, shortest first: `Bucket` (when `bare`),
/// `StoreBucket`, `KeyvalueStoreBucket`, then with the version. Items of a package the
/// input holds at several versions get only the versioned name, so that no version passes
/// for the default one.
pub fn name_candidates(r: &Resolve, i: InterfaceId, name: &str, bare: bool) -> Vec<String> {
    let iface = &r.interfaces[i];
    let iname = camel(iface.name.as_deref().unwrap_or(""));
    let tname = camel(name);
    let mut out = Vec::new();
    if bare {
        out.push(tname.clone());
    }
    out.push(format!("{iname}{tname}"));
    let Some(pkg) = iface.package.map(|p| &r.packages[p].name) else {
        return out;
    };
    let versioned = pkg.version.as_ref().map(|v| {
        let v = camel(&v.to_string().replace(['.', '-', '+'], "_"));
        format!("{}{v}{iname}{tname}", camel(&pkg.name))
    });
    let versions = r
        .packages
        .iter()
        .filter(|(_, p)| p.name.namespace == pkg.namespace && p.name.name == pkg.name)
        .count();
    if let (Some(v), true) = (&versioned, versions > 1) {
        return vec![v.clone()];
    }
    out.push(format!("{}{iname}{tname}", camel(&pkg.name)));
    out.extend(versioned);
    out
}

/// Module paths of a world's interfaces in the generated bindings, and how to spell types.
pub struct RustTypes<'a> {
    pub resolve: &'a Resolve,
    side: Side,
    /// Prefix of every bindings path: `bindings::` or empty (guest macro at the crate root).
    root: String,
    modules: HashMap<InterfaceId, String>,
    exported: HashMap<InterfaceId, bool>,
    /// Resources mapped (`with:`) to a type of the crate, by their definition.
    crate_types: HashMap<TypeId, String>,
}

/// A function signature up to its opening brace, as rustfmt lays it out at one level of
/// indentation: on one line when it fits in 100 columns, else one parameter per line.
pub fn layout_fn(head: &str, params: &[String], ret: &str) -> String {
    const WIDTH: usize = 100;
    let arrow = if ret.is_empty() || ret == "()" {
        String::new()
    } else {
        format!(" -> {ret}")
    };
    let one_line = format!("{head}({}){arrow} {{", params.join(", "));
    if one_line.len() + 4 <= WIDTH || params.is_empty() {
        return one_line;
    }
    let mut out = format!("{head}(\n");
    for p in params {
        out.push_str(&format!("        {p},\n"));
    }
    let close = format!("    ){arrow}");
    if close.len() + 2 <= WIDTH {
        out.push_str(&close);
        out.push_str(" {");
    } else {
        out.push_str(&close);
        out.push_str("\n    {");
    }
    out
}

/// An interface the world imports (or, with `exports`, exports) under several names
/// (`import primary: store; import secondary: store;`), said as `a:b/store` as
/// `primary`, `secondary`: the scaffolds implement each interface once, through one
/// module, and cannot tell them apart.
pub fn interface_under_several_names(
    resolve: &Resolve,
    world: WorldId,
    exports: bool,
) -> Option<String> {
    let w = &resolve.worlds[world];
    let items = if exports { &w.exports } else { &w.imports };
    let mut names: HashMap<InterfaceId, Vec<String>> = HashMap::new();
    for (key, item) in items {
        if let (WorldKey::Name(name), WorldItem::Interface { id, .. }) = (key, item) {
            names.entry(*id).or_default().push(format!("`{name}`"));
        }
    }
    let mut several: Vec<_> = names.into_iter().filter(|(_, n)| n.len() > 1).collect();
    several.sort_by(|a, b| a.1.cmp(&b.1));
    let (id, names) = several.into_iter().next()?;
    let iface = resolve.id_of(id).unwrap_or_default();
    Some(format!("`{iface}` as {}", names.join(", ")))
}

impl<'a> RustTypes<'a> {
    /// `remapped` gives interfaces whose bindings live in another crate (`with:`), by path.
    pub fn new(
        resolve: &'a Resolve,
        world: WorldId,
        side: Side,
        root: &str,
        remapped: &dyn Fn(InterfaceId) -> Option<String>,
    ) -> Self {
        let mut modules = HashMap::new();
        let mut exported = HashMap::new();
        let w = &resolve.worlds[world];
        let imports = w.imports.iter().map(|i| (i, false));
        let exports = w.exports.iter().map(|e| (e, true));
        // An interface the world imports and exports has a module on each side: a guest
        // implements (and spells the types of) the export's, a host the import's.
        let items: Vec<_> = match side {
            Side::Guest => exports.chain(imports).collect(),
            Side::Host => imports.chain(exports).collect(),
        };
        for ((key, item), is_export) in items {
            let WorldItem::Interface { id, .. } = item else {
                continue;
            };
            if modules.contains_key(id) {
                continue;
            }
            let path = match remapped(*id).filter(|_| !is_export) {
                Some(path) => path,
                None => {
                    let mut segs = Vec::new();
                    if is_export {
                        segs.push("exports".to_string());
                    }
                    match key {
                        WorldKey::Name(name) => segs.push(name.to_snake_case()),
                        WorldKey::Interface(_) => {
                            let iface = &resolve.interfaces[*id];
                            let pkg = iface.package.expect("keyed interfaces have a package");
                            segs.push(resolve.packages[pkg].name.namespace.to_snake_case());
                            segs.push(name_package_module(resolve, pkg));
                            segs.push(rust_ident(iface.name.as_deref().unwrap_or("")));
                        }
                    }
                    format!("{root}{}", segs.join("::"))
                }
            };
            modules.insert(*id, path);
            exported.insert(*id, is_export);
        }
        RustTypes {
            resolve,
            side,
            root: root.to_string(),
            modules,
            exported,
            crate_types: HashMap::new(),
        }
    }

    /// Spells handles to these resources with the crate's own type (`Resource<Bucket>`).
    pub fn with_crate_types(mut self, types: impl IntoIterator<Item = (TypeId, String)>) -> Self {
        self.crate_types = types.into_iter().collect();
        self
    }

    /// The module path of an interface of the world.
    pub fn module(&self, iface: InterfaceId) -> &str {
        self.modules.get(&iface).map(String::as_str).unwrap_or("")
    }

    /// The path of a named type: through its interface's module, or the bindings root for
    /// world-level types.
    pub fn named(&self, id: TypeId) -> String {
        let ty = &self.resolve.types[id];
        let name = camel(ty.name.as_deref().unwrap_or(""));
        match ty.owner {
            TypeOwner::Interface(i) => format!("{}::{name}", self.module(i)),
            _ => format!("{}{name}", self.root),
        }
    }

    /// Whether a resource is implemented by the guest (exported) rather than the host.
    fn exported_resource(&self, id: TypeId) -> bool {
        let def = wit_bindgen_core::dealias(self.resolve, id);
        match self.resolve.types[def].owner {
            TypeOwner::Interface(i) => self.exported.get(&i).copied().unwrap_or(false),
            _ => false,
        }
    }

    /// A parameter or result type (owned, as both generators spell parameters).
    pub fn ty(&self, ty: &Type) -> String {
        match ty {
            Type::Bool => "bool".into(),
            Type::U8 => "u8".into(),
            Type::U16 => "u16".into(),
            Type::U32 => "u32".into(),
            Type::U64 => "u64".into(),
            Type::S8 => "i8".into(),
            Type::S16 => "i16".into(),
            Type::S32 => "i32".into(),
            Type::S64 => "i64".into(),
            Type::F32 => "f32".into(),
            Type::F64 => "f64".into(),
            Type::Char => "char".into(),
            Type::String => "String".into(),
            Type::ErrorContext => match self.side {
                Side::Host => "wasmtime::component::ErrorContext".into(),
                Side::Guest => "wit_bindgen::rt::async_support::ErrorContext".into(),
            },
            Type::Id(id) => self.type_id(*id),
        }
    }

    fn optional(&self, ty: Option<&Type>) -> String {
        ty.map(|t| self.ty(t)).unwrap_or_else(|| "()".into())
    }

    fn type_id(&self, id: TypeId) -> String {
        let def = &self.resolve.types[id];
        if def.name.is_some() {
            let mut path = self.named(id);
            if self.side == Side::Guest && self.has_borrow(id) {
                path.push_str("<'_>");
            }
            return path;
        }
        match &def.kind {
            TypeDefKind::List(t) => format!("Vec<{}>", self.ty(t)),
            TypeDefKind::FixedLengthList(t, n) => format!("[{}; {n}]", self.ty(t)),
            TypeDefKind::Map(k, v) => match self.side {
                Side::Host => format!("std::collections::HashMap<{}, {}>", self.ty(k), self.ty(v)),
                Side::Guest => format!("wit_bindgen::rt::Map<{}, {}>", self.ty(k), self.ty(v)),
            },
            TypeDefKind::Option(t) => format!("Option<{}>", self.ty(t)),
            TypeDefKind::Result(r) => format!(
                "Result<{}, {}>",
                self.optional(r.ok.as_ref()),
                self.optional(r.err.as_ref())
            ),
            TypeDefKind::Tuple(t) => {
                let mut out = "(".to_string();
                for ty in &t.types {
                    out.push_str(&self.ty(ty));
                    out.push_str(", ");
                }
                if t.types.len() > 1 {
                    out.truncate(out.len() - 2);
                } else if t.types.len() == 1 {
                    out.pop();
                }
                out.push(')');
                out
            }
            TypeDefKind::Handle(h) => self.handle(h),
            TypeDefKind::Future(t) => match self.side {
                Side::Host => format!(
                    "wasmtime::component::FutureReader<{}>",
                    self.optional(t.as_ref())
                ),
                Side::Guest => format!("wit_bindgen::FutureReader<{}>", self.optional(t.as_ref())),
            },
            TypeDefKind::Stream(t) => match self.side {
                Side::Host => format!(
                    "wasmtime::component::StreamReader<{}>",
                    self.optional(t.as_ref())
                ),
                Side::Guest => format!("wit_bindgen::StreamReader<{}>", self.optional(t.as_ref())),
            },
            TypeDefKind::Type(t) => self.ty(t),
            // Records, variants, enums, flags and resources always have names in WIT.
            TypeDefKind::Record(_)
            | TypeDefKind::Variant(_)
            | TypeDefKind::Enum(_)
            | TypeDefKind::Flags(_)
            | TypeDefKind::Resource
            | TypeDefKind::Unknown => "()".into(),
        }
    }

    fn handle(&self, handle: &Handle) -> String {
        let (Handle::Own(r) | Handle::Borrow(r)) = handle;
        let resource = self.named(*r);
        match (self.side, handle) {
            (Side::Host, _) if self.exported_resource(*r) => {
                "wasmtime::component::ResourceAny".into()
            }
            (Side::Host, _) => {
                let def = wit_bindgen_core::dealias(self.resolve, *r);
                match self.crate_types.get(&def) {
                    Some(name) => format!("Resource<{name}>"),
                    None => format!("Resource<{resource}>"),
                }
            }
            (Side::Guest, Handle::Own(_)) => resource,
            (Side::Guest, Handle::Borrow(_)) if self.exported_resource(*r) => {
                format!("{resource}Borrow<'_>")
            }
            (Side::Guest, Handle::Borrow(_)) => format!("&{resource}"),
        }
    }

    /// Whether a named type holds a borrowed handle: wit-bindgen gives it a lifetime.
    fn has_borrow(&self, id: TypeId) -> bool {
        fn walk(r: &Resolve, ty: &Type, depth: usize) -> bool {
            let Type::Id(id) = ty else { return false };
            if depth > 64 {
                return false;
            }
            let d = depth + 1;
            match &r.types[*id].kind {
                TypeDefKind::Handle(Handle::Borrow(_)) => true,
                TypeDefKind::Record(rec) => rec.fields.iter().any(|f| walk(r, &f.ty, d)),
                TypeDefKind::Variant(v) => v
                    .cases
                    .iter()
                    .any(|c| c.ty.as_ref().is_some_and(|t| walk(r, t, d))),
                TypeDefKind::Tuple(t) => t.types.iter().any(|t| walk(r, t, d)),
                TypeDefKind::Option(t) | TypeDefKind::List(t) | TypeDefKind::Type(t) => {
                    walk(r, t, d)
                }
                TypeDefKind::FixedLengthList(t, _) => walk(r, t, d),
                TypeDefKind::Result(res) => {
                    res.ok.as_ref().is_some_and(|t| walk(r, t, d))
                        || res.err.as_ref().is_some_and(|t| walk(r, t, d))
                }
                _ => false,
            }
        }
        match &self.resolve.types[id].kind {
            // A named alias of a borrow is the borrow itself.
            TypeDefKind::Handle(Handle::Borrow(_)) => false,
            _ => walk(self.resolve, &Type::Id(id), 0),
        }
    }

    /// `name: Type, ...` for a function's parameters (without any receiver).
    pub fn params(&self, func: &Function) -> Vec<(String, String)> {
        let skip = usize::from(
            matches!(
                func.kind,
                FunctionKind::Method(_) | FunctionKind::AsyncMethod(_)
            ) && self.side == Side::Guest,
        );
        func.params
            .iter()
            .skip(skip)
            .map(|p| (rust_ident(&p.name), self.ty(&p.ty)))
            .collect()
    }

    /// The result type, `()` for none.
    pub fn result(&self, func: &Function) -> String {
        self.optional(func.result.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wit_bindgen_core::wit_parser::{Interface, Resolve};

    fn load(src: &str) -> (Resolve, WorldId) {
        let mut r = Resolve::default();
        let pkg = r.push_str("t.wit", src).unwrap();
        let world = r.select_world(&[pkg], None).unwrap();
        (r, world)
    }

    /// The interface called `name` (`None`: the anonymous one).
    fn iface<'r>(r: &'r Resolve, name: Option<&str>) -> &'r Interface {
        r.interfaces
            .iter()
            .find(|(_, i)| i.name.as_deref() == name)
            .unwrap()
            .1
    }

    const SRC: &str = r#"
        package t:p@1.0.0;
        interface i {
            resource res { m: func(other: borrow<res>) -> own<res>; }
            record r { a: u32 }
            flags f { x }
            type alias = list<u8>;
            f1: func(%type: string, %in: list<r>, t: tuple<u8, string>, one: tuple<u8>) -> result<option<r>, f>;
            f2: func(x: list<u8, 4>, a: alias) -> result;
        }
        world w { import i; export e: interface { use i.{res}; g: func(r: borrow<res>) -> res; } }
    "#;

    #[test]
    fn host_signatures_follow_wasmtime() {
        let (r, w) = load(SRC);
        let t = RustTypes::new(&r, w, Side::Host, "bindings::", &|_| None);
        let i = iface(&r, Some("i"));
        let f1 = &i.functions["f1"];
        let params: Vec<String> = t
            .params(f1)
            .into_iter()
            .map(|(n, ty)| format!("{n}: {ty}"))
            .collect();
        assert_eq!(
            params,
            [
                "type_: String",
                "in_: Vec<bindings::t::p::i::R>",
                "t: (u8, String)",
                "one: (u8,)"
            ]
        );
        assert_eq!(
            t.result(f1),
            "Result<Option<bindings::t::p::i::R>, bindings::t::p::i::F>"
        );
        let f2 = &i.functions["f2"];
        assert_eq!(t.params(f2)[0].1, "[u8; 4]");
        assert_eq!(t.params(f2)[1].1, "bindings::t::p::i::Alias");
        assert_eq!(t.result(f2), "Result<(), ()>");
        let m = &i.functions["[method]res.m"];
        assert_eq!(
            t.params(m)[0],
            ("self_".into(), "Resource<bindings::t::p::i::Res>".into())
        );
    }

    #[test]
    fn guest_borrows_exported_resources_and_skips_self() {
        let (r, w) = load(SRC);
        let t = RustTypes::new(&r, w, Side::Guest, "", &|_| None);
        let i = iface(&r, Some("i"));
        let m = &i.functions["[method]res.m"];
        assert_eq!(
            t.params(m),
            [("other".to_string(), "&t::p::i::Res".to_string())]
        );
        let e = iface(&r, None);
        let g = &e.functions["g"];
        assert_eq!(
            t.params(g),
            [("r".to_string(), "&exports::e::Res".to_string())]
        );
        assert_eq!(t.result(g), "exports::e::Res");
    }
}
