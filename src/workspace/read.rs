//! Reading inputs into [`Unit`]s: the `.wit` files of a folder, a single file, a `.wasm` or
//! `.wat` package; the root and each entry of `deps/` parsed on its own, in parallel.

use std::path::{Path, PathBuf};

use wit_bindgen_core::wit_parser::{ParseError, SourceMap};

use rayon::prelude::*;

use super::deps::{Parsed, Unit, UnitRole};
use super::diagnostic::{self, LoadDiagnostic};
use super::display;
use super::guard;
use super::sources::{Location, SourceFile, Sources};

fn is_wasm(path: &Path, bytes: &[u8]) -> bool {
    bytes.starts_with(b"\0asm") || path.extension().is_some_and(|e| e == "wasm")
}

/// Walks a `.wasm` file's sections before anything decodes it: a section that claims more
/// bytes than the file holds is an error here, not an allocation of that size later, and
/// a core module or a component with nothing in it is no package.
fn wasm_structure(bytes: &[u8]) -> Result<(), String> {
    use wasmparser::{Encoding, Payload};
    let mut sections = 0usize;
    for payload in wasmparser::Parser::new(0).parse_all(bytes) {
        match payload.map_err(|e| e.to_string())? {
            Payload::Version {
                encoding: Encoding::Module,
                ..
            } => return Err("it is a core WebAssembly module".into()),
            Payload::Version { .. } | Payload::End(_) => {}
            _ => sections += 1,
        }
    }
    if sections == 0 {
        return Err("the component is empty".into());
    }
    Ok(())
}

/// A job read from disk and waiting to be parsed.
enum Read {
    /// Reading failed: nothing to parse.
    Failed(LoadDiagnostic),
    /// The `.wit` files of the unit; `first` is where an error without a span points.
    Wit { map: SourceMap, first: String },
    /// A `.wasm` file, or the text of a `.wat` one.
    Wasm { bytes: Vec<u8>, is_wat: bool },
}

/// The subfolders of `dir` that hold `.wit` files, sorted by name.
fn package_folders(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir() && e.file_name() != "deps")
        .filter(|e| {
            std::fs::read_dir(e.path()).is_ok_and(|mut files| {
                files.any(|f| f.is_ok_and(|f| f.path().extension().is_some_and(|x| x == "wit")))
            })
        })
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

/// Reads the `*.wit` files of a folder, sorted by name, as one package.
fn read_dir(dir: &Path, shown: &str, files_out: &mut Vec<(String, String)>) -> Read {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            return Read::Failed(
                LoadDiagnostic::new("io", format!("cannot read folder `{shown}`: {e}"))
                    .at(Some(Location::whole_file(shown))),
            );
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "wit"))
        .collect();
    files.sort();
    if files.is_empty() {
        let d = LoadDiagnostic::new("io", format!("no .wit files in `{shown}`"))
            .at(Some(Location::whole_file(shown)));
        let packages = package_folders(dir);
        return Read::Failed(match packages.as_slice() {
            [] => d.hint(
                "point witlint at the folder that holds the package's .wit files (usually `wit/`)",
            ),
            // A library of packages, one per folder (obelisk's `wit/`): each is an input.
            [first, ..] => d
                .note(format!(
                    "it holds {} package folders: {}",
                    packages.len(),
                    packages.join(", ")
                ))
                .hint(format!(
                    "check a package folder, with the packages it uses under its deps/: `witlint check {}`",
                    display(&dir.join(first))
                )),
        });
    }
    let mut map = SourceMap::new();
    let mut first = None;
    for path in &files {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let file_shown = super::shown_join(shown, &name);
        first.get_or_insert_with(|| file_shown.clone());
        if let Err(d) = add_wit_file(path, file_shown, &mut map, files_out) {
            return Read::Failed(d);
        }
    }
    Read::Wit {
        map,
        first: first.unwrap_or_default(),
    }
}

#[allow(
    clippy::result_large_err,
    reason = "a cold error path; boxing would only add noise"
)]
fn add_wit_file(
    path: &Path,
    shown: String,
    map: &mut SourceMap,
    files_out: &mut Vec<(String, String)>,
) -> Result<(), LoadDiagnostic> {
    let bytes = crate::input::read(path).map_err(|e| {
        LoadDiagnostic::new("io", format!("cannot read `{shown}`: {e}"))
            .at(Some(Location::whole_file(&shown)))
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        // Located at the first bad byte, shown with the bad bytes replaced.
        let bad = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
        let at = SourceFile::new(shown.clone(), text.clone()).location(bad..bad + 1);
        files_out.push((shown.clone(), text));
        LoadDiagnostic::new("io", format!("`{shown}` is not valid UTF-8 (byte {bad})"))
            .at(Some(at))
            .hint("WIT files must be UTF-8 text: save the file as UTF-8")
    })?;
    map.push_str(&shown, text.clone());
    files_out.push((shown, text));
    Ok(())
}

