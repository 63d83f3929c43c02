//! The metadata a `.wasm` package carries (wasm-metadata's sections: name, producers and
//! the OCI annotations' fields), as `check` names it and `build` compares it.

use serde::Serialize;

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
