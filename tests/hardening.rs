//! What the commands must not do on odd or hostile input: fixes written outside the
//! package the user owns (through a symlinked `deps/`, into vendored files, to a lossy
//! file name), rewrites that change a file's owner, links or read-only state, OCI layouts
//! that lose images, wrong exit codes on broken input, limits found only by the encoder
//! or a registry, and control characters that reach a terminal or a CI log.

mod common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use common::witlint;

/// A package with one safe fix under `--preset wasi` (trailing whitespace), using `ex:dep`.
const ROOT: &str = "package ex:root@0.1.0;\n\ninterface r {   \n    use ex:dep/d@0.1.0.{t};\n}\n";
/// A dependency with a safe fix of its own (trailing whitespace).
const DEP: &str = "package ex:dep@0.1.0;\n\ninterface d {   \n    type t = u32;\n}\n";

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = witlint().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn fixes_never_reach_deps_vendored_or_through_a_symlinked_folder() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside/dep");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("dep.wit"), DEP).unwrap();
    // Linked: wit/deps/dep -> ../outside/dep.
    let wit = dir.path().join("wit");
    std::fs::create_dir_all(wit.join("deps")).unwrap();
    std::fs::write(wit.join("a.wit"), ROOT).unwrap();
    std::os::unix::fs::symlink(&outside, wit.join("deps/dep")).unwrap();
    let (code, _, err) = run(
        dir.path(),
        &["check", "--preset", "wasi", "--fix", "--lint-deps", "wit"],
    );
    assert_ne!(code, 2, "{err}");
    assert_eq!(
        std::fs::read_to_string(outside.join("dep.wit")).unwrap(),
        DEP
    );
    assert!(
        !std::fs::read_to_string(wit.join("a.wit"))
            .unwrap()
            .contains("{   \n"),
        "the root's own file is fixed"
    );
    // Vendored: a real folder under deps/ is upstream's, not the user's to rewrite.
    std::fs::remove_file(wit.join("deps/dep")).unwrap();
    std::fs::create_dir(wit.join("deps/dep")).unwrap();
    std::fs::write(wit.join("deps/dep/dep.wit"), DEP).unwrap();
    let (code, _, err) = run(
        dir.path(),
        &[
            "check",
            "--preset",
            "wasi",
            "--fix",
            "--lint-deps",
            "--unsafe-fixes",
            "wit",
        ],
    );
    assert_ne!(code, 2, "{err}");
    assert_eq!(
        std::fs::read_to_string(wit.join("deps/dep/dep.wit")).unwrap(),
        DEP
    );
}

#[test]
fn a_fix_is_written_to_the_real_file_name() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let wit = dir.path().join("wit");
    std::fs::create_dir_all(&wit).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"api-\xff.wit");
    std::fs::write(wit.join(name), DEP).unwrap();
    let (code, _, err) = run(dir.path(), &["check", "--preset", "wasi", "--fix", "wit"]);
    assert_ne!(code, 2, "{err}");
    let files: Vec<_> = std::fs::read_dir(&wit)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files, vec![name.to_os_string()], "no second file");
    assert!(
        !std::fs::read_to_string(wit.join(name))
            .unwrap()
            .contains("{   \n")
    );
}

