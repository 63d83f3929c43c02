//! An OCI image layout (`oci-layout`, `index.json`, `blobs/sha256/…`) holding a built
//! package as the CNCF Wasm OCI artifact spec lays it out: a config of
//! `application/vnd.wasm.config.v0+json`, one `application/wasm` layer, and the
//! `org.opencontainers.image.*` annotations. Any OCI client pushes the folder
//! (`skopeo copy oci:DIR docker://…`); witlint talks to no network.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime};

use serde::Serialize;
use sha2::{Digest, Sha256};
use wit_bindgen_core::wit_parser::PackageId;

use super::Built;
use crate::error::Error;
use crate::workspace::Workspace;

pub const CONFIG_MEDIA_TYPE: &str = "application/vnd.wasm.config.v0+json";
pub const LAYER_MEDIA_TYPE: &str = "application/wasm";
const MANIFEST_MEDIA_TYPE: &str = "application/vnd.oci.image.manifest.v1+json";
const INDEX_MEDIA_TYPE: &str = "application/vnd.oci.image.index.v1+json";
const LAYOUT_FILE: &str = "{\"imageLayoutVersion\":\"1.0.0\"}";
/// The index annotation that marks a layout as witlint's, so a rebuild may replace it.
pub const GENERATED_BY: &str = "dev.witlint.generated-by";
const CREATED: &str = "org.opencontainers.image.created";

/// The files of a layout, by path relative to its folder, and what they hold.
#[derive(Clone, Debug)]
pub struct Layout {
    pub files: Vec<(String, Vec<u8>)>,
    /// `sha256:…` of the manifest, as registries name the artifact.
    pub manifest_digest: String,
    /// `sha256:…` of the `.wasm` layer.
    pub layer_digest: String,
    /// The tag `index.json` gives the manifest (`org.opencontainers.image.ref.name`).
    pub tag: String,
}

#[derive(Serialize)]
struct Descriptor<'a> {
    #[serde(rename = "mediaType")]
    media_type: &'a str,
    digest: String,
    size: usize,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    annotations: BTreeMap<&'static str, String>,
}

fn descriptor<'a>(
    media_type: &'a str,
    bytes: &[u8],
    annotations: BTreeMap<&'static str, String>,
) -> Descriptor<'a> {
    Descriptor {
        media_type,
        digest: digest(bytes),
        size: bytes.len(),
        annotations,
    }
}

/// `sha256:` and the hex digest of `bytes`.
pub fn digest(bytes: &[u8]) -> String {
    format!("sha256:{:x}", Sha256::digest(bytes))
}

/// The CNCF spec's config: what the artifact is and what it provides.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WasmConfig<'a> {
    created: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    architecture: &'static str,
    os: &'static str,
    layer_digests: Vec<String>,
    component: Component,
}

#[derive(Serialize)]
struct Component {
    exports: Vec<String>,
    imports: Vec<String>,
    target: Option<String>,
}

/// What a binary WIT package provides, as `oci-wasm` (and so `wkg`) lists it: its
/// interfaces, its worlds and their exports, sorted.
fn exports(ws: &Workspace, pkg: PackageId) -> Vec<String> {
    let resolve = &ws.resolve;
    let package = &resolve.packages[pkg];
    let mut out: Vec<String> = package
        .interfaces
        .values()
        .filter_map(|&id| resolve.id_of(id))
        .collect();
    for &world in package.worlds.values() {
        let w = &resolve.worlds[world];
        out.extend(w.exports.keys().map(|k| resolve.name_world_key(k)));
        let mut name = format!(
            "{}:{}/{}",
            package.name.namespace, package.name.name, w.name
        );
        if let Some(v) = &package.name.version {
            name.push_str(&format!("@{v}"));
        }
        out.push(name);
    }
    out.sort();
    out.dedup();
    out
}

