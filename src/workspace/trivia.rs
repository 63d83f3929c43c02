//! A scan of the comments in a WIT file and what each run of comments is attached to.
//!
//! wit-parser turns every comment directly before an item into docs, whatever its style,
//! and silently drops comments in places it keeps no docs for (`use`, `include`,
//! parameters, after attributes). Only the source text shows which is which, so this
//! module walks the tokens once and classifies each run of adjacent comments.

use std::ops::Range;

/// How a comment was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommentStyle {
    /// `/// text`
    Doc,
    /// `// text`
    Line,
    /// `/** text */`
    DocBlock,
    /// `/* text */`
    Block,
}

impl CommentStyle {
    /// Whether the author marked this comment as documentation.
    pub fn is_doc(self) -> bool {
        matches!(self, CommentStyle::Doc | CommentStyle::DocBlock)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub style: CommentStyle,
    pub range: Range<usize>,
}

/// What follows a run of comments, which decides whether wit-parser keeps it as docs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attachment {
    /// Docs of the declaration starting at `decl_start` (its attributes or keyword).
    Item { decl_start: usize },
    /// Inside or before a `use` statement: dropped.
    Use,
    /// Inside or before an `include` statement: dropped.
    Include,
    /// Inside parentheses or angle brackets, such as on a parameter: dropped.
    Nested,
    /// Between an attribute like `@since(..)` and its item: dropped.
    AfterAttribute,
    /// In the middle of a declaration (after a `:` or `->`): dropped.
    MidStatement,
    /// Before a closing `}`: dropped.
    Closing,
    /// At the end of the file: dropped.
    EndOfFile,
}

impl Attachment {
    /// Whether wit-parser keeps comments here as the docs of an item.
    pub fn keeps_docs(self) -> bool {
        matches!(self, Attachment::Item { .. })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentRun {
    pub comments: Vec<Comment>,
    pub attachment: Attachment,
}

impl CommentRun {
    pub fn range(&self) -> Range<usize> {
        let start = self.comments.first().map_or(0, |c| c.range.start);
        let end = self.comments.last().map_or(0, |c| c.range.end);
        start..end
    }
}

/// A `package ns:name@version` declaration as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackageDecl {
    /// The name as written, whitespace removed.
    pub name: String,
    /// From the `package` keyword to the end of the name.
    pub range: Range<usize>,
}

/// A reference to another package's item as written: `wasi:io/streams@0.2.2`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackageRef {
    pub namespace: String,
    pub name: String,
    pub item: String,
    pub version: Option<String>,
    pub range: Range<usize>,
}

