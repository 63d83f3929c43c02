//! The second layer of the style: where lines break, from what the tokens are. Each item
//! starts a line of its own (after a `;`, an item's `}`, the `{` of an interface, world,
//! resource or package), and so does each `@since`/`@unstable`/`@deprecated` gate; the
//! `}` of a body closes on its own line. A record, variant, enum or flags written over
//! several lines gets one member per line and a trailing comma; a parameter list written
//! over several lines (or too long for one, see [`wrap_long_signatures`]) gets one
//! parameter per line and a trailing comma. A comment after code stays at the end of its
//! line: only code moves to a new line, never a comment, so every comment stays next to
//! the token it followed.
//!
//! Only line breaks and commas that WIT allows anywhere are added: wit-parser reads the
//! result as the same tokens, and the proof checks it did.

use super::lexer::{Kind, Token, tokens};

/// `text` with its lines broken at items; the same text when they are already.
pub fn break_items(text: &str) -> String {
    break_tokens(text, &tokens(text)).unwrap_or_else(|| text.to_string())
}

/// [`break_items`] on `text` read as `toks`; `None` when its lines break at items already.
pub fn break_tokens(text: &str, toks: &[Token]) -> Option<String> {
    Plan::of(text, toks).apply(text, toks)
}

/// `text` (laid out) with a line break after the `(` of every parameter list on one line
/// whose code runs past `width` characters: [`break_items`] then puts one parameter on
/// each line.
pub fn wrap_long_signatures(text: &str, width: usize) -> String {
    let toks = tokens(text);
    let code: Vec<usize> = significant(&toks);
    // Where each line's code ends (its last token that is not a comment), by line.
    let mut line_of = Vec::with_capacity(toks.len());
    let mut code_ends = vec![None];
    for t in &toks {
        line_of.push(code_ends.len() - 1);
        match t.kind {
            Kind::Newline => code_ends.push(None),
            k if k.is_trivia() => {}
            _ => *code_ends.last_mut().expect("a line") = Some(t.range.end),
        }
    }
    let mut wrap = Vec::new();
    for (k, &i) in code.iter().enumerate() {
        let Some(close) = parameters(text, &toks, &code, k) else {
            continue;
        };
        if line_of[code[close]] != line_of[i] {
            continue;
        }
        let open = toks[i].range.start;
        let line_start = text[..open].rfind('\n').map_or(0, |n| n + 1);
        let code_end = code_ends[line_of[i]].unwrap_or(open);
        if text[line_start..code_end].chars().count() > width {
            wrap.push(toks[i].range.end);
        }
    }
    let mut out = String::with_capacity(text.len() + wrap.len());
    let mut at = 0;
    for cut in wrap {
        out.push_str(&text[at..cut]);
        out.push('\n');
        at = cut;
    }
    out.push_str(&text[at..]);
    out
}

/// The indices of the tokens that are code (not spaces, line breaks or comments).
fn significant(toks: &[Token]) -> Vec<usize> {
    (0..toks.len())
        .filter(|&i| !toks[i].kind.is_trivia())
        .collect()
}

/// When `code[k]` opens a parameter list (`func(`, `constructor(`) that is not empty:
/// the position in `code` of its `)`.
fn parameters(text: &str, toks: &[Token], code: &[usize], k: usize) -> Option<usize> {
    let is = |k: usize, s: &str| text[toks[code[k]].range.clone()] == *s;
    if k == 0 || !is(k, "(") || toks[code[k]].kind != Kind::Punct {
        return None;
    }
    let before = code[k - 1];
    if toks[before].kind != Kind::Word
        || !matches!(&text[toks[before].range.clone()], "func" | "constructor")
    {
        return None;
    }
    let close = matching(text, toks, code, k)?;
    (close > k + 1).then_some(close)
}

/// The position in `code` of the bracket that closes the one at `code[open]`.
fn matching(text: &str, toks: &[Token], code: &[usize], open: usize) -> Option<usize> {
    let opener = &text[toks[code[open]].range.clone()];
    let closer = match opener {
        "(" => ")",
        "{" => "}",
        _ => return None,
    };
    let mut depth = 0usize;
    for (k, &i) in code.iter().enumerate().skip(open) {
        if toks[i].kind != Kind::Punct {
            continue;
        }
        let s = &text[toks[i].range.clone()];
        if s == opener {
            depth += 1;
        } else if s == closer {
            depth -= 1;
            if depth == 0 {
                return Some(k);
            }
        }
    }
    None
}

