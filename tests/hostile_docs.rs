//! Doc comments are untrusted, tested as a property: thousands of generated hostile doc
//! comments (mdBook directives with any number of braces, escapes, heading attribute
//! blocks, raw HTML, reference definitions, autolinks, script URLs in every link form,
//! across line breaks), seeded, go through every way witlint writes docs (`docs --out`,
//! `--single`, the `mdbook` preprocessor, `diff --format markdown`) and then the real
//! mdBook. No file's content is inlined, no event handler, no script URL and no raw HTML
//! survives, and no heading keeps an attribute.

mod common;

use std::path::Path;

use common::{Rng, walk, witlint};
use pulldown_cmark::{Event, Options, Parser, Tag};

/// A line of `/etc/passwd` that any Linux has: if it is in an output, a directive ran.
const PASSWD: &str = "root:x:0:0";

/// Doc comments per run, and interfaces they are spread over.
const CASES: usize = 3000;
const PER_INTERFACE: usize = 25;

const SCHEMES: &[&str] = &[
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "DATA:text/html;base64,PHNjcmlwdD4=",
    "javascript&#58;alert(1)",
    "&#106;avascript:alert(1)",
];

/// One hostile fragment.
fn fragment(rng: &mut Rng) -> String {
    let braces = 1 + rng.below(5);
    let (open, close) = ("{".repeat(braces), "}".repeat(braces));
    let url = rng.pick(SCHEMES);
    let directive = rng.pick(&[
        "#include /etc/passwd",
        " #include /etc/passwd ",
        "#rustdoc_include /etc/passwd",
        "#playground /etc/passwd",
        "#title Owned",
        "#template /etc/passwd",
    ]);
    match rng.below(19) {
        0 => format!("{open}{directive}{close}"),
        1 => format!("\\{open}{directive}{close}"),
        2 => format!("`{open}{directive}{close}`"),
        3 => format!("```\n{open}{directive}{close}\n```"),
        4 => format!(
            "# Hover me {{onmouseover=alert(1) style=position:fixed;top:0}}{}",
            rng.pick(&["", " #", " ##"])
        ),
        5 => format!(
            "Hover me {{#id .class onclick=alert(1)}}\n{}",
            rng.pick(&["===", "---", "=", "-----"])
        ),
        6 => "## a {b} {onfocus=alert(1) autofocus}".to_string(),
        7 => rng
            .pick(&[
                "<script>alert(1)</script>",
                "<img src=x onerror=alert(1)>",
                "<svg onload=alert(1)>",
                "<a href=\"javascript:alert(1)\">x</a>",
                "<iframe src=\"data:text/html,x\"></iframe>",
                "<details open ontoggle=alert(1)>",
                "<!-- <script>alert(1)</script> -->",
                "<style>body{display:none}</style>",
            ])
            .to_string(),
        8 => format!("[x]: {url}\n\n[click][x] and [x] and [x][]"),
        9 => format!("[click]({url})"),
        10 => format!("![img]({url})"),
        11 => format!("<{url}>"),
        12 => format!("[click](\n{url}\n)"),
        13 => format!("[click](<{url}> \"title\")"),
        14 => format!("[a\nb]({url})"),
        15 => "> [!NOTE]\n> <script>alert(1)</script>".to_string(),
        16 => "term\n: <img src=x onerror=alert(1)>".to_string(),
        17 => format!("[x][y]\n\n[y]:\n  {url}"),
        _ => rng
            .pick(&[
                "plain words",
                "\"smart\" -- quotes...",
                "a_b*c*",
                "\\",
                "&amp;",
            ])
            .to_string(),
    }
}

/// A doc comment of a few fragments, joined the ways Markdown reads differently.
fn doc_comment(rng: &mut Rng) -> String {
    let n = 1 + rng.below(5);
    let mut text = String::new();
    for i in 0..n {
        if i > 0 {
            text.push_str(rng.pick(&["\n", "\n\n", " ", "\n    ", "\n# ", "\n- "]));
        }
        text.push_str(&fragment(rng));
    }
    text
}

/// `/// ` lines of a doc comment, indented.
fn as_doc_lines(doc: &str, indent: &str) -> String {
    doc.lines().map(|l| format!("{indent}/// {l}\n")).collect()
}

