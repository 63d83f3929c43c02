use wit_bindgen_core::wit_parser::{Stability, TypeId};

use crate::lint::gates::{describe, type_gate};
use crate::lint::types::{named_refs, signature_refs, type_children};
use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::Target;

pub static RULE: Rule = Rule {
    id: "stable-references-unstable",
    category: Category::Versioning,
    level: Level::Error,
    minimal: true,
    wasi: Level::Error,
    scope: Scope::Anywhere,
    summary: "A stable item's type refers to an `@unstable` item, or to one introduced later",
    explanation: r#"## What it checks

A `@since(version = S)` function, type or world import whose signature or definition
mentions a type that is `@unstable`, or `@since` a version later than `S`; and a stable
world import/export of an `@unstable` interface.

## What it leaves alone

`@unstable` items that reference stable ones, and types compared through `use` aliases
are followed to their definition, not reported at the alias: the gate that matters is
the definition's.

## Why

When the feature is off, wit-parser removes the unstable type, and the stable item that
refers to it no longer resolves: bindings fail to generate for everyone who did not opt
in. A reference to a type from a later release claims the item was usable before its
parts existed.

## Example

```wit
@unstable(feature = example-ttl)
record ttl { seconds: u64 }

@since(version = 0.2.0)
set: func(key: string, ttl: ttl);
```

Use instead:

```wit
@unstable(feature = example-ttl)
record ttl { seconds: u64 }

@unstable(feature = example-ttl)
set-with-ttl: func(key: string, ttl: ttl);
```

## Convention

Component model `WIT.md`, "Feature Gates": an item referring to a gated item must be
compatibly gated."#,
    options: &[],
    fix: Fixable::Never,
};

/// Whether `id` is an alias whose target is stable since `since` or earlier.
fn alias_of_earlier(ws: &crate::workspace::Workspace, id: TypeId, since: &semver::Version) -> bool {
    let wit_bindgen_core::wit_parser::TypeDefKind::Type(wit_bindgen_core::wit_parser::Type::Id(
        target,
    )) = ws.resolve.types[id].kind
    else {
        return false;
    };
    match type_gate(ws, target) {
        Stability::Stable { since: s, .. } => s <= since || alias_of_earlier(ws, target, since),
        Stability::Unknown => true,
        Stability::Unstable { .. } => false,
    }
}

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    for item in cx.items() {
        // Ungated items are always present, so they may not refer to unstable ones either.
        let since = match item.gate() {
            Stability::Stable { since, .. } => Some(since),
            Stability::Unknown if item.kind.can_be_gated() => None,
            _ => continue,
        };
        if item.is_use {
            continue;
        }
        let mut refs: Vec<TypeId> = Vec::new();
        let mut interface_ref = None;
        match &item.target {
            Target::Function { .. } => {
                if let Some(f) = ws.function(&item.target) {
                    refs = signature_refs(&ws.resolve, f);
                }
            }
            Target::Type(id) => type_children(&ws.resolve, *id, &mut |t| {
                named_refs(&ws.resolve, t, &mut refs)
            }),
            Target::WorldItem { .. } => interface_ref = ws.world_interface(&item.target),
            _ => {}
        }
        if let Some(iface) = interface_ref
            && let Some(target) = ws.index().of_interface(iface)
            && matches!(target.gate(), Stability::Unstable { .. })
        {
            cx.report_item(
                item,
                format!(
                    "stable {} refers to `{}`, which is `{}`",
                    item.title(),
                    target.path,
                    describe(target.gate())
                ),
            )
            .fix("gate the import/export with the same `@unstable` feature");
        }
        refs.sort();
        refs.dedup();
        for id in refs {
            let gate = type_gate(ws, id);
            let later = match gate {
                Stability::Unstable { .. } => true,
                // A later alias of a type that already existed changes no ABI (wasi:http's
                // `field-name`, added in 0.2.1 for `field-key`): judge what it names.
                Stability::Stable { since: s, .. } => {
                    since.is_some_and(|since| s > since && !alias_of_earlier(ws, id, since))
                }
                Stability::Unknown => false,
            };
            if !later {
                continue;
            }
            let name = ws.resolve.types[id].name.clone().unwrap_or_default();
            let mine = since.map_or_else(|| "ungated".to_string(), |s| format!("`@since({s})`"));
            cx.report_item(
                item,
                format!(
                    "{} is {mine} but refers to type `{name}`, which is `{}`",
                    item.title(),
                    describe(gate)
                ),
            )
            .fix(format!(
                "gate `{}` no earlier than `{name}`, or stabilise `{name}` first",
                item.path.leaf()
            ));
        }
    }
}
