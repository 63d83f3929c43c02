//! `check --fix`, `--unsafe-fixes` and `--diff` on copies of fixtures and corpus entries:
//! safe fixes applied, unsafe ones only when asked, a diff that writes nothing, and what
//! is left afterwards. (Rollback and overlapping edits: unit tests of `lint::fix`.)

mod common;

use std::path::Path;

use common::{copy_dir, corpus, fixtures, witlint};

/// A copy of a folder in a fresh temporary one.
fn copy_of(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(from, &dir.path().join("wit"));
    dir
}

/// Runs witlint in `dir`: exit code, stdout, stderr.
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = witlint().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The findings of `check --format json` whose fix carries an edit, as `rule applicability`.
fn fixable(dir: &Path, preset: &str) -> Vec<String> {
    let (code, out, err) = run(
        dir,
        &["check", "--format", "json", "--preset", preset, "wit"],
    );
    assert_ne!(code, 2, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["fix"]["edit"].is_object())
        .map(|f| {
            format!(
                "{} {}",
                f["rule"].as_str().unwrap(),
                f["fix"]["applicability"].as_str().unwrap()
            )
        })
        .collect()
}

const MESSY: &str = "package example:messy@1.0.0;   \n\n// A frobnicator.\ninterface frob {\n    /// Frobs it. Returns Err(e) when it cannot.\n    frob: func() -> result<u32, string>;\n}";

#[test]
fn fix_applies_the_safe_fixes_and_diff_only_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("wit")).unwrap();
    std::fs::write(dir.path().join("wit/messy.wit"), MESSY).unwrap();
    let before = fixable(dir.path(), "wasi");
    assert_eq!(
        before.len(),
        4,
        "trailing whitespace, `//`, `Err(..)`, no final newline: {before:?}"
    );
    // --diff: a unified diff, nothing written, exit 1.
    let (code, diff, err) = run(dir.path(), &["check", "--preset", "wasi", "--diff", "wit"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        diff.starts_with("--- a/wit/messy.wit\n+++ b/wit/messy.wit\n"),
        "{diff}"
    );
    assert!(
        diff.contains("-// A frobnicator.\n+/// A frobnicator.\n"),
        "{diff}"
    );
    assert!(
        diff.contains("+    /// Frobs it. Returns err(e) when it cannot.\n"),
        "{diff}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("wit/messy.wit")).unwrap(),
        MESSY
    );
    // --fix: written, and the run ends with what is left.
    let (_, _, err) = run(dir.path(), &["check", "--preset", "wasi", "--fix", "wit"]);
    assert!(err.contains("witlint: 4 fixed"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("wit/messy.wit")).unwrap(),
        "package example:messy@1.0.0;\n\n/// A frobnicator.\ninterface frob {\n    /// Frobs it. Returns err(e) when it cannot.\n    frob: func() -> result<u32, string>;\n}\n"
    );
    assert!(fixable(dir.path(), "wasi").is_empty());
    // Nothing left: --diff exits 0.
    let (code, diff, _) = run(dir.path(), &["check", "--preset", "wasi", "--diff", "wit"]);
    assert_eq!((code, diff.as_str()), (0, ""));
}

#[test]
fn unsafe_fixes_wait_for_unsafe_fixes() {
    let dir = copy_of(&fixtures().join("rules/dep-version-mismatch/fire-compatible-patch"));
    assert_eq!(fixable(dir.path(), "wasi"), ["dep-version-mismatch unsafe"]);
    let (_, _, err) = run(dir.path(), &["check", "--preset", "wasi", "--fix", "wit"]);
    assert!(
        err.contains("witlint: 0 fixed (1 more with --unsafe-fixes)"),
        "{err}"
    );
    let (_, _, err) = run(
        dir.path(),
        &["check", "--preset", "wasi", "--unsafe-fixes", "wit"],
    );
    assert!(err.contains("witlint: 1 fixed\n"), "{err}");
    assert!(fixable(dir.path(), "wasi").is_empty());
}

#[test]
fn the_built_in_world_is_not_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(dir.path(), &["check", "--fix", "builtin:wit"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("has no files to fix"), "{err}");
}