#[test]
fn a_rewrite_keeps_owner_and_refuses_links_and_read_only_files() {
    let dir = tempfile::tempdir().unwrap();
    let wit = dir.path().join("wit");
    std::fs::create_dir_all(&wit).unwrap();
    let file = wit.join("dep.wit");
    // Another user's file, rewritten by whoever runs the tests (root in CI): it stays theirs.
    std::fs::write(&file, DEP).unwrap();
    let mine = std::fs::metadata(&file).unwrap().uid();
    if mine == 0 {
        std::os::unix::fs::chown(&file, Some(4242), Some(4242)).unwrap();
    }
    let owner = std::fs::metadata(&file).unwrap();
    let (code, _, err) = run(dir.path(), &["check", "--preset", "wasi", "--fix", "wit"]);
    assert_ne!(code, 2, "{err}");
    let after = std::fs::metadata(&file).unwrap();
    assert_ne!(std::fs::read_to_string(&file).unwrap(), DEP, "fixed");
    assert_eq!((after.uid(), after.gid()), (owner.uid(), owner.gid()));

    // Hard links would keep the old text: refused, both unchanged.
    std::fs::write(&file, DEP).unwrap();
    let link = dir.path().join("link.wit");
    std::fs::hard_link(&file, &link).unwrap();
    let (code, _, err) = run(dir.path(), &["check", "--preset", "wasi", "--fix", "wit"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("hard links"), "{err}");
    assert_eq!(std::fs::read_to_string(&link).unwrap(), DEP);
    std::fs::remove_file(&link).unwrap();

    // Read-only: refused.
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let (code, _, err) = run(dir.path(), &["check", "--preset", "wasi", "--fix", "wit"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("read-only"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), DEP);
}

#[test]
fn wit_that_does_not_load_is_exit_2_once_in_every_fix_mode() {
    let dir = tempfile::tempdir().unwrap();
    let wit = dir.path().join("wit");
    std::fs::create_dir_all(&wit).unwrap();
    std::fs::write(
        wit.join("a.wit"),
        "package ex:a@0.1.0;\ninterface i { f func(); }\n",
    )
    .unwrap();
    for mode in ["--diff", "--fix", "--unsafe-fixes"] {
        let (code, out, err) = run(dir.path(), &["check", mode, "wit"]);
        assert_eq!(code, 2, "{mode}: {out}{err}");
        assert_eq!(err.matches("error[wit-parse]").count(), 1, "{mode}: {err}");
        assert!(
            !out.contains("1 input failed") || !out.contains("2 inputs"),
            "{out}"
        );
        assert!(!err.contains("0 fix(es) would change"), "{mode}: {err}");
    }
    let (_, out, _) = run(dir.path(), &["check", "--preset", "wasi", "--fix", "wit"]);
    assert!(out.contains("1 input failed"), "{out}");
}

#[test]
fn a_version_that_goes_down_is_an_error_that_says_the_inputs_may_be_swapped() {
    let dir = tempfile::tempdir().unwrap();
    for (folder, version) in [("old", "2.0.0"), ("new", "1.0.0")] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        std::fs::write(
            dir.path().join(folder).join("a.wit"),
            format!("package ex:a@{version};\ninterface i {{ f: func(); }}\n"),
        )
        .unwrap();
    }
    let (code, out, _) = run(dir.path(), &["diff", "old", "new"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("goes down") && out.contains("swapped"),
        "{out}"
    );
}

/// A package of version 0.1.0 to build, with `extra` WIT after it.
fn project(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("wit")).unwrap();
    std::fs::write(
        dir.path().join("wit/a.wit"),
        format!("package ex:a@0.1.0;\n\ninterface i {{\n    f: func();\n}}\n{extra}"),
    )
    .unwrap();
    dir
}

#[test]
fn source_date_epoch_is_validated_and_an_empty_one_is_unset() {
    let dir = project("");
    for (epoch, ok) in [
        ("", true),
        ("1764547200", true),
        ("253402300800", false),
        ("soon", false),
    ] {
        let out = witlint()
            .current_dir(dir.path())
            .args([
                "build",
                "--allow-missing-metadata",
                "wit",
                "--force",
                "--oci-layout",
                "layout",
            ])
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.success(), ok, "{epoch:?}: {err}");
        if !ok {
            assert_eq!(out.status.code(), Some(2), "{err}");
            assert!(err.contains("SOURCE_DATE_EPOCH"), "{err}");
        }
    }
}

