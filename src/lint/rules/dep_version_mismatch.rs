use std::collections::{BTreeMap, BTreeSet};

use crate::lint::{Applicability, Category, Context, Fixable, Level, Rule, Scope};
use semver::Version;

use crate::workspace::deps::UnitRole;
use crate::workspace::{ItemKind, ItemPath, Target};
use wit_bindgen_core::wit_parser::{InterfaceId, WorldItem};

pub static RULE: Rule = Rule {
    id: "dep-version-mismatch",
    category: Category::Deps,
    level: Level::Error,
    minimal: true,
    wasi: Level::Error,
    scope: Scope::Anywhere,
    summary: "A package's own files reference one dependency at two compatible versions, or at one deps/ does not hold",
    explanation: r#"## What it checks

Every `use`, `import`, `export` and `include` of `ns:pkg/item@version` in a package's own
files (the input's; with `--lint-deps`, each vendored package's too, on its own):

- **drift**: one dependency referenced at two SemVer-compatible versions, such as
  `wasi:io@0.2.0` in one file and `wasi:io@0.2.3` in another (for `0.y.z`, versions
  with the same `y` are compatible). Each reference to an older one is reported;
- a reference to a version that `deps/` does not hold, while it holds another: reported
  where wit-parser fails on it;
- **a world that reaches two compatible versions**, at least one only through a
  vendored package (the world imports `wasi:io/streams@0.2.3` and a vendored store
  whose interfaces use `wasi:io/streams@0.2.0`): judged per world, as the component is
  built. Reported at the world, with what needs each version, as a warning at most:
  the remedy is an update of `deps/`, and the toolchain builds the component.

Two incompatible versions side by side (`wasi:http@0.2.6` for one world and
`wasi:http@0.3.0` for another) are a choice, as hosts that support both make it: they
are left alone. A pre-release is compatible with no other version (wit-parser and
wasmtime match `0.3.0-rc-2026-03-15` with nothing else), so it is a track of its own:
`0.3.0-rc-…` beside `0.3.0` is left alone too. So are the versions vendored packages use
among themselves when no world of the package reaches two of them: `deps/` is upstream's
text.

## What it leaves alone

Two incompatible versions side by side, pre-releases beside releases, and the versions
vendored packages use among themselves when no world of the package reaches two of them:
each is either a deliberate choice (a host that serves two major versions) or upstream's
text, which the package cannot edit.

## Why

A component built from drifted references imports two copies of the same interface
(`wasi:io/streams@0.2.0` and `@0.2.3`), each with its own resource types, so a stream
from one cannot be passed to the other, although both versions promise the same API.
Drift usually comes from updating `deps/` without updating every `use` line.

## Example

```wit
// types.wit
use wasi:io/streams@0.2.0.{input-stream};
// handler.wit
use wasi:io/streams@0.2.3.{output-stream};
```

Use instead:

```wit
use wasi:io/streams@0.2.3.{input-stream};
```

## Convention

WASI proposals pin one version of each dependency per release (`deps.toml`)."#,
    options: &[],
    fix: Fixable::Sometimes(Applicability::Unsafe),
};

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    let lint_deps = cx.config.lint_deps;
    for unit in ws
        .units
        .iter()
        .filter(|u| u.loaded() && (u.role == UnitRole::Root || lint_deps))
    {
        drift_in(cx, &unit.display);
    }
    worlds_reaching_two_copies(cx);
}

/// A world that reaches one package at two compatible versions, at least one of them only
/// through a vendored package: the component built from it imports two copies of each
/// such interface. The package's own references are [`drift_in`]'s.
fn worlds_reaching_two_copies(cx: &mut Context<'_>) {
    let ws = cx.ws;
    let written = cx.referenced_versions();
    let worlds: Vec<_> = cx
        .items()
        .filter(|i| i.kind == ItemKind::World && ws.is_root(i.package))
        .filter_map(|i| match i.target {
            Target::World(w) => Some((i, w)),
            _ => None,
        })
        .collect();
    for (item, world) in worlds {
        let w = &ws.resolve.worlds[world];
        let interfaces: Vec<InterfaceId> = w
            .imports
            .values()
            .chain(w.exports.values())
            .filter_map(|it| match it {
                WorldItem::Interface { id, .. } => Some(*id),
                _ => None,
            })
            .collect();
        // Each package the world reaches, by version, with the interfaces of each.
        let mut reached: BTreeMap<(String, String), BTreeMap<Version, Vec<InterfaceId>>> =
            BTreeMap::new();
        for &id in &interfaces {
            let Some(pkg) = ws.resolve.interfaces[id].package else {
                continue;
            };
            let name = &ws.resolve.packages[pkg].name;
            let Some(version) = name.version.clone() else {
                continue;
            };
            reached
                .entry((name.namespace.clone(), name.name.clone()))
                .or_default()
                .entry(version)
                .or_default()
                .push(id);
        }
        for ((ns, name), versions) in &reached {
            let mut lines: BTreeMap<_, Vec<&Version>> = BTreeMap::new();
            for v in versions.keys() {
                lines.entry(line(v)).or_default().push(v);
            }
            for same_line in lines.values().filter(|l| l.len() > 1) {
                let own = |v: &Version| written.contains(&(ns.clone(), name.clone(), v.clone()));
                if same_line.iter().all(|v| own(v)) {
                    continue;
                }
                let shown: Vec<String> = same_line.iter().map(|v| v.to_string()).collect();
                let world_name = w.name.clone();
                let f = cx.report_item(
                    item,
                    format!(
                        "world `{world_name}` reaches `{ns}:{name}` at {}: a component of it imports two copies of the same interfaces",
                        shown.join(" and ")
                    ),
                );
                // Vendored text is not the package's to change in place: the remedy is an
                // update of deps/, so the finding never fails a build the toolchain accepts.
                f.level = Level::Warn;
                for v in same_line {
                    let ids = &versions[*v];
                    let through = users_outside(ws, &interfaces, ids);
                    let how = if own(v) {
                        "referenced by this package's own files".to_string()
                    } else if through.is_empty() {
                        "through a vendored package".to_string()
                    } else {
                        format!("needed by {}", through.join(", "))
                    };
                    f.note(format!("`{ns}:{name}@{v}` is {how}"));
                }
                f.fix(format!(
                    "update the vendored packages in deps/ to releases that use one version of `{ns}:{name}` (its newest, {}), or reference that one in this package",
                    shown.last().expect("two versions")
                ));
            }
        }
    }
}

