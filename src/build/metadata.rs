//! The metadata `witlint build` writes into a package: what the project declares
//! (`[package]` in `witlint.toml`, `[metadata]` in `wkg.toml`), the package's own name and
//! version, and the source revision, through wasm-metadata.

use std::path::Path;

use crate::git::Repo;
pub use crate::workspace::metadata::{Declared, KEYS, MAX_VALUE_BYTES, check_value};
use crate::workspace::{InputFiles, read_input_from};
use wasm_metadata::{
    AddMetadata, AddMetadataField, Authors, Description, Homepage, Licenses, Revision, Source,
    Version,
};

/// The metadata a build writes: the declared fields, the package's name and version, and
/// witlint as the tool that processed it. A field not declared is cleared, so a package
/// says only what its project says.
pub fn add_metadata(declared: &Declared, name: &str, version: &str) -> AddMetadata {
    let mut m = AddMetadata::default();
    m.name = AddMetadataField::Set(name.to_string());
    m.processed_by = vec![("witlint".to_string(), env!("CARGO_PKG_VERSION").to_string())];
    m.authors = field(&declared.authors, |s| Ok(Authors::new(s.to_string())));
    m.description = field(&declared.description, |s| {
        Ok(Description::new(s.to_string()))
    });
    m.licenses = field(&declared.licenses, Licenses::new);
    m.source = field(&declared.source, Source::new);
    m.homepage = field(&declared.homepage, Homepage::new);
    m.revision = field(&declared.revision, |s| Ok(Revision::new(s.to_string())));
    m.version = AddMetadataField::Set(Version::new(version.to_string()));
    m
}

/// A declared value as wasm-metadata's field; checked when the config was read, so a
/// value that fails here is left out.
fn field<T: std::fmt::Debug + Clone>(
    value: &Option<String>,
    parse: impl Fn(&str) -> anyhow::Result<T>,
) -> AddMetadataField<T> {
    match value.as_deref().map(parse) {
        Some(Ok(v)) => AddMetadataField::Set(v),
        _ => AddMetadataField::Clear,
    }
}

/// The commit checked out in the git work tree that holds `input`, when every file witlint
/// read of the input (`read`) is byte for byte what that commit holds: files that differ in
/// ways `git status` misses (assume-unchanged, skip-worktree, a clean filter) count as
/// changed. `None` outside git. Only git's objects are read (see [`crate::git`]): no
/// program the repository's config names is run.
pub fn git_revision(input: &Path, read: &InputFiles) -> Option<String> {
    let folder = if input.is_dir() {
        input.to_path_buf()
    } else {
        std::path::absolute(input).ok()?.parent()?.to_path_buf()
    };
    let repo = Repo::discover(&folder).ok()?;
    let head = repo.head()?;
    let tree = repo.tree_of(&head).ok()?;
    let relative = repo.relative(input).ok()?;
    let at_head = repo.read_tree(&tree, &relative).ok()?;
    let at_head = read_input_from(&at_head, &relative, &read.shown).ok()?;
    (at_head.contents() == read.contents()).then_some(head)
}
