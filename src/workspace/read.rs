//! Reading inputs into [`Unit`]s: the `.wit` files of a folder, a single file, a `.wasm` or
//! `.wat` package; the root and each entry of `deps/` parsed on its own, in parallel.

use std::path::{Path, PathBuf};

use wit_bindgen_core::wit_parser::SourceMap;

use super::deps::{Parsed, Unit, UnitRole};
use super::diagnostic::{self, LoadDiagnostic};
use super::display;
use super::sources::{Location, SourceFile, Sources};

fn is_wasm(path: &Path, bytes: &[u8]) -> bool {
    bytes.starts_with(b"\0asm") || path.extension().is_some_and(|e| e == "wasm")
}

/// Reads the `*.wit` files of a folder, sorted by name, and parses them as one package.
fn read_dir_unit(dir: &Path, shown: &str, role: UnitRole, sources: &mut Sources) -> Unit {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            let d = LoadDiagnostic::new("io", format!("cannot read folder `{shown}`: {e}"))
                .at(Some(Location::whole_file(shown)));
            return Unit::new(shown.to_string(), role, Err(d));
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
            .at(Some(Location::whole_file(shown)))
            .hint(
                "point witlint at the folder that holds the package's .wit files (usually `wit/`)",
            );
        return Unit::new(shown.to_string(), role, Err(d));
    }
    let mut map = SourceMap::new();
    for path in &files {
        if let Err(d) = add_wit_file(path, &mut map, sources) {
            return Unit::new(shown.to_string(), role, Err(d));
        }
    }
    let first = display(&files[0]);
    Unit::new(shown.to_string(), role, parse_map(map, sources, &first))
}

#[allow(
    clippy::result_large_err,
    reason = "a cold error path; boxing would only add noise"
)]
fn add_wit_file(
    path: &Path,
    map: &mut SourceMap,
    sources: &mut Sources,
) -> Result<(), LoadDiagnostic> {
    let shown = display(path);
    let bytes = std::fs::read(path).map_err(|e| {
        LoadDiagnostic::new("io", format!("cannot read `{shown}`: {e}"))
            .at(Some(Location::whole_file(&shown)))
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        LoadDiagnostic::new(
            "io",
            format!(
                "`{shown}` is not valid UTF-8 (byte {})",
                e.utf8_error().valid_up_to()
            ),
        )
        .at(Some(Location::whole_file(&shown)))
        .hint("WIT files must be UTF-8 text")
    })?;
    map.push_str(&shown, text.clone());
    sources.add(SourceFile::new(shown, text, true));
    Ok(())
}

/// Parses a unit's files; an error wit-parser gives no span (a missing `package` line)
/// points at the start of the unit's first file.
#[allow(
    clippy::result_large_err,
    reason = "a cold error path; boxing would only add noise"
)]
fn parse_map(map: SourceMap, sources: &Sources, first: &str) -> Result<Parsed, LoadDiagnostic> {
    map.parse().map(Parsed::Wit).map_err(|(map, e)| {
        let d = diagnostic::from_parse_error(&e, &map, sources);
        match d.location {
            Some(_) => d,
            None => {
                let at = sources.get(first).map(|f| f.location(0..0));
                d.at(at)
            }
        }
    })
}

/// A single `.wit` file, or a `.wasm` file holding a package or a component.
fn read_file_unit(path: &Path, shown: &str, role: UnitRole, sources: &mut Sources) -> Unit {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let d = LoadDiagnostic::new("io", format!("cannot read `{shown}`: {e}"))
                .at(Some(Location::whole_file(shown)));
            return Unit::new(shown.to_string(), role, Err(d));
        }
    };
    let is_wat = path.extension().is_some_and(|e| e == "wat");
    if is_wat || is_wasm(path, &bytes) {
        let bytes = if is_wat {
            match wat::parse_bytes(&bytes) {
                Ok(b) => b.into_owned(),
                Err(e) => {
                    let d = LoadDiagnostic::new(
                        "wasm-decode",
                        format!("`{shown}` is not valid WebAssembly text: {e}"),
                    )
                    .at(Some(Location::whole_file(shown)))
                    .hint(
                        "a `.wat` dependency must hold a WIT package or a component in text form",
                    );
                    return Unit::new(shown.to_string(), role, Err(d));
                }
            }
        } else {
            bytes
        };
        let parsed = wit_component::decode(&bytes)
            .map(|decoded| Parsed::Wasm(decoded.resolve().clone()))
            .map_err(|e| {
                LoadDiagnostic::new("wasm-decode", format!("`{shown}` holds no WIT package or component: {e:#}"))
                    .at(Some(Location::whole_file(shown)))
                    .hint("pass a WIT package encoded with `wasm-tools component wit --wasm`, or a component")
            });
        return Unit::new(shown.to_string(), role, parsed);
    }
    let mut map = SourceMap::new();
    if let Err(d) = add_wit_file(path, &mut map, sources) {
        return Unit::new(shown.to_string(), role, Err(d));
    }
    Unit::new(shown.to_string(), role, parse_map(map, sources, shown))
}

/// A unit that failed to parse still says which package it is on its `package` line.
pub(super) fn name_failed_units(units: &mut [Unit], sources: &Sources) {
    for u in units.iter_mut().filter(|u| u.names.is_empty()) {
        u.names = sources
            .of_unit(&u.display)
            .flat_map(|f| f.trivia.packages.iter())
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
}

impl UnitJob {
    /// The input itself: a folder of `.wit` files, or one file.
    pub(super) fn root(input: &Path, shown: &str, is_dir: bool) -> UnitJob {
        UnitJob {
            path: input.to_path_buf(),
            shown: shown.to_string(),
            role: UnitRole::Root,
            is_dir,
        }
    }
}

/// Every entry of `deps/`: folders, `.wit` files and `.wasm`/`.wat` packages, sorted by name.
pub(super) fn dep_jobs(deps_dir: &Path) -> Vec<UnitJob> {
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
            wanted.then(|| UnitJob {
                shown: display(&path),
                path,
                role: UnitRole::Dep,
                is_dir,
            })
        })
        .collect()
}

/// Reads and parses units on up to as many threads as there are cores; results keep the
/// order of `jobs`, so output does not depend on scheduling.
pub(super) fn read_units(jobs: Vec<UnitJob>) -> Vec<(Unit, Sources)> {
    let read = |job: &UnitJob| {
        let mut sources = Sources::default();
        let unit = if job.is_dir {
            read_dir_unit(&job.path, &job.shown, job.role, &mut sources)
        } else {
            read_file_unit(&job.path, &job.shown, job.role, &mut sources)
        };
        (unit, sources)
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(jobs.len());
    if workers <= 1 {
        return jobs.iter().map(read).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::Mutex::new(Vec::with_capacity(jobs.len()));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let result = read(job);
                    done.lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((i, result));
                }
            });
        }
    });
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}
