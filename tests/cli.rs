//! The command line: exit codes, formats, config, baselines.

mod common;

use common::{check_json, corpus, findings_of, witlint};
use predicates::prelude::*;

#[test]
fn bundled_world_is_clean_with_its_wasi_preset() {
    witlint()
        .arg("check")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no findings"));
}

#[test]
fn cloud_core_is_linted_despite_its_broken_sql_dependency() {
    let input = corpus().join("WebAssembly__wasi-cloud-core/wit");
    let (code, report) = check_json(&[input.to_str().unwrap()]);
    assert_eq!(code, 1, "the broken dependency is an error-level finding");
    let failed = findings_of(&report, "dep-load-failed");
    assert_eq!(failed.len(), 1, "{report:#}");
    // deps.toml vendors it: the finding is at that entry, in a file the user owns, and
    // the place wit-parser fails on is a note; no edit goes into upstream's copy.
    let f = failed[0];
    assert!(
        f["file"].as_str().unwrap().ends_with("wit/deps.toml"),
        "{f:#}"
    );
    assert_eq!(f["line"], 5);
    let notes = f["notes"].to_string();
    assert!(notes.contains("deps/sql/types.wit:14:15"), "{notes}");
    assert!(f["fix"]["edit"].is_null(), "{f:#}");
    // Nothing uses it: one finding says so and says to remove it.
    assert!(
        notes.contains("nothing in the workspace uses it"),
        "{notes}"
    );
    assert!(
        f["fix"]["message"]
            .as_str()
            .unwrap()
            .starts_with("remove it from"),
        "{f:#}"
    );
    // With --lint-deps the vendored copy is the user's to fix: located there, with the edit.
    let (_, with_deps) = check_json(&["--lint-deps", input.to_str().unwrap()]);
    let f = findings_of(&with_deps, "dep-load-failed")[0];
    assert!(f["file"].as_str().unwrap().ends_with("deps/sql/types.wit"));
    assert_eq!(f["line"], 14);
    assert_eq!(f["column"], 15);
    assert_eq!(f["fix"]["edit"]["replacement"], "f64");
    // The root package itself was checked: its dropped include docs are reported.
    assert_eq!(findings_of(&report, "doc-comment-dropped").len(), 7);
    // One problem, one finding: deps-out-of-sync does not repeat that sql is unused.
    let unused = findings_of(&report, "deps-out-of-sync");
    assert!(
        !unused
            .iter()
            .any(|f| f["message"].as_str().unwrap().contains("deps/sql")),
        "{unused:#?}"
    );
}

#[test]
fn unloadable_root_exits_2_with_a_located_message() {
    let input = corpus().join("WebAssembly__wasi-sql/wit");
    witlint()
        .arg("check")
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error[wit-parse]: type `float64` does not exist",
        ))
        .stderr(predicate::str::is_match(r"--> .*types\.wit:\d+:\d+").unwrap())
        .stderr(predicate::str::contains(
            "help: `float64` was renamed to `f64`",
        ));
}

