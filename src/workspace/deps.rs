//! Tolerant loading: the root package and each entry of `deps/` are parsed and resolved
//! on their own, so a broken dependency that the root does not need is reported, not fatal.
//!
//! `Resolve::push_dir` fails as a whole when any folder under `deps/` fails. Here each
//! folder is a [`Unit`]; units are pushed in dependency order, and a unit that fails is
//! recorded and left out, together with the units that need it.

use std::collections::HashMap;
use std::sync::Arc;

use wit_bindgen_core::wit_parser::{
    PackageId, PackageName, Resolve, SourceMap, UnresolvedPackageGroup,
};

use super::diagnostic::{LoadDiagnostic, from_resolve_error};
use super::guard;
use super::metadata::PackageMetadata;
use super::sources::Sources;
use super::written::WrittenWorlds;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitRole {
    Root,
    Dep,
}

#[derive(Clone)]
pub(crate) enum Parsed {
    Wit(UnresolvedPackageGroup),
    /// A decoded `.wasm`, and the package it is (the others are what it uses).
    Wasm(Resolve, Option<PackageName>),
    /// WIT that a resolve took over ([`push_unit`]). Pushing it again (a rebuild after a
    /// failed push, a trial with other features) parses its files again from the sources.
    Pushed,
}

/// The root package or one entry of `deps/`.
#[derive(Clone)]
pub struct Unit {
    /// The folder or file, as shown to users.
    pub display: String,
    pub role: UnitRole,
    /// Packages the unit defines.
    pub names: Vec<PackageName>,
    /// Packages of other units it references.
    pub needs: Vec<PackageName>,
    /// Shared, so the features-off trial can take the units without copying the ASTs.
    pub(crate) parsed: Option<std::sync::Arc<Parsed>>,
    /// Why the unit could not be loaded.
    pub problem: Option<LoadDiagnostic>,
    /// The unit's packages in the resolved workspace.
    pub packages: Vec<PackageId>,
    /// Its worlds' statements as written, read when it is pushed.
    pub(crate) written: WrittenWorlds,
    /// What a `.wasm` unit says of itself (wasm-metadata's sections).
    pub metadata: Option<PackageMetadata>,
}

impl Unit {
    pub(crate) fn new(
        display: String,
        role: UnitRole,
        parsed: Result<Parsed, LoadDiagnostic>,
    ) -> Unit {
        let (names, needs, parsed, problem) = match parsed {
            Ok(Parsed::Wit(group)) => {
                let pkgs: Vec<_> = std::iter::once(&group.main).chain(&group.nested).collect();
                let names: Vec<PackageName> = pkgs.iter().map(|p| p.name.clone()).collect();
                let mut needs: Vec<PackageName> = pkgs
                    .iter()
                    .flat_map(|p| p.foreign_deps.keys().cloned())
                    .filter(|n| !names.contains(n))
                    .collect();
                needs.sort();
                needs.dedup();
                (names, needs, Some(Arc::new(Parsed::Wit(group))), None)
            }
            Ok(Parsed::Wasm(resolve, main)) => {
                let names = match &main {
                    Some(name) => vec![name.clone()],
                    None => resolve
                        .packages
                        .iter()
                        .map(|(_, p)| p.name.clone())
                        .collect(),
                };
                (
                    names,
                    Vec::new(),
                    Some(Arc::new(Parsed::Wasm(resolve, main))),
                    None,
                )
            }
            Ok(Parsed::Pushed) => unreachable!("a unit is made from a fresh parse"),
            Err(d) => (Vec::new(), Vec::new(), None, Some(d)),
        };
        Unit {
            display,
            role,
            names,
            needs,
            parsed,
            problem,
            packages: Vec::new(),
            written: WrittenWorlds::default(),
            metadata: None,
        }
    }

    pub fn loaded(&self) -> bool {
        self.problem.is_none()
    }

    /// The folder (or file) name of a `deps/` entry: what wit-deps names it after.
    pub fn stem(&self) -> &str {
        let name = self.display.rsplit('/').next().unwrap_or(&self.display);
        // A folder keeps its whole name (`wasi-io-0.2.2`); a file loses its extension.
        [".wit", ".wasm", ".wat"]
            .iter()
            .find_map(|ext| name.strip_suffix(ext))
            .unwrap_or(name)
    }
}

