//! rustc-style diagnostics with source snippets, via annotate-snippets.

use annotate_snippets::{AnnotationKind, Group, Level as SnippetLevel, Renderer, Snippet};

use super::{Summary, Texts, escape_controls};
use crate::lint::{Finding, Level};
use crate::workspace::{LoadDiagnostic, Location};

fn level(l: Level) -> SnippetLevel<'static> {
    match l {
        Level::Error => SnippetLevel::ERROR,
        Level::Warn => SnippetLevel::WARNING,
        Level::Info => SnippetLevel::INFO,
    }
}

fn renderer(color: bool) -> Renderer {
    if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

/// Builds one diagnostic: title, snippet (or a bare `--> file` when there is no text), notes, help.
fn group<'a>(
    lvl: SnippetLevel<'a>,
    id: &'a str,
    message: &'a str,
    location: Option<&'a Location>,
    texts: &Texts<'a>,
    notes: &'a [String],
    help: Option<&'a str>,
) -> Group<'a> {
    let mut g = Group::with_title(lvl.primary_title(message).id(id));
    if let Some(loc) = location {
        match texts.get(&*loc.file) {
            Some(text) if loc.bytes.end <= text.len() => {
                let span = if loc.bytes.is_empty() && loc.bytes.end < text.len() {
                    loc.bytes.start
                        ..loc.bytes.start
                            + text[loc.bytes.start..]
                                .chars()
                                .next()
                                .map_or(0, char::len_utf8)
                } else {
                    loc.bytes.clone()
                };
                // Only the lines the span covers: rendering then costs the lines shown,
                // not the whole file per finding.
                let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
                let end = text[span.end..]
                    .find('\n')
                    .map_or(text.len(), |i| span.end + i);
                g = g.element(
                    Snippet::source(&text[start..end])
                        .line_start(loc.line)
                        .path(&*loc.file)
                        .fold(true)
                        .annotation(
                            AnnotationKind::Primary.span(span.start - start..span.end - start),
                        ),
                );
            }
            _ => {
                g = g.element(
                    annotate_snippets::Origin::path(&*loc.file)
                        .line(loc.line)
                        .char_column(loc.column),
                );
            }
        }
    }
    for n in notes {
        g = g.element(SnippetLevel::NOTE.message(n.as_str()));
    }
    if let Some(h) = help {
        g = g.element(SnippetLevel::HELP.message(h));
    }
    g
}

pub fn render_finding(f: &Finding, texts: &Texts<'_>, color: bool) -> String {
    let help = f.fix.as_ref().map(|x| x.message.as_ref());
    render_one(
        level(f.level),
        f.rule.id,
        &f.message,
        f.location.as_ref(),
        texts,
        &f.notes,
        help,
        color,
    )
}

pub fn render_load_error(d: &LoadDiagnostic, texts: &Texts<'_>, color: bool) -> String {
    render_one(
        SnippetLevel::ERROR,
        d.code,
        &d.message,
        d.location.as_ref(),
        texts,
        &d.notes,
        d.hint.as_deref(),
        color,
    )
}

/// One diagnostic rendered, its texts with control characters escaped (the source
/// snippet is WIT, which wit-parser keeps free of them).
#[allow(clippy::too_many_arguments)]
fn render_one(
    lvl: SnippetLevel<'_>,
    id: &str,
    message: &str,
    location: Option<&Location>,
    texts: &Texts<'_>,
    notes: &[String],
    help: Option<&str>,
    color: bool,
) -> String {
    let message = escape_controls(message);
    let notes: Vec<String> = notes
        .iter()
        .map(|n| escape_controls(n).into_owned())
        .collect();
    let help = help.map(escape_controls);
    // A file name with controls in it is shown escaped; its text is found under its real
    // name.
    let renamed: Option<(Location, Option<&str>)> =
        location.and_then(|l| match escape_controls(&l.file) {
            std::borrow::Cow::Owned(file) => {
                let mut shown = l.clone();
                shown.file = file.into();
                Some((shown, texts.get(&*l.file).copied()))
            }
            std::borrow::Cow::Borrowed(_) => None,
        });
    let single: Texts<'_>;
    let (location, texts) = match &renamed {
        Some((l, text)) => {
            single = text.map(|t| (&*l.file, t)).into_iter().collect();
            (Some(l), &single)
        }
        None => (location, texts),
    };
    let g = group(lvl, id, &message, location, texts, &notes, help.as_deref());
    renderer(color).render(&[g])
}

/// All findings, then a summary line.
pub fn render(
    findings: &[Finding],
    texts: &Texts<'_>,
    color: bool,
    checked: usize,
    failed: usize,
) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&render_finding(f, texts, color));
        out.push_str("\n\n");
    }
    out.push_str(&summary_line(&Summary::of(findings), checked, failed));
    out.push('\n');
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `checked` inputs were linted; `failed` inputs (or their default-feature loads) failed.
pub fn summary_line(s: &Summary, loaded: usize, failed: usize) -> String {
    let checked = plural(loaded, "input");
    let failed = match failed {
        0 => String::new(),
        n => format!(
            "{}{} failed to load (see above)",
            if loaded == 0 { "" } else { "; " },
            plural(n, "input")
        ),
    };
    if loaded == 0 {
        return format!("witlint: {failed}");
    }
    if s.error + s.warn + s.info == 0 {
        return format!("witlint: no findings in {checked}{failed}");
    }
    format!(
        "witlint: {}, {}, {} in {checked}{failed}",
        plural(s.error, "error"),
        plural(s.warn, "warning"),
        plural(s.info, "info")
    )
}
