//! Every rule `witlint.toml` and baselines may name: the lint rules and the change kinds
//! of `witlint diff`, looked up by id.

use crate::lint::Rule;

/// Looks a rule up by id: a lint rule, or a change kind of `witlint diff` (configs and
/// baselines name both).
pub fn by_id(id: &str) -> Option<&'static Rule> {
    crate::lint::rules::all()
        .find(|r| r.id == id)
        .or_else(|| crate::diff::kinds::rule_by_id(id))
}

/// The rule id closest to a mistyped one, if one is close.
pub fn closest_rule(id: &str) -> Option<&'static str> {
    crate::lint::rules::all()
        .chain(crate::diff::kinds::rules())
        .map(|r| (strsim::jaro_winkler(id, r.id), r.id))
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id)
}
