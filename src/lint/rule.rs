//! What a rule is and what it is written against: its metadata, the context it checks a
//! workspace through, and the findings it reports (which point back at it).
//!
//! A rule is one file in `rules/`: its metadata, its long explanation and its check.
//! Everything users read about a rule (`witlint rules`, `witlint explain`, SARIF help, the
//! book) is generated from that one place.

use std::borrow::Cow;

use serde::Serialize;
use wit_bindgen_core::wit_parser::PackageId;

use super::config::{Config, Preset};
use super::level::Level;
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
    /// Whether its findings come with an edit `--fix` can apply.
    pub fix: Fixable,
}

/// Whether a rule's findings carry an exact edit, as ruff's rule pages say it, and what
/// applying it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fixable {
    Always(Applicability),
    Sometimes(Applicability),
    Never,
}

impl Fixable {
    pub fn describe(self) -> &'static str {
        match self {
            Fixable::Always(_) => "Fix is always available.",
            Fixable::Sometimes(_) => "Fix is sometimes available.",
            Fixable::Never => "Fix is not available.",
        }
    }

    /// `always`, `sometimes` or `never`, for `witlint rules --format json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Fixable::Always(_) => "always",
            Fixable::Sometimes(_) => "sometimes",
            Fixable::Never => "never",
        }
    }

    /// What the rule's edits do; `display-only` for a rule without edits.
    pub fn applicability(self) -> Applicability {
        match self {
            Fixable::Always(a) | Fixable::Sometimes(a) => a,
            Fixable::Never => Applicability::DisplayOnly,
        }
    }
}

/// What applying a fix does to the package, and so whether `--fix` applies it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// The API and what the docs mean are unchanged (a comment marker, doc-text
    /// spelling, whitespace): `--fix` applies it.
    Safe,
    /// It changes the API or what the docs say (a gate added, a `use` removed): only
    /// `--unsafe-fixes` applies it.
    Unsafe,
    /// A suggestion to read, never applied.
    DisplayOnly,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
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
    /// No preset turns it on: only `[rules]` in `witlint.toml` does (its check belongs to
    /// another command, which enforces it there).
    OptIn,
}

impl Scope {
    /// The id `witlint rules --format json` gives it.
    pub fn id(self) -> &'static str {
        match self {
            Scope::Anywhere => "any",
            Scope::WasiConventions => "wasi-conventions",
            Scope::WasiPreset => "wasi-preset",
            Scope::OptIn => "opt-in",
        }
    }

    /// What it means, for people.
    pub fn describe(self) -> &'static str {
        match self {
            Scope::Anywhere => "every package",
            Scope::WasiConventions => {
                "packages that follow WASI conventions (under `auto`: in `wasi:`, or gating most of their own items)"
            }
            Scope::WasiPreset => "only under the `wasi` preset",
            Scope::OptIn => "only when `[rules]` in witlint.toml turns it on",
        }
    }
}

impl Rule {
    /// The rule a change kind of `witlint diff` reports under: one level in every preset,
    /// nothing to check (the diff finds its changes itself).
    pub const fn change_kind(
        id: &'static str,
        level: Level,
        summary: &'static str,
        explanation: &'static str,
    ) -> Rule {
        Rule {
            id,
            category: Category::Compatibility,
            level,
            minimal: true,
            wasi: level,
            scope: Scope::Anywhere,
            summary,
            explanation,
            options: &[],
            fix: Fixable::Never,
        }
    }

    /// The level `preset` gives it, as its id, or `off`.
    pub fn level_name_in(&self, preset: Preset) -> &'static str {
        self.level_in(preset).map_or("off", Level::as_str)
    }

    pub fn level_in(&self, preset: Preset) -> Option<Level> {
        if self.scope == Scope::OptIn {
            return None;
        }
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
    pub(super) findings: Vec<Finding>,
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
        follows_wasi_conventions(self.ws, self.config, pkg)
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

fn follows_wasi_conventions(ws: &Workspace, config: &Config, pkg: PackageId) -> bool {
    if config.preset != Preset::Auto {
        return true;
    }
    config
        .wasi_conventions
        .unwrap_or_else(|| crate::lint::policy::opts_into_wasi_conventions(ws, pkg))
}

/// A rule's category, for filtering and for the docs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Versioning,
    Errors,
    Docs,
    Deps,
    Style,
    /// What `witlint build` writes into a package.
    Build,
    /// A change between two versions, as `witlint diff` reports it.
    Compatibility,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Versioning => "versioning",
            Category::Errors => "errors",
            Category::Docs => "docs",
            Category::Deps => "deps",
            Category::Style => "style",
            Category::Build => "build",
            Category::Compatibility => "compatibility",
        }
    }
}

