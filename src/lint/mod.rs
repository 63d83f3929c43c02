//! The lint engine: rule metadata, the context rules check through, and the runner.
//!
//! A rule is one file in `rules/`: its metadata, its long explanation and its check.
//! Everything users read about a rule (`witlint rules`, `witlint explain`, SARIF help, the
//! book) is generated from that one place.

pub mod baseline;
pub mod config;
pub mod doctext;
pub mod finding;
pub mod gates;
pub mod pages;
pub mod rules;
pub mod types;

use rayon::prelude::*;
use wit_bindgen_core::wit_parser::PackageId;

pub use config::{Config, Preset};
pub use finding::{Category, Finding, Fix, Level};

use crate::workspace::{Item, ItemPath, Location, Workspace};

/// A boolean option a rule accepts in `witlint.toml`.
pub struct RuleOption {
    pub name: &'static str,
    pub default: bool,
    pub description: &'static str,
}

/// One lint rule.
pub struct Rule {
    /// kebab-case, stable: configs and baselines refer to it.
    pub id: &'static str,
    pub category: Category,
    /// Level under the `standard` preset.
    pub level: Level,
    /// Whether the `minimal` preset keeps the rule (at `level`).
    pub minimal: bool,
    /// Level under the `wasi` preset.
    pub wasi: Level,
    /// Which packages the rule applies to under the default `auto` preset.
    pub scope: Scope,
    pub summary: &'static str,
    /// Markdown: what it checks, why, a bad and a good example, where the convention comes from.
    pub explanation: &'static str,
    pub options: &'static [RuleOption],
    pub check: fn(&mut Context<'_>),
}

/// Rules are compared, shown and serialized by their id.
impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Rule {}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id)
    }
}

/// Where a rule applies when the preset is `auto` (the default).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// What it reports is a defect in any WIT package.
    Anywhere,
    /// A WASI convention: under `auto` it checks only the packages that follow WASI
    /// conventions (see [`Context::follows_wasi_conventions`]).
    WasiConventions,
    /// Only the `wasi` preset turns it on (or `[rules]` in `witlint.toml`).
    WasiPreset,
}

impl Scope {
    /// The id `witlint rules --format json` gives it.
    pub fn id(self) -> &'static str {
        match self {
            Scope::Anywhere => "any",
            Scope::WasiConventions => "wasi-conventions",
            Scope::WasiPreset => "wasi-preset",
        }
    }

    /// What it means, for people.
    pub fn describe(self) -> &'static str {
        match self {
            Scope::Anywhere => "every package",
            Scope::WasiConventions => {
                "packages that follow WASI conventions (under `auto`: in `wasi:`, or gating their own items)"
            }
            Scope::WasiPreset => "only under the `wasi` preset",
        }
    }
}

impl Rule {
    pub fn level_in(&self, preset: Preset) -> Option<Level> {
        match preset {
            Preset::Minimal => self.minimal.then_some(self.level),
            Preset::Auto | Preset::Standard => {
                (self.scope != Scope::WasiPreset).then_some(self.level)
            }
            Preset::Wasi => Some(self.wasi),
        }
    }
}

/// What a rule sees while it checks one workspace.
pub struct Context<'a> {
    pub ws: &'a Workspace,
    /// The other inputs of the same call, for rules that compare across inputs.
    pub others: &'a [&'a Workspace],
    pub config: &'a Config,
    pub rule: &'static Rule,
    findings: Vec<Finding>,
}

