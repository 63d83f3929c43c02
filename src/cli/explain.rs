//! `witlint explain ID`: what a rule checks, why, and a bad and a good example; or what a
//! change kind of `witlint diff` is and whom it breaks.

use clap::Args;

use super::shared::{Exit, Failure, Outcome, print_stdout};
use witlint::lint::{Category, Level, Preset, Rule, rules};

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A rule id (gate-missing) or a change kind of `witlint diff` (function-added)
    pub rule: String,
}

pub fn run(args: &ExplainArgs) -> Outcome {
    let id = args.rule.as_str();
    match witlint::project::registry::by_id(id) {
        Some(r) if r.category == Category::Compatibility => {
            print_stdout(&diff_rule_text(r))?;
            Ok(Exit::Clean)
        }
        Some(r) => {
            let options: String = r
                .options
                .iter()
                .map(|o| {
                    format!(
                        "\n- `{}` (default {}): {}",
                        o.name, o.default, o.description
                    )
                })
                .collect();
            let text = format!(
                "# {}\n\n{}\n\ncategory: {} · level: {} (standard), {} (wasi){} · applies to: {}{}\n\n{}\n\n## Fix safety\n\n{}\n",
                r.id,
                r.summary,
                r.category.as_str(),
                r.level_in(Preset::Standard).map_or("off", Level::as_str),
                r.level_name_in(Preset::Wasi),
                if r.minimal {
                    ", kept by the minimal preset"
                } else {
                    ""
                },
                r.scope.describe(),
                if options.is_empty() {
                    String::new()
                } else {
                    format!("\n\noptions:{options}")
                },
                r.explanation,
                witlint::project::pages::fix_safety(r)
            );
            print_stdout(&text)?;
            Ok(Exit::Clean)
        }
        None => {
            let close: Vec<&str> = rules::all()
                .chain(witlint::diff::kinds::rules())
                .map(|r| r.id)
                .filter(|r| {
                    r.contains(id)
                        || id.contains(r)
                        || id.split('-').any(|w| w.len() > 3 && r.contains(w))
                })
                .collect();
            let hint = if close.is_empty() {
                "`witlint rules` lists every rule".to_string()
            } else {
                format!(
                    "did you mean {}? `witlint rules` lists every rule",
                    close.join(", ")
                )
            };
            Err(Failure::usage(format!("no rule `{id}`"), hint))
        }
    }
}

/// A rule of `witlint diff`: whom its changes break, and its explanation.
fn diff_rule_text(r: &Rule) -> String {
    let facts = witlint::diff::kinds::facts(r).unwrap_or_default();
    format!(
        "# {}\n\n{}\n\n{facts}\n\n{}\n",
        r.id, r.summary, r.explanation
    )
}
