//! What keeps untrusted doc text inert once witlint has edited it: mdBook directives
//! broken up, heading attribute blocks found, link definitions taken whole, script URLs
//! told apart, raw HTML escaped, and a check that the docs close every block they open,
//! so nothing after them on the page is read into it.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::workspace::links::markdown_options;

/// Whether what follows the docs on the page would be read into a block they open (a
/// fence or an HTML block left open): a paragraph after them must read as one.
pub(super) fn leaves_a_block_open(text: &str) -> bool {
    const AFTER: &str = "witlint-after-the-docs";
    let page = format!("{text}\n\n{AFTER}\n");
    let mut in_paragraph = false;
    for event in Parser::new_ext(&page, markdown_options()) {
        match event {
            Event::Start(Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) => in_paragraph = false,
            Event::Text(t) if t.contains(AFTER) => return !in_paragraph || t.as_ref() != AFTER,
            Event::Html(h) | Event::InlineHtml(h) if h.contains(AFTER) => return true,
            _ => {}
        }
    }
    true
}

/// A definition's span through the end of its last line.
pub(super) fn definition_lines(text: &str, span: &Range<usize>) -> Range<usize> {
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |n| span.end + n + 1);
    span.start..end
}

/// Breaks up every `{{` that could open an mdBook directive (`{{#include /etc/passwd}}`,
/// `{{ #title x}}`), in prose and in code alike (mdBook expands them in code blocks too):
/// a zero-width space between the braces, invisible on the page, leaves nothing for
/// mdBook or another template engine to run.
pub(super) fn break_directives(text: String) -> String {
    if !text.contains("{{") {
        return text;
    }
    // Between every two braces in a row, so a run of any length (`{{{#include …}}`) keeps
    // no `{{` at all.
    let mut out = String::with_capacity(text.len() + 8);
    let mut after_brace = false;
    for c in text.chars() {
        if c == '{' && after_brace {
            out.push('\u{200b}');
        }
        out.push(c);
        after_brace = c == '{';
    }
    out
}

/// Where a heading's trailing attribute blocks (`{#id .class key=value}`, any number of
/// them) stand in its source, for ATX and setext headings alike.
pub(super) fn attribute_blocks(docs: &str, heading: Range<usize>) -> Option<Range<usize>> {
    let src = &docs[heading.clone()];
    let trimmed = src.trim_end_matches(['\n', '\r']);
    // The heading's text: an ATX heading's line without its closing `#`s, a setext
    // heading's lines without the underline.
    let text = if trimmed.trim_start().starts_with('#') {
        let line = trimmed.lines().next().unwrap_or("").trim_end();
        let without_closing = line.trim_end_matches('#');
        if without_closing.ends_with([' ', '\t']) || without_closing.trim_start().is_empty() {
            without_closing.trim_end()
        } else {
            line
        }
    } else {
        trimmed
            .rfind('\n')
            .map_or("", |i| trimmed[..i].trim_end_matches('\r'))
            .trim_end()
    };
    let mut end = text.len();
    let mut start = end;
    while text[..end].ends_with('}') {
        let Some(open) = text[..end].rfind('{') else {
            break;
        };
        start = open;
        end = text[..open].trim_end().len();
    }
    (start < text.len()).then(|| heading.start + start..heading.start + text.len())
}

/// Whether a link's target would run script or read local files.
pub(super) fn is_unsafe_url(url: &str) -> bool {
    let lower: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:", "file:"]
        .iter()
        .any(|s| lower.starts_with(s))
}

/// Raw HTML as text: shown, never interpreted.
pub(super) fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mdbook_directives_never_run() {
        for docs in [
            "Reads {{#include /etc/passwd}}.",
            "`{{#include /etc/passwd}}`",
            "```\n{{ #include /etc/passwd }}\n```",
            "{{#title Owned}} and {{#playground x.rs}}",
            "{{{#include /etc/passwd}}}",
            "{{{{{#title Owned}}}}}",
        ] {
            let out = break_directives(docs.to_string());
            assert!(!out.contains("{{"), "{docs:?} -> {out:?}");
            // The text reads the same.
            assert_eq!(out.replace('\u{200b}', ""), docs, "{out:?}");
        }
    }

    #[test]
    fn heading_attribute_blocks_are_found_in_atx_and_setext_headings() {
        fn block(docs: &str) -> Option<&str> {
            attribute_blocks(docs, 0..docs.len()).map(|r| &docs[r])
        }
        assert_eq!(block("# Hi {onclick=x}"), Some("{onclick=x}"));
        assert_eq!(block("# Hi {onclick=x} ##\n"), Some("{onclick=x}"));
        assert_eq!(
            block("# Hi {a} {#id .c style=y}"),
            Some("{a} {#id .c style=y}")
        );
        assert_eq!(block("Hi {onclick=x}\n===\n"), Some("{onclick=x}"));
        assert_eq!(block("# Hi {x} there"), None);
        assert_eq!(block("# Plain"), None);
    }

    #[test]
    fn script_urls_are_told_apart() {
        for url in [
            "javascript:x",
            " JaVa\tScript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc",
        ] {
            assert!(is_unsafe_url(url), "{url}");
        }
        for url in ["https://example.com", "#anchor", "page.md", "mailto:a@b"] {
            assert!(!is_unsafe_url(url), "{url}");
        }
    }

    #[test]
    fn docs_that_leave_a_fence_open_are_told() {
        assert!(leaves_a_block_open("text\n```\ncode"));
        assert!(!leaves_a_block_open("text\n```\ncode\n```"));
        assert!(!leaves_a_block_open("- ```\n  code"));
    }
}
