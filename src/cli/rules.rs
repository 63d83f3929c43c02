//! `witlint rules`: the rule catalogue, as a table, as JSON, or as the book's rule pages.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::shared::{Exit, Outcome, generated_by_docs, print_stdout, write_generated};
use witlint::docs::book;
use witlint::docs::generated::generated_header;
use witlint::emit::Output;
use witlint::lint::{Level, Preset, Scope, rules};

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// Write a Markdown page per rule (and an index) here, for an mdBook
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// With --out: compare with the files on disk instead of writing
    #[arg(long, requires = "out")]
    pub check: bool,
    /// With --out: overwrite files witlint did not generate
    #[arg(long, requires = "out")]
    pub force: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

pub fn run(args: &RulesArgs) -> Outcome {
    if let Some(dir) = &args.out {
        return rule_pages(dir, args.check, args.force);
    }
    let out = match args.format {
        ListFormat::Json => {
            let rows: Vec<_> = rules::all()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "category": r.category.as_str(),
                        "level": r.level.as_str(),
                        "scope": r.scope.id(),
                        "standard": r.level_in(Preset::Standard).map(Level::as_str),
                        "minimal": r.minimal,
                        "wasi": r.level_name_in(Preset::Wasi),
                        "summary": r.summary,
                        "fix": r.fix.as_str(),
                        "fix_applicability": r.fix.applicability().as_str(),
                        "options": r.options.iter().map(|o| serde_json::json!({"name": o.name, "default": o.default, "description": o.description})).collect::<Vec<_>>(),
                    })
                })
                .collect();
            serde_json::to_string_pretty(&rows).expect("rules serialize") + "\n"
        }
        ListFormat::Text => {
            let width = rules::all().map(|r| r.id.len()).max().unwrap_or(0);
            let mut s = format!(
                "{:<width$}  {:<10}  {:<16}  {:<8}  {:<8}  summary\n",
                "rule", "category", "auto applies to", "standard", "wasi"
            );
            for r in rules::all() {
                let std_level = match (r.level_in(Preset::Standard), r.minimal) {
                    (None, _) => "off".to_string(),
                    (Some(l), true) => format!("{}*", l.as_str()),
                    (Some(l), false) => l.as_str().to_string(),
                };
                let scope = match r.scope {
                    Scope::Anywhere => "any package",
                    Scope::WasiConventions => "WASI-style",
                    Scope::WasiPreset => "(wasi preset)",
                    Scope::OptIn => "(opt-in)",
                };
                s.push_str(&format!(
                    "{:<width$}  {:<10}  {:<16}  {:<8}  {:<8}  {}\n",
                    r.id,
                    r.category.as_str(),
                    scope,
                    std_level,
                    r.level_name_in(Preset::Wasi),
                    r.summary
                ));
            }
            s.push_str(
                "\nThe default preset is `auto`: `standard`'s levels, with the WASI-style rules only for\n\
                 packages in `wasi:` or that gate their own items (`wasi-conventions` in witlint.toml).\n\
                 * also enabled by the `minimal` preset. Details: witlint explain <rule>\n",
            );
            s
        }
    };
    print_stdout(&out)?;
    Ok(Exit::Clean)
}

/// `witlint rules --out DIR`: the book's rule pages and their SUMMARY.md region.
fn rule_pages(dir: &Path, check: bool, force: bool) -> Outcome {
    let command = format!("witlint rules --out {}", dir.display());
    let header = generated_header("its rule catalogue", "witlint rules --out DIR");
    let pages = witlint::project::pages::pages(&header);
    let mut outputs: Vec<Output> = pages
        .iter()
        .map(|p| Output::new(dir.join(&p.file), p.text.clone()))
        .collect();
    let entries = |prefix: &str| {
        let at = |file: &str| {
            if prefix.is_empty() {
                file.to_string()
            } else {
                format!("{prefix}/{file}")
            }
        };
        pages
            .iter()
            .map(|p| {
                let indent = "  ".repeat(p.depth);
                format!("{indent}- [{}]({})\n", p.title, at(&p.file))
            })
            .collect::<String>()
    };
    let region = book::Region {
        begin: "<!-- witlint:rules:begin -->",
        end: "<!-- witlint:rules:end -->",
    };
    outputs.push(book::summary(dir, &entries, &region, &header)?);
    let orphans = book::orphans(dir, &outputs, &header);
    write_generated(
        check,
        force,
        &outputs,
        &orphans,
        Some(dir),
        &command,
        &generated_by_docs,
    )
}
