//! `witlint.toml`: a preset, per-rule levels and options, and per-path/per-item overrides.
//!
//! ```toml
//! preset = "wasi"            # auto (default) | minimal | standard | wasi
//! wasi-conventions = true    # under `auto`: WASI conventions for every package (default: detected)
//! lint-deps = false          # also lint the packages under deps/
//! used-worlds = ["wasi:cli/reactor"]  # worlds of deps/ the project's build selects itself
//! features = ["clocks-tz"]   # `@unstable` features consumers enable (see `--features`)
//!
//! [rules]
//! unused-use = "off"                                  # a level: error | warn | info | off
//! missing-docs = { level = "error", fields = false }  # or a table with options
//!
//! [[overrides]]
//! paths = ["legacy/*.wit"]                            # globs, relative to this file
//! items = ["wasi:blobstore/types@*#error"]            # ItemPath globs
//! reason = "the upstream signature is kept on purpose"
//! rules = { error-type-untyped = "off" }
//! ```
//!
//! Unknown keys, rule ids, options and levels are errors that name the key.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use super::{Level, Rule, rule};
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

/// A level in a config file, where `off` disables a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Setting {
    Off,
    Info,
    #[serde(alias = "warning")]
    Warn,
    Error,
}

impl Setting {
    fn level(self) -> Option<Level> {
        match self {
            Setting::Off => None,
            Setting::Info => Some(Level::Info),
            Setting::Warn => Some(Level::Warn),
            Setting::Error => Some(Level::Error),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    preset: Option<Preset>,
    wasi_conventions: Option<bool>,
    lint_deps: Option<bool>,
    #[serde(default)]
    used_worlds: Vec<String>,
    #[serde(default)]
    features: Vec<String>,
    #[serde(default)]
    rules: BTreeMap<String, RawRule>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawRule {
    Level(Setting),
    Table(BTreeMap<String, toml::Value>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    #[serde(default)]
    paths: Vec<String>,
    #[serde(default)]
    items: Vec<String>,
    #[allow(
        dead_code,
        reason = "documentation for humans; required so exceptions explain themselves"
    )]
    reason: Option<String>,
    rules: BTreeMap<String, Setting>,
}

#[derive(Clone)]
struct Override {
    paths: Option<GlobSet>,
    items: Option<GlobSet>,
    rules: HashMap<&'static str, Option<Level>>,
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
    levels: HashMap<&'static str, Option<Level>>,
    options: HashMap<(&'static str, String), bool>,
    overrides: Vec<Override>,
    base: PathBuf,
}

/// A configuration problem, located in the file.
#[derive(Debug)]
pub struct ConfigError {
    pub file: String,
    pub message: String,
    /// 1-based line and column.
    pub line_col: Option<(usize, usize)>,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line_col {
            Some((l, c)) => write!(f, "{}:{l}:{c}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// Finds `witlint.toml` in `start` or the nearest folder above it.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(start).ok()?;
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

impl Config {
    /// Reads and validates a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        let text = crate::input::read_to_string(path).map_err(|e| ConfigError {
            file: shown.clone(),
            message: format!("cannot read config: {e}"),
            line_col: None,
        })?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Config::parse(&shown, &text, base).map(|mut c| {
            c.file = Some(path.to_path_buf());
            c
        })
    }

    pub fn parse(file: &str, text: &str, base: PathBuf) -> Result<Config, ConfigError> {
        let err = |message: String, needle: Option<&str>| ConfigError {
            file: file.to_string(),
            message,
            line_col: needle.and_then(|n| text.find(n)).map(|o| line_col(text, o)),
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| ConfigError {
            file: file.to_string(),
            message: e.message().to_string(),
            line_col: e.span().map(|s| line_col(text, s.start)),
        })?;
        let mut config = Config {
            preset: raw.preset.unwrap_or_default(),
            wasi_conventions: raw.wasi_conventions,
            lint_deps: raw.lint_deps.unwrap_or(false),
            used_worlds: raw.used_worlds,
            features: raw.features,
            base: std::path::absolute(&base).unwrap_or(base),
            ..Config::default()
        };
        let known = |id: &str| {
            rule(id).ok_or_else(|| {
                err(
                    format!("unknown rule `{id}` (run `witlint rules` for the list)"),
                    Some(id),
                )
            })
        };
        for (id, setting) in raw.rules {
            let r = known(&id)?;
            match setting {
                RawRule::Level(s) => {
                    config.levels.insert(r.id, s.level());
                }
                RawRule::Table(table) => {
                    for (key, value) in table {
                        if key == "level" {
                            let s: Setting = value.try_into().map_err(|_| {
                                err(
                                    format!(
                                        "`rules.{id}.level` must be one of error, warn, info, off"
                                    ),
                                    Some(&id),
                                )
                            })?;
                            config.levels.insert(r.id, s.level());
                        } else if key == "reason" {
                        } else if r.options.iter().any(|o| o.name == key) {
                            let b = value.as_bool().ok_or_else(|| {
                                err(
                                    format!("option `{key}` of `{id}` takes true or false"),
                                    Some(&key),
                                )
                            })?;
                            config.options.insert((r.id, key), b);
                        } else {
                            let valid: Vec<_> = ["level", "reason"]
                                .into_iter()
                                .chain(r.options.iter().map(|o| o.name))
                                .collect();
                            return Err(err(
                                format!(
                                    "unknown key `{key}` for rule `{id}` (expected one of: {})",
                                    valid.join(", ")
                                ),
                                Some(&key),
                            ));
                        }
                    }
                }
            }
        }
        for o in raw.overrides {
            let mut rules = HashMap::new();
            for (id, s) in o.rules {
                rules.insert(known(&id)?.id, s.level());
            }
            let globs = |pats: &[String],
                         literal_separator: bool|
             -> Result<Option<GlobSet>, ConfigError> {
                if pats.is_empty() {
                    return Ok(None);
                }
                let mut b = GlobSetBuilder::new();
                for p in pats {
                    let g: Result<Glob, _> = GlobBuilder::new(p)
                        .literal_separator(literal_separator)
                        .build();
                    b.add(g.map_err(|e| err(format!("bad glob `{p}`: {e}"), Some(p)))?);
                }
                b.build().map(Some).map_err(|e| err(e.to_string(), None))
            };
            config.overrides.push(Override {
                paths: globs(&o.paths, true)?,
                items: globs(&o.items, false)?,
                rules,
            });
        }
        Ok(config)
    }

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

    /// A finding's file, relative to the config file's folder, with `/` separators.
    fn relative(&self, file: &str) -> String {
        let abs = std::path::absolute(file).unwrap_or_else(|_| PathBuf::from(file));
        let rel = abs.strip_prefix(&self.base).unwrap_or(&abs);
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse("witlint.toml", text, PathBuf::from("/repo/wit"))
    }

    #[test]
    fn unknown_keys_are_named_and_located() {
        let Err(e) = parse("preset = \"wasi\"\nbogus = 1\n") else {
            panic!("must be rejected")
        };
        assert!(e.message.contains("bogus"), "{}", e.message);
        assert_eq!(e.line_col, Some((2, 1)));
        let Err(e) = parse("[rules]\nno-such-rule = \"off\"\n") else {
            panic!("must be rejected")
        };
        assert!(e.message.contains("no-such-rule"));
        assert_eq!(e.line_col, Some((2, 1)));
        let Err(e) = parse("[rules]\nmissing-docs = { level = \"warn\", colour = true }\n") else {
            panic!("must be rejected")
        };
        assert!(
            e.message.contains("colour") && e.message.contains("fields"),
            "{}",
            e.message
        );
    }

    #[test]
    fn presets_rules_and_overrides_combine() {
        let c = parse(
            "preset = \"wasi\"\n[rules]\nunused-use = \"off\"\nmissing-docs = { level = \"info\", fields = false }\n\
             [[overrides]]\nitems = [\"wasi:blobstore/types@*#error\"]\nreason = \"upstream\"\nrules = { error-type-untyped = \"off\" }\n",
        )
        .unwrap();
        let r = |id| rule(id).unwrap();
        assert_eq!(c.level_for(r("unused-use")), None);
        assert_eq!(c.level_for(r("missing-docs")), Some(Level::Info));
        assert!(!c.option(r("missing-docs"), "fields"));
        assert!(c.option(r("missing-docs"), "cases"));
        let item = ItemPath::from("wasi:blobstore/types@0.2.0-draft#error".to_string());
        assert_eq!(c.level_at(r("error-type-untyped"), None, &item), None);
        let other = ItemPath::from("wasi:blobstore/types@0.2.0-draft#other".to_string());
        assert_eq!(
            c.level_at(r("error-type-untyped"), None, &other),
            Some(Level::Error)
        );
    }

    #[test]
    fn path_overrides_are_relative_to_the_config() {
        let c = parse("[[overrides]]\npaths = [\"deps/**\"]\nrules = { missing-docs = \"off\" }\n")
            .unwrap();
        let item = ItemPath::from("a:b".to_string());
        let r = rule("missing-docs").unwrap();
        assert_eq!(
            c.level_at(r, Some("/repo/wit/deps/io/streams.wit"), &item),
            None
        );
        assert_eq!(
            c.level_at(r, Some("/repo/wit/world.wit"), &item),
            Some(Level::Warn)
        );
    }
}
