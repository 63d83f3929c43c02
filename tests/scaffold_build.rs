//! Generated crates build: each world's host crate passes `cargo check` (tests included)
//! and its guest crate builds into a wasm32-wasip2 component; a keyvalue guest runs in
//! wasmtime through the generated host.
//!
//! Every crate builds in one shared target folder (`target/scaffold-crates`, or
//! `$WITLINT_SCAFFOLD_TARGET_DIR`) so wasmtime compiles once.

mod common;

use std::path::{Path, PathBuf};

use common::{corpus, scaffold, witlint};

fn target_dir() -> PathBuf {
    std::env::var_os("WITLINT_SCAFFOLD_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/scaffold-crates"))
}

fn bundled() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("wit")
}

/// Runs cargo in `dir`; fails the test on a build error. Returns the compiler's messages.
fn cargo(dir: &Path, args: &[&str]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(args)
        .args(["--message-format", "short"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir())
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "cargo {args:?} failed in {}:\n{stderr}",
        dir.display()
    );
    stderr
}

/// Warnings other than the stubs' unused parameters.
fn unexpected_warnings(messages: &str) -> Vec<&str> {
    messages
        .lines()
        .filter(|l| l.contains("warning:"))
        .filter(|l| !l.contains("unused variable"))
        .filter(|l| !(l.contains(" generated ") && l.contains(" warning")))
        .collect()
}

fn scaffold_crate(
    kind: &str,
    wit: &Path,
    target: &str,
    name: &str,
    out: &Path,
    extra: &[&str],
) -> PathBuf {
    let wit = wit.to_str().expect("UTF-8 path");
    let mut args = vec![kind, target, "--name", name, "--wit", wit];
    args.extend(extra);
    scaffold(&args, out).success();
    out.join(name)
}

/// The host crate checks with its tests; the guest crate builds into a component.
fn host_and_guest(wit: &Path, world: &str, name: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let host = scaffold_crate("host", wit, world, &format!("{name}-host"), tmp.path(), &[]);
    let messages = cargo(&host, &["check", "--all-targets"]);
    assert_eq!(
        unexpected_warnings(&messages),
        Vec::<&str>::new(),
        "{messages}"
    );

    let guest_name = format!("{name}-guest");
    let guest = scaffold_crate("guest", wit, world, &guest_name, tmp.path(), &[]);
    let messages = cargo(&guest, &["build", "--target", "wasm32-wasip2"]);
    assert_eq!(
        unexpected_warnings(&messages),
        Vec::<&str>::new(),
        "{messages}"
    );
    let wasm = target_dir()
        .join("wasm32-wasip2/debug")
        .join(format!("{}.wasm", guest_name.replace('-', "_")));
    let bytes = std::fs::read(&wasm).unwrap();
    assert_eq!(&bytes[..4], b"\0asm");
    assert_eq!(
        &bytes[4..8],
        [0x0d, 0x00, 0x01, 0x00],
        "{} is a component",
        wasm.display()
    );
}

#[test]
fn config_imports() {
    host_and_guest(&bundled(), "wasi:config/imports", "t-config");
}

#[test]
fn keyvalue_imports() {
    host_and_guest(&bundled(), "wasi:keyvalue/imports", "t-keyvalue");
}

#[test]
fn blobstore_imports_with_wasi_io() {
    host_and_guest(&bundled(), "wasi:blobstore/imports", "t-blobstore");
}

#[test]
fn cloud_core_imports() {
    host_and_guest(&bundled(), "wasi:cloud-core/imports", "t-cloud-core");
}

#[test]
fn keyvalue_watch_service() {
    host_and_guest(
        &corpus().join("WebAssembly__wasi-keyvalue/wit"),
        "wasi:keyvalue/watch-service",
        "t-watch",
    );
}

#[test]
fn http_proxy() {
    host_and_guest(
        &corpus().join("WebAssembly__wasi-http/wit"),
        "wasi:http/proxy",
        "t-proxy",
    );
}