/// A tag from a version: the characters a tag may not hold (`+` of build metadata) become
/// `_`.
fn tag_of(version: &str) -> String {
    version
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The layout of `built` (the package of `ws`), created at `created` (RFC 3339).
pub fn layout(ws: &Workspace, built: &Built, created: &str) -> Layout {
    let meta = &built.metadata;
    let layer_digest = digest(&built.bytes);
    let config = WasmConfig {
        created,
        author: meta.authors.as_deref(),
        architecture: "wasm",
        os: "wasip2",
        layer_digests: vec![layer_digest.clone()],
        component: Component {
            exports: ws.roots.first().map_or_else(Vec::new, |&p| exports(ws, p)),
            imports: Vec::new(),
            target: None,
        },
    };
    let config = serde_json::to_vec(&config).expect("plain data serializes");
    let name = &built.package;
    let short = crate::workspace::unversioned_name(name);
    let version = name
        .version
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    let file_name = format!("{}-{}-{version}.wasm", name.namespace, name.name);
    let mut annotations = BTreeMap::from([
        ("org.opencontainers.image.title", short),
        ("org.opencontainers.image.version", version.clone()),
        (CREATED, created.to_string()),
    ]);
    for (key, value) in [
        ("org.opencontainers.image.description", &meta.description),
        ("org.opencontainers.image.licenses", &meta.licenses),
        ("org.opencontainers.image.source", &meta.source),
        ("org.opencontainers.image.revision", &meta.revision),
        ("org.opencontainers.image.url", &meta.homepage),
        ("org.opencontainers.image.authors", &meta.authors),
    ] {
        if let Some(v) = value {
            annotations.insert(key, v.clone());
        }
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Manifest<'a> {
        schema_version: u32,
        media_type: &'static str,
        config: Descriptor<'a>,
        layers: Vec<Descriptor<'a>>,
        annotations: BTreeMap<&'static str, String>,
    }
    let manifest = Manifest {
        schema_version: 2,
        media_type: MANIFEST_MEDIA_TYPE,
        config: descriptor(CONFIG_MEDIA_TYPE, &config, BTreeMap::new()),
        layers: vec![descriptor(
            LAYER_MEDIA_TYPE,
            &built.bytes,
            BTreeMap::from([("org.opencontainers.image.title", file_name)]),
        )],
        annotations,
    };
    let manifest = serde_json::to_vec(&manifest).expect("plain data serializes");
    let tag = tag_of(&version);
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Index<'a> {
        schema_version: u32,
        media_type: &'static str,
        manifests: Vec<Descriptor<'a>>,
        annotations: BTreeMap<&'static str, String>,
    }
    let index = Index {
        schema_version: 2,
        media_type: INDEX_MEDIA_TYPE,
        manifests: vec![descriptor(
            MANIFEST_MEDIA_TYPE,
            &manifest,
            BTreeMap::from([("org.opencontainers.image.ref.name", tag.clone())]),
        )],
        annotations: BTreeMap::from([(GENERATED_BY, "witlint build".to_string())]),
    };
    let index = serde_json::to_vec(&index).expect("plain data serializes");
    let blob = |bytes: &[u8]| {
        let d = digest(bytes);
        (format!("blobs/sha256/{}", &d[7..]), bytes.to_vec())
    };
    let manifest_digest = digest(&manifest);
    Layout {
        files: vec![
            ("oci-layout".to_string(), LAYOUT_FILE.as_bytes().to_vec()),
            ("index.json".to_string(), index),
            blob(&manifest),
            blob(&config),
            blob(&built.bytes),
        ],
        manifest_digest,
        layer_digest,
        tag,
    }
}

/// When the artifact was created: `SOURCE_DATE_EPOCH` (seconds) when it is set, so the
/// layout is reproducible; else the `created` of the layout already in `dir` when it holds
/// the same package (a rebuild of an unchanged package changes nothing); else now.
pub fn created(
    source_date_epoch: Option<&str>,
    dir: &Path,
    layer_digest: &str,
) -> Result<String, Error> {
    if let Some(epoch) = source_date_epoch {
        let seconds: u64 = epoch.trim().parse().map_err(|_| {
            Error::usage(
                format!("SOURCE_DATE_EPOCH is `{epoch}`, not a number of seconds"),
                "set it to a Unix time, such as `$(git log -1 --format=%ct)`",
            )
        })?;
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(seconds);
        return Ok(humantime::format_rfc3339_seconds(at).to_string());
    }
    if let Some(created) = existing_created(dir, layer_digest) {
        return Ok(created);
    }
    Ok(humantime::format_rfc3339_seconds(SystemTime::now()).to_string())
}

/// The `created` annotation of the manifest in `dir`'s layout, if its layer is
/// `layer_digest`.
fn existing_created(dir: &Path, layer_digest: &str) -> Option<String> {
    let read = |path: &Path| -> Option<serde_json::Value> {
        serde_json::from_slice(&std::fs::read(path).ok()?).ok()
    };
    let index = read(&dir.join("index.json"))?;
    let manifest_digest = index["manifests"][0]["digest"].as_str()?;
    let hex = manifest_digest.strip_prefix("sha256:")?;
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let manifest = read(&dir.join("blobs/sha256").join(hex))?;
    (manifest["layers"][0]["digest"].as_str()? == layer_digest)
        .then(|| {
            manifest["annotations"][CREATED]
                .as_str()
                .map(str::to_string)
        })
        .flatten()
}

/// Whether a layout file on disk is witlint's to replace: the fixed `oci-layout`, or an
/// `index.json` that says witlint wrote it. (A blob is named by its digest: the same name
/// holds the same bytes, and is never replaced.)
pub fn is_generated(bytes: &[u8]) -> bool {
    bytes == LAYOUT_FILE.as_bytes()
        || serde_json::from_slice::<serde_json::Value>(bytes)
            .is_ok_and(|v| v["annotations"][GENERATED_BY].is_string())
}
