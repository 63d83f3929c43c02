//! The package metadata tables of the config files: `[package]` of `witlint.toml` and
//! `[metadata]` of `wkg.toml`, each key known and each value checked where it is written.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::config_error::{ConfigError, ConfigResult, describe, line_col};
use crate::workspace::metadata::Declared;

/// The `[metadata]` table of a `wkg.toml` (wkg's key names: `author` for `authors`),
/// checked as `[package]` is. Its other tables are wkg's business.
pub fn load_wkg(path: &Path) -> ConfigResult<Declared> {
    let shown = crate::workspace::display(path);
    let text = crate::input::read_to_string(path).map_err(|e| {
        Box::new(ConfigError {
            file: shown.clone(),
            message: format!("cannot read wkg.toml: {e}"),
            line_col: None,
            span: None,
            hint: None,
            text: String::new(),
        })
    })?;
    let at = |message: String, span: Option<std::ops::Range<usize>>, hint: &str| {
        Box::new(ConfigError {
            file: shown.clone(),
            message,
            line_col: span.as_ref().map(|s| line_col(&text, s.start)),
            span,
            hint: Some(hint.to_string()),
            text: text.clone(),
        })
    };
    #[derive(Deserialize)]
    struct Wkg {
        #[serde(default)]
        metadata: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    }
    let wkg: Wkg = toml::from_str(&text).map_err(|e| {
        at(
            e.message().trim_end().to_string(),
            e.span(),
            "see wkg's documentation of wkg.toml",
        )
    })?;
    fn wkg_key(key: &str) -> &str {
        if key == "author" { "authors" } else { key }
    }
    let keys = [
        "author",
        "description",
        "licenses",
        "source",
        "homepage",
        "revision",
    ];
    declared(&wkg.metadata, "[metadata]", wkg_key, &keys, &at)
}

/// Makes a located error: message, where in the file, hint.
pub(super) type ErrorAt<'a> =
    dyn Fn(String, Option<std::ops::Range<usize>>, &str) -> Box<ConfigError> + 'a;

/// A table of package metadata, each key known and each value checked as wasm-metadata
/// will check it (an SPDX expression, a URL), errors located at the value. `authors` may
/// be a list.
pub(super) fn declared(
    table: &BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    name: &str,
    rename: fn(&str) -> &str,
    keys: &[&str],
    at: &ErrorAt<'_>,
) -> ConfigResult<Declared> {
    let mut out = Declared::default();
    for (key, value) in table {
        let field = rename(key.get_ref());
        let text = match value.get_ref() {
            toml::Value::String(s) => Some(s.clone()),
            toml::Value::Array(items) if field == "authors" => items
                .iter()
                .map(|i| i.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .map(|v| v.join(", ")),
            _ => None,
        };
        let Some(text) = text else {
            return Err(at(
                format!(
                    "`{}` in {name} is {}, not text",
                    key.get_ref(),
                    describe(value.get_ref())
                ),
                Some(value.span()),
                "write it as a string, such as `licenses = \"Apache-2.0\"`",
            ));
        };
        if let Err(why) = crate::workspace::metadata::check_value(field, &text) {
            let hint = if field == "licenses" {
                "write an SPDX license expression, such as \"Apache-2.0 WITH LLVM-exception\" or \"MIT OR Apache-2.0\""
            } else {
                "write a full URL, such as \"https://github.com/WebAssembly/wasi-keyvalue\""
            };
            return Err(at(
                format!("`{}` in {name} is {why}", key.get_ref()),
                Some(value.span()),
                hint,
            ));
        }
        if !out.set(field, text) {
            return Err(at(
                format!("unknown key `{}` in {name}", key.get_ref()),
                Some(key.span()),
                &format!("the keys of {name} are: {}", keys.join(", ")),
            ));
        }
    }
    Ok(out)
}
