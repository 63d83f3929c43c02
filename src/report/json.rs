//! The JSON report: a stable, documented schema (see the README).
//!
//! ```json
//! { "version": 1, "tool": {"name": "witlint", "version": "…"},
//!   "findings": [ { "rule", "level", "category", "message", "file", "line", "column",
//!                   "end_line", "end_column", "item", "notes", "fix" } ],
//!   "load_errors": [ { "input", "code", "message", "file", "line", "column",
//!                      "end_line", "end_column", "hint", "notes" } ],
//!   "summary": { "error": 0, "warn": 0, "info": 0, "load_errors": 0 } }
//! ```

use serde::Serialize;

use super::Summary;
use crate::lint::{Finding, Fix};
use crate::workspace::{LoadError, Location};

#[derive(Serialize)]
struct JsonSummary {
    #[serde(flatten)]
    levels: Summary,
    load_errors: usize,
}

/// An input that could not be loaded at all (the run exits 2).
#[derive(Serialize)]
struct JsonLoadError<'a> {
    input: &'a str,
    code: &'a str,
    message: &'a str,
    #[serde(flatten)]
    position: Position<'a>,
    hint: Option<&'a str>,
    notes: &'a [String],
}

/// Where a finding or load error points; all `null` without a location.
#[derive(Serialize)]
struct Position<'a> {
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
}

impl<'a> Position<'a> {
    fn of(loc: Option<&'a Location>) -> Self {
        Position {
            file: loc.map(|l| &*l.file),
            line: loc.map(|l| l.line),
            column: loc.map(|l| l.column),
            end_line: loc.map(|l| l.end_line),
            end_column: loc.map(|l| l.end_column),
        }
    }
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

fn load_errors(failures: &[LoadError]) -> Vec<JsonLoadError<'_>> {
    failures
        .iter()
        .flat_map(|f| f.diagnostics.iter().map(move |d| (f.input.as_str(), d)))
        .map(|(input, d)| JsonLoadError {
            input,
            code: d.code,
            message: &d.message,
            position: Position::of(d.location.as_ref()),
            hint: d.hint.as_deref(),
            notes: &d.notes,
        })
        .collect()
}

/// A finding as the report shows it: its fields borrowed, its location spread out.
#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    level: crate::lint::Level,
    category: &'static str,
    message: &'a str,
    #[serde(flatten)]
    position: Position<'a>,
    item: &'a str,
    notes: &'a [String],
    fix: Option<&'a Fix>,
}

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    tool: Tool,
    findings: Vec<JsonFinding<'a>>,
    load_errors: Vec<JsonLoadError<'a>>,
    summary: JsonSummary,
}

/// Writes the report to `out`.
pub fn write(
    findings: &[Finding],
    failures: &[LoadError],
    out: &mut (impl std::io::Write + ?Sized),
) -> std::io::Result<()> {
    let load_errors = load_errors(failures);
    let report = Report {
        version: 1,
        tool: Tool {
            name: "witlint",
            version: env!("CARGO_PKG_VERSION"),
        },
        findings: findings
            .iter()
            .map(|f| JsonFinding {
                rule: f.rule.id,
                level: f.level,
                category: f.rule.category.as_str(),
                message: &f.message,
                position: Position::of(f.location.as_ref()),
                item: f.item.as_str(),
                notes: &f.notes,
                fix: f.fix.as_ref(),
            })
            .collect(),
        summary: JsonSummary {
            levels: Summary::of(findings),
            load_errors: load_errors.len(),
        },
        load_errors,
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    out.write_all(b"\n")
}
