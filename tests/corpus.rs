//! Every entry of the shared corpus with a `wit/` folder, WASI or not: witlint never
//! panics; each input lints (exit 0/1) or fails with exit 2 and a located message. The
//! findings on the entries of other projects than WASI are goldens, each reviewed in
//! tests/corpus/verdicts.toml; the cloud-core family's are goldens too.

mod common;

use std::path::{Path, PathBuf};

use common::{corpus, entries_with_wit, entry_name, non_wasi_entries, witlint};

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
fn every_entry_with_a_wit_folder_lints_or_fails_with_a_location() {
    let entries = entries_with_wit();
    assert!(entries.len() > 60, "corpus has its entries");
    let loaded = entries
        .iter()
        .filter(|e| assert_lints_or_locates(e) != 2)
        .count();
    assert!(loaded > 50, "most entries load, {loaded} did");
    let other_projects = non_wasi_entries();
    assert!(
        other_projects.len() >= 15,
        "the corpus has its non-WASI entries"
    );
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

/// `witlint check` under the default settings on one entry, run from the corpus folder so
/// that paths read `<entry>/wit/…`: the exit code and the JSON report. Zed's extension API
/// folders are checked as they sit in Zed's repository, side by side
/// (`since_v0.0.1/`, `since_v0.6.0/`, `since_v0.8.0/`, copied into a temporary folder),
/// since that is how their maintainers run it.
fn default_check(entry: &Path) -> (i32, String) {
    check_as_in_repo(entry, &[])
}

/// [`default_check`] with more arguments.
fn check_as_in_repo(entry: &Path, args: &[&str]) -> (i32, String) {
    let name = entry_name(entry);
    let zed = "zed-industries__zed__extension-api-";
    let layout = name.starts_with(zed).then(|| {
        let dir = tempfile::tempdir().expect("temp");
        for other in entries_with_wit() {
            let other_name = entry_name(&other);
            if let Some(folder) = other_name.strip_prefix(zed) {
                common::copy_dir(&other, &dir.path().join(folder.replace('-', "_")));
            }
        }
        dir
    });
    let mut cmd = witlint();
    cmd.args(["check", "--format", "json", "--fail-level", "never"])
        .args(args);
    match &layout {
        Some(dir) => cmd
            .current_dir(dir.path())
            .arg(name.strip_prefix(zed).unwrap().replace('-', "_")),
        None => cmd.current_dir(corpus()).arg(format!("{name}/wit")),
    };
    let out = cmd.output().expect("runs");
    let code = out.status.code().expect("no signal");
    (code, String::from_utf8(out.stdout).expect("UTF-8"))
}

/// The JSON report on every entry of other projects that loads, byte for byte: what their
/// maintainers see on a first run. Each finding is reviewed in tests/corpus/verdicts.toml.
#[test]
fn other_projects_golden_json() {
    let mut loaded = 0;
    for entry in non_wasi_entries() {
        let (code, json) = default_check(&entry);
        let report: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        if code == 2 {
            assert!(!report["load_errors"].as_array().unwrap().is_empty());
            continue;
        }
        loaded += 1;
        insta::assert_snapshot!(format!("golden_{}", entry_name(&entry)), json);
    }
    assert!(loaded >= 10, "{loaded} entries of other projects load");
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Verdicts {
    verdict: Vec<Verdict>,
    #[serde(default)]
    fix: Vec<Verdict>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Verdict {
    entry: String,
    rule: String,
    item: String,
    verdict: String,
    why: String,
}

impl Verdicts {
    fn load() -> Verdicts {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/verdicts.toml");
        toml::from_str(&std::fs::read_to_string(&path).expect("verdicts.toml")).expect("TOML")
    }
}

/// The position of the verdict on a finding (`entry`, `rule`, `item`), or a problem that
/// says what to add.
fn verdict_of(
    list: &[Verdict],
    table: &str,
    name: &str,
    f: &serde_json::Value,
    problems: &mut Vec<String>,
) -> Option<usize> {
    let (rule, item) = (f["rule"].as_str().unwrap(), f["item"].as_str().unwrap());
    let found = list
        .iter()
        .position(|v| v.entry == name && v.rule == rule && v.item == item);
    if found.is_none() {
        problems.push(format!(
            "no verdict for this ({}:{}: {}):\n[[{table}]]\nentry = \"{name}\"\nrule = \"{rule}\"\nitem = \"{item}\"\nverdict = \"\"\nwhy = \"\"\n",
            f["file"], f["line"], f["message"]
        ));
    }
    found
}

/// The target of the default preset, reviewed finding by finding: at least 80 % of what it
/// reports on another project's WIT is a defect its maintainers would fix, nothing is
/// false, and every error is true. And every edit witlint proposes there (under the `wasi`
/// preset, where every fix is on) is the one the maintainers would write.
#[test]
fn other_projects_findings_and_fixes_are_reviewed() {
    let verdicts = Verdicts::load();
    let mut used = vec![false; verdicts.verdict.len()];
    let mut used_fixes = vec![false; verdicts.fix.len()];
    let mut problems = Vec::new();
    let (mut all_true, mut all) = (0, 0);
    for entry in non_wasi_entries() {
        let name = entry_name(&entry);
        let (code, json) = default_check(&entry);
        if code == 2 {
            continue;
        }
        let report: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        let (mut true_ones, mut total) = (0, 0);
        for f in report["findings"].as_array().unwrap() {
            let Some(i) = verdict_of(&verdicts.verdict, "verdict", &name, f, &mut problems) else {
                continue;
            };
            used[i] = true;
            let v = &verdicts.verdict[i];
            assert!(
                matches!(v.verdict.as_str(), "TRUE" | "DEBATABLE" | "FALSE")
                    && !v.why.trim().is_empty(),
                "{name} {} {}: a verdict is TRUE, DEBATABLE or FALSE, with a reason",
                v.rule,
                v.item
            );
            total += 1;
            match v.verdict.as_str() {
                "TRUE" => true_ones += 1,
                "FALSE" => problems.push(format!(
                    "{name}: {} on {} is FALSE: {}",
                    v.rule, v.item, v.why
                )),
                _ => {}
            }
            if v.verdict != "TRUE" && f["level"] == "error" {
                problems.push(format!(
                    "{name}: error-level {} on {} is not TRUE: a tool that fails the build must be right",
                    v.rule, v.item
                ));
            }
        }
        if total > 0 && true_ones * 5 < total * 4 {
            problems.push(format!(
                "{name}: {true_ones} of {total} findings are TRUE (target: 80 %)"
            ));
        }
        (all_true, all) = (all_true + true_ones, all + total);

        let (_, json) = check_as_in_repo(&entry, &["--preset", "wasi"]);
        let report: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        for f in report["findings"].as_array().unwrap() {
            if !f["fix"]["edit"].is_object() {
                continue;
            }
            let Some(i) = verdict_of(&verdicts.fix, "fix", &name, f, &mut problems) else {
                continue;
            };
            used_fixes[i] = true;
            let v = &verdicts.fix[i];
            if v.verdict != "CORRECT" || v.why.trim().is_empty() {
                problems.push(format!(
                    "{name}: the fix of {} on {} is {}: {}",
                    v.rule, v.item, v.verdict, v.why
                ));
            }
        }
    }
    eprintln!("{all_true} of {all} default findings TRUE");
    if all_true * 5 < all * 4 {
        problems.push(format!(
            "{all_true} of {all} findings are TRUE (target: 80 %)"
        ));
    }
    for (v, used) in verdicts
        .verdict
        .iter()
        .zip(used)
        .chain(verdicts.fix.iter().zip(used_fixes))
    {
        if !used {
            problems.push(format!(
                "verdict for something witlint no longer reports: {} {} {}",
                v.entry, v.rule, v.item
            ));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// The recall rules find what WASI-family reviews found by hand, where the corpus has it.
#[test]
fn recall_rules_find_the_wasi_family_cases() {
    let findings = |args: &[&str]| -> Vec<String> {
        let out = witlint()
            .current_dir(corpus())
            .args(["check", "--format", "json", "--fail-level", "never"])
            .args(args)
            .output()
            .expect("runs");
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{} {}",
                    f["rule"].as_str().unwrap(),
                    f["item"].as_str().unwrap()
                )
            })
            .collect()
    };
    // wasi-messaging: `connection(string)` and `permission-denied(string)` beside `other(string)`.
    let messaging = findings(&["WebAssembly__wasi-messaging/wit"]);
    for item in ["error.connection", "error.permission-denied"] {
        let want = format!("error-case-stringly wasi:messaging/types@0.2.0-draft#{item}");
        assert!(messaging.contains(&want), "{messaging:?}");
    }
    // wasi-cloud-core's vendored messaging: `trace: static func() -> string` on its error,
    // and an include of a world the messaging repository no longer has.
    let cloud_core = findings(&["--lint-deps", "WebAssembly__wasi-cloud-core/wit"]);
    assert!(
        cloud_core.contains(
            &"error-resource-unreadable wasi:messaging/messaging-types@0.2.0-draft#error"
                .to_string()
        ),
        "{cloud_core:?}"
    );
    let both = findings(&[
        "WebAssembly__wasi-cloud-core/wit",
        "WebAssembly__wasi-messaging/wit",
    ]);
    assert!(
        both.iter().any(|f| f.starts_with("include-of-stale-world wasi:cloud-core/messaging-service@0.2.0-draft2#include(wasi:messaging/messaging")),
        "{both:?}"
    );
    // wasi-filesystem: `/// A directory entry.` on `directory-entry`.
    let filesystem = findings(&["--lint-copies", "WebAssembly__wasi-filesystem/wit"]);
    assert!(
        filesystem
            .iter()
            .any(|f| f.starts_with("doc-restates-name ") && f.ends_with("#directory-entry")),
        "{filesystem:?}"
    );
}

/// A tool that fails a build must be right: under the defaults, no corpus entry (WASI's
/// and everyone else's, every release of the WASI history included) gets an error-level
/// finding for WIT its own toolchain accepts. The one error allowed is a vendored package
/// that wit-parser itself cannot load.
#[test]
fn no_default_error_on_wit_the_toolchain_accepts() {
    let mut inputs = entries_with_wit();
    let history = corpus().join("wasi-history");
    for pkg in std::fs::read_dir(&history).unwrap().flatten() {
        for tag in std::fs::read_dir(pkg.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            if tag.path().join("wit").is_dir() {
                inputs.push(tag.path().join("wit"));
            }
        }
    }
    inputs.sort();
    let mut errors = Vec::new();
    for input in &inputs {
        let out = witlint()
            .args(["check", "--format", "json", "--fail-level", "never"])
            .arg(input)
            .output()
            .expect("runs");
        let Ok(report) = serde_json::from_slice::<serde_json::Value>(&out.stdout) else {
            continue;
        };
        for f in report["findings"].as_array().unwrap() {
            if f["level"] == "error" && f["rule"] != "dep-load-failed" {
                errors.push(format!(
                    "{}: {} {}",
                    input.display(),
                    f["rule"],
                    f["message"]
                ));
            }
        }
    }
    assert!(inputs.len() > 100, "{} inputs", inputs.len());
    assert!(errors.is_empty(), "\n{}", errors.join("\n"));
}
