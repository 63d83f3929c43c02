use wit_bindgen_core::wit_parser::{Type, TypeDefKind};

use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::{Item, ItemKind, Target, Workspace};

pub static RULE: Rule = Rule {
    id: "doc-restates-name",
    category: Category::Docs,
    level: Level::Info,
    minimal: false,
    wasi: Level::Warn,
    scope: Scope::WasiConventions,
    summary: "Docs only restate the item's name or type",
    explanation: r#"## What it checks

Docs of at most eight words in which every word is the item's name, its type's name, its
kind (`resource`, `function`, …) or a filler (`the`, `a`, `gets`, `returns`, `value`):
`/// The key.` on `key: string`, `/// Bucket resource.` on `resource bucket`,
`/// Gets the value.` on `get-value`.

## What it leaves alone

World imports, exports and includes (their docs reach no generated binding, and
`/// Exports wasi:keyvalue/watcher.` is how a world lists what it is made of), docs longer
than eight words, and short docs with one word of their own (`/// Whether
the key exists.`): a word that is not the name says something.

## Why

Docs that restate the name make an item look documented while saying nothing: the
reader of generated bindings learns no more than the signature told them, and
`missing-docs` stays quiet about it. What a reader needs is what the name cannot say:
units, ranges, what happens on failure, who owns what.

## Example

```wit
/// The key.
key: string,
```

Use instead:

```wit
/// The key, as the host's store spells it: any UTF-8 string up to 1 KiB.
key: string,
```

## Convention

WASI proposal template: every item is documented for the spec readers who read the
generated docs, not only its name."#,
    options: &[],
    fix: Fixable::Never,
};

/// Words that say nothing about an item on their own.
const FILLER: &[&str] = &[
    "a",
    "an",
    "the",
    "this",
    "that",
    "of",
    "for",
    "to",
    "is",
    "it",
    "its",
    "value",
    "values",
    "get",
    "gets",
    "return",
    "returns",
    "set",
    "sets",
    "type",
    "function",
    "method",
    "resource",
    "record",
    "variant",
    "enum",
    "flags",
    "flag",
    "field",
    "case",
    "interface",
    "world",
    "constructor",
    "new",
    "create",
    "creates",
    "handle",
    "struct",
    "object",
];

/// The lowercase words of a text, with a plural `s` dropped.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_ascii_lowercase();
            match w.strip_suffix('s') {
                Some(stem) if stem.len() > 2 => stem.to_string(),
                _ => w,
            }
        })
        .collect()
}

/// The name of a type as written, for fields and cases: `string`, `u32`, `bucket`.
fn type_words(ws: &Workspace, ty: Option<Type>) -> Vec<String> {
    let Some(ty) = ty else { return Vec::new() };
    let name = match ty {
        Type::Id(id) => {
            let def = &ws.resolve.types[id];
            match (&def.name, &def.kind) {
                (Some(n), _) => n.clone(),
                (None, TypeDefKind::Handle(h)) => {
                    let r = match h {
                        wit_bindgen_core::wit_parser::Handle::Own(r)
                        | wit_bindgen_core::wit_parser::Handle::Borrow(r) => *r,
                    };
                    ws.resolve.types[r].name.clone().unwrap_or_default()
                }
                _ => String::new(),
            }
        }
        _ => String::new(),
    };
    let primitive = match ty {
        Type::String => "string",
        Type::Bool => "bool",
        Type::Char => "char",
        Type::U8 | Type::U16 | Type::U32 | Type::U64 => "integer",
        Type::S8 | Type::S16 | Type::S32 | Type::S64 => "integer",
        Type::F32 | Type::F64 => "number",
        _ => "",
    };
    let mut out = words(&name);
    out.extend(words(primitive));
    out
}

/// The payload or field type of a member item.
fn member_type(ws: &Workspace, item: &Item) -> Option<Type> {
    let Target::Member { ty, index } = item.target else {
        return None;
    };
    match &ws.resolve.types[ty].kind {
        TypeDefKind::Record(r) => Some(r.fields.get(index)?.ty),
        TypeDefKind::Variant(v) => v.cases.get(index)?.ty,
        _ => None,
    }
}

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    for item in cx.items().filter(|i| {
        !i.is_use
            && !matches!(
                i.kind,
                ItemKind::Package
                    | ItemKind::Param
                    | ItemKind::Include
                    | ItemKind::Import
                    | ItemKind::Export
            )
    }) {
        let Some(docs) = item
            .docs
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        else {
            continue;
        };
        let said = words(docs);
        if said.is_empty() || said.len() > 8 {
            continue;
        }
        let mut known = words(&item.written_name());
        known.extend(type_words(ws, member_type(ws, item)));
        known.extend(words(item.kind.noun()));
        let restated = said
            .iter()
            .all(|w| known.contains(w) || FILLER.contains(&w.as_str()));
        if !restated {
            continue;
        }
        cx.report_item(
            item,
            format!(
                "the docs of {} only restate its name: {docs:?}",
                item.title()
            ),
        )
        .fix("say what the name cannot: units, ranges, ownership, what happens on failure");
    }
}