#[test]
fn missing_input_exits_2() {
    witlint()
        .args(["check", "no/such/dir"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read `no/such/dir`"));
}

#[test]
fn fail_level_decides_exit_code() {
    let input = corpus().join("WebAssembly__wasi-keyvalue/wit");
    let input = input.to_str().unwrap();
    witlint().args(["check", input]).assert().code(0);
    witlint()
        .args(["check", "--fail-level", "warn", input])
        .assert()
        .code(1);
    witlint()
        .args(["check", "--preset", "wasi", input])
        .assert()
        .code(1);
    witlint()
        .args(["check", "--preset", "wasi", "--fail-level", "never", input])
        .assert()
        .code(0);
}

#[test]
fn rules_and_explain() {
    witlint()
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("gate-missing"))
        .stdout(predicate::str::contains("unused-use"));
    let out = witlint()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    // The catalogue the check issue asks for; more rules may follow.
    for id in [
        "package-version-missing",
        "since-exceeds-package-version",
        "deprecated-exceeds-package-version",
        "deprecated-before-since",
        "gate-missing",
        "gate-weaker-than-container",
        "stable-references-unstable",
        "unstable-feature-prefix",
        "dep-version-mismatch",
        "stable-depends-on-prerelease",
        "deps-manifest-unpinned",
        "deps-out-of-sync",
        "result-error-undocumented",
        "error-case-undocumented",
        "error-doc-unknown-case",
        "error-doc-rust-syntax",
        "error-type-untyped",
        "error-variant-no-catch-all",
        "missing-docs",
        "doc-comment-style",
        "doc-comment-dropped",
        "template-leftover",
        "unused-use",
    ] {
        assert!(ids.contains(&id), "rule {id} is missing");
    }
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "rule ids are unique");
    witlint()
        .args(["explain", "doc-comment-dropped"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("# doc-comment-dropped"))
        .stdout(predicate::str::contains("Use instead"));
    witlint()
        .args(["explain", "gate"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean"));
}

#[test]
fn every_rule_documents_what_it_leaves_alone_and_a_bad_and_a_good_example() {
    let out = witlint()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for r in rules.as_array().unwrap() {
        let id = r["id"].as_str().unwrap();
        let page = witlint().args(["explain", id]).output().unwrap();
        let text = String::from_utf8(page.stdout).unwrap();
        for section in [
            "## What it checks",
            "## What it leaves alone",
            "## Why",
            "## Example",
            "Use instead",
            "## Convention",
        ] {
            assert!(text.contains(section), "`{id}` lacks {section}");
        }
    }
}

#[test]
fn github_format_escapes_and_locates() {
    let input = corpus().join("WebAssembly__wasi-config/wit");
    let out = witlint()
        .args(["check", "--format", "github"])
        .arg(&input)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().count() >= 1);
    for line in text.lines() {
        assert!(
            line.starts_with("::warning file=")
                || line.starts_with("::error file=")
                || line.starts_with("::notice file="),
            "{line}"
        );
        assert!(
            line.contains(",line=")
                && line.contains(",col=")
                && line.contains(",title=witlint(")
                && !line.contains('\n')
        );
    }
}

#[test]
fn output_is_byte_identical_across_runs() {
    let input = corpus().join("WebAssembly__wasi-cloud-core/wit");
    let run = || {
        witlint()
            .args(["check", "--format", "json"])
            .arg(&input)
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run(), run());
}

#[test]
fn one_version_with_two_apis_is_reported_across_inputs() {
    let cloud_core = corpus().join("WebAssembly__wasi-cloud-core/wit");
    let messaging = corpus().join("WebAssembly__wasi-messaging/wit");
    let (_, alone) = check_json(&[messaging.to_str().unwrap()]);
    assert!(findings_of(&alone, "package-version-diverges").is_empty());
    let (code, both) = check_json(&[cloud_core.to_str().unwrap(), messaging.to_str().unwrap()]);
    assert_eq!(code, 1);
    let diverges = findings_of(&both, "package-version-diverges");
    assert_eq!(diverges.len(), 1, "{diverges:#?}");
    let f = diverges[0];
    assert!(
        f["file"]
            .as_str()
            .unwrap()
            .ends_with("wasi-messaging/wit/messaging.wit")
    );
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("wasi-cloud-core/wit/deps/messaging/messaging.wit:1:1"),
        "{f:#}"
    );
    let notes: Vec<&str> = f["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("`producer.send`: `func(c: borrow<client>")),
        "{notes:#?}"
    );
}

#[test]
fn pre_0_2_default_interface_gets_a_hint() {
    let input = corpus().join("WebAssembly__wasi-digital-io/wit");
    witlint()
        .arg("check")
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::is_match(r"--> .*example\.wit:18:1").unwrap())
        .stderr(predicate::str::contains("`default` was removed from WIT"));
}

/// One workspace, spelled six ways: the same findings at the same places, and the
/// package-level finding always with its file and line.
#[test]
fn the_same_findings_however_the_input_is_spelled() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("wit");
    std::fs::create_dir_all(dir.join("deps/io")).unwrap();
    std::fs::write(
        dir.join("frob.wit"),
        "/// Frobbing.\npackage wasi:frob@0.2.0;\n\n/// Frobs.\ninterface frob {\n    // a note that becomes docs\n    frob: func();\n}\n\n/// The world.\nworld w {\n    import frob;\n    // the host's pollables\n    import wasi:io/poll@0.2.0;\n    export go: func();\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("deps/io/poll.wit"),
        "package wasi:io@0.2.0;\n\ninterface poll {\n    resource pollable;\n}\n",
    )
    .unwrap();
    // (rule, file as it would be shown from the input's folder, line, column, item)
    let run = |cwd: &std::path::Path, input: Option<&str>, prefix: &str| {
        let mut cmd = witlint();
        cmd.current_dir(cwd).args(["check", "--format", "json"]);
        cmd.args(input);
        let out = cmd.output().unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut got: Vec<String> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let file = f["file"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{input:?}: no file in {f:#}"));
                let file = file
                    .strip_prefix(prefix)
                    .unwrap_or_else(|| panic!("{input:?}: {file}"));
                format!(
                    "{} {file}:{}:{} {}",
                    f["rule"], f["line"], f["column"], f["item"]
                )
            })
            .collect();
        got.sort();
        got
    };
    let abs = dir.display().to_string();
    let expected = run(&dir, Some("."), "");
    assert!(
        expected
            .iter()
            .any(|f| f.contains("gate-missing") && f.contains("frob.wit:2:1")),
        "{expected:#?}"
    );
    assert!(
        expected
            .iter()
            .any(|f| f.contains("#import(wasi:io/poll@0.2.0)")),
        "world imports are items: {expected:#?}"
    );
    assert_eq!(run(&dir, None, ""), expected, "no argument");
    assert_eq!(run(&dir, Some("./"), ""), expected, "./");
    assert_eq!(
        run(&dir, Some(&format!("{abs}/")), &format!("{abs}/")),
        expected,
        "absolute, trailing /"
    );
    assert_eq!(
        run(&dir, Some(&abs), &format!("{abs}/")),
        expected,
        "absolute"
    );
    assert_eq!(run(tmp.path(), Some("wit/"), "wit/"), expected, "wit/");
    assert_eq!(
        run(tmp.path(), None, "wit/"),
        expected,
        "no argument, ./wit found"
    );
}

/// Two rules never report one problem: a broken dependency nothing uses is one finding,
/// an undocumented error case is error-case-undocumented's alone.
#[test]
fn one_problem_one_finding() {
    for entry in ["WebAssembly__wasi-http", "WebAssembly__wasi-cloud-core"] {
        let input = corpus().join(entry).join("wit");
        let (_, report) = check_json(&["--preset", "wasi", input.to_str().unwrap()]);
        let mut seen = std::collections::HashMap::new();
        for f in report["findings"].as_array().unwrap() {
            let place = (
                f["file"].to_string(),
                f["line"].to_string(),
                f["item"].to_string(),
            );
            let rule = f["rule"].as_str().unwrap();
            if let Some(other) = seen.insert(place.clone(), rule) {
                let pair = [other, rule];
                for same in [
                    ["error-case-undocumented", "missing-docs"],
                    ["dep-load-failed", "deps-out-of-sync"],
                ] {
                    assert!(
                        !(pair == same || pair == [same[1], same[0]]),
                        "{entry}: {place:?} reported by {other} and {rule}"
                    );
                }
            }
        }
        let cases = findings_of(&report, "error-case-undocumented");
        assert!(
            entry.ends_with("cloud-core") || !cases.is_empty(),
            "{entry}"
        );
    }
}

/// A folder of package folders (obelisk's `wit/`) is no package: the error says what it
/// holds and which input to give instead.
#[test]
fn a_library_of_package_folders_gets_a_hint() {
    witlint()
        .arg("check")
        .arg(corpus().join("obeli-sk__obelisk/wit"))
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("package folders: obelisk_log@1.0.0")
                .and(predicate::str::contains("witlint check"))
                .and(predicate::str::contains("--> ")),
        );
}

/// Outside any WIT project (after `cargo install`), the commands work on the built-in
/// reference world and say so.
#[test]
fn outside_a_wit_project_check_diff_and_build_refuse_and_the_builtin_is_asked_for_by_name() {
    let dir = tempfile::tempdir().unwrap();
    // A CI step in the wrong folder must not pass.
    for (command, args) in [
        ("check", &["check"][..]),
        ("diff", &["diff", "--against", "HEAD"][..]),
        ("build", &["build"][..]),
    ] {
        witlint()
            .current_dir(dir.path())
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("no WIT here"))
            .stderr(predicate::str::contains(format!(
                "`witlint {command} path/to/wit`, or `witlint {command} builtin:wit`"
            )));
    }
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing written"
    );
    // By name, the built-in reference world is checked.
    witlint()
        .current_dir(dir.path())
        .args(["check", "builtin:wit"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no findings in 1 input"));
    // `docs` and `scaffold` show or start from a world: they fall back to it, and say so.
    let run = |args: &[&str]| {
        witlint()
            .current_dir(dir.path())
            .args(args)
            .assert()
            .success()
            .stderr(predicate::str::contains(
                "using the built-in reference world `wasi:cloud-core@0.2.0-draft2`",
            ))
    };
    run(&["docs", "--single", "ref.md"]);
    assert!(
        std::fs::read_to_string(dir.path().join("ref.md"))
            .unwrap()
            .contains("# World `wasi:cloud-core/imports@0.2.0-draft2`")
    );
    run(&[
        "scaffold",
        "host",
        "wasi:keyvalue/imports",
        "--name",
        "redis-keyvalue",
        "--out",
        "backends",
    ]);
    assert!(
        dir.path()
            .join("backends/redis-keyvalue/wit/store.wit")
            .is_file()
    );
}

/// A missing `;` or `{` is reported as missing, with where it goes: after what comes
/// before, not "WIT allows only ASCII identifiers".
#[test]
fn a_missing_token_says_where_it_goes() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, wanted, after) in [
        (
            "semi.wit",
            "package ex:a@0.1.0;\ninterface i {\n    f: func()\n    g: func();\n}\n",
            "`;`",
            "semi.wit:3:13",
        ),
        (
            "brace.wit",
            "package ex:a@0.1.0;\ninterface i // a note\n    f: func();\n}\n",
            "`{`",
            "brace.wit:2:11",
        ),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
        let out = witlint()
            .current_dir(dir.path())
            .args(["check", name])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains(&format!("a {wanted} is missing: add it after {after}")),
            "{err}"
        );
        assert!(!err.contains("ASCII"), "{err}");
    }
}

/// A file named without a folder (`witlint check api.wit`) is configured by the
/// witlint.toml of the current folder, as `witlint check .` is.
#[test]
fn a_bare_file_name_finds_the_config_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("api.wit"),
        "package a:b@1.0.0;   \n\n/// I.\ninterface i {\n    /// F.\n    f: func();\n}\n",
    )
    .unwrap();
    let findings = |args: &[&str]| {
        let out = witlint()
            .current_dir(dir.path())
            .args(["check", "--format", "json", "--fail-level", "never"])
            .args(args)
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        findings_of(&report, "trailing-whitespace").len()
    };
    // Only the `wasi` preset checks whitespace.
    assert_eq!(findings(&["api.wit"]), 0);
    std::fs::write(dir.path().join("witlint.toml"), "preset = \"wasi\"\n").unwrap();
    assert_eq!(findings(&["api.wit"]), 1);
    assert_eq!(findings(&["."]), 1);
}