#[test]
fn cli_command() {
    host_and_guest(
        &corpus().join("WebAssembly__wasi-cli/wit"),
        "wasi:cli/command",
        "t-command",
    );
}

#[test]
fn one_package_at_two_versions_and_keyword_names() {
    let fixture =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scaffold/two-versions");
    host_and_guest(&fixture, "acme:app/app", "t-versions");
}

#[test]
fn async_host_and_file_bindings() {
    let tmp = tempfile::tempdir().unwrap();
    let host = scaffold_crate(
        "host",
        &bundled(),
        "wasi:keyvalue/imports",
        "t-async-host",
        tmp.path(),
        &["--async"],
    );
    let messages = cargo(&host, &["check", "--all-targets"]);
    assert_eq!(
        unexpected_warnings(&messages),
        Vec::<&str>::new(),
        "{messages}"
    );
    let guest = scaffold_crate(
        "guest",
        &corpus().join("WebAssembly__wasi-keyvalue/wit"),
        "wasi:keyvalue/watch-service",
        "t-file-guest",
        tmp.path(),
        &["--bindings", "file"],
    );
    let messages = cargo(&guest, &["build", "--target", "wasm32-wasip2"]);
    assert_eq!(
        unexpected_warnings(&messages),
        Vec::<&str>::new(),
        "{messages}"
    );
    let lock = std::fs::read_to_string(guest.join("Cargo.lock")).unwrap();
    assert!(
        !lock.contains("wit-bindgen-rust-macro"),
        "no proc-macro in the build"
    );
}

/// Replaces the first `todo!()` after `anchor` (and after `within`, when given).
fn fill(path: &Path, within: &str, anchor: &str, body: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let start = text
        .find(within)
        .unwrap_or_else(|| panic!("no `{within}` in {}", path.display()));
    let at = start
        + text[start..]
            .find(anchor)
            .unwrap_or_else(|| panic!("no `{anchor}`"));
    let todo = at + text[at..].find("todo!()").expect("a stub");
    let edited = format!("{}{body}{}", &text[..todo], &text[todo + "todo!()".len()..]);
    std::fs::write(path, edited).unwrap();
}

