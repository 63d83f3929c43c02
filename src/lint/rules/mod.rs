//! The rule catalogue: one file per rule, one line per rule here.

use super::rule::Rule;

mod dep_load_failed;
mod dep_version_mismatch;
mod deprecated_before_since;
mod deprecated_exceeds_package_version;
mod deps_folder_name;
mod deps_manifest_behind;
mod deps_manifest_unpinned;
mod deps_out_of_sync;
mod doc_broken_link;
mod doc_comment_dropped;
mod doc_comment_style;
mod doc_restates_name;
mod error_case_stringly;
mod error_case_undocumented;
mod error_doc_rust_syntax;
mod error_doc_unknown_case;
mod error_resource_unreadable;
mod error_type_untyped;
mod error_variant_no_catch_all;
mod gate_missing;
mod gate_weaker_than_container;
mod include_of_stale_world;
mod missing_docs;
mod missing_final_newline;
mod mixed_indentation;
mod package_metadata_missing;
mod package_version_diverges;
mod package_version_missing;
mod result_error_undocumented;
mod since_exceeds_package_version;
mod stable_depends_on_prerelease;
mod stable_references_unstable;
mod template_leftover;
mod trailing_whitespace;
mod unstable_feature_prefix;
mod unused_baseline_entry;
mod unused_use;

/// The rule baselines report their stale entries under.
pub use unused_baseline_entry::RULE as UNUSED_BASELINE_ENTRY;

/// Every rule, grouped by category.
pub static ALL: &[&Rule] = &[
    // versioning
    &package_version_missing::RULE,
    &since_exceeds_package_version::RULE,
    &deprecated_exceeds_package_version::RULE,
    &deprecated_before_since::RULE,
    &gate_missing::RULE,
    &gate_weaker_than_container::RULE,
    &stable_references_unstable::RULE,
    &unstable_feature_prefix::RULE,
    // deps
    &dep_load_failed::RULE,
    &dep_version_mismatch::RULE,
    &stable_depends_on_prerelease::RULE,
    &package_version_diverges::RULE,
    &deps_manifest_unpinned::RULE,
    &deps_manifest_behind::RULE,
    &deps_out_of_sync::RULE,
    &deps_folder_name::RULE,
    &include_of_stale_world::RULE,
    // errors
    &result_error_undocumented::RULE,
    &error_case_undocumented::RULE,
    &error_doc_unknown_case::RULE,
    &error_doc_rust_syntax::RULE,
    &error_type_untyped::RULE,
    &error_variant_no_catch_all::RULE,
    &error_case_stringly::RULE,
    &error_resource_unreadable::RULE,
    // docs
    &missing_docs::RULE,
    &doc_comment_style::RULE,
    &doc_comment_dropped::RULE,
    &doc_restates_name::RULE,
    &doc_broken_link::RULE,
    &template_leftover::RULE,
    // style
    &unused_use::RULE,
    &unused_baseline_entry::RULE,
    &trailing_whitespace::RULE,
    &missing_final_newline::RULE,
    &mixed_indentation::RULE,
    // build
    &package_metadata_missing::RULE,
];

/// Looks a lint rule up by id (the registry of rules and change kinds together is
/// `project::registry`).
pub fn by_id(id: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.id == id)
}
