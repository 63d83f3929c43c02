//! The formatter's groundwork over the whole corpus: the lossless lexer reads every `.wit`
//! file back byte for byte, and finds the same comments as the trivia scanner the rules
//! use, each with the same style.

mod common;

use common::{corpus, walk};
use witlint::fmt::lexer::{Kind, tokens};
use witlint::workspace::trivia::{CommentStyle, Trivia};

#[test]
fn every_corpus_file_is_read_back_byte_for_byte_with_its_comments() {
    let files: Vec<_> = walk(&corpus())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "wit"))
        .collect();
    assert!(files.len() > 1000, "{} files", files.len());
    let mut problems = Vec::new();
    let mut comments_seen = 0;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let tokens = tokens(&text);
        let joined: String = tokens.iter().map(|t| &text[t.range.clone()]).collect();
        if joined != text {
            problems.push(format!("{}: not read back as written", path.display()));
            continue;
        }
        let lexed: Vec<(usize, Kind)> = tokens
            .iter()
            .filter(|t| t.kind.is_comment())
            .map(|t| (t.range.start, t.kind))
            .collect();
        let scanned: Vec<(usize, Kind)> = Trivia::scan(&text)
            .runs
            .iter()
            .flat_map(|r| r.comments.iter())
            .map(|c| {
                let kind = match c.style {
                    CommentStyle::Doc => Kind::DocComment,
                    CommentStyle::Line => Kind::LineComment,
                    CommentStyle::DocBlock => Kind::DocBlockComment,
                    CommentStyle::Block => Kind::BlockComment,
                };
                (c.range.start, kind)
            })
            .collect();
        comments_seen += lexed.len();
        if lexed != scanned {
            problems.push(format!(
                "{}: {} comments lexed, {} scanned",
                path.display(),
                lexed.len(),
                scanned.len()
            ));
        }
    }
    assert!(comments_seen > 10_000, "{comments_seen} comments");
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// The proof holds for a change of layout only, and fails, naming what changed, for a
/// lost comment, changed docs and a changed API (gates are items' too: the diff engine's
/// `since-changed` and friends, tested in tests/diff.rs).
#[test]
fn the_proof_tells_layout_from_meaning() {
    use std::collections::BTreeMap;
    use witlint::project::load::{Mode, load, read};
    let wit = corpus().join("WebAssembly__wasi-keyvalue/wit");
    let shown = wit.display().to_string();
    let file = wit.join("store.wit");
    let text = std::fs::read_to_string(&file).unwrap();
    let open = |new_text: String| {
        let overlays = BTreeMap::from([(file.clone(), new_text)]);
        load(read(&wit, &shown, &overlays).unwrap(), Mode::Read).unwrap()
    };
    let before = open(text.clone());
    let differences = |new_text: String| witlint::fmt::proof::differences(&before, &open(new_text));
    // Layout: tabs for spaces, a blank line more, trailing spaces.
    let relaid = text
        .replace("    ", "\t")
        .replace("\n\n", "\n\n\n")
        .replace(";\n", ";  \n");
    assert_ne!(relaid, text);
    assert_eq!(differences(relaid), Vec::<String>::new());
    // Meaning: each of these is named.
    let first_comment = text
        .lines()
        .find(|l| l.trim_start().starts_with("//"))
        .expect("a comment");
    for (what, changed, wanted) in [
        (
            "a comment lost",
            text.replacen(first_comment, "", 1),
            "comments differ",
        ),
        (
            "docs changed",
            text.replacen("/// ", "/// Changed. ", 1),
            "docs-changed",
        ),
        (
            "a function renamed",
            text.replacen("get: func(", "fetch: func(", 1),
            "function-removed",
        ),
    ] {
        assert_ne!(changed, text, "{what}");
        let found = differences(changed);
        assert!(
            found.iter().any(|d| d.contains(wanted)),
            "{what}: {found:?}"
        );
    }
}

/// The layout layer over every package of the corpus that loads: each file laid out, the
/// package keeps its meaning by the proof (API, gates, docs, comments), and laying out
/// again changes nothing.
#[test]
fn laying_out_every_corpus_package_keeps_its_meaning_and_is_a_fixed_point() {
    use std::collections::BTreeMap;
    use witlint::fmt::{layout::layout, proof::differences};
    use witlint::project::load::{Mode, load, read};
    let mut folders: Vec<std::path::PathBuf> = walk(&corpus())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "wit"))
        .filter(|p| !p.components().any(|c| c.as_os_str() == "deps"))
        .filter_map(|p| p.parent().map(std::path::Path::to_path_buf))
        .collect();
    folders.sort();
    folders.dedup();
    let (mut checked, mut changed) = (0, 0);
    let mut problems = Vec::new();
    for folder in &folders {
        let shown = folder.display().to_string();
        let Ok(before) = read(folder, &shown, &BTreeMap::new()).and_then(|f| load(f, Mode::Read))
        else {
            continue;
        };
        checked += 1;
        let mut overlays = BTreeMap::new();
        for file in before.sources.iter().filter(|f| f.path.ends_with(".wit")) {
            let path = std::path::PathBuf::from(&*file.path);
            if path.parent() != Some(folder.as_path()) {
                continue; // deps/ is never formatted
            }
            let laid = layout(&file.text);
            if layout(&laid) != laid {
                problems.push(format!("{}: not a fixed point", file.path));
            }
            if laid != file.text {
                changed += 1;
            }
            overlays.insert(path, laid);
        }
        match read(folder, &shown, &overlays).and_then(|f| load(f, Mode::Read)) {
            Ok(after) => {
                for d in differences(&before, &after) {
                    problems.push(format!("{shown}: {d}"));
                }
            }
            Err(e) => problems.push(format!("{shown}: no longer loads: {e}")),
        }
    }
    eprintln!("{checked} packages laid out, {changed} files changed");
    assert!(checked > 100, "{checked} packages");
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}
