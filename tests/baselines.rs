//! Baselines: what one entry hides (a line's finding, not a whole file's), and the
//! baseline witlint.toml names, applied as `--baseline` is.

mod common;

use common::{findings_of, witlint};

/// A finding about a line rather than an item (trailing whitespace) has an identity of its
/// own: a baseline entry for one line hides that line's finding, not the file's others.
#[test]
fn a_baseline_entry_for_a_line_hides_only_that_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("witlint.toml"), "preset = \"wasi\"\n").unwrap();
    let wit = "/// A.\npackage a:b@1.0.0;\n\n/// I.\n@since(version = 1.0.0)\ninterface i {  \n    /// F.\n    @since(version = 1.0.0)\n    f: func();\n}\n";
    std::fs::write(dir.path().join("api.wit"), wit).unwrap();
    let count = |args: &[&str]| {
        let out = witlint()
            .current_dir(dir.path())
            .args(["check", "--format", "json", "--fail-level", "never"])
            .args(args)
            .arg("api.wit")
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        findings_of(&report, "trailing-whitespace").len()
    };
    assert_eq!(count(&[]), 1);
    witlint()
        .current_dir(dir.path())
        .args(["check", "--write-baseline", "baseline.json", "api.wit"])
        .assert()
        .success();
    assert_eq!(count(&["--baseline", "baseline.json"]), 0);
    // A new line with trailing whitespace is reported despite the baseline.
    std::fs::write(
        dir.path().join("api.wit"),
        wit.replace("    f: func();\n", "    f: func();   \n"),
    )
    .unwrap();
    assert_eq!(count(&["--baseline", "baseline.json"]), 1);
}

/// `baseline` in witlint.toml hides what the baseline records, as `--baseline` does; a
/// baseline being written records everything.
#[test]
fn a_baseline_named_in_the_config_is_applied() {
    let dir = tempfile::tempdir().unwrap();
    let wit = "/// A.\npackage a:b@1.0.0;\n\n/// I.\n@since(version = 1.0.0)\ninterface i {  \n    /// F.\n    @since(version = 1.0.0)\n    f: func();\n}\n";
    std::fs::write(dir.path().join("api.wit"), wit).unwrap();
    std::fs::write(dir.path().join("witlint.toml"), "preset = \"wasi\"\n").unwrap();
    let count = || {
        let out = witlint()
            .current_dir(dir.path())
            .args([
                "check",
                "--format",
                "json",
                "--fail-level",
                "never",
                "api.wit",
            ])
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        findings_of(&report, "trailing-whitespace").len()
    };
    assert_eq!(count(), 1);
    witlint()
        .current_dir(dir.path())
        .args(["check", "--write-baseline", "recorded.json", "api.wit"])
        .assert()
        .success();
    std::fs::write(
        dir.path().join("witlint.toml"),
        "preset = \"wasi\"\nbaseline = \"recorded.json\"\n",
    )
    .unwrap();
    assert_eq!(count(), 0);
    // Written again with the config's baseline in place, it still records the finding.
    witlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--write-baseline",
            "again.json",
            "--force",
            "api.wit",
        ])
        .assert()
        .success();
    let again = std::fs::read_to_string(dir.path().join("again.json")).unwrap();
    assert!(again.contains("trailing-whitespace"), "{again}");
}
