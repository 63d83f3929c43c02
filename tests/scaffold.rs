//! `witlint scaffold`: what it writes, what it refuses, and a golden host crate.
//! (That generated crates build is tests/scaffold_build.rs.)

mod common;

use common::{corpus, scaffold, witlint};
use predicates::prelude::*;

fn tree(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn host_crate_for_keyvalue_matches_golden() {
    let tmp = tempfile::tempdir().unwrap();
    scaffold(
        &["host", "wasi:keyvalue/imports", "--name", "redis-kv"],
        tmp.path(),
    )
    .success()
    .stdout(predicate::str::contains("5 host traits to implement"));
    let dir = tmp.path().join("redis-kv");
    assert_eq!(
        tree(&dir),
        [
            "Cargo.toml",
            "src/lib.rs",
            "tests/linker.rs",
            "wit/atomic.wit",
            "wit/batch.wit",
            "wit/store.wit",
            "wit/watch.wit",
            "wit/world.wit"
        ]
    );
    // wit/ is copied as written.
    assert_eq!(
        std::fs::read_to_string(dir.join("wit/store.wit")).unwrap(),
        std::fs::read_to_string("wit/deps/keyvalue/store.wit").unwrap()
    );
    insta::assert_snapshot!(
        "host_cargo_toml",
        std::fs::read_to_string(dir.join("Cargo.toml")).unwrap()
    );
    insta::assert_snapshot!(
        "host_lib_rs",
        std::fs::read_to_string(dir.join("src/lib.rs")).unwrap()
    );
    insta::assert_snapshot!(
        "host_linker_rs",
        std::fs::read_to_string(dir.join("tests/linker.rs")).unwrap()
    );
}

#[test]
fn guest_crate_for_watch_service_matches_golden() {
    let tmp = tempfile::tempdir().unwrap();
    scaffold(
        &["guest", "wasi:keyvalue/watch-service", "--name", "watcher"],
        tmp.path(),
    )
    .success();
    let lib = std::fs::read_to_string(tmp.path().join("watcher/src/lib.rs")).unwrap();
    insta::assert_snapshot!("guest_lib_rs", lib);
}

#[test]
fn guest_bindings_file_needs_no_proc_macro() {
    let tmp = tempfile::tempdir().unwrap();
    scaffold(
        &[
            "guest",
            "wasi:keyvalue/watch-service",
            "--name",
            "watcher",
            "--bindings",
            "file",
        ],
        tmp.path(),
    )
    .success();
    let dir = tmp.path().join("watcher");
    let cargo = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    assert!(cargo.contains("default-features = false"), "{cargo}");
    let lib = std::fs::read_to_string(dir.join("src/lib.rs")).unwrap();
    assert!(
        lib.contains("mod bindings;") && !lib.contains("generate!"),
        "{lib}"
    );
    assert!(lib.contains("bindings::export!(Component with_types_in bindings);"));
    let bindings = std::fs::read_to_string(dir.join("src/bindings.rs")).unwrap();
    assert!(
        bindings.contains("pub trait Guest"),
        "bindings.rs has the export traits"
    );
}

#[test]
fn same_input_same_bytes() {
    let run = || {
        let tmp = tempfile::tempdir().unwrap();
        scaffold(
            &["host", "wasi:cloud-core/imports", "--name", "cc"],
            tmp.path(),
        )
        .success();
        let dir = tmp.path().join("cc");
        tree(&dir)
            .into_iter()
            .map(|f| (std::fs::read_to_string(dir.join(&f)).unwrap(), f))
            .collect::<Vec<_>>()
    };
    assert_eq!(run(), run());
}

#[test]
fn dry_run_lists_files_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    scaffold(
        &[
            "host",
            "wasi:blobstore/imports",
            "--name",
            "s3-blobs",
            "--dry-run",
        ],
        tmp.path(),
    )
    .success()
    .stdout(predicate::str::contains("src/lib.rs"))
    .stdout(predicate::str::contains("wit/deps/io/streams.wit"));
    assert!(std::fs::read_dir(tmp.path()).unwrap().next().is_none());
}

#[test]
fn refuses_a_non_empty_folder_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("kv");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("src/lib.rs"), "// my own code\n").unwrap();
    scaffold(
        &["host", "wasi:keyvalue/imports", "--name", "kv"],
        tmp.path(),
    )
    .code(2)
    .stderr(predicate::str::contains("exists and is not empty"))
    .stderr(predicate::str::contains("--force"));
    assert_eq!(
        std::fs::read_to_string(dir.join("src/lib.rs")).unwrap(),
        "// my own code\n"
    );
    assert!(!dir.join("Cargo.toml").exists(), "nothing written");
    scaffold(
        &["host", "wasi:keyvalue/imports", "--name", "kv", "--force"],
        tmp.path(),
    )
    .success();
    assert!(
        std::fs::read_to_string(dir.join("src/lib.rs"))
            .unwrap()
            .contains("bindgen!")
    );
}

