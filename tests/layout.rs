//! The house reads as the pipeline: no file imports from a file that imports it back
//! (directly or around a loop), nothing below the command line imports from it, and only
//! the command line prints.
//!
//! Imports are read from the source text: `crate::`, `super::`, `self::` and `witlint::`
//! paths (in `use` lines or inline), and a `mod.rs`'s uses of its own children. A `pub use`
//! that only re-exports (a facade) is not an import of the file that holds it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/` by the module it is: `lint/rules/mod.rs` is `lint::rules`,
/// `lib.rs` the root, `main.rs` and the command line under `<bin>`.
fn modules() -> BTreeMap<Module, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().map(Result::unwrap) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(src()).unwrap().with_extension("");
            let mut parts: Module = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            if parts == ["lib"] {
                parts.clear();
            } else if parts == ["main"] {
                parts = vec!["<bin>".into()];
            } else if parts[0] == "cli" {
                parts.insert(0, "<bin>".into());
            }
            out.insert(parts, path);
        }
    }
    out
}

/// The text that imports: without tests, comments and pure re-exports.
fn import_text(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect();
    let declaration = |l: &str| {
        let l = l.trim_start();
        ["pub use ", "mod ", "pub mod "]
            .iter()
            .any(|p| l.starts_with(p))
    };
    let body: String = lines
        .iter()
        .filter(|l| !declaration(l))
        .map(|l| format!("{l}\n"))
        .collect();
    lines
        .iter()
        .filter(|l| {
            let Some(re_export) = l.trim_start().strip_prefix("pub use ") else {
                return true;
            };
            // Kept when something it brings in is used in the file itself.
            let names = re_export
                .trim_end_matches(';')
                .split(['{', '}', ','])
                .filter_map(|item| item.split(" as ").last()?.rsplit("::").next())
                .map(str::trim)
                .filter(|n| !n.is_empty() && *n != "self");
            names.into_iter().any(|n| contains_word(&body, n))
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

/// The paths a file names from `start` (`crate`, `super`, `witlint`, a child module…):
/// `super::a::{b, c::d}` gives `[super, a, b]` and `[super, a, c, d]`.
fn paths_from(text: &str, start: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let needle = format!("{start}::");
    for (at, _) in text.match_indices(&needle) {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| is_ident(c) || c == ':') {
            continue;
        }
        let mut segments = vec![start.to_string()];
        let mut rest = &text[at + needle.len()..];
        loop {
            let ident: String = rest.chars().take_while(|&c| is_ident(c)).collect();
            if !ident.is_empty() {
                segments.push(ident.clone());
                rest = &rest[ident.len()..];
                match rest.strip_prefix("::") {
                    Some(r) => rest = r,
                    None => break,
                }
            } else if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    let mut path = segments.clone();
                    path.extend(
                        item.trim()
                            .split(" as ")
                            .next()
                            .unwrap_or_default()
                            .split("::")
                            .map(|s| s.trim().to_string())
                            .filter(|s| !s.is_empty()),
                    );
                    out.push(path);
                }
                segments.clear();
                break;
            } else {
                break;
            }
        }
        if !segments.is_empty() {
            out.push(segments);
        }
    }
    out
}

/// The module a path leads to: the longest prefix that is a file.
fn resolve(from: &Module, path: &[String], known: &BTreeMap<Module, PathBuf>) -> Option<Module> {
    let in_bin = from.first().is_some_and(|m| m == "<bin>");
    let mut base: Module = match path[0].as_str() {
        "crate" if in_bin => vec!["<bin>".into()],
        "crate" | "witlint" => Vec::new(),
        "self" | "super" => from.clone(),
        child => {
            let mut m = from.clone();
            m.push(child.to_string());
            m
        }
    };
    let mut rest = &path[1..];
    if path[0] == "super" {
        base.pop();
        while rest.first().is_some_and(|s| s == "super") {
            base.pop();
            rest = &rest[1..];
        }
    }
    let full: Module = base.iter().chain(rest).cloned().collect();
    (0..=full.len())
        .rev()
        .map(|n| full[..n].to_vec())
        .find(|m| known.contains_key(m))
}

fn import_graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let known = modules();
    let mut graph = BTreeMap::new();
    for (module, path) in &known {
        let full = std::fs::read_to_string(path).unwrap();
        let text = import_text(&full);
        let children: Vec<&str> = full
            .lines()
            .filter_map(|l| {
                let l = l.trim_start();
                let l = l.strip_prefix("pub ").unwrap_or(l);
                l.strip_prefix("mod ")?.strip_suffix(';')
            })
            .collect();
        let mut edges = BTreeSet::new();
        let starts = ["crate", "super", "self", "witlint"]
            .into_iter()
            .chain(children);
        for start in starts {
            for p in paths_from(&text, start) {
                if let Some(target) = resolve(module, &p, &known)
                    && &target != module
                {
                    edges.insert(target);
                }
            }
        }
        graph.insert(module.clone(), edges);
    }
    graph
}

fn name(m: &Module) -> String {
    if m.is_empty() {
        "lib".into()
    } else {
        m.join("/")
    }
}

