use crate::lint::async_model::only_streams_and_futures;
use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};

pub static RULE: Rule = Rule {
    id: "redundant-async",
    category: Category::Async,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Warn,
    scope: Scope::WasiConventions,
    summary: "An `async func` returns only streams and futures: its `async` waits for nothing",
    explanation: r#"## What it checks

An `async func` whose result is a `stream<T>`, a `future<T>`, or a tuple of nothing
but streams and futures.

## What it leaves alone

`async` functions whose result has a value of its own (`result<stream<u8>, error-code>`:
the call decides whether the stream exists), functions that are not `async`, and, under
the `auto` preset, packages that do not follow WASI conventions.

## Why

A stream or a future is a value the callee hands back at once; its contents arrive later.
The function that returns only such values has nothing left to wait for, so `async`
adds a second wait in front of the first: bindings generate an awaited call that
returns things to await, a caller that lowers the call synchronously blocks for nothing,
and a host must implement the function as a task. In the review that introduced
`async` to WIT (component-model#442), functions returning only futures and streams were
singled out as capturing all their asynchrony already. WASI 0.3.0 follows it: every
function that returns `tuple<stream<…>, future<…>>` is a plain `func`. Its release
candidates still had `read-directory: async func() -> tuple<stream<directory-entry>,
future<result<_, error-code>>>`, and 0.3.0 dropped the `async`.

## Example

```wit
read-directory: async func() -> tuple<stream<directory-entry>, future<result<_, error-code>>>;
```

Use instead:

```wit
read-directory: func() -> tuple<stream<directory-entry>, future<result<_, error-code>>>;
```

## Convention

WASI 0.3.0 (`wasi:filesystem` `read-via-stream`, `read-directory`; `wasi:sockets`
`receive`; `wasi:cli` `read-via-stream`); component-model#442, where `async` was added
to WIT. Dropping `async` changes the function's type: make the change before a
release."#,
    options: &[],
    fix: Fixable::Never,
};

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    for item in cx.items() {
        let Some(f) = ws.function(&item.target) else {
            continue;
        };
        if !f.kind.is_async()
            || !f
                .result
                .is_some_and(|r| only_streams_and_futures(&ws.resolve, r))
        {
            continue;
        }
        cx.report_item(
            item,
            format!(
                "{} is `async` but returns only streams and futures: the call has nothing to wait for",
                item.title()
            ),
        )
        .fix("drop `async`: the stream and the future carry the asynchrony");
    }
}
