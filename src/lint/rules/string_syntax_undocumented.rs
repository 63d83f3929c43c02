use std::collections::HashSet;

use indexmap::IndexMap;
use wit_bindgen_core::wit_parser::{InterfaceId, Resolve, Type, TypeDefKind, WorldItem, WorldKey};

use crate::lint::doctext::has_word;
use crate::lint::types::{cases, fallible, is_string};
use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::{FuncOwner, ItemKind, Target};

pub static RULE: Rule = Rule {
    id: "string-syntax-undocumented",
    category: Category::Docs,
    level: Level::Info,
    minimal: false,
    wasi: Level::Info,
    scope: Scope::WasiConventions,
    summary: "A string that names something, with no word on which strings are accepted",
    explanation: r#"## What it checks

A function parameter of type `string` (or an alias of it) that names something: its
name or its type's name is a key, name, id, identifier, path, URL, URI, header, bucket
or container. It is reported when all three hold:

- the function's docs and the alias's docs say nothing of which strings are accepted
  (no word such as "syntax", "valid", "accepted", "allowed", "characters", "format",
  "any string", "UTF-8", "case-sensitive", "RFC");
- they say nothing of what happens to a string that is not accepted;
- the function's error type has no case for it (a case named with "invalid",
  "syntax", "malformed", "illegal" or "not-allowed").

## What it leaves alone

Strings that name nothing (a message, a value, contents), strings whose syntax the docs
or the alias's docs write down (or what happens to one the host does not recognise),
functions whose error has a case for a bad string (wasi-http's
`header-error.invalid-syntax`), and functions of interfaces the package's worlds only
export (wasi-keyvalue's `watcher`): the host calls those, with strings it accepted. Under the `auto` preset, packages that do
not follow WASI conventions.

## Why

At the WASI meeting where wasi-config, wasi-keyvalue and wasi-blobstore were presented,
the first question was which key syntax a host must accept: one host wanted kebab-case
only, another any string. The answer given was "accept any string, or explain that to
your users", and the model pointed to was wasi-http: it specifies the syntax of every
header name and value, and returns a portable `invalid-syntax` error for a bad one. A
component written against one host otherwise fails on the next, with an error it cannot
tell from any other.

## Example

```wit
/// Gets the value at `key`.
get: func(key: string) -> result<option<string>, error>;
```

Use instead (either says it):

```wit
/// Gets the value at `key`. Any string is a valid key; keys are case-sensitive.
get: func(key: string) -> result<option<string>, error>;
```

```wit
variant error {
    /// The key is not one this store accepts (see the store's documentation).
    invalid-key,
    other(string),
}
```

## Convention

wasi-http's `field-name` and `field-value` (`header-error.invalid-syntax`); the
question asked of wasi-config, wasi-keyvalue and wasi-blobstore when they were
presented for Phase 2."#,
    options: &[],
    fix: Fixable::Never,
};

/// Words a name is made of that say it names something.
const NAMING: &[&str] = &[
    "key",
    "keys",
    "name",
    "id",
    "identifier",
    "path",
    "url",
    "uri",
    "header",
    "bucket",
    "container",
];

/// Words of docs that say which strings are accepted, or what becomes of the others.
const SYNTAX: &[&str] = &[
    "syntax",
    "valid",
    "invalid",
    "accepted",
    "accepts",
    "allowed",
    "character",
    "characters",
    "format",
    "utf-8",
    "case-sensitive",
    "case-insensitive",
    "rfc",
    "malformed",
    "reject",
    "rejected",
    "rejects",
    "recognized",
    "recognised",
    "unrecognized",
];

/// Words of an error case that say it is for a string not accepted.
const BAD_STRING: &[&str] = &["invalid", "syntax", "malformed", "illegal", "not-allowed"];

/// Whether a kebab name is made of one of [`NAMING`]'s words (`object-name`, `key`).
fn names_something(name: &str) -> bool {
    name.trim_start_matches('%')
        .split('-')
        .any(|w| NAMING.contains(&w))
}

