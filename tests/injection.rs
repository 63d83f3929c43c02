//! Doc comments are untrusted text: rendered by `witlint docs` and by the `witlint mdbook`
//! preprocessor, and then through the real mdBook, none of it may act on the renderer:
//! no file read into the book by an mdBook directive, no `javascript:` link, no live HTML.

mod common;

use std::path::PathBuf;

use common::{fixtures, walk, witlint};

/// A line of `/etc/passwd` that any Linux has: if it is in the book, a directive ran.
const PASSWD: &str = "root:x:0:0";

fn hostile_wit() -> PathBuf {
    fixtures().join("docs/injection")
}

/// Asserts that rendered Markdown or HTML carries none of the hostile docs' effects.
fn assert_inert(what: &str, text: &str) {
    assert_nothing_included(what, text);
    for active in [
        "href=\"javascript:",
        "](javascript:",
        "<script>alert",
        "<img src=x",
    ] {
        assert!(!text.contains(active), "{what}: `{active}` is live");
    }
    assert!(!text.contains("<title>Owned"), "{what}: {{{{#title}}}} ran");
}

/// The search index holds the pages' text (mdBook escapes it when it shows a result): no
/// file's content, and no script URL, may be in it.
fn assert_nothing_included(what: &str, text: &str) {
    assert!(!text.contains(PASSWD), "{what}: a file was included");
    assert!(!text.contains("javascript:"), "{what}: a script URL");
}

#[test]
fn markdown_pages_carry_no_directive_and_no_script_link() {
    let dir = tempfile::tempdir().unwrap();
    witlint()
        .arg("docs")
        .arg(hostile_wit())
        .arg("--out")
        .arg(dir.path())
        .assert()
        .success();
    let page = std::fs::read_to_string(dir.path().join("hostile/docs/things.md")).unwrap();
    assert_inert("things.md", &page);
    assert!(!page.contains("{{"), "a directive survived:\n{page}");
    assert!(
        !page.contains("javascript"),
        "a script URL survived:\n{page}"
    );
    // The text itself is still there for readers.
    assert!(page.contains("#include /etc/passwd"), "{page}");
    // Another doc comment's definitions give these no target: they stay text.
    assert!(
        page.contains("Click [here][evil], [there][evil2] or [evil]."),
        "{page}"
    );
}

/// A file named like Markdown is data in `--source-url`'s `{path}`: encoded, it neither
/// injects a link nor breaks one at its space.
#[test]
fn source_url_paths_are_encoded() {
    let dir = tempfile::tempdir().unwrap();
    let name = "x)[e](javascript:alert(1)) y.wit";
    std::fs::copy(hostile_wit().join("things.wit"), dir.path().join(name)).unwrap();
    let out = witlint()
        .current_dir(dir.path())
        .args([
            "docs",
            name,
            "--source-url",
            "https://example.com/blob/main/{path}#L{line}",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("[source](https://example.com/blob/main/x%29%5Be%5D%28javascript%3Aalert%281%29%29%20y.wit#L"),
        "{text}"
    );
    assert!(!text.contains("](javascript:"), "{text}");
}

/// The book mdBook builds from witlint's pages and from the preprocessor, HTML and search
/// index alike.
#[test]
fn mdbook_builds_an_inert_book_from_hostile_docs() {
    let book = tempfile::tempdir().unwrap();
    let src = book.path().join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(
        book.path().join("book.toml"),
        format!(
            "[book]\ntitle = \"hostile\"\n\n[output.html.search]\nenable = true\n\n\
             [preprocessor.wit]\ncommand = \"witlint mdbook\"\ninput = {:?}\nbefore = [\"links\"]\n",
            hostile_wit().display().to_string()
        ),
    )
    .unwrap();
    std::fs::write(
        src.join("SUMMARY.md"),
        "# Summary\n\n- [Chapter](chapter.md)\n\n<!-- witlint:begin -->\n<!-- witlint:end -->\n",
    )
    .unwrap();
    std::fs::write(
        src.join("chapter.md"),
        "# Chapter\n\n{{#wit hostile:docs/things}}\n",
    )
    .unwrap();
    witlint()
        .arg("docs")
        .arg(hostile_wit())
        .arg("--out")
        .arg(src.join("reference"))
        .assert()
        .success();
    let dest = book.path().join("out");
    common::mdbook_build(book.path(), &dest);
    let mut checked = 0;
    for file in walk(&dest) {
        let name = file.display().to_string();
        if !(name.ends_with(".html") || name.ends_with(".js") || name.ends_with(".json")) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        if name.ends_with(".html") {
            assert_inert(&name, &text);
        } else {
            assert_nothing_included(&name, &text);
        }
        checked += 1;
    }
    let chapter = std::fs::read_to_string(dest.join("chapter.html")).unwrap();
    assert!(
        chapter.contains("#include /etc/passwd"),
        "the docs are shown as text"
    );
    assert!(
        dest.join("reference/hostile/docs/things.html").is_file(),
        "the generated pages are in the book"
    );
    assert!(checked > 5, "{checked} files checked");
}