#[test]
fn no_file_imports_from_a_file_that_imports_it_back() {
    let graph = import_graph();
    // Depth-first search; a module met again while on the current path closes a loop.
    fn visit<'a>(
        m: &'a Module,
        graph: &'a BTreeMap<Module, BTreeSet<Module>>,
        path: &mut Vec<&'a Module>,
        done: &mut BTreeSet<&'a Module>,
        loops: &mut Vec<String>,
    ) {
        if let Some(at) = path.iter().position(|p| *p == m) {
            let names: Vec<String> = path[at..].iter().map(|m| name(m)).collect();
            loops.push(format!("{} -> {}", names.join(" -> "), name(m)));
            return;
        }
        if !done.insert(m) {
            return;
        }
        path.push(m);
        for next in &graph[m] {
            visit(next, graph, path, done, loops);
        }
        path.pop();
    }
    let (mut done, mut loops) = (BTreeSet::new(), Vec::new());
    for m in graph.keys() {
        visit(m, &graph, &mut Vec::new(), &mut done, &mut loops);
    }
    assert!(graph.len() > 90, "{} files read", graph.len());
    assert!(
        graph.values().map(BTreeSet::len).sum::<usize>() > 200,
        "imports read"
    );
    assert!(loops.is_empty(), "import cycles:\n{}", loops.join("\n"));
}

#[test]
fn nothing_below_the_command_line_imports_from_it() {
    let graph = import_graph();
    let offenders: Vec<String> = graph
        .iter()
        .filter(|(m, _)| m.first().is_none_or(|f| f != "<bin>"))
        .flat_map(|(m, edges)| {
            edges
                .iter()
                .filter(|e| e.first().is_some_and(|f| f == "<bin>"))
                .map(move |e| format!("{} -> {}", name(m), name(e)))
        })
        .collect();
    assert!(offenders.is_empty(), "{offenders:#?}");
    // And every command's code is where its name says.
    for command in [
        "check",
        "fmt",
        "rules",
        "explain",
        "docs",
        "mdbook",
        "scaffold",
        "completions",
        "man",
    ] {
        assert!(
            src().join(format!("cli/{command}.rs")).is_file(),
            "src/cli/{command}.rs"
        );
    }
}

#[test]
fn the_reader_sees_a_cycle_when_there_is_one() {
    // The reader of imports, on two files that import each other.
    let text = "use super::b::{Thing, other::Deep};\nfn f() { crate::a::g(); }\n";
    let paths = paths_from(&import_text(text), "super");
    assert_eq!(
        paths,
        [
            vec!["super", "b", "Thing"],
            vec!["super", "b", "other", "Deep"]
        ]
    );
    assert!(import_text("pub use x::Unused;\n").is_empty());
    assert!(!import_text("pub use x::Used;\nfn f(_: Used) {}\n").is_empty());
}

/// The folders read as the pipeline too: no top-level module (`lint`, `diff`, `build`,
/// `workspace`, …) imports from one that imports it back, directly or around a loop.
#[test]
fn no_top_level_module_imports_from_one_that_imports_it_back() {
    let graph = import_graph();
    let top = |m: &Module| m.first().cloned().unwrap_or_else(|| "lib".into());
    let mut folders: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, edges) in &graph {
        let from = top(m);
        let entry = folders.entry(from.clone()).or_default();
        for e in edges {
            let to = top(e);
            // The crate root only names its modules.
            if to != from && from != "lib" && to != "lib" {
                entry.insert(to);
            }
        }
    }
    let mut loops = Vec::new();
    for (a, edges) in &folders {
        for b in edges {
            // Is there a way back from b to a?
            let mut seen = BTreeSet::new();
            let mut stack = vec![b.clone()];
            while let Some(n) = stack.pop() {
                if !seen.insert(n.clone()) {
                    continue;
                }
                if let Some(next) = folders.get(&n) {
                    if next.contains(a) {
                        loops.push(format!("{a} -> {b} -> … -> {a}"));
                        break;
                    }
                    stack.extend(next.iter().cloned());
                }
            }
        }
    }
    assert!(folders.len() > 8, "{folders:?}");
    assert!(
        loops.is_empty(),
        "loops between top-level modules:\n{}",
        loops.join("\n")
    );
}

/// The command line and the editor hold no pipeline of their own: they find and read
/// configuration, read and load inputs, check, apply baselines and fix only through the
/// shared `project` layer.
#[test]
fn the_command_line_and_the_editor_go_through_the_project_layer() {
    let forbidden = [
        "workspace::read_input",
        "workspace::load",
        "workspace::from_wasm",
        "config_file::",
        "Config::load",
        "lint::check",
        "check_all",
        "lint::fix::",
        "Baseline::load",
        "discover_wkg",
    ];
    let mut offenders = Vec::new();
    for (module, path) in modules() {
        let front_end = module.first().is_some_and(|m| m == "<bin>" || m == "lsp");
        if !front_end {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let code = import_text(&text);
        for needle in forbidden {
            if code.contains(needle) {
                offenders.push(format!("{}: {needle}", path.display()));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}
