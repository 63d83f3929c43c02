//! `witlint fmt` on the command line: `--check` and `--diff` write nothing and exit 1 when
//! something would change; a run formats the package's own files (never deps/), and a
//! second finds nothing; `-` formats stdin to stdout; what wit-parser rejects is rejected
//! with its error, and nothing is written.

mod common;

use common::{copy_dir, corpus, witlint};

fn run(dir: &std::path::Path, args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut cmd = witlint();
    cmd.current_dir(dir).args(args);
    if let Some(text) = stdin {
        cmd.write_stdin(text);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_diff_write_and_a_second_run() {
    let dir = tempfile::tempdir().unwrap();
    let wit = dir.path().join("wit");
    copy_dir(&corpus().join("hayride-dev__coven/wit"), &wit);
    common::writable(dir.path());
    let deps_before: Vec<_> = common::walk(&wit.join("deps"))
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let (code, listed, err) = run(dir.path(), &["fmt", "--check"], None);
    assert_eq!(code, 1, "{err}");
    assert!(listed.contains("wit/world.wit"), "{listed}");
    let (code, diff, _) = run(dir.path(), &["fmt", "--diff"], None);
    assert_eq!(code, 1);
    assert!(diff.starts_with("--- a/wit/"), "{diff}");
    let (code, _, err) = run(dir.path(), &["fmt"], None);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("formatted"), "{err}");
    let (code, _, err) = run(dir.path(), &["fmt", "--check"], None);
    assert_eq!(code, 0, "{err}");
    let deps_after: Vec<_> = common::walk(&wit.join("deps"))
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    assert_eq!(deps_before, deps_after, "deps/ is never formatted");
}

#[test]
fn stdin_to_stdout_and_what_wit_parser_rejects() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run(
        dir.path(),
        &["fmt", "-"],
        Some("package a:b;\ninterface i {\n  f:func( x:u32 ) ;\n}"),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "package a:b;\ninterface i {\n    f: func(x: u32);\n}\n"
    );
    let broken = "package a:b;\ninterface i {\n  f: func(\n}\n";
    let (code, out, err) = run(dir.path(), &["fmt", "-"], Some(broken));
    assert_eq!(code, 2);
    assert!(
        out.is_empty() && err.contains("error[wit-parse]") && err.contains("<stdin>:4:1"),
        "{err}"
    );
    std::fs::write(dir.path().join("api.wit"), broken).unwrap();
    let (code, _, err) = run(dir.path(), &["fmt", "api.wit"], None);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("api.wit")).unwrap(),
        broken
    );
}

/// What `witlint fmt` changes in the WASI packages, as the unified diff a maintainer
/// reviews: the cloud-core family, wasi-io (wrapped parameter lists with docs) and
/// wasi-sockets (long signatures). wasi-clocks is in the style already: no change.
#[test]
fn the_formatting_of_wasi_packages() {
    for entry in [
        "WebAssembly__wasi-config",
        "WebAssembly__wasi-keyvalue",
        "WebAssembly__wasi-blobstore",
        "WebAssembly__wasi-cloud-core",
        "WebAssembly__wasi-io",
        "WebAssembly__wasi-sockets",
        "WebAssembly__wasi-clocks",
    ] {
        let (code, diff, err) = run(&corpus(), &["fmt", "--diff", &format!("{entry}/wit")], None);
        assert!(code == 0 || code == 1, "{entry}: {err}");
        assert_eq!(code == 1, !diff.is_empty(), "{entry}");
        insta::assert_snapshot!(format!("wasi_fmt_{entry}"), diff);
    }
}

/// `[format] line-width` in witlint.toml sets where long signatures wrap, for files and
/// for stdin (the current folder's); a width that is not one is a located error.
#[test]
fn line_width_comes_from_witlint_toml() {
    let dir = tempfile::tempdir().unwrap();
    let wit = dir.path().join("wit");
    std::fs::create_dir(&wit).unwrap();
    let text = "package a:b@0.1.0;\n\ninterface i {\n    get: func(bucket: string, key: string) -> result<list<u8>, string>;\n}\n";
    std::fs::write(wit.join("i.wit"), text).unwrap();
    let (code, out, err) = run(dir.path(), &["fmt", "-"], Some(text));
    assert_eq!((code, out.as_str()), (0, text), "fits in 100: {err}");
    std::fs::write(
        dir.path().join("witlint.toml"),
        "[format]\nline-width = 60\n",
    )
    .unwrap();
    let wrapped = "package a:b@0.1.0;\n\ninterface i {\n    get: func(\n        bucket: string,\n        key: string,\n    ) -> result<list<u8>, string>;\n}\n";
    let (code, out, err) = run(dir.path(), &["fmt", "-"], Some(text));
    assert_eq!((code, out.as_str()), (0, wrapped), "{err}");
    let (code, _, err) = run(dir.path(), &["fmt"], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(wit.join("i.wit")).unwrap(), wrapped);
    std::fs::write(
        dir.path().join("witlint.toml"),
        "[format]\nline-width = 7\n",
    )
    .unwrap();
    let (code, _, err) = run(dir.path(), &["fmt", "--check"], None);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("witlint.toml:2:14") && err.contains("`line-width` is 7"),
        "{err}"
    );
}
