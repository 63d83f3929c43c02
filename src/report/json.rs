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
use crate::lint::{Finding, Fix, rule};
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

/// Writes the report to `out`, a finding at a time: a large report never sits in memory
/// whole.
///
/// The findings, which are nearly all of a report, are written by hand in exactly the
/// layout of `serde_json::to_writer_pretty` (a test holds the two byte-identical): through
/// serde, a few hundred findings cost more than linting them.
pub fn write(
    findings: &[Finding],
    failures: &[LoadError],
    out: &mut (impl std::io::Write + ?Sized),
) -> std::io::Result<()> {
    let load_errors = load_errors(failures);
    let tool = Tool {
        name: "witlint",
        version: env!("CARGO_PKG_VERSION"),
    };
    let summary = JsonSummary {
        levels: Summary::of(findings),
        load_errors: load_errors.len(),
    };
    let mut buf = Vec::with_capacity(1 << 12);
    buf.extend_from_slice(b"{\n  \"version\": 1,\n  \"tool\": ");
    nested(&mut buf, &tool, 1);
    buf.extend_from_slice(b",\n  \"findings\": [");
    for (i, f) in findings.iter().enumerate() {
        buf.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        write_finding(&mut buf, f);
        out.write_all(&buf)?;
        buf.clear();
    }
    if !findings.is_empty() {
        buf.extend_from_slice(b"\n  ");
    }
    buf.extend_from_slice(b"],\n  \"load_errors\": ");
    nested(&mut buf, &load_errors, 1);
    buf.extend_from_slice(b",\n  \"summary\": ");
    nested(&mut buf, &summary, 1);
    buf.extend_from_slice(b"\n}\n");
    out.write_all(&buf)
}

/// `,` and `"name": ` on a line of its own, at the depth of a finding's fields.
macro_rules! field {
    ($buf:expr, $name:literal) => {
        $buf.extend_from_slice(concat!(",\n      \"", $name, "\": ").as_bytes())
    };
}

/// One finding, an object at depth 2 of the report.
fn write_finding(buf: &mut Vec<u8>, f: &Finding) {
    let number = |buf: &mut Vec<u8>, n: Option<usize>| match n {
        Some(n) => buf.extend_from_slice(itoa::Buffer::new().format(n).as_bytes()),
        None => buf.extend_from_slice(b"null"),
    };
    let loc = f.location.as_ref();
    buf.extend_from_slice(b"    {\n      \"rule\": ");
    string(buf, f.rule);
    field!(buf, "level");
    string(buf, f.level.as_str());
    field!(buf, "category");
    string(buf, rule(f.rule).map_or("style", |r| r.category.as_str()));
    field!(buf, "message");
    string(buf, &f.message);
    field!(buf, "file");
    match loc {
        Some(l) => string(buf, &l.file),
        None => buf.extend_from_slice(b"null"),
    }
    field!(buf, "line");
    number(buf, loc.map(|l| l.line));
    field!(buf, "column");
    number(buf, loc.map(|l| l.column));
    field!(buf, "end_line");
    number(buf, loc.map(|l| l.end_line));
    field!(buf, "end_column");
    number(buf, loc.map(|l| l.end_column));
    field!(buf, "item");
    string(buf, f.item.as_str());
    field!(buf, "notes");
    buf.push(b'[');
    for (i, note) in f.notes.iter().enumerate() {
        buf.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        buf.extend_from_slice(b"        ");
        string(buf, note);
    }
    if !f.notes.is_empty() {
        buf.extend_from_slice(b"\n      ");
    }
    buf.push(b']');
    field!(buf, "fix");
    match &f.fix {
        Some(Fix {
            message,
            edit: None,
        }) => {
            buf.extend_from_slice(b"{\n        \"message\": ");
            string(buf, message);
            buf.extend_from_slice(b",\n        \"edit\": null\n      }");
        }
        Some(fix) => nested(buf, fix, 3),
        None => buf.extend_from_slice(b"null"),
    }
    buf.extend_from_slice(b"\n    }");
}

