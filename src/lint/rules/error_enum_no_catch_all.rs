use std::collections::BTreeSet;

use wit_bindgen_core::wit_parser::{Type, TypeDefKind};

use crate::lint::async_model::{NativeAsync, error_types_in};
use crate::lint::types::unalias;
use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};

pub static RULE: Rule = Rule {
    id: "error-enum-no-catch-all",
    category: Category::Async,
    level: Level::Info,
    minimal: false,
    wasi: Level::Info,
    scope: Scope::WasiConventions,
    summary: "A WASI 0.3 package reports errors with an `enum`, which has no room for failures it does not name",
    explanation: r#"## What it checks

In a package written for WASI 0.3 (it has `async` functions, streams or futures, or it
is `wasi:…@0.3` or later), an `enum` that serves as the error of a `result<_, E>`,
wherever the `result` is: returned, inside a `future`, inside a tuple.

## What it leaves alone

Enums that are not errors (`advice`, `ip-address-family`), error variants (see
[`error-variant-no-catch-all`](error-variant-no-catch-all.md) for those without an
`other` case), and packages written for WASI 0.2: turning a released enum into a
variant is a breaking change, to be made with the move to 0.3. Under the `auto` preset,
packages that do not follow WASI conventions.

## Why

Adding a case to an enum breaks every component built against it, and an enum case
carries no payload, so an enum's catch-all (`unknown`) cannot say what went wrong.
Hosts sit on real systems that fail in more ways than an interface lists. WASI 0.3.0
turned its error enums into variants that end with a catch-all carrying a message:
`wasi:filesystem`'s and `wasi:sockets`' `error-code` dropped `unknown` for
`other(option<string>)`, documented as "a catch-all for errors not captured by the
existing variants. Implementations can use this to extend the error type without
breaking existing code." Wasmtime's update to the 0.3.0 release candidate
(wasmtime#12781) calls the change "non-exhaustive enums to variants". `wasi:cli`'s
stdio `error-code` stayed an enum in 0.3.0, with three cases.

## Example

```wit
enum error-code {
    access,
    not-found,
    unknown,
}
```

Use instead:

```wit
variant error-code {
    access,
    not-found,
    /// A catch-all for errors not captured by the existing cases.
    other(option<string>),
}
```

## Convention

WASI 0.3.0's `wasi:filesystem/types.error-code` and `wasi:sockets/types.error-code`;
wasmtime#12781. The change breaks the API: make it with the move to 0.3."#,
    options: &[],
    fix: Fixable::Never,
};

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    let resolve = &ws.resolve;
    let mut on_model = NativeAsync::default();
    let mut errors = BTreeSet::new();
    for item in cx.items() {
        let Some(f) = ws.function(&item.target) else {
            continue;
        };
        if !on_model.of(ws, item.package) {
            continue;
        }
        for ty in f.params.iter().map(|p| p.ty).chain(f.result) {
            for err in error_types_in(resolve, ty) {
                if let Type::Id(id) = unalias(resolve, err)
                    && matches!(resolve.types[id].kind, TypeDefKind::Enum(_))
                {
                    errors.insert(id);
                }
            }
        }
    }
    for id in errors {
        let Some(item) = ws.index().of_type(id).filter(|i| cx.linted(i.package)) else {
            continue;
        };
        let unknown = match &resolve.types[id].kind {
            TypeDefKind::Enum(e) => e
                .cases
                .iter()
                .find(|c| matches!(c.name.as_str(), "unknown" | "other"))
                .map(|c| format!(" (its `{}` case cannot say what went wrong)", c.name)),
            _ => None,
        };
        cx.report_item(
            item,
            format!(
                "error enum `{}` cannot grow without breaking its users{}",
                item.path.leaf(),
                unknown.unwrap_or_default()
            ),
        )
        .fix("make it a `variant` that ends with `other(option<string>)`, as WASI 0.3's `error-code`s do");
    }
}
