//! Bad input and a hostile environment: witlint never panics, answers with exit 2 and a
//! located message, and never reports success for output that did not arrive.

mod common;

use std::path::Path;
use std::process::Stdio;

use common::witlint;

/// Runs `witlint check` on a package folder holding these files; returns (exit, stderr).
fn check_files(files: &[(&str, &[u8])]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let out = witlint()
        .current_dir(dir.path())
        .env("RUST_BACKTRACE", "1")
        .args(["check", "."])
        .output()
        .unwrap();
    (
        out.status.code().expect("no signal"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_located_exit_2(what: &str, (code, stderr): (i32, String)) {
    assert!(
        !stderr.contains("panicked") && !stderr.contains("stack backtrace"),
        "{what}: {stderr}"
    );
    assert_eq!(code, 2, "{what}: {stderr}");
    assert!(stderr.contains("--> "), "{what}: no location\n{stderr}");
}

#[test]
fn a_multi_byte_character_where_the_parser_stops_is_located() {
    for (name, c) in [
        ("zero-width space", "\u{200b}"),
        ("no-break space", "\u{a0}"),
        ("curly quote", "\u{201c}"),
        ("e acute", "é"),
        ("right-to-left override", "\u{202e}"),
    ] {
        let text = format!("package a:b;\n{c}");
        assert_located_exit_2(name, check_files(&[("a.wit", text.as_bytes())]));
        let with_bom = format!("\u{feff}package a:b;\ninterface x {{ {c} }}\n");
        let (code, stderr) = check_files(&[("a.wit", with_bom.as_bytes())]);
        assert_located_exit_2(&format!("{name} after a BOM"), (code, stderr.clone()));
        assert!(stderr.contains("a.wit:2:"), "{name}: {stderr}");
    }
}

#[test]
fn a_panic_inside_wit_parser_is_an_error_of_the_input() {
    let io: (&str, &[u8]) = (
        "deps/io/poll.wit",
        b"package wasi:io@0.2.0;\ninterface poll { resource pollable; }\n",
    );
    // `@deprecated` without `@since` on a foreign import.
    let world = b"package a:b@0.1.0;\nworld w {\n  @deprecated(version = 0.2.0)\n  import wasi:io/poll@0.2.0;\n}\n";
    let (code, stderr) = check_files(&[("a.wit", world), io]);
    assert_located_exit_2("deprecated without since", (code, stderr.clone()));
    assert!(
        stderr.contains("wit-parser failed on this input") && stderr.contains("a.wit:3:"),
        "{stderr}"
    );
    // `@since` twice on a foreign `use`.
    let iface = b"package a:b@0.1.0;\n@since(version = 0.1.0)\ninterface i {\n  @since(version = 0.1.0)\n  @since(version = 0.1.0)\n  use wasi:io/poll@0.2.0.{pollable};\n}\n";
    let (code, stderr) = check_files(&[("a.wit", iface), io]);
    assert_located_exit_2("since twice", (code, stderr.clone()));
    assert!(
        stderr.contains("wit-parser failed on this input"),
        "{stderr}"
    );
}

#[test]
fn an_unresolvable_root_in_the_current_folder_exits_2() {
    let root = b"package a:b@0.1.0;\n@unstable(feature = f)\ninterface i { use wasi:io/poll@0.2.0.{pollable}; }\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.wit"), root).unwrap();
    let abs = format!("{}/", dir.path().display());
    for input in [None, Some("."), Some("./"), Some(abs.as_str())] {
        let out = witlint()
            .current_dir(dir.path())
            .arg("check")
            .args(input)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_located_exit_2(&format!("{input:?}"), (out.status.code().unwrap(), stderr));
    }
}

/// Every command that prints, with stdout full (`/dev/full`) and closed: exit 2 and a
/// message, never a panic and never a clean exit having written nothing.
#[test]
fn output_that_cannot_be_written_is_an_error() {
    let wit = Path::new(env!("CARGO_MANIFEST_DIR")).join("wit");
    let wit = wit.to_str().unwrap();
    let commands: &[&[&str]] = &[
        &["rules"],
        &["rules", "--format", "json"],
        &["explain", "missing-docs"],
        &["check", wit],
        &["check", "--format", "json", wit],
        &["check", "--format", "sarif", wit],
        &["docs", "--format", "json", wit],
        &["docs", wit],
    ];
    for args in commands {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("witlint"))
            .args(*args)
            .stdout(full)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?} into /dev/full: {stderr}"
        );
        assert!(
            stderr.contains("cannot write to standard output") && !stderr.contains("panicked"),
            "{args:?}: {stderr}"
        );
        // A reader that has gone away: a pipe whose reading end is closed.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("witlint"))
            .args(*args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?} into a closed pipe: {stderr}"
        );
    }
}
