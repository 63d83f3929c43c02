//! `witlint build [INPUT]`: the input's package as a `.wasm` (with its metadata, checked to
//! decode to the same API), and on request as an OCI image layout.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::shared::{Configs, Exit, Failure, Input, Outcome, print_load_errors};
use witlint::build::metadata::git_revision;
use witlint::build::{self, BuildError, Built, oci};
use witlint::diff;
use witlint::emit::{self, Mode as WriteMode, Output};
use witlint::project::{self, load::Mode};

use witlint::report::Texts;
use witlint::workspace::metadata::PackageMetadata;

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// A WIT folder (with deps/) or a .wit file (default: ./wit if it exists, else .)
    pub input: Option<PathBuf>,
    /// The .wasm to write (default: NAMESPACE-NAME-VERSION.wasm here, unless --oci-layout
    /// is given alone)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also (or only) write an OCI image layout of the package into this folder
    #[arg(long, value_name = "DIR")]
    pub oci_layout: Option<PathBuf>,
    /// Compare with the package (and layout) on disk instead of writing: exit 1 with what
    /// differs
    #[arg(long)]
    pub check: bool,
    /// Overwrite files witlint did not write
    #[arg(long)]
    pub force: bool,
    /// The source revision the package records (default: git HEAD when the input's folder
    /// is clean, else the config's `revision`)
    #[arg(long, value_name = "REV")]
    pub revision: Option<String>,
    /// Config file (default: witlint.toml found upward from the input)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Build even when no licence or no source URL is declared (a local build, not a
    /// release)
    #[arg(long)]
    pub allow_missing_metadata: bool,
}

pub fn run(args: &BuildArgs, color: bool) -> Outcome {
    let input = Input::or_default(args.input.as_ref(), "build")?;
    let mut failures = Vec::new();
    let mut configs = Configs::new(args.config.as_deref(), &mut failures);
    let config = configs
        .of(&input.path, &input.display(), &mut failures)
        .cloned();
    let Some(config) = config.filter(|_| failures.is_empty()) else {
        return Err(Failure::Load(failures));
    };
    if let Some(rev) = &args.revision
        && let Err(why) = witlint::build::metadata::check_value("revision", rev)
    {
        return Err(Failure::usage(
            format!("--revision is {why}"),
            "pass the commit the package is built from",
        ));
    }
    let files = input.read()?;
    let ws = project::load::load(files.clone(), Mode::Check(&config.features))?;
    let mut declared = config.package.clone();
    if let Some(rev) = args
        .revision
        .clone()
        .or_else(|| git_revision(&input.path, &files))
    {
        declared.revision = Some(rev);
    }
    let built = match build::package(&ws, &declared).and_then(|built| {
        if args.allow_missing_metadata {
            return Ok(built);
        }
        build::require_release_metadata(&ws, &declared, config.file.as_deref()).map(|()| built)
    }) {
        Ok(built) => built,
        Err(BuildError::Failed(e)) => return Err(Failure::Error(e)),
        Err(BuildError::Input(e)) => {
            let mut texts = Texts::new();
            for f in ws.sources.iter() {
                texts.insert(&f.path, f.text.as_str());
            }
            print_load_errors(std::slice::from_ref(&e), &texts, color);
            return Ok(Exit::Failed);
        }
    };
    let mut outputs = Vec::new();
    let wasm_path = match (&args.output, &args.oci_layout) {
        (Some(path), _) => Some(path.clone()),
        (None, Some(_)) => None,
        (None, None) => Some(PathBuf::from(default_file_name(&built))),
    };
    if let Some(path) = &wasm_path {
        outputs.push(Output::binary(path.clone(), built.bytes.clone()));
    }
    let mut orphans = Vec::new();
    let mut layout_digest = None;
    if let Some(dir) = &args.oci_layout {
        let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
        let created = oci::created(epoch.as_deref(), dir, &oci::digest(&built.bytes))?;
        let existing_index = std::fs::read(dir.join("index.json")).ok();
        let layout = oci::layout(&ws, &built, &created, existing_index.as_deref());
        orphans = stale_blobs(dir, &layout);
        outputs.extend(
            layout
                .files
                .iter()
                .map(|(rel, bytes)| Output::binary(dir.join(rel), bytes.clone())),
        );
        layout_digest = Some((layout.manifest_digest, layout.tag));
    }
    let mode = if args.check {
        WriteMode::Check
    } else {
        WriteMode::Write { force: args.force }
    };
    let report = emit::emit(
        &outputs,
        &orphans,
        mode,
        args.oci_layout.as_deref(),
        is_ours,
    )?;
    let mut stderr = std::io::LineWriter::new(std::io::stderr().lock());
    if args.check {
        if report.is_fresh() {
            let _ = writeln!(
                stderr,
                "witlint: {} is up to date ({} file(s))",
                built.package,
                report.unchanged.len()
            );
            return Ok(Exit::Clean);
        }
        let mut out = String::new();
        for (path, _) in &report.stale {
            out.push_str(&describe_stale(path, &built, wasm_path.as_deref()));
        }
        for o in &report.orphans {
            out.push_str(&format!(
                "{}: not part of the layout any more\n",
                o.display()
            ));
        }
        super::shared::print_stdout(&witlint::report::escape_controls(&out))?;
        let _ = writeln!(
            stderr,
            "witlint: {} stale; rebuild with `witlint build` and the same options",
            report.stale.len() + report.orphans.len()
        );
        return Ok(Exit::Findings);
    }
    let _ = writeln!(
        stderr,
        "witlint: built {} ({} bytes, {})",
        built.package,
        built.bytes.len(),
        oci::digest(&built.bytes)
    );
    for (key, value) in built.metadata.fields() {
        let line = format!("  {key}: {value}");
        let _ = writeln!(stderr, "{}", witlint::report::escape_controls(&line));
    }
    if let Some(path) = &wasm_path {
        let _ = writeln!(stderr, "  wrote {}", path.display());
    }
    if let (Some(dir), Some((digest, tag))) = (&args.oci_layout, layout_digest) {
        let _ = writeln!(
            stderr,
            "  OCI layout {} (manifest {digest}, tag {tag}); push it with:\n    skopeo copy oci:{}:{tag} docker://REGISTRY/REPOSITORY:{tag}\n  (to a local registry over plain HTTP, such as 127.0.0.1:5000, add --dest-tls-verify=false)",
            dir.display(),
            dir.display()
        );
    }
    Ok(Exit::Clean)
}

