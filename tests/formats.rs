//! Machine-readable outputs and baselines: SARIF against the SARIF 2.1.0 schema, the JSON
//! schema's fields, and a baseline's round trip through edits.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use common::{check_json, corpus, findings_of, fixtures, witlint};
use predicates::prelude::*;

/// The SARIF 2.1.0 schema that serde-sarif ships (the OASIS schema), found through cargo.
fn sarif_schema() -> serde_json::Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Process::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata JSON");
    let manifest = meta["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .find(|p| p["name"] == "serde-sarif")
        .and_then(|p| p["manifest_path"].as_str())
        .expect("serde-sarif is a dependency");
    let schema = Path::new(manifest)
        .parent()
        .unwrap()
        .join("src/schema.json");
    let text = std::fs::read_to_string(&schema).expect("serde-sarif ships its schema");
    let mut schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    // Erratum of the published schema: the `language` patterns of `run` and `toolComponent`
    // have a stray `]`, which a strict validator refuses to compile. witlint writes no
    // `language`.
    for def in ["run", "toolComponent"] {
        let language = &mut schema["definitions"][def]["properties"]["language"];
        assert!(
            language["pattern"].is_string(),
            "the erratum is still in {def}"
        );
        language.as_object_mut().unwrap().remove("pattern");
    }
    schema
}

/// The SARIF of a command (`check`, `diff`) with these arguments.
fn sarif_of(command: &str, args: &[&str]) -> serde_json::Value {
    let out = witlint()
        .args([command, "--format", "sarif"])
        .args(args)
        .output()
        .expect("runs");
    serde_json::from_slice(&out.stdout).expect("SARIF is JSON")
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let validator = jsonschema::validator_for(&sarif_schema()).expect("schema compiles");
    let cloud_core = corpus().join("WebAssembly__wasi-cloud-core/wit");
    let sql = corpus().join("WebAssembly__wasi-sql/wit");
    let removals = fixtures().join("diff/removals");
    let (old, new) = (removals.join("old"), removals.join("new"));
    let cases = [
        ("bundled wit/, no findings", "check", vec![]),
        (
            "cloud-core, findings",
            "check",
            vec![cloud_core.to_str().unwrap()],
        ),
        (
            "wasi-sql, a load error",
            "check",
            vec![sql.to_str().unwrap()],
        ),
        (
            "a diff with a short bump",
            "diff",
            vec![
                "--release",
                "minor",
                old.to_str().unwrap(),
                new.to_str().unwrap(),
            ],
        ),
    ];
    for (what, command, args) in cases {
        let sarif = sarif_of(command, &args);
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
        assert_eq!(sarif["version"], "2.1.0");
        let run = &sarif["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        for result in run["results"].as_array().unwrap() {
            // Code scanning needs the rule, a fingerprint and a relative location.
            let index = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], result["ruleId"], "{what}");
            assert!(result["partialFingerprints"]["witlint/v1"].is_string());
            let loc = &result["locations"][0]["physicalLocation"];
            let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
            assert!(
                uri.starts_with("file:///") || !uri.starts_with('/'),
                "{uri}"
            );
            assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        }
    }
    // A diff lists the change kinds, with their explanations as help.
    let diff = sarif_of("diff", &[old.to_str().unwrap(), new.to_str().unwrap()]);
    let run = &diff["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let removed = rules
        .iter()
        .find(|r| r["id"] == "function-removed")
        .unwrap();
    assert!(
        removed["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("importers")
    );
    assert!(rules.iter().any(|r| r["id"] == "version-bump-insufficient"));
    assert!(!rules.iter().any(|r| r["id"] == "missing-docs"));
    assert_eq!(run["results"].as_array().unwrap().len(), 2);
    let failed = sarif_of("check", &[sql.to_str().unwrap()]);
    let invocation = &failed["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(
        invocation["toolExecutionNotifications"][0]["descriptor"]["id"],
        "wit-parse"
    );
}

#[test]
fn sarif_rules_carry_their_explanation_as_help() {
    let sarif = sarif_of("check", &[]);
    for rule in sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
    {
        let help = rule["help"]["markdown"].as_str().unwrap();
        assert!(help.contains("## What it checks"), "{}", rule["id"]);
        assert!(rule["shortDescription"]["text"].is_string());
    }
}

#[test]
fn json_findings_have_every_documented_field() {
    let input = corpus().join("WebAssembly__wasi-cloud-core/wit");
    // With its deps linted, the broken sql dependency carries an exact edit.
    let (_, report) = check_json(&["--lint-deps", input.to_str().unwrap()]);
    assert_eq!(report["version"], 1);
    let fields = [
        "rule",
        "level",
        "category",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "item",
        "notes",
        "fix",
    ];
    let findings = report["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    let mut fields = fields.to_vec();
    fields.sort_unstable();
    for f in findings {
        let keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, fields, "{f:#}");
    }
    let summary = &report["summary"];
    let errors = findings.iter().filter(|f| f["level"] == "error").count();
    assert_eq!(summary["error"], errors);
    assert_eq!(summary["load_errors"], 0);
    // A fix with an exact edit names the replacement and where it goes.
    let sql = findings_of(&report, "dep-load-failed")[0];
    let edit = &sql["fix"]["edit"];
    assert_eq!(edit["replacement"], "f64");
    assert_eq!(edit["location"]["line"], 14);
    assert_eq!(edit["location"]["column"], 15);
}

#[test]
fn json_reports_inputs_that_fail_to_load() {
    let sql = corpus().join("WebAssembly__wasi-sql/wit");
    let (code, report) = check_json(&[sql.to_str().unwrap()]);
    assert_eq!(code, 2);
    let errors = report["load_errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["code"], "wit-parse");
    assert!(errors[0]["file"].as_str().unwrap().ends_with("types.wit"));
    assert!(errors[0]["hint"].as_str().unwrap().contains("f64"));
    assert_eq!(report["summary"]["load_errors"], 1);
}

/// A copy of a fixture in a fresh folder, so the test can edit it.
fn scratch_copy(fixture: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("wit");
    std::fs::create_dir(&target).unwrap();
    for entry in std::fs::read_dir(fixture).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "wit") {
            std::fs::copy(&path, target.join(path.file_name().unwrap())).unwrap();
        }
    }
    (dir, target)
}

