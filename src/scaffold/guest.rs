//! `witlint scaffold guest`: a component crate implementing a world's exports with
//! wit-bindgen, as its `Guest` traits spell them.

use std::path::{Path, PathBuf};

use anyhow::Result;
use heck::ToSnakeCase;
use serde::Serialize;
use wit_bindgen_core::WorldGenerator;
use wit_bindgen_core::wit_parser::{
    Function, FunctionKind, Resolve, Type, TypeDefKind, WorldId, WorldItem,
};

use super::names::{Names, doc_lines};
use super::rust_types::{RustTypes, Side, camel, function_name, layout_fn, name_candidates};
use super::templates::render;

#[derive(Debug, Serialize)]
pub struct GuestModel {
    pub crate_name: String,
    pub lib_name: String,
    pub target: String,
    /// Bindings in src/bindings.rs rather than from the macro.
    pub file: bool,
    pub component: String,
    pub resources: Vec<ResourceItem>,
    pub impls: Vec<GuestImpl>,
}

#[derive(Debug, Serialize)]
pub struct ResourceItem {
    pub name: String,
    pub wit: String,
    pub docs: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct GuestImpl {
    pub wit: String,
    pub trait_path: String,
    pub self_type: String,
    /// `type Bucket = MyBucket;` lines of an interface's `Guest` trait.
    pub assoc: Vec<Assoc>,
    pub methods: Vec<GuestMethod>,
}

#[derive(Debug, Serialize)]
pub struct Assoc {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Serialize)]
pub struct GuestMethod {
    pub docs: Vec<String>,
    pub signature: String,
}

pub fn model(
    r: &Resolve,
    world: WorldId,
    crate_name: &str,
    target: &str,
    file: bool,
) -> GuestModel {
    let root = if file { "bindings::" } else { "" };
    let types = RustTypes::new(r, world, Side::Guest, root, &|_| None);
    let w = &r.worlds[world];
    let mut names = Names::default();
    // The macro puts world-level items at the crate root: keep clear of them.
    for key in w.imports.keys().chain(w.exports.keys()) {
        let n = r.name_world_key(key);
        names.claim(&[camel(&n)]);
    }
    names.claim(&["Guest".into()]);
    let component = names.claim(&["Component".into()]);

    let mut resources = Vec::new();
    let mut impls = Vec::new();
    let world_funcs: Vec<&Function> = w
        .exports
        .values()
        .filter_map(|e| match e {
            WorldItem::Function(f) => Some(f),
            _ => None,
        })
        .collect();
    if !world_funcs.is_empty() {
        impls.push(GuestImpl {
            wit: super::wit_tree::world_id(r, world),
            trait_path: format!("{root}Guest"),
            self_type: component.clone(),
            assoc: vec![],
            methods: world_funcs.iter().map(|f| method(&types, f)).collect(),
        });
    }
    for item in w.exports.values() {
        let WorldItem::Interface { id, .. } = item else {
            continue;
        };
        let iface = &r.interfaces[*id];
        let module = types.module(*id).to_string();
        let wit = r
            .id_of(*id)
            .unwrap_or_else(|| iface.name.clone().unwrap_or_default());
        let mut assoc = Vec::new();
        let mut resource_impls = Vec::new();
        for (tname, &t) in &iface.types {
            if !matches!(r.types[t].kind, TypeDefKind::Resource) {
                continue;
            }
            let name = names.claim(&name_candidates(r, *id, tname, true));
            assoc.push(Assoc {
                name: camel(tname),
                value: name.clone(),
            });
            resources.push(ResourceItem {
                name: name.clone(),
                wit: format!("{wit}.{tname}"),
                docs: doc_lines(&r.types[t].docs),
            });
            resource_impls.push(GuestImpl {
                wit: format!("{wit}.{tname}"),
                trait_path: format!("{module}::Guest{}", camel(tname)),
                self_type: name,
                assoc: vec![],
                methods: iface
                    .functions
                    .values()
                    .filter(|f| f.kind.resource() == Some(t))
                    .map(|f| method(&types, f))
                    .collect(),
            });
        }
        impls.push(GuestImpl {
            wit,
            trait_path: format!("{module}::Guest"),
            self_type: component.clone(),
            assoc,
            methods: iface
                .functions
                .values()
                .filter(|f| f.kind.resource().is_none())
                .map(|f| method(&types, f))
                .collect(),
        });
        impls.extend(resource_impls);
    }
    GuestModel {
        crate_name: crate_name.to_string(),
        lib_name: crate_name.to_snake_case(),
        target: target.to_string(),
        file,
        component,
        resources,
        impls,
    }
}

