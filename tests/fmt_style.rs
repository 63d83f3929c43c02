//! The figures behind `witlint fmt`'s style: how the WASI proposal repositories of the
//! corpus write each thing the style decides (every `.wit` file of a `WebAssembly__` entry,
//! outside deps/, each text counted once), and how often `fmt` changes it. The table is
//! the one in book/src/commands/fmt.md; `WITLINT_UPDATE_STYLE=1 cargo test --test
//! fmt_style` writes it there after a change of the corpus or the style.

mod common;

use std::collections::BTreeSet;

use common::{corpus, walk};
use witlint::fmt::lexer::{Kind, Token, tokens};

/// One choice of the style: how many places write it the style's way, and how many not.
struct Figure {
    choice: &'static str,
    agree: usize,
    differ: usize,
}

/// A file as tokens, with its code tokens' positions.
struct File<'a> {
    text: &'a str,
    toks: Vec<Token>,
    code: Vec<usize>,
}

impl<'a> File<'a> {
    fn new(text: &'a str) -> File<'a> {
        let toks = tokens(text);
        let code = (0..toks.len())
            .filter(|&i| !toks[i].kind.is_trivia())
            .collect();
        File { text, toks, code }
    }

    fn word(&self, k: usize) -> &str {
        &self.text[self.toks[self.code[k]].range.clone()]
    }

    fn is(&self, k: usize, s: &str) -> bool {
        k < self.code.len() && self.word(k) == s
    }

    /// Whether a line break lies between code tokens `a` and `b`.
    fn broken(&self, a: usize, b: usize) -> bool {
        self.toks[self.code[a]..self.code[b]]
            .iter()
            .any(|t| t.kind == Kind::Newline)
    }

    fn closing(&self, open: usize) -> Option<usize> {
        let (o, c) = match self.word(open) {
            "(" => ("(", ")"),
            "{" => ("{", "}"),
            _ => return None,
        };
        let mut depth = 0;
        for k in open..self.code.len() {
            if self.word(k) == o {
                depth += 1;
            } else if self.word(k) == c {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            }
        }
        None
    }
}

fn wasi_texts() -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(corpus())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("WebAssembly__"))
        })
        .collect();
    entries.sort();
    for entry in entries {
        for path in walk(&entry) {
            if path.extension().is_none_or(|e| e != "wit")
                || path.components().any(|c| c.as_os_str() == "deps")
            {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            if seen.insert(text.clone()) {
                out.push(text);
            }
        }
    }
    out
}

