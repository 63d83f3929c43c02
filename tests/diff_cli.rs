//! `witlint diff` as a user runs it: exit codes and the verdict line, JSON, GitHub and
//! Markdown output, `witlint.toml` levels and overrides, baselines, `--against` on a git
//! repository, `--features` and `explain`. The engine itself: tests/diff.rs (SARIF:
//! tests/formats.rs).

mod common;

use std::path::PathBuf;

use common::witlint;

fn fixture(case: &str) -> PathBuf {
    common::fixtures().join("diff").join(case)
}

#[test]
fn a_bump_too_small_exits_1_with_the_verdict_last() {
    let out = diff("kinds/old", "kinds/new")
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let last = text.lines().last().unwrap();
    assert!(
        last.starts_with("example:store 1.0.0 → 1.1.0: ")
            && last.ends_with("requires major, got minor"),
        "{last}"
    );
    assert!(
        text.contains("breaking[param-renamed]: parameter `key` of method `get` is now `name`")
    );
    assert!(text.contains("--> old: "), "both places are shown");
}

#[test]
fn an_added_function_is_minor_for_importers_and_major_for_exporters() {
    let run = |perspective: &str| {
        witlint()
            .args(["diff", "--perspective", perspective])
            .arg(fixture("added-function/old"))
            .arg(fixture("added-function/new"))
            .assert()
    };
    let importers = run("importers").code(0);
    let text = String::from_utf8_lossy(&importers.get_output().stdout).to_string();
    assert!(text.ends_with("requires minor, got minor\n"), "{text}");
    run("exporters").code(1);
    run("both").code(1);
    // The default is the components' view: an addition to an interface is minor, and
    // what implementations must add is a note.
    let default = run("components").code(0);
    let text = String::from_utf8_lossy(&default.get_output().stdout).to_string();
    assert!(text.ends_with("requires minor, got minor\n"), "{text}");
    assert!(text.contains("breaks implementations"), "{text}");
    let out = witlint()
        .arg("diff")
        .arg(fixture("added-function/old"))
        .arg(fixture("added-function/new"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "components is the default");
}

#[test]
fn json_has_every_change_and_the_verdict() {
    let out = witlint()
        .args(["diff", "--perspective", "exporters", "--format", "json"])
        .arg(fixture("kinds/old"))
        .arg(fixture("kinds/new"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["verdict"]["required"], "major");
    assert_eq!(json["verdict"]["actual"], "minor");
    let kinds: Vec<&str> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"function-added"));
    // Each change says the bump it requires from the exporters' side.
    let bump_of = |kind: &str| {
        json["changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["kind"] == kind)
            .map(|c| c["bump"].clone())
            .unwrap()
    };
    assert_eq!(bump_of("function-added"), "major");
    assert_eq!(bump_of("function-removed"), "minor");
    assert_eq!(bump_of("docs-changed"), "patch");
    assert_eq!(bump_of("type-added"), "minor");
}

#[test]
fn every_change_kind_is_explained() {
    for kind in witlint::diff::kinds::ALL {
        let out = witlint().args(["explain", kind.id()]).assert().code(0);
        let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
        assert!(text.starts_with(&format!("# {}\n\n{}", kind.id(), kind.rule.summary)));
        assert!(text.contains("breaks importers: "), "{text}");
    }
}

/// `witlint diff` of the removals pair with a config, planning a minor release.
fn removals_with(config: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("witlint.toml");
    std::fs::write(&file, config).unwrap();
    let out = witlint()
        .args(["diff", "--release", "minor", "--config"])
        .arg(&file)
        .arg(fixture("removals/old"))
        .arg(fixture("removals/new"))
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap(), text)
}

#[test]
fn an_override_with_its_reason_accepts_a_breaking_change() {
    let (code, text) = removals_with("");
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("error[version-bump-insufficient]: `example:removals` needs a major release for its changes, but the planned release is minor"), "{text}");
    // Accepting one removal is not enough; accepting both is.
    let one = "[[overrides]]\nitems = [\"example:removals/api@*#retire\"]\nreason = \"deprecated since 1.1.0\"\nrules = { function-removed = \"off\" }\n";
    let (code, text) = removals_with(one);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("1 accepted; requires major, planned minor"),
        "{text}"
    );
    assert!(!text.contains("`retire`"), "{text}");
    let both = one.replace("#retire", "#{retire,vanish}");
    let (code, text) = removals_with(&both);
    assert_eq!(code, 0, "{text}");
    assert!(text.ends_with("0 change(s), 0 addition(s), 0 breaking for importers, 0 breaking for exporters, 0 to unstable items, 2 accepted; requires none, planned minor\n"), "{text}");
    // The reason is required.
    let (code, text) = removals_with(&both.replace("reason = \"deprecated since 1.1.0\"\n", ""));
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains("witlint.toml:1:1") && text.contains("has no `reason`"),
        "{text}"
    );
}

