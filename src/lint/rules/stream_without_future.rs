use crate::lint::async_model::{has_future, has_result, has_stream};
use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};

pub static RULE: Rule = Rule {
    id: "stream-without-future",
    category: Category::Async,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Warn,
    scope: Scope::WasiConventions,
    summary: "A fallible function passes a `stream` with no `future` to say how it ended",
    explanation: r#"## What it checks

Functions that can fail (their result has a `result<…>`) and that pass a `stream<T>`
with no `future` beside it:

- a function that returns a stream inside its `result` (`result<stream<T>, error-code>`):
  the error says whether the stream could start, and nothing says whether it ended or
  broke;
- a function, not `async`, that takes a stream and returns a `result` (`func(data:
  stream<u8>) -> result<_, error-code>`): the result is back before the stream is
  read, so a failure while reading it has nowhere to go.

## What it leaves alone

Streams paired with a `future` (`tuple<stream<u8>, future<result<_, error-code>>>`,
`func(data: stream<u8>) -> future<result<_, error-code>>`), `async` functions that
take a stream and return their result when they have read it, and functions that
cannot fail: a stream of events or ticks has no error to report. Under the `auto`
preset, packages that do not follow WASI conventions.

## Why

A `stream` in the component model ends, and the reader learns that it ended, not why.
WASI 0.2's `input-stream` reported errors inline on each read, so a reader that
stopped early never learned whether the stream failed. WASI 0.3 settled on pairing
every fallible stream with a `future<result<_, E>>` that resolves once the operation
has finished, whether the stream was read to the end or not: reads return
`tuple<stream<u8>, future<result<_, error-code>>>`, writes take a `stream<u8>` and
return `future<result<_, error-code>>`. In the discussion that set it
(component-model#474, wasi-http#143), streams that cannot fail stand alone, and
fallible ones always come with the future; the future is needed for streams a function
takes as much as for streams it returns. `wasi:sockets`' `listen` still returns
`result<stream<tcp-socket>, error-code>`, and wasi-sockets#129 records the
consequence: an error while listening has no way to reach the caller.

## Example

```wit
read: func(offset: u64) -> result<stream<u8>, error-code>;
write: func(data: stream<u8>) -> result<_, error-code>;
```

Use instead:

```wit
read: func(offset: u64) -> tuple<stream<u8>, future<result<_, error-code>>>;
write: func(data: stream<u8>) -> future<result<_, error-code>>;
```

## Convention

WASI 0.3.0's `read-via-stream` and `write-via-stream` (`wasi:cli`, `wasi:filesystem`),
`receive` and `send` (`wasi:sockets`), `consume-body` (`wasi:http`); component-model#474,
wasi-http#143, wasi-sockets#129."#,
    options: &[],
    fix: Fixable::Never,
};

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    let resolve = &ws.resolve;
    for item in cx.items() {
        let Some(f) = ws.function(&item.target) else {
            continue;
        };
        let Some(result) = f.result else {
            continue;
        };
        if !has_result(resolve, result) || has_future(resolve, result) {
            continue;
        }
        let message = if has_stream(resolve, result) {
            format!(
                "{} returns a stream inside its `result`, with no `future` for how the stream ends: an error after it started cannot reach the caller",
                item.title()
            )
        } else if !f.kind.is_async() && f.params.iter().any(|p| has_stream(resolve, p.ty)) {
            format!(
                "{} takes a stream and returns its `result` before reading it: an error while reading the stream cannot reach the caller",
                item.title()
            )
        } else {
            continue;
        };
        cx.report_item(item, message)
            .fix("pair the stream with a `future<result<_, E>>` that resolves when the operation has finished");
    }
}
