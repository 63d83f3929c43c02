//! The layer the command line and the editor share, as ruff's `check_path` serves its CLI
//! and server: the registry of every rule and change kind, `witlint.toml` found and read,
//! inputs read (with unsaved buffers over the disk) and loaded, and the rule pages of the
//! book. It sits above `lint` and `diff`, which know nothing of each other's catalogue.
//! `cli/` and `lsp/` only convert arguments and results.

pub mod check;
mod config_error;
pub mod config_file;
pub mod configs;
pub mod format;
pub mod load;
mod metadata_tables;
pub mod pages;
pub mod registry;