/// A package of `CASES` hostile doc comments, on interfaces and their functions.
fn hostile_package(seed: u64, dir: &Path) {
    let mut rng = Rng(seed);
    let mut wit = String::from("package hostile:prop@0.2.0;\n\n");
    for i in 0..CASES / PER_INTERFACE {
        wit.push_str(&as_doc_lines(&doc_comment(&mut rng), ""));
        wit.push_str(&format!("interface i{i} {{\n"));
        for f in 1..PER_INTERFACE {
            wit.push_str(&as_doc_lines(&doc_comment(&mut rng), "    "));
            wit.push_str(&format!("    f{f}: func();\n"));
        }
        wit.push_str("}\n\n");
    }
    wit.push_str("world w {\n");
    for i in 0..CASES / PER_INTERFACE {
        wit.push_str(&format!("    export i{i};\n"));
    }
    wit.push_str("}\n");
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("prop.wit"), wit).unwrap();
}

/// mdBook's own Markdown options (0.5): what it reads the pages with.
fn mdbook_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

fn is_script_url(url: &str) -> bool {
    let lower: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| lower.starts_with(s))
}

/// Markdown that witlint wrote, read as mdBook reads it: nothing active.
fn assert_inert_markdown(what: &str, text: &str) {
    assert!(!text.contains(PASSWD), "{what}: a file was included");
    for (i, line) in text.lines().enumerate() {
        assert!(
            !line.contains("{{#") && !line.contains("{{ #"),
            "{what}:{}: a live directive: {line}",
            i + 1
        );
    }
    let parser = Parser::new_ext(text, mdbook_options());
    for (label, def) in parser.reference_definitions().iter() {
        assert!(
            !is_script_url(&def.dest),
            "{what}:{}: a live definition of [{label}] at `{}`",
            text[..def.span.start].lines().count(),
            &text[def.span.clone()]
        );
    }
    for (event, at) in parser.into_offset_iter() {
        let what = format!("{what}, at `{}`", &text[at.clone()]);
        let what = what.as_str();
        match event {
            Event::Html(h) | Event::InlineHtml(h) => {
                // witlint's own markers are HTML comments, and so are the book's anchors.
                let h = h.trim();
                assert!(
                    h.starts_with("<!--") || h.starts_with("<a id=") || h == "</a>",
                    "{what}: raw HTML survived: {h}"
                );
            }
            Event::Start(Tag::Heading {
                id, classes, attrs, ..
            }) => {
                assert!(
                    classes.is_empty() && attrs.is_empty() && id.is_none(),
                    "{what}: a heading keeps attributes: {id:?} {classes:?} {attrs:?}"
                );
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                assert!(
                    !is_script_url(&dest_url),
                    "{what}: a script link: {dest_url}"
                );
            }
            _ => {}
        }
    }
}

/// The HTML mdBook made of a page: in its content, no tag only raw HTML brings (a Markdown
/// image is an `<img>`, and mdBook draws admonition icons with `<svg>`), no event handler,
/// no style, no script URL.
fn assert_inert_html(what: &str, html: &str) {
    assert!(!html.contains(PASSWD), "{what}: a file was included");
    assert!(
        !html.contains("<title>Owned"),
        "{what}: a directive set the title"
    );
    let Some(start) = html.find("<main>") else {
        return;
    };
    let end = html[start..]
        .find("</main>")
        .map_or(html.len(), |e| start + e);
    let main = &html[start..end];
    let mut rest = main;
    while let Some(open) = rest.find('<') {
        let tag_end = rest[open..].find('>').map_or(rest.len(), |e| open + e + 1);
        let tag = &rest[open..tag_end];
        let name: String = tag[1..]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        assert!(
            !matches!(
                name.as_str(),
                "script" | "iframe" | "style" | "details" | "object" | "embed" | "form"
            ),
            "{what}: a <{name}> in the content: {tag}"
        );
        for (attr, value) in attributes(tag) {
            assert!(!attr.starts_with("on"), "{what}: an event handler: {tag}");
            // mdBook's print page breaks pages with a style of its own.
            assert!(
                attr != "style" || value.starts_with("break-before: page;"),
                "{what}: a style attribute: {tag}"
            );
            if attr == "href" || attr == "src" {
                assert!(!is_script_url(&value), "{what}: a script URL: {tag}");
            }
        }
        rest = &rest[tag_end..];
    }
}