fn measure(texts: &[String]) -> Vec<Figure> {
    let mut figures = [
        "indentation: 4 spaces a level (files)",
        "`@since`, `@unstable`, `@deprecated` on a line of its own",
        "one item per line (items that start a line)",
        "trailing comma in a multi-line record, variant, enum or flags",
        "one parameter per line in a wrapped parameter list",
        "trailing comma in a wrapped parameter list",
        "a one-line signature within 100 characters",
        "`name: type`: a space after the colon, none before",
        "`a -> b`: a space on both sides of the arrow",
        "`x, y`: a space or a line break after a comma",
        "one blank line at most between lines",
        "no trailing whitespace (lines)",
        "exactly one final newline (files)",
    ]
    .map(|choice| Figure {
        choice,
        agree: 0,
        differ: 0,
    });
    let mut count = |i: usize, agrees: bool| {
        if agrees {
            figures[i].agree += 1
        } else {
            figures[i].differ += 1
        }
    };
    for text in texts {
        let f = File::new(text);
        // Indentation: the smallest indent of a line that starts with code.
        let indents: Vec<&str> = text
            .lines()
            .map(|l| &l[..l.len() - l.trim_start().len()])
            .filter(|i| !i.is_empty())
            .collect();
        if let Some(unit) = indents.iter().min_by_key(|i| i.len()) {
            count(0, !unit.contains('\t') && unit.len() == 4);
        }
        let mut statement_first: Option<usize> = None;
        let mut in_package = false;
        for k in 0..f.code.len() {
            let i = f.code[k];
            let prev_word = k > 0 && f.toks[f.code[k - 1]].kind == Kind::Word;
            // Gates.
            if f.is(k, "@")
                && !prev_word
                && f.is(k + 2, "(")
                && let Some(close) = f.closing(k + 2)
                && close + 1 < f.code.len()
            {
                count(1, f.broken(close, close + 1));
            }
            // Items: the token after a `;` that ends one.
            if f.is(k, ";") && k + 1 < f.code.len() {
                count(2, f.broken(k, k + 1));
            }
            if statement_first.is_none() && f.toks[i].kind == Kind::Word {
                statement_first = Some(k);
                in_package = f.word(k) == "package";
            }
            if f.is(k, ";") || f.is(k, "{") || f.is(k, "}") {
                statement_first = None;
            }
            // Members of a multi-line record, variant, enum or flags.
            if f.is(k, "{")
                && k >= 2
                && matches!(f.word(k - 2), "record" | "variant" | "enum" | "flags")
                && let Some(close) = f.closing(k)
                && f.broken(k, close)
                && close > k + 1
            {
                count(3, f.is(close - 1, ","));
            }
            // Parameter lists.
            if f.is(k, "(")
                && k > 0
                && matches!(f.word(k - 1), "func" | "constructor")
                && let Some(close) = f.closing(k)
                && close > k + 1
            {
                if f.broken(k, close) {
                    let mut depth = 0;
                    let mut one_per_line = f.broken(k, k + 1) && f.broken(close - 1, close);
                    for m in k + 1..close {
                        match f.word(m) {
                            "(" | "<" => depth += 1,
                            ")" | ">" => depth -= 1,
                            "," if depth == 0 && m + 1 < close => {
                                one_per_line &= f.broken(m, m + 1)
                            }
                            _ => {}
                        }
                    }
                    count(4, one_per_line);
                    count(5, f.is(close - 1, ","));
                } else {
                    let start = text[..f.toks[i].range.start]
                        .rfind('\n')
                        .map_or(0, |n| n + 1);
                    let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
                    count(6, text[start..end].trim_end().chars().count() <= 100);
                }
            }
            // Spacing.
            if f.is(k, ":") && !in_package && k + 1 < f.code.len() {
                let next_is_package_path = f.is(k + 2, "/") || f.is(k + 2, "@");
                if !next_is_package_path {
                    let spaced_after = f.toks[i + 1].kind == Kind::Space;
                    let spaced_before = f.toks[i - 1].kind == Kind::Space;
                    count(7, spaced_after && !spaced_before);
                }
            }
            if f.toks[i].kind == Kind::Arrow {
                count(
                    8,
                    f.toks[i - 1].kind.is_trivia() && f.toks[i + 1].kind.is_trivia(),
                );
            }
            if f.is(k, ",") && i + 1 < f.toks.len() {
                count(9, f.toks[i + 1].kind.is_trivia());
            }
        }
        // Runs of blank lines: one line, or more.
        let mut run = 0;
        for line in text.lines() {
            if line.trim().is_empty() {
                run += 1;
            } else {
                if run > 0 {
                    count(10, run == 1);
                }
                run = 0;
            }
        }
        for line in text.lines() {
            count(11, line == line.trim_end());
        }
        count(12, text.ends_with('\n') && !text.ends_with("\n\n"));
    }
    figures.into_iter().collect()
}

fn table(figures: &[Figure], files: usize) -> String {
    let mut out = format!(
        "| the style's choice | as the style ({files} WASI files) | otherwise | share |\n|---|---:|---:|---:|\n"
    );
    for f in figures {
        let total = f.agree + f.differ;
        let share = if total == 0 {
            "–".to_string()
        } else {
            format!("{:.0} %", 100.0 * f.agree as f64 / total as f64)
        };
        out.push_str(&format!(
            "| {} | {} | {} | {share} |\n",
            f.choice, f.agree, f.differ
        ));
    }
    out
}

#[test]
fn the_book_states_how_the_wasi_repositories_write_each_choice_of_the_style() {
    let texts = wasi_texts();
    assert!(texts.len() > 100, "{} files", texts.len());
    let figures = measure(&texts);
    let rendered = table(&figures, texts.len());
    let page = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("book/src/commands/fmt.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let (begin, end) = ("<!-- fmt-style:begin -->\n", "<!-- fmt-style:end -->");
    let (Some(a), Some(b)) = (text.find(begin), text.find(end)) else {
        panic!("{} has no {begin:?}…{end:?} block", page.display());
    };
    let now = &text[a + begin.len()..b];
    if std::env::var_os("WITLINT_UPDATE_STYLE").is_some() {
        let updated = format!("{}{rendered}{}", &text[..a + begin.len()], &text[b..]);
        std::fs::write(&page, updated).unwrap();
        return;
    }
    assert_eq!(
        now, rendered,
        "the figures changed: run `WITLINT_UPDATE_STYLE=1 cargo test --test fmt_style` and read them"
    );
    // The style is the repositories' own: most of every choice's cases agree.
    for f in &figures {
        assert!(
            f.agree > f.differ,
            "{}: {} as the style, {} not",
            f.choice,
            f.agree,
            f.differ
        );
    }
}
