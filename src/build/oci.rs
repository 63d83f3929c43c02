//! An OCI image layout (`oci-layout`, `index.json`, `blobs/sha256/…`) holding a built
//! package as the CNCF Wasm OCI artifact spec lays it out: a config of
//! `application/vnd.wasm.config.v0+json`, one `application/wasm` layer, and the
//! `org.opencontainers.image.*` annotations. Any OCI client pushes the folder
//! (`skopeo copy oci:DIR docker://…`); witlint talks to no network.

use std::collections::{BTreeMap, BTreeSet};
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
const REF_NAME: &str = "org.opencontainers.image.ref.name";

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

/// The manifests of an existing `index.json` other than the one tagged `tag`.
fn other_images(existing_index: Option<&[u8]>, tag: &str) -> Vec<serde_json::Value> {
    let Some(index) =
        existing_index.and_then(|b| serde_json::from_slice::<serde_json::Value>(b).ok())
    else {
        return Vec::new();
    };
    index["manifests"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["annotations"][REF_NAME].as_str() != Some(tag))
        .cloned()
        .collect()
}

/// The blobs an `index.json` keeps: each manifest, and the config and layers it names
/// (read from the manifest blobs in `dir`), as `blobs/sha256/HEX` paths.
pub fn referenced_blobs(dir: &Path, index: &[u8]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let Ok(index) = serde_json::from_slice::<serde_json::Value>(index) else {
        return out;
    };
    for m in index["manifests"].as_array().into_iter().flatten() {
        let Some(path) = m["digest"].as_str().and_then(blob_path) else {
            continue;
        };
        let manifest = std::fs::read(dir.join(&path))
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok());
        out.insert(path);
        let Some(manifest) = manifest else { continue };
        let layers = manifest["layers"].as_array().into_iter().flatten();
        for d in std::iter::once(&manifest["config"]).chain(layers) {
            if let Some(p) = d["digest"].as_str().and_then(blob_path) {
                out.insert(p);
            }
        }
    }
    out
}

/// `blobs/sha256/HEX` of a `sha256:HEX` digest; `None` for anything else (a crafted digest
/// must not name a path).
fn blob_path(digest: &str) -> Option<String> {
    let hex = digest.strip_prefix("sha256:")?;
    (hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| format!("blobs/sha256/{hex}"))
}

/// The layout of `built` (the package of `ws`), created at `created` (RFC 3339), added
/// to the images of `existing_index` (the layout's `index.json`, if any): an image of
/// another version stays, one of the same version is replaced.
pub fn layout(
    ws: &Workspace,
    built: &Built,
    created: &str,
    existing_index: Option<&[u8]>,
) -> Layout {
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
    struct Index {
        schema_version: u32,
        media_type: &'static str,
        manifests: Vec<serde_json::Value>,
        annotations: BTreeMap<&'static str, String>,
    }
    let this = serde_json::to_value(descriptor(
        MANIFEST_MEDIA_TYPE,
        &manifest,
        BTreeMap::from([(REF_NAME, tag.clone())]),
    ))
    .expect("plain data serializes");
    // The layout's other images stay; this version's tag points at the new manifest.
    let mut manifests: Vec<serde_json::Value> = other_images(existing_index, &tag);
    manifests.push(this);
    manifests.sort_by_key(|m| {
        (
            m["annotations"][REF_NAME]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            m["digest"].as_str().unwrap_or_default().to_string(),
        )
    });
    let index = Index {
        schema_version: 2,
        media_type: INDEX_MEDIA_TYPE,
        manifests,
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

/// 9999-12-31T23:59:59Z, the last time RFC 3339 writes.
const MAX_EPOCH: u64 = 253_402_300_799;

/// When the artifact was created: `SOURCE_DATE_EPOCH` (seconds) when it is set, so the
/// layout is reproducible; else the `created` of the layout already in `dir` when it holds
/// the same package (a rebuild of an unchanged package changes nothing); else now.
pub fn created(
    source_date_epoch: Option<&str>,
    dir: &Path,
    layer_digest: &str,
) -> Result<String, Error> {
    // Set but empty counts as unset, as the reproducible-builds specification allows.
    if let Some(epoch) = source_date_epoch.filter(|e| !e.trim().is_empty()) {
        let refuse = |why: &str| {
            Error::usage(
                format!(
                    "SOURCE_DATE_EPOCH is `{}`, {why}",
                    crate::report::escape_controls(epoch)
                ),
                "set it to a Unix time, such as `$(git log -1 --format=%ct)`, or unset it",
            )
        };
        let seconds: u64 = epoch
            .trim()
            .parse()
            .map_err(|_| refuse("not a number of seconds"))?;
        // RFC 3339 has four-digit years: 9999-12-31T23:59:59Z is the last second.
        if seconds > MAX_EPOCH {
            return Err(refuse("after the year 9999, which RFC 3339 cannot write"));
        }
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
    index["manifests"].as_array()?.iter().find_map(|m| {
        let manifest = read(&dir.join(blob_path(m["digest"].as_str()?)?))?;
        (manifest["layers"][0]["digest"].as_str()? == layer_digest)
            .then(|| {
                manifest["annotations"][CREATED]
                    .as_str()
                    .map(str::to_string)
            })
            .flatten()
    })
}

/// Whether a layout file on disk is witlint's to replace: the fixed `oci-layout`, or an
/// `index.json` that says witlint wrote it. (A blob is named by its digest: the same name
/// holds the same bytes, and is never replaced.)
pub fn is_generated(bytes: &[u8]) -> bool {
    bytes == LAYOUT_FILE.as_bytes()
        || serde_json::from_slice::<serde_json::Value>(bytes)
            .is_ok_and(|v| v["annotations"][GENERATED_BY].is_string())
}
