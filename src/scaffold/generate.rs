//! `witlint scaffold` as data: the files of a host crate, a guest crate or a new WIT
//! package, from a loaded workspace. The CLI writes them; nothing here touches the disk
//! (user templates aside).

use std::path::{Path, PathBuf};

use wit_bindgen_core::wit_parser::{Resolve, WorldId};

use super::guest::{self, Bindings};
use super::host;
use super::names::invalid_crate_name;
use super::templates::{render, template_names};
use super::wit_tree::{self, Target, WitFile};
use super::world::{self, WorldSpec};
use crate::error::Error;
use crate::workspace::Workspace;

/// What a scaffold made: files to write into one new folder.
#[derive(Debug, Clone)]
pub struct Scaffold {
    pub kind: Kind,
    /// The folder to create under the output folder: the crate's name, or `wit`.
    pub folder: PathBuf,
    /// Paths relative to `folder`, with their text.
    pub files: Vec<(PathBuf, String)>,
    /// What it is, for the summary line: "a guest component for ns:pkg/world@1.0.0".
    pub what: String,
    /// Worth saying, not worth refusing: a stable package on a prerelease, …
    pub warnings: Vec<Error>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Host,
    Guest,
    World,
}

impl Scaffold {
    /// The command to run next, once the files are in `dir`.
    pub fn next_step(&self, dir: &str) -> String {
        match self.kind {
            Kind::Host => format!("cd {dir} && cargo test"),
            Kind::Guest => format!("cd {dir} && cargo build --target wasm32-wasip2"),
            Kind::World => format!("witlint check {dir} --preset wasi"),
        }
    }
}

/// A wasmtime host crate for a world's imports, or for one interface.
#[derive(Debug, Clone)]
pub struct HostSpec {
    /// The world or interface: `ns:pkg/name`, optionally `@version`.
    pub target: String,
    pub crate_name: String,
    /// The wasmtime major version to depend on.
    pub wasmtime: u32,
    /// Async host functions.
    pub is_async: bool,
    pub templates: Option<PathBuf>,
}

/// A guest component crate for a world's exports.
#[derive(Debug, Clone)]
pub struct GuestSpec {
    /// `ns:pkg/world`, optionally `@version`.
    pub world: String,
    pub crate_name: String,
    pub bindings: Bindings,
    pub templates: Option<PathBuf>,
}

