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

/// Runs `witlint ARGS` in a folder holding these files; returns (exit, stdout, stderr).
fn run_in(files: &[(&str, &[u8])], args: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let out = witlint()
        .current_dir(dir.path())
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().expect("no signal"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_forbidden_character_in_a_later_file_is_located_in_that_file() {
    for (bad, name) in [
        ("\u{202e}", "U+202E"),
        ("\u{7}", "U+0007"),
        ("\u{1}", "U+0001"),
    ] {
        let second =
            format!("// second file\ninterface y {{\n  /// a {bad} here\n  f: func();\n}}\n");
        let (code, _, stderr) = run_in(
            &[
                ("a.wit", b"package a:b;\ninterface x {}\n"),
                ("b.wit", second.as_bytes()),
            ],
            &["check", "."],
        );
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("--> b.wit:3:9"), "{name}: {stderr}");
        assert!(
            stderr.contains(name) && !stderr.contains("EscapeUnicode"),
            "{stderr}"
        );
    }
}

#[test]
fn a_file_that_is_not_utf8_is_located_at_its_first_bad_byte() {
    let (code, _, stderr) = run_in(
        &[("a.wit", b"package a:b;\ninterface x {\n  /// caf\xe9\n}\n")],
        &["check", "."],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("--> a.wit:3:10"), "{stderr}");
}

#[test]
fn resolve_errors_name_what_they_are_about() {
    // No dangling "known packages:" at the end of the message.
    let (_, _, stderr) = run_in(
        &[(
            "a.wit",
            b"package a:b;\ninterface i { use wasi:io/poll@0.2.0.{pollable}; }\n",
        )],
        &["check", "."],
    );
    let message = stderr.lines().next().unwrap();
    assert!(!message.ends_with(':'), "{message}");
    // A dependency cycle names every package in it.
    let (code, _, stderr) = run_in(
        &[
            (
                "r.wit",
                b"package r:r@0.1.0;\nworld w { import x:a/i@0.1.0; }\n",
            ),
            (
                "deps/a/a.wit",
                b"package x:a@0.1.0;\ninterface i { use x:b/j@0.1.0.{t}; }\n",
            ),
            (
                "deps/b/b.wit",
                b"package x:b@0.1.0;\ninterface j { type t = u32; use x:a/i@0.1.0.{}; }\n",
            ),
        ],
        &["check", "."],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("dependency cycle: `x:a@0.1.0` uses `x:b@0.1.0` uses `x:a@0.1.0`"),
        "{stderr}"
    );
}

/// A config that cannot be used is an error of the report itself, in every format.
#[test]
fn config_errors_are_in_every_format() {
    let files: &[(&str, &[u8])] = &[
        ("a.wit", b"package a:b;\ninterface i {}\n"),
        ("witlint.toml", b"[rules]\nmising-docs = \"loud\"\n"),
    ];
    let (code, stdout, stderr) = run_in(files, &["check", "."]);
    assert_eq!(code, 2);
    assert!(!stdout.contains("witlint: \n"), "{stdout}");
    assert!(
        stderr.contains("did you mean `missing-docs`") && stderr.contains("--> witlint.toml:2:1"),
        "{stderr}"
    );
    let (code, stdout, _) = run_in(files, &["check", "--format", "json", "."]);
    assert_eq!(code, 2);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["load_errors"][0]["code"], "config", "{report:#}");
    let (code, stdout, _) = run_in(files, &["check", "--format", "sarif", "."]);
    assert_eq!(code, 2);
    let sarif: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        sarif["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
    let bad_level: &[(&str, &[u8])] = &[
        ("a.wit", b"package a:b;\ninterface i {}\n"),
        ("witlint.toml", b"[rules]\nmissing-docs = \"loud\"\n"),
    ];
    let (_, _, stderr) = run_in(bad_level, &["check", "."]);
    assert!(
        stderr.contains("`missing-docs` is \"loud\", not a level") && !stderr.contains("untagged"),
        "{stderr}"
    );
    let no_reason: &[(&str, &[u8])] = &[
        ("a.wit", b"package a:b;\ninterface i {}\n"),
        (
            "witlint.toml",
            b"[[overrides]]\nitems = [\"*\"]\nrules = { missing-docs = \"off\" }\n",
        ),
    ];
    let (code, _, stderr) = run_in(no_reason, &["check", "."]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no `reason`"), "{stderr}");
}

#[test]
fn help_texts_are_whole_sentences() {
    for args in [
        &["check", "--help"][..],
        &["docs", "--help"],
        &["scaffold", "host", "--help"],
    ] {
        let (_, stdout, _) = run_in(&[], args);
        assert!(!stdout.contains("exists, else\n"), "{args:?}: {stdout}");
    }
}

/// Findings on a `.wat` package name its file; a fix without an edit says `"edit": null`.
#[test]
fn findings_on_a_text_package_name_its_file() {
    let wat = common::corpus().join("wit-component-interfaces/interfaces/floats.wat");
    let (_, report) = common::check_json(&["--preset", "standard", wat.to_str().unwrap()]);
    let findings = report["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        assert!(f["file"].as_str().unwrap().ends_with("floats.wat"), "{f:#}");
        assert!(f["fix"]["edit"].is_null() || f["fix"]["edit"].is_object());
        assert!(f["fix"].as_object().unwrap().contains_key("edit"), "{f:#}");
    }
}

/// Inputs have sane limits, checked before anything is read: a file over 16 MiB, or an
/// input over 32 MiB with its deps/, is a clear error, not gigabytes of docs.
#[test]
fn inputs_over_the_limits_are_refused_before_they_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = "interface i {}\n".repeat((17 << 20) / 15 + 1);
    std::fs::write(dir.path().join("big.wit"), format!("package a:b;\n{big}")).unwrap();
    let out = witlint()
        .current_dir(dir.path())
        .args(["check", "big.wit"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("more than the 16 MiB witlint reads from one file"),
        "{stderr}"
    );
    let folder = dir.path().join("wit");
    std::fs::create_dir_all(&folder).unwrap();
    let part = "interface i {}\n".repeat((12 << 20) / 15);
    for k in 0..3 {
        let head = if k == 0 { "package a:b;\n" } else { "" };
        std::fs::write(folder.join(format!("p{k}.wit")), format!("{head}{part}")).unwrap();
    }
    let out = witlint()
        .current_dir(dir.path())
        .args(["docs", "wit"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("more than the 32 MiB witlint loads"),
        "{stderr}"
    );
}
