//! `witlint docs` output: golden pages and single files, link integrity over the corpus,
//! safety of doc comments, determinism, the JSON model and dependency/source links.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use common::{corpus, entries_with_wit, fixtures, stdout_of, witlint};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use witlint::docs::{Templates, generated, model, pages};

/// Heading ids of a page the way mdBook assigns them (duplicates get `-1`, `-2`), every
/// link destination, and any raw HTML besides witlint's header comment.
struct Parsed {
    ids: Vec<String>,
    /// The ids of witlint's own item headings (they hold a code span), before deduplication.
    base_ids: Vec<String>,
    links: Vec<String>,
    html: Vec<String>,
}

fn parse(text: &str) -> Parsed {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut ids = Vec::new();
    let mut base_ids = Vec::new();
    let mut used = HashSet::new();
    let mut links = Vec::new();
    let mut html = Vec::new();
    let mut heading: Option<String> = None;
    let mut heading_has_code = false;
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                heading = Some(String::new());
                heading_has_code = false;
            }
            Event::End(TagEnd::Heading(_)) => {
                let base = pages::slug(&heading.take().unwrap_or_default());
                let mut id = base.clone();
                let mut n = 1;
                while !used.insert(id.clone()) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                if heading_has_code {
                    base_ids.push(base);
                }
                ids.push(id);
            }
            Event::Text(t) => {
                if let Some(h) = &mut heading {
                    h.push_str(&t);
                }
            }
            Event::Code(t) => {
                if let Some(h) = &mut heading {
                    h.push_str(&t);
                    heading_has_code = true;
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Html(h) | Event::InlineHtml(h)
                if !h.starts_with(generated::GENERATED_MARKER)
                    && !h.starts_with("<!-- witlint:") =>
            {
                html.push(h.to_string())
            }
            _ => {}
        }
    }
    Parsed {
        ids,
        base_ids,
        links,
        html,
    }
}

fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Every link of every page resolves to a page of the set and an anchor on it; no page
/// has two headings with one id; no raw HTML.
fn assert_links_resolve(label: &str, pages: &HashMap<String, String>) {
    let parsed: HashMap<&str, Parsed> = pages.iter().map(|(p, t)| (p.as_str(), parse(t))).collect();
    for (page, p) in &parsed {
        assert!(
            p.html.is_empty(),
            "{label}: raw HTML in {page}: {:?}",
            p.html
        );
        let mut seen = HashSet::new();
        for id in &p.base_ids {
            assert!(
                seen.insert(id),
                "{label}: two headings with the id `{id}` in {page}"
            );
        }
        for link in &p.links {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
            {
                continue;
            }
            let (file, anchor) = link.split_once('#').unwrap_or((link.as_str(), ""));
            let target = if file.is_empty() {
                page.to_string()
            } else {
                let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
                normalize(&format!("{dir}/{file}"))
            };
            let Some(target_page) = parsed.get(target.as_str()) else {
                panic!("{label}: {page} links to `{link}`, but {target} is not generated");
            };
            if !anchor.is_empty() {
                assert!(
                    target_page.ids.iter().any(|i| i == anchor),
                    "{label}: {page} links to `{link}`, but {target} has no heading with that id"
                );
            } else {
                assert!(
                    !link.ends_with('#'),
                    "{label}: empty anchor in `{link}` on {page}"
                );
            }
        }
    }
}

#[test]
fn every_link_in_every_page_of_the_corpus_resolves() {
    let mut rendered = 0;
    for entry in entries_with_wit() {
        let Ok(ws) = witlint::open(&entry, witlint::Mode::Check(&[])) else {
            continue;
        };
        let label = entry.display().to_string();
        let model = model::build(&ws, true);
        let options = generated::RenderOptions {
            command: "witlint docs".into(),
            ..Default::default()
        };
        let templates = Templates::compile(None).expect("built-in templates compile");
        let pages = pages::pages(&ws, &model, &options, &templates)
            .unwrap_or_else(|e| panic!("{label}: {e:#}"));
        let pages: HashMap<String, String> = pages.into_iter().map(|p| (p.path, p.text)).collect();
        assert_links_resolve(&label, &pages);
        let roots: Vec<_> = model.packages.iter().filter(|p| !p.dependency).collect();
        for world in roots.iter().flat_map(|p| &p.worlds) {
            let text = pages::single(&ws, &model, Some(world), "single.md", &options, &templates)
                .unwrap_or_else(|e| panic!("{label}: {e:#}"));
            assert_links_resolve(
                &format!("{label} {}", world.id),
                &HashMap::from([("single.md".to_string(), text)]),
            );
        }
        // Dependencies linked, not inlined: links to them become code, never dangling.
        let own = model::build(&ws, false);
        for world in own.packages.iter().flat_map(|p| &p.worlds) {
            let text =
                pages::single(&ws, &own, Some(world), "single.md", &options, &templates).unwrap();
            assert_links_resolve(
                &format!("{label} {} (deps linked)", world.id),
                &HashMap::from([("single.md".to_string(), text)]),
            );
        }
        rendered += 1;
    }
    assert!(rendered >= 35, "only {rendered} corpus entries rendered");
}

