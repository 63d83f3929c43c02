//! WIT syntax newer than WASI 0.2 that the wit-parser in use accepts: `map<K, V>`, named
//! imports of an interface (`import primary: store;`), `@external-id("…")`. Each goes
//! through check, fmt, docs, diff and scaffold: handled, or refused with a precise reason.

mod common;

use common::witlint;

const NEWER: &str = r#"package a:b@0.1.0;

/// Counts.
interface store {
    /// Counts by name.
    counts: func() -> map<string, u32>;
    /// Gets it.
    @external-id("store-get")
    get: func(key: string) -> option<u32>;
}

/// Two stores.
world two {
    import primary: store;
    import secondary: store;
}
"#;

fn package(dir: &std::path::Path, text: &str) -> std::path::PathBuf {
    let wit = dir.join("wit");
    std::fs::create_dir_all(&wit).unwrap();
    std::fs::write(wit.join("b.wit"), text).unwrap();
    wit
}

fn run(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = witlint().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_and_fmt_read_it() {
    let dir = tempfile::tempdir().unwrap();
    package(dir.path(), NEWER);
    let (code, _, err) = run(dir.path(), &["check", "--preset", "minimal"]);
    assert_eq!(code, 0, "{err}");
    let (code, listed, err) = run(dir.path(), &["fmt", "--check"]);
    assert_eq!((code, listed.as_str()), (0, ""), "formatted already: {err}");
}

/// One interface imported under two names is documented once, under both, and both
/// names link to it.
#[test]
fn docs_name_every_import_of_an_interface() {
    let dir = tempfile::tempdir().unwrap();
    package(dir.path(), NEWER);
    let (code, _, err) = run(
        dir.path(),
        &["docs", "--world", "two", "--single", "two.md"],
    );
    assert_eq!(code, 0, "{err}");
    let page = std::fs::read_to_string(dir.path().join("two.md")).unwrap();
    assert!(page.contains("## Import `primary`, `secondary`"), "{page}");
    assert_eq!(
        page.matches("(#import-primary-secondary)").count(),
        2,
        "{page}"
    );
    assert!(page.contains("map<string, u32>"), "{page}");
}

/// A name more for the same interface is a world change like any other import.
#[test]
fn diff_pairs_named_imports_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let new = package(&dir.path().join("new"), NEWER);
    let old = package(
        &dir.path().join("old"),
        &NEWER.replace("    import secondary: store;\n", ""),
    );
    let (code, out, err) = run(
        dir.path(),
        &["diff", old.to_str().unwrap(), new.to_str().unwrap()],
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("[world-import-added]: `import secondary`"),
        "{out}"
    );
    assert!(!out.contains("primary"), "{out}");
}

/// The scaffolds implement an interface once: one imported under two names is refused,
/// saying which and why, before anything is written.
#[test]
fn scaffolds_refuse_an_interface_under_two_names() {
    let dir = tempfile::tempdir().unwrap();
    package(dir.path(), NEWER);
    let (code, _, err) = run(dir.path(), &["scaffold", "host", "a:b/two", "--name", "h"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("`a:b/store@0.1.0` as `primary`, `secondary`"),
        "{err}"
    );
    assert!(!dir.path().join("h").exists());
}

/// The editor reads it as `check` does: the diagnostics of a clean package are clean,
/// hover and go-to-definition work on the interface a named import names, the document's
/// symbols list both imports, and formatting has nothing to change.
#[test]
fn the_editor_reads_it() {
    let (_dir, mut client, uri) = common::lsp_client::opened(NEWER);
    let line = NEWER
        .lines()
        .position(|l| l.contains("import primary"))
        .unwrap();
    let column = NEWER.lines().nth(line).unwrap().rfind("store").unwrap() + 1;
    let at = serde_json::json!({
        "textDocument": {"uri": uri},
        "position": {"line": line, "character": column}
    });
    let hover = client.request("textDocument/hover", at.clone());
    let shown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        shown.contains("store") && shown.contains("Counts."),
        "{hover}"
    );
    // The range is the name under the cursor, not the interface's declaration.
    assert_eq!(hover["range"]["start"]["line"], line, "{hover}");
    let definition = client.request("textDocument/definition", at);
    let store = NEWER
        .lines()
        .position(|l| l.starts_with("interface store"))
        .unwrap();
    assert_eq!(definition["range"]["start"]["line"], store, "{definition}");
    let symbols = client.request(
        "textDocument/documentSymbol",
        serde_json::json!({"textDocument": {"uri": uri}}),
    );
    let names = symbols.to_string();
    for name in ["primary", "secondary", "counts", "get"] {
        assert!(names.contains(name), "{name}: {symbols}");
    }
    let edits = client.request(
        "textDocument/formatting",
        serde_json::json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    assert!(edits.is_null() || edits == serde_json::json!([]), "{edits}");
}

/// Fixed-length lists, `error-context`, and streams and futures without a payload are
/// accepted too; diff writes them as WIT does (`list<u8, 32>`, `stream`), not as Rust
/// would (`list<u8>[32]`) or with a placeholder (`stream<_>`).
#[test]
fn diff_writes_newer_types_as_wit_does() {
    let old = r#"package a:b@0.1.0;

/// Things.
interface i {
    /// A digest.
    digest: func() -> list<u8, 32>;
    /// Why.
    why: func() -> error-context;
    /// Ticks.
    ticks: func() -> stream;
    /// Done.
    done: func() -> future;
    /// Maybe.
    maybe: func() -> result<u8>;
}
"#;
    let new = old
        .replace("list<u8, 32>", "list<u8, 64>")
        .replace("-> stream;", "-> stream<u8>;")
        .replace("-> future;", "-> future<u8>;")
        .replace("result<u8>", "result");
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    package(&a, old);
    package(&b, &new);
    let (code, out, err) = run(
        dir.path(),
        &["diff", "--fail-level", "never", "a/wit", "b/wit"],
    );
    assert_eq!(code, 0, "{err}");
    for said in [
        "returned `list<u8, 32>` and now returns `list<u8, 64>`",
        "returned `stream` and now returns `stream<u8>`",
        "returned `future` and now returns `future<u8>`",
        "returned `result<u8>` and now returns `result`",
    ] {
        assert!(out.contains(said), "{said}:\n{out}");
    }
}

/// A guest that would export a function returning `error-context` is refused, naming the
/// function and the generator that cannot write it: wit-bindgen-rust 0.63 panics on it,
/// in the `generate!` macro and in `--bindings file` alike (witlint runs it in process).
#[test]
fn scaffolds_refuse_what_the_generator_cannot_write() {
    let text = "package a:b@0.1.0;\n\n/// Errors.\ninterface errs {\n    /// The last one.\n    last: func() -> error-context;\n}\n\n/// W.\nworld w {\n    export errs;\n}\n";
    let dir = tempfile::tempdir().unwrap();
    package(dir.path(), text);
    for extra in [&[][..], &["--bindings", "file"][..]] {
        let mut args = vec!["scaffold", "guest", "a:b/w", "--name", "g"];
        args.extend(extra);
        let (code, _, err) = run(dir.path(), &args);
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains("`a:b/errs@0.1.0.last` returns `error-context`")
                && err.contains("wit-bindgen-rust 0.63"),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        assert!(!dir.path().join("g").exists());
    }
}
