//! The catalogue of change kinds, one file each: its id, whom it breaks, whether it adds
//! API, its explanation and how it is found.

mod async_changed;
mod deprecated_not_new_version;
mod enum_case_added;
mod enum_case_removed;
mod flag_added;
mod flag_removed;
mod function_added;
mod function_removed;
mod handle_kind_changed;
mod interface_added;
mod interface_removed;
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
mod world_export_added;
mod world_export_removed;
mod world_import_added;
mod world_import_removed;

use super::change::ChangeKind;

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
    &world_import_added::KIND,
    &world_import_removed::KIND,
    &world_export_added::KIND,
    &world_export_removed::KIND,
    &unstable_promoted::KIND,
    &since_changed::KIND,
    &since_not_new_version::KIND,
    &deprecated_not_new_version::KIND,
];

/// The kind with this id.
pub fn by_id(id: &str) -> Option<&'static ChangeKind> {
    ALL.iter().copied().find(|k| k.id == id)
}
