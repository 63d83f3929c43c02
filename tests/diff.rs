//! The diff engine: every change kind on a fixture pair, and WASI's release history.

use std::path::{Path, PathBuf};

use wit_bindgen_core::wit_parser::{WorldId, WorldItem, WorldKey};
use witlint::diff::{self, Bump, Perspective, required_bump};
use witlint::workspace::{self, Workspace};

fn load(path: &Path) -> Workspace {
    workspace::load(path, &[]).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixture(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/diff")
        .join(case)
}

/// The changes as lines: kind, whom it breaks, path, message, both places.
fn lines(changes: &[diff::Change]) -> String {
    let place = |l: &Option<witlint::workspace::Location>| {
        l.as_ref()
            .map_or("-".to_string(), |l| format!("{}:{}", l.line, l.column))
    };
    changes
        .iter()
        .map(|c| {
            let breaks = match (c.kind.breaks_importers, c.kind.breaks_exporters) {
                (true, true) => "breaks both",
                (true, false) => "breaks importers",
                (false, true) => "breaks exporters",
                (false, false) => "breaks no one",
            };
            let unstable = if c.unstable { ", unstable" } else { "" };
            format!(
                "{} ({breaks}{unstable}) {}: {} [old {}, new {}]\n",
                c.kind.id(),
                c.key,
                c.message,
                place(&c.old),
                place(&c.new)
            )
        })
        .collect()
}

fn changes_of(case: &str) -> Vec<diff::Change> {
    let old = load(&fixture(&format!("{case}/old")));
    let new = load(&fixture(&format!("{case}/new")));
    diff::compare(&old, &new)
}

#[test]
fn every_kind_on_a_fixture_pair() {
    let changes = changes_of("kinds");
    insta::assert_snapshot!(lines(&changes));
    assert_eq!(required_bump(&changes, Perspective::Both), Bump::Major);
}

/// `@since` never changes, a new item of a gated package is `@since` the new version, a
/// promotion is an addition, and an unstable item changes freely.
#[test]
fn gates_on_a_fixture_pair() {
    let changes = changes_of("gates");
    insta::assert_snapshot!(lines(&changes));
    let mut unstable: Vec<&str> = changes
        .iter()
        .filter(|c| c.unstable)
        .map(|c| c.key.as_str())
        .collect();
    unstable.dedup();
    assert_eq!(unstable, ["example:gates/api#try-out"]);
}

/// Stable API goes through `@deprecated` before it goes: a removal says when it did not.
#[test]
fn a_removal_says_whether_it_was_deprecated() {
    let changes = changes_of("removals");
    let messages: Vec<&str> = changes.iter().map(|c| c.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "function `retire` is gone",
            "function `vanish` is gone; it was never `@deprecated`"
        ]
    );
    assert_eq!(required_bump(&changes, Perspective::Importers), Bump::Major);
}

#[test]
fn the_fixtures_hold_every_kind() {
    let changes: Vec<diff::Change> = ["kinds", "gates"]
        .iter()
        .flat_map(|c| changes_of(c))
        .collect();
    for kind in diff::kinds::ALL {
        assert!(
            changes.iter().any(|c| c.kind.id() == kind.id()),
            "no fixture has `{}`",
            kind.id()
        );
    }
}

#[test]
fn a_version_compared_with_itself_has_no_changes() {
    let ws = load(&fixture("kinds/new"));
    let again = load(&fixture("kinds/new"));
    assert!(diff::compare(&ws, &again).is_empty());
    assert_eq!(required_bump(&[], Perspective::Both), Bump::None);
}

fn history(package: &str) -> Vec<(String, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/wasi-history")
        .join(package);
    let mut versions: Vec<(semver::Version, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let v = p.file_name()?.to_str()?.strip_prefix('v')?.parse().ok()?;
            Some((v, p.join("wit")))
        })
        .collect();
    versions.sort();
    versions
        .into_iter()
        .map(|(v, p)| (v.to_string(), p))
        .collect()
}

