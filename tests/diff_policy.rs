//! `witlint diff`'s policy as a release engineer meets it: different packages refused
//! unless renamed, worlds that come and go, WASI's own 0.3.0 releases passing, pre-releases
//! judged only when asked, and every WASI step diffed backwards going down. (The command's
//! formats and options: tests/diff_cli.rs; the engine: tests/diff.rs.)

mod common;

use common::witlint;

/// Two inputs that define different packages are not two versions of one: refused unless
/// `--rename` says NEW is OLD renamed, and then compared item by item under the new name.
#[test]
fn different_packages_are_refused_unless_renamed() {
    let dir = tempfile::tempdir().unwrap();
    for (folder, name) in [("old", "ex:before@0.1.0"), ("new", "ex:after@0.2.0")] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        std::fs::write(
            dir.path().join(folder).join("a.wit"),
            format!("package {name};\ninterface i {{ f: func(); }}\nworld w {{ import i; }}\n"),
        )
        .unwrap();
    }
    let run = |extra: &[&str]| {
        witlint()
            .current_dir(dir.path())
            .args(["diff", "old", "new"])
            .args(extra)
            .output()
            .unwrap()
    };
    let refused = run(&[]);
    let err = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(2), "{err}");
    assert!(err.contains("--rename ex:before=ex:after"), "{err}");
    let wrong = run(&["--rename", "ex:x=ex:after"]);
    assert_eq!(wrong.status.code(), Some(2));
    let renamed = run(&["--rename", "ex:before=ex:after"]);
    let out = String::from_utf8_lossy(&renamed.stdout);
    assert_eq!(renamed.status.code(), Some(0), "{out}");
    assert!(
        out.contains(": 0 change(s)"),
        "the same items under the new name: {out}"
    );
}

/// A world that goes is a breaking change of its own, with its contents summarised; one
/// that comes is an addition.
#[test]
fn worlds_added_and_removed_are_changes() {
    let dir = tempfile::tempdir().unwrap();
    for (folder, world) in [("old", "w"), ("new", "v")] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        std::fs::write(
            dir.path().join(folder).join("a.wit"),
            format!(
                "package ex:a@0.1.0;\ninterface i {{ f: func(); }}\nworld {world} {{ import i; export g: func(); }}\n"
            ),
        )
        .unwrap();
    }
    let out = witlint()
        .current_dir(dir.path())
        .args(["diff", "old", "new", "--release", "minor"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("[world-removed]: world `w` is gone (1 import, 1 export)"),
        "{text}"
    );
    assert!(
        text.contains("[world-added]: world `v` is new (1 import, 1 export)"),
        "{text}"
    );
    assert!(text.contains("requires major"), "{text}");
}

/// WASI's own 0.3.0 releases are correct releases: gates inherited from containers (a
/// method of a gated resource, a `use` in a gated interface, the imports an `@since`
/// include brings in) are no "missing gate", so each step exits 0 with a major bump; and a
/// package built from its source compares to it with no change (its `.wasm` has no
/// include statements: worlds are compared as elaborated).
#[test]
fn wasi_0_3_0_releases_pass_and_a_built_package_matches_its_source() {
    let corpus = common::corpus();
    let pairs = [
        (
            "WebAssembly__wasi-cli/wit",
            "WebAssembly__WASI__proposals-cli__with-deps/wit",
        ),
        (
            "WebAssembly__wasi-http/wit",
            "WebAssembly__WASI__proposals-http__with-deps/wit",
        ),
        (
            "wasi-history/clocks/v0.2.12/wit",
            "wasi-history/clocks/v0.3.0/wit",
        ),
        (
            "wasi-history/filesystem/v0.2.12/wit",
            "wasi-history/filesystem/v0.3.0/wit",
        ),
        (
            "wasi-history/sockets/v0.2.12/wit",
            "wasi-history/sockets/v0.3.0/wit",
        ),
        (
            "wasi-history/random/v0.2.12/wit",
            "wasi-history/random/v0.3.0/wit",
        ),
    ];
    for (old, new) in pairs {
        let out = witlint()
            .arg("diff")
            .arg(corpus.join(old))
            .arg(corpus.join(new))
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{old} -> {new}:\n{text}");
        assert!(
            text.trim_end().ends_with("requires major, got major"),
            "{old} -> {new}: {}",
            text.lines().last().unwrap_or_default()
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let wasm = dir.path().join("cli.wasm");
    let source = corpus.join("WebAssembly__WASI__proposals-cli__with-deps/wit");
    witlint()
        .args(["build", "--allow-missing-metadata"])
        .arg(&source)
        .arg("-o")
        .arg(&wasm)
        .assert()
        .success();
    let out = witlint()
        .arg("diff")
        .arg(&source)
        .arg(&wasm)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains(": 0 change(s)"), "{text}");
}

/// Pre-releases promise nothing under semver: the summary says they are not judged and
/// how to hold them to it; a planned `--release` is checked, and `--strict-prerelease`
/// judges their numbers.
#[test]
fn pre_releases_are_judged_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    for (folder, version, body) in [
        ("old", "0.2.0-draft", "f: func(); g: func();"),
        ("new", "0.2.0-draft2", "f: func();"),
    ] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        std::fs::write(
            dir.path().join(folder).join("a.wit"),
            format!("package ex:a@{version};\ninterface i {{ {body} }}\n"),
        )
        .unwrap();
    }
    let run = |extra: &[&str]| {
        let out = witlint()
            .current_dir(dir.path())
            .args(["diff", "old", "new"])
            .args(extra)
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, text) = run(&[]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("pre-release versions promise nothing")
            && text.contains("--strict-prerelease"),
        "{text}"
    );
    assert_eq!(run(&["--release", "patch"]).0, 1);
    let (code, text) = run(&["--strict-prerelease"]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("requires major, got none"), "{text}");
}

