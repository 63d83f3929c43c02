//! `witlint build`: every loadable WASI package of the corpus encodes, decodes to the same
//! API and builds byte-identically twice; metadata reads back field by field with
//! wasm-metadata; bad metadata is a located error; `--check` tells a stale package from a
//! fresh one; and the OCI layout goes through a real registry (the CNCF distribution
//! server, Debian's `docker-registry`) and a real client (`skopeo`) and comes back equal.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};

use common::{copy_dir, entries_with_wit, entry_name, walk, witlint};
use witlint::build::{self, metadata::Declared, oci};

/// A package with every field of metadata declared.
fn everything() -> Declared {
    Declared {
        description: Some("A package with every field".into()),
        authors: Some("The witlint developers".into()),
        licenses: Some("Apache-2.0 WITH LLVM-exception".into()),
        source: Some("https://github.com/witlint/witlint".into()),
        homepage: Some("https://witlint.example/".into()),
        revision: Some("0123456789abcdef".into()),
    }
}

#[test]
fn every_loadable_wasi_package_builds_round_trips_and_reproduces() {
    let mut built = Vec::new();
    let mut refused = Vec::new();
    for wit in entries_with_wit()
        .into_iter()
        .filter(|p| entry_name(p).starts_with("WebAssembly__"))
    {
        let name = entry_name(&wit);
        let Ok(ws) = witlint::open(&wit, witlint::Mode::Check(&[])) else {
            continue;
        };
        match build::package(&ws, &everything()) {
            Ok(first) => {
                // Validated, decoded and compared inside `package`; decode once more here,
                // with wit-component itself, and build again.
                let decoded = wit_component::decode(&first.bytes)
                    .unwrap_or_else(|e| panic!("{name}: wit-component cannot decode it: {e:#}"));
                assert!(
                    matches!(decoded, wit_component::DecodedWasm::WitPackage(..)),
                    "{name}: not a WIT package"
                );
                let again = build::package(&ws, &everything()).expect("built once");
                assert!(first.bytes == again.bytes, "{name}: two builds differ");
                built.push(name);
            }
            Err(build::BuildError::Input(e)) => {
                // Only a package without a version may be refused, with its reason.
                assert!(
                    e.diagnostics
                        .iter()
                        .all(|d| d.message.contains("has no version")),
                    "{name}: {e}"
                );
                refused.push(name);
            }
            Err(build::BuildError::Failed(e)) => panic!("{name}: {}", e.message),
        }
    }
    assert!(built.len() >= 35, "built {built:?}, refused {refused:?}");
}

#[test]
fn metadata_reads_back_field_by_field() {
    let ws = witlint::open(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("wit").as_path(),
        witlint::Mode::Check(&[]),
    )
    .expect("bundled wit/ loads");
    let declared = everything();
    let built = build::package(&ws, &declared).expect("builds");
    let payload = wasm_metadata::Payload::from_binary(&built.bytes).expect("metadata parses");
    let wasm_metadata::Payload::Component { metadata: m, .. } = payload else {
        panic!("a WIT package is a component");
    };
    let text = |v: Option<String>| v.unwrap_or_default();
    assert_eq!(m.name.as_deref(), Some("wasi:cloud-core"));
    assert_eq!(text(m.version.map(|v| v.to_string())), "0.2.0-draft2");
    assert_eq!(m.description.map(|v| v.to_string()), declared.description);
    assert_eq!(m.authors.map(|v| v.to_string()), declared.authors);
    assert_eq!(m.licenses.map(|v| v.to_string()), declared.licenses);
    assert_eq!(m.source.map(|v| v.to_string()), declared.source);
    assert_eq!(m.homepage.map(|v| v.to_string()), declared.homepage);
    assert_eq!(m.revision.map(|v| v.to_string()), declared.revision);
    let producers = m.producers.expect("a producers section");
    let tools = producers.get("processed-by").expect("processed-by");
    assert_eq!(
        tools.get("witlint").map(String::as_str),
        Some(env!("CARGO_PKG_VERSION"))
    );
    // What witlint reads back is the same.
    assert_eq!(built.metadata.licenses, declared.licenses);
    assert!(built.metadata.built_by_witlint());
}

/// A copy of the bundled wit/ in a temporary folder, with this `[package]` table.
fn project(package: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let wit = dir.path().join("wit");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("wit"), &wit);
    let config = std::fs::read_to_string(wit.join("witlint.toml")).unwrap();
    let at = config
        .find("[package]")
        .expect("the bundled config has [package]");
    std::fs::write(
        wit.join("witlint.toml"),
        format!("{}{package}", &config[..at]),
    )
    .unwrap();
    dir
}

