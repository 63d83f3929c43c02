//! Reporters only format findings: text (rustc-style), JSON, SARIF and GitHub annotations.

pub mod github;
pub mod json;
pub mod sarif;
pub mod text;

use std::collections::BTreeMap;

use crate::lint::{Finding, Level};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics with source snippets
    #[default]
    Text,
    /// one JSON document (schema in the README)
    Json,
    /// SARIF 2.1.0, for GitHub code scanning
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    Github,
}

/// `text` with every character that would act on a terminal or a CI log rather than show
/// (C0 and C1 controls such as ESC, BEL and CR, DEL, and the bidirectional controls that
/// reorder what is shown) written as a `\u{…}` escape. Line feeds and tabs stay. Text from
/// metadata, a `.wasm`'s docs, file names or a config goes through this before it is shown.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let acts = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(acts) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if acts(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Source texts by display path, for snippets.
pub type Texts<'a> = BTreeMap<&'a str, &'a str>;

/// Counts per level.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub error: usize,
    pub warn: usize,
    pub info: usize,
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            match f.level {
                Level::Error => s.error += 1,
                Level::Warn => s.warn += 1,
                Level::Info => s.info += 1,
            }
        }
        s
    }
}

/// Findings per rule, most frequent first, for `--statistics`.
pub fn statistics(findings: &[Finding]) -> String {
    let mut counts: BTreeMap<(&str, Level), usize> = BTreeMap::new();
    for f in findings {
        *counts.entry((f.rule.id, f.level)).or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut out = String::new();
    for ((rule, level), n) in rows {
        out.push_str(&format!("{n:>5}  {:<7} {rule}\n", level.word()));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn controls_are_shown_as_escapes() {
        assert_eq!(
            super::escape_controls("a\u{1b}[31mred\u{7}\r\u{202e}b\nc\td"),
            "a\\u{1b}[31mred\\u{7}\\u{d}\\u{202e}b\nc\td"
        );
        assert!(matches!(
            super::escape_controls("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
