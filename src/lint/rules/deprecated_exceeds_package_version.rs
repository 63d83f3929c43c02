use crate::lint::gates::{deprecated, package_version};
use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};

pub static RULE: Rule = Rule {
    id: "deprecated-exceeds-package-version",
    category: Category::Versioning,
    level: Level::Error,
    minimal: true,
    wasi: Level::Error,
    scope: Scope::Anywhere,
    summary: "`@deprecated` names a version newer than the package's",
    explanation: r#"## What it checks

An item marked `@deprecated(version = X)` where `X` is greater than the package version.

## What it leaves alone

Unversioned packages (nothing to compare with) and vendored packages in `deps/` unless
`--lint-deps`: their gates are upstream's, released as they are.

## Why

`@deprecated` records the release in which an item was deprecated. A future version
announces a deprecation that has not happened, and wit-parser does not check it, so the
mistake ships silently into docs and bindings.

## Example

```wit
package wasi:example@0.2.0;

@since(version = 0.1.0)
@deprecated(version = 0.3.0)
frob: func();
```

Use instead:

```wit
package wasi:example@0.2.0;

@since(version = 0.1.0)
@deprecated(version = 0.2.0)
frob: func();
```

## Convention

Component model `WIT.md`, "Feature Gates": `@deprecated(version = ..)` names the release
that deprecated the item."#,
    options: &[],
    fix: Fixable::Never,
};

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    for item in cx.items() {
        let (Some(dep), Some(version)) =
            (deprecated(item.gate()), package_version(ws, item.package))
        else {
            continue;
        };
        if dep > version {
            cx.report_item(
                item,
                format!(
                    "{} is `@deprecated({dep})`, newer than its package version {version}",
                    item.title()
                ),
            )
            .fix(format!(
                "use the release that deprecates it, at most {version}"
            ));
        }
    }
}
