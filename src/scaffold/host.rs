//! `witlint scaffold host`: a wasmtime backend crate implementing a world's imports.
//!
//! The stubs mirror what wasmtime's `bindgen!` generates for
//! `imports: { default: trappable }` (or `async | trappable`): one `Host` trait per
//! interface and one `Host<Resource>` trait per resource, each resource mapped with `with:`
//! to a type of the crate, each WIT error type of a fallible import mapped with
//! `trappable_error_type` to an enum that can also trap.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToSnakeCase;
use indexmap::IndexMap;
use serde::Serialize;
use wit_bindgen_core::wit_parser::{
    Function, InterfaceId, Resolve, Stability, Type, TypeDefKind, TypeId, TypeOwner, WorldId,
    WorldItem,
};

use super::names::{Names, doc_lines};
use super::rust_types::{
    RustTypes, Side, camel, function_name, layout_fn, name_candidates, rust_ident,
};

/// What the host templates see.
#[derive(Debug, Serialize)]
pub struct HostModel {
    pub crate_name: String,
    pub lib_name: String,
    pub target: String,
    pub wasmtime: u32,
    pub is_async: bool,
    /// `world: "..."` or `interfaces: "..."` of the `bindgen!` call.
    pub bindgen_source: String,
    pub with: Vec<Mapping>,
    pub trappable: Vec<Mapping>,
    pub ctx: String,
    pub view: String,
    pub marker: String,
    pub resources: Vec<RustItem>,
    pub errors: Vec<ErrorItem>,
    pub impls: Vec<Impl>,
    pub linkers: Vec<LinkCall>,
    /// The world imports wasi:io 0.2, which wasmtime-wasi-io implements.
    pub wasi_io: bool,
    /// The WIT has streams, futures or `error-context`: `bindgen!` refuses them without
    /// wasmtime's `component-model-async` feature.
    pub component_model_async: bool,
    /// The world's bindings struct, when the world exports something to call.
    pub world_struct: Option<String>,
    /// Some signature mentions `Resource<…>`: import it.
    pub uses_resource: bool,
}

#[derive(Debug, Serialize)]
pub struct Mapping {
    pub wit: String,
    pub rust: String,
}