#[test]
fn levels_come_from_the_config() {
    // Breaking changes are warnings: a major release passes, unless they are errors.
    let ok = witlint()
        .arg("diff")
        .arg(fixture("removals/old"))
        .arg(fixture("removals/new"))
        .assert()
        .code(0);
    assert!(
        String::from_utf8_lossy(&ok.get_output().stdout)
            .contains("breaking for importers[function-removed]")
    );
    let (code, text) = {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("witlint.toml");
        std::fs::write(&file, "[rules]\nfunction-removed = \"error\"\n").unwrap();
        let out = witlint()
            .args(["diff", "--config"])
            .arg(&file)
            .arg(fixture("removals/old"))
            .arg(fixture("removals/new"))
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8_lossy(&out.stdout).to_string(),
        )
    };
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("error[function-removed]: function `vanish` is gone"),
        "{text}"
    );
    // --fail-level warn fails on any breaking change.
    witlint()
        .args(["diff", "--fail-level", "warn"])
        .arg(fixture("removals/old"))
        .arg(fixture("removals/new"))
        .assert()
        .code(1);
    // A mistyped change kind is located, with a suggestion.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("witlint.toml");
    std::fs::write(&file, "[rules]\nfunction-remove = \"off\"\n").unwrap();
    let out = witlint()
        .args(["diff", "--config"])
        .arg(&file)
        .arg(fixture("removals/old"))
        .arg(fixture("removals/new"))
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("witlint.toml:2:1") && err.contains("did you mean `function-removed`?"),
        "{err}"
    );
}

#[test]
fn a_baseline_accepts_the_changes_it_records() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("baseline.json");
    let run = |extra: &[&std::ffi::OsStr]| {
        witlint()
            .args(["diff", "--release", "minor"])
            .args(extra)
            .arg(fixture("removals/old"))
            .arg(fixture("removals/new"))
            .output()
            .unwrap()
    };
    let written = run(&["--write-baseline".as_ref(), file.as_os_str()]);
    assert_eq!(written.status.code(), Some(0));
    let recorded = std::fs::read_to_string(&file).unwrap();
    assert!(
        recorded
            .contains(r#"{"rule":"function-removed","item":"example:removals/api@1.0.0#vanish"}"#),
        "{recorded}"
    );
    let out = run(&["--baseline".as_ref(), file.as_os_str()]);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.ends_with("2 accepted; requires none, planned minor\n"),
        "{text}"
    );
    // An entry that matches no change is reported, and the rest still applies.
    let stale = recorded.replace("#vanish", "#gone-long-ago");
    std::fs::write(&file, stale).unwrap();
    let out = run(&["--baseline".as_ref(), file.as_os_str()]);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(text.contains("warning[unused-baseline-entry]: baseline entry for `function-removed` on `example:removals/api@1.0.0#gone-long-ago` matches no finding"), "{text}");
    assert!(text.contains("function `vanish` is gone"), "{text}");
    assert_eq!(out.status.code(), Some(1), "{text}");
}

#[test]
fn github_annotations_carry_each_change() {
    let out = witlint()
        .args(["diff", "--format", "github", "--release", "minor"])
        .arg(fixture("removals/old"))
        .arg(fixture("removals/new"))
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("::warning file=") && lines[0].contains("title=witlint(function-removed)::function `retire` is gone%0Anote: breaks importers"), "{text}");
    assert!(
        lines[2].starts_with("::error file=")
            && lines[2].contains("title=witlint(version-bump-insufficient)"),
        "{text}"
    );
}