/// The comment structure of one WIT file.
#[derive(Clone, Debug, Default)]
pub struct Trivia {
    pub runs: Vec<CommentRun>,
    pub packages: Vec<PackageDecl>,
    /// Every `ns:pkg/item[@version]` written in `use`, `import`, `export` and `include`.
    pub refs: Vec<PackageRef>,
    /// Every `{ … }` pair, sorted by its opening brace.
    pub blocks: Vec<Range<usize>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Stmt {
    Use,
    Include { brace_depth: usize },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    Word(&'a str),
    Punct(u8),
    Arrow,
}

struct Scanner<'a> {
    text: &'a str,
    tokens: Vec<(Tok<'a>, usize)>,
    trivia: Trivia,
    pending: Vec<Comment>,
    stmt_start: bool,
    parens: usize,
    angles: usize,
    braces: Vec<usize>,
    stmt: Option<Stmt>,
    after_attribute: bool,
    attribute_name_next: bool,
    attribute_paren: Option<usize>,
    package_start: Option<usize>,
}

impl Trivia {
    pub fn scan(text: &str) -> Trivia {
        let mut s = Scanner {
            text,
            tokens: Vec::new(),
            trivia: Trivia::default(),
            pending: Vec::new(),
            stmt_start: true,
            parens: 0,
            angles: 0,
            braces: Vec::new(),
            stmt: None,
            after_attribute: false,
            attribute_name_next: false,
            attribute_paren: None,
            package_start: None,
        };
        s.run();
        s.trivia.refs = find_refs(&s.tokens);
        let mut trivia = s.trivia;
        trivia.blocks.sort_by_key(|b| b.start);
        trivia
    }

    /// The body `{ … }` of the declaration whose name starts at `name_offset`.
    pub fn block_after(&self, name_offset: usize) -> Option<Range<usize>> {
        let i = self.blocks.partition_point(|b| b.start < name_offset);
        self.blocks.get(i).cloned()
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'%' | b'.' | b'+') || b >= 0x80
}

impl<'a> Scanner<'a> {
    fn run(&mut self) {
        let bytes = self.text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_whitespace() {
                i += 1;
            } else if bytes[i..].starts_with(b"//") {
                let end = self.text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                let body = &bytes[i..end];
                let style = if body.starts_with(b"///") && !body.starts_with(b"////") {
                    CommentStyle::Doc
                } else {
                    CommentStyle::Line
                };
                self.pending.push(Comment {
                    style,
                    range: i..end,
                });
                i = end;
            } else if bytes[i..].starts_with(b"/*") {
                let end = block_comment_end(bytes, i);
                let body = &bytes[i..end];
                let style = if body.starts_with(b"/**") && !body.starts_with(b"/**/") {
                    CommentStyle::DocBlock
                } else {
                    CommentStyle::Block
                };
                self.pending.push(Comment {
                    style,
                    range: i..end,
                });
                i = end;
            } else if bytes[i..].starts_with(b"->") {
                self.token(Tok::Arrow, i);
                i += 2;
            } else if is_word_byte(b) {
                let mut j = i;
                while j < bytes.len() && is_word_byte(bytes[j]) && !bytes[j..].starts_with(b"->") {
                    j += 1;
                }
                self.token(Tok::Word(&self.text[i..j]), i);
                i = j;
            } else {
                self.token(Tok::Punct(b), i);
                i += 1;
            }
        }
        self.flush(None, bytes.len());
    }

    fn flush(&mut self, tok: Option<Tok<'_>>, offset: usize) {
        if self.pending.is_empty() {
            return;
        }
        let attachment = if self.parens > 0 || self.angles > 0 {
            Attachment::Nested
        } else if let Some(stmt) = self.stmt {
            match stmt {
                Stmt::Use => Attachment::Use,
                Stmt::Include { .. } => Attachment::Include,
            }
        } else if self.after_attribute {
            Attachment::AfterAttribute
        } else if !self.stmt_start {
            Attachment::MidStatement
        } else {
            match tok {
                None => Attachment::EndOfFile,
                Some(Tok::Punct(b'}')) => Attachment::Closing,
                Some(Tok::Word("use")) => Attachment::Use,
                Some(Tok::Word("include")) => Attachment::Include,
                // `/// docs` `@since(..) include x;`: the gate does not make the docs stick.
                Some(Tok::Punct(b'@')) => match word_after_attributes(self.text, offset) {
                    Some("use") => Attachment::Use,
                    Some("include") => Attachment::Include,
                    _ => Attachment::Item { decl_start: offset },
                },
                Some(_) => Attachment::Item { decl_start: offset },
            }
        };
        let comments = std::mem::take(&mut self.pending);
        self.trivia.runs.push(CommentRun {
            comments,
            attachment,
        });
    }

    fn token(&mut self, tok: Tok<'a>, offset: usize) {
        self.flush(Some(tok), offset);
        self.tokens.push((tok, offset));
        let at_start = self.stmt_start;
        self.stmt_start = false;
        let was_attribute_name = std::mem::take(&mut self.attribute_name_next);
        self.after_attribute = false;
        match tok {
            Tok::Word(w) => {
                if at_start && self.stmt.is_none() {
                    match w {
                        "use" => self.stmt = Some(Stmt::Use),
                        "include" => {
                            self.stmt = Some(Stmt::Include {
                                brace_depth: self.braces.len(),
                            })
                        }
                        "package" => self.package_start = Some(offset),
                        _ => {}
                    }
                }
                if was_attribute_name {
                    self.attribute_paren = Some(self.parens + 1);
                }
            }
            Tok::Arrow => {}
            Tok::Punct(p) => match p {
                b'@' => self.attribute_name_next = true,
                b'(' => self.parens += 1,
                b')' => {
                    if self.attribute_paren == Some(self.parens) {
                        self.attribute_paren = None;
                        self.after_attribute = true;
                    }
                    self.parens = self.parens.saturating_sub(1);
                }
                b'<' => self.angles += 1,
                b'>' => self.angles = self.angles.saturating_sub(1),
                b'{' => {
                    self.end_package(offset);
                    self.braces.push(offset);
                    self.stmt_start = self.stmt.is_none();
                }
                b'}' => {
                    if let Some(open) = self.braces.pop() {
                        self.trivia.blocks.push(open..offset + 1);
                    }
                    match self.stmt {
                        Some(Stmt::Include { brace_depth }) if brace_depth == self.braces.len() => {
                            self.stmt = None;
                            self.stmt_start = true;
                        }
                        Some(_) => {}
                        None => self.stmt_start = true,
                    }
                }
                b';' => {
                    self.end_package(offset);
                    self.stmt = None;
                    self.parens = 0;
                    self.angles = 0;
                    self.stmt_start = true;
                }
                b',' => {
                    self.stmt_start = self.parens == 0 && self.angles == 0 && self.stmt.is_none();
                }
                _ => {}
            },
        }
        // An attribute keeps the statement open: `@since(..)` is followed by its item.
        if matches!(tok, Tok::Punct(b'@')) && at_start {
            self.stmt_start = false;
        }
    }

    fn end_package(&mut self, offset: usize) {
        if let Some(start) = self.package_start.take() {
            let written = &self.text[start + "package".len()..offset];
            let name: String = written.chars().filter(|c| !c.is_whitespace()).collect();
            let end = start + "package".len() + written.trim_end().len();
            self.trivia.packages.push(PackageDecl {
                name,
                range: start..end,
            });
        }
    }
}

/// Finds `ns:pkg/item[@version]` token sequences.
fn find_refs(tokens: &[(Tok<'_>, usize)]) -> Vec<PackageRef> {
    let mut out = Vec::new();
    for i in 0..tokens.len() {
        let [
            (Tok::Word(ns), start),
            (Tok::Punct(b':'), _),
            (Tok::Word(pkg), _),
            (Tok::Punct(b'/'), _),
            (Tok::Word(item), item_at),
            rest @ ..,
        ] = &tokens[i..]
        else {
            continue;
        };
        let item = item.trim_end_matches('.');
        let mut end = item_at + item.len();
        let version = match rest {
            [(Tok::Punct(b'@'), _), (Tok::Word(v), at), ..] => {
                let v = v.trim_end_matches('.');
                end = at + v.len();
                Some(v.to_string())
            }
            _ => None,
        };
        out.push(PackageRef {
            namespace: ns.to_string(),
            name: pkg.to_string(),
            item: item.to_string(),
            version,
            range: *start..end,
        });
    }
    out
}

/// The end of a (possibly nested) block comment starting at `start`.
pub(crate) fn block_comment_end(bytes: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while i + 1 < bytes.len() {
        if bytes[i] == b'/' && bytes[i + 1] == b'*' {
            depth += 1;
            i += 2;
        } else if bytes[i] == b'*' && bytes[i + 1] == b'/' {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    bytes.len()
}

/// The first word after the gate attributes (`@since(..)`, `@unstable(..)`) at `offset`.
fn word_after_attributes(text: &str, mut offset: usize) -> Option<&str> {
    let bytes = text.as_bytes();
    loop {
        while offset < bytes.len() && bytes[offset].is_ascii_whitespace() {
            offset += 1;
        }
        if bytes.get(offset) != Some(&b'@') {
            break;
        }
        offset += 1;
        while offset < bytes.len() && is_word_byte(bytes[offset]) {
            offset += 1;
        }
        while offset < bytes.len() && bytes[offset].is_ascii_whitespace() {
            offset += 1;
        }
        if bytes.get(offset) == Some(&b'(') {
            offset += text[offset..].find(')')? + 1;
        }
    }
    let end = offset
        + bytes[offset..]
            .iter()
            .take_while(|b| is_word_byte(**b))
            .count();
    (end > offset).then(|| &text[offset..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attachments(src: &str) -> Vec<(String, Attachment)> {
        Trivia::scan(src)
            .runs
            .iter()
            .map(|r| (src[r.range()].to_string(), r.attachment))
            .collect()
    }

    #[test]
    fn classifies_where_comments_sit() {
        let src = "/// pkg\npackage a:b@1.0.0;\n\
            interface i {\n  /// on use\n  use t.{x};\n  /// on func\n  f: func(/// on param\n a: u32) -> u32;\n\
            @since(version = 1.0.0)\n  /// after attr\n  g: func();\n  /// trailing\n}\n\
            world w {\n  /// on include\n  include other;\n  /// on import\n  import i;\n}\n// eof";
        let got = attachments(src);
        let kinds: Vec<_> = got.iter().map(|(t, a)| (t.as_str(), *a)).collect();
        assert!(matches!(
            kinds[0],
            ("/// pkg", Attachment::Item { decl_start: 8 })
        ));
        assert_eq!(kinds[1], ("/// on use", Attachment::Use));
        assert!(matches!(kinds[2], ("/// on func", Attachment::Item { .. })));
        assert_eq!(kinds[3], ("/// on param", Attachment::Nested));
        assert_eq!(kinds[4], ("/// after attr", Attachment::AfterAttribute));
        assert_eq!(kinds[5], ("/// trailing", Attachment::Closing));
        assert_eq!(kinds[6], ("/// on include", Attachment::Include));
        assert!(matches!(
            kinds[7],
            ("/// on import", Attachment::Item { .. })
        ));
        assert_eq!(kinds[8], ("// eof", Attachment::EndOfFile));
    }

    #[test]
    fn gates_do_not_hide_what_follows() {
        let src = "world w {\n  /// gated include\n  @since(version = 1.0.0)\n  include other;\n\
            /// gated use\n  @unstable(feature = x) use a:b/c.{d};\n\
            /// gated import\n  @since(version = 1.0.0)\n  import i;\n}";
        let got = attachments(src);
        let kinds: Vec<_> = got.iter().map(|(t, a)| (t.as_str(), *a)).collect();
        assert_eq!(kinds[0], ("/// gated include", Attachment::Include));
        assert_eq!(kinds[1], ("/// gated use", Attachment::Use));
        assert!(matches!(
            kinds[2],
            ("/// gated import", Attachment::Item { .. })
        ));
    }

    #[test]
    fn styles_and_packages() {
        let t = Trivia::scan("// a\n/// b\n//// c\n/* d */\n/** e */\npackage wasi:kv @0.2.0 ;");
        let styles: Vec<_> = t.runs[0].comments.iter().map(|c| c.style).collect();
        use CommentStyle::*;
        assert_eq!(styles, vec![Line, Doc, Line, Block, DocBlock]);
        assert_eq!(t.packages[0].name, "wasi:kv@0.2.0");
    }

    #[test]
    fn record_fields_and_blocks() {
        let src = "interface i {\n record r {\n  a: u32,\n  /// b docs\n  b: list<u32>,\n }\n}";
        let t = Trivia::scan(src);
        assert!(matches!(t.runs[0].attachment, Attachment::Item { .. }));
        assert_eq!(t.blocks.len(), 2);
        assert_eq!(
            t.block_after(src.find("r {").unwrap()).unwrap().start,
            src.find("{\n  a").unwrap()
        );
    }

    #[test]
    fn finds_package_references() {
        let src = "interface i {\n use wasi:io/streams@0.2.2.{input-stream};\n}\nworld w { include wasi:kv/imports@0.2.0-draft2; import a:b/c; }\ninterface j {\n use wasi:io/poll@0.3.0-rc-2026-03-15.{pollable};\n use wasi:io/error@0.2.0+build.7.{error};\n}";
        let refs = Trivia::scan(src).refs;
        let got: Vec<_> = refs
            .iter()
            .map(|r| {
                (
                    r.name.as_str(),
                    r.item.as_str(),
                    r.version.as_deref(),
                    &src[r.range.clone()],
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("io", "streams", Some("0.2.2"), "wasi:io/streams@0.2.2"),
                (
                    "kv",
                    "imports",
                    Some("0.2.0-draft2"),
                    "wasi:kv/imports@0.2.0-draft2"
                ),
                ("b", "c", None, "a:b/c"),
                (
                    "io",
                    "poll",
                    Some("0.3.0-rc-2026-03-15"),
                    "wasi:io/poll@0.3.0-rc-2026-03-15"
                ),
                (
                    "io",
                    "error",
                    Some("0.2.0+build.7"),
                    "wasi:io/error@0.2.0+build.7"
                ),
            ]
        );
    }

    #[test]
    fn never_panics_on_garbage() {
        for src in [
            "/* unterminated",
            "}}}))>>",
            "@@(",
            "package",
            "ç/*ç*/ç//ç",
            "use {",
        ] {
            let _ = Trivia::scan(src);
        }
    }
}
