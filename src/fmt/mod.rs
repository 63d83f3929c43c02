//! `witlint fmt`: WIT read as lossless tokens (every comment and blank line kept), printed
//! in one style, and proved against the original by the diff engine before anything is
//! written. The lexer ([`lexer`]) reads the text back byte for byte; [`items`] breaks
//! lines where items, gates, members and parameters start; [`layout`] indents and spaces
//! each line; the [`proof`] compares the package before and after.

pub mod items;
pub mod layout;
pub mod lexer;
pub mod proof;

/// The width that parameter lists wrap at, unless `[format] line-width` says otherwise.
pub const DEFAULT_LINE_WIDTH: usize = 100;

/// `text` in witlint's style, long signatures wrapped at `width`; the same text when it is
/// in that style already.
pub fn format_text(text: &str, width: usize) -> String {
    let laid = lay_out(text);
    // A line no longer than `width` bytes is no longer in characters either.
    if laid.lines().all(|line| line.len() <= width) {
        return laid;
    }
    let wrapped = items::wrap_long_signatures(&laid, width);
    if wrapped == laid {
        laid
    } else {
        lay_out(&wrapped)
    }
}

/// Lines broken at items, then each laid out; read once when no line needs breaking.
fn lay_out(text: &str) -> String {
    let toks = lexer::tokens(text);
    match items::break_tokens(text, &toks) {
        Some(broken) => layout::layout(&broken),
        None => layout::layout_tokens(text, &toks),
    }
}
