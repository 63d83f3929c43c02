use std::collections::BTreeSet;

use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::ItemPath;
use crate::workspace::deps::UnitRole;

pub static RULE: Rule = Rule {
    id: "stable-depends-on-prerelease",
    category: Category::Deps,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Error,
    scope: Scope::Anywhere,
    summary: "A package released at 1.0.0 or later depends on a `-draft` or `-rc` package",
    explanation: r#"## What it checks

A package at a stable version from 1.0.0 on (no pre-release part: `1.0.0`, `2.3.1`) that
references a package at a pre-release version (`0.2.0-draft`, `0.3.0-rc-2025-09-16`).
Each pre-release dependency is reported once, at its first reference.

A `0.x` package is left alone: under SemVer, `0.x` releases promise nothing, so building
one on a draft is normal (WASI's own 0.2 releases, and most packages that use them).

## What it leaves alone

`0.x` packages: under SemVer, `0.x` releases promise nothing, so building one on a draft
is normal (WASI's own 0.2 releases do).

## Why

A release promises a stable API, but a pre-release dependency may change or disappear
at any time, taking the release's signatures with it. Either the dependency must be
released first, or the package must stay a pre-release too.

## Example

```wit
package acme:cloud@1.0.0;

world imports {
    include wasi:keyvalue/imports@0.2.0-draft2;
}
```

Use instead:

```wit
package acme:cloud@1.0.0-rc.1;

world imports {
    include wasi:keyvalue/imports@0.2.0-draft2;
}
```

## Convention

SemVer: a release must not depend on pre-releases; WASI phases proposals through
`-draft`/`-rc` versions until they ship."#,
    options: &[],
    fix: Fixable::Never,
};

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    let stable_roots: Vec<_> = ws
        .roots
        .iter()
        .filter(|&&p| {
            ws.resolve.packages[p]
                .name
                .version
                .as_ref()
                .is_some_and(|v| v.pre.is_empty() && v.major >= 1)
        })
        .map(|&p| ws.resolve.packages[p].name.to_string())
        .collect();
    let Some(root) = stable_roots.first() else {
        return;
    };
    let mut seen = BTreeSet::new();
    for (file, r) in ws.package_refs() {
        if ws
            .unit_of_file(&file.path)
            .is_none_or(|u| u.role != UnitRole::Root)
        {
            continue;
        }
        let Some(v) = r
            .version
            .as_deref()
            .and_then(|v| v.parse::<semver::Version>().ok())
        else {
            continue;
        };
        let pkg = format!("{}:{}@{v}", r.namespace, r.name);
        if v.pre.is_empty() || !seen.insert(pkg.clone()) {
            continue;
        }
        cx.report(
            Some(file.location(r.range.clone())),
            ItemPath::file(&file.path, &pkg),
            format!("released package `{root}` depends on pre-release `{pkg}`"),
        )
        .fix("wait for the dependency's release, or make this package a pre-release too");
    }
}
