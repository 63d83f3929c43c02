//! Doc comments are Markdown. Before they go into a page they are made safe and fitted in:
//! raw HTML is escaped (a doc comment can never inject markup or script), links to
//! `javascript:`-like URLs lose their target, a doc comment's link reference definitions
//! become inline links (so they cannot give targets to links in other items' docs), mdBook
//! directives (`{{#include …}}`) are broken up so no renderer runs them, headings are
//! demoted below the item's own heading, an unclosed code fence is closed, and intra-doc
//! links get their targets.
//!
//! Edits are made on the source text by byte range, so everything else (indentation, code
//! blocks, lists, the author's line breaks) stays as written.

use std::ops::Range;

use pulldown_cmark::{BrokenLink, CodeBlockKind, Event, LinkType, Parser, Tag, TagEnd};

use super::inert::{
    attribute_blocks, break_directives, definition_lines, escape_html, is_unsafe_url,
    leaves_a_block_open,
};
use crate::workspace::links::{code_label, markdown_options};

/// How an intra-doc link name turns into a URL; `None` renders the name as plain code.
pub type LinkFn<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Makes doc-comment Markdown safe to embed below a heading of level `item_level`.
pub fn render(docs: &str, item_level: usize, link: LinkFn<'_>) -> String {
    if docs.trim().is_empty() {
        return String::new();
    }
    // A `.wasm`'s docs may hold control characters (WIT source cannot): shown as escapes.
    let docs = &*crate::report::escape_controls(docs);
    let out = if needs_no_edits(docs) {
        docs.to_string()
    } else {
        let fit = Fit { item_level, link };
        let (text, ours) = render_parsed(docs, Some(&fit), &[]);
        verified(text, &ours)
    };
    break_directives(out)
}

/// Fitting docs in below the item's heading: heading levels, intra-doc links, unclosed
/// fences. Done once; making them safe is done until nothing is left to do.
struct Fit<'a> {
    item_level: usize,
    link: LinkFn<'a>,
}

/// Rounds of [`verified`] before the docs are taken as plain text.
const SAFE_ROUNDS: usize = 8;

/// Rendered docs read again as mdBook reads them, and made safe again until a reading
/// finds nothing to change: an edit can make something live that the first reading did
/// not see (a second definition of a label, which a parser reports only once; a heading a
/// closed fence lets through). Docs still changing after [`SAFE_ROUNDS`] are shown as
/// plain text.
fn verified(mut text: String, ours: &[String]) -> String {
    for _ in 0..SAFE_ROUNDS {
        let (again, _) = render_parsed(&text, None, ours);
        if again == text {
            if leaves_a_block_open(&text) {
                break;
            }
            return text;
        }
        text = again;
    }
    text.lines().map(escape_text).collect::<Vec<_>>().join("\n")
}

/// Whether docs lack everything [`render_parsed`] edits — HTML and autolinks (`<`), links
/// (`[`), headings (`#` or a setext underline), code fences — so they stay as written.
/// Most docs are such prose, and parsing them is most of the cost of a page.
fn needs_no_edits(docs: &str) -> bool {
    let is_underline = |line: &str| {
        let t = line.trim();
        !t.is_empty() && (t.bytes().all(|b| b == b'=') || t.bytes().all(|b| b == b'-'))
    };
    // One pass over the bytes for the markup characters and fences.
    let mut fence = (0u8, 0usize);
    for b in docs.bytes() {
        match b {
            b'<' | b'[' | b'#' => return false,
            b'`' | b'~' => {
                fence = if fence.0 == b {
                    (b, fence.1 + 1)
                } else {
                    (b, 1)
                };
                if fence.1 == 3 {
                    return false;
                }
            }
            _ => fence = (0, 0),
        }
    }
    !docs.lines().any(is_underline)
}