#[test]
fn release_notes_link_into_the_docs() {
    let out = witlint()
        .args([
            "diff",
            "--format",
            "markdown",
            "--docs-url",
            "https://example.com/book/",
        ])
        .arg(fixture("kinds/old"))
        .arg(fixture("kinds/new"))
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    insta::assert_snapshot!("release_notes_of_the_kinds_pair", text);
}

#[test]
fn change_kinds_have_levels_by_what_they_break() {
    use witlint::lint::Level;
    for kind in witlint::diff::kinds::ALL {
        let expected = if kind.convention {
            Level::Error
        } else if kind.breaks_importers || kind.breaks_exporters {
            Level::Warn
        } else {
            Level::Info
        };
        assert_eq!(kind.rule.level, expected, "{}", kind.id());
        assert_eq!(
            kind.section.is_none(),
            kind.convention || kind.id() == "docs-changed",
            "{}",
            kind.id()
        );
    }
}

/// `witlint diff` of two fixture folders.
fn diff(old: &str, new: &str) -> assert_cmd::assert::Assert {
    witlint()
        .arg("diff")
        .arg(fixture(old))
        .arg(fixture(new))
        .assert()
}

#[test]
fn a_broken_since_convention_exits_1_whatever_the_bump() {
    // For importers the bump is enough (minor, got minor), but two new items, one kept
    // item and one promotion have the wrong `@since`, and one new deprecation the wrong
    // version.
    let out = witlint()
        .args(["diff", "--perspective", "importers"])
        .arg(fixture("gates/old"))
        .arg(fixture("gates/new"))
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.ends_with("requires minor, got minor\n"), "{text}");
    assert_eq!(text.matches("\nerror[").count(), 5, "{text}");
    assert!(text.starts_with("breaking for exporters[function-added]"));
}

/// A repository with two commits, and an edit not yet committed.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .arg("-C")
            .arg(dir.path())
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .status()
            .expect("git runs")
            .success();
        assert!(ok, "git {args:?}");
    };
    let wit = dir.path().join("wit");
    std::fs::create_dir(&wit).unwrap();
    let copy = |case: &str| {
        std::fs::copy(fixture(case).join("api.wit"), wit.join("api.wit")).unwrap();
    };
    git(&["init", "-q"]);
    copy("added-function/new");
    git(&["add", "."]);
    git(&["commit", "-qm", "0.2.1"]);
    git(&["tag", "v0.2.1"]);
    copy("added-function/old");
    git(&["commit", "-qam", "back to 0.2.0"]);
    std::fs::write(wit.join("notes.txt"), "not committed").unwrap();
    dir
}

#[test]
fn against_a_revision_reads_git_objects_and_touches_nothing() {
    let repo = repository();
    let status = || {
        std::process::Command::new("git")
            .arg("-C")
            .arg(repo.path())
            .args(["status", "--porcelain"])
            .output()
            .unwrap()
            .stdout
    };
    let before = status();
    let out = witlint()
        .current_dir(repo.path())
        .args(["diff", "--against", "v0.2.1"])
        .assert()
        .code(1); // removing a function needs a major release
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    // The working tree (0.2.0) lost the function the revision (0.2.1) has.
    assert!(
        text.contains("breaking for importers[function-removed]: function `increment` is gone"),
        "{text}"
    );
    assert!(text.contains("--> old: v0.2.1:wit/api.wit:11:5"), "{text}");
    assert!(text.contains("example:counter 0.2.1 → 0.2.0"), "{text}");
    assert_eq!(
        status(),
        before,
        "the working tree and index are as they were"
    );
    witlint()
        .current_dir(repo.path())
        .args(["diff", "--against", "no-such-tag", "wit"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("error[git]"));
}

#[test]
fn a_planned_release_is_judged_instead_of_the_versions() {
    let run = |release: &str| {
        witlint()
            .args(["diff", "--perspective", "importers", "--release", release])
            .arg(fixture("added-function/old"))
            .arg(fixture("added-function/new"))
            .assert()
    };
    let patch = run("patch").code(1);
    let text = String::from_utf8_lossy(&patch.get_output().stdout).to_string();
    assert!(text.ends_with("requires minor, planned patch\n"), "{text}");
    run("minor").code(0);
    diff("kinds/old", "kinds/new").code(1);
    witlint()
        .args(["diff", "--release", "major"])
        .arg(fixture("kinds/old"))
        .arg(fixture("kinds/new"))
        .assert()
        .code(0);
}

#[test]
fn enabled_features_make_unstable_items_api() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/wasi-history/clocks");
    let run = |features: &[&str]| {
        witlint()
            .arg("diff")
            .args(features)
            .arg(dir.join("v0.2.0/wit"))
            .arg(dir.join("v0.2.1/wit"))
            .assert()
    };
    run(&[]).code(0);
    // With the timezone feature on, its interface is API: an addition, minor for the
    // components built against 0.2.0; hosts that enable it must now provide it, which
    // counts only from their side (`--perspective both`).
    let out = run(&["--features", "clocks-timezone"]).code(0);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.contains("0 to unstable items; requires minor, got minor"),
        "{text}"
    );
    let out = run(&["--features", "clocks-timezone", "--perspective", "both"]).code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.contains("0 to unstable items; requires major, got minor"),
        "{text}"
    );
}

