//! The formatter's proof: the formatted package means what the original meant. Loaded
//! again, it has the same API, the same gates and the same docs on every item (witlint's
//! diff engine finds no change at all, not even `docs-changed`), and every file keeps the
//! same comments, as text, in order. Anything else is a bug of the formatter: the file is
//! not written.

use super::lexer::tokens;
use crate::diff;
use crate::workspace::Workspace;

/// The comments of a WIT text, in order, each line trimmed (re-indenting a block comment
/// is formatting; its words are not).
pub fn comments(text: &str) -> Vec<String> {
    tokens(text)
        .into_iter()
        .filter(|t| t.kind.is_comment())
        .map(|t| {
            text[t.range]
                .lines()
                .map(str::trim)
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

/// What differs between the package as it was and as formatted, one line each; empty
/// when the formatting is proved to keep its meaning.
pub fn differences(before: &Workspace, after: &Workspace) -> Vec<String> {
    let mut out: Vec<String> = diff::compare(before, after)
        .iter()
        .map(|c| format!("{}: {} ({})", c.path, c.message, c.kind.id()))
        .collect();
    for file in before.sources.iter().filter(|f| f.path.ends_with(".wit")) {
        let Some(formatted) = after.sources.get(&file.path) else {
            out.push(format!("{}: gone from the formatted package", file.path));
            continue;
        };
        let (was, now) = (comments(&file.text), comments(&formatted.text));
        if was != now {
            let first = was
                .iter()
                .zip(&now)
                .position(|(a, b)| a != b)
                .unwrap_or(was.len().min(now.len()));
            out.push(format!(
                "{}: comments differ ({} before, {} after; the first difference is comment {})",
                file.path,
                was.len(),
                now.len(),
                first + 1
            ));
        }
    }
    out
}