/// `witlint build INPUT -o out.wasm` in `dir`, which must refuse (exit 2): its stderr.
fn refused(dir: &Path, input: &str) -> String {
    let out = witlint()
        .current_dir(dir)
        .args(["build", input, "-o", "out.wasm"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{err}");
    err
}

#[test]
fn bad_metadata_is_a_located_error_and_nothing_is_written() {
    for (table, line, message) in [
        (
            "[package]\nlicenses = \"Apache 2\"\n",
            "wit/witlint.toml:",
            "`licenses` in [package] is not an SPDX license expression",
        ),
        (
            "[package]\nsource = \"github.com/witlint\"\n",
            "wit/witlint.toml:",
            "`source` in [package] is not a URL",
        ),
        (
            "[package]\nhomepage = \"https://ok.example\"\nlicence = \"MIT\"\n",
            "wit/witlint.toml:",
            "unknown key `licence` in [package]",
        ),
    ] {
        let dir = project(table);
        let err = refused(dir.path(), "wit");
        assert!(err.contains(message), "{err}");
        assert!(err.contains(line), "{err}");
        assert!(!dir.path().join("out.wasm").exists());
    }
    // wkg.toml's `[metadata]`, with wkg's key names, is checked the same way.
    let dir = project("");
    std::fs::write(
        dir.path().join("wkg.toml"),
        "[metadata]\nauthor = \"Someone\"\nlicenses = \"not a licence\"\n",
    )
    .unwrap();
    let err = refused(dir.path(), "wit");
    assert!(err.contains("wkg.toml:3:12"), "{err}");
}

#[test]
fn a_package_without_a_version_is_refused_where_it_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("api.wit"),
        "package example:unversioned;\n\ninterface api {\n    ping: func();\n}\n",
    )
    .unwrap();
    let err = refused(dir.path(), "api.wit");
    assert!(
        err.contains("package `example:unversioned` has no version") && err.contains("api.wit:1:1"),
        "{err}"
    );
}

#[test]
fn check_tells_a_stale_package_from_a_fresh_one_and_names_its_metadata() {
    let dir =
        project("[package]\nlicenses = \"MIT\"\nsource = \"https://example.com/cloud-core\"\n");
    let run = |args: &[&str]| {
        witlint()
            .current_dir(dir.path())
            .env("SOURCE_DATE_EPOCH", "1764547200")
            .args(["build", "wit", "-o", "pkg.wasm", "--oci-layout", "layout"])
            .args(args)
            .output()
            .unwrap()
    };
    assert_eq!(run(&[]).status.code(), Some(0));
    let fresh = run(&["--check"]);
    assert_eq!(
        fresh.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&fresh.stderr)
    );
    // A new function makes the package stale, and the check names it.
    let world = dir.path().join("wit/world.wit");
    let text = std::fs::read_to_string(&world).unwrap();
    std::fs::write(
        &world,
        text.replacen(
            "world imports {",
            "world imports {\n    /// Says hello.\n    @since(version = 0.2.0-draft2)\n    import hello: func();",
            1,
        ),
    )
    .unwrap();
    let stale = run(&["--check"]);
    let text = String::from_utf8_lossy(&stale.stdout);
    assert_eq!(stale.status.code(), Some(1), "{text}");
    assert!(
        text.contains(
            "pkg.wasm: world-import-added[wasi:cloud-core/imports@0.2.0-draft2#import.hello]"
        ),
        "{text}"
    );
    assert!(
        text.contains("layout/index.json: differs from the new layout"),
        "{text}"
    );
    // `check` on the built package names its metadata.
    let out = witlint()
        .current_dir(dir.path())
        .args(["check", "pkg.wasm"])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report
            .starts_with("pkg.wasm: metadata\n  name: wasi:cloud-core\n  version: 0.2.0-draft2\n")
            && report.contains("  licenses: MIT\n  source: https://example.com/cloud-core\n")
            && report.contains("  processed by: wit-component"),
        "{report}"
    );
    // A file witlint did not write is kept unless --force.
    std::fs::write(dir.path().join("theirs.wasm"), b"not ours").unwrap();
    let out = witlint()
        .current_dir(dir.path())
        .args(["build", "wit", "-o", "theirs.wasm"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read(dir.path().join("theirs.wasm")).unwrap(),
        b"not ours"
    );
}