#[derive(Debug, Serialize)]
pub struct RustItem {
    pub name: String,
    pub wit: String,
    pub docs: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ErrorItem {
    pub name: String,
    pub wit: String,
    /// The generated WIT error type, e.g. `bindings::wasi::keyvalue::store::Error`.
    pub wit_type: String,
}

#[derive(Debug, Serialize)]
pub struct Impl {
    pub wit: String,
    pub trait_path: String,
    pub methods: Vec<Method>,
}

#[derive(Debug, Serialize)]
pub struct Method {
    pub docs: Vec<String>,
    pub signature: String,
    pub body: String,
}

#[derive(Debug, Serialize)]
pub struct LinkCall {
    pub module: String,
    /// `@unstable` features of the interface, as `LinkOptions` setters; all enabled.
    pub features: Vec<String>,
}

/// Whether wasmtime-wasi-io provides an interface (wasi:io 0.2.x).
pub fn is_wasi_io_02(r: &Resolve, iface: InterfaceId) -> bool {
    r.interfaces[iface].package.is_some_and(|p| {
        let n = &r.packages[p].name;
        n.namespace == "wasi"
            && n.name == "io"
            && n.version
                .as_ref()
                .is_some_and(|v| v.major == 0 && v.minor == 2)
    })
}

/// The first WIT `async` function among the imports the host would implement: bindgen puts
/// those in `HostWithStore` traits taking an `Accessor`, which this scaffold does not write.
pub fn unsupported_async(r: &Resolve, world: WorldId) -> Option<String> {
    r.worlds[world].imports.values().find_map(|i| match i {
        WorldItem::Interface { id, .. } if !is_wasi_io_02(r, *id) => r.interfaces[*id]
            .functions
            .values()
            .find(|f| f.kind.is_async())
            .map(|f| format!("{}.{}", r.id_of(*id).unwrap_or_default(), f.name)),
        WorldItem::Function(f) if f.kind.is_async() => Some(f.name.clone()),
        _ => None,
    })
}

/// Whether the WIT has a stream, a future or an `error-context` anywhere: wasmtime's
/// `bindgen!` reads the whole package and refuses them without `component-model-async`
/// ("must enable `component-model-async` feature when using WIT files containing future,
/// stream, or error-context types").
fn component_model_async(r: &Resolve) -> bool {
    let error_context = |t: &Type| matches!(t, Type::ErrorContext);
    let in_function = |f: &Function| {
        f.params
            .iter()
            .map(|p| &p.ty)
            .chain(&f.result)
            .any(error_context)
    };
    r.types.iter().any(|(id, d)| {
        let mut found = matches!(d.kind, TypeDefKind::Stream(_) | TypeDefKind::Future(_));
        crate::lint::types::type_children(r, id, &mut |t| found |= error_context(&t));
        found
    }) || r
        .interfaces
        .iter()
        .any(|(_, i)| i.functions.values().any(in_function))
        || r.worlds.iter().any(|(_, w)| {
            w.imports
                .values()
                .chain(w.exports.values())
                .any(|i| match i {
                    WorldItem::Function(f) => in_function(f),
                    _ => false,
                })
        })
}

pub struct HostOptions {
    pub crate_name: String,
    pub wasmtime: u32,
    pub is_async: bool,
    /// `world: "ns:pkg/w@v"` or `interfaces: "import ns:pkg/i@v;"`.
    pub bindgen_source: String,
    pub target: String,
}

pub fn model(r: &Resolve, world: WorldId, opts: HostOptions) -> HostModel {
    let wasi_io = r.worlds[world]
        .imports
        .values()
        .any(|i| matches!(i, WorldItem::Interface { id, .. } if is_wasi_io_02(r, *id)));
    let remap = |i: InterfaceId| {
        is_wasi_io_02(r, i).then(|| {
            format!(
                "wasmtime_wasi_io::bindings::wasi::io::{}",
                rust_ident(r.interfaces[i].name.as_deref().unwrap_or(""))
            )
        })
    };
    let base = camel(&opts.crate_name);
    let mut names = Names::default();
    let ctx = names.claim(&[format!("{base}Ctx")]);
    let view = names.claim(&[format!("{base}View")]);
    let marker = names.claim(&[format!("Has{base}")]);

    let implemented: Vec<InterfaceId> = r.worlds[world]
        .imports
        .values()
        .filter_map(|i| match i {
            WorldItem::Interface { id, .. } if !is_wasi_io_02(r, *id) => Some(*id),
            _ => None,
        })
        .collect();

    // Resources of implemented interfaces, each mapped to a type of the crate.
    let mut resources = Vec::new();
    let mut with = Vec::new();
    let mut resource_names: BTreeMap<TypeId, String> = BTreeMap::new();
    for &i in &implemented {
        let iface = &r.interfaces[i];
        for (tname, &t) in &iface.types {
            if !matches!(r.types[t].kind, TypeDefKind::Resource) {
                continue;
            }
            let wit = format!("{}.{tname}", r.id_of(i).unwrap_or_default());
            let name = names.claim(&name_candidates(r, i, tname, true));
            with.push(Mapping {
                wit: wit.clone(),
                rust: format!("crate::{name}"),
            });
            resources.push(RustItem {
                name: name.clone(),
                wit,
                docs: doc_lines(&r.types[t].docs),
            });
            resource_names.insert(t, name);
        }
    }
    if wasi_io {
        with.push(Mapping {
            wit: "wasi:io".into(),
            rust: "wasmtime_wasi_io::bindings::wasi::io".into(),
        });
    }

    let types = RustTypes::new(r, world, Side::Host, "bindings::", &remap)
        .with_crate_types(resource_names.clone());

    // Error types of fallible imports, each mapped to an enum that can also trap.
    let mut errors: IndexMap<TypeId, ErrorItem> = IndexMap::new();
    for &i in &implemented {
        for func in r.interfaces[i].functions.values() {
            let Some((_, err)) = trappable_error(r, func) else {
                continue;
            };
            let TypeOwner::Interface(owner) = r.types[err].owner else {
                continue;
            };
            if !implemented.contains(&owner) || errors.contains_key(&err) {
                continue;
            }
            let tname = r.types[err].name.clone().unwrap_or_default();
            // A bare `Error` would shadow too much: no bare candidate.
            let name = names.claim(&name_candidates(r, owner, &tname, false));
            errors.insert(
                err,
                ErrorItem {
                    name,
                    wit: format!("{}.{tname}", r.id_of(owner).unwrap_or_default()),
                    wit_type: types.named(err),
                },
            );
        }
    }
    let trappable = errors
        .values()
        .map(|e| Mapping {
            wit: e.wit.clone(),
            rust: format!("crate::{}", e.name),
        })
        .collect();

    let sig = Signatures {
        r,
        types: &types,
        errors: &errors,
        resource_names: &resource_names,
        is_async: opts.is_async,
    };
    let mut impls = Vec::new();
    let mut linkers = Vec::new();
    for &i in &implemented {
        let iface = &r.interfaces[i];
        let module = types.module(i).to_string();
        let wit = r.id_of(i).unwrap_or_default();
        let mut methods: Vec<Method> = iface
            .functions
            .values()
            .filter(|f| f.kind.resource().is_none())
            .map(|f| sig.method(f))
            .collect();
        for e in errors
            .keys()
            .filter(|e| r.types[**e].owner == TypeOwner::Interface(i))
        {
            methods.push(sig.convert_error(*e));
        }
        impls.push(Impl {
            wit: wit.clone(),
            trait_path: format!("{module}::Host"),
            methods,
        });
        for (tname, &t) in &iface.types {
            if !matches!(r.types[t].kind, TypeDefKind::Resource) {
                continue;
            }
            let mut methods: Vec<Method> = iface
                .functions
                .values()
                .filter(|f| f.kind.resource() == Some(t))
                .map(|f| sig.method(f))
                .collect();
            methods.push(sig.drop(t));
            impls.push(Impl {
                wit: format!("{wit}.{tname}"),
                trait_path: format!("{module}::Host{}", camel(tname)),
                methods,
            });
        }
        linkers.push(LinkCall {
            module,
            features: unstable_features(r, i),
        });
    }

    let uses_resource = impls
        .iter()
        .flat_map(|i| &i.methods)
        .any(|m| m.signature.contains("Resource<"));
    let w = &r.worlds[world];
    let world_struct = (!w.exports.is_empty()).then(|| camel(&w.name));
    let lib_name = opts.crate_name.to_snake_case();
    HostModel {
        crate_name: opts.crate_name,
        lib_name,
        target: opts.target,
        wasmtime: opts.wasmtime,
        is_async: opts.is_async,
        bindgen_source: opts.bindgen_source,
        with,
        trappable,
        ctx,
        view,
        marker,
        resources,
        errors: errors.into_values().collect(),
        impls,
        linkers,
        wasi_io,
        component_model_async: component_model_async(r),
        world_struct,
        uses_resource,
    }
}

/// The error type wasmtime's `trappable_error_type` would apply to: the named `E` of a
/// function returning `result<T, E>`, followed through aliases; with `T`.
fn trappable_error(r: &Resolve, func: &Function) -> Option<(Option<Type>, TypeId)> {
    let Some(Type::Id(id)) = func.result else {
        return None;
    };
    let TypeDefKind::Result(res) = &r.types[id].kind else {
        return None;
    };
    let Some(Type::Id(mut err)) = res.err else {
        return None;
    };
    while let TypeDefKind::Type(Type::Id(next)) = r.types[err].kind {
        err = next;
    }
    r.types[err].name.is_some().then_some((res.ok, err))
}

/// The `@unstable` features an interface's `add_to_linker` takes `LinkOptions` for.
fn unstable_features(r: &Resolve, i: InterfaceId) -> Vec<String> {
    let iface = &r.interfaces[i];
    let mut out = BTreeSet::new();
    let stabilities = std::iter::once(&iface.stability)
        .chain(iface.types.values().map(|t| &r.types[*t].stability))
        .chain(iface.functions.values().map(|f| &f.stability));
    for s in stabilities {
        if let Stability::Unstable { feature, .. } = s {
            out.insert(feature.clone());
        }
    }
    out.into_iter().map(|f| f.to_snake_case()).collect()
}

struct Signatures<'a> {
    r: &'a Resolve,
    types: &'a RustTypes<'a>,
    errors: &'a IndexMap<TypeId, ErrorItem>,
    resource_names: &'a BTreeMap<TypeId, String>,
    is_async: bool,
}