/// Resolves a copy of the units with other `features`: the Resolve, and the units as the
/// trial left them (the root first). The caller keeps them or drops them.
pub(crate) fn trial_resolve(
    mut units: Vec<Unit>,
    sources: &Sources,
    features: Features<'_>,
) -> (Resolve, Vec<Unit>) {
    for u in &mut units {
        // Parse errors stay; resolve errors are what the trial decides again.
        u.problem = u.parsed.is_none().then(|| u.problem.clone()).flatten();
        u.packages.clear();
    }
    let resolve = resolve_units(&mut units, sources, features);
    (resolve, units)
}

/// Which `@unstable` features a resolve keeps.
#[derive(Clone, Copy, Debug)]
pub enum Features<'a> {
    /// Every feature: unstable items are loaded so they are checked too.
    All,
    /// Only these, as tools load by default (none) or as consumers configure them.
    Only(&'a [String]),
}

fn fresh_resolve(features: Features<'_>) -> Resolve {
    let mut resolve = Resolve::default();
    match features {
        Features::All => resolve.all_features = true,
        Features::Only(list) => resolve.features.extend(list.iter().cloned()),
    }
    resolve
}

/// Order units so each comes after the units it needs; the root goes last. Units that
/// need each other in a circle come back apart, as cycles of unit indices: no order can
/// push them, and wit-parser would only say that one of them is missing.
fn push_order(units: &[Unit]) -> (Vec<usize>, Vec<Vec<usize>>) {
    let provider: HashMap<&PackageName, usize> = units
        .iter()
        .enumerate()
        .flat_map(|(i, u)| u.names.iter().map(move |n| (n, i)))
        .collect();
    // The other dependency units a unit needs.
    let needs = |i: usize| {
        units[i]
            .needs
            .iter()
            .filter_map(|n| provider.get(n).copied())
            .filter(move |&p| p != i && units[p].role == UnitRole::Dep)
    };
    let mut placed = vec![false; units.len()];
    let mut order = Vec::with_capacity(units.len());
    let mut cycles = Vec::new();
    let deps: Vec<usize> = (0..units.len())
        .filter(|&i| units[i].role == UnitRole::Dep)
        .collect();
    while let Some(&first) = deps.iter().find(|&&i| !placed[i]) {
        let ready = deps
            .iter()
            .copied()
            .find(|&i| !placed[i] && needs(i).all(|p| placed[p]));
        if let Some(next) = ready {
            placed[next] = true;
            order.push(next);
            continue;
        }
        // Every unit left waits for another: follow the waits from one until a unit
        // comes round again. What it comes round to is a cycle; the units leading into
        // it are pushed later and fail as needing a unit that failed.
        let mut path = vec![first];
        let cycle = loop {
            let at = *path.last().expect("non-empty");
            let next = needs(at)
                .find(|&p| !placed[p])
                .expect("a unit that is not ready waits for an unplaced one");
            if let Some(start) = path.iter().position(|&p| p == next) {
                break path.split_off(start);
            }
            path.push(next);
        };
        for &i in &cycle {
            placed[i] = true;
            order.push(i);
        }
        cycles.push(cycle);
    }
    order.extend((0..units.len()).filter(|&i| units[i].role == UnitRole::Root));
    (order, cycles)
}

/// Why each unit of a dependency cycle does not load: the cycle, in full.
fn cycle_problem(units: &[Unit], cycle: &[usize], at: usize, sources: &Sources) -> LoadDiagnostic {
    let name = |i: usize| {
        units[i]
            .names
            .first()
            .map_or_else(|| units[i].display.clone(), ToString::to_string)
    };
    let mut circle: Vec<String> = cycle.iter().map(|&i| format!("`{}`", name(i))).collect();
    circle.push(format!("`{}`", name(cycle[0])));
    let position = cycle.iter().position(|&i| i == at).unwrap_or(0);
    let needed = &units[cycle[(position + 1) % cycle.len()]];
    let location = needed.names.first().and_then(|n| {
        let version = n.version.as_ref().map(ToString::to_string);
        sources.package_ref_in(
            &units[at].display,
            &n.namespace,
            &n.name,
            version.as_deref(),
        )
    });
    LoadDiagnostic::new(
        "wit-resolve",
        format!(
            "`{}` is part of a dependency cycle: {}",
            units[at].display,
            circle.join(" uses ")
        ),
    )
    .at(location)
    .hint("WIT packages cannot use each other in a circle: move what they share into a package of its own")
}

