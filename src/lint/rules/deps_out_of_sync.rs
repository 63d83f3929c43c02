use std::collections::BTreeSet;

use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::deps::{Unit, UnitRole};
use crate::workspace::{ItemPath, Location, Workspace};

pub static RULE: Rule = Rule {
    id: "deps-out-of-sync",
    category: Category::Deps,
    level: Level::Warn,
    minimal: true,
    wasi: Level::Error,
    scope: Scope::Anywhere,
    summary: "deps.toml, deps.lock and deps/ disagree, or deps/ holds packages nothing uses",
    explanation: r#"## What it checks

- entries of `deps.toml` missing from `deps.lock`, or locked from another URL;
- entries of `deps.lock` (or, without a lock, of `deps.toml`) with no folder in `deps/`;
- folders of `deps/` that `deps.lock` does not list;
- packages in `deps/` that neither the root package nor any package it uses needs, nor
  a world named in `used-worlds` (`witlint.toml`) brings in. A root package that declares
  nothing (a stub, so that `bindgen!(world: "wasi:cli/reactor@…")` finds `deps/`) uses
  its deps through the project's build: then only `used-worlds` decides, and without it
  nothing is called unused. Unused packages are reported only where a manifest
  (`deps.toml`, `deps.lock`) manages `deps/`, or `used-worlds` says what the build uses:
  otherwise a package nothing here uses is a layout choice (a host's `bindgen!` may
  select it, which witlint cannot see). Reported at the `deps.toml` entry when there is
  one;
- a `deps.toml` or `deps.lock` that is not valid TOML.

## What it leaves alone

Unused packages where no manifest manages `deps/` and no `used-worlds` says what the
build uses: a host's `bindgen!` may select worlds witlint cannot see, so an unused
folder there is a layout choice, not a defect. A root package that declares nothing (a
stub for `bindgen!`) has no deps called unused unless `used-worlds` names some.

## Why

`deps/` is what every tool actually compiles against; `deps.toml` and `deps.lock` are
what reviewers read. When they disagree, the reviewed versions are not the built ones.
Unused vendored packages slow every load and, if they are broken, break tools that load
the whole folder (wasi-cloud-core vendors `wasi:sql` that nothing includes).

## Example

```toml
# deps.toml
keyvalue = "https://github.com/WebAssembly/wasi-keyvalue/archive/v0.2.0-draft2.tar.gz"
sql = "https://github.com/WebAssembly/wasi-sql/archive/v0.2.0-draft.tar.gz" # nothing uses it
```

Use instead:

```toml
keyvalue = "https://github.com/WebAssembly/wasi-keyvalue/archive/v0.2.0-draft2.tar.gz"
```

Then run `wit-deps update` so `deps.lock` and `deps/` follow.

## Convention

wit-deps keeps `deps.toml`, `deps.lock` and `deps/` in step; WASI's CI runs
`wit-deps lock --check`."#,
    options: &[],
    fix: Fixable::Never,
};

fn dep_unit<'a>(ws: &'a Workspace, name: &str) -> Option<&'a Unit> {
    let deps = ws.deps_display();
    let dir = format!("{deps}/{name}");
    let file = format!("{deps}/{name}.wit");
    ws.units
        .iter()
        .find(|u| u.role == UnitRole::Dep && (u.display == dir || u.display == file))
}