fn replace(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "no `{from}` in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn keyvalue_guest_runs_through_the_generated_host() {
    let tmp = tempfile::tempdir().unwrap();
    // A new world: the keyvalue imports plus the watcher export the host calls.
    scaffold(
        &[
            "world",
            "acme:kv-demo@0.1.0-draft",
            "--include",
            "wasi:keyvalue/imports@0.2.0-draft2",
            "--export",
            "wasi:keyvalue/watcher@0.2.0-draft2",
            "--licenses",
            "Apache-2.0",
            "--source",
            "https://example.com/kv-demo",
        ],
        &tmp.path().join("pkg"),
    )
    .success();
    let wit = tmp.path().join("pkg/wit");
    witlint()
        .arg("check")
        .arg(&wit)
        .args(["--preset", "wasi"])
        .assert()
        .success();

    // The guest stores what it is told about in a bucket of its own and reads it back.
    let guest = scaffold_crate(
        "guest",
        &wit,
        "acme:kv-demo/kv-demo",
        "demo-guest",
        tmp.path(),
        &[],
    );
    fill(
        &guest.join("src/lib.rs"),
        "fn on_set(",
        "{",
        r#"let mine = wasi::keyvalue::store::open("demo").expect("open");
        mine.set(&key, &value).expect("set");
        let back = mine.get(&key).expect("get");
        assert_eq!(back.as_deref(), Some(&value[..]));
        drop(bucket);"#,
    );
    cargo(&guest, &["build", "--target", "wasm32-wasip2"]);
    let wasm = target_dir().join("wasm32-wasip2/debug/demo_guest.wasm");

    // The host keeps buckets in an in-memory map.
    let host = scaffold_crate(
        "host",
        &wit,
        "acme:kv-demo/kv-demo",
        "demo-host",
        tmp.path(),
        &[],
    );
    let lib = host.join("src/lib.rs");
    replace(
        &lib,
        "pub struct DemoHostCtx {}",
        "pub struct DemoHostCtx {\n    pub data: std::collections::HashMap<String, Vec<u8>>,\n}",
    );
    let store = "impl bindings::wasi::keyvalue::store::Host for";
    let bucket = "impl bindings::wasi::keyvalue::store::HostBucket for";
    fill(&lib, store, "fn open(", "Ok(self.table.push(Bucket {})?)");
    fill(
        &lib,
        bucket,
        "fn get(",
        "Ok(self.ctx.data.get(&key).cloned())",
    );
    fill(
        &lib,
        bucket,
        "fn set(",
        "self.ctx.data.insert(key, value);\n        Ok(())",
    );
    let manifest = host.join("Cargo.toml");
    let mut toml = std::fs::read_to_string(&manifest).unwrap();
    toml.push_str(
        "\n[dev-dependencies]\n\
         wasmtime = { version = \"48\", default-features = false, features = [\"runtime\", \"component-model\", \"std\", \"cranelift\"] }\n\
         wasmtime-wasi = { version = \"48\", default-features = false, features = [\"p2\"] }\n",
    );
    std::fs::write(&manifest, toml).unwrap();
    std::fs::write(
        host.join("tests/e2e.rs"),
        format!(
            r#"use demo_host::{{Bucket, DemoHostCtx, DemoHostView}};
use wasmtime::component::{{Component, Linker, ResourceTable}};
use wasmtime::{{Engine, Store}};
use wasmtime_wasi::{{WasiCtx, WasiCtxView, WasiView}};

struct State {{
    host: DemoHostCtx,
    table: ResourceTable,
    wasi: WasiCtx,
}}

impl WasiView for State {{
    fn ctx(&mut self) -> WasiCtxView<'_> {{
        WasiCtxView {{ ctx: &mut self.wasi, table: &mut self.table }}
    }}
}}

#[test]
fn a_value_set_by_the_guest_reads_back() -> wasmtime::Result<()> {{
    let engine = Engine::default();
    let component = Component::from_file(&engine, {wasm:?})?;
    let mut linker: Linker<State> = Linker::new(&engine);
    wasmtime_wasi::p2::add_to_linker_sync(&mut linker)?;
    demo_host::add_to_linker(&mut linker, |s: &mut State| DemoHostView::new(&mut s.host, &mut s.table))?;
    let state = State {{
        host: DemoHostCtx::default(),
        table: ResourceTable::new(),
        wasi: WasiCtx::builder().inherit_stderr().build(),
    }};
    let mut store = Store::new(&engine, state);
    let demo = demo_host::bindings::KvDemo::instantiate(&mut store, &component, &linker)?;
    let bucket = store.data_mut().table.push(Bucket {{}})?;
    demo.wasi_keyvalue_watcher().call_on_set(&mut store, bucket, "greeting", b"hello")?;
    assert_eq!(store.data().host.data.get("greeting").map(Vec::as_slice), Some(&b"hello"[..]));
    assert!(store.data().table.is_empty(), "the guest's handles were dropped");
    Ok(())
}}
"#
        ),
    )
    .unwrap();
    cargo(&host, &["test", "--test", "e2e"]);
}

/// WASI 0.3's types (streams, futures, `error-context`, fixed-length lists, maps) and an
/// interface imported and exported at once: the host enables wasmtime's
/// `component-model-async`, which `bindgen!` requires for them, and the guest implements
/// the export's module.
#[test]
fn wasi_0_3_types_and_an_interface_on_both_sides() {
    let fixture =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scaffold/newer-types");
    host_and_guest(&fixture, "acme:feed/relay", "t-newer-types");
}
