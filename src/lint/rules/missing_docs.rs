use rustc_hash::FxHashMap;

use crate::lint::types::error_types;
use crate::lint::{Category, Context, Fixable, Level, Rule, RuleOption, Scope};
use crate::workspace::{Item, ItemKind, Target, Workspace};

pub static RULE: Rule = Rule {
    id: "missing-docs",
    category: Category::Docs,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Error,
    scope: Scope::Anywhere,
    summary: "An interface, world, resource, type or function has no docs",
    explanation: r#"## What it checks

Interfaces, worlds, resources, types, functions, methods and constructors without a doc
comment, and interfaces a world defines inline (`import name: interface { .. }`); with the
options on (the default), record fields and variant/enum/flags cases too. Types brought in
with `use` are documented where they are defined. The cases of error types are left to
`error-case-undocumented` where that rule applies.

Packages that follow WASI conventions (see the `auto` preset) document every item. In
others, under `auto`, only gaps are reported: an item without docs whose siblings (the
other fields of its record, the other functions and types of its interface, …) mostly
have docs. A package that documents little, or writes no `///` docs at all, is not asked
to document everything.

Options (`[rules.missing-docs]` in `witlint.toml`):
- `fields = false`: do not require docs on record fields;
- `cases = false`: do not require docs on variant, enum and flags cases.

## What it leaves alone

Types brought in with `use` (documented where they are defined), cases of error types
where `error-case-undocumented` applies, and, under `auto` in packages that do not
follow WASI conventions, items whose siblings are mostly undocumented too: a package
that documents little is not asked to document everything, only to close its gaps.

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
    fix: Fixable::Never,
};

pub(super) fn check(cx: &mut Context<'_>) {
    let fields = cx.option("fields");
    let cases = cx.option("cases");
    let wanted = |i: &Item| match i.kind {
        ItemKind::Interface
        | ItemKind::World
        | ItemKind::Resource
        | ItemKind::Type
        | ItemKind::Function
        | ItemKind::Method
        | ItemKind::Static
        | ItemKind::Constructor => !i.is_use,
        // The statement defines the interface: `import name: interface { .. }`.
        ItemKind::Import | ItemKind::Export => defines_interface(cx.ws, i),
        ItemKind::Field => fields,
        ItemKind::Case | ItemKind::Flag => cases,
        _ => false,
    };
    let undocumented = |i: &Item| i.docs.as_deref().is_none_or(|d| d.trim().is_empty());
    let candidates: Vec<&Item> = cx.items().filter(|i| wanted(i)).collect();
    // Outside WASI conventions only gaps count: per container, how many of the items
    // like this one are documented.
    let mut siblings: FxHashMap<(Option<usize>, bool), (usize, usize)> = FxHashMap::default();
    for i in &candidates {
        let (documented, total) = siblings.entry(sibling_group(i)).or_default();
        *total += 1;
        if !undocumented(i) {
            *documented += 1;
        }
    }
    let ws = cx.ws;
    let errors = error_types(
        &ws.resolve,
        cx.items().filter_map(|i| ws.function(&i.target)),
    );
    let items: Vec<&Item> = candidates
        .into_iter()
        .filter(|i| undocumented(i))
        .filter(|i| {
            cx.follows_wasi_conventions(i.package)
                || ws
                    .unit_of_package(i.package)
                    .is_some_and(|u| ws.writes_doc_comments(&u.display))
                    && {
                        // The others: at least one documented, and more documented than not.
                        let (documented, total) = siblings[&sibling_group(i)];
                        let others = total - 1;
                        documented > 0 && documented * 2 > others
                    }
        })
        .filter(|i| {
            // One finding per problem: an error case without docs is the other rule's.
            !matches!(i.target, Target::Member { ty, .. } if i.kind == ItemKind::Case
                && errors.contains(&ty)
                && cx.also_reported_by(&super::error_case_undocumented::RULE, i))
        })
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
            _ => [&item.title(), " has no docs"].concat(),
        };
        cx.report_item(item, message)
            .fix("add a `///` comment saying what it is for");
    }
}

/// Items compared with each other for gaps: the members of one type, or the other
/// items of one container.
fn sibling_group(item: &Item) -> (Option<usize>, bool) {
    let member = matches!(item.kind, ItemKind::Field | ItemKind::Case | ItemKind::Flag);
    (item.parent, member)
}

/// Whether a world import or export defines its interface inline.
fn defines_interface(ws: &Workspace, item: &Item) -> bool {
    ws.world_interface(&item.target)
        .is_some_and(|id| ws.resolve.interfaces[id].name.is_none())
}
