use std::collections::BTreeMap;

use wit_bindgen_core::wit_parser::{PackageId, Stability};

use crate::lint::gates::gated_container;
use crate::lint::{Applicability, Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::{Item, ItemKind};

pub static RULE: Rule = Rule {
    id: "gate-missing",
    category: Category::Versioning,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Error,
    scope: Scope::WasiConventions,
    summary: "An item of a versioned package has neither `@since` nor `@unstable`",
    explanation: r#"## What it checks

Interfaces, worlds, types, resources, functions, methods and world imports/exports of a
versioned package that carry no `@since` or `@unstable` gate. Items inside a gated
container are left to `gate-weaker-than-container`. A package with no gates at all gets
one finding on its `package` line that counts the ungated items, not one per item.

Its fix inserts the version that introduced the item, where that is known:

- the `@since` the same item carries in an older release of the package vendored in
  `deps/` (hosts that keep serving earlier versions vendor them);
- the package version, in the package's first gated release (every `@since` of the
  package is that version), for an item no vendored older release holds.

Otherwise the fix only says what to write: an item a vendored older release holds
ungated shipped before this version, and which release introduced it is not in the
tree. (witlint does not read git history for this: tags name releases differently in
every repository.)

## What it leaves alone

Unversioned packages (gates name versions), items inside a gated container
(`gate-weaker-than-container` says it better), `use` aliases, and, under `auto`,
packages that do not follow WASI conventions: a host package that gates one experiment
is not asked to gate everything. A package with no gates at all gets one finding, not
one per item.

## Why

Gates tell readers and bindings generators which release an item appeared in, and keep
unfinished items out of stable builds: wit-parser drops `@unstable` items unless their
feature is enabled. Ungated items are treated as always present, so a package that mixes
both cannot evolve without breaking someone.

## Example

```wit
package wasi:example@0.2.0;

interface frob {
    frob: func();
}
```

Use instead:

```wit
package wasi:example@0.2.0;

@since(version = 0.2.0)
interface frob {
    @since(version = 0.2.0)
    frob: func();
}
```

## Convention

Component model `WIT.md`, "Feature Gates"; every WASI 0.2 package gates every item."#,
    options: &[],
    fix: Fixable::Sometimes(Applicability::Unsafe),
};

fn gateable(item: &Item) -> bool {
    item.kind.can_be_gated() && !item.is_use
}

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    let mut by_package: BTreeMap<_, Vec<&Item>> = BTreeMap::new();
    for item in cx.items().filter(|i| gateable(i)) {
        by_package.entry(item.package).or_default().push(item);
    }
    for (pkg, items) in by_package {
        let name = &ws.resolve.packages[pkg].name;
        let Some(version) = &name.version else {
            continue;
        };
        let ungated: Vec<&Item> = items
            .iter()
            .copied()
            .filter(|i| i.gate().is_unknown())
            .collect();
        if ungated.is_empty() {
            continue;
        }
        if ungated.len() == items.len() {
            let Some(pkg_item) = ws.index().of_package(pkg) else {
                continue;
            };
            let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
            for i in &ungated {
                *counts.entry(plural(i.kind)).or_default() += 1;
            }
            let breakdown: Vec<String> = counts
                .iter()
                .map(|(k, n)| match n {
                    1 => format!("1 {}", k.0),
                    n => format!("{n} {}", k.1),
                })
                .collect();
            cx.report_item(pkg_item, format!("package `{name}` has no feature gates: {} items have neither `@since` nor `@unstable`", ungated.len()))
                .note(format!("ungated: {}", breakdown.join(", ")))
                .fix(format!("gate released items `@since(version = {version})` and new ones `@unstable(feature = {}-<name>)`", name.name));
            continue;
        }
        // The current version is right for an ungated item only if it is the package's
        // first gated release; with older releases, which one introduced the item is not
        // known here, and the fix only says what to write.
        let first_release = items.iter().all(|i| match i.gate() {
            Stability::Stable { since, .. } => since == version,
            _ => true,
        });
        let vendored = vendored_gates(ws, pkg);
        for item in ungated {
            let container_gated =
                gated_container(ws, item).is_some_and(|c| !matches!(c.gate(), Stability::Unknown));
            if container_gated {
                continue; // gate-weaker-than-container says it better
            }
            let message = format!(
                "add `@since(version = {version})` if it shipped in {version}, else `@unstable(feature = ..)`"
            );
            let insertion = ws.locate(item.span).and_then(|at| {
                // Above the item's line, at its indentation.
                let file = ws.sources.get(&at.file)?;
                let line_start = file.text[..at.bytes.start].rfind('\n').map_or(0, |i| i + 1);
                let indent_len = file.text[line_start..]
                    .find(|c: char| c != ' ' && c != '\t')
                    .unwrap_or(0);
                let indent = &file.text[line_start..line_start + indent_len];
                let point = line_start + indent_len;
                Some((
                    file.location(point..point),
                    format!("@since(version = {version})\n{indent}"),
                ))
            });
            let f = cx.report_item(
                item,
                format!("{} has neither `@since` nor `@unstable`", item.title()),
            );
            let key = unversioned(item.path.as_str(), &version.to_string());
            let older = vendored.get(&key);
            match (insertion, older) {
                // The same item in a vendored older release says when it shipped.
                (Some((location, _)), Some(Found::Since(since, release))) => {
                    let indent = indent_at(ws, &location);
                    f.note(format!("`{release}`, vendored in deps/, gates it `@since(version = {since})`"));
                    f.fix_with_edit(
                        format!("add `@since(version = {since})`, as its vendored release {release} does"),
                        location,
                        format!("@since(version = {since})\n{indent}"),
                    )
                }
                (_, Some(Found::Ungated(release))) => f.fix(format!(
                    "add `@since(version = ..)` with the release that introduced it: it is in `{release}` (vendored in deps/) already, so not {version}"
                )),
                (Some((location, text)), None) if first_release => f.fix_with_edit(message, location, text),
                (Some(_), _) => f.fix(format!(
                    "add `@since(version = ..)` with the release that introduced it (the package has releases before {version}), else `@unstable(feature = ..)`"
                )),
                (None, _) => f.fix(message),
            };
        }
    }
}

