//! The `wit/` folder of a new crate: the target's package and every package it needs,
//! copied from the input workspace, and the `Resolve` that the crate's bindings
//! generator will see when it loads that folder.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use wit_bindgen_core::wit_parser::{InterfaceId, PackageId, Resolve, WorldId};

use crate::workspace::written::Direction;
use crate::workspace::{ItemPath, Workspace};

/// What to scaffold: a world, or one interface (a world of just that import).
#[derive(Debug, Clone, Copy)]
pub enum Target {
    World(WorldId),
    Interface(InterfaceId),
}

/// A WIT file of the new crate, relative to the crate root.
#[derive(Debug, Clone)]
pub struct WitFile {
    pub path: PathBuf,
    pub text: String,
}

/// Finds `spec` (`ns:pkg/name`, optionally `@version`, or a bare name of a root package's
/// world or interface) among the workspace's worlds, then interfaces.
pub fn find_target(ws: &Workspace, spec: &str, worlds_only: bool) -> Result<Target, String> {
    let r = &ws.resolve;
    let matches = |full: &str| {
        full == spec || full.split('@').next() == Some(spec) || {
            // A bare name refers to a root package's item.
            !spec.contains(':')
                && full.rsplit('/').next().map(|n| n.split('@').next()) == Some(Some(spec))
        }
    };
    let is_root_or_qualified = |pkg: PackageId| spec.contains(':') || ws.roots.contains(&pkg);
    let worlds: Vec<WorldId> = r
        .worlds
        .iter()
        .filter(|(_, w)| w.package.is_some_and(is_root_or_qualified))
        .filter(|(id, _)| matches(&world_id(r, *id)))
        .map(|(id, _)| id)
        .collect();
    let ifaces: Vec<InterfaceId> = r
        .interfaces
        .iter()
        .filter(|(_, i)| i.name.is_some() && i.package.is_some_and(is_root_or_qualified))
        .filter(|(id, _)| r.id_of(*id).is_some_and(|s| matches(&s)))
        .map(|(id, _)| id)
        .collect();
    match (worlds.as_slice(), ifaces.as_slice()) {
        ([w], _) => Ok(Target::World(*w)),
        ([], [i]) if !worlds_only => Ok(Target::Interface(*i)),
        ([], many) if many.len() > 1 && !worlds_only => {
            let mut names: Vec<String> = many.iter().filter_map(|i| r.id_of(*i)).collect();
            names.sort();
            Err(format!(
                "`{spec}` names several interfaces: {}; add the version",
                names.join(", ")
            ))
        }
        ([], _) => {
            let mut known: Vec<String> = r.worlds.iter().map(|(id, _)| world_id(r, id)).collect();
            if !worlds_only {
                known.extend(r.interfaces.iter().filter_map(|(id, _)| r.id_of(id)));
            }
            known.sort();
            Err(format!(
                "no {} `{spec}` in the input; it has: {}",
                if worlds_only {
                    "world"
                } else {
                    "world or interface"
                },
                known.join(", ")
            ))
        }
        (many, _) => {
            let mut names: Vec<String> = many.iter().map(|w| world_id(r, *w)).collect();
            names.sort();
            Err(format!(
                "`{spec}` names several worlds: {}; add the version",
                names.join(", ")
            ))
        }
    }
}

/// `ns:pkg/world@version`, as `Resolve::id_of` spells interfaces.
pub fn world_id(r: &Resolve, id: WorldId) -> String {
    let w = &r.worlds[id];
    match w.package {
        Some(p) => ItemPath::container(&r.packages[p].name, &w.name).to_string(),
        None => w.name.clone(),
    }
}

/// The package a target belongs to.
pub fn target_package(r: &Resolve, target: Target) -> Option<PackageId> {
    match target {
        Target::World(w) => r.worlds[w].package,
        Target::Interface(i) => r.interfaces[i].package,
    }
}

/// `roots` and every package they need, dependencies first: the packages their items
/// use, and the packages of the worlds their `include`s name (the resolve merges an
/// include into the world and forgets it, but the copied WIT still says it).
pub fn closure(ws: &Workspace, roots: &[PackageId]) -> Vec<PackageId> {
    let r = &ws.resolve;
    let mut needed: HashSet<PackageId> = roots.iter().copied().collect();
    let mut todo = roots.to_vec();
    while let Some(p) = todo.pop() {
        for d in r.package_direct_deps(p).chain(included_packages(ws, p)) {
            if needed.insert(d) {
                todo.push(d);
            }
        }
    }
    r.topological_packages()
        .into_iter()
        .filter(|p| needed.contains(p))
        .collect()
}

