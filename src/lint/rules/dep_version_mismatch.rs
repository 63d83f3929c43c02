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
    // Each version of each package, with the first place it is referenced.
    let mut versions: BTreeMap<(String, String), BTreeMap<semver::Version, String>> =
        BTreeMap::new();
    for (file, r) in ws.package_refs() {
        if let Some(v) = r.version.as_deref().and_then(|v| v.parse().ok()) {
            let loc = file.location(r.range.clone());
            versions
                .entry((r.namespace.clone(), r.name.clone()))
                .or_default()
                .entry(v)
                .or_insert_with(|| format!("{}:{}:{}", loc.file, loc.line, loc.column));
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
        let (newest, _) = all.iter().next_back().expect("non-empty");
        if &v == newest || !seen.insert((file.path.clone(), key.clone(), v.clone())) {
            continue;
        }
        let others: Vec<(String, &String)> = all
            .iter()
            .filter(|(o, _)| **o != v)
            .map(|(o, at)| (o.to_string(), at))
            .collect();
        let pkg = format!("{}:{}", r.namespace, r.name);
        let item = ItemPath::file(&file.path, &format!("{pkg}@{v}"));
        let f = cx.report(
            Some(file.location(r.range.clone())),
            item,
            format!(
                "`{pkg}` is referenced at {v} here and at {} elsewhere",
                others
                    .iter()
                    .map(|(o, _)| o.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
        for (o, at) in &others {
            f.note(format!("`{pkg}@{o}` is referenced at {at}"));
        }
        f.fix(format!(
            "reference `{pkg}@{newest}` everywhere and vendor that version"
        ));
    }
}