impl<'a> Context<'a> {
    pub fn new(
        ws: &'a Workspace,
        others: &'a [&'a Workspace],
        config: &'a Config,
        rule: &'static Rule,
    ) -> Self {
        Context {
            ws,
            others,
            config,
            rule,
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
        let ws = self.ws;
        let lint_deps = self.config.lint_deps;
        let conventions_only = self.rule.scope == Scope::WasiConventions;
        let config = self.config;
        ws.index().items.iter().filter(move |i| {
            !i.implied
                && (lint_deps || ws.is_root(i.package))
                && (!conventions_only || follows_wasi_conventions(ws, config, i.package))
        })
    }

    /// The linted `.wit` files: the input's, and those of `deps/` when `lint-deps` is on.
    pub fn wit_files(&self) -> impl Iterator<Item = &'a crate::workspace::SourceFile> + 'a {
        let ws = self.ws;
        let lint_deps = self.config.lint_deps;
        ws.sources
            .iter()
            .filter(move |f| f.path.ends_with(".wit") && ws.file_is_linted(&f.path, lint_deps))
    }

    /// Whether WASI conventions apply to a package: under the `auto` preset, packages in
    /// the `wasi` namespace, packages that gate their own items, and every package when
    /// `wasi-conventions = true`; under the other presets, every package.
    pub fn follows_wasi_conventions(&self, pkg: PackageId) -> bool {
        follows_wasi_conventions(self.ws, self.config, pkg)
    }

    /// Whether another rule reports on this item too (it is on, at this item, and applies
    /// to its package): a rule steps back where a more specific one says it.
    pub fn also_reported_by(&self, rule_id: &str, item: &Item) -> bool {
        let Some(other) = rule(rule_id) else {
            return false;
        };
        let file = self.ws.locate(item.span).map(|l| l.file);
        self.config
            .level_at(other, file.as_deref(), &item.path)
            .is_some()
            && (other.scope != Scope::WasiConventions
                || self.follows_wasi_conventions(item.package))
    }

    /// Whether another rule is on at all (findings without an item, such as a whole
    /// dependency's).
    pub fn rule_is_on(&self, rule_id: &str) -> bool {
        rule(rule_id).is_some_and(|other| self.config.level_for(other).is_some())
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

fn follows_wasi_conventions(ws: &Workspace, config: &Config, pkg: PackageId) -> bool {
    if config.preset != Preset::Auto {
        return true;
    }
    config
        .wasi_conventions
        .unwrap_or_else(|| ws.opts_into_wasi_conventions(pkg))
}

/// Runs every enabled rule over a workspace; `others` are the other inputs of the same call.
/// Findings come back sorted and with the level the configuration gives them; findings a
/// configuration turns off are gone.
pub fn check(ws: &Workspace, others: &[&Workspace], config: &Config) -> Vec<Finding> {
    let mut enabled: Vec<&Rule> = rules::ALL
        .iter()
        .copied()
        .filter(|&rule| config.level_for(rule).is_some())
        .collect();
    // Rules are independent: they run on all cores. The ones that visit every item and its
    // docs go first, so no core is left with one of them at the end.
    enabled.sort_by_key(|rule| !VISIT_EVERY_ITEM.contains(&rule.id));
    let per_rule: Vec<Vec<Finding>> = enabled
        .par_iter()
        .map(|&rule| {
            let mut cx = Context::new(ws, others, config, rule);
            (rule.check)(&mut cx);
            let mut kept = cx.findings;
            kept.retain_mut(|f| {
                let level = config.level_at(rule, f.location.as_ref().map(|l| &*l.file), &f.item);
                level.map(|level| f.level = level).is_some()
            });
            kept
        })
        .collect();
    let mut out: Vec<Finding> = per_rule.into_iter().flatten().collect();
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out.dedup();
    out
}

/// The rules that cost most on a large package.
const VISIT_EVERY_ITEM: &[&str] = &[
    "missing-docs",
    "doc-broken-link",
    "result-error-undocumented",
    "template-leftover",
];

/// Looks a rule up by id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    rules::ALL.iter().copied().find(|r| r.id == id)
}

/// What checking several inputs together found.
pub struct Checked {
    /// Every input's findings, sorted, without repeats.
    pub findings: Vec<Finding>,
    /// Inputs that were checked but do not load with only their consumers' `@unstable`
    /// features on, as consumers load them.
    pub unloadable: Vec<crate::workspace::LoadError>,
}

/// Checks inputs together, each with its configuration: some rules compare inputs, so
/// every input is loaded before this is called.
pub fn check_all(inputs: &mut [(Workspace, Config)]) -> Checked {
    let mut findings: Vec<Finding> = Vec::new();
    for (i, (ws, config)) in inputs.iter().enumerate() {
        let others: Vec<&Workspace> = inputs
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .map(|(_, (w, _))| w)
            .collect();
        findings.extend(check(ws, &others, config));
    }
    // Each input's findings come sorted: only several inputs' need merging.
    if inputs.len() > 1 {
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        findings.dedup();
    }
    let unloadable = inputs
        .iter_mut()
        .filter_map(|(ws, _)| {
            let d = ws.features_off()?;
            Some(crate::workspace::LoadError {
                input: ws.input.clone(),
                diagnostics: vec![d],
                sources: Default::default(),
            })
        })
        .collect();
    Checked {
        findings,
        unloadable,
    }
}
