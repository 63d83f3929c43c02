use std::collections::BTreeMap;

use wit_bindgen_core::wit_parser::{PackageId, Resolve, WorldItem, WorldKey};

use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::Workspace;
use crate::workspace::index::member_name;
use crate::workspace::signature::Printer;

pub static RULE: Rule = Rule {
    id: "package-version-diverges",
    category: Category::Deps,
    level: Level::Error,
    minimal: true,
    wasi: Level::Error,
    scope: Scope::Anywhere,
    summary: "One package version carries two different APIs across the inputs of a check",
    explanation: r#"## What it checks

Packages with the same `namespace:name@version` in two inputs of one `witlint check`
call (or in one input and the `deps/` of another) whose APIs differ: an interface, type,
function or world item that only one of them has, or that has a different signature.
Docs and gates are not compared, only what bindings are generated from.

Pass every repository that vendors the package in one call to compare them:

```sh
witlint check wasi-cloud-core/wit wasi-messaging/wit
```

## What it leaves alone

Docs and gates (only what bindings are generated from is compared), and packages that
appear in only one input: a single repository cannot diverge from itself.

## Why

A version string is a promise that everyone who says `wasi:messaging@0.2.0-draft` means
the same API. When a vendored copy drifts from the package's own repository, a host built
from one and a guest built from the other agree on the name and fail at instantiation, or
worse, link and disagree on a record's layout. wasi-cloud-core vendors a
`wasi:messaging@0.2.0-draft` that differs from the wasi-messaging repository's.

## Example

```wit
// wasi-messaging/wit/producer.wit
package wasi:messaging@0.2.0-draft;
interface producer {
    send: func(c: borrow<client>, topic: topic, message: message) -> result<_, error>;
}

// wasi-cloud-core/wit/deps/messaging/producer.wit
package wasi:messaging@0.2.0-draft;
interface producer {
    send: func(c: client, ch: channel, m: list<message>) -> result<_, error>;
}
```

Use instead: vendor the published package unchanged (`wit-deps update`), or give a changed
API a new version (`0.2.0-draft2`).

## Convention

Semantic versioning, and the WASI process: a published version is immutable."#,
    options: &[],
    fix: Fixable::Never,
};

/// A package's API: every interface, type, function and world item, by a readable key,
/// with its signature.
fn api(resolve: &Resolve, pkg: PackageId) -> BTreeMap<String, String> {
    let p = Printer { resolve };
    let mut out = BTreeMap::new();
    let package = &resolve.packages[pkg];
    for (name, &id) in &package.interfaces {
        let iface = &resolve.interfaces[id];
        out.insert(format!("interface {name}"), "interface".to_string());
        for (t, &ty) in &iface.types {
            out.insert(
                format!("{name}.{t}"),
                p.text(|p, out| p.definition(out, ty)),
            );
        }
        for f in iface.functions.values() {
            out.insert(
                format!("{name}.{}", function_key(resolve, f)),
                p.text(|p, out| p.func(out, f)),
            );
        }
    }
    for (name, &id) in &package.worlds {
        let world = &resolve.worlds[id];
        out.insert(format!("world {name}"), "world".to_string());
        for (dir, items) in [("import", &world.imports), ("export", &world.exports)] {
            for (key, item) in items {
                let key_text = match key {
                    WorldKey::Name(n) => n.clone(),
                    WorldKey::Interface(i) => resolve.id_of(*i).unwrap_or_default(),
                };
                let sig = match item {
                    WorldItem::Interface { id, .. } => match key {
                        WorldKey::Name(_) => format!(
                            "interface {}",
                            resolve.id_of(*id).unwrap_or_else(|| "{ .. }".to_string())
                        ),
                        WorldKey::Interface(_) => "interface".to_string(),
                    },
                    WorldItem::Function(f) => p.text(|p, out| p.func(out, f)),
                    WorldItem::Type { id, .. } => p.text(|p, out| p.definition(out, *id)),
                };
                out.insert(format!("{name}.{dir} {key_text}"), sig);
            }
        }
    }
    out
}

/// `get`, or `bucket.get` for a resource's function.
fn function_key(resolve: &Resolve, f: &wit_bindgen_core::wit_parser::Function) -> String {
    match f.kind.resource() {
        Some(res) => format!(
            "{}.{}",
            resolve.types[res].name.as_deref().unwrap_or("_"),
            member_name(f)
        ),
        None => f.name.clone(),
    }
}

/// Up to `MAX_NOTES` readable differences, then a count of the rest.
const MAX_NOTES: usize = 6;

fn differences(here: &BTreeMap<String, String>, there: &BTreeMap<String, String>) -> Vec<String> {
    // An interface or world only one side has is one difference, not one per member.
    let container = |k: &str| k.split_once(' ').map(|(_, n)| n.to_string());
    let lone: Vec<String> = here
        .keys()
        .filter(|k| !there.contains_key(*k))
        .chain(there.keys().filter(|k| !here.contains_key(*k)))
        .filter_map(|k| container(k))
        .collect();
    let member_of_lone = |k: &str| {
        k.split_once('.')
            .is_some_and(|(c, _)| !c.contains(' ') && lone.iter().any(|l| l == c))
    };
    let mut out = Vec::new();
    for (k, v) in here.iter().filter(|(k, _)| !member_of_lone(k)) {
        match there.get(k) {
            None => out.push(format!("`{k}` is only here")),
            Some(w) if w != v => out.push(format!("`{k}`: `{v}` here, `{w}` there")),
            Some(_) => {}
        }
    }
    for k in there
        .keys()
        .filter(|k| !here.contains_key(*k) && !member_of_lone(k))
    {
        out.push(format!("`{k}` is only there"));
    }
    out
}

fn holder(ws: &Workspace, pkg: PackageId) -> String {
    ws.package_decl(pkg).map_or_else(
        || ws.input.clone(),
        |l| format!("{}:{}:{}", l.file, l.line, l.column),
    )
}

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    for (pkg, package) in ws.resolve.packages.iter() {
        if !cx.linted(pkg) || package.name.version.is_none() {
            continue;
        }
        let mut mine: Option<BTreeMap<String, String>> = None;
        for other in cx.others {
            let Some(&theirs) = other.resolve.package_names.get(&package.name) else {
                continue;
            };
            let here = mine.get_or_insert_with(|| api(&ws.resolve, pkg));
            let diffs = differences(here, &api(&other.resolve, theirs));
            if diffs.is_empty() {
                continue;
            }
            let Some(item) = ws.index().of_package(pkg) else {
                continue;
            };
            let f = cx.report_item(
                item,
                format!(
                    "`{}` differs from the package of the same version at {}: {} API {}",
                    package.name,
                    holder(other, theirs),
                    diffs.len(),
                    if diffs.len() == 1 {
                        "difference"
                    } else {
                        "differences"
                    }
                ),
            );
            for d in diffs.iter().take(MAX_NOTES) {
                f.note(d.clone());
            }
            if diffs.len() > MAX_NOTES {
                f.note(format!("… and {} more", diffs.len() - MAX_NOTES));
            }
            f.fix("vendor the published package unchanged, or give the changed API a new version");
        }
    }
}
