use crate::lint::{Applicability, Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::ItemPath;
use crate::workspace::deps::UnitRole;

pub static RULE: Rule = Rule {
    id: "mixed-indentation",
    category: Category::Style,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Warn,
    scope: Scope::WasiPreset,
    summary: "A package indents some lines with tabs and others with spaces",
    explanation: r#"## What it checks

The indentation of every line of a package's `.wit` files. A line indented with spaces
followed by a tab is reported whatever the package uses. When both tabs and spaces
start lines, the lines indented the less common way are reported, each with the exact
edit that re-indents it the package's way: a tab as the package's smallest space
indent (4 if it has none), or four spaces as a tab.

Only the `wasi` preset turns it on (or `mixed-indentation = "warn"` under `[rules]`).

## What it leaves alone

Continuation lines inside doc comments and alignment after the indent: only the leading
indent of a line is compared. Files of `deps/` unless `--lint-deps`, and every preset
but `wasi`.

## Why

A tab is as wide as each reader's editor says, so a file that mixes both looks aligned
to its author and ragged to everyone else, on GitHub and in review tools alike.
Formatters settle on one; WASI proposal reviews ask for it.

## Example

```wit
interface store {
    get: func(key: string) -> option<string>;
→   set: func(key: string, value: string);
}
```

Use instead: indent `set` with four spaces, as the rest of the package.

## Convention

WASI proposal reviews; `wasm-tools component wit` prints WIT indented with spaces."#,
    options: &[],
    fix: Fixable::Always(Applicability::Safe),
};

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    for unit in ws
        .units
        .iter()
        .filter(|u| u.role == UnitRole::Root || cx.config.lint_deps)
    {
        let files: Vec<_> = ws
            .sources
            .of_unit(&unit.display)
            .filter(|f| f.path.ends_with(".wit"))
            .collect();
        // Each indented line: its file, where it starts, and its leading whitespace.
        let mut lines = Vec::new();
        for file in &files {
            let mut start = 0;
            for line in file.text.split_inclusive('\n') {
                let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
                let blank = line.trim().is_empty();
                if !indent.is_empty() && !blank {
                    lines.push((*file, start, indent));
                }
                start += line.len();
            }
        }
        // Spaces followed by a tab (`"  \t"`) are wrong in either style: reported always.
        let mixed = |i: &str| i.starts_with(' ') && i.contains('\t');
        let tabs = lines.iter().filter(|(_, _, i)| i.starts_with('\t')).count();
        let mixed_lines = lines.iter().filter(|(_, _, i)| mixed(i)).count();
        let spaces = lines.len() - tabs - mixed_lines;
        if mixed_lines == 0 && (tabs == 0 || spaces == 0) {
            continue;
        }
        let use_tabs = tabs > spaces;
        let width = lines
            .iter()
            .filter(|(_, _, i)| !i.contains('\t'))
            .map(|(_, _, i)| i.len())
            .min()
            .unwrap_or(4);
        for (file, start, indent) in lines {
            if indent.starts_with('\t') == use_tabs && !mixed(indent) {
                continue;
            }
            let (what, theirs, replacement) = if use_tabs {
                let n = columns(indent, 4);
                (
                    "spaces",
                    "tabs",
                    ["\t".repeat(n / 4), " ".repeat(n % 4)].concat(),
                )
            } else {
                ("a tab", "spaces", " ".repeat(columns(indent, width)))
            };
            cx.report(
                Some(file.location(start..start + indent.len())),
                ItemPath::line(&file.path, "indentation", {
                    let rest = &file.text[start..];
                    &rest[..rest.find('\n').unwrap_or(rest.len())]
                }),
                format!("line indented with {what}; the rest of the package uses {theirs}"),
            )
            .replace_with(
                format!("indent it with {theirs} (`witlint fmt` lays out the whole file)"),
                replacement,
            );
        }
    }
}

/// How wide an indent is, a tab reaching the next multiple of `width`.
fn columns(indent: &str, width: usize) -> usize {
    indent.chars().fold(0, |col, c| match c {
        '\t' => (col / width + 1) * width,
        _ => col + 1,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn tabs_reach_the_next_stop() {
        assert_eq!(super::columns("\t", 4), 4);
        assert_eq!(super::columns("  \t", 4), 4);
        assert_eq!(super::columns("\t  ", 4), 6);
        assert_eq!(super::columns("    \t", 4), 8);
        assert_eq!(super::columns("\t", 2), 2);
    }
}