/// The aliases a type goes through to `string`: `container-name`, then what it names.
fn aliases(resolve: &Resolve, mut ty: Type) -> Vec<&wit_bindgen_core::wit_parser::TypeDef> {
    let mut out = Vec::new();
    while let Type::Id(id) = ty {
        let def = &resolve.types[id];
        let TypeDefKind::Type(inner) = def.kind else {
            break;
        };
        out.push(def);
        ty = inner;
        if out.len() > 64 {
            break;
        }
    }
    out
}

/// The interfaces some world of `resolve` exports and none imports: their functions are
/// called by the host, with strings it has accepted already.
fn exported_only(resolve: &Resolve) -> HashSet<InterfaceId> {
    let interfaces = |items: &IndexMap<WorldKey, WorldItem>| -> Vec<InterfaceId> {
        items
            .values()
            .filter_map(|i| match i {
                WorldItem::Interface { id, .. } => Some(*id),
                _ => None,
            })
            .collect()
    };
    let worlds = || resolve.worlds.iter().map(|(_, w)| w);
    let imported: HashSet<InterfaceId> = worlds().flat_map(|w| interfaces(&w.imports)).collect();
    worlds()
        .flat_map(|w| interfaces(&w.exports))
        .filter(|i| !imported.contains(i))
        .collect()
}

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    let resolve = &ws.resolve;
    let exported_only = exported_only(resolve);
    for item in cx.items().filter(|i| i.kind == ItemKind::Param) {
        let Target::Param { func, .. } = item.target else {
            continue;
        };
        let called_by_host = match ws.index().items.get(func).map(|f| &f.target) {
            Some(Target::Function {
                owner: FuncOwner::Interface(iface),
                ..
            }) => exported_only.contains(iface),
            Some(Target::Function {
                owner: FuncOwner::World { export, .. },
                ..
            }) => *export,
            _ => false,
        };
        if called_by_host {
            continue;
        }
        let Some((function, param)) = ws.param(&item.target) else {
            continue;
        };
        if !is_string(resolve, param.ty) {
            continue;
        }
        let aliases = aliases(resolve, param.ty);
        let named = names_something(&param.name)
            || aliases
                .iter()
                .any(|a| a.name.as_deref().is_some_and(names_something));
        if !named {
            continue;
        }
        let documented = std::iter::once(function.docs.contents.as_deref())
            .chain(aliases.iter().map(|a| a.docs.contents.as_deref()))
            .flatten()
            .any(|docs| has_word(docs, SYNTAX) || docs.to_ascii_lowercase().contains("any string"));
        if documented {
            continue;
        }
        let error_case = fallible(resolve, function)
            .flatten()
            .and_then(|err| cases(resolve, err))
            .is_some_and(|(_, names)| {
                names
                    .iter()
                    .any(|c| BAD_STRING.iter().any(|w| c.contains(w)))
            });
        if error_case {
            continue;
        }
        let spelled = aliases
            .first()
            .and_then(|a| a.name.clone())
            .unwrap_or_else(|| "string".to_string());
        cx.report_item(
            item,
            format!(
                "`{}: {spelled}` of `{}` names something, but nothing says which strings it accepts",
                param.name.trim_start_matches('%'),
                function.item_name()
            ),
        )
        .note("neither the docs nor the error type say which strings are accepted, or what happens to one that is not: hosts will differ")
        .fix("write the syntax in the docs (or \"any string\"), or give the error a case for a string that is not accepted, as wasi-http's `header-error.invalid-syntax`");
    }
}

#[cfg(test)]
mod tests {
    use super::names_something;

    #[test]
    fn names_are_read_word_by_word() {
        for yes in ["key", "object-name", "container", "%path", "bucket-id"] {
            assert!(names_something(yes), "{yes}");
        }
        for no in ["value", "message", "keyboard", "contents", "identity"] {
            assert!(!names_something(no), "{no}");
        }
    }
}
