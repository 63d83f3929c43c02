//! Located load problems, and the hints that turn wit-parser's messages into next steps.

use std::ops::Range;

use wit_bindgen_core::wit_parser::{
    ParseError, ParseErrorKind, ResolveError, ResolveErrorKind, SourceMap, Span,
};

use super::sources::{Location, Sources};

/// A problem found while loading WIT: where it is, what it is, and what to do.
#[derive(Clone, Debug)]
pub struct LoadDiagnostic {
    /// `wit-parse`, `wit-resolve`, `io`, or the id of the lint rule the problem belongs to.
    pub code: &'static str,
    pub message: String,
    pub location: Option<Location>,
    pub hint: Option<String>,
    /// Text that replaces `location.bytes` to fix the problem, when it is that simple.
    pub replacement: Option<String>,
    pub notes: Vec<String>,
}

impl LoadDiagnostic {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        LoadDiagnostic {
            code,
            message: message.into(),
            location: None,
            hint: None,
            replacement: None,
            notes: Vec::new(),
        }
    }

    pub fn at(mut self, location: Option<Location>) -> Self {
        self.location = location;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
}

/// Maps a wit-parser span to a location in our own source texts.
pub fn locate(map: &SourceMap, sources: &Sources, span: Span) -> Option<Location> {
    let loc = map.resolve_span(span)?;
    let file = sources.get(loc.path)?;
    Some(file.location(loc.range))
}

fn text_at<'a>(sources: &'a Sources, loc: &Option<Location>) -> Option<&'a str> {
    let loc = loc.as_ref()?;
    sources.get(&loc.file)?.text.get(loc.bytes.clone())
}

/// Where the last token before `loc` ends (whitespace and comments skipped back over).
fn previous_token_end(sources: &Sources, loc: &Option<Location>) -> Option<Location> {
    let loc = loc.as_ref()?;
    let file = sources.get(&loc.file)?;
    let before = file.text.get(..loc.bytes.start)?;
    // Line by line from the error back: a line's code before any `//` comment.
    let mut offset = before.len();
    for line in before.split_inclusive('\n').rev() {
        offset -= line.len();
        let code = line.split("//").next().unwrap_or_default().trim_end();
        if !code.trim().is_empty() {
            let end = offset + code.len();
            let last = code.chars().next_back().map_or(0, char::len_utf8);
            return Some(file.location(end - last..end));
        }
    }
    None
}

/// Turns a wit-parser parse error into a located diagnostic with a hint.
pub fn from_parse_error(err: &ParseError, map: &SourceMap, sources: &Sources) -> LoadDiagnostic {
    let kind = err.kind();
    let location = locate(map, sources, kind.span());
    let mut d = LoadDiagnostic::new("wit-parse", first_line(&kind.to_string())).at(location);
    match kind {
        ParseErrorKind::ItemNotFound {
            name, kind: what, ..
        } => {
            let renamed = match name.as_str() {
                "float32" => Some("f32"),
                "float64" => Some("f64"),
                _ => None,
            };
            if let Some(new) = renamed {
                d.hint = Some(format!(
                    "`{name}` was renamed to `{new}`: write `{new}` instead"
                ));
                d.replacement = Some(new.to_string());
            } else {
                d.hint = Some(format!(
                    "define the {what} `{name}` in this package, or import it with `use`"
                ));
            }
        }
        ParseErrorKind::TypeCycle { .. } => {
            d.hint = Some(
                "break the cycle: a type cannot contain itself except through a resource handle"
                    .into(),
            );
        }
        ParseErrorKind::Lex(_) if d.message.starts_with("expected ") => {
            // A token is missing (`;` after an item, `{` after a name): say which, and
            // where the item before it ends, which is where it goes.
            let wanted = d.message["expected ".len()..]
                .split(", found")
                .next()
                .unwrap_or_default()
                .trim_matches('\'')
                .to_string();
            d.hint = Some(match previous_token_end(sources, &d.location) {
                Some(end) => format!(
                    "a `{wanted}` is missing: add it after {}:{}:{}, where what comes before ends",
                    end.file, end.line, end.column
                ),
                None => format!("a `{wanted}` is missing before this: add it"),
            });
        }
        ParseErrorKind::Lex(_) => {
            // wit-parser places a forbidden character relative to its file but reports it
            // as if in the first file: find it ourselves, in the files in their order.
            if let Some((location, ch)) = forbidden_char(sources) {
                d.location = Some(location);
                d.message = format!("the character U+{:04X} is not allowed in WIT", ch as u32);
                d.hint = Some(
                    if ch.is_control() {
                        "control characters other than tabs and line breaks are not allowed: remove it"
                    } else {
                        "bidirectional overrides and characters Unicode deprecates are not allowed (they can make code read differently from what it does): remove it"
                    }
                    .into(),
                );
            } else {
                d.hint = Some("WIT allows only ASCII identifiers, `//` and `/* */` comments, and the punctuation of the grammar".into());
            }
        }
        _ if text_at(sources, &d.location) == Some("default") => {
            // `default interface` / `default world`: WIT syntax from before WASI 0.2.
            d.hint = Some(
                "`default` was removed from WIT before 0.2: delete it, and import or export \
                 the interface from a world by name"
                    .into(),
            );
            d.replacement = Some(String::new());
        }
        _ => {
            d.hint = Some(syntax_hint(&d.message));
        }
    }
    d
}

