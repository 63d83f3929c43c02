//! GitHub Actions workflow commands: one `::error file=…,line=…::message` line per finding.

use crate::lint::{Finding, Level};
use crate::workspace::{LoadError, Location};

/// Escapes the message part of a workflow command (control characters first: a log
/// shows them, and ESC or CR would act on it).
fn escape_data(s: &str) -> String {
    super::escape_controls(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`), where `:` and `,` are separators too.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command line.
fn command(
    command: &str,
    location: Option<&Location>,
    code: &str,
    message: &str,
    notes: &[String],
    help: Option<&str>,
) -> String {
    let mut props = Vec::new();
    if let Some(l) = location {
        props.push(format!("file={}", escape_property(&l.file)));
        props.push(format!("line={}", l.line));
        props.push(format!("col={}", l.column));
        props.push(format!("endLine={}", l.end_line));
        props.push(format!("endColumn={}", l.end_column));
    }
    props.push(format!(
        "title={}",
        escape_property(&format!("witlint({code})"))
    ));
    let mut text = message.to_string();
    for n in notes {
        text.push_str(&format!("\nnote: {n}"));
    }
    if let Some(help) = help {
        text.push_str(&format!("\nhelp: {help}"));
    }
    format!("::{command} {}::{}\n", props.join(","), escape_data(&text))
}

pub fn render(findings: &[Finding], failures: &[LoadError]) -> String {
    let mut out = String::new();
    for d in failures.iter().flat_map(|f| &f.diagnostics) {
        out.push_str(&command(
            "error",
            d.location.as_ref(),
            d.code,
            &d.message,
            &d.notes,
            d.hint.as_deref(),
        ));
    }
    for f in findings {
        let level = match f.level {
            Level::Error => "error",
            Level::Warn => "warning",
            Level::Info => "notice",
        };
        out.push_str(&command(
            level,
            f.location.as_ref(),
            f.rule.id,
            &f.message,
            &f.notes,
            f.fix.as_ref().map(|x| x.message.as_ref()),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_per_the_workflow_command_rules() {
        assert_eq!(escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
