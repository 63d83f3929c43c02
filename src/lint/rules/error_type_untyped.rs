use std::collections::BTreeMap;

use wit_bindgen_core::wit_parser::{Type, TypeDefKind};

use crate::lint::types::{fallible, is_string, unalias};
use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::{Item, ItemKind, ItemPath};

pub static RULE: Rule = Rule {
    id: "error-type-untyped",
    category: Category::Errors,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Error,
    scope: Scope::WasiConventions,
    summary: "An error type is `string` (or an alias of it), a variant of strings, or missing",
    explanation: r#"## What it checks

- an error type that is `string`, directly (`result<T, string>`) or through an alias
  (`type error = string`), reported once where the alias is defined;
- a function returning `result<T>` or `result`, which says it can fail but not how;
- an error variant whose every case carries a `string` (`io(string)`, `upstream(string)`,
  `other(string)`): each case names a failure, but what the caller can act on is again
  text. Reported once, at the variant.

## What it leaves alone

Variants that mix typed cases with string ones (only all-string variants are untyped),
and errors of vendored packages unless `--lint-deps`: the package cannot change
upstream's signatures.

## Why

A string error can only be shown to a human: callers cannot branch on it, and every
host words it differently, so portable guests cannot react to specific failures. A
`result` with no error type tells the caller even less.

## Example

```wit
type error = string;

get-container: func(name: string) -> result<container, error>;
```

Use instead:

```wit
variant error {
    /// No container has this name.
    no-such-container,
    /// Any other failure, with a message for humans.
    other(string),
}

get-container: func(name: string) -> result<container, error>;
```

## Convention

WASI 0.2 error types are variants or enums (`wasi:filesystem/types.error-code`,
`wasi:keyvalue/store.error`), with `other(string)` as the escape hatch."#,
    options: &[],
    fix: Fixable::Never,
};

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    let mut aliases: BTreeMap<ItemPath, (&Item, Vec<String>)> = BTreeMap::new();
    for item in cx.items().filter(|i| {
        matches!(
            i.kind,
            ItemKind::Function | ItemKind::Method | ItemKind::Static | ItemKind::Constructor
        )
    }) {
        let Some(func) = ws.function(&item.target) else {
            continue;
        };
        let Some(err) = fallible(&ws.resolve, func) else {
            continue;
        };
        let Some(err) = err else {
            cx.report_item(
                item,
                format!("{} returns a `result` with no error type", item.title()),
            )
            .note("callers learn that it failed, never why")
            .fix("return `result<T, error>` with an error variant that names the failures");
            continue;
        };
        if !is_string(&ws.resolve, err) {
            continue;
        }
        // Report at the alias that defines the string error, once; else at the function.
        let mut ty = err;
        let mut definition = None;
        while let Type::Id(id) = ty {
            let def = &ws.resolve.types[id];
            let TypeDefKind::Type(inner) = def.kind else {
                break;
            };
            if let Some(alias) = ws.index().of_type(id).filter(|a| !a.is_use) {
                definition = Some(alias);
            }
            ty = inner;
        }
        match definition {
            Some(alias) if !cx.linted(alias.package) => {}
            Some(alias) => aliases
                .entry(alias.path.clone())
                .or_insert((alias, Vec::new()))
                .1
                .push(item.path.leaf().to_string()),
            None => {
                cx.report_item(
                    item,
                    format!("{} returns `string` as its error", item.title()),
                )
                .fix("return an error variant whose cases name the failures");
            }
        }
    }
    // Error variants of strings, once each, at their definition.
    let mut variants = BTreeMap::new();
    for item in cx.items().filter(|i| {
        matches!(
            i.kind,
            ItemKind::Function | ItemKind::Method | ItemKind::Static | ItemKind::Constructor
        )
    }) {
        let Some(Some(err)) = ws
            .function(&item.target)
            .and_then(|f| fallible(&ws.resolve, f))
        else {
            continue;
        };
        let Type::Id(id) = unalias(&ws.resolve, err) else {
            continue;
        };
        let TypeDefKind::Variant(v) = &ws.resolve.types[id].kind else {
            continue;
        };
        let all_strings = v.cases.len() > 1
            && v.cases
                .iter()
                .all(|c| c.ty.is_some_and(|t| is_string(&ws.resolve, t)));
        if let Some(def) = ws
            .index()
            .of_type(id)
            .filter(|d| all_strings && cx.linted(d.package))
        {
            variants.entry(def.path.clone()).or_insert(def);
        }
    }
    for def in variants.into_values() {
        cx.report_item(
            def,
            format!("every case of error variant `{}` carries a `string`", def.path.leaf()),
        )
        .note("callers can tell the failures apart, but not act on any of them without parsing text")
        .fix("give each failure a case of its own, without a payload or with a typed one, and keep `other(string)` as the one catch-all");
    }
    // Report each string alias once, at its definition, naming who uses it.
    for (alias, users) in aliases.into_values() {
        let used_by = match users.as_slice() {
            [one] => format!("`{one}`"),
            [first, rest @ ..] => format!("`{first}` and {} more", rest.len()),
            [] => continue,
        };
        cx.report_item(
            alias,
            format!("error type `{}` is an alias of `string`", alias.path.leaf()),
        )
        .note(format!("used as the error of {used_by}"))
        .fix("make it a variant whose cases name the failures, with `other(string)` for the rest");
    }
}
