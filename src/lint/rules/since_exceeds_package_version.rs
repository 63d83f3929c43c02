use wit_bindgen_core::wit_parser::Stability;

use crate::lint::gates::package_version;
use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};

pub static RULE: Rule = Rule {
    id: "since-exceeds-package-version",
    category: Category::Versioning,
    level: Level::Error,
    minimal: true,
    wasi: Level::Error,
    scope: Scope::Anywhere,
    summary: "`@since` names a version newer than the package's",
    explanation: r#"## What it checks

An item gated `@since(version = X)` where `X` is greater than the version on the
`package` line.

## What it leaves alone

Unversioned packages and vendored packages unless `--lint-deps`: there is no version to
exceed, or the gates are upstream's.

## Why

`@since` records the release an item first shipped in. A version from the future means
the item is described as released when it is not; wit-parser refuses to load such a
package ("feature gate cannot reference unreleased version"), so every tool downstream
fails. witlint reports wit-parser's refusal with this rule's id and the item's name, and
checks decoded `.wasm` packages, which wit-parser does not.

## Example

```wit
package wasi:example@0.2.0;

@since(version = 0.2.1)
interface frob { }
```

Use instead:

```wit
package wasi:example@0.2.0;

@unstable(feature = example-frob)
interface frob { }
```

## Convention

Component model `WIT.md`, "Feature Gates": new features start `@unstable(feature = ..)`
and become `@since(version = <release>)` in the release that stabilises them."#,
    options: &[],
    fix: Fixable::Never,
};

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    for item in cx.items() {
        let (Stability::Stable { since, .. }, Some(version)) =
            (item.gate(), package_version(ws, item.package))
        else {
            continue;
        };
        if since > version {
            cx.report_item(
                item,
                format!(
                    "{} is `@since({since})`, newer than its package version {version}",
                    item.title()
                ),
            )
            .fix("gate it `@unstable(feature = ..)` until the release that ships it");
        }
    }
}