#[test]
fn rejects_bad_crate_names() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, why) in [
        ("../escape", "outside --out"),
        ("/abs/path", "outside --out"),
        ("fn", "keyword"),
        ("1kv", "does not start with a letter"),
        ("-kv", "does not start with a letter"),
        ("kv.host", "letters, digits"),
    ] {
        witlint()
            .args([
                "scaffold",
                "host",
                "wasi:keyvalue/imports",
                &format!("--name={name}"),
                "--out",
            ])
            .arg(tmp.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains(why));
    }
    assert!(std::fs::read_dir(tmp.path()).unwrap().next().is_none());
}

#[test]
fn unknown_targets_list_what_exists() {
    witlint()
        .args([
            "scaffold",
            "guest",
            "wasi:keyvalue/nope",
            "--name",
            "x",
            "--dry-run",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no world `wasi:keyvalue/nope`"))
        .stderr(predicate::str::contains(
            "wasi:keyvalue/watch-service@0.2.0-draft2",
        ));
}

#[test]
fn broken_wit_is_a_located_error() {
    let tmp = tempfile::tempdir().unwrap();
    let wit = tmp.path().join("broken.wit");
    std::fs::write(
        &wit,
        "package a:b@1.0.0;\ninterface i {\n  f: func() -> nope;\n}\n",
    )
    .unwrap();
    witlint()
        .args(["scaffold", "host", "a:b/i", "--name", "x", "--wit"])
        .arg(&wit)
        .arg("--out")
        .arg(tmp.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.wit:3:"));
}

#[test]
fn world_package_passes_check_with_the_wasi_preset() {
    let tmp = tempfile::tempdir().unwrap();
    scaffold(
        &[
            "world",
            "acme:orders@0.1.0-draft",
            "--include",
            "wasi:cloud-core/imports@0.2.0-draft2",
            "--export",
            "wasi:keyvalue/watcher@0.2.0-draft2",
            "--licenses",
            "Apache-2.0 WITH LLVM-exception",
            "--source",
            "https://github.com/acme/orders",
        ],
        tmp.path(),
    )
    .success();
    let wit = tmp.path().join("wit");
    // What `witlint build` writes into the package, declared for the wasi preset.
    assert_eq!(
        std::fs::read_to_string(wit.join("witlint.toml")).unwrap(),
        "# witlint's settings for acme:orders@0.1.0-draft: what `witlint build` writes into the package.\n\n[package]\nlicenses = \"Apache-2.0 WITH LLVM-exception\"\nsource = \"https://github.com/acme/orders\"\n"
    );
    insta::assert_snapshot!(
        "world_wit",
        std::fs::read_to_string(wit.join("world.wit")).unwrap()
    );
    insta::assert_snapshot!(
        "world_deps_toml",
        std::fs::read_to_string(wit.join("deps.toml")).unwrap()
    );
    witlint()
        .arg("check")
        .arg(&wit)
        .args(["--preset", "wasi", "--fail-level", "info"])
        .assert()
        .success();
    // The new world is a target of its own: its include of an include is copied along.
    for kind in ["host", "guest"] {
        witlint()
            .args(["scaffold", kind, "acme:orders/orders", "--wit"])
            .arg(&wit)
            .args(["--name", &format!("orders-{kind}"), "--out"])
            .arg(tmp.path().join("crates"))
            .assert()
            .success();
        assert!(
            tmp.path()
                .join(format!(
                    "crates/orders-{kind}/wit/deps/cloud-core/world.wit"
                ))
                .is_file()
        );
    }
}

#[test]
fn world_from_corpus_packages() {
    let tmp = tempfile::tempdir().unwrap();
    witlint()
        .args(["scaffold", "world", "acme:proxy@0.1.0"])
        .args([
            "--include",
            "wasi:http/proxy@0.2.8",
            "--export",
            "wasi:cli/run@0.2.8",
            "--licenses",
            "MIT",
            "--source",
            "https://example.com/proxy",
            "--wit",
        ])
        .arg(corpus().join("WebAssembly__wasi-http/wit"))
        .arg("--out")
        .arg(tmp.path())
        .assert()
        .success();
    let wit = tmp.path().join("wit");
    assert!(wit.join("deps/http/proxy.wit").exists() || wit.join("deps/http").is_dir());
    witlint()
        .arg("check")
        .arg(&wit)
        .args(["--preset", "wasi"])
        .assert()
        .success();
}

#[test]
fn world_rejects_bad_package_names_and_stable_on_prerelease_warns() {
    witlint()
        .args([
            "scaffold",
            "world",
            "orders",
            "--include",
            "wasi:cloud-core/imports",
            "--dry-run",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("has no namespace"));
    witlint()
        .args([
            "scaffold",
            "world",
            "acme:orders@0.1.0",
            "--include",
            "wasi:cloud-core/imports",
        ])
        .arg("--dry-run")
        .assert()
        .success()
        .stderr(predicate::str::contains("stable-depends-on-prerelease"));
    // Metadata is checked as `witlint build` will read it.
    witlint()
        .args([
            "scaffold",
            "world",
            "acme:orders@0.1.0-draft",
            "--include",
            "wasi:cloud-core/imports",
            "--licenses",
            "Apache 2",
            "--dry-run",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--licenses `Apache 2` is not an SPDX license expression",
        ));
}

#[test]
fn templates_can_be_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let templates = tmp.path().join("templates");
    std::fs::create_dir_all(templates.join("host")).unwrap();
    std::fs::write(
        templates.join("host/Cargo.toml.hbs"),
        "[package]\nname = \"{{crate_name}}\" # house style\n",
    )
    .unwrap();
    witlint()
        .args([
            "scaffold",
            "host",
            "wasi:config/imports",
            "--name",
            "cfg",
            "--templates",
        ])
        .arg(&templates)
        .arg("--out")
        .arg(tmp.path())
        .assert()
        .success();
    let cargo = std::fs::read_to_string(tmp.path().join("cfg/Cargo.toml")).unwrap();
    assert_eq!(cargo, "[package]\nname = \"cfg\" # house style\n");
    // The other templates stay built in.
    let lib = std::fs::read_to_string(tmp.path().join("cfg/src/lib.rs")).unwrap();
    assert!(lib.contains("bindgen!"));
    witlint()
        .args([
            "scaffold",
            "host",
            "wasi:config/imports",
            "--name",
            "cfg2",
            "--templates",
        ])
        .arg(tmp.path().join("missing"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("host/lib.rs.hbs"));
}

#[test]
fn wasi_0_3_async_imports_are_refused_clearly() {
    witlint()
        .args([
            "scaffold",
            "host",
            "wasi:cli/command",
            "--name",
            "x",
            "--dry-run",
            "--wit",
        ])
        .arg(corpus().join("WebAssembly__wasi-cli__wit-0.3.0-draft/wit"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a WIT async function"))
        .stderr(predicate::str::contains("HostWithStore"));
}

#[test]
fn two_versions_get_versioned_modules_and_names() {
    let tmp = tempfile::tempdir().unwrap();
    witlint()
        .args(["scaffold", "host", "acme:app/app", "--name", "tv", "--wit"])
        .arg(common::fixtures().join("scaffold/two-versions"))
        .arg("--out")
        .arg(tmp.path())
        .assert()
        .success();
    let lib = std::fs::read_to_string(tmp.path().join("tv/src/lib.rs")).unwrap();
    for expected in [
        "impl bindings::acme::kv1_0_0::store::Host for TvView<'_>",
        "impl bindings::acme::kv2_0_0::store::HostBucket for TvView<'_>",
        "\"acme:kv/store@1.0.0.bucket\": crate::Kv100StoreBucket",
        "\"acme:kv/store@2.0.0.error\" => crate::Kv200StoreError",
        "fn open(&mut self, type_: String)",
        "fn loop_(",
        "fn static_(&mut self)",
        "matches: Vec<bindings::acme::kv2_0_0::store::Match>",
        "fn_: Resource<Kv200StoreBucket>",
    ] {
        assert!(lib.contains(expected), "no `{expected}` in:\n{lib}");
    }
    let dirs = std::fs::read_dir(tmp.path().join("tv/wit/deps")).unwrap();
    let mut dirs: Vec<String> = dirs
        .map(|d| d.unwrap().file_name().to_string_lossy().into())
        .collect();
    dirs.sort();
    assert_eq!(dirs, ["kv-1.0.0", "kv-2.0.0"]);
}

#[test]
fn an_unversioned_name_of_two_versions_is_ambiguous() {
    witlint()
        .args([
            "scaffold",
            "host",
            "acme:kv/store",
            "--name",
            "x",
            "--dry-run",
            "--wit",
        ])
        .arg(common::fixtures().join("scaffold/two-versions"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "names several interfaces: acme:kv/store@1.0.0, acme:kv/store@2.0.0; add the version",
        ));
}
