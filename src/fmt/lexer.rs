//! The formatter's lexer: WIT source as tokens that keep everything, whitespace and every
//! comment included, so the text read back from them is the text given, byte for byte.
//! What wit-parser rejects is its to reject (the formatter parses with it first); this
//! lexer only has to cover what it accepts, and says where it meets anything else.

use std::ops::Range;

use crate::workspace::trivia::block_comment_end;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Spaces and tabs within a line.
    Space,
    /// One line break (`\n` or `\r\n`).
    Newline,
    /// `// …` to the end of the line (not `///`).
    LineComment,
    /// `/// …` to the end of the line: docs.
    DocComment,
    /// `/* … */`, nested as WIT nests them (not `/** */`).
    BlockComment,
    /// `/** … */`: docs.
    DocBlockComment,
    /// A name, keyword, number or version part: `%type`, `record`, `u32`, `0`, `rc-1`.
    Word,
    /// `->`.
    Arrow,
    /// One of `{ } ( ) < > , ; : = . / @ * + -`.
    Punct,
    /// Anything else (a character WIT has no use for): where wit-parser stops too.
    Unknown,
}

impl Kind {
    pub fn is_comment(self) -> bool {
        matches!(
            self,
            Kind::LineComment | Kind::DocComment | Kind::BlockComment | Kind::DocBlockComment
        )
    }

    pub fn is_trivia(self) -> bool {
        self.is_comment() || matches!(self, Kind::Space | Kind::Newline)
    }
}

/// A token: its kind and where it is in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub range: Range<usize>,
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '%' || c == '_'
}

/// The tokens of `text`, in order, covering it exactly.
pub fn tokens(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    // About one token for every four bytes of WIT.
    let mut out = Vec::with_capacity(text.len() / 4);
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        let (kind, len) = if rest.starts_with("\r\n") {
            (Kind::Newline, 2)
        } else if rest.starts_with('\n') {
            (Kind::Newline, 1)
        } else if rest.starts_with([' ', '\t', '\r']) {
            (Kind::Space, space_len(rest.as_bytes()))
        } else if rest.starts_with("//") {
            // To the line feed, as wit-parser reads it: a lone `\r` is inside the comment,
            // the `\r` of a `\r\n` is the line break's.
            let end = rest.find('\n').unwrap_or(rest.len());
            let len = end - usize::from(rest[..end].ends_with('\r'));
            let doc = rest.starts_with("///") && !rest.starts_with("////");
            (
                if doc {
                    Kind::DocComment
                } else {
                    Kind::LineComment
                },
                len,
            )
        } else if rest.starts_with("/*") {
            let len = block_comment_end(bytes, at) - at;
            let doc = rest.starts_with("/**") && !rest.starts_with("/**/");
            (
                if doc {
                    Kind::DocBlockComment
                } else {
                    Kind::BlockComment
                },
                len,
            )
        } else if rest.starts_with("->") {
            (Kind::Arrow, 2)
        } else {
            let c = rest.chars().next().expect("not at the end");
            if is_word(c) {
                (
                    Kind::Word,
                    rest.find(|c: char| !is_word(c)).unwrap_or(rest.len()),
                )
            } else if "{}()<>,;:=./@*+".contains(c) {
                (Kind::Punct, 1)
            } else {
                (Kind::Unknown, c.len_utf8())
            }
        };
        out.push(Token {
            kind,
            range: at..at + len,
        });
        at += len;
    }
    out
}

/// The length of the spaces and tabs at the start of `bytes` (a `\r` counts unless it
/// starts a line break).
fn space_len(bytes: &[u8]) -> usize {
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' => i += 1,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => i += 1,
            _ => break,
        }
    }
    i.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        tokens(text)
            .into_iter()
            .map(|t| (t.kind, &text[t.range]))
            .collect()
    }

    #[test]
    fn every_byte_is_kept_and_comments_are_told_apart() {
        let text = "/// Docs.\r\npackage a:b@0.1.0-rc.1;\n// note\n/* a /* nested */ one */ /** doc */\ninterface %type {\n\tf: func(x: list<u8>) -> result<_, string>;\n}";
        let got = kinds(text);
        let joined: String = got.iter().map(|(_, s)| *s).collect();
        assert_eq!(joined, text);
        let comments: Vec<(Kind, &str)> = got
            .iter()
            .copied()
            .filter(|(k, _)| k.is_comment())
            .collect();
        assert_eq!(
            comments,
            [
                (Kind::DocComment, "/// Docs."),
                (Kind::LineComment, "// note"),
                (Kind::BlockComment, "/* a /* nested */ one */"),
                (Kind::DocBlockComment, "/** doc */"),
            ]
        );
        assert!(got.contains(&(Kind::Word, "%type")));
        assert!(got.contains(&(Kind::Arrow, "->")));
        assert!(got.contains(&(Kind::Newline, "\r\n")));
        assert!(!got.iter().any(|(k, _)| *k == Kind::Unknown));
    }

    #[test]
    fn four_slashes_and_empty_blocks_are_not_docs() {
        assert_eq!(kinds("//// x")[0].0, Kind::LineComment);
        assert_eq!(kinds("/**/")[0].0, Kind::BlockComment);
        assert_eq!(kinds("é")[0].0, Kind::Unknown);
        // A carriage return that starts no line break is a space.
        assert_eq!(kinds("a \r b")[1], (Kind::Space, " \r "));
        // A lone carriage return is inside a comment, as wit-parser reads it.
        assert_eq!(kinds("// a\rb\r\n")[0], (Kind::LineComment, "// a\rb"));
    }
}