/// What a `{ … }` holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Body {
    /// Items ended by `;` or `}`: a file, interface, world, resource or nested package.
    Items,
    /// Members separated by `,`: a record, variant, enum or flags.
    Members,
    /// Anything else (`use ….{…}`, `include … with {…}`), left as written.
    Other,
}

/// Where line breaks and commas go, by token index.
struct Plan {
    newline_before: Vec<bool>,
    newline_after: Vec<bool>,
    comma_after: Vec<bool>,
}

impl Plan {
    fn of(text: &str, toks: &[Token]) -> Plan {
        let mut plan = Plan {
            newline_before: vec![false; toks.len()],
            newline_after: vec![false; toks.len()],
            comma_after: vec![false; toks.len()],
        };
        let code = significant(toks);
        let word = |k: usize| &text[toks[code[k]].range.clone()];
        let punct = |k: usize, s: &str| toks[code[k]].kind == Kind::Punct && word(k) == s;
        let has_newline = |from: usize, to: usize| {
            toks[code[from]..code[to]]
                .iter()
                .any(|t| t.kind == Kind::Newline)
        };
        // The first word of the statement being read, in each open body (the file first).
        let mut statement: Vec<Option<usize>> = vec![None];
        // The last position in `code` of the gate being read.
        let mut gate_end: Option<usize> = None;
        for k in 0..code.len() {
            let i = code[k];
            if gate_end.is_some_and(|end| k <= end) {
                continue;
            }
            if punct(k, "@") && (k == 0 || toks[code[k - 1]].kind != Kind::Word) {
                // A gate (after a word, `@` starts a version).
                let end = match k + 2 < code.len() && punct(k + 2, "(") {
                    true => matching(text, toks, &code, k + 2).unwrap_or(k + 1),
                    false => (k + 1).min(code.len() - 1),
                };
                plan.newline_after[code[end]] = true;
                gate_end = Some(end);
                continue;
            }
            if punct(k, ";") {
                plan.newline_after[i] = true;
                *statement.last_mut().expect("the file") = None;
                continue;
            }
            if punct(k, "}") {
                statement.pop();
                if statement.is_empty() {
                    statement.push(None);
                }
                *statement.last_mut().expect("the file") = None;
                continue;
            }
            if punct(k, "{") {
                let body = match statement.last().copied().flatten().map(word) {
                    _ if k > 0 && (punct(k - 1, ".") || word(k - 1) == "with") => Body::Other,
                    Some("interface" | "world" | "package" | "resource") => Body::Items,
                    Some("record" | "variant" | "enum" | "flags") => Body::Members,
                    Some("import" | "export") if k > 0 && word(k - 1) == "interface" => Body::Items,
                    _ => Body::Other,
                };
                statement.push(None);
                let Some(close) = matching(text, toks, &code, k) else {
                    continue;
                };
                match body {
                    Body::Items if close > k + 1 => {
                        plan.newline_after[i] = true;
                        plan.newline_before[code[close]] = true;
                    }
                    Body::Members if close > k + 1 && has_newline(k, close) => {
                        plan.one_per_line(text, toks, &code, k, close);
                    }
                    _ => {}
                }
                if body != Body::Other {
                    plan.newline_after[code[close]] = true;
                }
                continue;
            }
            if let Some(close) = parameters(text, toks, &code, k)
                && has_newline(k, close)
            {
                plan.one_per_line(text, toks, &code, k, close);
            }
            let current = statement.last_mut().expect("the file");
            if current.is_none() {
                *current = Some(k);
            }
        }
        plan
    }

    /// One member of the list between `code[open]` and `code[close]` on each line, and a
    /// comma after the last.
    fn one_per_line(
        &mut self,
        text: &str,
        toks: &[Token],
        code: &[usize],
        open: usize,
        close: usize,
    ) {
        self.newline_after[code[open]] = true;
        self.newline_before[code[close]] = true;
        let mut depth = 0usize;
        for &i in &code[open + 1..close] {
            if toks[i].kind != Kind::Punct {
                continue;
            }
            match &text[toks[i].range.clone()] {
                "(" | "<" | "{" => depth += 1,
                ")" | ">" | "}" => depth = depth.saturating_sub(1),
                "," if depth == 0 => self.newline_after[i] = true,
                _ => {}
            }
        }
        let last = code[close - 1];
        if &text[toks[last].range.clone()] != "," {
            self.comma_after[last] = true;
        }
    }

