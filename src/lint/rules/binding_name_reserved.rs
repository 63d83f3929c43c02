use heck::ToUpperCamelCase;
use wit_bindgen_core::wit_parser::TypeDefKind;

use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::{ItemKind, Target};

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
generator spells it as written, and resource methods and variant cases named like a
method the generator adds itself: the generator renames them, and each language reads
them differently, or (Rust) keeps the name and defines it twice, and the bindings do not
compile. The finding names the languages and what each writes instead.

| language | generator (and the function that renames) | where | writes |
|---|---|---|---|
| Rust | wit-bindgen-rust 0.63.0 (`to_rust_ident`) | functions, parameters, fields | `match_` |
| Rust | wit-bindgen-rust 0.63.0 (`to_upper_camel_case`) | types: `guest` | `Guest_` |
| C | wit-bindgen-c 0.63.0 (`to_c_ident`) | parameters, fields | `default_` |
| C++ | wit-bindgen-cpp 0.63.0 (wit-bindgen-c's `to_c_ident`) | parameters, fields | `default_` |
| C# | wit-bindgen-csharp 0.63.0 (`to_csharp_ident`) | parameters, fields | `@default` |
| Go | wit-bindgen-go 0.63.0 (`escape_go_keyword`) | parameters | `type_` |
| TypeScript | jco's js-component-bindgen 2.18.0 (typings, `RESERVED_KEYWORDS`) | parameters | `default_` |
| Rust | wit-bindgen-rust 0.63.0 (`type_resource`) | methods and static functions `handle`, `take-handle`, `from-handle`: an imported resource's type has its own, and a second definition does not compile | nothing: a compile error |
| Go | wit-bindgen-go 0.63.0 (`matches_reserved_resource_function_name`) | methods `take-handle`, `set-handle`, `handle`, `drop`, `on-drop`: the generator adds its own | `Drop_` |
| Go | wit-bindgen-go 0.63.0 (`matches_reserved_variant_function_name`) | a variant case `tag` with a payload: the generator adds `Tag()` | `Tag_` |
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
identifiers of their own in every language. JavaScript keeps every name a caller sees:
jco makes a function or method named `delete` a property or a string-named export
(`obj.delete()`), and only its typings rename parameters. C++ writes functions in
PascalCase and C prefixes them, so neither renames a function.

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

/// The table, read once.
fn table() -> &'static [Renames] {
    static ROWS: std::sync::LazyLock<Vec<Renames>> = std::sync::LazyLock::new(|| {
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
            .collect()
    });
    &ROWS
}

/// Whether any row names `name`: asked of every name of a package (hundreds of thousands
/// in a large one) before anything else, with one lookup.
fn in_table(name: &str) -> bool {
    static NAMES: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
        std::sync::LazyLock::new(|| table().iter().flat_map(|r| r.names.split(' ')).collect());
    NAMES.contains(name)
}

/// The places an item's name takes in generated code, as the table names them.
fn places(
    ws: &crate::workspace::Workspace,
    item: &crate::workspace::Item,
) -> &'static [&'static str] {
    match item.kind {
        ItemKind::Function => &["function"],
        ItemKind::Method | ItemKind::Static => &["function", "method"],
        ItemKind::Param => &["parameter"],
        ItemKind::Field => &["field"],
        ItemKind::Type | ItemKind::Resource => &["type"],
        ItemKind::Case => match item.target {
            // A case that carries a value gets a getter in Go.
            Target::Member { ty, index } => match &ws.resolve.types[ty].kind {
                TypeDefKind::Variant(v) if v.cases.get(index).is_some_and(|c| c.ty.is_some()) => {
                    &["case-with-payload"]
                }
                _ => &[],
            },
            _ => &[],
        },
        _ => &[],
    }
}