impl Signatures<'_> {
    fn prefix(&self) -> &'static str {
        if self.is_async { "async fn" } else { "fn" }
    }

    fn method(&self, func: &Function) -> Method {
        let params: Vec<String> = std::iter::once("&mut self".to_string())
            .chain(
                self.types
                    .params(func)
                    .iter()
                    .map(|(n, t)| format!("{n}: {t}")),
            )
            .collect();
        let trappable =
            trappable_error(self.r, func).and_then(|(ok, e)| Some((ok, self.errors.get(&e)?)));
        let result = match trappable {
            Some((ok, err)) => {
                let ok = ok.map(|t| self.types.ty(&t)).unwrap_or_else(|| "()".into());
                format!("Result<{ok}, {}>", err.name)
            }
            None => format!("wasmtime::Result<{}>", self.types.result(func)),
        };
        Method {
            docs: doc_lines(&func.docs),
            signature: layout_fn(
                &format!("{} {}", self.prefix(), function_name(func)),
                &params,
                &result,
            ),
            body: "todo!()".into(),
        }
    }

    fn drop(&self, resource: TypeId) -> Method {
        let name = &self.resource_names[&resource];
        Method {
            docs: vec![format!(
                "Frees a `{}` when the guest drops its handle.",
                self.r.types[resource].name.as_deref().unwrap_or("")
            )],
            signature: layout_fn(
                &format!("{} drop", self.prefix()),
                &["&mut self".into(), format!("rep: Resource<{name}>")],
                "wasmtime::Result<()>",
            ),
            body: "self.table.delete(rep)?;\n        Ok(())".into(),
        }
    }

    fn convert_error(&self, err: TypeId) -> Method {
        let e = &self.errors[&err];
        let wit_name = self.r.types[err].name.as_deref().unwrap_or("");
        Method {
            docs: vec![format!(
                "Turns a [`{}`] into the WIT `{wit_name}` the guest sees, or a trap.",
                e.name
            )],
            signature: layout_fn(
                &format!("fn convert_{}", wit_name.to_snake_case()),
                &["&mut self".into(), format!("err: {}", e.name)],
                &format!("wasmtime::Result<{}>", e.wit_type),
            ),
            body: format!(
                "match err {{\n            {0}::Wit(e) => Ok(e),\n            {0}::Trap(e) => Err(e),\n        }}",
                e.name
            ),
        }
    }
}
