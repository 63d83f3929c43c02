use rustc_hash::FxHashSet;
use wit_bindgen_core::wit_parser::{TypeId, WorldItem};

use crate::lint::types::{named_refs, type_children};
use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};

pub static RULE: Rule = Rule {
    id: "unused-use",
    category: Category::Style,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Warn,
    scope: Scope::Anywhere,
    summary: "A `use` imports a name that nothing references",
    explanation: r#"## What it checks

Names an interface imports with `use iface.{name}` that no function, type, world item or
other `use` in the workspace refers to. A world's `use` is left alone: it puts the names
into the world's generated bindings, where the host or guest code may be what uses them.

## What it leaves alone

A world's `use`: it puts the names into the world's generated bindings, where the host
or guest code may be what uses them.

## Why

An unused import is a dependency on paper only: it makes readers look for a use that is
not there, keeps an interface (and its package) in the dependency graph for nothing, and
often is the remains of a function that was removed or renamed.

## Example

```wit
interface watcher {
    use store.{bucket, error};

    on-set: func(bucket: bucket, key: string);
}
```

Use instead:

```wit
interface watcher {
    use store.{bucket};

    on-set: func(bucket: bucket, key: string);
}
```

## Convention

General hygiene, as `unused_imports` in rustc."#,
    options: &[],
    fix: Fixable::Never,
};

/// Every type that something in the workspace refers to.
fn referenced(cx: &Context<'_>) -> FxHashSet<TypeId> {
    let r = &cx.ws.resolve;
    let mut refs = Vec::new();
    for (id, _) in r.types.iter() {
        type_children(r, id, &mut |t| named_refs(r, t, &mut refs));
    }
    let world_functions = r.worlds.iter().flat_map(|(_, world)| {
        world
            .imports
            .values()
            .chain(world.exports.values())
            .filter_map(|item| match item {
                WorldItem::Function(f) => Some(f),
                _ => None,
            })
    });
    let functions = r.interfaces.iter().flat_map(|(_, i)| i.functions.values());
    for f in functions.chain(world_functions) {
        for ty in f.params.iter().map(|p| p.ty).chain(f.result) {
            named_refs(r, ty, &mut refs);
        }
    }
    refs.into_iter().collect()
}

pub(super) fn check(cx: &mut Context<'_>) {
    let used = referenced(cx);
    let unused: Vec<_> = cx
        .items()
        .filter(|i| i.is_use)
        // A world's `use` puts the names into the world's bindings (wit-bindgen and
        // wasmtime generate them at the world's root), where hosts and guests may use them.
        .filter(|i| {
            i.parent
                .is_none_or(|p| cx.ws.index().get(p).kind != crate::workspace::ItemKind::World)
        })
        .filter(|i| matches!(i.target, crate::workspace::Target::Type(id) if !used.contains(&id)))
        .collect();
    for item in unused {
        cx.report_item(
            item,
            format!(
                "`{}` is imported with `use` but never referenced",
                item.path.leaf()
            ),
        )
        .fix(format!("remove `{}` from the `use`", item.path.leaf()));
    }
}
