//! Reading `witlint.toml` into a [`Config`], every mistake located and explained.
//!
//! ```toml
//! preset = "wasi"            # auto (default) | minimal | standard | wasi
//! wasi-conventions = true    # under `auto`: WASI conventions for every package (default: detected)
//! lint-deps = false          # also lint the packages under deps/
//! used-worlds = ["wasi:cli/reactor"]  # worlds of deps/ the project's build selects itself
//! features = ["clocks-tz"]   # `@unstable` features consumers enable (see `--features`)
//! copies = ["wasi:*"]        # input packages that are copies of other people's: not linted
//! baseline = "witlint-baseline.json"  # findings recorded earlier, not reported (as --baseline)
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
use toml::Spanned;

pub use super::config_error::{ConfigError, ConfigResult};
use super::config_error::{describe, line_col};
use super::registry::{by_id as rule, closest_rule};
use crate::lint::Level;
use crate::lint::config::{Config, FILE_NAME, Override, Preset};

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
    fn parse(s: &str) -> Option<Setting> {
        match s {
            "off" => Some(Setting::Off),
            "info" => Some(Setting::Info),
            "warn" | "warning" => Some(Setting::Warn),
            "error" => Some(Setting::Error),
            _ => None,
        }
    }

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
    copies: Option<Vec<Spanned<String>>>,
    baseline: Option<String>,
    /// The rules whose fixes `--fix` may apply (default: all) and those it never applies.
    fixable: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    unfixable: Vec<Spanned<String>>,
    /// A level, or a table with a level and options: read by hand, for messages that
    /// say which of the two is wrong and where.
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    overrides: Vec<Spanned<RawOverride>>,
    /// The metadata `witlint build` writes: read by hand, each value checked where it is.
    #[serde(default)]
    package: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    /// `witlint fmt`'s one setting.
    format: Option<RawFormat>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawFormat {
    line_width: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    #[serde(default)]
    paths: Vec<String>,
    #[serde(default)]
    items: Vec<String>,
    /// Required, so exceptions explain themselves (checked after reading, with a message).
    reason: Option<String>,
    rules: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}

/// The configuration of an input from the files found for it: `witlint.toml` (or the
/// defaults), with `wkg.toml`'s `[metadata]` filling what `[package]` leaves out.
pub fn load_found(witlint_toml: Option<&Path>, wkg_toml: Option<&Path>) -> ConfigResult<Config> {
    let mut config = match witlint_toml {
        Some(path) => Config::load(path)?,
        None => Config::default(),
    };
    if let Some(path) = wkg_toml {
        let declared = super::metadata_tables::load_wkg(path)?;
        config.package = std::mem::take(&mut config.package).or(declared);
    }
    Ok(config)
}

