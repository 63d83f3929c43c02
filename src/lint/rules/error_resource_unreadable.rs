use std::collections::BTreeSet;

use wit_bindgen_core::wit_parser::{FunctionKind, Handle, Type, TypeDefKind, TypeId, TypeOwner};

use crate::lint::types::{fallible, unalias};
use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::ItemKind;

pub static RULE: Rule = Rule {
    id: "error-resource-unreadable",
    category: Category::Errors,
    level: Level::Warn,
    minimal: true,
    wasi: Level::Error,
    scope: Scope::Anywhere,
    summary: "An error resource has no method: it is read only through static functions",
    explanation: r#"## What it checks

Resources returned as the error of a `result` whose functions are all `static`: no
method reads the error value a caller holds. A static function that takes no handle of
the resource (`trace: static func() -> string`) cannot reach that value at all; one that
takes `borrow<error>` can, but reads as a free function in every binding
(`Error::trace(&e)` rather than `e.trace()`).

## What it leaves alone

Resources with at least one method, and resources no `result` returns as its error: a
static constructor or factory beside a method is normal.

## Why

An error resource exists to be inspected: its code, its message, its trace. With only
static functions, the most natural call in every generated binding does not exist, and a
`static func()` without the handle returns something unrelated to the error at hand:
whatever a host picks, usually the last error of the instance. wasi-io's `error`
(`to-debug-string: func() -> string`) is the model.

## Example

```wit
resource error {
    trace: static func() -> string;
}
```

Use instead:

```wit
resource error {
    /// A trace of what failed, for humans.
    trace: func() -> string;
}
```

## Convention

wasi-io `error.to-debug-string`, wasi-nn `error.code`/`error.data`: errors are read
through methods."#,
    options: &[],
    fix: Fixable::Never,
};

/// The resources some function returns as the error of a `result` (owned or borrowed).
fn error_resources(cx: &Context<'_>) -> BTreeSet<TypeId> {
    let ws = cx.ws;
    let resource = |ty: Type| -> Option<TypeId> {
        let Type::Id(id) = unalias(&ws.resolve, ty) else {
            return None;
        };
        let id = match ws.resolve.types[id].kind {
            TypeDefKind::Handle(Handle::Own(r) | Handle::Borrow(r)) => r,
            _ => id,
        };
        let Type::Id(id) = unalias(&ws.resolve, Type::Id(id)) else {
            return None;
        };
        matches!(ws.resolve.types[id].kind, TypeDefKind::Resource).then_some(id)
    };
    cx.items()
        .filter_map(|i| ws.function(&i.target))
        .filter_map(|f| fallible(&ws.resolve, f).flatten())
        .filter_map(resource)
        .collect()
}

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    let errors = error_resources(cx);
    for item in cx
        .items()
        .filter(|i| i.kind == ItemKind::Resource && !i.is_use)
    {
        let Some(id) = errors.iter().copied().find(|&id| {
            ws.index()
                .of_type(id)
                .is_some_and(|i| std::ptr::eq(i, item))
        }) else {
            continue;
        };
        let TypeOwner::Interface(owner) = ws.resolve.types[id].owner else {
            continue;
        };
        let own = |f: &&wit_bindgen_core::wit_parser::Function| match f.kind {
            FunctionKind::Method(r)
            | FunctionKind::AsyncMethod(r)
            | FunctionKind::Static(r)
            | FunctionKind::AsyncStatic(r)
            | FunctionKind::Constructor(r) => r == id,
            _ => false,
        };
        let funcs: Vec<_> = ws.resolve.interfaces[owner]
            .functions
            .values()
            .filter(own)
            .collect();
        let statics: Vec<_> = funcs
            .iter()
            .filter(|f| {
                matches!(
                    f.kind,
                    FunctionKind::Static(_) | FunctionKind::AsyncStatic(_)
                )
            })
            .collect();
        let has_method = funcs.iter().any(|f| {
            matches!(
                f.kind,
                FunctionKind::Method(_) | FunctionKind::AsyncMethod(_)
            )
        });
        if statics.is_empty() || has_method {
            continue;
        }
        let takes_handle = |f: &wit_bindgen_core::wit_parser::Function| {
            f.params.iter().any(|p| {
                let ty = p.ty;
                let Type::Id(t) = unalias(&ws.resolve, ty) else {
                    return false;
                };
                matches!(ws.resolve.types[t].kind, TypeDefKind::Handle(Handle::Own(r) | Handle::Borrow(r)) if unalias(&ws.resolve, Type::Id(r)) == Type::Id(id))
            })
        };
        let blind: Vec<String> = statics
            .iter()
            .filter(|f| !takes_handle(f))
            .map(|f| format!("`{}`", f.item_name()))
            .collect();
        let name = item.path.leaf().to_string();
        let f = cx.report_item(
            item,
            format!("error resource `{name}` has no method: callers read it only through static functions"),
        );
        if !blind.is_empty() {
            let verb = if blind.len() == 1 { "takes" } else { "take" };
            f.note(format!(
                "{} {verb} no `{name}`, so cannot read the error a caller holds",
                blind.join(", ")
            ));
        }
        f.fix(format!(
            "make them methods (`{}: func() -> …`), which read the error they are called on",
            statics.first().map_or("trace", |f| f.item_name())
        ));
    }
}