#[test]
fn the_same_version_twice_is_clean() {
    diff("kinds/new", "kinds/new").code(0);
}

#[test]
fn an_input_that_does_not_load_exits_2() {
    diff("kinds/old", "kinds/missing").code(2);
}

/// A world that imports one interface at two versions (wit-bindgen's `multiversion` case)
/// is compared version by version: against itself nothing changed, and dropping the
/// import of 0.2.0 (0.1.0 stays, as 0.2.0's export uses it) is that import removed, not
/// the other one changed.
#[test]
fn two_versions_of_one_import_are_paired_version_by_version() {
    let case = common::corpus().join("wit-bindgen-codegen/codegen/multiversion/wit");
    let kinds = |new: &std::path::Path| -> Vec<String> {
        let out = witlint()
            .args(["diff", "--format", "json"])
            .arg(&case)
            .arg(new)
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        report["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                format!(
                    "{} {}",
                    c["kind"].as_str().unwrap(),
                    c["path"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(kinds(&case), Vec::<String>::new());
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("wit");
    common::copy_dir(&case, &copy);
    let root = copy.join("root.wit");
    let text = std::fs::read_to_string(&root).unwrap();
    std::fs::remove_file(&root).unwrap();
    std::fs::write(&root, text.replace("  import my:dep/a@0.2.0;\n", "")).unwrap();
    assert_eq!(
        kinds(&copy),
        ["world-import-removed foo:bar/foo#import(my:dep/a@0.2.0)"]
    );
}

/// A package that moves from WASI 0.2 to 0.3: the notes open with the changes grouped by
/// the idiom of the WASI 0.3.0 release they follow (read and reviewed).
#[test]
fn release_notes_map_a_move_to_wasi_0_3_by_idiom() {
    let out = witlint()
        .args(["diff", "--format", "markdown"])
        .arg(fixture("wasi-0.3/old"))
        .arg(fixture("wasi-0.3/new"))
        .assert()
        .code(0);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    insta::assert_snapshot!("release_notes_of_a_move_to_wasi_0_3", text);
}

/// The same on WASI's own move (filesystem 0.2.12 → 0.3.0), and no map where the old
/// version does not import `wasi:io` (random) or the new one is still on 0.2 (a 0.2.x
/// release after another).
#[test]
fn wasi_releases_get_the_map_only_for_the_move_to_0_3() {
    let history = common::corpus().join("wasi-history");
    let notes = |pkg: &str, old: &str, new: &str| -> String {
        let out = witlint()
            .args(["diff", "--format", "markdown", "--fail-level", "never"])
            .arg(history.join(pkg).join(old).join("wit"))
            .arg(history.join(pkg).join(new).join("wit"))
            .output()
            .expect("runs");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let filesystem = notes("filesystem", "v0.2.12", "v0.3.0");
    let map: String = filesystem
        .split("\n## ")
        .filter(|s| s.starts_with("From WASI 0.2 to 0.3"))
        .collect();
    insta::assert_snapshot!("wasi_filesystem_0_3_map", map);
    for (pkg, old, new) in [
        ("random", "v0.2.12", "v0.3.0"),
        ("filesystem", "v0.2.11", "v0.2.12"),
        ("sockets", "v0.2.0", "v0.2.12"),
    ] {
        let text = notes(pkg, old, new);
        assert!(
            !text.contains("From WASI 0.2 to 0.3"),
            "{pkg} {old} → {new}:\n{text}"
        );
    }
}
