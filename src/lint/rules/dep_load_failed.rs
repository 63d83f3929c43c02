use crate::lint::{Applicability, Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::deps::UnitRole;
use crate::workspace::{ItemPath, Location};

pub static RULE: Rule = Rule {
    id: "dep-load-failed",
    category: Category::Deps,
    level: Level::Error,
    minimal: true,
    wasi: Level::Error,
    scope: Scope::Anywhere,
    summary: "A package under deps/ does not parse or resolve",
    explanation: r#"## What it checks

Every folder, `.wit` or `.wasm` file under `deps/` that wit-parser cannot load: syntax
errors, removed types (`float64`), references to packages that are not vendored.

When `deps.toml` (or `deps.lock`) vendors it, the finding is at that entry, with the
place wit-parser fails on as a note: the vendored text is upstream's and is replaced by
the next `wit-deps update`, so the fix is to update or drop the dependency, not to edit
its copy. A dependency vendored by hand is reported where it fails, with the edit.

## What it leaves alone

The input's own package: when it does not load, that is a load error (exit 2), not a
finding, since nothing can be linted. A vendored package that is broken and unused is
reported once, here, not by `deps-out-of-sync` as well.

## Why

wasm-tools, wit-bindgen and wasmtime's `bindgen!` load a WIT folder with
`Resolve::push_dir`, which fails as a whole when any folder under `deps/` fails, even
one the root package never uses. witlint loads each dependency on its own, so it still
checks the root package, and reports the broken dependency here with its location.

## Example

```wit
// deps/sql/types.wit
variant data-type {
    double(float64),
}
```

Use instead:

```wit
variant data-type {
    double(f64),
}
```

## Convention

WIT.md: `float32`/`float64` were renamed `f32`/`f64`; a `deps/` folder must resolve for
the package to be usable by any tool."#,
    options: &[],
    fix: Fixable::Sometimes(Applicability::Safe),
};

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    let unused = ws.unused_deps(&cx.config.used_worlds);
    for unit in ws.units.iter().filter(|u| u.role == UnitRole::Dep) {
        let is_unused = unused.iter().any(|u| std::ptr::eq(*u, unit));
        let Some(d) = &unit.problem else { continue };
        let failed_at = d
            .location
            .clone()
            .unwrap_or_else(|| Location::whole_file(&unit.display));
        let managed = ws.manifest_entry(unit).filter(|_| !cx.config.lint_deps);
        let item = unit.names.first().map_or_else(
            || ItemPath::file(&unit.display, "package"),
            ItemPath::package,
        );
        let code = if d.code.starts_with("wit-") || d.code == "io" {
            String::new()
        } else {
            format!(" [{}]", d.code)
        };
        let location = match &managed {
            Some((_, entry)) => entry.clone(),
            None => Some(failed_at.clone()),
        };
        let f = cx.report(
            location,
            item,
            format!("`{}` does not load: {}{code}", unit.display, d.message),
        );
        if managed.is_some() {
            f.note(format!(
                "wit-parser fails at {}:{}:{}",
                failed_at.file, failed_at.line, failed_at.column
            ));
        }
        f.note("tools that load the whole folder (wasm-tools, wit-bindgen, wasmtime bindgen!) reject it; witlint checked the rest without it");
        for n in &d.notes {
            f.note(n.clone());
        }
        if is_unused {
            f.note("nothing in the workspace uses it");
        }
        match (&managed, &d.hint, &d.replacement) {
            (Some((file, _)), _, _) if is_unused => {
                f.fix(format!("remove it from {file} and deps/"));
            }
            (Some((file, _)), hint, _) => {
                let mut help = format!(
                    "update it in {file} to a version that loads, then run `wit-deps update`"
                );
                if let Some(h) = hint {
                    help.push_str(&format!(" (upstream's fix: {h})"));
                }
                f.fix(help);
            }
            (None, Some(h), Some(r)) => {
                f.replace_with(h.clone(), r.clone());
            }
            (None, Some(h), None) => {
                f.fix(h.clone());
            }
            _ => {}
        }
    }
}