/// The first character wit-parser's lexer rejects in any file, in the files' order: a
/// control character other than tab, CR and LF, a bidirectional override, or a
/// character Unicode deprecates.
fn forbidden_char(sources: &Sources) -> Option<(Location, char)> {
    sources.iter().find_map(|f| {
        let (at, ch) = f.text.char_indices().find(|&(_, c)| {
            matches!(
                c,
                '\u{202a}'..='\u{202e}'
                    | '\u{2066}'..='\u{2069}'
                    | '\u{149}'
                    | '\u{673}'
                    | '\u{f77}'
                    | '\u{f79}'
                    | '\u{17a3}'
                    | '\u{17a4}'
                    | '\u{17b4}'
                    | '\u{17b5}'
            ) || (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        })?;
        Some((f.location(at..at + ch.len_utf8()), ch))
    })
}

fn syntax_hint(message: &str) -> String {
    if message.contains("package") && message.contains("declaration")
        || message.contains("no `package` header")
    {
        "start the file with `package namespace:name@version;`".into()
    } else if message.contains("@since")
        || message.contains("@unstable")
        || message.contains("@deprecated")
    {
        "a gate is `@since(version = X.Y.Z)` or `@unstable(feature = name)`, optionally with `@deprecated(version = X.Y.Z)`".into()
    } else {
        "see the WIT grammar: https://github.com/WebAssembly/component-model/blob/main/design/mvp/WIT.md".into()
    }
}

/// Turns a wit-parser resolve error into a located diagnostic. Errors that a witlint rule
/// explains better carry that rule's id, and name the item they are about.
pub fn from_resolve_error(
    err: &ResolveError,
    map: &SourceMap,
    sources: &Sources,
) -> LoadDiagnostic {
    let kind = err.kind();
    let location = locate(map, sources, kind.span());
    let item = text_at(sources, &location).map(str::to_string);
    let message = kind.to_string();
    let mut d = LoadDiagnostic::new("wit-resolve", first_line(&message)).at(location);
    match kind {
        ResolveErrorKind::PackageNotFound {
            requested, known, ..
        } => {
            let same: Vec<_> = known
                .iter()
                .filter(|k| k.namespace == requested.namespace && k.name == requested.name)
                .map(|k| k.to_string())
                .collect();
            if same.is_empty() {
                d.hint = Some(format!(
                    "vendor `{requested}` under deps/ (for example with `wit-deps`), or fix the name"
                ));
            } else {
                d.code = "dep-version-mismatch";
                d.message = format!(
                    "`{requested}` is referenced here, but deps/ holds {}",
                    same.join(", ")
                );
                d.hint = Some(format!(
                    "reference the vendored version ({}) or vendor `{requested}`",
                    same.join(", ")
                ));
            }
            if !known.is_empty() {
                let names: Vec<_> = known.iter().map(|k| k.to_string()).collect();
                d.notes
                    .push(format!("known packages: {}", names.join(", ")));
            }
        }
        ResolveErrorKind::DuplicatePackage { span2, .. } => {
            if let Some(other) = locate(map, sources, *span2) {
                d.notes.push(format!(
                    "also defined at {}:{}:{}",
                    other.file, other.line, other.column
                ));
            }
            d.hint =
                Some("keep one copy of the package: remove the other folder from deps/".into());
        }
        ResolveErrorKind::Semantic { message, .. }
            if message.contains("cannot reference unreleased version") =>
        {
            d.code = "since-exceeds-package-version";
            let what = item.map_or_else(|| "this item".to_string(), |i| format!("`{i}`"));
            d.message =
                format!("{what} is gated `@since` a version newer than its package: {message}");
            d.hint = Some("lower the `@since` version to a released one, or use `@unstable(feature = ..)` until it ships".into());
        }
        ResolveErrorKind::Semantic { message, .. }
            if message.contains("so it must have a version") =>
        {
            d.code = "package-version-missing";
            let what = item.map_or_else(|| "an item".to_string(), |i| format!("`{i}`"));
            d.message =
                format!("{what} has a `@since` gate but its package has no version: {message}");
            d.hint =
                Some("add a version to the `package` line, e.g. `package ns:name@0.1.0;`".into());
        }
        ResolveErrorKind::WorldNotFound { .. } | ResolveErrorKind::InterfaceNotFound { .. } => {
            d.hint = Some("check the name and version in the `use`/`include`/`import`, and that the package in deps/ defines it".into());
        }
        _ => {
            d.hint = Some(
                "this is how wit-parser (and so wasm-tools and wit-bindgen) resolves the package"
                    .into(),
            );
        }
    }
    d
}

/// The first line of a wit-parser message, without what belongs on the next lines (the
/// list after "known packages:", which becomes a note).
fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or_default();
    line.trim_end()
        .trim_end_matches("known packages:")
        .trim_end()
        .trim_end_matches('.')
        .to_string()
}

/// A diagnostic for a whole file, such as one that cannot be read.
pub fn at_file(
    code: &'static str,
    file: &str,
    message: impl Into<String>,
    bytes: Range<usize>,
    sources: &Sources,
) -> LoadDiagnostic {
    let location = sources
        .get(file)
        .map(|f| f.location(bytes))
        .or_else(|| Some(Location::whole_file(file)));
    LoadDiagnostic::new(code, message).at(location)
}

/// The input could not be loaded at all.
#[derive(Debug)]
pub struct LoadError {
    pub input: String,
    pub diagnostics: Vec<LoadDiagnostic>,
    /// Sources read before the failure, for rendering snippets.
    pub sources: Sources,
}

impl LoadError {
    pub fn single(input: &str, d: LoadDiagnostic, sources: Sources) -> LoadError {
        LoadError {
            input: input.to_string(),
            diagnostics: vec![d],
            sources,
        }
    }
}

/// One line per diagnostic: `file:line:col: error[code]: message`. The CLI renders them
/// rustc-style, with the source line and the hint.
impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            match &d.location {
                Some(l) => write!(f, "{}:{}:{}: ", l.file, l.line, l.column)?,
                None => write!(f, "{}: ", self.input)?,
            }
            write!(f, "error[{}]: {}", d.code, d.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}
