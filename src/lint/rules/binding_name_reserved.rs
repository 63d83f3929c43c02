use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::ItemKind;

pub static RULE: Rule = Rule {
    id: "binding-name-reserved",
    category: Category::Style,
    level: Level::Info,
    minimal: false,
    wasi: Level::Warn,
    scope: Scope::WasiConventions,
    summary: "A name that bindings generators must rename, differently in each language",
    explanation: r#"## What it checks

Functions, parameters, record fields and types whose WIT name is a keyword or reserved
word of a language the maintained bindings generators write, at a place where that
generator spells it as written: the generator renames it, and each language reads it
differently. The finding names the languages and what each writes instead.

| language | generator (and the function that renames) | where | writes |
|---|---|---|---|
| Rust | wit-bindgen-rust 0.63.0 (`to_rust_ident`) | functions, parameters, fields | `match_` |
| Rust | wit-bindgen-rust 0.63.0 (`to_upper_camel_case`) | types: `guest` | `Guest_` |
| C | wit-bindgen-c 0.63.0 (`to_c_ident`) | parameters, fields | `default_` |
| C# | wit-bindgen-csharp 0.63.0 (`to_csharp_ident`) | parameters, fields | `@default` |
| Go | wit-bindgen-go 0.63.0 (`escape_go_keyword`) | parameters | `type_` |
| Python | componentize-py 0.25.1 (`Escape::escape`) | functions, parameters, fields | `from_` |
| Python | componentize-py 0.25.1 (`Escape::escape`) | types: `none`, `true`, `false` | `None_` |

The words are each generator's own list, kept in `src/lint/binding_names.tsv` with the
version they were read from (`witlint explain binding-name-reserved` shows this page;
the Rust list is checked against wit-bindgen-rust itself in witlint's tests).

## What it leaves alone

Under the `auto` preset, packages that do not follow WASI conventions: a host's or an
SDK's API bound to one language is that language's business (Zed's `stdout` field is
`stdout_` in C, which Zed's Rust extensions never see). WASI packages are bound to every
language, so there every rename counts.

Names no generator renames at that place: a function called `type` is `type_` in Rust,
but its C name carries the interface's prefix, so C is not listed for it (and `type` is
a Python builtin, not a keyword: componentize-py keeps it).
Names that differ from a keyword by a hyphen (`for-each`, `type-name`) become
identifiers of their own in every language.

## Why

WIT's own keywords need `%` (`%type`), but WIT cannot know the keywords of every
language it is bound to. A parameter named `default` is `default_` in C and Go and
`@default` in C#: documentation, examples and error messages written for one language
name it wrongly for the others, and each generator's escape is one more thing readers of the
generated code must learn. A name that is not a keyword anywhere (`source`, `kind`,
`value`) reads the same in every binding.

## Example

```wit
copy: func(%from: string, to: string) -> result;
```

Use instead:

```wit
copy: func(source: string, destination: string) -> result;
```

## Convention

The binding generators' own escapes (wit-bindgen's `to_rust_ident`, `to_c_ident`,
`to_csharp_ident`, `escape_go_keyword`; componentize-py's `Escape`); renaming is a
breaking change for callers that name parameters (Python keyword arguments), so choose
the name before a release."#,
    options: &[],
    fix: Fixable::Never,
};

/// One row of `binding_names.tsv`: what one generator renames at some places.
struct Renames {
    language: &'static str,
    places: &'static str,
    spelled: &'static str,
    template: &'static str,
    names: &'static str,
}

const TABLE: &str = include_str!("../binding_names.tsv");

fn table() -> impl Iterator<Item = Renames> {
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let language = cols.next()?;
            let _generator = cols.next()?;
            Some(Renames {
                language,
                places: cols.next()?,
                spelled: cols.next()?,
                template: cols.next()?,
                names: cols.next()?,
            })
        })
}

/// The place an item's name takes in generated code, as the table names it.
fn place(kind: ItemKind) -> Option<&'static str> {
    match kind {
        ItemKind::Function | ItemKind::Method | ItemKind::Static => Some("function"),
        ItemKind::Param => Some("parameter"),
        ItemKind::Field => Some("field"),
        ItemKind::Type | ItemKind::Resource => Some("type"),
        _ => None,
    }
}

/// What each language writes for the WIT name `name` at `place`: `(language, identifier)`,
/// in the table's order, each language once.
pub(crate) fn renamed(name: &str, place: &str) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    for row in table() {
        if !row.places.split(' ').any(|p| p == place)
            || !row.names.split(' ').any(|n| n == name)
            || out.iter().any(|(l, _)| *l == row.language)
        {
            continue;
        }
        // A keyword is one lowercase word: snake and lowerCamel spell it as written.
        let spelled = match row.spelled {
            "UpperCamel" => {
                let mut chars = name.chars();
                chars
                    .next()
                    .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                    .unwrap_or_default()
            }
            _ => name.to_string(),
        };
        out.push((row.language, row.template.replace("{}", &spelled)));
    }
    out
}

pub(super) fn check(cx: &mut Context<'_>) {
    for item in cx.items().filter(|i| !i.is_use) {
        let Some(place) = place(item.kind) else {
            continue;
        };
        let written = item.written_name();
        // A parameter's leaf is its function's with it: `get(key)`.
        let written = match item.kind {
            ItemKind::Param => written
                .rsplit_once('(')
                .map_or(&*written, |(_, p)| p.trim_end_matches(')')),
            _ => &*written,
        };
        let name = written.trim_start_matches('%');
        let renames = renamed(name, place);
        if renames.is_empty() {
            continue;
        }
        let each: Vec<String> = renames
            .iter()
            .map(|(language, ident)| format!("`{ident}` in {language}"))
            .collect();
        let languages: Vec<&str> = renames.iter().map(|(l, _)| *l).collect();
        cx.report_item(
            item,
            format!(
                "{} `{name}` is a reserved word in {}: the bindings rename it",
                item.kind.noun(),
                languages.join(", ")
            ),
        )
        .note(format!("the generated code says {}", each.join(", ")))
        .fix("choose a name that is no language's keyword, before a release (renaming breaks callers)");
    }
}

#[cfg(test)]
mod tests {
    use super::renamed;

    #[test]
    fn each_language_says_what_it_writes() {
        assert_eq!(
            renamed("from", "parameter"),
            [("Python", "from_".to_string())]
        );
        let r = renamed("default", "parameter");
        assert!(r.contains(&("C#", "@default".to_string())), "{r:?}");
        assert!(r.contains(&("Go", "default_".to_string())), "{r:?}");
        assert!(r.contains(&("C", "default_".to_string())), "{r:?}");
        assert_eq!(renamed("none", "type"), [("Python", "None_".to_string())]);
        assert_eq!(renamed("guest", "type"), [("Rust", "Guest_".to_string())]);
        assert_eq!(renamed("value", "parameter"), []);
        assert_eq!(
            renamed("type", "function"),
            [("Rust", "type_".to_string())],
            "C prefixes functions; Python's `type` is a builtin, not a keyword"
        );
    }
}
