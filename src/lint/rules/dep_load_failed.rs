use crate::lint::{Category, Context, Level, Rule};
use crate::workspace::deps::UnitRole;
use crate::workspace::{ItemPath, Location};

pub static RULE: Rule = Rule {
    id: "dep-load-failed",
    category: Category::Deps,
    level: Level::Error,
    minimal: true,
    wasi: Level::Error,
    summary: "A package under deps/ does not parse or resolve",
    explanation: r#"## What it checks

Every folder, `.wit` or `.wasm` file under `deps/` that wit-parser cannot load: syntax
errors, removed types (`float64`), references to packages that are not vendored.

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
    check,
};

fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    for unit in ws.units.iter().filter(|u| u.role == UnitRole::Dep) {
        let Some(d) = &unit.problem else { continue };
        let location = d
            .location
            .clone()
            .or_else(|| Some(Location::whole_file(&unit.display)));
        let item = unit.names.first().map_or_else(
            || ItemPath::file(&unit.display, "package"),
            ItemPath::package,
        );
        let code = if d.code.starts_with("wit-") || d.code == "io" {
            String::new()
        } else {
            format!(" [{}]", d.code)
        };
        let f = cx.report(
            location,
            item,
            format!("`{}` does not load: {}{code}", unit.display, d.message),
        );
        f.note("tools that load the whole folder (wasm-tools, wit-bindgen, wasmtime bindgen!) reject it; witlint checked the rest without it");
        for n in &d.notes {
            f.note(n.clone());
        }
        match (&d.hint, &d.replacement) {
            (Some(h), Some(r)) => {
                f.replace_with(h.clone(), r.clone());
            }
            (Some(h), None) => {
                f.fix(h.clone());
            }
            _ => {}
        }
    }
}
