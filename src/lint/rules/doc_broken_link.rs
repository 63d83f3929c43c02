use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::links::{LinkResolver, find};

pub static RULE: Rule = Rule {
    id: "doc-broken-link",
    category: Category::Docs,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Warn,
    scope: Scope::Anywhere,
    summary: "An intra-doc link names no WIT item",
    explanation: r#"## What it checks

Intra-doc links in doc comments: a link label that is a single code span, with no
reference definition, such as ``[`bucket.get`]``, ``[`error::no-such-store`]`` or
``[`wasi:io/streams.input-stream`]``. Names are looked up from the documented item
outward: its own members (a resource's methods, a variant's cases), its interface or
world, then the package's interfaces and worlds; a name with a `:` is looked up as a
fully qualified path, with or without a version.

## What it leaves alone

Links with a reference definition or a URL, labels that are not a single code span
(`[see here]`), and code spans outside link brackets: only ``[`name`]`` is an intra-doc
link, everything else is ordinary Markdown.

## Why

`witlint docs` turns these links into links to the item's heading. A link whose
target was renamed or removed would otherwise point nowhere; the docs render it as
plain code, and this rule tells you.

## Example

```wit
resource bucket {
    /// Like [`bucket.fetch`], but for many keys.
    get-many: func(keys: list<string>) -> result<list<option<list<u8>>>, error>;
}
```

Use instead:

```wit
resource bucket {
    /// Like [`bucket.get`], but for many keys.
    get-many: func(keys: list<string>) -> result<list<option<list<u8>>>, error>;
}
```

## Convention

rustdoc's intra-doc links, applied to WIT paths (`interface.item`, `type::case`)."#,
    options: &[],
    fix: Fixable::Never,
};

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    // Most docs link nowhere: the name table is built on the first link found.
    let resolver = std::cell::OnceCell::new();
    for item in cx.items() {
        let Some(docs) = item.docs.as_deref() else {
            continue;
        };
        for link in find(docs) {
            let resolver = resolver.get_or_init(|| LinkResolver::new(ws));
            if resolver.resolve(&item.path, &link.name).is_some() {
                continue;
            }
            let written = &docs[link.range.clone()];
            let location = ws.locate_in_docs(item, written);
            cx.report(
                location,
                item.path.clone(),
                format!(
                    "docs of `{}` link to `{}`, which names no item",
                    item.path.leaf(),
                    link.name
                ),
            )
            .fix("name an item in scope (`type`, `type.member`, `interface.item`, `type::case`) or a full path like `wasi:io/streams.input-stream`");
        }
    }
}
