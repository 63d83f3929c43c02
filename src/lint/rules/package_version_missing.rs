use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::ItemKind;

pub static RULE: Rule = Rule {
    id: "package-version-missing",
    category: Category::Versioning,
    level: Level::Warn,
    minimal: true,
    wasi: Level::Error,
    scope: Scope::Anywhere,
    summary: "A package that uses gates, or is in the `wasi` namespace, has no version",
    explanation: r#"## What it checks

The `package` line of a package that uses feature gates, or whose namespace is `wasi`,
must carry a version: `package wasi:keyvalue@0.2.0;`.

## What it leaves alone

Unversioned packages outside `wasi:` that use no gates of their own, and gates that only
an `include` brings in: such packages make no versioning promise to keep.

## Why

Gates are relative to the package version: `@since(version = 0.2.1)` means nothing in an
unversioned package, and wit-parser rejects such a package outright. Components import
interfaces by versioned name (`wasi:keyvalue/store@0.2.0`), so a WASI package without a
version cannot be published or depended on with confidence.

## Example

```wit
package wasi:example;

@unstable(feature = example-frob)
interface frob { }
```

Use instead:

```wit
package wasi:example@0.1.0;

@unstable(feature = example-frob)
interface frob { }
```

## Convention

Component model `WIT.md`, "Feature Gates": "a gated package needs a version"; WASI
proposals version every package (`wasi:io@0.2.x`, `wasi:keyvalue@0.2.0-draft2`).
wit-parser reports `@since` in an unversioned package as a load error; witlint names it
with this rule's id."#,
    options: &[],
    fix: Fixable::Never,
};

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    for item in cx.items().filter(|i| i.kind == ItemKind::Package) {
        let name = &ws.resolve.packages[item.package].name;
        if name.version.is_some() {
            continue;
        }
        // Its own gates: a world may include another package's gated items.
        let gated = ws.index().uses_gates(item.package);
        if !gated && name.namespace != "wasi" {
            continue;
        }
        let why = if gated {
            "uses feature gates"
        } else {
            "is in the `wasi` namespace"
        };
        cx.report_item(item, format!("package `{name}` {why} but has no version"))
            .note("gates and versioned imports (`ns:pkg/iface@X.Y.Z`) are relative to the package version")
            .fix(format!("add a version: `package {name}@0.1.0;`"));
    }
}
