use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::ItemKind;

pub static RULE: Rule = Rule {
    id: "package-metadata-missing",
    category: Category::Build,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Warn,
    scope: Scope::OptIn,
    summary: "A package built for release would carry no licence or no source URL",
    explanation: r#"## What it checks

Off in every preset: `witlint build` refuses a release without a licence and a source
URL (exit 2, at the package line; `--allow-missing-metadata` builds one anyway), so the
check belongs to the release, not to every edit. Turn it on (`[rules]
package-metadata-missing = "warn"`) to see it in the editor before release day.

The package `witlint build` would publish must say under which licence it is distributed
and where its source is. For WIT folders the metadata comes
from `[package]` in `witlint.toml` (or `[metadata]` in a `wkg.toml`); for a `.wasm`
input it is the package's own metadata sections.

## Why

Registries show the OCI annotations `org.opencontainers.image.licenses` and
`org.opencontainers.image.source`, and consumers decide by them whether they may use the
package and where to report problems. A published package without them asks every user
to go looking.

## What it leaves alone

Repositories whose publish workflow adds the licence and source (WASI's proposals do, in
`wkg publish`): nothing of that is in the WIT folder, so `check` cannot see it and stays
quiet by default.

## Example

```toml
# witlint.toml
[rules]
package-metadata-missing = "warn"
```

Use instead:

```toml
[rules]
package-metadata-missing = "warn"

[package]
licenses = "Apache-2.0 WITH LLVM-exception"
source = "https://github.com/WebAssembly/wasi-keyvalue"
```

## Convention

The CNCF Wasm OCI artifact layout and the OCI image annotations; WASI proposals are
licensed `Apache-2.0 WITH LLVM-exception` and live under `github.com/WebAssembly`."#,
    options: &[],
    fix: Fixable::Never,
};

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    let built = ws.metadata();
    let (licenses, source) = match built {
        Some(m) => (m.licenses.is_some(), m.source.is_some()),
        None => (
            cx.config.package.licenses.is_some(),
            cx.config.package.source.is_some(),
        ),
    };
    let missing: Vec<String> = [("licenses", licenses), ("source", source)]
        .into_iter()
        .filter(|(_, present)| !present)
        .map(|(key, _)| format!("`{key}`"))
        .collect();
    if missing.is_empty() {
        return;
    }
    let keys = missing.join(" and ");
    let roots: Vec<_> = cx
        .items()
        .filter(|i| i.kind == ItemKind::Package && ws.is_root(i.package))
        .collect();
    for item in roots {
        let name = &ws.resolve.packages[item.package].name;
        let message = match built {
            Some(_) => format!("package `{name}` carries no {keys} in its metadata"),
            None => format!(
                "package `{name}` would be built without {keys}: neither `[package]` in witlint.toml nor `[metadata]` in wkg.toml names it"
            ),
        };
        cx.report_item(item, message).fix(
            "add `licenses = \"<SPDX expression>\"` and `source = \"<URL>\"` under `[package]` in witlint.toml, and build again",
        );
    }
}