/// What each language writes for the WIT name `name` at any of `places`: `(language,
/// identifier)`, in the table's order, each language once; the identifier is `!` where
/// the generator keeps the name and defines it twice.
fn renamed_at(name: &str, places: &[&str]) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    for row in table() {
        if !row.places.split(' ').any(|p| places.contains(&p))
            || !row.names.split(' ').any(|n| n == name)
            || out.iter().any(|(l, _)| *l == row.language)
        {
            continue;
        }
        // The table's keywords are single words, which snake and lowerCamel spell as written.
        let spelled = match row.spelled {
            "UpperCamel" => name.to_upper_camel_case(),
            _ => name.to_string(),
        };
        out.push((row.language, row.template.replace("{}", &spelled)));
    }
    out
}

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    for item in cx.items().filter(|i| !i.is_use) {
        let written = match item.kind {
            // A parameter's path leaf is its function's with it (`get(key)`): its own name.
            ItemKind::Param => match ws.param(&item.target) {
                Some((_, param)) => std::borrow::Cow::Borrowed(param.name.as_str()),
                None => continue,
            },
            _ => item.written_name(),
        };
        let name = written.trim_start_matches('%');
        if !in_table(name) {
            continue;
        }
        let places = places(ws, item);
        let renames = renamed_at(name, places);
        if renames.is_empty() {
            continue;
        }
        let (clashes, renames): (Vec<_>, Vec<_>) =
            renames.into_iter().partition(|(_, ident)| ident == "!");
        let clashing: Vec<&str> = clashes.iter().map(|(l, _)| *l).collect();
        let languages: Vec<&str> = renames.iter().map(|(l, _)| *l).collect();
        let message = if clashing.is_empty() {
            format!(
                "{} `{name}` is renamed in the bindings for {}",
                item.kind.noun(),
                languages.join(", ")
            )
        } else {
            format!(
                "{} `{name}` is defined twice in the bindings for {}: they do not compile",
                item.kind.noun(),
                clashing.join(", ")
            )
        };
        let finding = cx.report_item(item, message);
        if !clashing.is_empty() {
            finding.note(format!(
                "the generator gives an imported resource's type a `{}` of its own, and the method adds a second",
                name.replace('-', "_")
            ));
        }
        if !renames.is_empty() {
            let each: Vec<String> = renames
                .iter()
                .map(|(language, ident)| format!("`{ident}` in {language}"))
                .collect();
            finding.note(format!(
                "the generated code says {}: a reserved word there, or a name the generator uses itself",
                each.join(", ")
            ));
        }
        finding.fix("choose a name every binding writes as it is, before a release (renaming breaks callers)");
    }
}

#[cfg(test)]
mod tests {
    use super::renamed_at;

    #[test]
    fn each_language_says_what_it_writes() {
        assert_eq!(
            renamed_at("from", &["parameter"]),
            [("Python", "from_".to_string())]
        );
        let r = renamed_at("default", &["parameter"]);
        assert!(r.contains(&("C#", "@default".to_string())), "{r:?}");
        assert!(r.contains(&("Go", "default_".to_string())), "{r:?}");
        assert!(r.contains(&("C", "default_".to_string())), "{r:?}");
        assert!(r.contains(&("C++", "default_".to_string())), "{r:?}");
        assert!(r.contains(&("TypeScript", "default_".to_string())), "{r:?}");
        assert_eq!(
            renamed_at("none", &["type"]),
            [("Python", "None_".to_string())]
        );
        assert_eq!(
            renamed_at("guest", &["type"]),
            [("Rust", "Guest_".to_string())]
        );
        assert_eq!(renamed_at("value", &["parameter"]), []);
        assert_eq!(
            renamed_at("take-handle", &["method"]),
            [("Rust", "!".to_string()), ("Go", "TakeHandle_".to_string())]
        );
        assert_eq!(
            renamed_at("tag", &["case-with-payload"]),
            [("Go", "Tag_".to_string())]
        );
        assert_eq!(
            renamed_at("type", &["function"]),
            [("Rust", "type_".to_string())],
            "C prefixes functions; Python's `type` is a builtin, not a keyword"
        );
    }
}
