//! The layer the command line and the editor share: the registry of every rule and change
//! kind, `witlint.toml` found and read, and the rule pages of the book. It sits above
//! `lint` and `diff`, which know nothing of each other's catalogue.

pub mod config_file;
pub mod pages;
pub mod registry;