/// [`render`] by parsing the Markdown and editing what needs it: what could act on the
/// renderer always, and with `fit`, what fits the docs in below their item's heading.
///
/// Returns the text and the targets of the intra-doc links it wrote: witlint's own (a
/// `file://` place for an editor's hover), which later readings keep.
fn render_parsed(docs: &str, fit: Option<&Fit<'_>>, ours: &[String]) -> (String, Vec<String>) {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut intra: Vec<(Range<usize>, String)> = Vec::new();
    let mut written = Vec::new();
    let mut callback = |broken: BrokenLink<'_>| {
        if let Some(fit) = fit
            && let Some(name) = code_label(broken.reference.trim())
        {
            let text = match (fit.link)(name) {
                Some(href) => {
                    let text = format!("[`{name}`]({href})");
                    written.push(href);
                    text
                }
                None => format!("`{name}`"),
            };
            intra.push((broken.span.clone(), text));
        }
        None
    };
    let parser =
        Parser::new_with_broken_link_callback(docs, markdown_options(), Some(&mut callback));
    // A definition (`[evil]: javascript:…`) would give its target to any `[x][evil]` of the
    // page, in other items' docs too: each is removed, and this doc's own reference links
    // are written inline below.
    for (_, def) in parser.reference_definitions().iter() {
        edits.push((definition_lines(docs, &def.span), String::new()));
    }
    let mut unsafe_link: Option<(Range<usize>, String)> = None;
    // Lists, quotes and the like the events are inside.
    let mut containers = 0usize;
    // A reference link being read: its range, target and title, and where its text ends.
    let mut reference: Option<(Range<usize>, String, String, usize)> = None;
    for (event, range) in parser.into_offset_iter() {
        if let Some((_, _, _, text_end)) = &mut reference {
            match &event {
                Event::End(TagEnd::Link) => {
                    let (link, dest, title, text_end) = reference.take().expect("checked");
                    let text = &docs[link.start + 1..text_end.max(link.start + 1)];
                    edits.push((link, inline_link(text, &dest, &title)));
                }
                _ => *text_end = (*text_end).max(range.end),
            }
            continue;
        }
        if let Some((_, label)) = &mut unsafe_link {
            match &event {
                Event::End(TagEnd::Link | TagEnd::Image) => {
                    let (r, label) = unsafe_link.take().expect("checked");
                    edits.push((r, label));
                }
                Event::Text(t) | Event::Code(t) => label.push_str(&escape_text(t)),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                edits.push((range.clone(), escape_html(&docs[range])));
            }
            Event::Start(Tag::Heading { level, .. }) => {
                if let Some(fit) = fit {
                    let level = (level as usize + fit.item_level).min(6);
                    heading_edits(docs, range.clone(), level, &mut edits);
                }
                // `{#id .class onmouseover=…}` would become the heading's HTML attributes.
                if let Some(block) = attribute_blocks(docs, range) {
                    edits.push((block, String::new()));
                }
            }
            // A fence left open at the top level would swallow the page after the docs;
            // one inside a list or quote ends with its container.
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_)))
                if fit.is_some() && containers == 0 && docs[range.end..].trim().is_empty() =>
            {
                if let Some(fence) = unclosed_fence(&docs[range.clone()]) {
                    edits.push((docs.len()..docs.len(), format!("\n{fence}")));
                }
            }
            Event::Start(
                Tag::List(_)
                | Tag::Item
                | Tag::BlockQuote(_)
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList
                | Tag::DefinitionListDefinition
                | Tag::DefinitionListTitle,
            ) => containers += 1,
            Event::End(
                TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionList
                | TagEnd::DefinitionListDefinition
                | TagEnd::DefinitionListTitle,
            ) => containers -= 1,
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if is_unsafe_url(&dest_url) && !ours.iter().any(|o| **o == *dest_url) =>
            {
                unsafe_link = Some((range, String::new()));
            }
            Event::Start(Tag::Link {
                link_type: LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut,
                dest_url,
                title,
                ..
            }) => {
                let text_start = range.start + 1;
                reference = Some((
                    range,
                    dest_url.into_string(),
                    title.into_string(),
                    text_start,
                ));
            }
            _ => {}
        }
    }
    edits.extend(intra);
    (apply(docs, edits), written)
}