#[allow(
    clippy::result_large_err,
    reason = "a cold error path; boxing would only add noise"
)]
fn push_unit(
    resolve: &mut Resolve,
    unit: &mut Unit,
    sources: &Sources,
) -> Result<Vec<PackageId>, LoadDiagnostic> {
    let parsed = unit.parsed.as_mut().expect("loaded unit has a parse");
    if let Parsed::Wasm(decoded, _) = &**parsed {
        guard::third_party(|| resolve.merge(decoded.clone()))
            .map_err(|panic| resolver_panicked(&panic, unit, sources))?
            .map_err(|e| LoadDiagnostic::new("wit-resolve", format!("{e:#}")))?;
    } else {
        // The group moves into the resolve unless a trial shares it (copying a parse costs
        // about a tenth of making it); a unit pushed before is parsed again, which is rare.
        let taken = std::mem::replace(parsed, Arc::new(Parsed::Pushed));
        let group = match Arc::try_unwrap(taken) {
            Ok(Parsed::Wit(group)) => group,
            Ok(_) => parse_again(&unit.display, sources)?,
            Err(shared) => match &*shared {
                Parsed::Wit(group) => group.clone(),
                _ => parse_again(&unit.display, sources)?,
            },
        };
        unit.written = WrittenWorlds::of_parse(&group);
        guard::third_party(|| resolve.push_group(group))
            .map_err(|panic| resolver_panicked(&panic, unit, sources))?
            .map_err(|e| from_resolve_error(&e, &resolve.source_map, sources))?;
    }
    Ok(unit
        .names
        .iter()
        .filter_map(|n| resolve.package_names.get(n).copied())
        .collect())
}

/// wit-parser panicked while resolving a unit: the unit does not load. The Resolve may be
/// half-modified, which the caller handles as for any failed push.
fn resolver_panicked(panic: &str, unit: &Unit, sources: &Sources) -> LoadDiagnostic {
    let at = sources.of_unit(&unit.display).next().map_or_else(
        || super::sources::Location::whole_file(&unit.display),
        |f| f.location(0..0),
    );
    LoadDiagnostic::new(
        "wit-resolve",
        format!(
            "wit-parser failed on `{}` instead of reporting an error: {}",
            unit.display,
            guard::reason(panic)
        ),
    )
    .at(Some(at))
    .hint("the WIT here is invalid; wasm-tools and wit-bindgen crash on it too")
}

/// A pushed unit's WIT, parsed again from the files it was read from (they parsed before,
/// so they parse the same way again).
#[allow(
    clippy::result_large_err,
    reason = "a cold error path; boxing would only add noise"
)]
fn parse_again(unit: &str, sources: &Sources) -> Result<UnresolvedPackageGroup, LoadDiagnostic> {
    let mut map = SourceMap::new();
    for file in sources.of_unit(unit).filter(|f| f.path.ends_with(".wit")) {
        map.push_str(&file.path, file.text.clone());
    }
    match guard::third_party(|| map.parse()) {
        Ok(Ok(group)) => Ok(group),
        // Only if witlint lost track of the unit's files: say so rather than crash.
        _ => Err(LoadDiagnostic::new(
            "wit-parse",
            format!("`{unit}` parsed once but not a second time, from the files witlint read"),
        )
        .at(Some(super::sources::Location::whole_file(unit)))),
    }
}