/// A JSON string. Text with nothing to escape (nearly all of it) is copied as is;
/// the rest is escaped by serde_json.
fn string(buf: &mut Vec<u8>, s: &str) {
    // A fold without early exit, so the compiler checks many bytes per instruction.
    let needs_escape = s.bytes().fold(false, |any, b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if needs_escape {
        serde_json::to_writer(&mut *buf, s).expect("writing to a Vec cannot fail");
    } else {
        buf.reserve(s.len() + 2);
        buf.push(b'"');
        buf.extend_from_slice(s.as_bytes());
        buf.push(b'"');
    }
}

/// A value pretty-printed by serde_json as it appears at `depth` in the report: its
/// lines after the first indented by two spaces per level (JSON strings hold no raw
/// line breaks, so every `\n` is between tokens).
fn nested(buf: &mut Vec<u8>, value: &impl Serialize, depth: usize) {
    let text = serde_json::to_vec_pretty(value).expect("report values serialize");
    for (i, line) in text.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            buf.push(b'\n');
            buf.resize(buf.len() + 2 * depth, b' ');
        }
        buf.extend_from_slice(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::Level;
    use crate::lint::finding::Edit;

    /// The report as serde_json writes it from derived structs: the reference that
    /// [`write`] must match byte for byte.
    #[derive(Serialize)]
    struct Report<'a> {
        version: u32,
        tool: Tool,
        findings: Vec<Reference<'a>>,
        load_errors: Vec<JsonLoadError<'a>>,
        summary: JsonSummary,
    }

    #[derive(Serialize)]
    struct Reference<'a> {
        rule: &'a str,
        level: Level,
        category: &'static str,
        message: &'a str,
        #[serde(flatten)]
        position: Position<'a>,
        item: &'a str,
        notes: &'a [String],
        fix: Option<&'a Fix>,
    }

    fn reference(findings: &[Finding], failures: &[LoadError]) -> String {
        let load_errors = load_errors(failures);
        let report = Report {
            version: 1,
            tool: Tool {
                name: "witlint",
                version: env!("CARGO_PKG_VERSION"),
            },
            findings: findings
                .iter()
                .map(|f| Reference {
                    rule: f.rule,
                    level: f.level,
                    category: rule(f.rule).map_or("style", |r| r.category.as_str()),
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
        serde_json::to_string_pretty(&report).unwrap() + "\n"
    }

    fn written(findings: &[Finding], failures: &[LoadError]) -> String {
        let mut out = Vec::new();
        write(findings, failures, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn location(file: &str) -> Location {
        Location {
            file: file.into(),
            line: 3,
            column: 7,
            end_line: 4,
            end_column: 1,
            bytes: 10..20,
        }
    }

    fn finding(message: &str, notes: &[&str], fix: Option<Fix>) -> Finding {
        Finding {
            rule: "missing-docs",
            level: Level::Warn,
            message: message.into(),
            location: Some(location("wit/a \"b\".wit")),
            item: "wasi:x/y@0.1.0#t".to_string().into(),
            notes: notes.iter().map(|n| n.to_string()).collect(),
            fix,
        }
    }

    #[test]
    fn empty_report_matches_serde() {
        assert_eq!(written(&[], &[]), reference(&[], &[]));
    }

    #[test]
    fn findings_match_serde_byte_for_byte() {
        let plain = Fix {
            message: "add `///` docs".into(),
            edit: None,
        };
        let with_edit = Fix {
            message: "rename".into(),
            edit: Some(Box::new(Edit {
                location: location("wit/x.wit"),
                replacement: "f64\n".into(),
            })),
        };
        let mut unlocated = finding("no source", &[], None);
        unlocated.location = None;
        unlocated.rule = "not-a-rule";
        let findings = [
            finding("plain text", &[], Some(plain)),
            finding(
                "quote \" backslash \\ tab \t nul \0 é ✓",
                &["one", "two\n"],
                None,
            ),
            finding("edit", &["x"], Some(with_edit)),
            unlocated,
        ];
        assert_eq!(written(&findings, &[]), reference(&findings, &[]));
    }
}
