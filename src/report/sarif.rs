//! SARIF 2.1.0 for GitHub code scanning, built with serde-sarif's types.
//!
//! Rules carry their full explanation as `help`; results carry a `partialFingerprints`
//! entry derived from rule id + ItemPath, so code scanning tracks a finding across edits.

use std::collections::BTreeMap;

use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, Region,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif,
    Tool, ToolComponent,
};

use crate::lint::{Finding, Level, rules::ALL};

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
    for b in f.rule.bytes().chain([0]).chain(f.item.as_str().bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn rules() -> Vec<ReportingDescriptor> {
    ALL.iter()
        .map(|r| {
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
                        .text(r.explanation.to_string())
                        .markdown(r.explanation.to_string())
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

fn result(f: &Finding) -> SarifResult {
    let mut text = f.message.clone();
    if let Some(fix) = &f.fix {
        text.push_str(&format!(" (help: {})", fix.message));
    }
    let rule_index = ALL.iter().position(|r| r.id == f.rule).map(|i| i as i64);
    let location = f.location.as_ref().map(|l| {
        Location::builder()
            .physical_location(
                PhysicalLocation::builder()
                    .artifact_location(
                        ArtifactLocation::builder()
                            .uri(l.file.replace('\\', "/"))
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
    });
    let level = match f.level {
        Level::Error => ResultLevel::Error,
        Level::Warn => ResultLevel::Warning,
        Level::Info => ResultLevel::Note,
    };
    let mut fingerprints = BTreeMap::new();
    fingerprints.insert("witlint/v1".to_string(), fingerprint(f));
    let b = SarifResult::builder()
        .rule_id(f.rule.to_string())
        .level(level)
        .message(Message::builder().text(text).build())
        .partial_fingerprints(fingerprints);
    let mut r = match location {
        Some(loc) => b.locations(vec![loc]).build(),
        None => b.build(),
    };
    r.rule_index = rule_index;
    r
}

pub fn render(findings: &[Finding]) -> String {
    let driver = ToolComponent::builder()
        .name("witlint".to_string())
        .version(env!("CARGO_PKG_VERSION").to_string())
        .information_uri("https://github.com/witlint/witlint".to_string())
        .rules(rules())
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(findings.iter().map(result).collect::<Vec<_>>())
        .column_kind(serde_json::Value::from("unicodeCodePoints"))
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