#[test]
fn the_layout_is_reproducible_with_source_date_epoch() {
    let layout_of = |dir: &Path| {
        let out = witlint()
            .env("SOURCE_DATE_EPOCH", "1764547200")
            .args(["build", "wit", "--revision", "abc123", "--oci-layout"])
            .arg(dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut files: Vec<(PathBuf, Vec<u8>)> = walk(dir)
            .into_iter()
            .map(|p| {
                (
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (first, second) = (layout_of(a.path()), layout_of(b.path()));
    assert_eq!(first.len(), 5, "oci-layout, index.json and three blobs");
    assert!(first == second, "two layouts differ");
    // The manifest says what the spec asks for.
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(a.path().join("index.json")).unwrap()).unwrap();
    let digest = index["manifests"][0]["digest"].as_str().unwrap();
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(a.path().join("blobs/sha256").join(&digest[7..])).unwrap(),
    )
    .unwrap();
    assert_eq!(manifest["config"]["mediaType"], oci::CONFIG_MEDIA_TYPE);
    assert_eq!(manifest["layers"][0]["mediaType"], oci::LAYER_MEDIA_TYPE);
    let annotations = &manifest["annotations"];
    assert_eq!(
        annotations["org.opencontainers.image.created"],
        "2025-12-01T00:00:00Z"
    );
    assert_eq!(
        annotations["org.opencontainers.image.version"],
        "0.2.0-draft2"
    );
    assert_eq!(annotations["org.opencontainers.image.revision"], "abc123");
    assert_eq!(
        annotations["org.opencontainers.image.licenses"],
        "Apache-2.0 WITH LLVM-exception"
    );
    let config: serde_json::Value = serde_json::from_slice(
        &std::fs::read(
            a.path()
                .join("blobs/sha256")
                .join(&manifest["config"]["digest"].as_str().unwrap()[7..]),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(config["architecture"], "wasm");
    assert_eq!(config["os"], "wasip2");
    assert_eq!(config["layerDigests"][0], manifest["layers"][0]["digest"]);
    assert!(
        config["component"]["exports"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e == "wasi:cloud-core/imports@0.2.0-draft2")
    );
}

/// A registry on 127.0.0.1, stopped when dropped.
struct Registry {
    child: Child,
    port: u16,
    _storage: tempfile::TempDir,
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts Debian's `docker-registry` (the CNCF distribution server) on a free port.
fn start_registry() -> Registry {
    let storage = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = storage.path().join("config.yml");
    std::fs::write(
        &config,
        format!(
            "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: {}\nhttp:\n  addr: 127.0.0.1:{port}\n",
            storage.path().join("data").display()
        ),
    )
    .unwrap();
    let child = Process::new("docker-registry")
        .arg("serve")
        .arg(&config)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot start `docker-registry` ({e}): `.ci/run` installs it (apt-get install docker-registry)")
        });
    let mut registry = Registry {
        child,
        port,
        _storage: storage,
    };
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return registry;
        }
        if let Ok(Some(status)) = registry.child.try_wait() {
            panic!("docker-registry exited at start ({status})");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = registry.child.kill();
    panic!("docker-registry did not listen on 127.0.0.1:{port} within 10 s");
}

fn skopeo(args: &[&str]) {
    let out = Process::new("skopeo")
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run `skopeo` ({e}): `.ci/run` installs it (apt-get install skopeo)")
        });
    assert!(
        out.status.success(),
        "skopeo {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_layout_round_trips_through_a_real_registry() {
    let registry = start_registry();
    let work = tempfile::tempdir().unwrap();
    let (layout, back) = (work.path().join("layout"), work.path().join("back"));
    let out = witlint()
        .env("SOURCE_DATE_EPOCH", "1764547200")
        .args(["build", "wit", "-o"])
        .arg(work.path().join("pkg.wasm"))
        .arg("--oci-layout")
        .arg(&layout)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let remote = format!(
        "docker://127.0.0.1:{}/wasi/cloud-core:0.2.0-draft2",
        registry.port
    );
    skopeo(&[
        "copy",
        "--dest-tls-verify=false",
        &format!("oci:{}:0.2.0-draft2", layout.display()),
        &remote,
    ]);
    skopeo(&[
        "copy",
        "--src-tls-verify=false",
        &remote,
        &format!("oci:{}:0.2.0-draft2", back.display()),
    ]);
    let digest_of = |dir: &Path| {
        let index: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("index.json")).unwrap()).unwrap();
        index["manifests"][0]["digest"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        digest_of(&layout),
        digest_of(&back),
        "the manifest digest changed"
    );
    // The layer that came back is the package, byte for byte.
    let package = std::fs::read(work.path().join("pkg.wasm")).unwrap();
    let layer = back.join("blobs/sha256").join(&oci::digest(&package)[7..]);
    assert_eq!(std::fs::read(&layer).unwrap(), package);
    // And it is a package witlint reads, with its metadata.
    let ws = witlint::open(&layer, witlint::Mode::Check(&[])).expect("the pulled layer loads");
    assert_eq!(
        ws.metadata().and_then(|m| m.licenses.clone()).as_deref(),
        Some("Apache-2.0 WITH LLVM-exception")
    );
}

/// A release names its licence and source: without them `build` refuses at the package
/// line, names the keys and the file to add them to, and writes nothing;
/// `--allow-missing-metadata` builds anyway.
#[test]
fn a_release_without_licence_or_source_is_refused_unless_allowed() {
    let dir = project("[package]\nlicenses = \"MIT\"\n");
    let err = refused(dir.path(), "wit");
    assert!(
        err.contains("error[package-metadata-missing]")
            && err.contains("would be released without `source`")
            && err.contains("wit/world.wit:")
            && err.contains("witlint.toml, or pass --allow-missing-metadata"),
        "{err}"
    );
    assert!(!dir.path().join("out.wasm").exists());
    let out = witlint()
        .current_dir(dir.path())
        .args(["build", "wit", "--allow-missing-metadata", "-o", "out.wasm"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("out.wasm").is_file());
}
