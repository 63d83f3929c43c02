use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};

pub static RULE: Rule = Rule {
    id: "unused-baseline-entry",
    category: Category::Style,
    level: Level::Warn,
    minimal: true,
    wasi: Level::Warn,
    scope: Scope::Anywhere,
    summary: "A baseline entry matches no finding any more",
    explanation: r#"## What it checks

With `--baseline FILE`, entries of the baseline (rule id + item path) that match none of
today's findings.

## What it leaves alone

Entries of rules that are off in this configuration: their findings cannot match, which
does not make the entry stale.

## Why

A baseline should shrink as problems are fixed. A stale entry would silently hide the
problem if it came back, and a renamed item leaves an entry behind that no longer
protects anything.

## Example

A baseline entry `{"rule": "missing-docs", "item": "wasi:example/frob@0.1.0#frob"}` after
`frob` got its docs.

Use instead: regenerate the baseline with `witlint check --write-baseline FILE`, or
delete the entry.

## Convention

As `ruff --add-noqa` and clippy's allow lists: suppressions that suppress nothing are
reported."#,
    options: &[],
    fix: Fixable::Never,
};

/// Produced by the baseline, not by a pass over the workspace.
pub(super) fn check(_cx: &mut Context<'_>) {}
