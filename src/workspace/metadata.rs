//! Package metadata: what a `.wasm` package carries (wasm-metadata's sections: name,
//! producers and the OCI annotations' fields), as `check` names it and `build` compares it,
//! and what a project declares for `build` to write (`[package]` in witlint.toml), checked
//! as wasm-metadata will.

use serde::Serialize;
use wasm_metadata::{Homepage, Licenses, Source};

/// A package's metadata, as text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PackageMetadata {
    pub name: Option<String>,
    pub version: Option<String>,
    pub description: Option<String>,
    pub authors: Option<String>,
    pub licenses: Option<String>,
    pub source: Option<String>,
    pub homepage: Option<String>,
    pub revision: Option<String>,
    /// The producers section's `processed-by` tools, with their versions.
    pub processed_by: Vec<(String, String)>,
}

impl PackageMetadata {
    /// The metadata of a component's outermost level; `None` when the bytes are not a
    /// component or carry none of it.
    pub fn of_wasm(bytes: &[u8]) -> Option<PackageMetadata> {
        let payload = wasm_metadata::Payload::from_binary(bytes).ok()?;
        let wasm_metadata::Payload::Component { metadata: m, .. } = payload else {
            return None;
        };
        let text = |v: Option<&dyn std::fmt::Display>| v.map(|v| v.to_string());
        let found = PackageMetadata {
            name: m.name.clone(),
            version: text(m.version.as_ref().map(|v| v as _)),
            description: text(m.description.as_ref().map(|v| v as _)),
            authors: text(m.authors.as_ref().map(|v| v as _)),
            licenses: text(m.licenses.as_ref().map(|v| v as _)),
            source: text(m.source.as_ref().map(|v| v as _)),
            homepage: text(m.homepage.as_ref().map(|v| v as _)),
            revision: text(m.revision.as_ref().map(|v| v as _)),
            processed_by: m
                .producers
                .as_ref()
                .and_then(|p| p.get("processed-by"))
                .map(|f| f.iter().map(|(n, v)| (n.clone(), v.clone())).collect())
                .unwrap_or_default(),
        };
        (found != PackageMetadata::default()).then_some(found)
    }

    /// `name value` pairs of the fields present, in a fixed order, for reports.
    pub fn fields(&self) -> Vec<(&'static str, &str)> {
        [
            ("name", &self.name),
            ("version", &self.version),
            ("description", &self.description),
            ("authors", &self.authors),
            ("licenses", &self.licenses),
            ("source", &self.source),
            ("homepage", &self.homepage),
            ("revision", &self.revision),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some((k, v.as_deref()?)))
        .collect()
    }

    /// Whether witlint wrote the package (its producers section says so).
    pub fn built_by_witlint(&self) -> bool {
        self.processed_by.iter().any(|(tool, _)| tool == "witlint")
    }
}

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
