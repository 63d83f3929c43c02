use crate::lint::{Applicability, Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::trivia::{Attachment, CommentStyle};
use crate::workspace::{Item, ItemPath, Target, Workspace};

pub static RULE: Rule = Rule {
    id: "doc-comment-style",
    category: Category::Docs,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Error,
    scope: Scope::Anywhere,
    summary: "Docs are written with `//` or `/* */` where `///` is meant",
    explanation: r#"## What it checks

Comments written with `//` or `/* */` directly before an item, alone or mixed into a run
of `///` lines.

In packages that do not follow WASI conventions (under the `auto` preset), a package
that never writes `///` has chosen `//` for its docs, and is left alone. There it
reports a `//` comment only when it is mixed into `///` lines, when it reads as a
private note (`TODO`, `FIXME`, `XXX`, `HACK`), or when the package writes its other
docs with `///` and the comment lands in generated bindings (a section note such as
`// Imports` before a world's `import wasi:cli/stdout@0.2.6;` does not).

The fix writes a lone `//` line as `///`. A private note and a section note (a heading
such as `// --- Streams ---` or `// Imports`, a comment set apart from the item by a
blank line, or any comment over a world's `import`/`export` of an interface) get no edit: publishing them is not a fix (move a note after the item yourself, and fold a
heading into the docs of the items it heads). A trailing comment
(`control, // Control transfer`, which wit-parser attaches to the *next* item) moves
above the item on its own line, whose docs it is.

## What it leaves alone

Under `auto`, packages that never write `///` (they chose `//` for docs), and `//`
comments over a world's `import`/`export` of an interface, which reach no generated
bindings. Its fix leaves private notes (`TODO`, `FIXME`) and section notes (`// ---
Streams ---`, `// Imports`) without an edit: publishing them is not a fix.

## Why

wit-parser turns *every* comment directly before an item into its docs, whatever the
style. A `// creates a new container` meant as docs works by accident and looks like a
private note; a `// TODO: rename this` above a function ends up in the published docs and
in every generated binding. Writing docs as `///` and private notes elsewhere (or after
the item) makes the difference visible.

## Example

```wit
// creates a new empty container
create-container: func(name: string) -> result<container, error>;
```

Use instead:

```wit
/// Creates a new empty container.
create-container: func(name: string) -> result<container, error>;
```

## Convention

WASI proposal template: "Delete all these `//` comments, up to the first `///` comment";
WIT.md documents items with `///`."#,
    options: &[],
    fix: Fixable::Sometimes(Applicability::Safe),
};

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    for file in ws.sources.iter() {
        if !cx.file_is_linted(&file.path) {
            continue;
        }
        let Some(unit) = ws.unit_of_file(&file.path) else {
            continue;
        };
        let conventions = unit
            .packages
            .iter()
            .any(|&p| cx.follows_wasi_conventions(p));
        let writes_docs = ws.writes_doc_comments(&unit.display);
        for run in &file.trivia().runs {
            let Attachment::Item { decl_start } = run.attachment else {
                continue;
            };
            let plain: Vec<_> = run.comments.iter().filter(|c| !c.style.is_doc()).collect();
            let Some(first) = plain.first() else { continue };
            let item = ws
                .item_near(&file.path, decl_start, true)
                .map(|i| ws.index().get(i));
            let mixed = plain.len() < run.comments.len();
            let note = plain.iter().any(|c| is_note(&file.text[c.range.clone()]));
            // Before a world's `import`/`export` of an interface, a comment reaches no
            // bindings: it labels the statements below it, whatever it says.
            let line_start = file.text[..first.range.start]
                .rfind('\n')
                .map_or(0, |n| n + 1);
            let trailing = !file.text[line_start..first.range.start].trim().is_empty();
            let section = !trailing
                && (is_section_note(&file.text, first.range.clone())
                    || item.is_some_and(|i| states_an_interface(ws, i)));
            // Docs of a world's `import`/`export` of an interface (or of an `include`)
            // reach no generated bindings: a `//` there is a section note, not a leak.
            let into_bindings = item.is_none_or(|i| !states_an_interface(ws, i));
            if !(conventions || mixed || note || (writes_docs && into_bindings)) {
                continue;
            }
            let path = item.map_or_else(
                || ItemPath::file(&file.path, &file.line_of(decl_start).to_string()),
                |i| i.path.clone(),
            );
            let target = item.map_or_else(|| "the next item".to_string(), |i| i.title());
            let lines = plain.len();
            let what = if first.style == CommentStyle::Block {
                "`/* */` comment"
            } else {
                "`//` comment"
            };
            let message = if lines == 1 {
                format!("this {what} becomes the docs of {target}")
            } else {
                format!("{lines} non-doc comments become the docs of {target}")
            };
            let text = &file.text[first.range.clone()];
            let f = cx.report(Some(file.location(first.range.clone())), path, message);
            f.note("wit-parser keeps every comment before an item as its docs");
            let before = &file.text[line_start..first.range.start];
            if note {
                // A private note is not docs: making it `///` would publish it.
                f.fix("a private note: move it after the item or inside it, where it is no item's docs");
            } else if section {
                // A heading over a group of items is no item's docs either.
                f.fix(format!(
                    "a section note: as `///` it would stand as the docs of {target}; remove it, or fold what it says into the docs of the items it heads"
                ));
            } else if first.style == CommentStyle::Line && lines == 1 && !before.trim().is_empty() {
                // A trailing comment (`control, // Control transfer`) describes the item on
                // its own line: moved above that item as its docs.
                let indent = &before[..before.len() - before.trim_start().len()];
                let code_end = line_start + before.trim_end().len();
                let words = text.trim_start_matches('/').trim();
                // Two edits, applied together: the doc line above, the comment gone.
                f.fix_with_edits(
                    "move it above the item it describes, as a `///` doc comment",
                    vec![
                        (
                            file.location(line_start..line_start),
                            format!("{indent}/// {words}\n"),
                        ),
                        (file.location(code_end..first.range.end), String::new()),
                    ],
                );
            } else if first.style == CommentStyle::Line && lines == 1 {
                f.replace_with(
                    "write it as a `///` doc comment, or move a private note after the item",
                    format!("/{text}"),
                );
            } else {
                f.fix("write docs with `///`; move private notes after the item or inside it");
            }
        }
    }
}

/// Whether a comment reads as a note to the package's authors rather than docs.
fn is_note(comment: &str) -> bool {
    let text = comment.trim_start_matches(['/', '*']).trim_start();
    ["TODO", "FIXME", "XXX", "HACK"]
        .iter()
        .any(|marker| text.starts_with(marker))
}

/// Whether a comment reads as a heading over a group of items: decorated
/// (`// --- Streams ---`, `// ==== Types`) or set apart from the item by a blank line.
fn is_section_note(text: &str, range: std::ops::Range<usize>) -> bool {
    let words = text[range.clone()]
        .trim_start_matches('/')
        .trim_start_matches('*')
        .trim_end_matches("*/")
        .trim();
    let decorated = words.starts_with(['-', '=', '#', '*', '~'])
        || words.ends_with(['-', '=', '#', '~'])
        || words.is_empty();
    // `// Imports`, `// Error types`: a label, not a sentence about the next item.
    let label = words.split_whitespace().count() <= 2
        && words.starts_with(|c: char| c.is_ascii_uppercase())
        && !words.ends_with(['.', ':', '?', '!']);
    let rest = &text[range.end..];
    let gap = rest.len() - rest.trim_start().len();
    decorated || label || rest[..gap].matches('\n').count() > 1
}

/// Whether an item is a world's `import`/`export` of an interface defined elsewhere, or an
/// `include`: statements whose docs no bindings generator shows.
fn states_an_interface(ws: &Workspace, item: &Item) -> bool {
    matches!(item.target, Target::Include { .. })
        || ws
            .world_interface(&item.target)
            .is_some_and(|id| ws.resolve.interfaces[id].name.is_some())
}