/// `wasi-keyvalue-0.2.0-draft2.wasm`.
fn default_file_name(built: &Built) -> String {
    let name = &built.package;
    let version = name
        .version
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    format!("{}-{}-{version}.wasm", name.namespace, name.name)
}

/// Whether a file on disk is one a build may replace: a package witlint built, or a file
/// of a layout witlint wrote.
fn is_ours(bytes: &[u8]) -> bool {
    PackageMetadata::of_wasm(bytes).is_some_and(|m| m.built_by_witlint())
        || oci::is_generated(bytes)
}

/// Blobs of a layout witlint wrote that no image of the new layout holds (the image this
/// version replaces); the other images' blobs stay.
fn stale_blobs(dir: &Path, layout: &oci::Layout) -> Vec<PathBuf> {
    let ours = std::fs::read(dir.join("index.json")).is_ok_and(|b| oci::is_generated(&b));
    if !ours {
        return Vec::new();
    }
    let Ok(entries) = std::fs::read_dir(dir.join("blobs/sha256")) else {
        return Vec::new();
    };
    let index = layout
        .files
        .iter()
        .find(|(f, _)| f == "index.json")
        .map(|(_, b)| b.as_slice())
        .unwrap_or_default();
    let mut kept = oci::referenced_blobs(dir, index);
    kept.extend(layout.files.iter().map(|(f, _)| f.clone()));
    let mut stale: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| {
            let rel = p
                .strip_prefix(dir)
                .map(|r| r.to_string_lossy().replace('\\', "/"));
            !rel.is_ok_and(|rel| kept.contains(&rel))
        })
        .collect();
    stale.sort();
    stale
}

/// What differs in a stale file: for the package, the items (from a diff of the package on
/// disk against the new one) or the metadata; for a layout file, that it differs.
fn describe_stale(path: &Path, built: &Built, wasm_path: Option<&Path>) -> String {
    if Some(path) != wasm_path {
        let state = if path.exists() {
            "differs from"
        } else {
            "missing in"
        };
        return format!("{}: {state} the new layout\n", path.display());
    }
    let Ok(old) = std::fs::read(path) else {
        return format!("{}: missing\n", path.display());
    };
    let shown = path.display().to_string();
    let (Ok(old_ws), Ok(new_ws)) = (
        project::load::from_wasm(old.clone(), &shown),
        project::load::from_wasm(built.bytes.clone(), &format!("{} (new)", built.package)),
    ) else {
        return format!("{shown}: not a WIT package witlint can read\n");
    };
    let mut out = String::new();
    for c in diff::compare(&old_ws, &new_ws) {
        out.push_str(&format!(
            "{shown}: {}[{}]: {}\n",
            c.kind.id(),
            c.path,
            c.message
        ));
    }
    let old_meta = PackageMetadata::of_wasm(&old).unwrap_or_default();
    for (key, new_value) in built.metadata.fields() {
        let old_value = old_meta
            .fields()
            .into_iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v);
        if old_value != Some(new_value) {
            out.push_str(&format!(
                "{shown}: metadata `{key}` is {} and would be `{new_value}`\n",
                old_value.map_or("missing".to_string(), |v| format!("`{v}`"))
            ));
        }
    }
    if out.is_empty() {
        out.push_str(&format!(
            "{shown}: differs in its bytes (another encoder's output?)\n"
        ));
    }
    out
}