/// A text edit that fixes the finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub location: Location,
    pub replacement: String,
}

/// How to fix a finding: always a sentence, sometimes an exact edit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// Usually a fixed sentence, so borrowed: a rule may fix hundreds of findings.
    pub message: Cow<'static, str>,
    /// Boxed: few findings have one, and findings move while they are sorted. `null` in
    /// JSON when there is none, as the README documents.
    pub edit: Option<Box<Edit>>,
    /// `display-only` without an edit.
    pub applicability: Applicability,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static Rule,
    pub level: Level,
    pub message: String,
    /// `None` only for inputs without source text (a `.wasm` package).
    pub location: Option<Location>,
    pub item: ItemPath,
    pub notes: Vec<String>,
    pub fix: Option<Fix>,
}

impl Finding {
    pub fn note(&mut self, note: impl Into<String>) -> &mut Self {
        self.notes.push(note.into());
        self
    }

    pub fn fix(&mut self, message: impl Into<Cow<'static, str>>) -> &mut Self {
        self.fix = Some(Fix {
            message: message.into(),
            edit: None,
            applicability: Applicability::DisplayOnly,
        });
        self
    }

    /// A fix with an exact edit somewhere else than the finding's primary location (an
    /// attribute to insert above the item, say), as safe as the rule declares its fixes.
    pub fn fix_with_edit(
        &mut self,
        message: impl Into<Cow<'static, str>>,
        location: Location,
        replacement: impl Into<String>,
    ) -> &mut Self {
        self.fix = Some(Fix {
            message: message.into(),
            edit: Some(Box::new(Edit {
                location,
                replacement: replacement.into(),
            })),
            applicability: self.rule.fix.applicability(),
        });
        self
    }

    /// A fix with an exact replacement of the finding's primary location, as safe as the
    /// rule declares its fixes.
    pub fn replace_with(
        &mut self,
        message: impl Into<Cow<'static, str>>,
        replacement: impl Into<String>,
    ) -> &mut Self {
        let edit = self.location.clone().map(|location| Edit {
            location,
            replacement: replacement.into(),
        });
        let applicability = match edit {
            Some(_) => self.rule.fix.applicability(),
            None => Applicability::DisplayOnly,
        };
        self.fix = Some(Fix {
            message: message.into(),
            edit: edit.map(Box::new),
            applicability,
        });
        self
    }

    /// Sort key that makes output deterministic: file, position, rule, message.
    pub fn sort_key(&self) -> impl Ord + '_ {
        let loc = self.location.as_ref().map(|l| (&*l.file, l.line, l.column));
        (loc, self.rule.id, &self.message, self.item.as_str())
    }
}

/// How a configuration sets a rule's level and options.
impl Config {
    /// The level of a rule before overrides: preset, then `[rules]`. `None` is off.
    pub fn level_for(&self, rule: &Rule) -> Option<Level> {
        match self.levels.get(rule.id) {
            Some(setting) => *setting,
            None => rule.level_in(self.preset),
        }
    }

    /// The level of one finding: overrides matching its file or item win, the last one last.
    pub fn level_at(&self, rule: &Rule, file: Option<&str>, item: &ItemPath) -> Option<Level> {
        let mut level = self.level_for(rule);
        // The path relative to this file is computed once, and only if an override needs it.
        let mut rel: Option<Option<String>> = None;
        for o in &self.overrides {
            let Some(setting) = o.rules.get(rule.id) else {
                continue;
            };
            let path_ok = match &o.paths {
                None => true,
                Some(set) => rel
                    .get_or_insert_with(|| file.map(|f| self.relative(f)))
                    .as_ref()
                    .is_some_and(|r| set.is_match(r)),
            };
            let item_ok = o
                .items
                .as_ref()
                .is_none_or(|set| set.is_match(item.as_str()));
            if path_ok && item_ok {
                level = *setting;
            }
        }
        level
    }

    pub fn option(&self, rule: &Rule, name: &str) -> bool {
        self.options
            .get(&(rule.id, name.to_string()))
            .copied()
            .unwrap_or_else(|| {
                rule.options
                    .iter()
                    .find(|o| o.name == name)
                    .is_some_and(|o| o.default)
            })
    }
}
