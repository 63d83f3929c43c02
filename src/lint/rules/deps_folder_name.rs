use wit_bindgen_core::wit_parser::PackageName;

use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::deps::UnitRole;
use crate::workspace::{ItemPath, Location};

pub static RULE: Rule = Rule {
    id: "deps-folder-name",
    category: Category::Deps,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Warn,
    scope: Scope::Anywhere,
    summary: "A `deps/` entry is named after something other than the package it holds",
    explanation: r#"## What it checks

Each folder or file directly under `deps/` whose name is not one the package it holds
would be vendored under: its name (`config`), with its namespace (`wasi-config`,
`wasi_config`), and either of those with its version (`wasi-config-0.2.0-draft`,
`wasi_config@0.2.0-draft`) or the end of it (`cli-2023-10-18` for
`0.2.0-rc-2023-10-18`): any consistent scheme that names the package is left alone.
Reported at the `deps.toml` entry that names it, when there is one. The name it suggests
keeps a file's extension, carries the version when `deps/` holds two versions of the
package, and is never one another entry already has.

## What it leaves alone

Any consistent naming scheme that names the package: the folder name is the project's
convention, and tools (wit-deps, wkg, hand-vendoring) each have one. Only names that
point at another package, or collide, are findings.

## Why

wit-deps vendors a dependency under its `deps.toml` key and wkg under the package's
name, so readers and tools expect `deps/config` to hold `wasi:config`. A folder left
with an old or unrelated name (`deps/runtime-config` holding `wasi:config`, after the
proposal was renamed) sends readers to the wrong package and survives every update,
because the key in `deps.toml` keeps it.

## Example

```toml
# deps.toml
runtime-config = "https://github.com/WebAssembly/wasi-config/archive/v0.2.0-draft.tar.gz"
```

Use instead:

```toml
config = "https://github.com/WebAssembly/wasi-config/archive/v0.2.0-draft.tar.gz"
```

## Convention

wit-deps names each `deps/` folder after its manifest key, wkg after the package
(`wasi-config-0.2.0-draft`); WASI proposals key `deps.toml` by package name."#,
    options: &[],
    fix: Fixable::Never,
};

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    for unit in ws
        .units
        .iter()
        .filter(|u| u.role == UnitRole::Dep && u.names.len() == 1)
    {
        let name = &unit.names[0];
        let stem = unit.stem();
        if fits(stem, name) {
            continue;
        }
        let (location, key_help) = match ws.manifest_entry(unit) {
            Some((file, location)) => (location, format!(" and its key in {file}")),
            None => (
                unit.packages
                    .first()
                    .and_then(|&p| ws.package_decl(p))
                    .or_else(|| Some(Location::whole_file(&unit.display))),
                String::new(),
            ),
        };
        // The name to suggest: the package's, with its version when deps/ holds another
        // version of it too, the file's extension kept, and never a name another entry
        // has or is told to take.
        let twins = ws
            .units
            .iter()
            .filter(|u| {
                u.role == UnitRole::Dep
                    && u.names
                        .first()
                        .is_some_and(|n| n.namespace == name.namespace && n.name == name.name)
            })
            .count();
        let last = unit.display.rsplit('/').next().unwrap_or("");
        let extension = last.get(stem.len()..).unwrap_or("");
        let dir = &unit.display[..unit.display.len() - last.len()];
        let base = match (&name.version, twins > 1) {
            (Some(v), true) => format!("{}@{v}", name.name),
            _ => name.name.clone(),
        };
        let suggested = [dir, &base, extension].concat();
        let taken = ws
            .units
            .iter()
            .any(|u| u.role == UnitRole::Dep && u.display != unit.display && u.stem() == base);
        let f = cx.report(
            location,
            ItemPath::file(&unit.display, "name"),
            format!("`{}` holds `{name}`", unit.display),
        );
        f.note("wit-deps and wkg name a vendored package after the package");
        if taken {
            f.fix(format!(
                "rename `{}` after `{name}`{key_help}, to a name no other entry of deps/ has",
                unit.display
            ));
        } else {
            f.fix(format!(
                "rename `{}` to `{suggested}`{key_help}",
                unit.display
            ));
        }
    }
}

/// Whether `stem` is a name the package is vendored under: `name`, `ns-name` or
/// `ns_name`, alone or followed by `-`, `@` or `_` and its version, or the end of its
/// version (`cli-2023-10-18` for `0.2.0-rc-2023-10-18`, `cli-rc-2023-10-18`): any
/// consistent scheme that names the package.
fn fits(stem: &str, package: &PackageName) -> bool {
    let (ns, name) = (&package.namespace, &package.name);
    let names = [
        name.clone(),
        [ns.as_str(), "-", name].concat(),
        [ns.as_str(), "_", name].concat(),
    ];
    let version = package.version.as_ref().map(ToString::to_string);
    names.iter().any(|n| {
        let Some(rest) = stem.strip_prefix(n.as_str()) else {
            return false;
        };
        if rest.is_empty() {
            return true;
        }
        let Some(tail) = rest.strip_prefix(['-', '@', '_']) else {
            return false;
        };
        version.as_deref().is_some_and(|v| {
            !tail.is_empty()
                && v.ends_with(tail)
                && (v.len() == tail.len() || v[..v.len() - tail.len()].ends_with(['-', '.']))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::fits;

    #[test]
    fn names_tools_vendor_under() {
        let config = wit_bindgen_core::wit_parser::PackageName {
            namespace: "wasi".into(),
            name: "config".into(),
            version: Some("0.2.0-draft".parse().unwrap()),
        };
        for stem in [
            "config",
            "wasi-config",
            "wasi_config",
            "wasi-config-0.2.0-draft",
            "wasi_config@0.2.0-draft",
            "config@0.2.0-draft",
            "config-draft",
        ] {
            assert!(fits(stem, &config), "{stem}");
        }
        let cli = wit_bindgen_core::wit_parser::PackageName {
            namespace: "wasi".into(),
            name: "cli".into(),
            version: Some("0.2.0-rc-2023-10-18".parse().unwrap()),
        };
        for stem in [
            "cli-2023-10-18",
            "cli@0.2.0-rc-2023-10-18",
            "cli-rc-2023-10-18",
        ] {
            assert!(fits(stem, &cli), "{stem}");
        }
        for stem in ["cli-10-18x", "cli-3-10-18", "clix"] {
            assert!(!fits(stem, &cli), "{stem}");
        }
        for stem in ["runtime-config", "cfg", "wasi-config-0.1.0", "example-dep"] {
            assert!(!fits(stem, &config), "{stem}");
        }
    }
}
