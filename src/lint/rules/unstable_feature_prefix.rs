use std::collections::BTreeMap;

use wit_bindgen_core::wit_parser::Stability;

use crate::lint::{Applicability, Category, Context, Fixable, Level, Rule, Scope};
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

## What it leaves alone

Features of vendored packages unless `--lint-deps`, and, under `auto`, packages that do
not follow WASI conventions: the prefix is a WASI naming convention.

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
    fix: Fixable::Sometimes(Applicability::Unsafe),
};

pub(super) fn check(cx: &mut Context<'_>) {
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
        let message = format!("rename it `{pkg}-{feature}`");
        match feature_name_at(ws, first, feature) {
            Some(location) => f.fix_with_edit(message, location, format!("{pkg}-{feature}")),
            None => f.fix(message),
        };
    }
}

/// Where `feature` is named in the `@unstable(feature = ..)` written just above `item`:
/// the last such attribute before the item, if it names this feature.
fn feature_name_at(
    ws: &crate::workspace::Workspace,
    item: &Item,
    feature: &str,
) -> Option<crate::workspace::Location> {
    let at = ws.locate(item.span)?;
    let file = ws.sources.get(&at.file)?;
    let before = &file.text[..at.bytes.start];
    let attr = before.rfind("@unstable")?;
    let rest = &before[attr..];
    let open = rest.find('(')?;
    let close = rest.find(')')?;
    let args = &rest[open + 1..close];
    let eq = args.find('=')?;
    let (key, value) = (args[..eq].trim(), &args[eq + 1..]);
    let name = value.trim();
    if key != "feature" || name != feature {
        return None;
    }
    let start = attr + open + 1 + eq + 1 + (value.len() - value.trim_start().len());
    Some(file.location(start..start + name.len()))
}
