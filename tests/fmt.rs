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

/// `witlint fmt` over every `.wit` file of the corpus (outside deps/): each is formatted
/// with its folder's package, or alone when the folder does not load as one package (the
/// peer test suites: a case per file); the proof holds (API, gates, docs, every comment),
/// and formatting again changes nothing. A file wit-parser rejects, alone and with its
/// folder, is rejected by fmt with wit-parser's error: every case of its `parse-fail/`.
#[test]
fn every_corpus_file_is_formatted_keeping_its_meaning_or_rejected_as_wit_parser_rejects_it() {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};
    use witlint::fmt::{DEFAULT_LINE_WIDTH, format_text, proof::comments};
    use witlint::project::format::{Formatted, format_with};
    use witlint::project::load::{Mode, load, read};
    let files: Vec<PathBuf> = walk(&corpus())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "wit"))
        .filter(|p| !p.components().any(|c| c.as_os_str() == "deps"))
        .collect();
    let mut folders: Vec<&Path> = files.iter().filter_map(|p| p.parent()).collect();
    folders.sort();
    folders.dedup();
    let fmt = |input: &Path| {
        format_with(
            input,
            &input.display().to_string(),
            &BTreeMap::new(),
            &Default::default(),
        )
    };
    let mut problems = Vec::new();
    let (mut formatted, mut changed, mut rejected, mut comments_kept) = (0, 0, 0, 0);
    // A case of wit-parser's parse-fail suite: a file or a folder right under `parse-fail/`.
    let parse_fail_case = |p: &Path| {
        p.parent()
            .and_then(Path::file_name)
            .is_some_and(|n| n == "parse-fail")
    };
    let (mut parse_fail_cases, mut parse_fail_rejected) = (0, 0);
    let mut outcome = |files: Vec<Formatted>, problems: &mut Vec<String>| {
        for f in files {
            formatted += 1;
            changed += usize::from(f.after != f.before);
            comments_kept += comments(&f.after).len();
            if format_text(&f.after, DEFAULT_LINE_WIDTH) != f.after {
                problems.push(format!("{}: not a fixed point", f.shown));
            }
        }
    };
    for folder in folders {
        if parse_fail_case(folder) {
            parse_fail_cases += 1;
        }
        match fmt(folder) {
            Ok(_) if parse_fail_case(folder) => {
                problems.push(format!("{}: a parse-fail case formatted", folder.display()))
            }
            Ok(done) => outcome(done, &mut problems),
            Err(e) if e.diagnostics.iter().any(|d| d.code == "fmt-proof") => {
                problems.push(e.to_string())
            }
            Err(_) => {
                if parse_fail_case(folder) {
                    parse_fail_rejected += 1;
                    continue;
                }
                for file in files.iter().filter(|f| f.parent() == Some(folder)) {
                    if parse_fail_case(file) {
                        parse_fail_cases += 1;
                    }
                    match fmt(file) {
                        Ok(_) if parse_fail_case(file) => problems
                            .push(format!("{}: a parse-fail case formatted", file.display())),
                        Ok(done) => outcome(done, &mut problems),
                        Err(e) if e.diagnostics.iter().any(|d| d.code == "fmt-proof") => {
                            problems.push(e.to_string())
                        }
                        Err(e) => {
                            rejected += 1;
                            let shown = file.display().to_string();
                            let parser = read(file, &shown, &BTreeMap::new())
                                .and_then(|f| load(f, Mode::Check(&[])))
                                .map_or_else(
                                    |e| Some(e.diagnostics[0].message.clone()),
                                    |ws| ws.features_off().map(|d| d.message),
                                );
                            if parser.as_ref() != Some(&e.diagnostics[0].message) {
                                problems.push(format!("{shown}: not wit-parser's error: {e}"));
                            }
                            if parse_fail_case(file) {
                                parse_fail_rejected += 1;
                            }
                        }
                    }
                }
            }
        }
    }
    eprintln!(
        "{} files: {formatted} formatted ({changed} changed, {comments_kept} comments kept), {rejected} rejected ({parse_fail_rejected} of {parse_fail_cases} parse-fail cases)",
        files.len()
    );
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    assert!(formatted > 650, "{formatted} files formatted");
    assert!(
        parse_fail_cases > 100,
        "{parse_fail_cases} parse-fail cases"
    );
    assert_eq!(parse_fail_rejected, parse_fail_cases);
}