#[test]
fn limits_of_the_encoder_and_of_registries_are_located_errors() {
    let mut many = String::from("\nworld big {\n");
    for i in 0..4097 {
        many.push_str(&format!("    export x{i}: interface {{ f: func(); }}\n"));
    }
    many.push_str("}\n");
    let dir = project(&many);
    let (code, _, err) = run(dir.path(), &["build", "--allow-missing-metadata", "wit"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("4097 interfaces") && err.contains("a.wit:"),
        "{err}"
    );
    assert!(!err.contains("bug"), "{err}");

    let dir = project("");
    std::fs::write(
        dir.path().join("wit/witlint.toml"),
        format!("[package]\ndescription = \"{}\"\n", "x".repeat(5 << 20)),
    )
    .unwrap();
    let (code, _, err) = run(dir.path(), &["build", "--allow-missing-metadata", "wit"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("witlint.toml:2") && err.contains("KiB"),
        "{err}"
    );
    assert!(!dir.path().join("ex-a-0.1.0.wasm").exists());
}

#[test]
fn an_oci_layout_keeps_its_other_images() {
    let dir = project("");
    let build = |dir: &Path| {
        let out = witlint()
            .current_dir(dir)
            .args([
                "build",
                "--allow-missing-metadata",
                "wit",
                "--oci-layout",
                "layout",
            ])
            .env("SOURCE_DATE_EPOCH", "1764547200")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    build(dir.path());
    let blobs = |dir: &Path| {
        let mut b: Vec<String> = std::fs::read_dir(dir.join("layout/blobs/sha256"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        b.sort();
        b
    };
    let first = blobs(dir.path());
    let wit = dir.path().join("wit/a.wit");
    let text = std::fs::read_to_string(&wit).unwrap();
    std::fs::write(&wit, text.replace("@0.1.0", "@0.2.0")).unwrap();
    build(dir.path());
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("layout/index.json")).unwrap())
            .unwrap();
    let tags: Vec<&str> = index["manifests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            m["annotations"]["org.opencontainers.image.ref.name"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(tags, ["0.1.0", "0.2.0"]);
    let both = blobs(dir.path());
    assert!(first.iter().all(|b| both.contains(b)), "0.1.0's blobs stay");
    // 0.2.0 rebuilt with other docs: its old blobs go, 0.1.0's stay.
    std::fs::write(
        &wit,
        text.replace("@0.1.0", "@0.2.0")
            .replace("f: func", "/// F.\n    f: func"),
    )
    .unwrap();
    build(dir.path());
    let after = blobs(dir.path());
    assert!(
        first.iter().all(|b| after.contains(b)),
        "0.1.0's blobs stay"
    );
    assert_eq!(
        after.len(),
        both.len(),
        "the replaced image's blobs went: {after:?}"
    );
    witlint()
        .current_dir(dir.path())
        .args([
            "build",
            "--allow-missing-metadata",
            "wit",
            "--check",
            "--oci-layout",
            "layout",
        ])
        .env("SOURCE_DATE_EPOCH", "1764547200")
        .assert()
        .success();
}

#[test]
fn a_component_with_core_modules_inside_is_not_taken_for_a_core_module() {
    let dir = tempfile::tempdir().unwrap();
    let wat = dir.path().join("guest.wat");
    std::fs::write(
        &wat,
        "(component\n  (core module $m (func (export \"f\")))\n  (core instance $i (instantiate $m))\n  (func $f (canon lift (core func $i \"f\")))\n  (export \"f\" (func $f))\n)\n",
    )
    .unwrap();
    let (code, out, err) = run(dir.path(), &["check", "guest.wat"]);
    assert!(!err.contains("core WebAssembly module"), "{err}");
    assert_ne!(code, 2, "{out}{err}");
}

#[test]
fn control_characters_reach_no_terminal_or_log() {
    let dir = project("");
    std::fs::write(
        dir.path().join("wit/witlint.toml"),
        "[package]\ndescription = \"red \\u001b[31m bell \\u0007 back \\r over \\u202e\"\n",
    )
    .unwrap();
    let out = witlint()
        .current_dir(dir.path())
        .args(["build", "--allow-missing-metadata", "wit", "-o", "a.wasm"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("\\u{1b}[31m") && err.contains("\\u{202e}"),
        "{err}"
    );
    // Metadata read back from a `.wasm`, and a file name with controls in it, in the
    // text report and the GitHub annotations.
    let named = dir.path().join("named");
    std::fs::create_dir_all(&named).unwrap();
    std::fs::write(named.join("x\u{1b}[31m\r.wit"), DEP).unwrap();
    for (args, what) in [
        (&["check", "a.wasm"][..], "check"),
        (
            &["check", "--preset", "wasi", "named"][..],
            "check, file name",
        ),
        (
            &["check", "--preset", "wasi", "--format", "github", "named"][..],
            "github, file name",
        ),
    ] {
        let out = witlint()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        let all = [out.stdout, out.stderr].concat();
        let text = String::from_utf8_lossy(&all);
        assert!(
            !all.iter().any(|&b| b == 0x1b || b == 0x07 || b == b'\r'),
            "{what}: {text}"
        );
        assert!(!text.contains('\u{202e}'), "{what}: {text}");
        assert!(text.contains("\\u{1b}"), "{what}: shown escaped: {text}");
    }
}