/// Every step of WASI's history passes forward (exit 0), and it, and every other WASI
/// package the corpus holds in two versions, diffed backwards (NEW → OLD) is never a clean
/// "0 changes": the version goes down, and the verdict says the inputs may be swapped.
#[test]
fn wasi_history_backwards_is_never_clean() {
    let history = common::corpus().join("wasi-history");
    let mut steps = 0;
    for package in ["clocks", "random", "filesystem", "sockets"] {
        let mut versions: Vec<(semver::Version, std::path::PathBuf)> =
            std::fs::read_dir(history.join(package))
                .unwrap()
                .filter_map(|e| {
                    let p = e.ok()?.path();
                    let v = p.file_name()?.to_str()?.strip_prefix('v')?.parse().ok()?;
                    Some((v, p.join("wit")))
                })
                .collect();
        versions.sort();
        for pair in versions.windows(2) {
            let (old, new) = (&pair[0].1, &pair[1].1);
            // Forward, each of WASI's releases covers its changes.
            let forward = witlint().arg("diff").arg(old).arg(new).output().unwrap();
            assert_eq!(
                forward.status.code(),
                Some(0),
                "{}:\n{}",
                new.display(),
                String::from_utf8_lossy(&forward.stdout)
            );
            let out = witlint().arg("diff").arg(new).arg(old).output().unwrap();
            let text = String::from_utf8_lossy(&out.stdout);
            assert_eq!(
                out.status.code(),
                Some(1),
                "{} backwards:\n{text}",
                new.display()
            );
            assert!(
                text.contains("goes down") && text.contains("swapped"),
                "{} backwards:\n{text}",
                new.display()
            );
            steps += 1;
        }
    }
    // The corpus's other WASI packages with two versions (a release and the next, or its
    // release candidate): forward is judged, backward goes down.
    let corpus = common::corpus();
    for (old, new) in [
        (
            "WebAssembly__wasi-cli/wit",
            "WebAssembly__WASI__proposals-cli__with-deps/wit",
        ),
        (
            "WebAssembly__wasi-http/wit",
            "WebAssembly__WASI__proposals-http__with-deps/wit",
        ),
        (
            "WebAssembly__wasi-cli/wit",
            "WebAssembly__wasi-cli__wit-0.3.0-draft/wit",
        ),
        (
            "WebAssembly__wasi-http/wit",
            "WebAssembly__wasi-http__wit-0.3.0-draft/wit",
        ),
        (
            "WebAssembly__wasi-clocks/wit",
            "WebAssembly__wasi-clocks__wit-0.3.0-draft/wit",
        ),
        (
            "WebAssembly__wasi-random/wit",
            "WebAssembly__wasi-random__wit-0.3.0-draft/wit",
        ),
        (
            "WebAssembly__wasi-filesystem/wit",
            "WebAssembly__wasi-filesystem__wit-0.3.0-draft/wit",
        ),
        (
            "WebAssembly__wasi-sockets/wit",
            "WebAssembly__wasi-sockets__wit-0.3.0-draft/wit",
        ),
        (
            "WebAssembly__wasi-tls/wit",
            "WebAssembly__wasi-tls__wit-0.3.0-draft/wit",
        ),
    ] {
        let (old, new) = (corpus.join(old), corpus.join(new));
        let forward = witlint().arg("diff").arg(&old).arg(&new).output().unwrap();
        let text = String::from_utf8_lossy(&forward.stdout);
        assert_ne!(
            forward.status.code(),
            Some(2),
            "{}:
{text}",
            new.display()
        );
        assert!(
            !text.contains("goes down"),
            "{}:
{text}",
            new.display()
        );
        let backward = witlint().arg("diff").arg(&new).arg(&old).output().unwrap();
        let text = String::from_utf8_lossy(&backward.stdout);
        assert_eq!(
            backward.status.code(),
            Some(1),
            "{} backwards:
{text}",
            new.display()
        );
        assert!(
            text.contains("goes down"),
            "{} backwards:
{text}",
            new.display()
        );
        steps += 1;
    }
    assert!(steps >= 49, "{steps} steps");
}