/// Every WASI 0.2.x release of clocks, random, filesystem and sockets keeps what callers
/// use (what it added was `@unstable`); 0.3.0 does not; every `@since` is right.
#[test]
fn wasi_releases_keep_importers_working_until_0_3() {
    for package in ["clocks", "random", "filesystem", "sockets"] {
        let versions = history(package);
        assert!(
            versions.len() > 5,
            "{package}: its releases are in the corpus"
        );
        for pair in versions.windows(2) {
            let (old_v, old_p) = &pair[0];
            let (new_v, new_p) = &pair[1];
            let changes = diff::compare(&load(old_p), &load(new_p));
            // Every item WASI added is `@since` the release that added it, and no `@since`
            // changed (0.3.0 restarts them all at 0.3.0).
            let convention: Vec<_> = changes.iter().filter(|c| c.kind.convention).collect();
            assert!(
                convention.is_empty(),
                "{package} {old_v} -> {new_v}: {}",
                convention[0].message
            );
            let bump = required_bump(&changes, Perspective::Importers);
            if new_v.starts_with("0.3") {
                assert_eq!(bump, Bump::Major, "{package} {old_v} -> {new_v}");
            } else {
                assert!(
                    bump < Bump::Major,
                    "{package} {old_v} -> {new_v} breaks importers:\n{}",
                    lines(&changes)
                );
                // What 0.2.x added for hosts to provide was `@unstable`: no one is owed.
                assert!(
                    required_bump(&changes, Perspective::Both) < Bump::Major,
                    "{package} {old_v} -> {new_v}:\n{}",
                    lines(&changes)
                );
            }
        }
    }
}

/// The whole history of each package, every step's changes in one golden file.
#[test]
fn wasi_history_goldens() {
    for package in ["clocks", "random", "filesystem", "sockets"] {
        let versions = history(package);
        let mut out = String::new();
        for pair in versions.windows(2) {
            let (old_v, old_p) = &pair[0];
            let (new_v, new_p) = &pair[1];
            let changes = diff::compare(&load(old_p), &load(new_p));
            out.push_str(&format!(
                "## {old_v} -> {new_v}: {} for importers, {} for both\n{}",
                required_bump(&changes, Perspective::Importers).as_str(),
                required_bump(&changes, Perspective::Both).as_str(),
                lines(&changes)
            ));
        }
        insta::assert_snapshot!(format!("history_{package}"), out);
    }
}

/// Changes to `@unstable` items are reported but owe no release anything.
#[test]
fn unstable_changes_need_no_bump() {
    let versions = history("clocks");
    let (_, v0) = &versions[0];
    let (_, v1) = &versions[1];
    let changes = diff::compare(&load(v0), &load(v1));
    assert!(
        !changes.is_empty(),
        "0.2.1 added the unstable timezone interface"
    );
    // Besides the unstable interface, 0.2.1 reworded three doc comments: a patch.
    assert!(
        changes
            .iter()
            .all(|c| c.unstable || c.kind.id() == "docs-changed")
    );
    assert_eq!(required_bump(&changes, Perspective::Both), Bump::Patch);
    let unstable: Vec<_> = changes.iter().filter(|c| c.unstable).collect();
    assert_eq!(required_bump(unstable, Perspective::Both), Bump::None);
}

mod command {
    use super::fixture;
    use assert_cmd::Command;

