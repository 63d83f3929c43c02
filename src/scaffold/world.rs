//! `witlint scaffold world`: a new WIT package with one world that includes other worlds
//! and imports or exports interfaces, with `wit/deps/` and `deps.toml` filled in.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::Serialize;
use wit_bindgen_core::wit_parser::{PackageId, PackageName, Resolve};

use super::templates::render;
use super::wit_tree::{self, Target, WitFile};
use crate::workspace::Workspace;

/// The package to write, with every reference resolved in the input workspace.
#[derive(Debug, Serialize)]
pub struct WorldPackage {
    /// `ns:name@version`.
    pub package: String,
    pub world: String,
    pub version: String,
    pub docs: Vec<String>,
    pub world_docs: Vec<String>,
    pub includes: Vec<String>,
    pub imports: Vec<String>,
    pub exports: Vec<String>,
    #[serde(skip)]
    pub needs: Vec<PackageId>,
    /// Entries of deps.toml.
    pub deps: Vec<DepEntry>,
    /// `[package]` of witlint.toml, as TOML strings (quoted and escaped).
    pub licenses: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct DepEntry {
    pub name: String,
    pub url: String,
}

type Usage = (String, String);

/// What `scaffold world` is asked for: the new package, and what its world includes,
/// imports and exports (each as `ns:pkg/name@version`).
#[derive(Debug, Default, Clone)]
pub struct WorldSpec {
    /// `ns:name@version`; the world is named after the package.
    pub package: String,
    pub include: Vec<String>,
    pub import: Vec<String>,
    pub export: Vec<String>,
    /// The package's licence (an SPDX expression) and source URL, for `witlint build`.
    pub licenses: Option<String>,
    pub source: Option<String>,
}

fn parse_package(spec: &str) -> Result<PackageName, Usage> {
    let hint = || "write the package as ns:name@version, e.g. `acme:orders@0.1.0`".to_string();
    let (ns, rest) = spec
        .split_once(':')
        .ok_or_else(|| (format!("`{spec}` has no namespace"), hint()))?;
    let (name, version) = rest
        .split_once('@')
        .ok_or_else(|| (format!("`{spec}` has no version"), hint()))?;
    let version = semver::Version::parse(version)
        .map_err(|e| (format!("`{version}` is not a semver version: {e}"), hint()))?;
    let is_id = |s: &str| {
        !s.is_empty()
            && s.split('-').all(|w| {
                w.starts_with(|c: char| c.is_ascii_lowercase())
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            })
    };
    if !is_id(ns) || !is_id(name) {
        return Err((
            format!("`{spec}` is not a WIT package name"),
            "namespace and name are lowercase kebab-case words, e.g. `acme:order-service@0.1.0`"
                .into(),
        ));
    }
    Ok(PackageName {
        namespace: ns.into(),
        name: name.into(),
        version: Some(version),
    })
}

/// The WIT reference `ns:pkg/name@version` of a target.
fn reference(r: &Resolve, target: Target) -> String {
    match target {
        Target::World(w) => wit_tree::world_id(r, w),
        Target::Interface(i) => r.id_of(i).unwrap_or_default(),
    }
}

pub fn plan(ws: &Workspace, args: &WorldSpec) -> Result<WorldPackage, Usage> {
    let name = parse_package(&args.package)?;
    // Checked as `witlint build` will read them back from witlint.toml.
    let toml_value = |key: &str, value: &Option<String>| -> Result<Option<String>, Usage> {
        let Some(value) = value else {
            return Ok(None);
        };
        crate::build::metadata::check_value(key, value).map_err(|why| {
            (
                format!("--{key} `{value}` is {why}"),
                match key {
                    "licenses" => "pass an SPDX expression, e.g. `--licenses \"Apache-2.0 WITH LLVM-exception\"`".to_string(),
                    _ => "pass a full URL, e.g. `--source https://github.com/acme/orders`".to_string(),
                },
            )
        })?;
        Ok(Some(toml::Value::String(value.clone()).to_string()))
    };
    let licenses = toml_value("licenses", &args.licenses)?;
    let source = toml_value("source", &args.source)?;
    if args.include.is_empty() && args.import.is_empty() && args.export.is_empty() {
        return Err((
            "the world would be empty".into(),
            "add --include WORLD, --import INTERFACE or --export INTERFACE".into(),
        ));
    }
    let r = &ws.resolve;
    let mut needs = BTreeSet::new();
    let mut resolve_all = |specs: &[String], worlds: bool| -> Result<Vec<String>, Usage> {
        specs
            .iter()
            .map(|s| {
                let t = wit_tree::find_target(ws, s, worlds).map_err(|m| {
                    (
                        m,
                        "name it as ns:pkg/name@version, as the input defines it".to_string(),
                    )
                })?;
                if !worlds && matches!(t, Target::World(_)) {
                    return Err((
                        format!("`{s}` is a world; import and export take interfaces"),
                        format!("include it instead: --include {s}"),
                    ));
                }
                if let Some(p) = wit_tree::target_package(r, t) {
                    needs.insert(p);
                }
                Ok(reference(r, t))
            })
            .collect()
    };
    let includes = resolve_all(&args.include, true)?;
    let imports = resolve_all(&args.import, false)?;
    let exports = resolve_all(&args.export, false)?;
    let needs = wit_tree::closure(ws, &needs.into_iter().collect::<Vec<_>>());
    let version = name.version.clone().expect("parsed with a version");
    let world = name.name.clone();
    let listed: Vec<String> = includes
        .iter()
        .chain(&imports)
        .chain(&exports)
        .map(|s| format!("`{s}`"))
        .collect();
    let deps = needs.iter().map(|p| dep_entry(ws, *p)).collect();
    Ok(WorldPackage {
        package: name.to_string(),
        version: version.to_string(),
        docs: vec![format!("The `{}` package.", name.name)],
        world_docs: vec![
            format!(
                "The `{world}` world: what a `{}` component imports and exports.",
                name.name
            ),
            String::new(),
            format!("Built from {}.", listed.join(", ")),
        ],
        world,
        includes,
        imports,
        exports,
        needs,
        deps,
        licenses,
        source,
    })
}

/// The deps.toml entry of a dependency: the input's own entry when it has one, else the
/// release tarball of a WASI proposal.
fn dep_entry(ws: &Workspace, p: PackageId) -> DepEntry {
    let name = &ws.resolve.packages[p].name;
    let known = ws
        .deps_toml
        .as_ref()
        .and_then(|m| m.as_ref().ok())
        .and_then(|m| m.entries.iter().find(|e| e.name == name.name))
        .and_then(|e| e.url.clone());
    let url = known.unwrap_or_else(|| match (&name.namespace[..], &name.version) {
        ("wasi", Some(v)) => format!(
            "https://github.com/WebAssembly/wasi-{}/archive/v{v}.tar.gz",
            name.name
        ),
        _ => format!(
            "https://example.com/{}/{}.tar.gz",
            name.namespace, name.name
        ),
    });
    DepEntry {
        name: name.name.clone(),
        url,
    }
}

/// The files of the package: `wit/world.wit`, `wit/deps.toml` and `wit/deps/`.
pub fn generate(
    ws: &Workspace,
    pkg: &WorldPackage,
    templates: Option<&Path>,
) -> Result<Vec<WitFile>> {
    let mut files = vec![
        WitFile {
            path: PathBuf::from("wit/world.wit"),
            text: render("world/world.wit", pkg, templates)?,
        },
        WitFile {
            path: PathBuf::from("wit/deps.toml"),
            text: render("world/deps.toml", pkg, templates)?,
        },
    ];
    if pkg.licenses.is_some() || pkg.source.is_some() {
        files.push(WitFile {
            path: PathBuf::from("wit/witlint.toml"),
            text: render("world/witlint.toml", pkg, templates)?,
        });
    }
    files.extend(wit_tree::files(ws, None, &pkg.needs)?);
    // What is written must load: check it the way the world's users will.
    wit_tree::local_resolve(&files)?;
    Ok(files)
}

/// Prerelease packages a stable package would depend on (`stable-depends-on-prerelease`).
pub fn prerelease_deps(ws: &Workspace, pkg: &WorldPackage) -> Vec<String> {
    let stable = semver::Version::parse(&pkg.version).is_ok_and(|v| v.pre.is_empty());
    if !stable {
        return vec![];
    }
    pkg.needs
        .iter()
        .map(|p| &ws.resolve.packages[*p].name)
        .filter(|n| n.version.as_ref().is_some_and(|v| !v.pre.is_empty()))
        .map(|n| n.to_string())
        .collect()
}