/// The packages whose worlds a package's worlds `include`.
fn included_packages(ws: &Workspace, p: PackageId) -> Vec<PackageId> {
    let r = &ws.resolve;
    let pkg = &r.packages[p];
    pkg.worlds
        .keys()
        .filter_map(|world| ws.written.of(&pkg.name, world))
        .flatten()
        .filter(|s| s.direction == Direction::Include)
        .filter_map(|s| {
            // `ns:pkg/world@version` → the package `ns:pkg@version`.
            let (package, rest) = s.name.split_once('/')?;
            let name = match rest.split_once('@') {
                Some((_, version)) => format!("{package}@{version}"),
                None => package.to_string(),
            };
            r.package_names
                .iter()
                .find(|(n, _)| n.to_string() == name)
                .map(|(_, &id)| id)
        })
        .collect()
}

/// The files of `wit/`: `root` at the top, the others under `deps/<name>/`. A package that
/// has its own `.wit` files in the input is copied as written; one that came from a `.wasm`
/// or shares its files with other packages is printed from the resolved model.
pub fn files(
    ws: &Workspace,
    root: Option<PackageId>,
    packages: &[PackageId],
) -> Result<Vec<WitFile>> {
    let r = &ws.resolve;
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    for &p in packages {
        *names.entry(r.packages[p].name.name.clone()).or_default() += 1;
    }
    let mut out = Vec::new();
    for &p in packages {
        let name = &r.packages[p].name;
        let dir = if Some(p) == root {
            PathBuf::from("wit")
        } else if names[&name.name] > 1 {
            let v = name
                .version
                .as_ref()
                .map(|v| format!("-{v}"))
                .unwrap_or_default();
            Path::new("wit/deps").join(format!("{}{v}", name.name))
        } else {
            Path::new("wit/deps").join(&name.name)
        };
        let unit = ws.units.iter().find(|u| u.packages == [p]);
        let copied: Vec<WitFile> = unit
            .map(|u| {
                ws.sources
                    .of_unit(&u.display)
                    .filter(|f| f.path.ends_with(".wit"))
                    .map(|f| WitFile {
                        path: dir.join(Path::new(&*f.path).file_name().unwrap_or_default()),
                        text: f.text.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        if copied.is_empty() {
            let mut printer = wit_component::WitPrinter::default();
            printer
                .print(r, p, &[])
                .with_context(|| format!("cannot print package {name}"))?;
            out.push(WitFile {
                path: dir.join(format!("{}.wit", name.name)),
                text: printer.output.to_string(),
            });
        } else {
            out.extend(copied);
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Loads `files` the way a bindings macro loads the crate's `wit/` folder (all features on).
pub fn local_resolve(files: &[WitFile]) -> Result<(Resolve, PackageId)> {
    let tmp = tempfile::tempdir().context("cannot create a temporary folder")?;
    for f in files {
        let path = tmp.path().join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &f.text)?;
    }
    let mut resolve = Resolve {
        all_features: true,
        ..Resolve::default()
    };
    let (pkg, _) = resolve
        .push_dir(tmp.path().join("wit"))
        .map_err(|e| anyhow::anyhow!("{e:#}"))
        .context("the copied wit/ folder does not load")?;
    Ok((resolve, pkg))
}

/// The same target in another `Resolve` (the crate's own), found by name.
pub fn same_target(from: &Resolve, target: Target, to: &Resolve) -> Option<Target> {
    match target {
        Target::World(w) => {
            let id = world_id(from, w);
            to.worlds
                .iter()
                .find(|(x, _)| world_id(to, *x) == id)
                .map(|(x, _)| Target::World(x))
        }
        Target::Interface(i) => {
            let id = from.id_of(i)?;
            to.interfaces
                .iter()
                .find(|(x, _)| to.id_of(*x).as_deref() == Some(id.as_str()))
                .map(|(x, _)| Target::Interface(x))
        }
    }
}
