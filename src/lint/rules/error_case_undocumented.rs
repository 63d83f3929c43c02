use crate::lint::types::error_types;
use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::{ItemKind, Target};

pub static RULE: Rule = Rule {
    id: "error-case-undocumented",
    category: Category::Errors,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Error,
    scope: Scope::WasiConventions,
    summary: "A case of an error variant or enum has no docs",
    explanation: r#"## What it checks

Cases of variants and enums that some function returns as the error of a `result`, when
the case has no doc comment.

## What it leaves alone

Cases of variants and enums that no function returns as an error (their docs are
`missing-docs`' concern), and cases of error types brought in with `use`: they are
documented where they are defined.

## Why

An error case is a contract between the host that returns it and the guest that handles
it. `busy` or `other` without docs leaves each runtime to guess when to use it, so the
same failure surfaces as different cases on different hosts.

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
    /// The host knows no store with the requested identifier.
    no-such-store,
    /// The component may not use the requested store.
    access-denied,
}
```

## Convention

WASI error types document every case (wasi:filesystem `error-code`, wasi:sockets
`error-code`)."#,
    options: &[],
    fix: Fixable::Never,
};

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    let funcs = cx.items().filter_map(|i| ws.function(&i.target));
    let errors = error_types(&ws.resolve, funcs);
    for item in cx.items().filter(|i| i.kind == ItemKind::Case) {
        let Target::Member { ty, .. } = item.target else {
            continue;
        };
        if !errors.contains(&ty) || item.docs.as_deref().is_some_and(|d| !d.trim().is_empty()) {
            continue;
        }
        let ty_name = ws.resolve.types[ty].name.clone().unwrap_or_default();
        cx.report_item(
            item,
            format!("error case `{ty_name}::{}` has no docs", item.path.leaf()),
        )
        .fix("say when a host returns this case, and what the caller can do about it");
    }
}
