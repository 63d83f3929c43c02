use crate::lint::{Applicability, Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::ItemPath;

pub static RULE: Rule = Rule {
    id: "missing-final-newline",
    category: Category::Style,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Warn,
    scope: Scope::WasiPreset,
    summary: "A WIT file does not end with a newline",
    explanation: r#"## What it checks

A `.wit` file of the package whose last line has no newline after it. The finding
carries the exact edit that adds one.

Only the `wasi` preset turns it on (or `missing-final-newline = "warn"` under `[rules]`).

## What it leaves alone

Files of `deps/` unless `--lint-deps`, and every preset but `wasi`: whitespace is a
formatter's business, and `witlint fmt` is its fix.

## Why

POSIX tools read a last line without a newline as incomplete: `cat` runs it into the
next file, and every diff that appends a line changes the old last line too ("\ No
newline at end of file"). Editors and formatters add it; WASI proposal reviews ask for it.

## Example

```wit
interface store {
    get: func(key: string) -> option<string>;
}⏎̸
```

Use instead: end the file with a newline after the closing `}`.

## Convention

POSIX text files; WASI proposal reviews."#,
    options: &[],
    fix: Fixable::Always(Applicability::Safe),
};

pub(super) fn check(cx: &mut Context<'_>) {
    let files: Vec<_> = cx.wit_files().collect();
    for file in files {
        if file.text.is_empty() || file.text.ends_with('\n') {
            continue;
        }
        let end = file.text.len();
        cx.report(
            Some(file.location(end..end)),
            ItemPath::file(&file.path, "final-newline"),
            "no newline at the end of the file",
        )
        .replace_with(
            "add a newline (`witlint fmt` lays out the whole file)",
            "\n",
        );
    }
}