    fn witlint() -> Command {
        Command::cargo_bin("witlint").unwrap()
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
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
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
        let (code, text) =
            removals_with(&both.replace("reason = \"deprecated since 1.1.0\"\n", ""));
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
            recorded.contains(
                r#"{"rule":"function-removed","item":"example:removals/api@1.0.0#vanish"}"#
            ),
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
        // For importers the bump is enough (minor, got minor), but two new items and one
        // kept item have the wrong `@since`, and one new deprecation the wrong version.
        let out = witlint()
            .args(["diff", "--perspective", "importers"])
            .arg(fixture("gates/old"))
            .arg(fixture("gates/new"))
            .assert()
            .code(1);
        let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
        assert!(text.ends_with("requires minor, got minor\n"), "{text}");
        assert_eq!(text.matches("\nerror[").count(), 4, "{text}");
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
        // Hosts that enable the timezone feature must now provide it.
        let out = run(&["--features", "clocks-timezone"]).code(1);
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
}

/// wasm-tools' own `component semver-check` cases: a `RUN` case keeps a component built for
/// the previous world working with the new one, a `FAIL` case does not. witlint agrees,
/// judging as that component: it uses the world's imports and provides its exports.
#[test]
fn worlds_agree_with_wasm_tools_semver_check() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/wasm-tools-semver-check");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "wit" || x == "wat"))
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 10,
        "the semver-check cases are in the corpus"
    );
    let mut checked = 0;
    for case in &cases {
        let text = std::fs::read_to_string(case).unwrap();
        let first = text.lines().next().unwrap();
        let must_pass = first.contains("RUN:");
        let arg = |flag: &str| {
            let at = first.find(flag).unwrap() + flag.len();
            first[at..].split_whitespace().next().unwrap().to_string()
        };
        let (prev, new) = (arg("--prev "), arg("--new "));
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let ws = load(case);
        // `prev`, `a:b/prev` or `a:b/prev@0.2.0`.
        let world = |wanted: &str| {
            ws.resolve
                .worlds
                .iter()
                .find(|(_, w)| {
                    let pkg = &ws.resolve.packages[w.package.unwrap()].name;
                    let qualified = format!("{}:{}/{}", pkg.namespace, pkg.name, w.name);
                    let versioned = pkg.version.as_ref().map(|v| format!("{qualified}@{v}"));
                    wanted == w.name || wanted == qualified || Some(wanted) == versioned.as_deref()
                })
                .map(|(id, _)| id)
        };
        let (Some(prev_id), Some(new_id)) = (world(&prev), world(&new)) else {
            panic!("{name}: worlds {prev} and {new} not found");
        };
        let package = |id| {
            let name = &ws.resolve.packages[ws.resolve.worlds[id].package.unwrap()].name;
            (name.namespace.clone(), name.name.clone())
        };
        if package(prev_id) != package(new_id) {
            // wasm-tools refuses worlds of different packages outright; witlint's diff
            // matches packages by name and would compare nothing here.
            assert!(!must_pass, "{name}");
            continue;
        }
        let changes = diff::compare_worlds(&ws, prev_id, &ws, new_id);
        let breaks_component = changes.iter().any(|c| {
            let key = c.key.as_str();
            (key.contains("#import") && c.kind.breaks_importers)
                || (key.contains("#export") && c.kind.breaks_exporters)
        });
        assert_eq!(
            !breaks_component,
            must_pass,
            "{name}: wasm-tools says {}, witlint found:\n{}",
            if must_pass {
                "compatible"
            } else {
                "incompatible"
            },
            lines(&changes)
        );
        checked += 1;
    }
    assert!(checked >= 8, "{checked} cases compared");
}

/// A dependency's changes count where the root uses them: a field added to a record that
/// an interface `use`s, a function added to an interface a world imports. A change to a
/// dependency's interface that nothing of the root uses is not reported.
#[test]
fn dependency_changes_are_attributed_to_their_users() {
    let changes = changes_of("deps");
    insta::assert_snapshot!(lines(&changes));
    assert!(
        changes
            .iter()
            .all(|c| c.dependency.as_deref() == Some("example:types"))
    );
    assert!(!changes.iter().any(|c| c.key.contains("unused")));
    assert_eq!(required_bump(&changes, Perspective::Importers), Bump::Major);
}

