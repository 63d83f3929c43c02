//! The metadata `witlint build` writes into a package: what the project declares
//! (`[package]` in `witlint.toml`, `[metadata]` in `wkg.toml`), the package's own name and
//! version, and the source revision, through wasm-metadata.

use std::path::Path;

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

/// Checks a declared value as wasm-metadata will: `licenses` is an SPDX expression,
/// `source` and `homepage` are URLs. The error says what is wrong.
pub fn check_value(key: &str, value: &str) -> Result<(), String> {
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

/// The commit checked out in the git tree that holds `dir`, when `dir` is clean there
/// (nothing changed or untracked in it: a dirty folder is not what HEAD holds); `None`
/// outside git. Files elsewhere in the tree (the built package itself) do not count.
pub fn git_revision(dir: &Path) -> Option<String> {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let status = git(&["status", "--porcelain", "--", "."])?;
    if !status.is_empty() {
        return None;
    }
    git(&["rev-parse", "HEAD"]).filter(|r| !r.is_empty())
}
