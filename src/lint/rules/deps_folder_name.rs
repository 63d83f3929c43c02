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
`wasi_config@0.2.0-draft`). Reported at the `deps.toml` entry that names it, when
there is one.

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
    check,
};

fn check(cx: &mut Context<'_>) {
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
        cx.report(
            location,
            ItemPath::file(&unit.display, "name"),
            format!("`{}` holds `{name}`", unit.display),
        )
        .note("wit-deps and wkg name a vendored package after the package")
        .fix(format!(
            "rename `{}` to `{}`{key_help}",
            unit.display,
            unit.display
                .strip_suffix(stem)
                .map_or(name.name.clone(), |dir| [dir, &name.name].concat()),
        ));
    }
}

/// Whether `stem` is a name the package is vendored under: `name`, `ns-name` or
/// `ns_name`, alone or followed by `-version` or `@version`.
fn fits(stem: &str, package: &PackageName) -> bool {
    let version = package.version.as_ref().map(ToString::to_string);
    let unversioned = match &version {
        Some(v) => ["-", "@", "_"]
            .iter()
            .find_map(|sep| stem.strip_suffix(&[sep, v.as_str()].concat()))
            .unwrap_or(stem),
        None => stem,
    };
    let (ns, name) = (&package.namespace, &package.name);
    unversioned == name
        || unversioned == [ns.as_str(), "-", name].concat()
        || unversioned == [ns.as_str(), "_", name].concat()
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
        ] {
            assert!(fits(stem, &config), "{stem}");
        }
        for stem in ["runtime-config", "cfg", "wasi-config-0.1.0", "example-dep"] {
            assert!(!fits(stem, &config), "{stem}");
        }
    }
}