/// Runs `witlint docs` into a fresh folder; returns every file, keyed by relative path,
/// with the folder's name replaced by `OUT` (it appears in each file's header).
fn docs_files(args: &[&str], out_flag: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out_arg = match out_flag {
        "--single" => out.with_extension("md"),
        _ => out.clone(),
    };
    witlint()
        .arg("docs")
        .args(args)
        .arg(out_flag)
        .arg(&out_arg)
        .assert()
        .success();
    let shown = out_arg.display().to_string();
    let mut files = Vec::new();
    let mut stack = vec![dir.path().to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().filter_map(Result::ok) {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n == "wit-highlight.js") {
                // The same grammar in every book (tests/book.rs runs it).
                assert!(
                    std::fs::read_to_string(&p)
                        .unwrap()
                        .starts_with("// Generated by witlint")
                );
            } else {
                let rel = p.strip_prefix(dir.path()).unwrap().display().to_string();
                let text = std::fs::read_to_string(&p).unwrap().replace(&shown, "OUT");
                files.push((rel, text));
            }
        }
    }
    files.sort();
    files
}

fn snapshot_text(files: &[(String, String)]) -> String {
    files
        .iter()
        .map(|(p, t)| format!("===== {p}\n{t}"))
        .collect()
}

#[test]
fn golden_docs() {
    let kv = corpus().join("WebAssembly__wasi-keyvalue/wit");
    let blob = corpus().join("WebAssembly__wasi-blobstore/wit");
    let http = corpus().join("WebAssembly__wasi-http/wit");
    let rel = |p: &Path| {
        p.strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| p.to_path_buf())
            .display()
            .to_string()
    };
    let (kv, blob, http) = (rel(&kv), rel(&blob), rel(&http));
    let cases: Vec<(&str, Vec<&str>, &str)> = vec![
        ("bundled-pages", vec!["wit", "--inline-deps"], "--out"),
        ("bundled-single", vec!["wit", "--inline-deps"], "--single"),
        ("keyvalue-pages", vec![&kv], "--out"),
        (
            "keyvalue-single",
            vec![&kv, "--world", "imports"],
            "--single",
        ),
        ("blobstore-pages", vec![&blob], "--out"),
        (
            "blobstore-single",
            vec![&blob, "--world", "imports"],
            "--single",
        ),
        ("http-pages", vec![&http], "--out"),
        (
            "http-single",
            vec![&http, "--world", "proxy", "--inline-deps"],
            "--single",
        ),
    ];
    for (name, args, flag) in cases {
        let files = docs_files(&args, flag);
        assert!(!files.is_empty(), "{name}: nothing written");
        insta::assert_snapshot!(name, snapshot_text(&files));
    }
}

#[test]
fn output_is_byte_identical_across_runs() {
    let http = corpus().join("WebAssembly__wasi-http/wit");
    let http = http.to_str().unwrap();
    let a = docs_files(&[http, "--inline-deps"], "--out");
    let b = docs_files(&[http, "--inline-deps"], "--out");
    assert_eq!(a, b);
    let a = witlint()
        .args(["docs", http, "--format", "json", "--inline-deps"])
        .output()
        .unwrap();
    let b = witlint()
        .args(["docs", http, "--format", "json", "--inline-deps"])
        .output()
        .unwrap();
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn hostile_doc_comments_render_safely() {
    let text = stdout_of(
        witlint()
            .args(["docs"])
            .arg(fixtures().join("docs/unsafe.wit")),
    );
    let parsed = parse(&text);
    assert!(
        parsed.html.is_empty(),
        "raw HTML survived: {:?}\n{text}",
        parsed.html
    );
    assert!(!text.contains("<script"), "{text}");
    assert!(!text.contains("](javascript:"), "{text}");
    // The doc heading is demoted below its item's heading (level 3 in a single file).
    assert!(text.contains("\n#### A heading inside docs\n"), "{text}");
    // The unclosed fence is closed: the next items are still headings of their own.
    let headings: Vec<_> = Parser::new(&text)
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(level),
            _ => None,
        })
        .collect();
    assert!(headings.contains(&HeadingLevel::H4));
    assert!(
        parsed.ids.iter().any(|i| i == "record-hostilething"),
        "{:?}",
        parsed.ids
    );
    assert!(
        parsed.ids.iter().any(|i| i == "function-hostileafter"),
        "{:?}",
        parsed.ids
    );
    // The field's inline HTML is escaped, not dropped.
    assert!(text.contains("&lt;b&gt;bold&lt;/b&gt;"), "{text}");
}

