//! Tolerant loading: the root package and each entry of `deps/` are parsed and resolved
//! on their own, so a broken dependency that the root does not need is reported, not fatal.
//!
//! `Resolve::push_dir` fails as a whole when any folder under `deps/` fails. Here each
//! folder is a [`Unit`]; units are pushed in dependency order, and a unit that fails is
//! recorded and left out, together with the units that need it.

use std::collections::HashMap;
use std::sync::Arc;

use wit_bindgen_core::wit_parser::{PackageId, PackageName, Resolve, UnresolvedPackageGroup};

use super::diagnostic::{LoadDiagnostic, from_resolve_error};
use super::sources::Sources;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitRole {
    Root,
    Dep,
}

#[derive(Clone)]
pub(crate) enum Parsed {
    Wit(UnresolvedPackageGroup),
    Wasm(Resolve),
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
            Ok(Parsed::Wasm(resolve)) => {
                let names = resolve
                    .packages
                    .iter()
                    .map(|(_, p)| p.name.clone())
                    .collect();
                (
                    names,
                    Vec::new(),
                    Some(Arc::new(Parsed::Wasm(resolve))),
                    None,
                )
            }
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
        }
    }

    pub fn loaded(&self) -> bool {
        self.problem.is_none()
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

/// The workspace resolved with only the consumers' `@unstable` features on, worked out on
/// another thread while the caller goes on (the trial costs a second resolve).
pub struct PendingTrial(std::thread::JoinHandle<(Resolve, Vec<Unit>)>);

impl PendingTrial {
    pub(crate) fn spawn(units: &[Unit], sources: &Sources, features: &[String]) -> PendingTrial {
        let units = units.to_vec();
        let sources = sources.clone();
        let features = features.to_vec();
        PendingTrial(crate::parallel::spawn(move || {
            trial_resolve(units, &sources, Features::Only(&features))
        }))
    }

    /// The trial's resolve and units (the root first).
    pub(crate) fn finish(self) -> (Resolve, Vec<Unit>) {
        self.0
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }

    /// Why the root does not resolve that way, if it does not.
    pub fn wait(self) -> Option<LoadDiagnostic> {
        match self.0.join() {
            Ok((_, units)) => units.into_iter().next().and_then(|root| root.problem),
            Err(_) => Some(LoadDiagnostic::new(
                "wit-resolve",
                "wit-parser failed while resolving the package with `@unstable` features off",
            )),
        }
    }
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

/// Order units so each comes after the units it needs; the root goes last.
fn push_order(units: &[Unit]) -> Vec<usize> {
    let provider: HashMap<&PackageName, usize> = units
        .iter()
        .enumerate()
        .flat_map(|(i, u)| u.names.iter().map(move |n| (n, i)))
        .collect();
    let mut placed = vec![false; units.len()];
    let mut order = Vec::with_capacity(units.len());
    let deps: Vec<usize> = (0..units.len())
        .filter(|&i| units[i].role == UnitRole::Dep)
        .collect();
    while order.len() < deps.len() {
        let ready = deps.iter().copied().find(|&i| {
            !placed[i]
                && units[i]
                    .needs
                    .iter()
                    .filter_map(|n| provider.get(n))
                    .all(|&p| p == i || placed[p] || units[p].role == UnitRole::Root)
        });
        // A cycle: push the first remaining unit and let wit-parser report it.
        let next =
            ready.unwrap_or_else(|| *deps.iter().find(|&&i| !placed[i]).expect("unplaced unit"));
        placed[next] = true;
        order.push(next);
    }
    order.extend((0..units.len()).filter(|&i| units[i].role == UnitRole::Root));
    order
}

#[allow(
    clippy::result_large_err,
    reason = "a cold error path; boxing would only add noise"
)]
fn push_unit(
    resolve: &mut Resolve,
    unit: &Unit,
    sources: &Sources,
) -> Result<Vec<PackageId>, LoadDiagnostic> {
    match &**unit.parsed.as_ref().expect("loaded unit has a parse") {
        Parsed::Wit(group) => {
            resolve
                .push_group(group.clone())
                .map_err(|e| from_resolve_error(&e, &resolve.source_map, sources))?;
        }
        Parsed::Wasm(decoded) => {
            resolve
                .merge(decoded.clone())
                .map_err(|e| LoadDiagnostic::new("wit-resolve", format!("{e:#}")))?;
        }
    }
    Ok(unit
        .names
        .iter()
        .filter_map(|n| resolve.package_names.get(n).copied())
        .collect())
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
    for i in push_order(units) {
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
        if matches!(units[i].parsed.as_deref(), Some(Parsed::Wit(_)))
            && let Some(twice) = units[i]
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
        match push_unit(&mut resolve, &units[i], sources) {
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
                        push_unit(&mut resolve, &units[j], sources).unwrap_or_default();
                }
            }
        }
    }
    resolve
}
