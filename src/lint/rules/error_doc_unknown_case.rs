use wit_bindgen_core::wit_parser::Type;

use crate::lint::doctext::code_spans;
use crate::lint::types::{cases, fallible};
use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::ItemKind;

pub static RULE: Rule = Rule {
    id: "error-doc-unknown-case",
    category: Category::Errors,
    level: Level::Error,
    minimal: true,
    wasi: Level::Error,
    scope: Scope::Anywhere,
    summary: "Docs name an error case the function's error type does not have",
    explanation: r#"## What it checks

Code spans like `` `error::no-such-store` `` in the docs of a fallible function, where
`error` is the function's error type (or an alias of it) and the case does not exist.

## What it leaves alone

Code spans that name another type's cases (`other-type::case`) and functions that return
no `result`: only the error type's own cases can be checked against its definition.

## Why

Renaming or removing an error case leaves the docs pointing at nothing; implementers
then return a case that does not exist in their bindings, or guess. The docs are the
only place that maps situations to cases, so they must name real ones.

## Example

```wit
variant error { no-such-store, access-denied }

/// Fails with `error::not-found` if the store does not exist.
open: func(name: string) -> result<bucket, error>;
```

Use instead:

```wit
/// Fails with `error::no-such-store` if the store does not exist.
open: func(name: string) -> result<bucket, error>;
```

## Convention

WASI docs refer to error cases as `` `type::case` `` (wasi-keyvalue, wasi-config)."#,
    options: &[],
    fix: Fixable::Never,
};

/// The names an error type goes by along its alias chain (`error` via `use`, then its definition).
fn type_names(cx: &Context<'_>, mut ty: Type) -> Vec<String> {
    let mut names = Vec::new();
    for _ in 0..64 {
        let Type::Id(id) = ty else { break };
        let def = &cx.ws.resolve.types[id];
        names.extend(def.name.clone());
        match def.kind {
            wit_bindgen_core::wit_parser::TypeDefKind::Type(inner) => ty = inner,
            _ => break,
        }
    }
    names
}

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    for item in cx.items().filter(|i| {
        matches!(
            i.kind,
            ItemKind::Function | ItemKind::Method | ItemKind::Static | ItemKind::Constructor
        )
    }) {
        // A case is named `type::case`: docs without `::` name none.
        let (Some(func), Some(docs)) = (
            ws.function(&item.target),
            item.docs.as_deref().filter(|d| d.contains("::")),
        ) else {
            continue;
        };
        let Some(Some(err)) = fallible(&ws.resolve, func) else {
            continue;
        };
        let Some((_, case_names)) = cases(&ws.resolve, err) else {
            continue;
        };
        let names = type_names(cx, err);
        for span in code_spans(docs) {
            let Some((ty, case)) = span.split_once("::") else {
                continue;
            };
            if !names.iter().any(|n| n == ty) || case_names.contains(&case) {
                continue;
            }
            let location = ws.locate_in_docs(item, &span);
            cx.report(
                location,
                item.path.clone(),
                format!(
                    "docs of `{}` name `{span}`, but `{ty}` has no case `{case}`",
                    item.path.leaf()
                ),
            )
            .note(format!("`{ty}` has: {}", case_names.join(", ")))
            .fix("name one of the existing cases, or add the case to the type");
        }
    }
}
