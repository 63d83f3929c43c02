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
    pub summary: &'static str,
    /// Markdown: what it checks, why, a bad and a good example, where the convention comes from.
    pub explanation: &'static str,
    pub options: &'static [RuleOption],
    pub check: fn(&mut Context<'_>),
}

impl Rule {
    pub fn level_in(&self, preset: Preset) -> Option<Level> {
        match preset {
            Preset::Minimal => self.minimal.then_some(self.level),
            Preset::Standard => Some(self.level),
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
    pub fn items(&self) -> impl Iterator<Item = &'a Item> + 'a {
        let ws = self.ws;
        let lint_deps = self.config.lint_deps;
        ws.index
            .items
            .iter()
            .filter(move |i| !i.implied && (lint_deps || ws.is_root(i.package)))
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
            rule: self.rule.id,
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
        let location = self
            .ws
            .locate(item.span)
            .or_else(|| self.ws.package_decl(item.package));
        self.report(location, item.path.clone(), message)
    }
}

/// Runs every enabled rule over a workspace; `others` are the other inputs of the same call.
/// Findings come back sorted and with the level the configuration gives them; findings a
/// configuration turns off are gone.
pub fn check(ws: &Workspace, others: &[&Workspace], config: &Config) -> Vec<Finding> {
    let mut out = Vec::new();
    for &rule in rules::ALL {
        if config.level_for(rule).is_none() {
            continue;
        }
        let mut cx = Context::new(ws, others, config, rule);
        let t = std::time::Instant::now();
        (rule.check)(&mut cx);
        crate::report_timing(rule.id, t);
        for mut f in cx.findings {
            if let Some(level) =
                config.level_at(rule, f.location.as_ref().map(|l| l.file.as_str()), &f.item)
            {
                f.level = level;
                out.push(f);
            }
        }
    }
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out.dedup();
    out
}

/// Looks a rule up by id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    rules::ALL.iter().copied().find(|r| r.id == id)
}