fn unit_location(ws: &Workspace, unit: &Unit) -> Location {
    unit.packages
        .first()
        .and_then(|&p| ws.package_decl(p))
        .or_else(|| {
            ws.sources
                .iter()
                .find(|f| {
                    ws.unit_of_file(&f.path)
                        .is_some_and(|u| std::ptr::eq(u, unit))
                })
                .map(|f| f.location(0..0))
        })
        .unwrap_or_else(|| Location::whole_file(&unit.display))
}

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    for m in [
        ws.deps_toml.as_ref().and_then(|r| r.as_ref().err()),
        ws.deps_lock.as_ref().and_then(|r| r.as_ref().err()),
    ]
    .into_iter()
    .flatten()
    {
        let location = match (ws.sources.get(&m.file), &m.span) {
            (Some(f), Some(span)) => f.location(span.clone()),
            _ => Location::whole_file(&m.file),
        };
        cx.report(
            Some(location),
            ItemPath::file(&m.file, "toml"),
            format!("`{}` is not valid TOML: {}", m.file, m.message),
        )
        .fix("fix the syntax; wit-deps cannot read this file either");
    }
    let toml = ws.deps_toml.as_ref().and_then(|r| r.as_ref().ok());
    let lock = ws.deps_lock.as_ref().and_then(|r| r.as_ref().ok());
    let loc = |file: &str, span: &std::ops::Range<usize>| {
        ws.sources.get(file).map(|f| f.location(span.clone()))
    };
    if let (Some(toml), Some(lock)) = (toml, lock) {
        for e in &toml.entries {
            match lock.entries.iter().find(|l| l.name == e.name) {
                None => {
                    cx.report(
                        loc(&toml.file, &e.span),
                        ItemPath::file(&toml.file, &e.name),
                        format!(
                            "`{}` is declared in deps.toml but missing from deps.lock",
                            e.name
                        ),
                    )
                    .fix("run `wit-deps update`");
                }
                Some(l) if e.url.is_some() && l.url.is_some() && e.url != l.url => {
                    cx.report(
                        loc(&lock.file, &l.span),
                        ItemPath::file(&lock.file, &e.name),
                        format!(
                            "`{}` is locked from {} but deps.toml asks for {}",
                            e.name,
                            l.url.as_deref().unwrap_or(""),
                            e.url.as_deref().unwrap_or("")
                        ),
                    )
                    .fix("run `wit-deps update`");
                }
                Some(_) => {}
            }
        }
    }
    // What should be vendored: the lock if there is one, else the manifest.
    let expected: Vec<(String, String, Option<Location>)> = match (lock, toml) {
        (Some(l), _) => l
            .entries
            .iter()
            .map(|e| (e.name.clone(), l.file.clone(), loc(&l.file, &e.span)))
            .collect(),
        (None, Some(t)) => t
            .entries
            .iter()
            .map(|e| (e.name.clone(), t.file.clone(), loc(&t.file, &e.span)))
            .collect(),
        (None, None) => Vec::new(),
    };
    for (name, file, location) in &expected {
        if dep_unit(ws, name).is_none() {
            cx.report(
                location.clone(),
                ItemPath::file(file, name),
                format!(
                    "`{name}` is listed in {file} but {}/{name} does not exist",
                    ws.deps_display()
                ),
            )
            .fix("run `wit-deps update` to vendor it, or remove the entry");
        }
    }
    let names: BTreeSet<&str> = expected.iter().map(|(n, ..)| n.as_str()).collect();
    for unit in ws.units.iter().filter(|u| u.role == UnitRole::Dep) {
        if let Some(lock) = lock
            && !names.contains(unit.stem())
        {
            // At the lock that should list it: nothing is reported inside deps/.
            cx.report(
                ws.sources.get(&lock.file).map(|f| f.location(0..0)),
                ItemPath::file(&unit.display, "lock"),
                format!("`{}` is vendored but not listed in deps.lock", unit.display),
            )
            .fix("add it to deps.toml and run `wit-deps update`, or delete the folder");
        }
    }
    // Without a manifest that manages deps/ (or `used-worlds` saying what the build uses),
    // a package nothing here uses is a layout choice: the build may select it.
    let managed =
        ws.deps_toml.is_some() || ws.deps_lock.is_some() || !cx.config.used_worlds.is_empty();
    let unused = if managed {
        ws.unused_deps(&cx.config.used_worlds)
    } else {
        Vec::new()
    };
    for unit in unused {
        // A broken one is dep-load-failed's, which says to remove it.
        if !unit.loaded() && cx.rule_is_on(&super::dep_load_failed::RULE) {
            continue;
        }
        let what = unit
            .names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let roots: Vec<String> = ws
            .roots
            .iter()
            .map(|&p| ws.resolve.packages[p].name.to_string())
            .collect();
        let location = match ws.manifest_entry(unit) {
            Some((_, location)) => location,
            None => Some(unit_location(ws, unit)),
        };
        let f = cx.report(
            location,
            ItemPath::file(&unit.display, "unused"),
            format!(
                "`{}` ({what}) is not used by {}",
                unit.display,
                roots.join(", ")
            ),
        );
        f.note("if the project's build selects one of its worlds itself (`bindgen!`, `generate!`), name the world in `used-worlds` in witlint.toml");
        f.fix("remove it from deps.toml and deps/");
    }
}