/// A tag's attributes as HTML reads them: lowercase names, values unquoted.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let inner = tag.trim_start_matches('<').trim_end_matches('>');
    let mut chars = inner.chars().peekable();
    // The tag's name.
    while chars.peek().is_some_and(|c| !c.is_whitespace()) {
        chars.next();
    }
    let mut out = Vec::new();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == '/') {
            chars.next();
        }
        let mut name = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || c == '=' || c == '/' {
                break;
            }
            name.push(c.to_ascii_lowercase());
            chars.next();
        }
        if name.is_empty() {
            return out;
        }
        let mut value = String::new();
        if chars.peek() == Some(&'=') {
            chars.next();
            match chars.peek().copied() {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    value.extend(chars.by_ref().take_while(|&c| c != q));
                }
                _ => {
                    while chars.peek().is_some_and(|c| !c.is_whitespace()) {
                        value.push(chars.next().unwrap());
                    }
                }
            }
        }
        out.push((name, value));
    }
}

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn no_generated_hostile_doc_comment_acts_on_any_output() {
    let seed = std::env::var("WITLINT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_d0c5_u64);
    let dir = tempfile::tempdir().unwrap();
    let wit = dir.path().join("wit");
    hostile_package(seed, &wit);
    let what = |w: &str| format!("{w} (seed {seed}, WITLINT_SEED to rerun)");

    // `docs --single`.
    let single_file = dir.path().join("single.md");
    witlint()
        .arg("docs")
        .arg(&wit)
        .arg("--single")
        .arg(&single_file)
        .assert()
        .success();
    let single = std::fs::read_to_string(&single_file).unwrap();
    if let Some(keep) = std::env::var_os("WITLINT_KEEP") {
        std::fs::write(Path::new(&keep).join("single.md"), &single).unwrap();
        std::fs::write(
            Path::new(&keep).join("prop.wit"),
            std::fs::read(wit.join("prop.wit")).unwrap(),
        )
        .unwrap();
    }
    assert!(single.contains("f24"), "the docs hold every item");
    assert_inert_markdown(&what("docs --single"), &single);

    // `diff --format markdown`: every item is new against an empty package.
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::write(empty.join("a.wit"), "package hostile:prop@0.1.0;\n").unwrap();
    let notes = stdout(
        witlint()
            .args(["diff", "--format", "markdown"])
            .arg(&empty)
            .arg(&wit),
    );
    assert_inert_markdown(&what("diff --format markdown"), &notes);

    // A book: `docs --out` pages and a chapter through the preprocessor, built by mdBook.
    let book = dir.path().join("book");
    let src = book.join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(
        book.join("book.toml"),
        format!(
            "[book]\ntitle = \"hostile\"\n\n[output.html.search]\nenable = true\n\n\
             [preprocessor.wit]\ncommand = \"witlint mdbook\"\ninput = {:?}\nbefore = [\"links\"]\n",
            wit.display().to_string()
        ),
    )
    .unwrap();
    std::fs::write(
        src.join("SUMMARY.md"),
        "# Summary\n\n- [Chapter](chapter.md)\n\n<!-- witlint:begin -->\n<!-- witlint:end -->\n",
    )
    .unwrap();
    let chapter: String = (0..CASES / PER_INTERFACE)
        .step_by(10)
        .map(|i| format!("{{{{#wit hostile:prop/i{i}}}}}\n\n"))
        .collect();
    std::fs::write(src.join("chapter.md"), format!("# Chapter\n\n{chapter}")).unwrap();
    witlint()
        .arg("docs")
        .arg(&wit)
        .arg("--out")
        .arg(src.join("reference"))
        .assert()
        .success();
    let mut pages = 0;
    for page in walk(&src.join("reference")) {
        if page.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(&page).unwrap();
            assert_inert_markdown(&what(&page.display().to_string()), &text);
            pages += 1;
        }
    }
    assert!(pages > CASES / PER_INTERFACE, "{pages} pages");

    let dest = book.join("out");
    common::mdbook_build(&book, &dest);
    let mut checked = 0;
    for file in walk(&dest) {
        let name = file.display().to_string();
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        if name.ends_with(".html") {
            assert_inert_html(&what(&name), &text);
            checked += 1;
        } else if name.ends_with(".js") || name.ends_with(".json") {
            assert!(
                !text.contains(PASSWD),
                "{}: a file was included",
                what(&name)
            );
        }
    }
    assert!(checked > pages, "{checked} pages of HTML checked");
    let chapter = std::fs::read_to_string(dest.join("chapter.html")).unwrap();
    assert!(
        chapter.contains("#include /etc/passwd"),
        "the docs show as text"
    );
}
