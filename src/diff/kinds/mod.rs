//! The catalogue of change kinds, one file each: its id, whom it breaks, whether it adds
//! API, its explanation and how it is found.

mod async_changed;
mod dependency_incompatible;
mod deprecated_not_new_version;
mod docs_changed;
mod enum_case_added;
mod enum_case_removed;
mod flag_added;
mod flag_removed;
mod function_added;
mod function_removed;
mod handle_kind_changed;
mod interface_added;
mod interface_removed;
mod item_deprecated;
mod members_reordered;
mod param_changed;
mod param_renamed;
mod record_field_added;
mod record_field_removed;
mod result_changed;
mod since_changed;
mod since_not_new_version;
mod type_added;
mod type_changed;
mod type_removed;
mod unstable_promoted;
mod variant_case_added;
mod variant_case_removed;
mod world_added;
mod world_export_added;
mod world_export_removed;
mod world_import_added;
mod world_import_removed;
mod world_removed;

use super::change::ChangeKind;
use super::verdict::VERSION_BUMP_INSUFFICIENT;
use crate::lint::rule::Rule;

/// Every kind, in the order `witlint explain` and the book list them.
pub static ALL: &[&ChangeKind] = &[
    &interface_added::KIND,
    &interface_removed::KIND,
    &function_added::KIND,
    &function_removed::KIND,
    &param_renamed::KIND,
    &param_changed::KIND,
    &result_changed::KIND,
    &async_changed::KIND,
    &handle_kind_changed::KIND,
    &type_added::KIND,
    &type_removed::KIND,
    &type_changed::KIND,
    &record_field_added::KIND,
    &record_field_removed::KIND,
    &variant_case_added::KIND,
    &variant_case_removed::KIND,
    &enum_case_added::KIND,
    &enum_case_removed::KIND,
    &flag_added::KIND,
    &flag_removed::KIND,
    &members_reordered::KIND,
    &world_added::KIND,
    &world_removed::KIND,
    &dependency_incompatible::KIND,
    &world_import_added::KIND,
    &world_import_removed::KIND,
    &world_export_added::KIND,
    &world_export_removed::KIND,
    &unstable_promoted::KIND,
    &since_changed::KIND,
    &since_not_new_version::KIND,
    &deprecated_not_new_version::KIND,
    &item_deprecated::KIND,
    &docs_changed::KIND,
];

/// The kind with this id.
pub fn by_id(id: &str) -> Option<&'static ChangeKind> {
    ALL.iter().copied().find(|k| k.id() == id)
}

/// The rules `witlint diff` reports under: one per kind, and the verdict's.
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    ALL.iter()
        .map(|k| &k.rule)
        .chain(std::iter::once(&VERSION_BUMP_INSUFFICIENT))
}

/// The rule of `witlint diff` with this id.
pub fn rule_by_id(id: &str) -> Option<&'static Rule> {
    rules().find(|r| r.id == id)
}

/// What a rule of `witlint diff` is, in one line: for a change kind, whom it breaks and
/// whether it adds API; `None` for a lint rule. `witlint explain`, SARIF help and the book
/// put it before the explanation.
pub fn facts(rule: &Rule) -> Option<String> {
    if rule == &VERSION_BUMP_INSUFFICIENT {
        return Some(format!(
            "verdict of `witlint diff` · level: {}",
            rule.level.as_str()
        ));
    }
    let kind = by_id(rule.id)?;
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let bump = kind.bump(super::bump::Perspective::Components).as_str();
    let default_bump = if kind.convention {
        format!("{bump} (and the error)")
    } else {
        bump.to_string()
    };
    Some(format!(
        "change kind of `witlint diff` · level: {} · breaks components: {} · breaks importers: {} · breaks exporters: {} · adds API: {} · bump by default: {default_bump}",
        rule.level.as_str(),
        yes_no(kind.breaks_components),
        yes_no(kind.breaks_importers),
        yes_no(kind.breaks_exporters),
        yes_no(kind.adds_api)
    ))
}
