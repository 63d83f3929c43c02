//! The metadata `witlint build` writes into a package: what the project declares
//! (`[package]` in `witlint.toml`, `[metadata]` in `wkg.toml`), the package's own name and
//! version, and the source revision, through wasm-metadata.

use std::path::Path;

use crate::git::Repo;
use crate::workspace::{InputFiles, read_input_from};
use wasm_metadata::{
    AddMetadata, AddMetadataField, Authors, Description, Homepage, Licenses, Revision, Source,
    Version,
};

/// Metadata as a project declares it. Values are checked when the file is read (see
/// [`check_value`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Declared {
    pub description: Option<String>,
    pub authors: Option<String>,
    /// An SPDX license expression.
    pub licenses: Option<String>,
    /// A URL.
    pub source: Option<String>,
    /// A URL.
    pub homepage: Option<String>,
    pub revision: Option<String>,
}

impl Declared {
    /// `self`'s fields, and `other`'s where `self` has none.
    pub fn or(self, other: Declared) -> Declared {
        Declared {
            description: self.description.or(other.description),
            authors: self.authors.or(other.authors),
            licenses: self.licenses.or(other.licenses),
            source: self.source.or(other.source),
            homepage: self.homepage.or(other.homepage),
            revision: self.revision.or(other.revision),
        }
    }

    /// Sets a field by its key; `false` for a key that is no field.
    pub fn set(&mut self, key: &str, value: String) -> bool {
        let field = match key {
            "description" => &mut self.description,
            "authors" => &mut self.authors,
            "licenses" => &mut self.licenses,
            "source" => &mut self.source,
            "homepage" => &mut self.homepage,
            "revision" => &mut self.revision,
            _ => return false,
        };
        *field = Some(value);
        true
    }
}

/// The keys of `[package]`, as wasm-metadata names its fields.
pub const KEYS: &[&str] = &[
    "description",
    "authors",
    "licenses",
    "source",
    "homepage",
    "revision",
];

/// The longest metadata value: registries cap a manifest at 4 MiB (the distribution
/// server's default), and every value is an annotation of it.
pub const MAX_VALUE_BYTES: usize = 64 << 10;

/// Checks a declared value as wasm-metadata will: `licenses` is an SPDX expression,
/// `source` and `homepage` are URLs. The error says what is wrong.
pub fn check_value(key: &str, value: &str) -> Result<(), String> {
    if value.len() > MAX_VALUE_BYTES {
        return Err(format!(
            "{} KiB long, more than the {} KiB witlint writes: the value goes into the OCI manifest's annotations, and registries refuse manifests of a few MiB",
            value.len() >> 10,
            MAX_VALUE_BYTES >> 10
        ));
    }
    let checked = match key {
        "licenses" => Licenses::new(value).map(drop),
        "source" => Source::new(value).map(drop),
        "homepage" => Homepage::new(value).map(drop),
        _ => Ok(()),
    };
    // The SPDX parser's error draws carets under the text on lines of its own: the
    // reason is the last line.
    checked.map_err(|e| {
        let text = format!("{e:#}");
        let reason = text
            .lines()
            .last()
            .unwrap_or("")
            .trim_start_matches([' ', '^'])
            .to_string();
        match key {
            "licenses" => format!("not an SPDX license expression ({reason})"),
            _ => format!("not a URL ({reason})"),
        }
    })
}

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