/// What can be refused before any WIT is read: the crate name and the template folder.
pub fn check_arguments(crate_name: Option<&str>, templates: Option<&Path>) -> Result<(), Error> {
    if let Some(why) = crate_name.and_then(invalid_crate_name) {
        return Err(Error::usage(
            why,
            "pass a Rust package name such as `redis-keyvalue`; choose the parent folder with --out",
        ));
    }
    if let Some(dir) = templates
        && !dir.is_dir()
    {
        return Err(Error::usage(
            format!("template folder `{}` does not exist", dir.display()),
            format!(
                "pass a folder holding any of: {}",
                template_names()
                    .map(|n| format!("{n}.hbs"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    Ok(())
}

/// Refuses a world that uses one interface under several names (see
/// [`super::rust_types::interface_under_several_names`]), before anything is generated.
fn several_names(
    resolve: &wit_bindgen_core::wit_parser::Resolve,
    world: wit_bindgen_core::wit_parser::WorldId,
    exports: bool,
) -> Result<(), Error> {
    match super::rust_types::interface_under_several_names(resolve, world, exports) {
        Some(what) => Err(Error::usage(
            format!("the world uses {what}: one interface under several names"),
            "scaffolds implement each interface once and cannot tell the names apart yet; scaffold a world that names it once, and add the others by hand",
        )),
        None => Ok(()),
    }
}

fn failed(e: &anyhow::Error) -> Error {
    Error::new("scaffold", format!("{e:#}"))
}

/// The files of a wasmtime host crate.
pub fn host_crate(ws: &Workspace, spec: &HostSpec) -> Result<Scaffold, Error> {
    check_arguments(Some(&spec.crate_name), spec.templates.as_deref())?;
    let cw = crate_wit(ws, &spec.target, false)?;
    several_names(&cw.resolve, cw.world, false)?;
    if let Some(func) = host::unsupported_async(&cw.resolve, cw.world) {
        return Err(Error::usage(
            format!("`{func}` is a WIT async function; host scaffolds do not cover those yet"),
            "wasmtime implements them through `HostWithStore` traits with an `Accessor`; scaffold a WASI 0.2 world, or write those traits by hand",
        ));
    }
    let model = host::model(
        &cw.resolve,
        cw.world,
        host::HostOptions {
            crate_name: spec.crate_name.clone(),
            wasmtime: spec.wasmtime,
            is_async: spec.is_async,
            bindgen_source: cw.bindgen_source.clone(),
            target: cw.target.clone(),
        },
    );
    let dir = spec.templates.as_deref();
    let rendered = (|| {
        Ok::<_, anyhow::Error>(vec![
            ("Cargo.toml".into(), render("host/Cargo.toml", &model, dir)?),
            ("src/lib.rs".into(), render("host/lib.rs", &model, dir)?),
            (
                "tests/linker.rs".into(),
                render("host/linker.rs", &model, dir)?,
            ),
        ])
    })();
    let mut files: Vec<(PathBuf, String)> = rendered.map_err(|e| failed(&e))?;
    files.extend(cw.files.into_iter().map(|f| (f.path, f.text)));
    Ok(Scaffold {
        kind: Kind::Host,
        folder: PathBuf::from(&spec.crate_name),
        files,
        what: format!(
            "a wasmtime host for {} ({} host traits to implement)",
            cw.target,
            model.impls.len()
        ),
        warnings: Vec::new(),
    })
}

/// The files of a guest component crate.
pub fn guest_crate(ws: &Workspace, spec: &GuestSpec) -> Result<Scaffold, Error> {
    check_arguments(Some(&spec.crate_name), spec.templates.as_deref())?;
    let cw = crate_wit(ws, &spec.world, true)?;
    several_names(&cw.resolve, cw.world, true)?;
    if let Some(func) = guest::unsupported_export(&cw.resolve, cw.world) {
        return Err(Error::usage(
            format!(
                "`{func}` returns `error-context`, which wit-bindgen-rust 0.63 cannot export (its generator panics: `assertion failed: sig.retptr`)"
            ),
            "return `result<_, error-context>` or make the function `async`, or write its bindings by hand",
        ));
    }
    let mut files = guest::generate(
        &cw.resolve,
        cw.world,
        &spec.crate_name,
        &cw.target,
        spec.bindings,
        spec.templates.as_deref(),
    )
    .map_err(|e| failed(&e))?;
    files.extend(cw.files.into_iter().map(|f| (f.path, f.text)));
    Ok(Scaffold {
        kind: Kind::Guest,
        folder: PathBuf::from(&spec.crate_name),
        files,
        what: format!("a guest component for {}", cw.target),
        warnings: Vec::new(),
    })
}

/// The files of a new WIT package (its `wit/` folder) whose world includes, imports and
/// exports what `spec` names.
pub fn world_package(
    ws: &Workspace,
    spec: &WorldSpec,
    templates: Option<&Path>,
) -> Result<Scaffold, Error> {
    check_arguments(None, templates)?;
    let package = world::plan(ws, spec).map_err(|(msg, hint)| Error::usage(msg, hint))?;
    let warnings = world::prerelease_deps(ws, &package)
        .into_iter()
        .map(|dep| {
            Error::new(
                "prerelease",
                format!("{} is stable but depends on the prerelease {dep}", package.package),
            )
            .with_hint(format!(
                "`witlint check` reports this (stable-depends-on-prerelease); give the package a prerelease version such as {}-draft",
                package.package
            ))
        })
        .collect();
    let files = world::generate(ws, &package, templates)
        .map_err(|e| failed(&e))?
        .into_iter()
        .map(|f| {
            let rel = f
                .path
                .strip_prefix("wit")
                .map(Path::to_path_buf)
                .unwrap_or(f.path);
            (rel, f.text)
        })
        .collect();
    Ok(Scaffold {
        kind: Kind::World,
        folder: PathBuf::from("wit"),
        files,
        what: format!("the WIT package {}", package.package),
        warnings,
    })
}

/// The crate's `wit/` files and the world its bindings are generated for.
struct CrateWit {
    files: Vec<WitFile>,
    resolve: Resolve,
    world: WorldId,
    /// The target as users name it: `ns:pkg/name@version`.
    target: String,
    /// `world: "…"` or, for an interface, `interfaces: "import …;"`.
    bindgen_source: String,
}

/// Finds the target `spec` names (a world, or with `worlds_only` unset an interface too)
/// and gathers the packages it needs into the crate's own `wit/`.
fn crate_wit(ws: &Workspace, spec: &str, worlds_only: bool) -> Result<CrateWit, Error> {
    let target = wit_tree::find_target(ws, spec, worlds_only).map_err(|msg| {
        let hint = if worlds_only {
            "name a world as ns:pkg/world[@version]"
        } else {
            "name a world or interface as ns:pkg/name[@version]"
        };
        Error::usage(msg, hint)
    })?;
    copy_target(ws, target).map_err(|e| failed(&e))
}

fn copy_target(ws: &Workspace, target: Target) -> anyhow::Result<CrateWit> {
    let r = &ws.resolve;
    let pkg = wit_tree::target_package(r, target)
        .ok_or_else(|| anyhow::anyhow!("the target belongs to no package"))?;
    let packages = wit_tree::closure(ws, &[pkg]);
    let files = wit_tree::files(ws, Some(pkg), &packages)?;
    let (mut resolve, _) = wit_tree::local_resolve(&files)?;
    let local = wit_tree::same_target(r, target, &resolve)
        .ok_or_else(|| anyhow::anyhow!("the target is missing from the copied wit/"))?;
    Ok(match local {
        Target::World(w) => {
            let target = wit_tree::world_id(&resolve, w);
            CrateWit {
                bindgen_source: format!("world: \"{target}\""),
                files,
                resolve,
                world: w,
                target,
            }
        }
        Target::Interface(i) => {
            // wasmtime's `interfaces:` option: a synthesized world importing the interface.
            let target = resolve.id_of(i).unwrap_or_default();
            let pkg = resolve
                .push_str(
                    "interfaces.wit",
                    &format!(
                        "package wasmtime:component-macro-synthesized;\nworld interfaces {{\n    import {target};\n}}\n"
                    ),
                )
                .map_err(|e| anyhow::anyhow!("{e:#}"))?;
            let world = resolve.select_world(&[pkg], None)?;
            CrateWit {
                bindgen_source: format!("interfaces: \"import {target};\""),
                files,
                resolve,
                world,
                target,
            }
        }
    })
}
