use crate::lint::doctext::prose_and_code;
use crate::lint::{Applicability, Category, Context, Fixable, Level, Rule, Scope};

pub static RULE: Rule = Rule {
    id: "error-doc-rust-syntax",
    category: Category::Errors,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Error,
    scope: Scope::WasiConventions,
    summary: "Docs spell WIT values the Rust way (`Ok(..)`, `Err(..)`, `None`, `Some(..)`, `null`)",
    explanation: r#"## What it checks

`Ok(..)`, `Err(..)` and `Some(..)` anywhere in docs, and code spans that are `None`,
`null` or `nil`.

## What it leaves alone

`None`, `null` and `nil` as words of prose (`None of the keys exist`), and `Ok(`/`Err(`
inside longer words: only Rust spellings of WIT values are findings. Under `auto`, packages
that do not follow WASI conventions: an SDK whose docs serve a Rust crate may well spell
values the Rust way. The fix edits only where it located the spelling in the source;
otherwise (escaped text, a spelling over two lines) it only says what to write.

## Why

WIT is language-neutral: its values are `ok(..)`, `err(..)`, `some(..)` and `none`.
Docs written in Rust's spelling read as if the interface were Rust, and they are wrong
for every other binding (JavaScript sees `undefined`, Python `None`, Go `nil`).

## Example

```wit
/// Returns `Ok(none)` if the key does not exist, and `Err(error)` on failure.
get: func(key: string) -> result<option<list<u8>>, error>;
```

Use instead:

```wit
/// Returns `ok(none)` if the key does not exist, and `err(error)` on failure.
get: func(key: string) -> result<option<list<u8>>, error>;
```

## Convention

Component model `WIT.md` names values `ok`, `err`, `some` and `none`."#,
    options: &[],
    fix: Fixable::Sometimes(Applicability::Safe),
};

const CALLS: [(&str, &str); 3] = [("Ok(", "ok("), ("Err(", "err("), ("Some(", "some(")];

/// `s` with every Rust spelling of a WIT value replaced, nested ones too.
fn to_wit(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    'scan: while let Some(c) = rest.chars().next() {
        let word_start = !out.chars().next_back().is_some_and(char::is_alphanumeric);
        if word_start {
            for (rust, wit) in CALLS {
                if let Some(tail) = rest.strip_prefix(rust) {
                    out.push_str(wit);
                    rest = tail;
                    continue 'scan;
                }
            }
            for word in ["None", "null", "nil", "NULL"] {
                if let Some(tail) = rest.strip_prefix(word)
                    && !tail.chars().next().is_some_and(char::is_alphanumeric)
                {
                    out.push_str("none");
                    rest = tail;
                    continue 'scan;
                }
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Rust-style snippets in a doc comment, with their WIT spelling.
fn rust_snippets(docs: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut push = |rust: String, wit: String| {
        if !out.iter().any(|(r, _)| *r == rust) {
            out.push((rust, wit));
        }
    };
    // Every Rust spelling contains one of these; most docs contain none.
    if !["Ok(", "Err(", "Some(", "None", "null", "nil", "NULL"]
        .iter()
        .any(|p| docs.contains(p))
    {
        return out;
    }
    let (text, code) = prose_and_code(docs);
    for span in code {
        let trimmed = span.trim();
        if matches!(trimmed, "None" | "null" | "nil" | "NULL") {
            push(trimmed.to_string(), "none".to_string());
        } else if CALLS.iter().any(|(r, _)| trimmed.contains(r)) {
            push(trimmed.to_string(), to_wit(trimmed));
        }
    }
    for (rust, _) in CALLS {
        for (at, _) in text.match_indices(rust) {
            let preceded = text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric());
            if preceded {
                continue;
            }
            let end = text[at..].find(')').map_or(text.len(), |e| at + e + 1);
            let snippet = text[at..end].to_string();
            push(snippet.clone(), to_wit(&snippet));
        }
    }
    out
}

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    for item in cx.items() {
        let Some(docs) = item.docs.as_deref() else {
            continue;
        };
        let found = rust_snippets(docs);
        let Some((first, _)) = found.first() else {
            continue;
        };
        let location = ws.locate_in_docs(item, first);
        // An edit only where the spelling itself was found in the source: not written as
        // the docs read (over two lines, with escapes), the place is the item's, and the
        // fix only says what to write.
        let located = location.as_ref().is_some_and(|l| {
            ws.sources
                .get(&l.file)
                .is_some_and(|f| f.text.get(l.bytes.clone()) == Some(first.as_str()))
        });
        let rust: Vec<String> = found.iter().map(|(r, _)| format!("`{r}`")).collect();
        let wit: Vec<String> = found.iter().map(|(_, w)| format!("`{w}`")).collect();
        let f = cx.report(
            location,
            item.path.clone(),
            format!(
                "docs of `{}` spell WIT values the Rust way: {}",
                item.path.leaf(),
                rust.join(", ")
            ),
        );
        // The edit rewrites the first; `--fix` checks again and meets the next.
        if located {
            f.replace_with(format!("write {}", wit.join(", ")), found[0].1.clone());
        } else {
            f.fix(format!("write {}", wit.join(", ")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::rust_snippets;

    #[test]
    fn finds_rust_spellings_only() {
        let got = rust_snippets(
            "Returns `Ok(none)`, or `Err(error)`. If this is `null`, stop. Otherwise Some(x).",
        );
        let rust: Vec<_> = got.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(rust, ["Ok(none)", "Err(error)", "null", "Some(x)"]);
        assert_eq!(got[0].1, "ok(none)");
        assert!(rust_snippets("None of the keys exist; returns `ok(none)`.").is_empty());
    }
}