/// The element of a JSON array whose `name` is `name`.
fn named<'a>(list: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    list.as_array()
        .expect("an array")
        .iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("no `{name}`"))
}

#[test]
fn json_model_has_every_part() {
    let out = witlint()
        .args(["docs", "wit", "--format", "json", "--inline-deps"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let model: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(model["schema"], 1);
    let kv = named(&model["packages"], "wasi:keyvalue");
    let store = named(&kv["interfaces"], "store");
    let bucket = named(&store["types"], "bucket");
    assert_eq!(bucket["kind"], "resource");
    let get = named(&bucket["methods"], "get");
    assert_eq!(get["id"], "wasi:keyvalue/store@0.2.0-draft2#bucket.get");
    assert!(get["gate"]["since"].is_string());
    assert!(!get["errors"]["cases"].as_array().unwrap().is_empty());
    let cloud = named(&model["packages"], "wasi:cloud-core");
    assert_eq!(cloud["dependency"], false);
    assert!(!cloud["worlds"][0]["imports"].as_array().unwrap().is_empty());
}

#[test]
fn dependencies_link_to_their_docs_and_items_to_their_source() {
    let http = corpus().join("WebAssembly__wasi-http/wit");
    let out = witlint()
        .arg("docs")
        .arg(&http)
        .args(["--world", "proxy"])
        .args([
            "--dep-url",
            "wasi:io=https://io.example/{interface}.html#{anchor}",
        ])
        .args(["--source-url", "https://src.example/wit/{path}#L{line}"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // A dependency's resource links into a witlint book of that package, at its anchor.
    assert!(
        text.contains("(https://io.example/streams.html#resource-input-stream)"),
        "{text}"
    );
    // wasi:clocks has no URL: its items are plain code, never a dangling link.
    assert!(!text.contains("clocks.html"), "{text}");
    assert!(
        text.contains("[source](https://src.example/wit/types.wit#L"),
        "{text}"
    );
    for link in text.split("(https://src.example/wit/").skip(1) {
        let path = link.split(')').next().unwrap();
        assert!(
            !path.contains(".."),
            "source paths are relative to the input: {path}"
        );
    }
}

#[test]
fn includes_are_read_back_from_the_world_body() {
    let out = witlint()
        .args(["docs", "--format", "json"])
        .arg(fixtures().join("docs/includes.wit"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let model: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pkg = named(&model["packages"], "local:includes");
    let combined = named(&pkg["worlds"], "combined");
    assert_eq!(
        combined["includes"],
        serde_json::json!([{"world": "local:includes/base@1.0.0", "gate": {"since": "1.0.0"}}])
    );
}

#[test]
fn a_world_page_indexes_only_the_packages_it_reaches() {
    let http = corpus().join("WebAssembly__wasi-http/wit");
    let ws = witlint::open(&http, witlint::Mode::Read).expect("wasi-http loads");
    let packages_with_items = |ws: &witlint::workspace::Workspace| {
        let mut names: Vec<String> = ws
            .index()
            .items
            .iter()
            .map(|i| ws.resolve.packages[i.package].name.name.clone())
            .collect();
        names.sort();
        names.dedup();
        names
    };
    let proxy = ws.resolve.packages[ws.roots[0]].worlds["proxy"];
    let shown = model::Reach::of(&ws, proxy).packages;
    ws.index_only(&|pkg| shown.contains(&pkg));
    // `proxy` reaches neither files nor sockets.
    assert_eq!(
        packages_with_items(&ws),
        ["cli", "clocks", "http", "io", "random"]
    );
    // Read first, the index holds every package.
    let full = witlint::open(&http, witlint::Mode::Read).expect("wasi-http loads");
    assert!(packages_with_items(&full).contains(&"sockets".to_string()));
    full.index_only(&|_| false);
    assert!(packages_with_items(&full).contains(&"sockets".to_string()));
}

/// Zed's extension world exports a function and `use`s a type of one name
/// (`context-server-configuration`): each gets its own heading, and each row links to its
/// own item.
#[test]
fn a_function_and_a_type_of_one_name_keep_their_own_headings() {
    let zed = corpus().join("zed-industries__zed__extension-api-since-v0.8.0/wit");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("zed.md");
    witlint()
        .arg("docs")
        .arg(&zed)
        .arg("--single")
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("## Type `context-server-configuration`"),
        "{text}"
    );
    assert!(
        text.contains("## Export function `context-server-configuration`"),
        "{text}"
    );
    let row = text
        .lines()
        .find(|l| l.contains("| function | Returns the configuration for a context server."))
        .expect("the function's row");
    assert!(
        row.contains("(#export-function-context-server-configuration)"),
        "{row}"
    );
    assert_links_resolve("zed", &HashMap::from([("zed.md".to_string(), text)]));
}
