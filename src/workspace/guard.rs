//! Third-party parsers on hostile input: wit-parser, wit-component and wat panic on some
//! inputs they should reject. A panic inside them becomes an error the caller reports with
//! its file, and prints nothing, whatever `RUST_BACKTRACE` says: it is not witlint's own
//! bug, and a backtrace of someone else's parser helps no user.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Whether this thread is inside [`third_party`]: its panics are caught, not printed.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// The message of the last panic caught on this thread.
    static CAUGHT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs, once, a panic hook that is silent for guarded code and the default hook's
/// output for everything else.
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) {
                let message = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "no message".to_string());
                CAUGHT.with(|c| *c.borrow_mut() = Some(message));
            } else {
                default(info);
            }
        }));
    });
}

/// Runs third-party code; its panic comes back as `Err` with the panic's message.
pub fn third_party<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    let was = GUARDED.with(|g| g.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    result.map_err(|_| {
        CAUGHT
            .with(|c| c.borrow_mut().take())
            .unwrap_or_else(|| "no message".to_string())
    })
}

/// The readable part of a panic message from a parser: the `message: "…"` of an error it
/// unwrapped, else the message's first line.
pub fn reason(panic: &str) -> String {
    if let Some(start) = panic.find("message: \"") {
        let rest = &panic[start + "message: \"".len()..];
        if let Some(end) = rest.find('"') {
            return rest[..end].to_string();
        }
    }
    panic.lines().next().unwrap_or(panic).to_string()
}

/// The `Span { start: N, end: M }` a panic message names, if any.
pub fn span(panic: &str) -> Option<(usize, usize)> {
    let at = panic.find("Span { start: ")?;
    let rest = &panic[at + "Span { start: ".len()..];
    let (start, rest) = rest.split_once(", end: ")?;
    let end = rest.split(|c: char| !c.is_ascii_digit()).next()?;
    Some((start.parse().ok()?, end.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_and_the_thread_goes_on() {
        let got: Result<(), String> = third_party(|| {
            panic!(
                "called `Result::unwrap()` on an `Err` value: ParseError(Syntax {{ span: Span {{ start: 106, end: 116 }}, message: \"cannot specify both\" }})"
            )
        });
        let message = got.unwrap_err();
        assert_eq!(reason(&message), "cannot specify both");
        assert_eq!(span(&message), Some((106, 116)));
        assert_eq!(third_party(|| 7), Ok(7));
    }
}
