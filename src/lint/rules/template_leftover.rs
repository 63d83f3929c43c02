use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::{Item, ItemKind, ItemPath, Workspace};

pub static RULE: Rule = Rule {
    id: "template-leftover",
    category: Category::Docs,
    level: Level::Error,
    minimal: true,
    wasi: Level::Error,
    scope: Scope::Anywhere,
    summary: "Placeholders of the WASI proposal template are still in the WIT",
    explanation: r#"## What it checks

Names (`example-interface`, `example-api-function`, `wasi:example-package` …), doc text
("Short interface description", "Explanation for developers using …") and instructions
("Instructions for filling in this file") that come from the WASI proposal template.

## What it leaves alone

Words of the template that are ordinary English in context ("example" in prose): only
the template's own names and sentences are matched. A package still named as the
template's (`wasi:example-package`) is the template itself, in its own repository or in a
proposal not started yet: it gets one warning at its `package` line, not an error per
placeholder, since holding placeholders is what a template is for.

## Why

A proposal that still carries the template ships placeholder APIs and docs that describe
nothing; tools and readers take them for the real thing.

## Example

```wit
/// Short interface description.
interface example-interface { }
```

Use instead:

```wit
/// Access to general-purpose input/output pins.
interface digital { }
```

## Convention

The WASI proposal template (WebAssembly/wasi-proposal-template) asks proposals to replace
every placeholder."#,
    options: &[],
    fix: Fixable::Never,
};

const NAMES: &[&str] = &[
    "example-package",
    "example-api-package",
    "example-interface",
    "example-api-type",
    "example-api-function",
    "example-dep-interface",
    "example-dep-type",
];

const PHRASES: &[&str] = &[
    "Short interface description",
    "Short type description",
    "Short function description",
    "Explanation for developers using",
    "A description of a field",
    "A description of another field",
    "More rigorous specification details",
    "Instructions for filling in this file",
    "Delete all these `//` comments",
    "Proposals should remove these",
];

/// The template phrase in `text` that comes first in [`PHRASES`], and where it starts.
fn find_phrase(text: &str) -> Option<(&'static str, usize)> {
    // Every phrase in one pass over the text: most docs hold none.
    static SEARCH: LazyLock<AhoCorasick> =
        LazyLock::new(|| AhoCorasick::new(PHRASES).expect("the phrases make an automaton"));
    let first = SEARCH
        .find_overlapping_iter(text)
        .map(|m| m.pattern().as_usize())
        .min()?;
    let phrase = PHRASES[first];
    text.find(phrase).map(|at| (phrase, at))
}

/// The name an item is declared with: a package's or world's or interface's own name
/// without namespace or version, a type's or function's leaf.
fn own_name<'a>(ws: &'a Workspace, item: &'a Item) -> &'a str {
    let package = &ws.resolve.packages[item.package].name.name;
    let path = item.path.as_str();
    let leaf = || {
        if path.contains('#') {
            item.path.leaf()
        } else {
            package
        }
    };
    match item.kind {
        ItemKind::Package => package,
        ItemKind::Interface | ItemKind::World => path
            .split_once('/')
            .map_or_else(leaf, |(_, rest)| rest.split('@').next().unwrap_or("")),
        _ => leaf(),
    }
}

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    // A package still named as the template's is the template itself (its own repository,
    // or a proposal not started): one finding at its `package` line says it all, as a
    // warning, since the template is meant to hold its placeholders.
    let mut whole = Vec::new();
    for item in cx.items().filter(|i| i.kind == ItemKind::Package) {
        if NAMES.contains(&own_name(ws, item)) {
            whole.push(item.package);
            let f = cx.report_item(
                item,
                format!(
                    "package `{}` is still the WASI proposal template",
                    ws.resolve.packages[item.package].name
                ),
            );
            f.level = Level::Warn;
            f.note("its interfaces, types and docs are the template's placeholders too")
                .fix("rename the package after the proposal, then replace every placeholder item and text");
        }
    }
    for item in cx.items().filter(|i| !whole.contains(&i.package)) {
        let own_name = own_name(ws, item);
        if NAMES.contains(&own_name) {
            cx.report_item(
                item,
                format!(
                    "{} `{own_name}` is a placeholder from the WASI proposal template",
                    item.kind.noun()
                ),
            )
            .fix("rename it after what it does in this proposal");
        }
        if let Some(docs) = &item.docs
            && let Some((phrase, _)) = find_phrase(docs)
        {
            let location = ws.locate_in_docs(item, phrase);
            cx.report(
                location,
                item.path.clone(),
                format!(
                    "docs of `{}` still hold template text: \"{phrase}\"",
                    item.path.leaf()
                ),
            )
            .fix("replace the template text with this item's real documentation");
        }
    }
    // Template instructions in comments that are not docs of anything.
    for file in ws
        .sources
        .iter()
        .filter(|f| crate::lint::policy::file_is_linted(ws, &f.path, cx.config.lint_deps))
        .filter(|f| {
            ws.unit_of_file(&f.path)
                .is_none_or(|u| !u.packages.iter().any(|p| whole.contains(p)))
        })
    {
        for run in file
            .trivia()
            .runs
            .iter()
            .filter(|r| !r.attachment.keeps_docs())
        {
            let text = &file.text[run.range()];
            if let Some((phrase, offset)) = find_phrase(text) {
                let at = run.range().start + offset;
                cx.report(
                    Some(file.location(at..at + phrase.len())),
                    ItemPath::line(&file.path, "template", text),
                    format!("template instructions left in a comment: \"{phrase}\""),
                )
                .fix("delete the template's instructions");
            }
        }
    }
}