fn method(types: &RustTypes<'_>, func: &Function) -> GuestMethod {
    let params: Vec<String> = types
        .params(func)
        .into_iter()
        .map(|(n, t)| format!("{n}: {t}"))
        .collect();
    let receiver = match func.kind {
        FunctionKind::Method(_) | FunctionKind::AsyncMethod(_) => Some("&self".to_string()),
        _ => None,
    };
    let all: Vec<String> = receiver.into_iter().chain(params).collect();
    let result = match func.kind {
        FunctionKind::Constructor(_) => match func.result.and_then(|t| constructor_error(types, t))
        {
            Some(err) => format!("Result<Self, {err}>"),
            None => "Self".into(),
        },
        _ => types.result(func),
    };
    let asyncness = if func.kind.is_async() { "async " } else { "" };
    GuestMethod {
        docs: doc_lines(&func.docs),
        signature: layout_fn(
            &format!("{asyncness}fn {}", function_name(func)),
            &all,
            &result,
        ),
    }
}

/// A fallible constructor (`constructor() -> result<_, E>`) returns `Result<Self, E>`.
fn constructor_error(
    types: &RustTypes<'_>,
    result: wit_bindgen_core::wit_parser::Type,
) -> Option<String> {
    let wit_bindgen_core::wit_parser::Type::Id(id) = result else {
        return None;
    };
    match &types.resolve.types[id].kind {
        TypeDefKind::Result(r) => Some(
            r.err
                .as_ref()
                .map(|t| types.ty(t))
                .unwrap_or_else(|| "()".into()),
        ),
        _ => None,
    }
}

/// How a guest crate gets its bindings.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Bindings {
    /// `wit_bindgen::generate!` in src/lib.rs
    #[default]
    Macro,
    /// src/bindings.rs written now by wit-bindgen-rust: no proc-macro at build time
    File,
}

/// Every file of the guest crate except `wit/`.
/// The first exported function wit-bindgen-rust 0.63 cannot generate: a function, not
/// `async`, that returns `error-context` itself (its ABI code panics, "assertion failed:
/// sig.retptr"; `result<_, error-context>`, parameters and imports are fine).
pub fn unsupported_export(r: &Resolve, world: WorldId) -> Option<String> {
    let returns_error_context = |f: &Function| {
        !f.kind.is_async()
            && f.result
                .is_some_and(|t| matches!(crate::lint::types::unalias(r, t), Type::ErrorContext))
    };
    r.worlds[world].exports.values().find_map(|i| match i {
        WorldItem::Interface { id, .. } => r.interfaces[*id]
            .functions
            .values()
            .find(|f| returns_error_context(f))
            .map(|f| format!("{}.{}", r.id_of(*id).unwrap_or_default(), f.name)),
        WorldItem::Function(f) if returns_error_context(f) => Some(f.name.clone()),
        _ => None,
    })
}

pub fn generate(
    r: &Resolve,
    world: WorldId,
    crate_name: &str,
    target: &str,
    bindings: Bindings,
    templates: Option<&Path>,
) -> Result<Vec<(PathBuf, String)>> {
    let file = bindings == Bindings::File;
    let model = model(r, world, crate_name, target, file);
    let mut out = vec![
        (
            "Cargo.toml".into(),
            render("guest/Cargo.toml", &model, templates)?,
        ),
        (
            "src/lib.rs".into(),
            render("guest/lib.rs", &model, templates)?,
        ),
    ];
    if file {
        out.push(("src/bindings.rs".into(), bindings_file(r, world)?));
    }
    Ok(out)
}

/// src/bindings.rs, as `wit-bindgen rust` writes it: no proc-macro at build time.
fn bindings_file(r: &Resolve, world: WorldId) -> Result<String> {
    let mut resolve = r.clone();
    let mut files = wit_bindgen_core::Files::default();
    let mut opts = wit_bindgen_rust::Opts {
        format: true,
        ..Default::default()
    };
    opts.generate_all = true;
    opts.build().generate(&mut resolve, world, &mut files)?;
    let (_, text) = files
        .iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("wit-bindgen-rust produced no file"))?;
    Ok(String::from_utf8_lossy(text).into_owned())
}
