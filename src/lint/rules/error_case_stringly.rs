use wit_bindgen_core::wit_parser::{Type, TypeDefKind};

use crate::lint::types::{error_types, is_string, unalias};
use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::{ItemKind, Target};

pub static RULE: Rule = Rule {
    id: "error-case-stringly",
    category: Category::Errors,
    level: Level::Info,
    minimal: false,
    wasi: Level::Warn,
    scope: Scope::WasiConventions,
    summary: "An error case carries only a string, beside the `other(string)` catch-all",
    explanation: r#"## What it checks

Cases of an error variant (a variant some function returns as the error of a `result`)
whose payload is a `string` (or `option<string>`), when the variant also has the
`other(..)` catch-all and at least one case callers can act on (no payload, or a typed
one).

## What it leaves alone

`other` itself, variants where every case is a string (`error-type-untyped` reports
those, or they are a deliberate design), variants without a catch-all, and variants no
function returns as an error: there a string is data, not a failure.

## Why

A case with only a message tells the caller which bucket a failure falls in, but gives
it nothing to act on that `other(string)` does not: the message is for humans, and its
wording differs per host. Next to typed cases, a stringly case reads as a design that
stopped halfway: either the failure has something a caller can use (a code, a retry
hint, the resource that was denied), which belongs in a type, or it is a plain case
without a payload, with details in `other`.

## Example

```wit
variant error {
    timeout,
    connection(string),
    other(string),
}
```

Use instead:

```wit
variant error {
    timeout,
    /// The connection to the broker failed; retrying may help.
    connection-failed,
    other(string),
}
```

## Convention

WASI reviews of error variants (wasi-keyvalue's `error`, wasi-filesystem's `error-code`):
cases name what the caller can act on, `other(string)` carries the rest."#,
    options: &[],
    fix: Fixable::Never,
};

/// Whether a payload is a message and nothing else: `string` or `option<string>`.
fn is_message(resolve: &wit_bindgen_core::wit_parser::Resolve, ty: Type) -> bool {
    match unalias(resolve, ty) {
        Type::String => true,
        Type::Id(id) => {
            matches!(&resolve.types[id].kind, TypeDefKind::Option(t) if is_string(resolve, *t))
        }
        _ => false,
    }
}

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    let funcs = cx.items().filter_map(|i| ws.function(&i.target));
    let errors = error_types(&ws.resolve, funcs);
    for item in cx.items().filter(|i| i.kind == ItemKind::Case) {
        let Target::Member { ty, index } = item.target else {
            continue;
        };
        if !errors.contains(&ty) {
            continue;
        }
        let TypeDefKind::Variant(v) = &ws.resolve.types[ty].kind else {
            continue;
        };
        let case = &v.cases[index];
        let message = |c: &wit_bindgen_core::wit_parser::Case| {
            c.ty.is_some_and(|t| is_message(&ws.resolve, t))
        };
        let has_catch_all = v.cases.iter().any(|c| c.name == "other");
        let has_actionable = v.cases.iter().any(|c| c.name != "other" && !message(c));
        if case.name == "other" || !message(case) || !has_catch_all || !has_actionable {
            continue;
        }
        let variant = ws.resolve.types[ty].name.clone().unwrap_or_default();
        cx.report_item(
            item,
            format!(
                "error case `{variant}::{}` carries only a message, as the catch-all `other` does",
                case.name
            ),
        )
        .note("a caller can show the message, never act on it: the case adds a name and nothing else")
        .fix("give it a payload a caller can act on, or drop the payload and leave messages to `other`");
    }
}
