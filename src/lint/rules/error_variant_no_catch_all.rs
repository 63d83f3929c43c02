use wit_bindgen_core::wit_parser::TypeDefKind;

use crate::lint::types::error_types;
use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};

pub static RULE: Rule = Rule {
    id: "error-variant-no-catch-all",
    category: Category::Errors,
    level: Level::Info,
    minimal: false,
    wasi: Level::Info,
    scope: Scope::WasiConventions,
    summary: "An error variant has no `other(..)` case for failures it does not name",
    explanation: r#"## What it checks

Variants used as the error of a `result` that have no case called `other`.

## What it leaves alone

Enums (a catch-all with a message needs a payload, which enums cannot carry; adding a
case is a breaking change either way: in packages written for WASI 0.3,
[`error-enum-no-catch-all`](error-enum-no-catch-all.md) reports error enums) and
variants no function returns as an error.

## Why

Hosts sit on top of real systems (Redis, S3, a filesystem) that fail in more ways than an
interface can list. Without a catch-all, an implementation must squeeze such failures
into a case that does not fit, or trap. Adding a case later is a breaking change, so the
catch-all belongs in the first version.

## Example

```wit
variant error {
    no-such-store,
    access-denied,
}
```

Use instead:

```wit
variant error {
    no-such-store,
    access-denied,
    /// Any other failure, with a message for humans.
    other(string),
}
```

## Convention

WASI cloud proposals end error variants with `other(string)` (wasi-keyvalue,
wasi-messaging)."#,
    options: &[],
    fix: Fixable::Never,
};

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    let funcs = cx.items().filter_map(|i| ws.function(&i.target));
    for id in error_types(&ws.resolve, funcs) {
        let TypeDefKind::Variant(v) = &ws.resolve.types[id].kind else {
            continue;
        };
        let Some(item) = ws.index().of_type(id).filter(|i| cx.linted(i.package)) else {
            continue;
        };
        if v.cases.iter().any(|c| c.name == "other") {
            continue;
        }
        cx.report_item(
            item,
            format!(
                "error variant `{}` has no `other(..)` case",
                item.path.leaf()
            ),
        )
        .fix("add `other(string)` for failures the other cases do not name");
    }
}
