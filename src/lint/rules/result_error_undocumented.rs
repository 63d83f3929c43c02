use crate::lint::doctext::{code_spans, describes_failure};
use crate::lint::types::{cases, fallible};
use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::ItemKind;

pub static RULE: Rule = Rule {
    id: "result-error-undocumented",
    category: Category::Errors,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Error,
    scope: Scope::WasiConventions,
    summary: "A function returns `result<_, E>` but its docs say nothing about how it fails",
    explanation: r##"## What it checks

Documented functions, methods and constructors that return a `result` whose docs have
no `# Errors` section, name none of the error type's cases, and use no failure wording
(error, fail, trap, invalid, denied …). Functions without any docs are left to
`missing-docs`.

A case is named as code or as an intra-doc link (`` `other` ``, `` `error::other` ``,
``[`error::access-denied`]``, `` `timeout(..)` ``): almost every error type has an
`other` case, so "in other words" says nothing about how a call fails.

## What it leaves alone

Functions without any docs (`missing-docs` reports them), and case names that appear
only as prose ("in other words"): almost every error type has an `other` case.

## Why

The error type says *that* a call can fail; only the docs say *when*. Implementers of a
WASI interface need to know which case to return for which situation, or every runtime
picks differently and portable guests cannot handle failures.

## Example

```wit
/// Opens the bucket with this name.
open: func(name: string) -> result<bucket, error>;
```

Use instead:

```wit
/// Opens the bucket with this name.
///
/// Fails with `error::no-such-store` if the host knows no bucket by that name,
/// and `error::access-denied` if the component may not use it.
open: func(name: string) -> result<bucket, error>;
```

## Convention

WASI API docs describe each error case a function can return (wasi:filesystem,
wasi:sockets: "# Typical errors")."##,
    options: &[],
    fix: Fixable::Never,
};

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
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
        let Some(docs) = item.docs.as_deref().filter(|d| !d.trim().is_empty()) else {
            continue;
        };
        if describes_failure(docs) {
            continue;
        }
        let case_names: Vec<&str> = err
            .and_then(|e| cases(&ws.resolve, e))
            .map(|(_, c)| c)
            .unwrap_or_default();
        // A case counts only where the docs name it as code or link to it: case names are
        // words too (`other`, `closed`), and prose uses them for other things.
        let mentioned = code_spans(docs)
            .iter()
            .any(|c| case_names.iter().any(|n| names_case(c, n)));
        if mentioned {
            continue;
        }
        let f = cx.report_item(
            item,
            format!(
                "{} returns a `result` but its docs do not say how it fails",
                item.title()
            ),
        );
        if !case_names.is_empty() {
            f.note(format!(
                "its error type has the cases: {}",
                case_names.join(", ")
            ));
        }
        f.fix("add a paragraph (or an `# Errors` section) naming the cases it returns and when");
    }
}

/// Whether a code span names the case `name`: `name`, `ty::name`, or either with a payload
/// (`name(..)`).
fn names_case(code: &str, name: &str) -> bool {
    let code = code.split_once('(').map_or(code, |(head, _)| head).trim();
    code == name || code.rsplit_once("::").is_some_and(|(_, case)| case == name)
}

#[cfg(test)]
mod tests {
    use super::names_case;

    #[test]
    fn cases_are_named_as_code() {
        assert!(names_case("other", "other"));
        assert!(names_case("error::other", "other"));
        assert!(names_case("error-code::timeout(duration)", "timeout"));
        assert!(!names_case("another", "other"));
        assert!(!names_case("other-thing", "other"));
    }
}
