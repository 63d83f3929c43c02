//! Reading doc comments as Markdown: code spans, headings and prose.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// The inline code spans of a doc comment, in order.
pub fn code_spans(docs: &str) -> Vec<String> {
    // No backtick, no code span: most docs need no Markdown pass.
    if !docs.contains('`') {
        return Vec::new();
    }
    Parser::new(docs)
        .filter_map(|e| match e {
            Event::Code(c) => Some(c.into_string()),
            _ => None,
        })
        .collect()
}

/// The prose (text outside code spans and code blocks) and the inline code spans of a doc
/// comment, in one Markdown pass.
pub fn prose_and_code(docs: &str) -> (String, Vec<String>) {
    let mut prose = String::new();
    let mut code = Vec::new();
    let mut in_block = false;
    for e in Parser::new(docs) {
        match e {
            Event::Start(Tag::CodeBlock(_)) => in_block = true,
            Event::End(TagEnd::CodeBlock) => in_block = false,
            Event::Text(t) if !in_block => {
                prose.push_str(&t);
                prose.push(' ');
            }
            Event::Code(c) => code.push(c.into_string()),
            Event::SoftBreak | Event::HardBreak => prose.push(' '),
            _ => {}
        }
    }
    (prose, code)
}

/// The text of every heading, with its level.
pub fn headings(docs: &str) -> Vec<(HeadingLevel, String)> {
    let mut out = Vec::new();
    let mut current: Option<(HeadingLevel, String)> = None;
    for e in Parser::new(docs) {
        match e {
            Event::Start(Tag::Heading { level, .. }) => current = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => out.extend(current.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, s)) = &mut current {
                    s.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether one of the words of `text` (split on anything but letters, digits and `-`) is
/// in `list`, ignoring ASCII case; `list` holds lowercase words.
pub fn has_word(text: &str, list: &[&str]) -> bool {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .any(|w| !w.is_empty() && list.iter().any(|l| l.eq_ignore_ascii_case(w)))
}

/// Whether the docs describe how the function fails: an `Errors` heading or
/// paragraph, or wording about errors and failure.
pub fn describes_failure(docs: &str) -> bool {
    const WORDS: &[&str] = &[
        "error",
        "errors",
        "err",
        "fail",
        "fails",
        "failed",
        "failure",
        "failing",
        "trap",
        "traps",
        "invalid",
        "unsupported",
        "denied",
    ];
    // Markdown can hide a word from the reader (in a code block, a link target, HTML) but
    // not make one: docs without the words say nothing about failure.
    if !has_word(docs, WORDS) {
        return false;
    }
    // Without anything that hides text, the reader sees every word as written.
    if !may_hide_text(docs) {
        return true;
    }
    let (prose, code) = prose_and_code(docs);
    has_word(&prose, WORDS) || code.iter().any(|c| has_word(c, WORDS))
}

/// Whether the Markdown of `docs` may keep some of its words from the reader, or make
/// words the text does not spell: code blocks (fenced or indented), HTML, link targets,
/// escapes and entities.
fn may_hide_text(docs: &str) -> bool {
    docs.contains(['<', '\\', '&', '\t'])
        || ["```", "~~~", "](", "]:"].iter().any(|p| docs.contains(p))
        || docs.lines().any(|l| l.starts_with("    "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_code_from_prose() {
        let d = "Returns `ok(none)` if missing.\n\n```wit\nErr(x)\n```\n# Errors\nSee `error::io`.";
        assert_eq!(code_spans(d), ["ok(none)", "error::io"]);
        assert!(!prose_and_code(d).0.contains("Err(x)"));
        assert_eq!(headings(d)[0].1, "Errors");
    }

    #[test]
    fn failure_wording() {
        assert!(describes_failure("Fails when the bucket is closed."));
        assert!(describes_failure("Returns `error::no-such-store` when …"));
        assert!(!describes_failure("Gets the value of a key."));
        assert!(!describes_failure("Handles terrors and errands."));
        assert!(describes_failure("Returns an ERROR when closed."));
        assert!(describes_failure("# Errors\n\n- `denied`: not allowed."));
        // Words the reader does not see do not count.
        assert!(!describes_failure("Gets it.\n\n```\nerror\n```"));
        assert!(!describes_failure("Gets it.\n\n    let error = 1;"));
        assert!(!describes_failure("Gets [it](https://example.com/error)."));
        assert!(!describes_failure("Gets it. <!-- error -->"));
        assert!(!describes_failure("Returns error-codes."));
    }
}
