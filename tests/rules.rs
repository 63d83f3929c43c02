//! Every rule has fixtures under tests/fixtures/rules/<rule-id>/: cases named `fire*` must
//! make the rule report, cases named `quiet*` must not. A case is a `.wit` file or a folder
//! (with deps/, manifests, a witlint.toml or a `baseline.json` as it needs). A folder with
//! an `inputs.txt` is checked as the inputs it lists, one per line, in one call. Cases run
//! under the `wasi` preset, where every rule is on; cases named `fire-auto-*` and
//! `quiet-auto-*` run under the default `auto` preset, for what a rule leaves alone there.
//!
//! What each rule reports on its fire cases is a snapshot (tests/snapshots/rules__<id>.snap),
//! so a change of location or wording is reviewed, not just a change of count.

mod common;

use std::path::Path;

use common::{fixtures, witlint};

/// Every rule id, from the binary's own catalogue.
fn rule_ids() -> Vec<String> {
    let out = witlint()
        .args(["rules", "--format", "json"])
        .output()
        .expect("runs");
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).expect("rules JSON");
    rules
        .as_array()
        .expect("a list")
        .iter()
        .map(|r| r["id"].as_str().expect("id").to_string())
        .collect()
}

fn cases(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("fire") || n.starts_with("quiet"))
        .collect();
    names.sort();
    names
}

/// What `rule` reports on one case (findings and load errors with its id), one line each.
fn reports(rule_dir: &Path, case: &str, rule: &str) -> Vec<String> {
    let mut cmd = witlint();
    let preset = if case.starts_with("fire-auto") || case.starts_with("quiet-auto") {
        "auto"
    } else {
        "wasi"
    };
    cmd.current_dir(rule_dir)
        .args(["check", "--format", "json", "--preset", preset]);
    match std::fs::read_to_string(rule_dir.join(case).join("inputs.txt")) {
        Ok(list) => cmd.args(list.lines().filter(|l| !l.trim().is_empty())),
        Err(_) => cmd.arg(case),
    };
    let baseline = rule_dir.join(case).join("baseline.json");
    if baseline.is_file() {
        cmd.arg("--baseline").arg(format!("{case}/baseline.json"));
    }
    let out = cmd.output().expect("runs");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{rule}/{case}: not JSON ({e})\nstderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let code = out.status.code().expect("exit code");
    let field = |f: &serde_json::Value, k: &str| f[k].as_u64().unwrap_or(0);
    let line = |f: &serde_json::Value, level: &str| {
        let mut s = format!(
            "{}:{}:{} {level}: {}",
            f["file"].as_str().unwrap_or("-"),
            field(f, "line"),
            field(f, "column"),
            f["message"].as_str().expect("message")
        );
        for n in f["notes"].as_array().into_iter().flatten() {
            s.push_str(&format!("\n    note: {}", n.as_str().expect("note")));
        }
        let help = f["fix"]["message"].as_str().or(f["hint"].as_str());
        if let Some(h) = help {
            s.push_str(&format!("\n    help: {h}"));
        }
        s
    };
    let mut lines: Vec<String> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| line(f, f["level"].as_str().expect("level")))
        .collect();
    lines.extend(
        report["load_errors"]
            .as_array()
            .expect("load_errors")
            .iter()
            .filter(|f| f["code"] == rule)
            .map(|f| line(f, "load error")),
    );
    if code == 2 && lines.is_empty() {
        panic!(
            "{rule}/{case} failed to load for another reason:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    lines
}

#[test]
fn every_rule_fires_on_its_fire_fixtures_and_stays_quiet_on_the_others() {
    let root = fixtures().join("rules");
    let ids = rule_ids();
    let mut failures = Vec::new();
    for id in &ids {
        let dir = root.join(id);
        let cases = if dir.is_dir() {
            cases(&dir)
        } else {
            Vec::new()
        };
        if !cases.iter().any(|c| c.starts_with("fire"))
            || !cases.iter().any(|c| c.starts_with("quiet"))
        {
            failures.push(format!(
                "{id}: needs at least one fire* and one quiet* case"
            ));
            continue;
        }
        let mut snapshot = String::new();
        for case in &cases {
            let got = reports(&dir, case, id);
            let fire = case.starts_with("fire");
            if fire && got.is_empty() {
                failures.push(format!("{id}/{case}: reports nothing"));
            }
            if !fire && !got.is_empty() {
                failures.push(format!("{id}/{case}: reports\n  {}", got.join("\n  ")));
            }
            snapshot.push_str(&format!("== {case}\n"));
            for l in &got {
                snapshot.push_str(l);
                snapshot.push('\n');
            }
        }
        insta::assert_snapshot!(id.as_str(), snapshot);
    }
    // A fixture folder for a rule that no longer exists is a leftover.
    for entry in std::fs::read_dir(&root).expect("fixtures/rules") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if !ids.contains(&name) {
            failures.push(format!("{name}: fixtures for an unknown rule"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
