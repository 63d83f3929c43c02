//! `witlint fmt`, being built: WIT read into a lossless syntax tree (every comment and
//! blank line kept), printed in one style, and proved against the original by the diff
//! engine before anything is written. So far: the lossless lexer ([`lexer`]), the first
//! layer of the style on tokens ([`layout`]: indentation, spaces, blank lines, the final
//! newline) and the proof ([`proof`]).

pub mod layout;
pub mod lexer;
pub mod proof;
