//! Reading an input from disk into memory: the `.wit` files of a folder, a single file, a
//! `.wasm` or `.wat` package, each entry of `deps/`, and the deps manifests. Nothing here
//! parses; [`super::build`] makes a Workspace of what was read, and an editor replaces
//! files with its unsaved buffers in between ([`InputFiles::set_text`]).

use std::path::{Path, PathBuf};

use super::deps::UnitRole;
use super::diagnostic::{LoadDiagnostic, LoadError};
use super::sources::{Location, SourceFile, display, shown_join};

/// Everything an input holds, read into memory.
#[derive(Clone)]
pub struct InputFiles {
    /// The input as the user named it.
    pub shown: String,
    /// The folder the input lives in: where `witlint.toml` lookup and `deps/` start.
    pub dir: PathBuf,
    /// A folder (with `deps/` and manifests), not a single file.
    pub is_dir: bool,
    /// The root first, then every entry of `deps/`, sorted by name.
    pub units: Vec<UnitFiles>,
    /// `deps.toml` and `deps.lock`, where the folder has them.
    pub deps_toml: Option<SourceFile>,
    pub deps_lock: Option<SourceFile>,
}

/// The root package, or one entry of `deps/`, as read.
#[derive(Clone, Debug)]
pub struct UnitFiles {
    /// The folder or file, as shown to users.
    pub shown: String,
    pub role: UnitRole,
    pub content: UnitContent,
}

#[derive(Clone, Debug)]
pub enum UnitContent {
    /// The `.wit` files of one package, sorted by name (never empty).
    Wit(Vec<WitFile>),
    /// A `.wasm` file, or the text of a `.wat` one.
    Wasm { bytes: Vec<u8>, is_wat: bool },
    /// Nothing to parse: the folder or file could not be read, or holds no `.wit` file.
    Unreadable(LoadDiagnostic),
}

/// One `.wit` file; one that could not be read as text keeps what it could of it, for the
/// error's snippet.
#[derive(Clone, Debug)]
pub struct WitFile {
    pub shown: String,
    pub text: String,
    pub problem: Option<LoadDiagnostic>,
}

impl InputFiles {
    /// The text of a `.wit` file, by the name messages give it.
    pub fn text(&self, shown: &str) -> Option<&str> {
        self.units.iter().find_map(|unit| match &unit.content {
            UnitContent::Wit(files) => files
                .iter()
                .find(|f| f.shown == shown && f.problem.is_none())
                .map(|f| f.text.as_str()),
            _ => None,
        })
    }

    /// Every readable `.wit` file: its name in messages and its text.
    pub fn wit_files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.units.iter().flat_map(|unit| match &unit.content {
            UnitContent::Wit(files) => files
                .iter()
                .filter(|f| f.problem.is_none())
                .map(|f| (f.shown.as_str(), f.text.as_str()))
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    }

    /// Replaces a `.wit` file's text with `text` (an editor's unsaved buffer), or adds it to
    /// the unit whose folder holds it. Returns whether some unit took it.
    pub fn set_text(&mut self, shown: &str, text: String) -> bool {
        let folder = shown.rsplit_once('/').map_or(".", |(dir, _)| dir);
        for unit in &mut self.units {
            let UnitContent::Wit(files) = &mut unit.content else {
                continue;
            };
            if let Some(file) = files.iter_mut().find(|f| f.shown == shown) {
                file.text = text;
                file.problem = None;
                return true;
            }
            let unit_is_folder = self.is_dir || unit.role == UnitRole::Dep;
            if unit_is_folder && unit.shown == folder && shown.ends_with(".wit") {
                let at = files.partition_point(|f| f.shown.as_str() < shown);
                files.insert(
                    at,
                    WitFile {
                        shown: shown.to_string(),
                        text,
                        problem: None,
                    },
                );
                return true;
            }
        }
        false
    }
}

/// Reads one input: a folder (its `*.wit` files, `deps/` and manifests), a `.wit` file, or a
/// `.wasm`/`.wat` file holding a WIT package or a component. `shown` is how it is named in
/// messages. Only a problem with the input as a whole is an error here; a file that cannot
/// be read is recorded in its unit, and reported when the unit is built.
pub fn read_input(input: &Path, shown: &str) -> Result<InputFiles, LoadError> {
    let fail = |d: LoadDiagnostic| LoadError::single(shown, d, Default::default());
    let meta = std::fs::metadata(input).map_err(|e| {
        fail(
            LoadDiagnostic::new("io", format!("cannot read `{shown}`: {e}"))
                .at(Some(Location::whole_file(shown)))
                .hint("pass a folder of .wit files (usually `wit/`), a .wit file or a .wasm file"),
        )
    })?;
    let is_dir = meta.is_dir();
    let mut entries = vec![(
        input.to_path_buf(),
        shown.to_string(),
        UnitRole::Root,
        is_dir,
    )];
    if is_dir {
        entries.extend(dep_entries(&input.join("deps"), &shown_join(shown, "deps")));
    }
    // Sizes come from metadata first: too much WIT is refused before any of it is read.
    let total: u64 = entries
        .iter()
        .map(|(path, _, _, is_dir)| size_of(path, *is_dir))
        .fold(0, u64::saturating_add);
    if total > crate::input::MAX_INPUT_BYTES {
        return Err(fail(
            LoadDiagnostic::new(
                "io",
                format!(
                    "`{shown}` holds {} MiB of WIT with its deps/, more than the {} MiB witlint loads",
                    total >> 20,
                    crate::input::MAX_INPUT_BYTES >> 20
                ),
            )
            .at(Some(Location::whole_file(shown)))
            .hint("check a smaller part of it: one package folder at a time"),
        ));
    }
    let units = entries
        .into_iter()
        .map(|(path, shown, role, is_dir)| UnitFiles {
            content: if is_dir {
                read_folder(&path, &shown)
            } else {
                read_file(&path, &shown)
            },
            shown,
            role,
        })
        .collect();
    let manifest = |name: &str| {
        let text = crate::input::read_to_string(&input.join(name)).ok()?;
        Some(SourceFile::new(shown_join(shown, name), text))
    };
    Ok(InputFiles {
        shown: shown.to_string(),
        dir: if is_dir {
            input.to_path_buf()
        } else {
            input.parent().map(Path::to_path_buf).unwrap_or_default()
        },
        is_dir,
        units,
        deps_toml: is_dir.then(|| manifest("deps.toml")).flatten(),
        deps_lock: is_dir.then(|| manifest("deps.lock")).flatten(),
    })
}

/// Every entry of `deps/`: folders, `.wit` files and `.wasm`/`.wat` packages, sorted by name.
fn dep_entries(deps_dir: &Path, deps_shown: &str) -> Vec<(PathBuf, String, UnitRole, bool)> {
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
            let name = path.file_name()?.to_string_lossy().into_owned();
            wanted.then(|| (path, shown_join(deps_shown, &name), UnitRole::Dep, is_dir))
        })
        .collect()
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

