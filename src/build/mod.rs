//! `witlint build` as data: the input's package encoded as a binary WIT package (with every
//! `@unstable` item, its gates and its docs), its metadata added, validated, decoded again
//! and compared with the source by the diff engine; then, on request, an OCI image layout
//! holding it ([`oci`]).

pub mod metadata;
pub mod oci;

use wit_bindgen_core::wit_parser::{PackageName, WorldItem};

use crate::diff;
use crate::error::Error;
use crate::workspace::metadata::PackageMetadata;
use crate::workspace::{self, LoadDiagnostic, LoadError, Location, Workspace};
use metadata::Declared;

/// A built package.
#[derive(Clone, Debug)]
pub struct Built {
    /// The `.wasm` bytes: the same input and metadata give the same bytes.
    pub bytes: Vec<u8>,
    pub package: PackageName,
    /// What the package says of itself, as read back from `bytes`.
    pub metadata: PackageMetadata,
}

/// Why a build did not happen: an input it refuses (located), or a step that failed.
#[derive(Debug)]
pub enum BuildError {
    Input(LoadError),
    Failed(Error),
}

/// Encodes `ws`'s package with `declared` metadata (its name and version come from the
/// package), checks that the bytes are valid and decode to the same API, and returns them.
/// The most instances a component type may declare (wasmparser's `MAX_WASM_INSTANCES`):
/// each interface a world imports or exports is one.
const MAX_WORLD_INSTANCES: usize = 4096;

pub fn package(ws: &Workspace, declared: &Declared) -> Result<Built, BuildError> {
    let refuse = |message: String, hint: &str, location: Option<Location>| {
        BuildError::Input(LoadError::single(
            &ws.input,
            LoadDiagnostic::new("build", message)
                .at(location.or_else(|| Some(Location::whole_file(&ws.input))))
                .hint(hint),
            Default::default(),
        ))
    };
    let &[pkg] = ws.roots.as_slice() else {
        let names: Vec<String> = ws
            .roots
            .iter()
            .map(|&p| format!("`{}`", ws.resolve.packages[p].name))
            .collect();
        return Err(refuse(
            format!(
                "a build encodes one package, and the input defines {}",
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            ),
            "build each package from its own folder",
            None,
        ));
    };
    let name = ws.resolve.packages[pkg].name.clone();
    let Some(version) = name.version.clone() else {
        return Err(refuse(
            format!("package `{name}` has no version: registries key packages on it"),
            &format!("write `package {name}@0.1.0;` (with the version to release)"),
            ws.package_decl(pkg),
        ));
    };
    // What the encoder or a registry would refuse is refused here, at its place.
    for &world in ws.resolve.packages[pkg].worlds.values() {
        let w = &ws.resolve.worlds[world];
        let instances = w
            .imports
            .values()
            .chain(w.exports.values())
            .filter(|item| matches!(item, WorldItem::Interface { .. }))
            .count();
        if instances > MAX_WORLD_INSTANCES {
            return Err(refuse(
                format!(
                    "world `{}` imports and exports {instances} interfaces; a component type holds at most {MAX_WORLD_INSTANCES} instances (wasmparser's limit), so the package cannot be encoded",
                    w.name
                ),
                "split the world into several, each within the limit",
                ws.locate(w.span),
            ));
        }
    }
    let failed = |what: &str, e: anyhow::Error| {
        BuildError::Failed(
            Error::new("build", format!("{what} `{name}`: {e:#}")).with_hint(
                "this is a bug of witlint or wit-component: please report it with the input",
            ),
        )
    };
    let encoded = workspace::guard::third_party(|| wit_component::encode(&ws.resolve, pkg, false))
        .map_err(|panic| {
            failed(
                "the encoder panicked on",
                anyhow::anyhow!(workspace::guard::reason(&panic)),
            )
        })?
        .map_err(|e| failed("cannot encode", e))?;
    let short_name = workspace::unversioned_name(&name);
    let bytes = metadata::add_metadata(declared, &short_name, &version.to_string())
        .to_wasm(&encoded)
        .map_err(|e| failed("cannot add metadata to", e))?;
    wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all())
        .validate_all(&bytes)
        .map_err(|e| failed("the encoded package does not validate for", e.into()))?;
    let shown = format!("{short_name}@{version}.wasm");
    let decoded = workspace::from_wasm(bytes.clone(), &shown).map_err(BuildError::Input)?;
    round_trip(ws, &decoded)?;
    let metadata = decoded.metadata().cloned().unwrap_or_default();
    Ok(Built {
        bytes,
        package: name,
        metadata,
    })
}

/// A release says under which licence it is distributed and where its source is: the
/// OCI annotations registries show, and what consumers decide by. Refused at the package
/// line when either is missing; `config` is the witlint.toml the hint names.
pub fn require_release_metadata(
    ws: &Workspace,
    declared: &Declared,
    config: Option<&std::path::Path>,
) -> Result<(), BuildError> {
    let missing: Vec<&str> = [
        ("licenses", declared.licenses.is_some()),
        ("source", declared.source.is_some()),
    ]
    .into_iter()
    .filter(|(_, present)| !present)
    .map(|(key, _)| key)
    .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let keys = missing
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(" and ");
    let pkg = ws.roots.first().copied();
    let name = pkg.map(|p| ws.resolve.packages[p].name.to_string());
    let example: String = missing
        .iter()
        .map(|k| match *k {
            "licenses" => "licenses = \"Apache-2.0\"",
            _ => "source = \"https://github.com/OWNER/REPO\"",
        })
        .collect::<Vec<_>>()
        .join(", ");
    let file = config
        .map(|c| c.display().to_string())
        .unwrap_or_else(|| "witlint.toml".into());
    Err(BuildError::Input(LoadError::single(
        &ws.input,
        LoadDiagnostic::new(
            "package-metadata-missing",
            format!(
                "package `{}` would be released without {keys}: neither `[package]` in witlint.toml nor `[metadata]` in wkg.toml names it",
                name.as_deref().unwrap_or("?")
            ),
        )
        .at(pkg
            .and_then(|p| ws.package_decl(p))
            .or_else(|| Some(Location::whole_file(&ws.input))))
        .hint(format!(
            "add `[package]` with {example} to {file}, or pass --allow-missing-metadata for a build that is not a release"
        )),
        Default::default(),
    )))
}

/// The decoded package has the source's API, item for item: each difference is an error
/// at the source item.
fn round_trip(source: &Workspace, decoded: &Workspace) -> Result<(), BuildError> {
    let changes = diff::compare(source, decoded);
    if changes.is_empty() {
        return Ok(());
    }
    let diagnostics = changes
        .iter()
        .map(|c| {
            LoadDiagnostic::new(
                "build-round-trip",
                format!(
                    "the encoded package differs from its source at `{}`: {} ({})",
                    c.path,
                    c.message,
                    c.kind.id()
                ),
            )
            .at(c
                .old
                .clone()
                .or_else(|| Some(Location::whole_file(&source.input))))
            .hint("wit-component's encoding loses this item; please report it with the input")
        })
        .collect();
    Err(BuildError::Input(LoadError {
        input: source.input.clone(),
        diagnostics,
        sources: Default::default(),
    }))
}