/// A single `.wit` file, or a `.wasm`/`.wat` file holding a package or a component.
fn read_file(path: &Path, shown: &str, files_out: &mut Vec<(String, String)>) -> Read {
    let bytes = match crate::input::read(path) {
        Ok(b) => b,
        Err(e) => {
            return Read::Failed(
                LoadDiagnostic::new("io", format!("cannot read `{shown}`: {e}"))
                    .at(Some(Location::whole_file(shown))),
            );
        }
    };
    let is_wat = path.extension().is_some_and(|e| e == "wat");
    if is_wat || is_wasm(path, &bytes) {
        return Read::Wasm { bytes, is_wat };
    }
    let mut map = SourceMap::new();
    match add_wit_file(path, shown.to_string(), &mut map, files_out) {
        Ok(()) => Read::Wit {
            map,
            first: shown.to_string(),
        },
        Err(d) => Read::Failed(d),
    }
}

/// Parses what a job read; a parse error is located in `sources`, the files it read.
#[allow(
    clippy::result_large_err,
    reason = "a cold error path; boxing would only add noise"
)]
fn parse(read: Read, shown: &str, sources: &Sources) -> Result<Parsed, LoadDiagnostic> {
    match read {
        Read::Failed(d) => Err(d),
        Read::Wit { map, first } => match guard::third_party(|| map.parse()) {
            Ok(Ok(group)) => Ok(Parsed::Wit(group)),
            Ok(Err((map, error))) => Err(locate_parse_error(&error, &map, &first, sources)),
            Err(panic) => Err(parser_panicked(&panic, &first, sources)),
        },
        Read::Wasm { bytes, is_wat } => guard::third_party(|| decode(bytes, is_wat, shown))
            .unwrap_or_else(|panic| {
                Err(LoadDiagnostic::new(
                    "wasm-decode",
                    format!(
                        "the WebAssembly decoder failed on `{shown}`: {}",
                        guard::reason(&panic)
                    ),
                )
                .at(Some(Location::whole_file(shown)))
                .hint("the file is not a WIT package or component that tools can read"))
            }),
    }
}

/// wit-parser panicked instead of returning an error: the input is wrong, and the parser
/// names the place only in its panic message (a span over the unit's files, in order).
fn parser_panicked(panic: &str, first: &str, sources: &Sources) -> LoadDiagnostic {
    let located = guard::span(panic).and_then(|(start, end)| {
        let mut offset = 0;
        for file in sources.iter() {
            // wit-parser's source map adds a newline after each file.
            let len = file.text.len() + 1;
            if start < offset + len {
                return Some(file.location(start - offset..end.saturating_sub(offset)));
            }
            offset += len;
        }
        None
    });
    let at = located.or_else(|| sources.get(first).map(|f| f.location(0..0)));
    LoadDiagnostic::new(
        "wit-parse",
        format!(
            "wit-parser failed on this input instead of reporting an error: {}",
            guard::reason(panic)
        ),
    )
    .at(at)
    .hint("the WIT here is invalid; wasm-tools and wit-bindgen crash on it too")
}

#[allow(
    clippy::result_large_err,
    reason = "a cold error path; boxing would only add noise"
)]
fn decode(bytes: Vec<u8>, is_wat: bool, shown: &str) -> Result<Parsed, LoadDiagnostic> {
    let bytes = if is_wat {
        wat::parse_bytes(&bytes)
            .map(|b| b.into_owned())
            .map_err(|e| {
                LoadDiagnostic::new(
                    "wasm-decode",
                    format!("`{shown}` is not valid WebAssembly text: {e}"),
                )
                .at(Some(Location::whole_file(shown)))
                .hint("a `.wat` dependency must hold a WIT package or a component in text form")
            })?
    } else {
        bytes
    };
    if let Err(why) = wasm_structure(&bytes) {
        return Err(LoadDiagnostic::new(
            "wasm-decode",
            format!("`{shown}` is not a WIT package or component: {why}"),
        )
        .at(Some(Location::whole_file(shown)))
        .hint(
            "pass a WIT package encoded with `wasm-tools component wit --wasm`, or a component",
        ));
    }
    wit_component::decode(&bytes)
        .map(|decoded| Parsed::Wasm(decoded.resolve().clone()))
        .map_err(|e| {
            LoadDiagnostic::new(
                "wasm-decode",
                format!("`{shown}` holds no WIT package or component: {e:#}"),
            )
            .at(Some(Location::whole_file(shown)))
            .hint(
                "pass a WIT package encoded with `wasm-tools component wit --wasm`, or a component",
            )
        })
}