#[test]
fn baseline_round_trip_survives_edits_and_reports_only_new_findings() {
    let (dir, wit) = scratch_copy(&fixtures().join("rules/unused-baseline-entry/fire"));
    // Released metadata declared, so the wasi preset's findings are the docs' alone.
    std::fs::write(
        wit.join("witlint.toml"),
        "[package]\nlicenses = \"MIT\"\nsource = \"https://example.com/frob\"\n",
    )
    .unwrap();
    let baseline = dir.path().join("witlint-baseline.json");
    let wit_arg = wit.to_str().unwrap();
    let baseline_arg = baseline.to_str().unwrap();

    // 1. Record: exit 0 even though there are findings; one entry per line, sorted.
    witlint()
        .args([
            "check",
            "--preset",
            "wasi",
            "--write-baseline",
            baseline_arg,
            wit_arg,
        ])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("recorded 1 findings"));
    let text = std::fs::read_to_string(&baseline).unwrap();
    assert!(
        text.contains(r#"{"rule":"missing-docs","item":"example:frob/frob@0.1.0#unfrob"}"#),
        "{text}"
    );

    // 2. Replay: nothing new.
    let (code, report) = check_json(&["--preset", "wasi", "--baseline", baseline_arg, wit_arg]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["findings"].as_array().unwrap().len(), 0);

    // 3. Edit: lines move, the old finding is fixed, a new one appears.
    let file = wit.join("frob.wit");
    let source = std::fs::read_to_string(&file).unwrap();
    let edited = source
        .replace(
            "/// Frobbing widgets.\n",
            "/// Frobbing widgets,\n/// now on two lines.\n",
        )
        .replace(
            "    @since(version = 0.1.0)\n    unfrob: func();",
            "    /// Undoes `frob`.\n    @since(version = 0.1.0)\n    unfrob: func();\n\n    @since(version = 0.1.0)\n    refrob: func();",
        );
    assert_ne!(source, edited);
    std::fs::write(&file, edited).unwrap();
    let (code, report) = check_json(&["--preset", "wasi", "--baseline", baseline_arg, wit_arg]);
    assert_eq!(code, 1);
    let new = findings_of(&report, "missing-docs");
    assert_eq!(new.len(), 1, "{report:#}");
    assert_eq!(new[0]["item"], "example:frob/frob@0.1.0#refrob");
    let stale = findings_of(&report, "unused-baseline-entry");
    assert_eq!(stale.len(), 1, "{report:#}");
    assert!(stale[0]["message"].as_str().unwrap().contains("#unfrob"));
}

#[test]
fn a_broken_baseline_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    std::fs::write(
        &baseline,
        "{\"version\": 1, \"findings\": [\n  {\"rule\": 3}\n]}\n",
    )
    .unwrap();
    witlint()
        .args(["check", "--baseline", baseline.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("error[baseline]"))
        .stderr(predicate::str::contains("baseline.json:2:"));
}
