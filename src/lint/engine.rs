//! Running the rules: every enabled rule over a workspace on all cores, or several inputs
//! checked together.

use rayon::prelude::*;

use super::config::Config;
use super::context::Context;
use super::copies::{self, Copy};
use super::finding::Finding;
use super::rule::Rule;
use super::rules;
use crate::workspace::Workspace;

/// Runs every enabled rule over a workspace; `others` are the other inputs of the same call.
/// Findings come back sorted and with the level the configuration gives them; findings a
/// configuration turns off are gone.
pub fn check(ws: &Workspace, others: &[&Workspace], config: &Config) -> Vec<Finding> {
    check_leaving(ws, others, config, copies::copy_of(ws, config).as_ref())
}

/// [`check`], with the input's package already recognised as a copy (or not): its files'
/// findings are upstream's, and left out.
fn check_leaving(
    ws: &Workspace,
    others: &[&Workspace],
    config: &Config,
    copy: Option<&Copy>,
) -> Vec<Finding> {
    let mut enabled: Vec<&(&Rule, rules::Check)> = rules::ENTRIES
        .iter()
        .filter(|(rule, _)| config.level_for(rule).is_some())
        .collect();
    // Rules are independent: they run on all cores. The ones that visit every item and its
    // docs go first, so no core is left with one of them at the end.
    enabled.sort_by_key(|(rule, _)| !VISIT_EVERY_ITEM.contains(&rule.id));
    let wasi_style = super::context::wasi_style_packages(ws, config);
    let per_rule: Vec<Vec<Finding>> = enabled
        .par_iter()
        .map(|&&(rule, check)| {
            let mut cx = Context::new(ws, others, config, rule, &wasi_style);
            check(&mut cx);
            let mut kept = cx.findings;
            kept.retain_mut(|f| {
                let level = config.level_at(rule, f.location.as_ref().map(|l| &*l.file), &f.item);
                // A finding its rule reported below the rule's own level (a case the
                // rule knows to be milder) stays at most that level.
                let capped = f.level < rule.level;
                level
                    .map(|level| f.level = if capped { level.min(f.level) } else { level })
                    .is_some()
            });
            kept
        })
        .collect();
    let mut out: Vec<Finding> = per_rule.into_iter().flatten().collect();
    // A copy of someone else's package: its findings are upstream's.
    if let Some(copy) = copy {
        out.retain(|f| {
            f.location
                .as_ref()
                .is_none_or(|l| !copies::in_copy(ws, copy, &l.file))
        });
    }
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out.dedup();
    out
}

/// The rules that cost most on a large package.
const VISIT_EVERY_ITEM: &[&str] = &[
    "missing-docs",
    "doc-broken-link",
    "result-error-undocumented",
    "template-leftover",
];

/// What checking several inputs together found.
pub struct Checked {
    /// Every input's findings, sorted, without repeats.
    pub findings: Vec<Finding>,
    /// Inputs that were checked but do not load with only their consumers' `@unstable`
    /// features on, as consumers load them.
    pub unloadable: Vec<crate::workspace::LoadError>,
    /// Inputs whose own package is a copy of someone else's, not linted.
    pub copies: Vec<Copy>,
}

/// Checks inputs together, each with its configuration: some rules compare inputs, so
/// every input is loaded before this is called.
pub fn check_all(inputs: &[(Workspace, Config)]) -> Checked {
    // Each input recognised once: its findings are left out, and the CLI says why.
    let recognised: Vec<Option<Copy>> = inputs
        .iter()
        .map(|(ws, config)| copies::copy_of(ws, config))
        .collect();
    let mut findings: Vec<Finding> = Vec::new();
    for (i, (ws, config)) in inputs.iter().enumerate() {
        let others: Vec<&Workspace> = inputs
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .map(|(_, (w, _))| w)
            .collect();
        findings.extend(check_leaving(ws, &others, config, recognised[i].as_ref()));
    }
    // Each input's findings come sorted: only several inputs' need merging.
    if inputs.len() > 1 {
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        findings.dedup();
    }
    let unloadable = inputs
        .iter()
        .filter_map(|(ws, _)| {
            let d = ws.features_off()?;
            Some(crate::workspace::LoadError {
                input: ws.input.clone(),
                diagnostics: vec![d],
                sources: Default::default(),
            })
        })
        .collect();
    let copies = recognised.into_iter().flatten().collect();
    Checked {
        findings,
        unloadable,
        copies,
    }
}
