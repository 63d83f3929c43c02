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
    let laid = layout::layout(&items::break_items(text));
    let wrapped = items::wrap_long_signatures(&laid, width);
    if wrapped == laid {
        laid
    } else {
        layout::layout(&items::break_items(&wrapped))
    }
}