/// A parse error, located; one wit-parser gives no span for (a missing `package` line)
/// points at the start of the unit's first file.
fn locate_parse_error(
    error: &ParseError,
    map: &SourceMap,
    first: &str,
    sources: &Sources,
) -> LoadDiagnostic {
    let d = diagnostic::from_parse_error(error, map, sources);
    match d.location {
        Some(_) => d,
        None => {
            let at = sources.get(first).map(|f| f.location(0..0));
            d.at(at)
        }
    }
}

/// A unit that failed to parse still says which package it is on its `package` line.
pub(super) fn name_failed_units(units: &mut [Unit], sources: &Sources) {
    for u in units.iter_mut().filter(|u| u.names.is_empty()) {
        u.names = sources
            .of_unit(&u.display)
            .flat_map(|f| f.trivia().packages.iter())
            .filter_map(|d| {
                let (ns, rest) = d.name.split_once(':')?;
                let (name, version) = match rest.split_once('@') {
                    Some((n, v)) => (n, Some(v.parse().ok()?)),
                    None => (rest, None),
                };
                Some(wit_bindgen_core::wit_parser::PackageName {
                    namespace: ns.to_string(),
                    name: name.to_string(),
                    version,
                })
            })
            .take(1)
            .collect();
    }
}

/// A root or `deps/` entry to read and parse.
pub(super) struct UnitJob {
    path: PathBuf,
    shown: String,
    role: UnitRole,
    is_dir: bool,
    /// Bytes to read and parse, to start the largest units first.
    size: u64,
}

impl UnitJob {
    /// The input itself: a folder of `.wit` files, or one file.
    pub(super) fn root(input: &Path, shown: &str, is_dir: bool) -> UnitJob {
        UnitJob {
            path: input.to_path_buf(),
            shown: shown.to_string(),
            role: UnitRole::Root,
            is_dir,
            // Usually the largest, and the one whose problems matter most.
            size: u64::MAX,
        }
    }
}

/// Every entry of `deps/`: folders, `.wit` files and `.wasm`/`.wat` packages, sorted by name.
pub(super) fn dep_jobs(deps_dir: &Path, deps_shown: &str) -> Vec<UnitJob> {
    let Ok(entries) = std::fs::read_dir(deps_dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let is_dir = path.is_dir();
            let wanted = is_dir
                || path
                    .extension()
                    .is_some_and(|e| e == "wit" || e == "wasm" || e == "wat");
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            wanted.then(|| UnitJob {
                shown: super::shown_join(deps_shown, &name),
                size: size_of(&path, is_dir),
                path,
                role: UnitRole::Dep,
                is_dir,
            })
        })
        .collect()
}

/// The bytes an input holds: the root's files and every `deps/` entry's.
pub(super) fn total_size(input: &Path, is_dir: bool, jobs: &[UnitJob]) -> u64 {
    let deps: u64 = jobs
        .iter()
        .filter(|j| j.role == UnitRole::Dep)
        .map(|j| j.size)
        .sum();
    size_of(input, is_dir).saturating_add(deps)
}

/// The bytes of a file, or of the `.wit` files of a folder (0 where unreadable).
fn size_of(path: &Path, is_dir: bool) -> u64 {
    let file_size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    if !is_dir {
        return file_size(path);
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "wit"))
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

/// Reads and parses one job, as a task of its own: reading spreads over the cores along
/// with parsing. Returns the unit and the files it read.
fn read_unit(job: &UnitJob) -> (Unit, Sources) {
    let mut texts = Vec::new();
    let read = if job.is_dir {
        read_dir(&job.path, &job.shown, &mut texts)
    } else {
        read_file(&job.path, &job.shown, &mut texts)
    };
    let mut sources = Sources::default();
    for (path, text) in texts {
        sources.add(SourceFile::wit(path, text));
    }
    let parsed = parse(read, &job.shown, &sources);
    (Unit::new(job.shown.clone(), job.role, parsed), sources)
}

/// Reads and parses every job on all cores, largest first. Units keep the order of `jobs`,
/// and so do the sources (each unit's files sorted by name).
pub(super) fn read_units(jobs: &[UnitJob]) -> (Vec<Unit>, Sources) {
    let mut units = Vec::with_capacity(jobs.len());
    let mut sources = Sources::default();
    let read: Vec<(Unit, Sources)> = jobs.par_iter().map(read_unit).collect();
    for (unit, read) in read {
        units.push(unit);
        sources.append(read);
    }
    (units, sources)
}