/// A reference link written inline: `[text](<dest> "title")`.
fn inline_link(text: &str, dest: &str, title: &str) -> String {
    let dest: String = dest
        .chars()
        .filter(|c| !matches!(c, '<' | '>' | '\n' | '\r'))
        .collect();
    if title.is_empty() {
        format!("[{text}](<{dest}>)")
    } else {
        format!("[{text}](<{dest}> \"{}\")", title.replace('"', "\\\""))
    }
}

/// Applies non-overlapping edits; of two overlapping edits the earlier, outer one wins.
fn apply(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|e| (e.0.start, e.0.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at {
            continue;
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Rewrites a heading's level: an ATX heading gets a new run of `#`; a setext heading
/// becomes an ATX one.
fn heading_edits(
    docs: &str,
    range: Range<usize>,
    level: usize,
    edits: &mut Vec<(Range<usize>, String)>,
) {
    let src = &docs[range.clone()];
    let hashes = "#".repeat(level);
    let indent = src.len() - src.trim_start().len();
    let body = &src[indent..];
    if body.starts_with('#') {
        let run = body.len() - body.trim_start_matches('#').len();
        let start = range.start + indent;
        edits.push((start..start + run, hashes));
    } else {
        // Setext: text lines, then a `===` or `---` underline as the last line.
        let trimmed = src.trim_end_matches(['\n', '\r']);
        let underline = trimmed.rfind('\n').map_or(0, |i| i + 1);
        edits.push((range.start..range.start, format!("{hashes} ")));
        // Drop the newline before the underline together with the underline.
        let from = docs[..range.start + underline]
            .trim_end_matches(['\n', '\r'])
            .len();
        edits.push((from..range.start + trimmed.len(), String::new()));
    }
}

/// The closing fence a fenced code block lacks, if it runs to the end of the docs.
fn unclosed_fence(block: &str) -> Option<String> {
    let first = block.lines().next()?.trim_start();
    let ch = first.chars().next()?;
    let len = first.chars().take_while(|&c| c == ch).count();
    let closed = block.lines().skip(1).any(|line| {
        let t = line.trim();
        t.len() >= len && t.chars().all(|c| c == ch)
    });
    (!closed).then(|| ch.to_string().repeat(len))
}

/// Plain text for a Markdown paragraph: the characters that would start markup escaped.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The first sentence of some docs, as one line of Markdown for a summary table.
pub fn first_sentence(docs: &str) -> String {
    let docs = &*crate::report::escape_controls(docs);
    let para = docs
        .split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !p.starts_with('#') && !p.starts_with("```"))
        .unwrap_or("");
    // The paragraph's words joined by single spaces, up to the end of the first sentence:
    // a `.`, `!` or `?` outside code and parentheses that ends the text or a word followed
    // by one that does not start in lower case (`e.g. this` goes on).
    let mut out = String::new();
    let (mut in_code, mut parens) = (false, 0usize);
    let mut words = para.split_whitespace().peekable();
    while let Some(word) = words.next() {
        if !out.is_empty() {
            out.push(' ');
        }
        let mut chars = word.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '`' => in_code = !in_code,
                '(' if !in_code => parens += 1,
                ')' if !in_code => parens = parens.saturating_sub(1),
                '.' | '!' | '?' if !in_code && parens == 0 && chars.peek().is_none() => {
                    let ends = words
                        .peek()
                        .is_none_or(|next| !next.chars().next().is_some_and(char::is_lowercase));
                    if ends {
                        out.push_str(&word[..i + 1]);
                        return out;
                    }
                }
                _ => {}
            }
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(docs: &str, level: usize) -> String {
        render(docs, level, &|name| {
            (name == "known").then(|| "#known".to_string())
        })
    }

    #[test]
    fn escapes_html_and_script() {
        let out = plain(
            "Hi <script>alert(1)</script> there.\n\n<div onclick=\"x\">\nblock\n</div>",
            2,
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<div"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }

    #[test]
    fn demotes_headings() {
        assert_eq!(plain("# Errors\n\ntext", 3), "#### Errors\n\ntext");
        assert_eq!(plain("Title\n=====\n\ntext", 2), "### Title\n\ntext");
        assert_eq!(plain("#### Deep", 4), "###### Deep");
    }

    #[test]
    fn closes_unclosed_fences() {
        assert_eq!(
            plain("```wit\nfoo: func();", 2),
            "```wit\nfoo: func();\n```"
        );
        assert_eq!(plain("```\nclosed\n```", 2), "```\nclosed\n```");
    }

    #[test]
    fn resolves_intra_doc_links() {
        assert_eq!(
            plain("See [`known`] and [`unknown`].", 2),
            "See [`known`](#known) and `unknown`."
        );
    }

    #[test]
    fn drops_script_urls() {
        let out = plain("[click](javascript:alert(1)) and <javascript:alert(2)>", 2);
        assert!(
            !out.contains("](javascript") && !out.contains("<javascript"),
            "{out}"
        );
        assert!(out.starts_with("click"), "{out}");
    }

    #[test]
    fn reference_definitions_stay_in_their_doc_comment() {
        let out = plain("[evil]: javascript:alert(1)\n\nSee [click][evil].", 2);
        assert!(!out.contains("javascript"), "{out}");
        assert!(!out.contains("[evil]:"), "{out}");
        let out = plain(
            "See [the spec][spec] and [spec].\n\n[spec]: <https://example.com/a b> \"Spec\"\n",
            2,
        );
        assert_eq!(
            out,
            "See [the spec](<https://example.com/a b> \"Spec\") and [spec](<https://example.com/a b> \"Spec\").\n\n"
        );
    }

    #[test]
    fn keeps_code_and_indentation() {
        let docs = "List:\n\n- a\n    - nested\n\n    indented code\n";
        assert_eq!(plain(docs, 2), docs);
    }

    /// The doc comments of every WIT file of the corpus, as wit-parser collects them.
    fn corpus_docs() -> Vec<String> {
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
            paths.sort();
            for path in paths {
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "wit")
                    && let Ok(text) = std::fs::read_to_string(&path)
                {
                    let mut run: Vec<&str> = Vec::new();
                    for line in text.lines() {
                        match line.trim_start().strip_prefix("///") {
                            Some(doc) => run.push(doc.strip_prefix(' ').unwrap_or(doc)),
                            None if !run.is_empty() => {
                                out.push(std::mem::take(&mut run).join("\n"))
                            }
                            None => {}
                        }
                    }
                }
            }
        }
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        let mut out = Vec::new();
        walk(&corpus, &mut out);
        out
    }

    #[test]
    fn docs_taken_as_written_render_as_parsed() {
        let docs = corpus_docs();
        assert!(
            docs.len() > 1000,
            "the corpus holds thousands of doc comments"
        );
        let link = |name: &str| Some(format!("#{name}"));
        let mut plain = 0;
        for d in &docs {
            if d.trim().is_empty() || !needs_no_edits(d) {
                continue;
            }
            plain += 1;
            assert_eq!(
                &render_parsed(
                    d,
                    Some(&Fit {
                        item_level: 2,
                        link: &link
                    }),
                    &[]
                )
                .0,
                d,
                "docs taken as written changed"
            );
        }
        // The shortcut matters only if most docs take it.
        assert!(plain * 2 > docs.len(), "{plain} of {} docs", docs.len());
    }

    #[test]
    fn docs_with_markup_are_parsed() {
        for d in [
            "a <b>",
            "[`x`]",
            "# H",
            "T\n===",
            "T\n---",
            "```\ncode",
            "~~~\ncode",
        ] {
            assert!(!needs_no_edits(d), "{d}");
        }
        assert!(needs_no_edits(
            "Plain prose with `code` and *emphasis* - a dash."
        ));
    }

    #[test]
    fn first_sentences() {
        assert_eq!(first_sentence("Gets a value. More here."), "Gets a value.");
        assert_eq!(first_sentence("Uses `a.b` here.\nNext"), "Uses `a.b` here.");
        assert_eq!(first_sentence("No end"), "No end");
        assert_eq!(
            first_sentence("An error occurred (e.g. I/O). Next."),
            "An error occurred (e.g. I/O)."
        );
        assert_eq!(first_sentence("Uses e.g. this. Then"), "Uses e.g. this.");
    }
}
