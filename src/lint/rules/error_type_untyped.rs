use std::collections::BTreeMap;

use wit_bindgen_core::wit_parser::{Type, TypeDefKind};

use crate::lint::types::{fallible, is_string};
use crate::lint::{Category, Context, Level, Rule, Scope};
use crate::workspace::{Item, ItemKind, ItemPath};

pub static RULE: Rule = Rule {
    id: "error-type-untyped",
    category: Category::Errors,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Error,
    scope: Scope::WasiConventions,
    summary: "An error type is `string` (or an alias of it), or a `result` has no error type",
    explanation: r#"## What it checks

- an error type that is `string`, directly (`result<T, string>`) or through an alias
  (`type error = string`), reported once where the alias is defined;
- a function returning `result<T>` or `result`, which says it can fail but not how.

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
    check,
};

fn check(cx: &mut Context<'_>) {
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
