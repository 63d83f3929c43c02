use wit_bindgen_core::wit_parser::Stability;

use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};

pub static RULE: Rule = Rule {
    id: "deprecated-before-since",
    category: Category::Versioning,
    level: Level::Error,
    minimal: true,
    wasi: Level::Error,
    scope: Scope::Anywhere,
    summary: "An item is deprecated in a version before the one it was introduced in",
    explanation: r#"## What it checks

`@deprecated(version = D)` together with `@since(version = S)` where `D < S`.

## What it leaves alone

Items with only one of the two gates, and `@unstable` items (whose `@deprecated` has no
`@since` to compare with): there is no order to get wrong.

## Why

An item cannot be deprecated before it exists. The pair is almost always a typo in one of
the two versions, and readers of the docs cannot tell which one is right.

## Example

```wit
@since(version = 0.2.1)
@deprecated(version = 0.2.0)
frob: func();
```

Use instead:

```wit
@since(version = 0.2.0)
@deprecated(version = 0.2.1)
frob: func();
```

## Convention

Component model `WIT.md`, "Feature Gates"."#,
    options: &[],
    fix: Fixable::Never,
};

pub(super) fn check(cx: &mut Context<'_>) {
    for item in cx.items() {
        if let Stability::Stable {
            since,
            deprecated: Some(dep),
        } = item.gate()
            && dep < since
        {
            cx.report_item(
                item,
                format!(
                    "{} is deprecated in {dep}, before it was introduced in {since}",
                    item.title()
                ),
            )
            .fix("swap or correct the two versions");
        }
    }
}
