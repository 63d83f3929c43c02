use semver::Version;

use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::{ItemKind, Target};

pub static RULE: Rule = Rule {
    id: "include-of-stale-world",
    category: Category::Deps,
    level: Level::Warn,
    minimal: true,
    wasi: Level::Error,
    scope: Scope::Anywhere,
    summary: "An `include` names a world that only a stale vendored copy of its package has",
    explanation: r#"## What it checks

`include ns:pkg/world@version` where the world exists only in a stale vendored copy:

- `deps/` also holds a newer version of `ns:pkg` that the package references elsewhere,
  and that newer version has no world of that name;
- or the package's own repository, given as another input of the same call
  (`witlint check wasi-cloud-core/wit wasi-messaging/wit`), defines the same version
  without that world: the vendored copy predates a rename.

Either way the include works only because the old copy is still vendored.

## What it leaves alone

Includes of a world the newer version still has (the versions are then
`dep-version-mismatch`'s concern, or a deliberate choice), packages vendored at one
version only, and includes of the package's own worlds.

## Why

A stale copy in `deps/` is usually left over from an update: the `use` and `import`
lines moved to the new release, the include did not, because wit-parser still finds the
old world. The component then carries the old release's interfaces beside the new ones,
and the next cleanup of `deps/` breaks the build with an error that points at a world
nobody remembers. Worlds are renamed between releases (`wasi:http/proxy` became
`wasi:http/service` in 0.3.0), so the fix is a decision: include the world that replaced
it, or drop the include.

## Example

```wit
world app {
    import wasi:http/types@0.3.0;
    include wasi:http/proxy@0.2.0;   // only deps/http-0.2.0 has `proxy`
}
```

Use instead:

```wit
world app {
    import wasi:http/types@0.3.0;
    include wasi:http/service@0.3.0;
}
```

## Convention

wit-deps and wkg keep one release of each dependency; WASI's own worlds include the
release they pin."#,
    options: &[],
    fix: Fixable::Never,
};

/// `ns:pkg/world@version` as written, split.
fn parse(name: &str) -> Option<(&str, &str, &str, Version)> {
    let (pkg, rest) = name.split_once('/')?;
    let (ns, pkg) = pkg.split_once(':')?;
    let (world, version) = rest.split_once('@')?;
    Some((ns, pkg, world, version.parse().ok()?))
}

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    let referenced = cx.referenced_versions();
    for item in cx.items().filter(|i| i.kind == ItemKind::Include) {
        let Target::Include { included, .. } = &item.target else {
            continue;
        };
        let Some((ns, pkg, world, version)) = parse(included) else {
            continue;
        };
        let newer: Vec<(&Version, &wit_bindgen_core::wit_parser::Package)> = ws
            .resolve
            .packages
            .iter()
            .filter(|(_, p)| p.name.namespace == ns && p.name.name == pkg)
            .filter_map(|(_, p)| Some((p.name.version.as_ref()?, p)))
            .filter(|(v, _)| **v > version)
            .filter(|(v, _)| referenced.contains(&(ns.to_string(), pkg.to_string(), (*v).clone())))
            .collect();
        // The package's own repository, checked in the same call, is newer than any
        // vendored copy of the same version.
        if let Some((input, worlds)) = upstream_without(cx, ns, pkg, &version, world) {
            cx.report_item(
                item,
                format!(
                    "`include {included}` names a world only the vendored copy of `{ns}:{pkg}@{version}` has: its own input {input} has no world `{world}`"
                ),
            )
            .note(format!("the worlds of {input}: {worlds}"))
            .fix("include the world that replaced it there, and vendor the package again");
            continue;
        }
        let Some((newest, package)) = newer.iter().max_by_key(|(v, _)| *v) else {
            continue;
        };
        if package.worlds.contains_key(world) {
            continue;
        }
        let mut worlds: Vec<&str> = package.worlds.keys().map(String::as_str).collect();
        worlds.sort_unstable();
        cx.report_item(
            item,
            format!(
                "`include {included}` names a world only the vendored `{ns}:{pkg}@{version}` has: this package uses `{ns}:{pkg}@{newest}`, which has no world `{world}`"
            ),
        )
        .note(format!(
            "the worlds of `{ns}:{pkg}@{newest}`: {}",
            if worlds.is_empty() { "none".to_string() } else { worlds.join(", ") }
        ))
        .fix(format!(
            "include the world of {newest} that replaced `{world}`, or drop the include and the stale copy in deps/"
        ));
    }
}

/// Another input of the same call that defines `ns:pkg@version` as its own package without
/// a world named `world`: that input, and its worlds.
fn upstream_without(
    cx: &Context<'_>,
    ns: &str,
    pkg: &str,
    version: &Version,
    world: &str,
) -> Option<(String, String)> {
    cx.others.iter().find_map(|other| {
        let own = other
            .roots
            .iter()
            .map(|&p| &other.resolve.packages[p])
            .find(|p| {
                p.name.namespace == ns
                    && p.name.name == pkg
                    && p.name.version.as_ref() == Some(version)
            })?;
        if own.worlds.contains_key(world) {
            return None;
        }
        let mut worlds: Vec<&str> = own.worlds.keys().map(String::as_str).collect();
        worlds.sort_unstable();
        Some((other.input.clone(), worlds.join(", ")))
    })
}