/// After `--fix --unsafe-fixes` on a copy of each entry of the cloud-core family, no
/// finding with an edit is left, and the package still loads.
#[test]
fn the_cloud_core_family_has_nothing_mechanical_left() {
    for entry in [
        "WebAssembly__wasi-cloud-core",
        "WebAssembly__wasi-keyvalue",
        "WebAssembly__wasi-blobstore",
        "WebAssembly__wasi-config",
        "WebAssembly__wasi-messaging",
    ] {
        let dir = copy_of(&corpus().join(entry).join("wit"));
        for preset in ["standard", "wasi"] {
            let (code, _, err) = run(
                dir.path(),
                &[
                    "check",
                    "--preset",
                    preset,
                    "--fix",
                    "--unsafe-fixes",
                    "wit",
                ],
            );
            assert_ne!(code, 2, "{entry}: {err}");
            assert!(
                fixable(dir.path(), preset).is_empty(),
                "{entry} ({preset}): {:?}",
                fixable(dir.path(), preset)
            );
        }
    }
}

/// A copy of one rule's fixture file, as `wit/<name>`.
fn fixture_copy(rule: &str, case: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = fixtures().join("rules").join(rule).join(case);
    if from.is_dir() {
        copy_dir(&from, &dir.path().join("wit"));
    } else {
        std::fs::create_dir(dir.path().join("wit")).unwrap();
        std::fs::copy(&from, dir.path().join("wit").join(case)).unwrap();
    }
    dir
}

#[test]
fn gates_and_feature_prefixes_are_unsafe_fixes() {
    // `@since(version = <package version>)` above each ungated item of a gated package.
    let dir = fixture_copy("gate-missing", "fire-world-items.wit");
    let (_, _, err) = run(dir.path(), &["check", "--preset", "wasi", "--fix", "wit"]);
    assert!(err.contains("more with --unsafe-fixes)"), "{err}");
    let (_, _, err) = run(
        dir.path(),
        &["check", "--preset", "wasi", "--unsafe-fixes", "wit"],
    );
    assert!(err.contains("witlint: 4 fixed"), "{err}");
    let text = std::fs::read_to_string(dir.path().join("wit/fire-world-items.wit")).unwrap();
    assert!(
        text.contains("@since(version = 0.2.2)\nworld service {\n    @since(version = 0.2.2)\n    import frob;"),
        "{text}"
    );
    let (code, out, _) = run(
        dir.path(),
        &["check", "--preset", "wasi", "--format", "json", "wit"],
    );
    assert_ne!(code, 2);
    assert!(!out.contains("\"gate-missing\""), "{out}");
    // A feature renamed after its package, on every item that names it.
    let dir = fixture_copy("unstable-feature-prefix", "fire.wit");
    run(
        dir.path(),
        &["check", "--preset", "wasi", "--unsafe-fixes", "wit"],
    );
    let text = std::fs::read_to_string(dir.path().join("wit/fire.wit")).unwrap();
    assert_eq!(
        text.matches("@unstable(feature = clocks-timezone)").count(),
        2,
        "{text}"
    );
}

#[test]
fn dropped_doc_comments_become_notes_unless_unfixable() {
    let dir = fixture_copy("doc-comment-dropped", "fire");
    std::fs::write(
        dir.path().join("wit/witlint.toml"),
        "unfixable = [\"doc-comment-dropped\"]\n",
    )
    .unwrap();
    let (_, diff, _) = run(dir.path(), &["check", "--preset", "wasi", "--diff", "wit"]);
    assert!(!diff.contains("+    // The store interface"), "{diff}");
    std::fs::remove_file(dir.path().join("wit/witlint.toml")).unwrap();
    let (_, _, err) = run(dir.path(), &["check", "--preset", "wasi", "--fix", "wit"]);
    assert!(err.contains("fixed"), "{err}");
    let text = std::fs::read_to_string(dir.path().join("wit/world.wit")).unwrap();
    assert!(
        text.contains("    // The store interface this cache builds on.\n    use "),
        "{text}"
    );
    // A misspelt rule id in `unfixable` is a located error.
    std::fs::write(
        dir.path().join("wit/witlint.toml"),
        "unfixable = [\"doc-comment-dropd\"]\n",
    )
    .unwrap();
    let (code, _, err) = run(dir.path(), &["check", "--fix", "wit"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("witlint.toml:1:14") && err.contains("did you mean `doc-comment-dropped`"),
        "{err}"
    );
}

/// A fix edits only what it found written in the source: a Rust spelling split over two
/// lines of a doc comment is not found as the docs read it, so its fix only says what to
/// write, and `--fix` leaves the file (and the function's name) as it was.
#[test]
fn a_fix_edits_only_text_it_located() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.wit");
    let fixture = fixtures().join("rules/error-doc-rust-syntax/fire-over-two-lines.wit");
    std::fs::copy(&fixture, &file).unwrap();
    let (code, _, err) = run(dir.path(), &["check", "--preset", "wasi", "--fix", "a.wit"]);
    assert_ne!(code, 2, "{err}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        std::fs::read_to_string(&fixture).unwrap()
    );
}
