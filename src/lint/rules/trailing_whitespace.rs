use crate::lint::{Applicability, Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::ItemPath;

pub static RULE: Rule = Rule {
    id: "trailing-whitespace",
    category: Category::Style,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Warn,
    scope: Scope::WasiPreset,
    summary: "A line of a WIT file ends in spaces or tabs",
    explanation: r#"## What it checks

Spaces and tabs at the end of a line of the package's own `.wit` files, doc comments
included. Each finding carries the exact edit that removes them.

Only the `wasi` preset turns it on (or `trailing-whitespace = "warn"` under `[rules]`).

## What it leaves alone

Files of `deps/` unless `--lint-deps`, and every preset but `wasi`: whitespace is a
formatter's business, and `witlint fmt` is its fix.

## Why

Trailing whitespace is invisible in review and noisy in every diff that touches the
line; in a doc comment it becomes a Markdown hard line break (two spaces) in the
generated docs. Formatters strip it, and WASI proposal reviews ask for it.

## Example

```wit
/// Gets the value of `key`.␠␠
get: func(key: string) -> option<string>;␠
```

Use instead:

```wit
/// Gets the value of `key`.
get: func(key: string) -> option<string>;
```

## Convention

WASI proposal reviews; `wasm-tools component wit` prints WIT without it."#,
    options: &[],
    fix: Fixable::Always(Applicability::Safe),
};

pub(super) fn check(cx: &mut Context<'_>) {
    let files: Vec<_> = cx.wit_files().collect();
    for file in files {
        let mut start = 0;
        for line in file.text.split_inclusive('\n') {
            let content = line.trim_end_matches(['\n', '\r']);
            let trimmed = content.trim_end_matches([' ', '\t']);
            if trimmed.len() < content.len() {
                let range = start + trimmed.len()..start + content.len();
                cx.report(
                    Some(file.location(range)),
                    ItemPath::line(&file.path, "trailing-whitespace", content),
                    "trailing whitespace",
                )
                .replace_with("remove it (`witlint fmt` lays out the whole file)", "");
            }
            start += line.len();
        }
    }
}
