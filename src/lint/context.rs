//! What a rule checks a workspace through: the workspace, the other inputs of the call,
//! the configuration, and the findings it reports.

use wit_bindgen_core::wit_parser::PackageId;

use super::config::{Config, Preset};
use super::finding::Finding;
use super::rule::{Rule, Scope};
use crate::workspace::{Item, ItemPath, Location, Workspace};

/// What a rule sees while it checks one workspace.
pub struct Context<'a> {
    pub ws: &'a Workspace,
    /// The other inputs of the same call, for rules that compare across inputs.
    pub others: &'a [&'a Workspace],
    pub config: &'a Config,
    pub rule: &'static Rule,
    /// The packages WASI conventions apply to ([`wasi_style_packages`]): decided once a
    /// check, not once an item (a package has thousands, and the test counts them).
    wasi_style: &'a [PackageId],
    pub(super) findings: Vec<Finding>,
}

impl<'a> Context<'a> {
    pub fn new(
        ws: &'a Workspace,
        others: &'a [&'a Workspace],
        config: &'a Config,
        rule: &'static Rule,
        wasi_style: &'a [PackageId],
    ) -> Self {
        Context {
            ws,
            others,
            config,
            rule,
            wasi_style,
            findings: Vec::new(),
        }
    }

    /// Whether findings about this package are wanted: the input's own packages, and
    /// dependencies too when `lint-deps` is on.
    pub fn linted(&self, pkg: PackageId) -> bool {
        self.ws.is_root(pkg) || self.config.lint_deps
    }

    /// Items of the linted packages that are written in them (not implied by includes).
    /// A rule of WASI conventions sees only the packages that follow them.
    pub fn items(&self) -> impl Iterator<Item = &'a Item> + 'a {
        // Decided once per package, not per item: a package has thousands.
        let linted: Vec<PackageId> = self
            .ws
            .resolve
            .packages
            .iter()
            .map(|(id, _)| id)
            .filter(|&id| {
                self.linted(id)
                    && (self.rule.scope != Scope::WasiConventions
                        || self.follows_wasi_conventions(id))
            })
            .collect();
        self.ws
            .index()
            .items
            .iter()
            .filter(move |i| !i.implied && linted.contains(&i.package))
    }

    /// Whether findings in this file are wanted (see [`super::policy::file_is_linted`]).
    pub fn file_is_linted(&self, file: &str) -> bool {
        super::policy::file_is_linted(self.ws, file, self.config.lint_deps)
    }

    /// The linted `.wit` files: the input's, and those of `deps/` when `lint-deps` is on.
    pub fn wit_files(&self) -> impl Iterator<Item = &'a crate::workspace::SourceFile> + 'a {
        let ws = self.ws;
        let lint_deps = self.config.lint_deps;
        ws.sources.iter().filter(move |f| {
            f.path.ends_with(".wit") && crate::lint::policy::file_is_linted(ws, &f.path, lint_deps)
        })
    }

    /// Whether WASI conventions apply to a package: under the `auto` preset, packages in
    /// the `wasi` namespace, packages that gate their own items, and every package when
    /// `wasi-conventions = true`; under the other presets, every package.
    pub fn follows_wasi_conventions(&self, pkg: PackageId) -> bool {
        self.wasi_style.contains(&pkg)
    }

    /// Whether another rule reports on this item too (it is on, at this item, and applies
    /// to its package): a rule steps back where a more specific one says it.
    pub fn also_reported_by(&self, other: &Rule, item: &Item) -> bool {
        let file = self.ws.locate(item.span).map(|l| l.file);
        self.config
            .level_at(other, file.as_deref(), &item.path)
            .is_some()
            && (other.scope != Scope::WasiConventions
                || self.follows_wasi_conventions(item.package))
    }

    /// Every `ns:pkg@version` the input's own files reference (`use`, `import`, `export`,
    /// `include`), as `(namespace, name, version)`.
    pub fn referenced_versions(
        &self,
    ) -> std::collections::BTreeSet<(String, String, semver::Version)> {
        let ws = self.ws;
        ws.units
            .iter()
            .filter(|u| u.role == crate::workspace::deps::UnitRole::Root)
            .flat_map(|u| ws.sources.of_unit(&u.display))
            .flat_map(|f| f.trivia().refs.iter())
            .filter_map(|r| {
                let v = r.version.as_deref()?.parse().ok()?;
                Some((r.namespace.clone(), r.name.clone(), v))
            })
            .collect()
    }

    /// The input's `deps.toml`, when it reads, with its file.
    pub fn deps_manifest(
        &self,
    ) -> Option<(
        &'a crate::workspace::manifest::Manifest<crate::workspace::manifest::ManifestEntry>,
        &'a crate::workspace::SourceFile,
    )> {
        let Some(Ok(manifest)) = &self.ws.deps_toml else {
            return None;
        };
        Some((manifest, self.ws.sources.get(&manifest.file)?))
    }

    /// Whether another rule is on at all (findings without an item, such as a whole
    /// dependency's).
    pub fn rule_is_on(&self, other: &Rule) -> bool {
        self.config.level_for(other).is_some()
    }

    pub fn option(&self, name: &str) -> bool {
        self.config.option(self.rule, name)
    }

    pub fn report(
        &mut self,
        location: Option<Location>,
        item: ItemPath,
        message: impl Into<String>,
    ) -> &mut Finding {
        self.findings.push(Finding {
            rule: self.rule,
            level: self.rule.level,
            message: message.into(),
            location,
            item,
            notes: Vec::new(),
            fix: None,
        });
        self.findings.last_mut().expect("just pushed")
    }

    /// Reports at the item's name (or its package line, for packages).
    pub fn report_item(&mut self, item: &Item, message: impl Into<String>) -> &mut Finding {
        // A package decoded from `.wasm` or `.wat` has no lines: its file, at its start.
        let location = self
            .ws
            .locate(item.span)
            .or_else(|| self.ws.package_decl(item.package))
            .or_else(|| {
                self.ws
                    .unit_of_package(item.package)
                    .map(|u| Location::whole_file(&u.display))
            });
        self.report(location, item.path.clone(), message)
    }
}

/// The packages of `ws` that WASI conventions apply to under `config` (see
/// [`Context::follows_wasi_conventions`]).
pub(super) fn wasi_style_packages(ws: &Workspace, config: &Config) -> Vec<PackageId> {
    ws.resolve
        .packages
        .iter()
        .map(|(id, _)| id)
        .filter(|&pkg| {
            config.preset != Preset::Auto
                || config
                    .wasi_conventions
                    .unwrap_or_else(|| crate::lint::policy::opts_into_wasi_conventions(ws, pkg))
        })
        .collect()
}
