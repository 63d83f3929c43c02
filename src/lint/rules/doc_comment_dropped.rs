use crate::lint::{Applicability, Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::ItemPath;
use crate::workspace::trivia::Attachment;

pub static RULE: Rule = Rule {
    id: "doc-comment-dropped",
    category: Category::Docs,
    level: Level::Warn,
    minimal: true,
    wasi: Level::Error,
    scope: Scope::Anywhere,
    summary: "A `///` comment sits where wit-parser keeps no docs, so it is silently dropped",
    explanation: r#"## What it checks

`///` and `/** */` comments on a `use`, an `include`, a function parameter, between a
gate attribute and its item, before a closing `}` or at the end of a file.

## What it leaves alone

Plain `//` comments in the same places: they are notes for the file's readers, and
wit-parser dropping them loses nothing anyone meant to publish.

## Why

wit-parser keeps no docs for these places and discards the comment without a word: the
text appears in the source but in no generated doc, binding or encoded package. All of
wasi-cloud-core's world docs (one per `include`) are lost this way.

## Example

```wit
world imports {
    /// The capability to interact with key-value stores
    include wasi:keyvalue/imports@0.2.0-draft2;
}
```

Use instead:

```wit
/// Imports every capability of the cloud-core proposals:
/// - key-value stores (`wasi:keyvalue/imports`)
world imports {
    include wasi:keyvalue/imports@0.2.0-draft2;
}
```

## Convention

wit-parser keeps docs on packages, interfaces, worlds, types, fields, cases, functions
and world imports/exports only."#,
    options: &[],
    fix: Fixable::Sometimes(Applicability::Safe),
};

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    for file in ws.sources.iter() {
        if !cx.file_is_linted(&file.path) {
            continue;
        }
        for run in &file.trivia().runs {
            let place = match run.attachment {
                Attachment::Item { .. } => continue,
                Attachment::Use => "a `use`",
                Attachment::Include => "an `include`",
                Attachment::Nested => "a parameter or type argument",
                Attachment::AfterAttribute => "the place between a gate attribute and its item",
                Attachment::MidStatement => "the middle of a declaration",
                Attachment::Closing => "the end of a block",
                Attachment::EndOfFile => "the end of the file",
            };
            let Some(doc) = run.comments.iter().find(|c| c.style.is_doc()) else {
                continue;
            };
            let start = run.range().start;
            // Before a statement the comment was meant for the statement; elsewhere for
            // the declaration it sits in.
            let meant_for_next = matches!(
                run.attachment,
                Attachment::Use | Attachment::Include | Attachment::AfterAttribute
            );
            let item = ws
                .item_near(&file.path, start, meant_for_next)
                .map(|i| ws.index().get(i));
            let path = item.map_or_else(
                || ItemPath::file(&file.path, &file.line_of(start).to_string()),
                |i| i.path.clone(),
            );
            let fix = match run.attachment {
                Attachment::AfterAttribute => "move the comment above the attribute",
                Attachment::Include | Attachment::Use => {
                    "document the world or interface instead, or turn this into a `//` note"
                }
                Attachment::Nested => "describe the parameter in the function's docs",
                _ => "attach it to an item, or turn it into a `//` note",
            };
            let f = cx.report(
                Some(file.location(doc.range.clone())),
                path,
                format!("doc comment on {place} is dropped by wit-parser"),
            );
            f.note("it appears in no generated docs, bindings or encoded package");
            // Where no item can take it, the comment is a note: say so with `//`. Nothing
            // changes for anyone, since wit-parser drops it.
            let as_note = matches!(
                run.attachment,
                Attachment::Use | Attachment::Include | Attachment::Closing | Attachment::EndOfFile
            );
            // One line per edit: `--fix` checks again and meets the run's next `///`.
            match () {
                _ if as_note && file.text[doc.range.clone()].starts_with("///") => {
                    let text = &file.text[doc.range.clone()];
                    let note = format!("//{}", &text[3..]);
                    f.replace_with(
                        "turn it into a `//` note (or document the world or interface instead)",
                        note,
                    );
                }
                _ => {
                    f.fix(fix);
                }
            }
        }
    }
}
