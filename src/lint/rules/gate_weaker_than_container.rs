use wit_bindgen_core::wit_parser::Stability;

use crate::lint::gates::{describe, gated_container};
use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::ItemKind;

pub static RULE: Rule = Rule {
    id: "gate-weaker-than-container",
    category: Category::Versioning,
    level: Level::Warn,
    minimal: true,
    wasi: Level::Error,
    scope: Scope::Anywhere,
    summary: "An item is gated less strictly than the interface, world or resource that contains it",
    explanation: r#"## What it checks

Items inside a gated interface, world or resource that are
- ungated,
- `@since` an earlier version than their container, or
- stable (`@since`) inside an `@unstable` container.

## What it leaves alone

Ungated containers (nothing to be weaker than; `gate-missing` covers those), and world
imports of a `.wasm` package, where the binary format keeps no include nor its gate.

## Why

An item cannot be available before, or more stably than, the thing that contains it.
`@since(version = 0.2.0)` on a function in an interface `@since(version = 0.2.2)` claims
the function shipped two releases before its interface did; a stable method of an
`@unstable` resource disappears whenever the feature is off. Bindings and docs then
disagree with what runtimes actually provide.

## Example

```wit
@since(version = 0.2.2)
interface frob {
    @since(version = 0.2.0)
    frob: func();
}
```

Use instead:

```wit
@since(version = 0.2.2)
interface frob {
    @since(version = 0.2.2)
    frob: func();
}
```

## Convention

Component model `WIT.md`, "Feature Gates": an item contained in a gated item must be
compatibly gated."#,
    options: &[],
    fix: Fixable::Never,
};

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    for item in cx.items().filter(|i| i.kind.can_be_gated() && !i.is_use) {
        let Some(container) = gated_container(ws, item) else {
            continue;
        };
        // A package decoded from a `.wasm` lists a world's includes as the imports they
        // bring, and the binary format keeps no include nor its gate: nothing to fix there.
        if matches!(item.kind, ItemKind::Import | ItemKind::Export)
            && ws.locate(item.span).is_none()
        {
            continue;
        }
        let (mine, theirs) = (item.gate(), container.gate());
        let problem = match (mine, theirs) {
            (_, Stability::Unknown) => None,
            (Stability::Unknown, _) => Some("has no gate"),
            (Stability::Stable { since: a, .. }, Stability::Stable { since: b, .. }) if a < b => {
                Some("is gated earlier than")
            }
            (Stability::Stable { .. }, Stability::Unstable { .. }) => Some("is stable inside"),
            _ => None,
        };
        let Some(problem) = problem else { continue };
        let message = match problem {
            "has no gate" => format!(
                "{} has no gate, but its {} is `{}`",
                item.title(),
                container.title(),
                describe(theirs)
            ),
            _ => format!(
                "{} (`{}`) {problem} its {} (`{}`)",
                item.title(),
                describe(mine),
                container.title(),
                describe(theirs)
            ),
        };
        cx.report_item(item, message).fix(format!(
            "gate it at least as strictly as its container: `{}`",
            describe(theirs)
        ));
    }
}