/// Finds `wkg.toml` (whose `[metadata]` fills what `[package]` leaves out) in `start` or
/// the nearest folder above it.
pub fn discover_wkg(start: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(start).ok()?;
    start
        .ancestors()
        .map(|d| d.join("wkg.toml"))
        .find(|p| p.is_file())
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
    pub fn load(path: &Path) -> ConfigResult<Config> {
        // Found upward from an input it is absolute: shown from here when it is below.
        let shown = std::env::current_dir()
            .ok()
            .and_then(|cwd| path.strip_prefix(cwd).ok().map(crate::workspace::display))
            .unwrap_or_else(|| crate::workspace::display(path));
        let text = crate::input::read_to_string(path).map_err(|e| {
            Box::new(ConfigError {
                file: shown.clone(),
                message: format!("cannot read config: {e}"),
                line_col: None,
                span: None,
                hint: Some("`--config` names a witlint.toml file".into()),
                text: String::new(),
            })
        })?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Config::parse(&shown, &text, base).map(|mut c| {
            c.file = Some(path.to_path_buf());
            c
        })
    }

    pub fn parse(file: &str, text: &str, base: PathBuf) -> ConfigResult<Config> {
        let at = |message: String, span: Option<std::ops::Range<usize>>, hint: &str| {
            Box::new(ConfigError {
                file: file.to_string(),
                message,
                line_col: span.as_ref().map(|s| line_col(text, s.start)),
                span,
                hint: Some(hint.to_string()),
                text: text.to_string(),
            })
        };
        let err = |message: String, needle: Option<&str>| {
            let span = needle.and_then(|n| text.find(n).map(|o| o..o + n.len()));
            at(message, span, "see `witlint.toml` in the README")
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            at(
                e.message().trim_end().to_string(),
                e.span(),
                "see `witlint.toml` in the README",
            )
        })?;
        let mut config = Config {
            preset: raw.preset.unwrap_or_default(),
            wasi_conventions: raw.wasi_conventions,
            lint_deps: raw.lint_deps.unwrap_or(false),
            used_worlds: raw.used_worlds,
            features: raw.features,
            copies: raw
                .copies
                .map(|globs| {
                    globs
                        .into_iter()
                        .map(|g| match Glob::new(g.get_ref()) {
                            Ok(_) => Ok(g.into_inner()),
                            Err(e) => Err(at(
                                format!("bad glob `{}` in `copies`: {e}", g.get_ref()),
                                Some(g.span()),
                                "name packages as `ns:name`, `ns:name@1.2.3` or `ns:*`",
                            )),
                        })
                        .collect::<ConfigResult<Vec<String>>>()
                })
                .transpose()?,
            baseline: raw.baseline.map(|b| base.join(b)),
            line_width: match raw.format.and_then(|f| f.line_width) {
                None => None,
                Some(w) => Some(
                    usize::try_from(*w.get_ref())
                        .ok()
                        .filter(|w| (40..=1000).contains(w))
                        .ok_or_else(|| {
                            at(
                                format!("`line-width` is {}, not a width", w.get_ref()),
                                Some(w.span()),
                                "a width is a number of characters from 40 to 1000 (default 100)",
                            )
                        })?,
                ),
            },
            base: std::path::absolute(&base).unwrap_or(base),
            ..Config::default()
        };
        let known = |id: &Spanned<String>| {
            rule(id.get_ref()).ok_or_else(|| {
                let suggestion = closest_rule(id.get_ref())
                    .map_or_else(String::new, |r| format!(": did you mean `{r}`?"));
                at(
                    format!("unknown rule `{}`{suggestion}", id.get_ref()),
                    Some(id.span()),
                    "`witlint rules` lists every rule",
                )
            })
        };
        // `what` names the setting in messages: "`missing-docs`", "`level` of `missing-docs`".
        let level = |what: &str, value: &Spanned<toml::Value>| {
            value
                .get_ref()
                .as_str()
                .and_then(Setting::parse)
                .ok_or_else(|| {
                    at(
                        format!("{what} is {}, not a level", describe(value.get_ref())),
                        Some(value.span()),
                        "a level is one of \"error\", \"warn\", \"info\", \"off\"",
                    )
                })
        };
        if let Some(list) = &raw.fixable {
            let mut ids = Vec::new();
            for id in list {
                ids.push(known(id)?.id);
            }
            config.fixable = Some(ids);
        }
        for id in &raw.unfixable {
            config.unfixable.push(known(id)?.id);
        }
        for (id, setting) in &raw.rules {
            let r = known(id)?;
            match setting.get_ref() {
                toml::Value::String(_) => {
                    config
                        .levels
                        .insert(r.id, level(&format!("`{}`", r.id), setting)?.level());
                }
                toml::Value::Table(table) => {
                    for (key, value) in table {
                        // The table's own span: its values carry none of their own.
                        let value = Spanned::new(setting.span(), value.clone());
                        if key == "level" {
                            config.levels.insert(
                                r.id,
                                level(&format!("`level` of `{}`", r.id), &value)?.level(),
                            );
                        } else if key == "reason" {
                        } else if r.options.iter().any(|o| o.name == key) {
                            let b = value.get_ref().as_bool().ok_or_else(|| {
                                at(
                                    format!("option `{key}` of `{}` takes true or false", r.id),
                                    Some(value.span()),
                                    "write `true` or `false`",
                                )
                            })?;
                            config.options.insert((r.id, key.clone()), b);
                        } else {
                            let valid: Vec<_> = ["level", "reason"]
                                .into_iter()
                                .chain(r.options.iter().map(|o| o.name))
                                .collect();
                            return Err(at(
                                format!("unknown key `{key}` for rule `{}`", r.id),
                                Some(setting.span()),
                                &format!("the keys of a rule's table are: {}", valid.join(", ")),
                            ));
                        }
                    }
                }
                other => {
                    return Err(at(
                        format!("`{}` is set to {}", r.id, describe(other)),
                        Some(setting.span()),
                        "write a level (\"error\", \"warn\", \"info\", \"off\") or a table such as `{ level = \"warn\", fields = false }`",
                    ));
                }
            }
        }
        for spanned in &raw.overrides {
            let o = spanned.get_ref();
            if o.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
                return Err(at(
                    "this `[[overrides]]` entry has no `reason`".into(),
                    Some(spanned.span()),
                    "add `reason = \"…\"`: every exception says why it is right",
                ));
            }
            let mut rules = HashMap::new();
            for (id, value) in &o.rules {
                let r = known(id)?;
                rules.insert(r.id, level(&format!("`{}`", r.id), value)?.level());
            }
            let globs =
                |pats: &[String], literal_separator: bool| -> ConfigResult<Option<GlobSet>> {
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
        fn same(key: &str) -> &str {
            key
        }
        config.package = super::metadata_tables::declared(
            &raw.package,
            "[package]",
            same,
            crate::workspace::metadata::KEYS,
            &at,
        )?;
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::ItemPath;

    fn parse(text: &str) -> ConfigResult<Config> {
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
        assert!(e.message.contains("colour"), "{}", e.message);
        assert!(
            e.hint.as_deref().is_some_and(|h| h.contains("fields")),
            "{e:?}"
        );
    }

    #[test]
    fn mistakes_get_a_message_that_names_them() {
        let Err(e) = parse(
            "[rules]
mising-docs = \"warn\"\n",
        ) else {
            panic!("must be rejected")
        };
        assert!(
            e.message.contains("did you mean `missing-docs`"),
            "{}",
            e.message
        );
        let Err(e) = parse("[rules]\nmissing-docs = \"loud\"\n") else {
            panic!("must be rejected")
        };
        assert_eq!(e.message, "`missing-docs` is \"loud\", not a level");
        assert_eq!(e.line_col, Some((2, 16)));
        let Err(e) = parse("[rules]\nmissing-docs = 3\n") else {
            panic!("must be rejected")
        };
        assert!(!e.message.contains("untagged"), "{}", e.message);
        let Err(e) = parse("[[overrides]]\nitems = [\"*\"]\nrules = { missing-docs = \"off\" }\n")
        else {
            panic!("an override without a reason must be rejected")
        };
        assert!(e.message.contains("reason"), "{}", e.message);
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
        let c = parse(
            "[[overrides]]\npaths = [\"deps/**\"]\nreason = \"vendored\"\nrules = { missing-docs = \"off\" }\n",
        )
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
