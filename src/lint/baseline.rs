//! Baselines: record today's findings so that only new ones are reported.
//!
//! Entries key on rule id + ItemPath, never on line numbers, so a baseline survives edits
//! that move code. Each entry is one line of JSON, so diffs of a baseline read well.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::rules::UNUSED_BASELINE_ENTRY;
use super::{Finding, Level};
use crate::workspace::{ItemPath, Location};

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub rule: String,
    pub item: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

pub struct Baseline {
    pub path: String,
    text: String,
    entries: BTreeSet<Entry>,
}

fn entry_of(f: &Finding) -> Entry {
    Entry {
        rule: f.rule.id.to_string(),
        item: f.item.to_string(),
    }
}

/// The baseline file for a set of findings: sorted, one entry per line, stable.
pub fn render<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> String {
    let entries: BTreeSet<Entry> = findings
        .into_iter()
        .filter(|f| f.rule != &UNUSED_BASELINE_ENTRY)
        .map(entry_of)
        .collect();
    let mut out = String::from("{\n  \"version\": 1,\n  \"findings\": [");
    for (i, e) in entries.iter().enumerate() {
        out.push_str(if i == 0 { "\n    " } else { ",\n    " });
        out.push_str(&serde_json::to_string(e).expect("entries serialize"));
    }
    out.push_str(if entries.is_empty() {
        "]\n}\n"
    } else {
        "\n  ]\n}\n"
    });
    out
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let shown = path.display().to_string();
        let text = crate::input::read_to_string(path)
            .map_err(|e| format!("{shown}: cannot read baseline: {e}"))?;
        let file: File = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{shown}:{}:{}: not a witlint baseline: {e}",
                e.line(),
                e.column()
            )
        })?;
        if file.version != 1 {
            return Err(format!(
                "{shown}: baseline version {} is not supported (expected 1)",
                file.version
            ));
        }
        Ok(Baseline {
            path: shown,
            text,
            entries: file.findings.into_iter().collect(),
        })
    }

    /// Whether the baseline records this finding (its rule on its item).
    pub fn knows(&self, f: &Finding) -> bool {
        self.entries.contains(&entry_of(f))
    }

    /// Drops findings the baseline knows; adds one finding per entry that matched nothing.
    pub fn apply(&self, findings: Vec<Finding>) -> Vec<Finding> {
        let stale = self.unmatched(&findings);
        let mut kept: Vec<Finding> = findings.into_iter().filter(|f| !self.knows(f)).collect();
        kept.extend(stale);
        kept
    }

    /// A finding for each entry that matches none of `findings`.
    pub fn unmatched(&self, findings: &[Finding]) -> Vec<Finding> {
        let used: BTreeSet<Entry> = findings.iter().map(entry_of).collect();
        self.entries
            .difference(&used)
            .map(|e| {
                let mut f = Finding {
                    rule: &UNUSED_BASELINE_ENTRY,
                    level: Level::Warn,
                    message: format!(
                        "baseline entry for `{}` on `{}` matches no finding",
                        e.rule, e.item
                    ),
                    location: Some(self.location_of(e)),
                    item: ItemPath::file(&self.path, &format!("{}:{}", e.rule, e.item)),
                    notes: vec!["the problem was fixed or the item renamed".to_string()],
                    fix: None,
                };
                f.fix("remove the entry, or regenerate the baseline with `--write-baseline`");
                f
            })
            .collect()
    }

    fn location_of(&self, e: &Entry) -> Location {
        let needle = serde_json::to_string(&e.item).unwrap_or_default();
        let offset = self
            .text
            .match_indices(&needle)
            .map(|(i, _)| i)
            .find(|&i| {
                let line_start = self.text[..i].rfind('\n').map_or(0, |n| n + 1);
                let line_end = self.text[i..].find('\n').map_or(self.text.len(), |n| i + n);
                self.text[line_start..line_end].contains(&format!("\"{}\"", e.rule))
            })
            .unwrap_or(0);
        let file = crate::workspace::SourceFile::new(self.path.clone(), self.text.clone());
        file.location(offset..offset + needle.len())
    }
}
