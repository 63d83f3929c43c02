//! The book's rule pages, generated from each rule's own metadata and explanation
//! (`witlint rules --out DIR`), so they cannot drift from `witlint explain`: the rules of
//! `witlint check`, and the change kinds of `witlint diff`.

use crate::diff::kinds as change_kinds;
use crate::lint::rules;
use crate::lint::{Applicability, Preset, Rule, Scope};

/// A page of the rules' part of the book.
pub struct RulePage {
    /// Relative to the rules' folder.
    pub file: String,
    pub title: String,
    /// 0 for an index page, 1 for a rule's page under it.
    pub depth: usize,
    pub text: String,
}

/// The index of the rules, a page per rule, then the index of the change kinds and a
/// page per kind.
pub fn pages(header: &str) -> Vec<RulePage> {
    let mut out = lint_pages(header);
    out.extend(change_pages(header));
    out
}

/// The change kinds of `witlint diff` (and its verdict), a page each, after their index.
fn change_pages(header: &str) -> Vec<RulePage> {
    let mut index = format!(
        "{header}\n\n# Change kinds\n\nEvery change `witlint diff` reports, and whom it breaks. An \
         *importer* calls the interface: built against the old version, linked to a provider of \
         the new one. An *exporter* implements it: built against the old version, used where \
         the new one is expected. The level is the default; `witlint.toml` sets it like a \
         rule's, and an `[[overrides]]` entry with a reason accepts a known change.\n\n\
         | Change kind | Level | Breaks importers | Breaks exporters | Adds API | Summary |\n\
         | --- | --- | --- | --- | --- | --- |\n"
    );
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let mut out = Vec::new();
    for rule in change_kinds::rules() {
        let kind = change_kinds::by_id(rule.id);
        index.push_str(&format!(
            "| [`{id}`]({id}.md) | {} | {} | {} | {} | {} |\n",
            rule.level.as_str(),
            kind.map_or("—", |k| yes_no(k.breaks_importers)),
            kind.map_or("—", |k| yes_no(k.breaks_exporters)),
            kind.map_or("—", |k| yes_no(k.adds_api)),
            rule.summary.replace('|', "\\|"),
            id = rule.id,
        ));
        let facts = change_kinds::facts(rule).unwrap_or_default();
        out.push(RulePage {
            file: format!("{}.md", rule.id),
            title: rule.id.to_string(),
            depth: 1,
            text: format!(
                "{header}\n\n# `{}`\n\n{}.\n\n{facts}\n\n{}\n\nFrom the terminal: `witlint explain {}`.\n",
                rule.id,
                rule.summary,
                rule.explanation.trim_end(),
                rule.id
            ),
        });
    }
    out.insert(
        0,
        RulePage {
            file: "changes.md".to_string(),
            title: "Change kinds".to_string(),
            depth: 0,
            text: index,
        },
    );
    out
}

/// The rules of `witlint check`, a page each, after their index.
fn lint_pages(header: &str) -> Vec<RulePage> {
    let mut index = format!(
        "{header}\n\n# Rules\n\nEvery rule `witlint check` runs, by category. The level is the one the \
         `standard` preset gives; `wasi` is the `wasi` preset's; rules marked *minimal* stay on \
         under the `minimal` preset. Under the default preset, `auto`, a rule applies to the \
         packages its scope names: WASI-style rules only to packages in `wasi:` or that gate \
         their own items.\n\n| Rule | Category | Level | wasi | Scope under `auto` | Summary |\n| --- | --- | --- | --- | --- | --- |\n"
    );
    let mut out = Vec::new();
    for rule in rules::all() {
        index.push_str(&format!(
            "| [`{id}`]({id}.md) | {} | {}{} | {} | {} | {} |\n",
            rule.category.as_str(),
            standard_level(rule),
            if rule.minimal { " (minimal)" } else { "" },
            rule.level_name_in(Preset::Wasi),
            scope_title(rule.scope),
            rule.summary.replace('|', "\\|"),
            id = rule.id,
        ));
        out.push(RulePage {
            file: format!("{}.md", rule.id),
            title: rule.id.to_string(),
            depth: 1,
            text: page(rule, header),
        });
    }
    out.insert(
        0,
        RulePage {
            file: "README.md".to_string(),
            title: "Rules".to_string(),
            depth: 0,
            text: index,
        },
    );
    out
}

fn page(rule: &Rule, header: &str) -> String {
    let mut text = format!(
        "{header}\n\n# `{}`\n\n{}.\n\n| Category | Level | `wasi` preset | `minimal` preset | Under `auto`, applies to |\n| --- | --- | --- | --- | --- |\n| {} | {} | {} | {} | {} |\n\n{}\n",
        rule.id,
        rule.summary,
        rule.category.as_str(),
        standard_level(rule),
        rule.level_name_in(Preset::Wasi),
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
    text.push_str(&format!("\n## Fix safety\n\n{}\n", fix_safety(rule)));
    text.push_str(&format!(
        "\nFrom the terminal: `witlint explain {}`.\n",
        rule.id
    ));
    text
}

/// A rule's "Fix safety" section: whether its findings carry an edit, and which fixes
/// `--fix` applies.
pub fn fix_safety(rule: &Rule) -> String {
    let which = match rule.fix.applicability() {
        Applicability::DisplayOnly => {
            "Its findings say how to fix them; none carries an edit, so `--fix` leaves them."
        }
        Applicability::Unsafe => {
            "The fix is **unsafe**: it changes the API or what the docs say, so only `--unsafe-fixes` applies it."
        }
        Applicability::Safe => {
            "The fix is **safe**: the API and what the docs mean stay the same, so `--fix` applies it."
        }
    };
    format!("{} {which}", rule.fix.describe())
}

/// The level under the `standard` preset, or `off`.
fn standard_level(rule: &Rule) -> &'static str {
    rule.level_name_in(Preset::Standard)
}

fn scope_title(scope: Scope) -> &'static str {
    match scope {
        Scope::Anywhere => "every package",
        Scope::WasiConventions => "WASI-style packages",
        Scope::WasiPreset => "`wasi` preset only",
        Scope::OptIn => "opt-in (`[rules]`)",
    }
}
