//! The mdBook side: the `witlint mdbook` preprocessor with both book shapes, and the
//! project's own book/, which must be fresh and build with the real mdBook.

mod common;

use std::path::Path;

use common::witlint;

fn book_json(version: &str) -> String {
    let chapter = serde_json::json!({
        "Chapter": {
            "name": "Store",
            "content": "# Store\n\n{{#wit wasi:keyvalue/store}}\n\nEscaped: \\{{#wit wasi:keyvalue/store}}\n",
            "number": [1],
            "sub_items": [],
            "path": "store.md",
            "source_path": "store.md",
            "parent_names": []
        }
    });
    let book = if version == "0.4" {
        serde_json::json!({"sections": [chapter, "Separator"], "__non_exhaustive": null})
    } else {
        serde_json::json!({"items": [chapter, {"PartTitle": "Part"}]})
    };
    let context = serde_json::json!({
        "root": env!("CARGO_MANIFEST_DIR"),
        "config": {"book": {"title": "t"}, "preprocessor": {"wit": {"input": "wit"}}},
        "renderer": "html",
        "mdbook_version": version,
    });
    serde_json::to_string(&serde_json::json!([context, book])).unwrap()
}

#[test]
fn mdbook_preprocessor_accepts_both_book_shapes() {
    witlint()
        .args(["mdbook", "supports", "html"])
        .assert()
        .success();
    for (version, key) in [("0.4.52", "sections"), ("0.5.4", "items")] {
        let out = witlint()
            .arg("mdbook")
            .write_stdin(book_json(if version.starts_with("0.4") {
                "0.4"
            } else {
                "0.5"
            }))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{version}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let book: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let items = book[key]
            .as_array()
            .unwrap_or_else(|| panic!("{version}: no `{key}`"));
        assert_eq!(items.len(), 2, "{version}: other items pass through");
        let content = items[0]["Chapter"]["content"].as_str().unwrap();
        assert!(
            content.contains("## Interface `wasi:keyvalue/store@0.2.0-draft2`"),
            "{content}"
        );
        assert!(content.contains("[`error`](#variant-error)"), "{content}");
        assert!(
            content.contains("Escaped: {{#wit wasi:keyvalue/store}}"),
            "{content}"
        );
        assert_eq!(items[0]["Chapter"]["source_path"], "store.md");
    }
    let bad = book_json("0.5").replace(
        "{{#wit wasi:keyvalue/store}}\\n\\nEscaped",
        "{{#wit wasi:nope/x}}\\n\\nEscaped",
    );
    witlint()
        .arg("mdbook")
        .write_stdin(bad)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("wasi:nope/x"));
}

#[test]
fn the_book_is_up_to_date() {
    witlint()
        .args([
            "docs",
            "wit",
            "--out",
            "book/src/reference",
            "--inline-deps",
            "--check",
        ])
        .assert()
        .code(0);
    witlint()
        .args(["rules", "--out", "book/src/rules", "--check"])
        .assert()
        .code(0);
}

/// Builds book/ with the real mdBook (installed by .ci/run) and witlint as preprocessor.
#[test]
fn the_book_builds_with_mdbook() {
    let dest = tempfile::tempdir().unwrap();
    common::mdbook_build(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("book"),
        dest.path(),
    );
    let html = |p: &str| {
        std::fs::read_to_string(dest.path().join(p)).unwrap_or_else(|e| panic!("{p}: {e}"))
    };
    let store = html("reference/wasi/keyvalue/store.html");
    for id in [
        "resource-bucket",
        "method-bucketget",
        "variant-error",
        "function-open",
    ] {
        assert!(
            store.contains(&format!("id=\"{id}\"")),
            "store.html lacks #{id}"
        );
    }
    assert!(store.contains("href=\"#variant-error\""));
    let world = html("reference/wasi/cloud-core/imports.world.html");
    assert!(
        world.contains("href=\"../keyvalue/store.html\""),
        "world page links to the interface pages"
    );
    let chapter = html("guide/preprocessor.html");
    assert!(
        chapter.contains("id=\"interface-wasikeyvalueatomics020-draft2\""),
        "the {{{{#wit}}}} chapter was expanded"
    );
    assert!(
        chapter.contains("{{#wit ns:pkg/name}}"),
        "the escaped directive stays literal"
    );
    let rule = html("rules/gate-missing.html");
    assert!(rule.contains("What it checks"));
    // ```wit blocks are highlighted: the page loads witlint's grammar after mdBook's
    // highlight.js, and the two (run by node, as a browser would) mark up WIT.
    assert!(
        rule.contains("class=\"language-wit"),
        "the rule page has WIT examples"
    );
    let find = |dir: &Path, prefix: &str| {
        std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| {
                p.file_name().unwrap().to_string_lossy().starts_with(prefix)
                    && p.extension().is_some_and(|e| e == "js")
            })
            .unwrap_or_else(|| panic!("no {prefix}*.js in {}", dir.display()))
    };
    let grammar = find(&dest.path().join("src/reference"), "wit-highlight");
    let name = grammar.file_name().unwrap().to_string_lossy().to_string();
    assert!(
        rule.contains(&format!("src/reference/{name}")),
        "the page loads {name}"
    );
    let highlight = find(dest.path(), "highlight");
    let mut node = std::process::Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/highlight_wit.js"))
        .arg(&highlight)
        .arg(&grammar)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run node ({e}): .ci/run installs nodejs"));
    use std::io::Write as _;
    node.stdin
        .take()
        .unwrap()
        .write_all(b"@since(version = 0.2.0)\nget: func(key: string) -> option<u8>;\n")
        .unwrap();
    let out = node.wait_with_output().unwrap();
    let marked = String::from_utf8_lossy(&out.stdout);
    for class in [
        "<span class=\"hljs-meta\">@since(",
        "<span class=\"hljs-keyword\">func</span>",
        "<span class=\"hljs-type\">string</span>",
        "<span class=\"hljs-title function\">get</span>",
    ] {
        assert!(marked.contains(class), "{class} not in {marked}");
    }
}