/// The interfaces a world imports and exports, its elaborated ones too, by path without
/// versions.
fn world_interfaces(ws: &Workspace, world: WorldId) -> (Vec<String>, Vec<String>) {
    let w = &ws.resolve.worlds[world];
    let names = |items: &indexmap::IndexMap<WorldKey, WorldItem>| {
        items
            .values()
            .filter_map(|item| match item {
                WorldItem::Interface { id, .. } => ws.index().of_interface(*id),
                _ => None,
            })
            .map(|i| diff::unversioned(i.path.as_str()))
            .collect()
    };
    (names(&w.imports), names(&w.exports))
}

/// The changes that break a component built for `old_world` when it runs as `new_world`:
/// what its world's statements lose or gain, and what changes in the interfaces it
/// imports (for callers) or exports (for providers). `@unstable` items count: the
/// resolves hold them, as wit-component sees them.
fn breaking_for_a_component(
    old: &Workspace,
    old_world: WorldId,
    new: &Workspace,
    new_world: WorldId,
) -> Vec<diff::Change> {
    let (imports, exports) = world_interfaces(old, old_world);
    let in_any = |list: &[String], key: &str| {
        let container = key.split('#').next().unwrap_or(key);
        list.iter().any(|i| i == container)
    };
    let mut breaking: Vec<diff::Change> = diff::compare_worlds(old, old_world, new, new_world)
        .into_iter()
        .filter(|c| {
            (c.key.contains("#import") && c.kind.breaks_importers)
                || (c.key.contains("#export") && c.kind.breaks_exporters)
        })
        .collect();
    breaking.extend(diff::compare(old, new).into_iter().filter(|c| {
        (in_any(&imports, &c.key) && c.kind.breaks_importers)
            || (in_any(&exports, &c.key) && c.kind.breaks_exporters)
    }));
    breaking
}

/// For every world of each WASI release and the next, witlint's verdict for a component
/// built against the old world agrees with wit-component's own semver check (the one
/// `wasm-tools component semver-check` runs).
#[test]
fn history_worlds_agree_with_wit_component() {
    let (mut compatible, mut incompatible) = (0, 0);
    for package in ["clocks", "random", "filesystem", "sockets"] {
        for pair in history(package).windows(2) {
            let ((old_v, old_p), (new_v, new_p)) = (&pair[0], &pair[1]);
            let (old, new) = (load(old_p), load(new_p));
            let root = |ws: &Workspace| ws.roots[0];
            for (name, &old_world) in &old.resolve.packages[root(&old)].worlds {
                let Some(&new_world) = new.resolve.packages[root(&new)].worlds.get(name) else {
                    continue;
                };
                let case = format!("wasi:{package} {old_v} -> {new_v}, world {name}");
                let mut merged = old.resolve.clone();
                let remap = merged
                    .merge(new.resolve.clone())
                    .unwrap_or_else(|e| panic!("{case}: the two versions do not merge: {e:#}"));
                let new_in_merged = remap.worlds[new_world.index()].expect("merged");
                let theirs = wit_component::semver_check(merged, old_world, new_in_merged);
                let ours = breaking_for_a_component(&old, old_world, &new, new_world);
                assert_eq!(
                    ours.is_empty(),
                    theirs.is_ok(),
                    "{case}: wit-component says {:?}; witlint found:\n{}",
                    theirs.err().map(|e| format!("{e:#}")),
                    lines(&ours)
                );
                if ours.is_empty() {
                    compatible += 1;
                } else {
                    incompatible += 1;
                }
            }
        }
    }
    // Each 0.2.x step keeps components working; 0.3.0 breaks every world.
    assert!(
        compatible >= 40 && incompatible >= 4,
        "{compatible} compatible, {incompatible} incompatible"
    );
}

/// A world's API is what it imports and exports once its includes are elaborated: an
/// import added to an included world is new in the including one too.
#[test]
fn an_include_brings_its_changes_into_the_world() {
    let changes = changes_of("include");
    insta::assert_snapshot!(lines(&changes));
    let keys: Vec<&str> = changes.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "example:worlds/app#import(example:worlds/clock)",
            "example:worlds/base#import(example:worlds/clock)"
        ]
    );
}
