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
