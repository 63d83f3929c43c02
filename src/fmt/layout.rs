//! The first layer of the style, on tokens: what can change without knowing the items.
//! Lines stay where they are; each is indented by how deep it is (four spaces for each open
//! `{` or `(`), spaces between tokens become one or none, runs of blank lines become one,
//! and the file ends with exactly one newline. Comments are copied as written (a `//`
//! note loses its trailing spaces; docs keep every byte, since their text is the docs).

use super::lexer::{Kind, Token, tokens};

/// `text` laid out; the same text when it is laid out already.
pub fn layout(text: &str) -> String {
    layout_tokens(text, &tokens(text))
}

/// [`layout`] of `text` read as `toks`.
pub fn layout_tokens(text: &str, toks: &[Token]) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut braces, mut parens) = (0usize, 0usize);
    let mut prev: Option<(Kind, &str)> = None;
    let mut newlines = 0usize;
    let mut spaced = false;
    // Whether the statement being written is a `package` declaration.
    let mut in_package = false;
    let mut statement_start = true;
    for (i, t) in toks.iter().enumerate() {
        let piece = &text[t.range.clone()];
        match t.kind {
            Kind::Newline => {
                newlines += 1;
                continue;
            }
            Kind::Space => {
                spaced = true;
                continue;
            }
            _ => {}
        }
        if prev.is_some() && newlines > 0 {
            out.push('\n');
            if newlines > 1 {
                out.push('\n');
            }
        }
        let line_start = prev.is_none() || newlines > 0;
        if line_start {
            let closes =
                |open: usize, closer: &str| open.saturating_sub(usize::from(piece == closer));
            let depth = closes(braces, "}") + closes(parens, ")");
            out.push_str(&"    ".repeat(depth));
        } else {
            let prev = prev.expect("not at the start");
            // After `:`, a package name goes on without a space (`wasi:io/streams`,
            // `package a:b;`); a type or `func` gets one (`key: string`).
            let after_colon = prev.0 == Kind::Punct && prev.1 == ":" && t.kind == Kind::Word;
            let space = if after_colon {
                !(in_package || names_a_package(text, &toks[i + 1..]))
            } else {
                space_between(prev, (t.kind, piece), spaced)
            };
            if space {
                out.push(' ');
            }
        }
        if t.kind == Kind::Word && statement_start {
            in_package = piece == "package";
        }
        if !t.kind.is_comment() && !piece.starts_with('@') {
            statement_start = t.kind == Kind::Punct && matches!(piece, ";" | "{" | "}");
        }
        match t.kind {
            Kind::LineComment => out.push_str(piece.trim_end()),
            _ => out.push_str(piece),
        }
        match piece {
            "{" if t.kind == Kind::Punct => braces += 1,
            "}" if t.kind == Kind::Punct => braces = braces.saturating_sub(1),
            "(" if t.kind == Kind::Punct => parens += 1,
            ")" if t.kind == Kind::Punct => parens = parens.saturating_sub(1),
            _ => {}
        }
        prev = Some((t.kind, piece));
        newlines = 0;
        spaced = false;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Whether the word before `rest` is a package's name: `/` or `@` follows it at once.
fn names_a_package(text: &str, rest: &[Token]) -> bool {
    rest.first()
        .is_some_and(|t| t.kind == Kind::Punct && matches!(&text[t.range.clone()], "/" | "@"))
}

/// Whether one space goes between two tokens of a line, `spaced` saying whether the source
/// had any: WIT's own spacing where it has one (`name: type`, `a -> b`, `x, y`, `f(x)`,
/// `list<u8>`, `wasi:io/streams@0.2.0.{x}`), the source's elsewhere, as one space.
fn space_between(prev: (Kind, &str), next: (Kind, &str), spaced: bool) -> bool {
    let (p, n) = (prev.1, next.1);
    if next.0.is_comment() {
        // A comment after code on its line: one space before it.
        return true;
    }
    if prev.0.is_comment() {
        return spaced;
    }
    if next.0 == Kind::Arrow || prev.0 == Kind::Arrow {
        return true;
    }
    let punct = |k: Kind, s: &str, set: &[&str]| k == Kind::Punct && set.contains(&s);
    if punct(
        next.0,
        n,
        &[",", ";", ")", ">", ":", ".", "/", "@", "+", "*"],
    ) || punct(prev.0, p, &["(", "<", ".", "/", "@", "+", "*"])
    {
        return false;
    }
    if punct(next.0, n, &["("]) && prev.0 == Kind::Word {
        return false;
    }
    if punct(next.0, n, &["<"]) {
        return false;
    }
    if punct(prev.0, p, &[","]) || punct(next.0, n, &["=", "{"]) || punct(prev.0, p, &["="]) {
        return true;
    }
    spaced
}

#[cfg(test)]
mod tests {
    use super::layout;

    #[test]
    fn indents_spaces_and_blank_lines_are_made_regular() {
        let text = "package a:b@0.1.0;\n\n\n\ninterface i {\n\t  /// Docs, kept.  \n  f:func( x:u32 ,y : list < u8 > )->result<_,string> ;   // why  \n      record r {\n   a: u32,\n}\n}";
        let want = "package a:b@0.1.0;\n\ninterface i {\n    /// Docs, kept.  \n    f: func(x: u32, y: list<u8>) -> result<_, string>; // why\n    record r {\n        a: u32,\n    }\n}\n";
        assert_eq!(layout(text), want);
        assert_eq!(layout(want), want, "a fixed point");
    }

    #[test]
    fn a_colon_is_spaced_after_a_name_not_inside_a_package_name() {
        let text = "package a:b;\nworld w {\n    import primary:wasi:keyvalue/store@0.2.0;\n    export x:func();\n    import y:interface {\n        f:func(k:string) -> u32;\n    }\n}\n";
        let want = "package a:b;\nworld w {\n    import primary: wasi:keyvalue/store@0.2.0;\n    export x: func();\n    import y: interface {\n        f: func(k: string) -> u32;\n    }\n}\n";
        assert_eq!(layout(text), want);
        assert_eq!(layout(want), want);
    }

    #[test]
    fn package_paths_and_gates_keep_their_shape() {
        let text = "interface i {\n    use wasi:io/streams@0.2.0-rc.1+b.{input-stream};\n    @since(version=0.2.0)\n    @unstable(feature = x)\n    f: func();\n}\n";
        let want = "interface i {\n    use wasi:io/streams@0.2.0-rc.1+b.{input-stream};\n    @since(version = 0.2.0)\n    @unstable(feature = x)\n    f: func();\n}\n";
        assert_eq!(layout(text), want);
    }
}
