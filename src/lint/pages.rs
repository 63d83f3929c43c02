//! The book's rule pages, generated from each rule's own metadata and explanation
//! (`witlint rules --out DIR`), so they cannot drift from `witlint explain`.

use crate::lint::rules::ALL;
use crate::lint::{Preset, Rule, Scope};

/// `(file name, title, text)` for the index page and one page per rule.
pub fn pages(header: &str) -> Vec<(String, String, String)> {
    let mut index = format!(
        "{header}\n\n# Rules\n\nEvery rule `witlint check` runs, by category. The level is the one the \
         `standard` preset gives; `wasi` is the `wasi` preset's; rules marked *minimal* stay on \
         under the `minimal` preset. Under the default preset, `auto`, a rule applies to the \
         packages its scope names: WASI-style rules only to packages in `wasi:` or that gate \
         their own items.\n\n| Rule | Category | Level | wasi | Scope under `auto` | Summary |\n| --- | --- | --- | --- | --- | --- |\n"
    );
    let mut out = Vec::new();
    for rule in ALL {
        index.push_str(&format!(
            "| [`{id}`]({id}.md) | {} | {}{} | {} | {} | {} |\n",
            rule.category.as_str(),
            standard_level(rule),
            if rule.minimal { " (minimal)" } else { "" },
            rule.wasi.as_str(),
            scope_title(rule.scope),
            rule.summary.replace('|', "\\|"),
            id = rule.id,
        ));
        out.push((
            format!("{}.md", rule.id),
            rule.id.to_string(),
            page(rule, header),
        ));
    }
    out.insert(0, ("README.md".to_string(), "Rules".to_string(), index));
    out
}

fn page(rule: &Rule, header: &str) -> String {
    let mut text = format!(
        "{header}\n\n# `{}`\n\n{}.\n\n| Category | Level | `wasi` preset | `minimal` preset | Under `auto`, applies to |\n| --- | --- | --- | --- | --- |\n| {} | {} | {} | {} | {} |\n\n{}\n",
        rule.id,
        rule.summary,
        rule.category.as_str(),
        standard_level(rule),
        rule.wasi.as_str(),
        if rule.minimal { "on" } else { "off" },
        rule.scope.describe(),
        rule.explanation.trim_end()
    );
    if !rule.options.is_empty() {
        text.push_str("\n## Options\n\nSet under `[rules.");
        text.push_str(rule.id);
        text.push_str("]` in `witlint.toml`:\n\n");
        for o in rule.options {
            text.push_str(&format!(
                "- `{}` (default `{}`): {}\n",
                o.name, o.default, o.description
            ));
        }
    }
    text.push_str(&format!(
        "\nFrom the terminal: `witlint explain {}`.\n",
        rule.id
    ));
    text
}

/// The level under the `standard` preset, or `off`.
fn standard_level(rule: &Rule) -> &'static str {
    rule.level_in(Preset::Standard)
        .map_or("off", |l| l.as_str())
}

fn scope_title(scope: Scope) -> &'static str {
    match scope {
        Scope::Anywhere => "every package",
        Scope::WasiConventions => "WASI-style packages",
        Scope::WasiPreset => "`wasi` preset only",
    }
}