    /// `text` with the plan's line breaks and commas; `None` when none is needed.
    fn apply(&self, text: &str, toks: &[Token]) -> Option<String> {
        // What goes where, by byte offset, in order.
        let mut inserts: Vec<(usize, char)> = Vec::new();
        // Whether only spaces are written since the last line break.
        let mut line_start = true;
        for (i, t) in toks.iter().enumerate() {
            if self.newline_before[i] && !line_start {
                inserts.push((t.range.start, '\n'));
            }
            match t.kind {
                Kind::Newline => line_start = true,
                Kind::Space => {}
                _ => line_start = false,
            }
            if self.comma_after[i] {
                inserts.push((t.range.end, ','));
            }
            if self.newline_after[i] && code_follows_on_line(&toks[i + 1..]) {
                inserts.push((t.range.end, '\n'));
                line_start = true;
            }
        }
        if inserts.is_empty() {
            return None;
        }
        let mut out = String::with_capacity(text.len() + inserts.len());
        let mut at = 0;
        for (offset, c) in inserts {
            out.push_str(&text[at..offset]);
            out.push(c);
            at = offset;
        }
        out.push_str(&text[at..]);
        Some(out)
    }
}

/// Whether code follows on this line, before the next line break: a comment that ends
/// the line stays where it is (at the end of the line its code is on).
fn code_follows_on_line(rest: &[Token]) -> bool {
    for t in rest {
        match t.kind {
            Kind::Space | Kind::BlockComment | Kind::DocBlockComment => {}
            Kind::Newline | Kind::LineComment | Kind::DocComment => return false,
            _ => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fmt::layout::layout;

    fn style(text: &str) -> String {
        layout(&break_items(text))
    }

    #[test]
    fn items_and_gates_get_lines_of_their_own() {
        let text = "package a:b@0.1.0; interface i { @since(version = 0.1.0) f: func(); g: func(); // why\n record r { a: u32 } } world w { import i; export j: interface { h: func(); } }\n";
        let want = "package a:b@0.1.0;\ninterface i {\n    @since(version = 0.1.0)\n    f: func();\n    g: func(); // why\n    record r { a: u32 }\n}\nworld w {\n    import i;\n    export j: interface {\n        h: func();\n    }\n}\n";
        assert_eq!(style(text), want);
        assert_eq!(style(want), want, "a fixed point");
    }

    #[test]
    fn lists_over_several_lines_get_a_member_per_line_and_a_trailing_comma() {
        let text = "interface i {\n    enum e { a, b,\n    c }\n    variant v {\n        x(list<tuple<u8, u8>>), y // the last\n    }\n    flags f { r, w }\n    use a:b/c.{d,\n e};\n}\n";
        let want = "interface i {\n    enum e {\n        a,\n        b,\n        c,\n    }\n    variant v {\n        x(list<tuple<u8, u8>>),\n        y, // the last\n    }\n    flags f { r, w }\n    use a:b/c.{d,\n        e};\n}\n";
        assert_eq!(style(text), want);
        assert_eq!(style(want), want);
    }

    #[test]
    fn parameters_over_several_lines_get_one_per_line() {
        let text = "interface i {\n    f: func(a: u32,\n        /// Docs of b.\n        b: list<tuple<u8, u8>>) -> u32;\n    constructor(\n        a: u32\n    );\n    g: func(x: u32);\n}\n";
        let want = "interface i {\n    f: func(\n        a: u32,\n        /// Docs of b.\n        b: list<tuple<u8, u8>>,\n    ) -> u32;\n    constructor(\n        a: u32,\n    );\n    g: func(x: u32);\n}\n";
        assert_eq!(style(text), want);
        assert_eq!(style(want), want);
    }

    #[test]
    fn a_signature_too_long_for_the_width_wraps() {
        let text = "interface i {\n    f: func(first: u32, second: string) -> result<u32, string>; // a comment does not count\n    g: func() -> result<list<list<list<u8>>>, string>;\n}\n";
        let laid = style(text);
        let wrapped = style(&wrap_long_signatures(&laid, 50));
        let want = "interface i {\n    f: func(\n        first: u32,\n        second: string,\n    ) -> result<u32, string>; // a comment does not count\n    g: func() -> result<list<list<list<u8>>>, string>;\n}\n";
        assert_eq!(wrapped, want);
        assert_eq!(wrap_long_signatures(&wrapped, 50), wrapped);
        assert_eq!(wrap_long_signatures(&laid, 100), laid, "it fits");
    }
}
