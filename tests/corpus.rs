//! Every entry of the shared corpus: witlint never panics; each input lints (exit 0/1)
//! or fails with exit 2 and a located message.

mod common;

use std::path::{Path, PathBuf};

use common::{corpus, wasi_entries, witlint};

fn assert_lints_or_locates(input: &Path) -> i32 {
    let out = witlint().arg("check").arg(input).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "{}: {stderr}",
        input.display()
    );
    let code = out.status.code().expect("no signal");
    match code {
        0 | 1 => {}
        2 => assert!(
            stderr.contains("--> "),
            "{}: exit 2 without a location:\n{stderr}",
            input.display()
        ),
        other => panic!("{}: exit {other}", input.display()),
    }
    code
}

#[test]
fn every_wasi_entry_lints_or_fails_with_a_location() {
    let entries = wasi_entries();
    assert!(entries.len() > 40, "corpus has its WASI entries");
    let loaded = entries
        .iter()
        .filter(|e| assert_lints_or_locates(e) != 2)
        .count();
    assert!(loaded > 40, "most WASI entries load, {loaded} did");
}

#[test]
fn well_kept_wasi_packages_have_no_errors_under_standard() {
    for name in [
        "wasi-io",
        "wasi-clocks",
        "wasi-random",
        "wasi-filesystem",
        "wasi-sockets",
        "wasi-cli",
        "wasi-http",
    ] {
        let input = corpus().join(format!("WebAssembly__{name}/wit"));
        let (code, report) = common::check_json(&[input.to_str().unwrap()]);
        assert_eq!(
            report["summary"]["error"], 0,
            "{name}: {:#}",
            report["findings"]
        );
        assert_eq!(code, 0, "{name}");
    }
}

fn ui_cases(dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| keep(p))
        .collect();
    cases.sort();
    cases
}

#[test]
fn parse_fail_cases_exit_2_with_a_location() {
    let dir = corpus().join("wit-parser-ui/ui/parse-fail");
    let cases = ui_cases(&dir, |p| {
        p.is_dir() || p.extension().is_some_and(|e| e == "wit")
    });
    assert!(cases.len() > 100);
    for case in cases {
        // As wit-parser's ui harness: the feature `active` is on.
        let out = witlint()
            .args(["check", "--features", "active"])
            .arg(&case)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{}: must be rejected\n{stderr}",
            case.display()
        );
        assert!(
            stderr.contains("--> "),
            "{}: no location\n{stderr}",
            case.display()
        );
    }
}

/// Passing cases of wasm-tools at the corpus commit that use WIT newer than the newest
/// published wit-parser (0.263): empty records. They must fail cleanly, located, and
/// start passing the day witlint moves to a wit-parser that accepts them.
const NEWER_THAN_PUBLISHED_WIT_PARSER: &[&str] = &[
    "multi-file",
    "types.wit",
    "union-fuzz-2.wit",
    "use-chain.wit",
];

#[test]
fn passing_ui_cases_load() {
    let dir = corpus().join("wit-parser-ui/ui");
    let cases = ui_cases(&dir, |p| {
        (p.is_dir() && !p.ends_with("parse-fail")) || p.extension().is_some_and(|e| e == "wit")
    });
    assert!(cases.len() > 60, "{} passing cases", cases.len());
    for case in cases {
        // wit-parser's ui harness enables the feature `active`; consumers of these
        // packages would too.
        let out = witlint()
            .args(["check", "--features", "active"])
            .arg(&case)
            .output()
            .unwrap();
        let code = out.status.code();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let name = case.file_name().unwrap().to_str().unwrap();
        if NEWER_THAN_PUBLISHED_WIT_PARSER.contains(&name) {
            assert_eq!(code, Some(2), "{name} loads now: drop it from the list");
            assert!(
                stderr.contains("error[wit-parse]: empty record") && stderr.contains("--> "),
                "{name}: {stderr}"
            );
            continue;
        }
        assert!(matches!(code, Some(0 | 1)), "{}: {stderr}", case.display());
    }
}

/// The full JSON report for the cloud-core family, byte for byte. Each finding in these
/// snapshots was read against the WIT it points at; a change here needs the same review.
#[test]
fn cloud_core_family_golden_json() {
    for name in [
        "wasi-config",
        "wasi-keyvalue",
        "wasi-blobstore",
        "wasi-messaging",
        "wasi-cloud-core",
    ] {
        let out = witlint()
            .current_dir(corpus())
            .args(["check", "--format", "json", "--fail-level", "never"])
            .arg(format!("WebAssembly__{name}/wit"))
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{name}");
        let json = String::from_utf8(out.stdout).expect("UTF-8");
        insta::assert_snapshot!(format!("golden_{name}"), json);
    }
}