/// What the oldest vendored release of a package that holds an item says of it.
enum Found {
    /// Its `@since` version, and the release (`ns:pkg@version`).
    Since(String, String),
    /// It is there, ungated.
    Ungated(String),
}

/// The items of older releases of `pkg` that deps/ holds (a host that vendors the
/// versions it still supports), by their path without the version: the oldest release
/// holding each wins.
fn vendored_gates(ws: &crate::workspace::Workspace, pkg: PackageId) -> BTreeMap<String, Found> {
    let name = &ws.resolve.packages[pkg].name;
    let Some(current) = &name.version else {
        return BTreeMap::new();
    };
    let mut older: Vec<(&semver::Version, PackageId)> = ws
        .resolve
        .packages
        .iter()
        .filter(|(_, p)| p.name.namespace == name.namespace && p.name.name == name.name)
        .filter_map(|(id, p)| Some((p.name.version.as_ref()?, id)))
        .filter(|(v, _)| *v < current)
        .collect();
    older.sort();
    let mut out = BTreeMap::new();
    for (version, id) in older.into_iter().rev() {
        let release = ws.resolve.packages[id].name.to_string();
        for item in ws
            .index()
            .items
            .iter()
            .filter(|i| i.package == id && gateable(i))
        {
            let found = match item.gate() {
                Stability::Stable { since, .. } => Found::Since(since.to_string(), release.clone()),
                Stability::Unknown => Found::Ungated(release.clone()),
                // Unstable there: it shipped later, if at all.
                _ => continue,
            };
            out.insert(unversioned(item.path.as_str(), &version.to_string()), found);
        }
    }
    out
}

/// An item path without its package's version, to find the item in other releases.
fn unversioned(path: &str, version: &str) -> String {
    path.replacen(&format!("@{version}"), "", 1)
}

/// The indentation of the line `location` starts on.
fn indent_at(ws: &crate::workspace::Workspace, location: &crate::workspace::Location) -> String {
    ws.sources
        .get(&location.file)
        .map(|file| {
            let start = file.text[..location.bytes.start]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            file.text[start..location.bytes.start].to_string()
        })
        .unwrap_or_default()
}

/// The singular and plural noun for a kind, for counts.
fn plural(kind: ItemKind) -> (&'static str, &'static str) {
    match kind {
        ItemKind::Interface => ("interface", "interfaces"),
        ItemKind::World => ("world", "worlds"),
        ItemKind::Type => ("type", "types"),
        ItemKind::Resource => ("resource", "resources"),
        ItemKind::Function => ("function", "functions"),
        ItemKind::Method | ItemKind::Static | ItemKind::Constructor => ("method", "methods"),
        ItemKind::Import | ItemKind::Export => ("world import/export", "world imports/exports"),
        ItemKind::Include => ("include", "includes"),
        _ => ("item", "items"),
    }
}