/// Resolves every unit that can be resolved; records why the others cannot.
///
pub(crate) fn resolve_units(
    units: &mut [Unit],
    sources: &Sources,
    features: Features<'_>,
) -> Resolve {
    let mut resolve = fresh_resolve(features);
    let mut pushed: Vec<usize> = Vec::new();
    let (order, cycles) = push_order(units);
    for cycle in &cycles {
        for &i in cycle {
            if units[i].loaded() {
                units[i].problem = Some(cycle_problem(units, cycle, i, sources));
            }
        }
    }
    for i in order {
        if !units[i].loaded() {
            continue;
        }
        let failed_need = units[i].needs.iter().find_map(|need| {
            units
                .iter()
                .find(|u| !u.loaded() && u.names.contains(need))
                .map(|u| (need.clone(), u.display.clone()))
        });
        if let Some((need, from)) = failed_need {
            let version = need.version.as_ref().map(ToString::to_string);
            let at = sources.package_ref_in(
                &units[i].display,
                &need.namespace,
                &need.name,
                version.as_deref(),
            );
            units[i].problem = Some(
                LoadDiagnostic::new(
                    "dep-load-failed",
                    format!(
                        "`{}` needs `{need}`, which failed to load from {from}",
                        units[i].display
                    ),
                )
                .at(at)
                .hint(format!("fix {from} first")),
            );
            continue;
        }
        // wit-parser panics when a package is added twice; say where both copies are.
        if matches!(
            units[i].parsed.as_deref(),
            Some(Parsed::Wit(_) | Parsed::Pushed)
        ) && let Some(twice) = units[i]
            .names
            .iter()
            .find(|n| resolve.package_names.contains_key(*n))
        {
            let first = pushed
                .iter()
                .map(|&j| &units[j])
                .find(|u| u.names.contains(twice));
            let name = twice.to_string();
            let mut d = LoadDiagnostic::new(
                "wit-resolve",
                format!("package `{name}` is defined in two different locations"),
            )
            .at(sources.package_decl_in(&units[i].display, &name))
            .hint("keep one copy of the package and let the other folder use it");
            if let Some(first) = first {
                let at = sources
                    .package_decl_in(&first.display, &name)
                    .map_or(first.display.clone(), |l| {
                        format!("{}:{}:{}", l.file, l.line, l.column)
                    });
                d = d.note(format!("also defined at {at}"));
            }
            units[i].problem = Some(d);
            continue;
        }
        match push_unit(&mut resolve, &mut units[i], sources) {
            Ok(ids) => {
                units[i].packages = ids;
                pushed.push(i);
            }
            Err(d) => {
                units[i].problem = Some(d);
                // A failed push may leave the Resolve half-modified: rebuild it from the
                // units that loaded. Failures are rare, so the common path pays nothing.
                resolve = fresh_resolve(features);
                for &j in &pushed {
                    units[j].packages =
                        push_unit(&mut resolve, &mut units[j], sources).unwrap_or_default();
                }
            }
        }
    }
    resolve
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The interfaces of a resolve by name, with their functions: what a second push must
    /// reproduce.
    fn shape(resolve: &Resolve) -> Vec<String> {
        resolve
            .interfaces
            .iter()
            .map(|(_, i)| {
                let funcs: Vec<&str> = i.functions.keys().map(String::as_str).collect();
                format!("{:?}: {}", i.name, funcs.join(", "))
            })
            .collect()
    }

    #[test]
    fn pushed_units_parse_again_for_a_second_resolve() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/rules/dep-load-failed/quiet");
        let files = super::super::read_input(&dir, &dir.display().to_string()).unwrap();
        let (mut units, sources) = super::super::parse::parse_units(files.units);
        let first = resolve_units(&mut units, &sources, Features::All);
        assert!(units.iter().all(|u| u.loaded()));
        assert!(
            units
                .iter()
                .all(|u| matches!(u.parsed.as_deref(), Some(Parsed::Pushed))),
            "a pushed unit's parse moved into the resolve"
        );
        let (second, again) = trial_resolve(units.clone(), &sources, Features::All);
        assert!(again.iter().all(|u| u.loaded()));
        assert_eq!(shape(&first), shape(&second));
        assert!(!shape(&first).is_empty());
    }
}
