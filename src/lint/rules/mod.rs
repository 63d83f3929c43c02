//! The rule catalogue: one file per rule, one line per rule here.

use super::context::Context;
use super::rule::Rule;

mod binding_name_reserved;
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
mod error_enum_no_catch_all;
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
mod redundant_async;
mod result_error_undocumented;
mod since_exceeds_package_version;
mod stable_depends_on_prerelease;
mod stable_references_unstable;
mod stream_without_future;
mod string_syntax_undocumented;
mod template_leftover;
mod trailing_whitespace;
mod unstable_feature_prefix;
mod unused_baseline_entry;
mod unused_use;
mod wasi_io_in_async_package;

/// The rule baselines report their stale entries under.
pub use unused_baseline_entry::RULE as UNUSED_BASELINE_ENTRY;

/// Every rule with its check, grouped by category.
pub static ENTRIES: &[(&Rule, Check)] = &[
    // versioning
    (
        &package_version_missing::RULE,
        package_version_missing::check,
    ),
    (
        &since_exceeds_package_version::RULE,
        since_exceeds_package_version::check,
    ),
    (
        &deprecated_exceeds_package_version::RULE,
        deprecated_exceeds_package_version::check,
    ),
    (
        &deprecated_before_since::RULE,
        deprecated_before_since::check,
    ),
    (&gate_missing::RULE, gate_missing::check),
    (
        &gate_weaker_than_container::RULE,
        gate_weaker_than_container::check,
    ),
    (
        &stable_references_unstable::RULE,
        stable_references_unstable::check,
    ),
    (
        &unstable_feature_prefix::RULE,
        unstable_feature_prefix::check,
    ),
    // deps
    (&dep_load_failed::RULE, dep_load_failed::check),
    (&dep_version_mismatch::RULE, dep_version_mismatch::check),
    (
        &stable_depends_on_prerelease::RULE,
        stable_depends_on_prerelease::check,
    ),
    (
        &package_version_diverges::RULE,
        package_version_diverges::check,
    ),
    (&deps_manifest_unpinned::RULE, deps_manifest_unpinned::check),
    (&deps_manifest_behind::RULE, deps_manifest_behind::check),
    (&deps_out_of_sync::RULE, deps_out_of_sync::check),
    (&deps_folder_name::RULE, deps_folder_name::check),
    (&include_of_stale_world::RULE, include_of_stale_world::check),
    // errors
    (
        &result_error_undocumented::RULE,
        result_error_undocumented::check,
    ),
    (
        &error_case_undocumented::RULE,
        error_case_undocumented::check,
    ),
    (&error_doc_unknown_case::RULE, error_doc_unknown_case::check),
    (&error_doc_rust_syntax::RULE, error_doc_rust_syntax::check),
    (&error_type_untyped::RULE, error_type_untyped::check),
    (
        &error_variant_no_catch_all::RULE,
        error_variant_no_catch_all::check,
    ),
    (&error_case_stringly::RULE, error_case_stringly::check),
    (
        &error_resource_unreadable::RULE,
        error_resource_unreadable::check,
    ),
    // docs
    (&missing_docs::RULE, missing_docs::check),
    (&doc_comment_style::RULE, doc_comment_style::check),
    (&doc_comment_dropped::RULE, doc_comment_dropped::check),
    (&doc_restates_name::RULE, doc_restates_name::check),
    (&doc_broken_link::RULE, doc_broken_link::check),
    (
        &string_syntax_undocumented::RULE,
        string_syntax_undocumented::check,
    ),
    (&template_leftover::RULE, template_leftover::check),
    // style
    (&unused_use::RULE, unused_use::check),
    (&binding_name_reserved::RULE, binding_name_reserved::check),
    (&unused_baseline_entry::RULE, unused_baseline_entry::check),
    (&trailing_whitespace::RULE, trailing_whitespace::check),
    (&missing_final_newline::RULE, missing_final_newline::check),
    (&mixed_indentation::RULE, mixed_indentation::check),
    // async
    (&redundant_async::RULE, redundant_async::check),
    (&stream_without_future::RULE, stream_without_future::check),
    (
        &error_enum_no_catch_all::RULE,
        error_enum_no_catch_all::check,
    ),
    (
        &wasi_io_in_async_package::RULE,
        wasi_io_in_async_package::check,
    ),
    // build
    (
        &package_metadata_missing::RULE,
        package_metadata_missing::check,
    ),
];

/// What a rule runs over a workspace.
pub type Check = fn(&mut Context<'_>);

/// Every rule, grouped by category.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    ENTRIES.iter().map(|(rule, _)| *rule)
}

/// Looks a lint rule up by id (the registry of rules and change kinds together is
/// `project::registry`).
pub fn by_id(id: &str) -> Option<&'static Rule> {
    all().find(|r| r.id == id)
}
