use crate::lint::{Category, Context, Level, Rule, RuleOption};
use crate::workspace::ItemKind;

pub static RULE: Rule = Rule {
    id: "missing-docs",
    category: Category::Docs,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Error,
    summary: "An interface, world, resource, type or function has no docs",
    explanation: r#"## What it checks

Interfaces, worlds, resources, types, functions, methods and constructors without a doc
comment; with the options on (the default), record fields and variant/enum/flags cases
too. Types brought in with `use` are documented where they are defined.

Options (`[rules.missing-docs]` in `witlint.toml`):
- `fields = false`: do not require docs on record fields;
- `cases = false`: do not require docs on variant, enum and flags cases.

## Why

WIT is the specification. Generated bindings and reference docs copy the doc comments
into every language; an undocumented function is undocumented in all of them.

## Example

```wit
get: func(key: string) -> option<string>;
```

Use instead:

```wit
/// Gets the configuration value for `key`, or `none` if it is not set.
get: func(key: string) -> option<string>;
```

## Convention

WASI proposals document every item (see the WASI proposal template)."#,
    options: &[
        RuleOption {
            name: "fields",
            default: true,
            description: "require docs on record fields",
        },
        RuleOption {
            name: "cases",
            default: true,
            description: "require docs on variant, enum and flags cases",
        },
    ],
    check,
};

fn check(cx: &mut Context<'_>) {
    let fields = cx.option("fields");
    let cases = cx.option("cases");
    let items: Vec<_> = cx
        .items()
        .filter(|i| !i.is_use)
        .filter(|i| match i.kind {
            ItemKind::Interface
            | ItemKind::World
            | ItemKind::Resource
            | ItemKind::Type
            | ItemKind::Function
            | ItemKind::Method
            | ItemKind::Static
            | ItemKind::Constructor => true,
            ItemKind::Field => fields,
            ItemKind::Case | ItemKind::Flag => cases,
            _ => false,
        })
        .filter(|i| i.docs.as_deref().is_none_or(|d| d.trim().is_empty()))
        .collect();
    // A package without docs has hundreds of these: no formatting machinery per finding.
    cx.findings.reserve(items.len());
    for item in items {
        let message = match item.kind {
            ItemKind::Constructor => {
                let resource = cx
                    .ws
                    .index()
                    .ancestors(item)
                    .next()
                    .map_or("", |r| r.path.leaf());
                ["the constructor of resource `", resource, "` has no docs"].concat()
            }
            kind => [kind.noun(), " `", item.path.leaf(), "` has no docs"].concat(),
        };
        cx.report_item(item, message)
            .fix("add a `///` comment saying what it is for");
    }
}