/// The `*.wit` files of a folder, sorted by name, as one package.
fn read_folder(dir: &Path, shown: &str) -> UnitContent {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            return UnitContent::Unreadable(
                LoadDiagnostic::new("io", format!("cannot read folder `{shown}`: {e}"))
                    .at(Some(Location::whole_file(shown))),
            );
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "wit"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return UnitContent::Unreadable(no_wit_files(dir, shown));
    }
    UnitContent::Wit(
        paths
            .iter()
            .map(|path| {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                read_wit_file(path, shown_join(shown, &name))
            })
            .collect(),
    )
}

fn no_wit_files(dir: &Path, shown: &str) -> LoadDiagnostic {
    let d = LoadDiagnostic::new("io", format!("no .wit files in `{shown}`"))
        .at(Some(Location::whole_file(shown)));
    let packages = package_folders(dir);
    match packages.as_slice() {
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
    }
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

fn read_wit_file(path: &Path, shown: String) -> WitFile {
    wit_file(crate::input::read(path), shown)
}

fn wit_file(bytes: std::io::Result<Vec<u8>>, shown: String) -> WitFile {
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(e) => {
            let problem = LoadDiagnostic::new("io", format!("cannot read `{shown}`: {e}"))
                .at(Some(Location::whole_file(&shown)));
            return WitFile {
                shown,
                text: String::new(),
                problem: Some(problem),
            };
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => WitFile {
            shown,
            text,
            problem: None,
        },
        Err(e) => {
            // Located at the first bad byte, shown with the bad bytes replaced.
            let bad = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let at = SourceFile::new(shown.clone(), text.clone()).location(bad..bad + 1);
            let problem =
                LoadDiagnostic::new("io", format!("`{shown}` is not valid UTF-8 (byte {bad})"))
                    .at(Some(at))
                    .hint("WIT files must be UTF-8 text: save the file as UTF-8");
            WitFile {
                shown,
                text,
                problem: Some(problem),
            }
        }
    }
}

/// A single `.wit` file, or a `.wasm`/`.wat` file holding a package or a component (a
/// binary package is one under any name).
fn read_file(path: &Path, shown: &str) -> UnitContent {
    let is_wat = path.extension().is_some_and(|e| e == "wat");
    match crate::input::read(path) {
        Ok(bytes)
            if is_wat
                || bytes.starts_with(b"\0asm")
                || path.extension().is_some_and(|e| e == "wasm") =>
        {
            UnitContent::Wasm { bytes, is_wat }
        }
        Ok(bytes) => UnitContent::Wit(vec![wit_file(Ok(bytes), shown.to_string())]),
        Err(e) => UnitContent::Unreadable(
            LoadDiagnostic::new("io", format!("cannot read `{shown}`: {e}"))
                .at(Some(Location::whole_file(shown))),
        ),
    }
}
