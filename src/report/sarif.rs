//! SARIF 2.1.0 for GitHub code scanning, built with serde-sarif's types.
//!
//! Rules carry their full explanation as `help`; results carry a `partialFingerprints`
//! entry derived from rule id + ItemPath, so code scanning tracks a finding across edits.

use std::collections::BTreeMap;

use serde_sarif::sarif::{
    ArtifactLocation, Invocation, Location, Message, MultiformatMessageString, Notification,
    PhysicalLocation, Region, ReportingConfiguration, ReportingDescriptor,
    ReportingDescriptorReference, Result as SarifResult, ResultLevel, Run, Sarif, Tool,
    ToolComponent,
};

use crate::lint::rules::UNUSED_BASELINE_ENTRY;
use crate::lint::{Finding, Level, Rule};
use crate::workspace::{LoadDiagnostic, LoadError, Location as SourceLocation};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn sarif_level(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warn => "warning",
        Level::Info => "note",
    }
}

/// A stable fingerprint: FNV-1a of rule id and item path, as hex.
fn fingerprint(f: &Finding) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in f.rule.id.bytes().chain([0]).chain(f.item.as_str().bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn descriptors(rules: &[&Rule]) -> Vec<ReportingDescriptor> {
    rules
        .iter()
        .map(|r| {
            // A change kind's help says first whom it breaks.
            let help = match crate::diff::kinds::facts(r) {
                Some(facts) => format!("{facts}\n\n{}", r.explanation),
                None => r.explanation.to_string(),
            };
            ReportingDescriptor::builder()
                .id(r.id.to_string())
                .name(r.id.to_string())
                .short_description(
                    MultiformatMessageString::builder()
                        .text(r.summary.to_string())
                        .build(),
                )
                .help(
                    MultiformatMessageString::builder()
                        .text(help.clone())
                        .markdown(help)
                        .build(),
                )
                .default_configuration(
                    ReportingConfiguration::builder()
                        .level(serde_json::Value::from(sarif_level(r.level)))
                        .build(),
                )
                .build()
        })
        .collect()
}

/// A relative path stays relative (code scanning resolves it against the checkout); an
/// absolute one is made relative to the working folder if it is inside it, else a `file:` URI.
fn artifact_uri(file: &str) -> String {
    let path = std::path::Path::new(file);
    if !path.is_absolute() {
        return file.replace('\\', "/");
    }
    if let Ok(cwd) = std::env::current_dir()
        && let Ok(rel) = path.strip_prefix(&cwd)
    {
        return rel.to_string_lossy().replace('\\', "/");
    }
    let slashed = file.replace('\\', "/");
    if slashed.starts_with('/') {
        format!("file://{slashed}")
    } else {
        format!("file:///{slashed}")
    }
}

fn location(l: &SourceLocation) -> Location {
    Location::builder()
        .physical_location(
            PhysicalLocation::builder()
                .artifact_location(
                    ArtifactLocation::builder()
                        .uri(artifact_uri(&l.file))
                        .build(),
                )
                .region(
                    Region::builder()
                        .start_line(l.line as i64)
                        .start_column(l.column as i64)
                        .end_line(l.end_line as i64)
                        .end_column(l.end_column as i64)
                        .build(),
                )
                .build(),
        )
        .build()
}

/// An input that could not be loaded: the run did not succeed, and says where and why.
fn notification(input: &str, d: &LoadDiagnostic) -> Notification {
    let mut text = format!("{input}: {}", d.message);
    if let Some(h) = &d.hint {
        text.push_str(&format!(" (help: {h})"));
    }
    let b = Notification::builder()
        .level(serde_json::Value::from("error"))
        .message(Message::builder().text(text).build())
        .descriptor(
            ReportingDescriptorReference::builder()
                .id(d.code.to_string())
                .build(),
        );
    match &d.location {
        Some(l) => b.locations(vec![location(l)]).build(),
        None => b.build(),
    }
}

fn invocation(failures: &[LoadError]) -> Invocation {
    let notes: Vec<Notification> = failures
        .iter()
        .flat_map(|f| f.diagnostics.iter().map(|d| notification(&f.input, d)))
        .collect();
    let b = Invocation::builder().execution_successful(notes.is_empty());
    if notes.is_empty() {
        b.build()
    } else {
        b.tool_execution_notifications(notes).build()
    }
}

fn result(f: &Finding, rules: &[&Rule]) -> SarifResult {
    let mut text = f.message.clone();
    if let Some(fix) = &f.fix {
        text.push_str(&format!(" (help: {})", fix.message));
    }
    let rule_index = rules
        .iter()
        .position(|r| r.id == f.rule.id)
        .map(|i| i as i64);
    let location = f.location.as_ref().map(location);
    let level = match f.level {
        Level::Error => ResultLevel::Error,
        Level::Warn => ResultLevel::Warning,
        Level::Info => ResultLevel::Note,
    };
    let mut fingerprints = BTreeMap::new();
    fingerprints.insert("witlint/v1".to_string(), fingerprint(f));
    // Whether `--fix` applies the finding's fix (`safe`), only `--unsafe-fixes` does, or
    // it is a suggestion (`display-only`).
    let properties = f.fix.as_ref().map(|fix| {
        serde_sarif::sarif::PropertyBag::builder()
            .additional_properties(BTreeMap::from([(
                "applicability".to_string(),
                serde_json::Value::from(fix.applicability.as_str()),
            )]))
            .build()
    });
    let b = SarifResult::builder()
        .rule_id(f.rule.id.to_string())
        .level(level)
        .message(Message::builder().text(text).build())
        .partial_fingerprints(fingerprints);
    let mut r = match location {
        Some(loc) => b.locations(vec![loc]).build(),
        None => b.build(),
    };
    r.rule_index = rule_index;
    r.properties = properties;
    r
}

/// The report of a run whose findings come from `rules` (`rules::all()` for `check`, the
/// change kinds for `diff`): the tool lists them with their help.
pub fn render<'r>(
    findings: &[Finding],
    rules: impl IntoIterator<Item = &'r Rule>,
    failures: &[LoadError],
) -> String {
    let mut rules: Vec<&Rule> = rules.into_iter().collect();
    // A baseline's stale entries report under their own rule.
    if findings.iter().any(|f| f.rule == &UNUSED_BASELINE_ENTRY)
        && !rules.iter().any(|r| r.id == UNUSED_BASELINE_ENTRY.id)
    {
        rules.push(&UNUSED_BASELINE_ENTRY);
    }
    let driver = ToolComponent::builder()
        .name("witlint".to_string())
        .version(env!("CARGO_PKG_VERSION").to_string())
        .information_uri("https://github.com/witlint/witlint".to_string())
        .rules(descriptors(&rules))
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(
            findings
                .iter()
                .map(|f| result(f, &rules))
                .collect::<Vec<_>>(),
        )
        .column_kind(serde_json::Value::from("unicodeCodePoints"))
        .invocations(vec![invocation(failures)])
        .build();
    let sarif = Sarif::builder()
        .schema(SCHEMA.to_string())
        .version(serde_json::Value::from("2.1.0"))
        .runs(vec![run])
        .build();
    let mut s = serde_json::to_string_pretty(&sarif).expect("sarif serializes");
    s.push('\n');
    s
}
