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
