//! A configuration: a preset, per-rule levels and options, and per-path/per-item
//! overrides, as read from `witlint.toml` ([`super::config_file`]).

use std::collections::HashMap;
use std::path::PathBuf;

use globset::GlobSet;
use serde::Deserialize;

use super::level::Level;
use super::rule::{Rule, Scope};
use crate::workspace::ItemPath;

pub const FILE_NAME: &str = "witlint.toml";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    /// Every rule at its default level, where it fits: WASI conventions only for packages
    /// that follow them (in `wasi:`, or gating their own items).
    #[default]
    Auto,
    /// Only problems that break tools or mislead readers.
    Minimal,
    /// Every rule at its default level, WASI conventions for every package.
    Standard,
    /// WASI proposal conventions: gates, docs and error docs required.
    Wasi,
}

/// Levels for the findings in some files or at some items.
#[derive(Clone)]
pub(crate) struct Override {
    pub(crate) paths: Option<GlobSet>,
    pub(crate) items: Option<GlobSet>,
    pub(crate) rules: HashMap<&'static str, Option<Level>>,
}

/// A loaded configuration.
#[derive(Clone, Default)]
pub struct Config {
    /// The file it came from, if any.
    pub file: Option<PathBuf>,
    pub preset: Preset,
    /// Under `auto`: whether WASI conventions apply to every package (`true`), to none
    /// (`false`), or to the packages that show they follow them (unset).
    pub wasi_conventions: Option<bool>,
    pub lint_deps: bool,
    /// Worlds of `deps/` that the project's own build selects (`bindgen!(world: ..)`):
    /// `ns:pkg/world`, with or without `@version`. Their packages count as used.
    pub used_worlds: Vec<String>,
    /// `@unstable` features the package must also load with (besides none at all).
    pub features: Vec<String>,
    /// `baseline`: a baseline file (relative to the config file) whose findings `check` and
    /// the editor do not report, as `--baseline FILE` does.
    pub baseline: Option<PathBuf>,
    /// `copies`: globs over `ns:name@version` naming input packages that are copies of
    /// other people's (see [`super::copies`]); unset: recognise published releases.
    pub copies: Option<Vec<String>>,
    pub(crate) levels: HashMap<&'static str, Option<Level>>,
    pub(crate) options: HashMap<(&'static str, String), bool>,
    pub(crate) overrides: Vec<Override>,
    pub(crate) base: PathBuf,
    /// `fixable`: the rules whose fixes `--fix` may apply (`None`: every rule).
    pub fixable: Option<Vec<&'static str>>,
    /// `unfixable`: rules whose fixes `--fix` never applies.
    pub unfixable: Vec<&'static str>,
    /// `[package]`: the metadata `witlint build` writes.
    pub package: crate::workspace::metadata::Declared,
    /// `[format] line-width`: where `witlint fmt` wraps parameter lists (unset: the default).
    pub line_width: Option<usize>,
}

impl Config {
    /// Whether `--fix` may apply the fixes of this rule.
    pub fn may_fix(&self, rule: &str) -> bool {
        self.fixable.as_ref().is_none_or(|l| l.contains(&rule)) && !self.unfixable.contains(&rule)
    }

    /// A finding's file, relative to the config file's folder, with `/` separators.
    pub(crate) fn relative(&self, file: &str) -> String {
        let abs = std::path::absolute(file).unwrap_or_else(|_| PathBuf::from(file));
        let rel = abs.strip_prefix(&self.base).unwrap_or(&abs);
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
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

/// The level each preset gives a rule.
impl Rule {
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
