use wit_bindgen_core::wit_parser::{Type, TypeDefKind, TypeOwner, WorldKey};

use crate::lint::async_model::{NativeAsync, is_wasi_io};
use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::{ItemKind, Target};

pub static RULE: Rule = Rule {
    id: "wasi-io-in-async-package",
    category: Category::Async,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Warn,
    scope: Scope::WasiConventions,
    summary: "A package written for WASI 0.3 still uses `wasi:io`",
    explanation: r#"## What it checks

In a package written for WASI 0.3 (it has `async` functions, streams or futures, or it
is `wasi:…@0.3` or later), each `use` of a type from `wasi:io` (`pollable`,
`input-stream`, `output-stream`, `error`) and each world's `import` of a `wasi:io`
interface written in the world.

## What it leaves alone

Packages written for WASI 0.2, which is what `wasi:io` is for, and imports of `wasi:io`
that an `include` or another import brings in. Under the `auto` preset, packages that
do not follow WASI conventions.

## Why

WASI 0.3.0 removed `wasi:io` ("no longer needed: every consumer uses the Component
Model's native types", as the Bytecode Alliance's WASI 0.3 post puts it), and there is
no `wasi:io@0.3`. A package that
mixes the two models asks hosts for both, makes its users poll in some places and await
in others, and depends on a package that will not follow it to 0.3. The release's
table maps each `wasi:io` idiom to its replacement:

| WASI 0.2 (`wasi:io`) | WASI 0.3 |
|---|---|
| `resource pollable` | `future<T>` |
| `resource input-stream` | `stream<u8>` |
| `resource output-stream` | `stream<u8>`, passed into the call |
| `poll(list<pollable>)` | awaiting a future |
| `subscribe()` on a resource | return a `future` from the call |
| `start-foo` / `finish-foo` | one `foo: async func(…)` |

## Example

```wit
interface store {
    use wasi:io/streams@0.2.6.{input-stream};
    get: async func(key: string) -> result<list<u8>, error>;
    read: func(key: string) -> result<input-stream, error>;
}
```

Use instead:

```wit
interface store {
    get: async func(key: string) -> result<list<u8>, error>;
    read: func(key: string) -> tuple<stream<u8>, future<result<_, error>>>;
}
```

## Convention

The WASI 0.3.0 release notes and their table; the Bytecode Alliance's WASI 0.3 post
(bytecodealliance.org#153); the component model's guide "Migrating from WASI 0.2 to
WASI 0.3"; wasip3-prototyping#96 ("`wasi-io` will be deprecated in WASIp3, i.e. there
will be no 0.3.x versions of it")."#,
    options: &[],
    fix: Fixable::Never,
};

/// What replaces a `wasi:io` type in WASI 0.3.
fn replacement(name: &str) -> &'static str {
    match name {
        "pollable" => "make the call that waits an `async func`, or return a `future`",
        "input-stream" => "return a `stream<u8>` with a `future<result<_, E>>` for how it ends",
        "output-stream" => "take a `stream<u8>` and return a `future<result<_, E>>`",
        "error" => "report errors with the package's own error type",
        _ => "use `async func`, `stream<T>` and `future<T>`",
    }
}

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    let resolve = &ws.resolve;
    let mut on_model = NativeAsync::default();
    for item in cx.items() {
        let (message, fix) = match (&item.target, item.kind) {
            (Target::Type(id), _) if item.is_use => {
                let TypeDefKind::Type(Type::Id(used)) = resolve.types[*id].kind else {
                    continue;
                };
                let TypeOwner::Interface(from) = resolve.types[used].owner else {
                    continue;
                };
                if !is_wasi_io(resolve, from) {
                    continue;
                }
                let name = resolve.types[used].name.as_deref().unwrap_or_default();
                (
                    format!("`{name}` comes from `wasi:io`, which WASI 0.3 removed"),
                    replacement(name),
                )
            }
            (
                Target::WorldItem {
                    key: WorldKey::Interface(iface),
                    ..
                },
                ItemKind::Import,
            ) if is_wasi_io(resolve, *iface) => (
                format!("{} imports `wasi:io`, which WASI 0.3 removed", item.title()),
                "drop the import once the package's functions wait with `async func` and pass `stream<T>` and `future<T>`",
            ),
            _ => continue,
        };
        if on_model.of(ws, item.package) {
            cx.report_item(item, message).fix(fix);
        }
    }
}
