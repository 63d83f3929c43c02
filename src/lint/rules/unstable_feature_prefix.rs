use std::collections::BTreeMap;

use wit_bindgen_core::wit_parser::Stability;

use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::Item;

pub static RULE: Rule = Rule {
    id: "unstable-feature-prefix",
    category: Category::Versioning,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Error,
    scope: Scope::WasiConventions,
    summary: "An `@unstable` feature name is not prefixed with its package name",
    explanation: r#"## What it checks

`@unstable(feature = F)` where `F` is neither the package name nor starts with
`<package>-` (for `wasi:clocks`, `clocks-timezone` is right, `timezone` is not). Each
feature is reported once, where it is first used.

## Why

Runtimes enable unstable features by name, across every package they load: a feature
called `timezone` in `wasi:clocks` collides with any other package's `timezone`, and
users cannot tell from a flag which proposal it belongs to.

## Example

```wit
package wasi:clocks@0.2.3;

@unstable(feature = timezone)
interface timezone { }
```

Use instead:

```wit
package wasi:clocks@0.2.3;

@unstable(feature = clocks-timezone)
interface timezone { }
```

## Convention

Component model `WIT.md`, "Feature Gates": new features start
`@unstable(feature = <package>-<name>)`; WASI follows it (`clocks-timezone`,
`cli-exit-with-code`)."#,
    options: &[],
    fix: Fixable::Never,
    check,
};

fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    let mut features: BTreeMap<(String, &str), Vec<&Item>> = BTreeMap::new();
    for item in cx.items() {
        if let Stability::Unstable { feature, .. } = item.gate() {
            let pkg = ws.resolve.packages[item.package].name.name.clone();
            features
                .entry((pkg, feature.as_str()))
                .or_default()
                .push(item);
        }
    }
    for ((pkg, feature), items) in features {
        if feature == pkg || feature.starts_with(&format!("{pkg}-")) {
            continue;
        }
        let first = items[0];
        let f = cx.report_item(
            first,
            format!("feature `{feature}` is not prefixed with its package name `{pkg}`"),
        );
        if items.len() > 1 {
            f.note(format!("{} items use this feature", items.len()));
        }
        f.fix(format!("rename it `{pkg}-{feature}`"));
    }
}
