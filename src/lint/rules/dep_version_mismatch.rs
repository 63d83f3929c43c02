use std::collections::{BTreeMap, BTreeSet};

use crate::lint::{Category, Context, Level, Rule};
use crate::workspace::ItemPath;

pub static RULE: Rule = Rule {
    id: "dep-version-mismatch",
    category: Category::Deps,
    level: Level::Error,
    minimal: true,
    wasi: Level::Error,
    summary: "One package is referenced at several versions, or at a version deps/ does not hold",
    explanation: r#"## What it checks

Across the root package and everything under `deps/`: every `use`, `import`, `export`
and `include` of `ns:pkg/item@version`. A package referenced at several versions is
reported at each reference to an older one; a reference to a version that `deps/` does
not vendor (while it vendors another) is reported where wit-parser fails on it.

## Why

A component built from such a workspace imports two copies of the same interface
(`wasi:io/streams@0.2.0` and `@0.2.2`), each with its own resource types, so a stream
from one cannot be passed to the other. Version drift usually comes from updating
`deps.toml` without updating the `use` lines, or the reverse.

## Example

```wit
// blobstore.wit
use wasi:io/streams@0.2.0.{input-stream};
// deps/io holds wasi:io@0.2.2
```

Use instead:

```wit
use wasi:io/streams@0.2.2.{input-stream};
```

## Convention

WASI proposals pin one version of each dependency per release (`deps.toml`)."#,
    options: &[],
    check,
};

fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    let mut versions: BTreeMap<(String, String), BTreeSet<semver::Version>> = BTreeMap::new();
    for (_, r) in ws.package_refs() {
        if let Some(v) = r.version.as_deref().and_then(|v| v.parse().ok()) {
            versions
                .entry((r.namespace.clone(), r.name.clone()))
                .or_default()
                .insert(v);
        }
    }
    let mut seen = BTreeSet::new();
    for (file, r) in ws.package_refs() {
        let key = (r.namespace.clone(), r.name.clone());
        let Some(all) = versions.get(&key).filter(|s| s.len() > 1) else {
            continue;
        };
        let Some(v) = r
            .version
            .as_deref()
            .and_then(|v| v.parse::<semver::Version>().ok())
        else {
            continue;
        };
        let newest = all.iter().next_back().expect("non-empty");
        if &v == newest || !seen.insert((file.path.clone(), key.clone(), v.clone())) {
            continue;
        }
        let others: Vec<String> = all
            .iter()
            .filter(|o| **o != v)
            .map(|o| o.to_string())
            .collect();
        let pkg = format!("{}:{}", r.namespace, r.name);
        let item = ItemPath::file(&file.path, &format!("{pkg}@{v}"));
        cx.report(
            Some(file.location(r.range.clone())),
            item,
            format!(
                "`{pkg}` is referenced at {v} here and at {} elsewhere",
                others.join(", ")
            ),
        )
        .fix(format!(
            "reference `{pkg}@{newest}` everywhere and vendor that version"
        ));
    }
}