/// The interfaces of the world, from other packages than `ids`', that use one of `ids`.
fn users_outside(
    ws: &crate::workspace::Workspace,
    world: &[InterfaceId],
    ids: &[InterfaceId],
) -> Vec<String> {
    let package = ws.resolve.interfaces[ids[0]].package;
    let mut out: Vec<String> = world
        .iter()
        .filter(|&&user| ws.resolve.interfaces[user].package != package)
        .filter(|&&user| {
            ws.resolve
                .interface_direct_deps(user)
                .any(|dep| ids.contains(&dep))
        })
        .filter_map(|&user| ws.resolve.id_of(user))
        .map(|id| format!("`{id}`"))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The SemVer-compatibility line of a version: what a `^version` requirement accepts. A
/// pre-release is a line of its own: wit-parser and wasmtime match it with nothing else,
/// and a host that references `0.3.0-rc-…` beside `0.3.0` supports both on purpose.
fn line(v: &Version) -> (u64, u64, u64, String) {
    if !v.pre.is_empty() {
        return (v.major, v.minor, v.patch, v.pre.to_string());
    }
    match (v.major, v.minor) {
        (0, 0) => (0, 0, v.patch, String::new()),
        (0, minor) => (0, minor, 0, String::new()),
        (major, _) => (major, 0, 0, String::new()),
    }
}

/// Reports drift among the references of one unit's own files.
fn drift_in(cx: &mut Context<'_>, unit: &str) {
    let ws = cx.ws;
    let refs: Vec<_> = ws
        .sources
        .of_unit(unit)
        .filter(|f| f.path.ends_with(".wit"))
        .flat_map(|f| f.trivia().refs.iter().map(move |r| (f, r)))
        .filter_map(|(f, r)| Some((f, r, r.version.as_deref()?.parse::<Version>().ok()?)))
        .collect();
    // Each version of each package, with the first place it is referenced.
    let mut versions: BTreeMap<(&str, &str), BTreeMap<&Version, String>> = BTreeMap::new();
    for (file, r, v) in &refs {
        let loc = file.location(r.range.clone());
        versions
            .entry((&r.namespace, &r.name))
            .or_default()
            .entry(v)
            .or_insert_with(|| format!("{}:{}:{}", loc.file, loc.line, loc.column));
    }
    let mut seen = BTreeSet::new();
    for (file, r, v) in &refs {
        let all = &versions[&(r.namespace.as_str(), r.name.as_str())];
        // The other versions on the same compatibility line: drift. Others are intent.
        let same_line: Vec<(&Version, &String)> = all
            .iter()
            .filter(|(o, _)| line(o) == line(v))
            .map(|(o, at)| (*o, at))
            .collect();
        let Some(&(newest, _)) = same_line.last() else {
            continue;
        };
        if same_line.len() < 2
            || newest == v
            || !seen.insert((file.path.clone(), &r.namespace, &r.name, v))
        {
            continue;
        }
        let others: Vec<&(&Version, &String)> = same_line.iter().filter(|(o, _)| *o != v).collect();
        let pkg = format!("{}:{}", r.namespace, r.name);
        let item = ItemPath::file(&file.path, &format!("{pkg}@{v}"));
        let listed: Vec<String> = others.iter().map(|(o, _)| o.to_string()).collect();
        let f = cx.report(
            Some(file.location(r.range.clone())),
            item,
            format!(
                "`{pkg}` is referenced at {v} here and at {} elsewhere in this package",
                listed.join(", ")
            ),
        );
        for (o, at) in &others {
            f.note(format!("`{pkg}@{o}` is referenced at {at}"));
        }
        f.note(format!(
            "{v} and {newest} are SemVer-compatible: one is enough"
        ));
        // Another version of the dependency is another API: unsafe.
        f.replace_with(
            format!("reference `{pkg}@{newest}` here too"),
            format!("{pkg}/{}@{newest}", r.item),
        );
    }
}
