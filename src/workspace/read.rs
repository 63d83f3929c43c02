//! Reading an input from disk into memory: the `.wit` files of a folder, a single file, a
//! `.wasm` or `.wat` package, each entry of `deps/`, and the deps manifests. Nothing here
//! parses; [`super::build`] makes a Workspace of what was read, and an editor replaces
//! files with its unsaved buffers in between ([`InputFiles::set_text`]).

use std::path::{Path, PathBuf};

use super::deps::UnitRole;
use super::diagnostic::{LoadDiagnostic, LoadError};
use super::sources::{Location, SourceFile, display, shown_join};
use super::tree::{Disk, FileTree, Kind};

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
    /// Where it was read from (its real name, which `shown` may only approximate).
    pub path: PathBuf,
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

    /// The root package's `.wit` file named `shown` in messages, when fixes may rewrite
    /// it: a file of the package the user owns (never one under `deps/`, vendored from
    /// upstream), read whole, and on disk a regular file, not a link to somewhere else (an
    /// editor's buffer not yet saved qualifies). Returns its real path.
    pub fn fixable(&self, shown: &str) -> Option<&Path> {
        let root = self.units.first().filter(|u| u.role == UnitRole::Root)?;
        let UnitContent::Wit(files) = &root.content else {
            return None;
        };
        let file = files
            .iter()
            .find(|f| f.shown == shown && f.problem.is_none())?;
        match std::fs::symlink_metadata(&file.path) {
            Ok(meta) if !meta.file_type().is_file() => None,
            _ => Some(&file.path),
        }
    }

    /// Everything read, by the name messages give it: what two readings of an input are
    /// compared by. An unreadable unit counts as its message.
    pub fn contents(&self) -> Vec<(&str, &[u8])> {
        let mut out = Vec::new();
        for unit in &self.units {
            match &unit.content {
                UnitContent::Wit(files) => {
                    out.extend(files.iter().map(|f| (f.shown.as_str(), f.text.as_bytes())));
                }
                UnitContent::Wasm { bytes, .. } => out.push((unit.shown.as_str(), bytes)),
                UnitContent::Unreadable(d) => out.push((unit.shown.as_str(), d.message.as_bytes())),
            }
        }
        for manifest in [&self.deps_toml, &self.deps_lock].into_iter().flatten() {
            out.push((&*manifest.path, manifest.text.as_bytes()));
        }
        out
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
                let name = shown.rsplit('/').next().unwrap_or(shown);
                let path = match files.first() {
                    Some(f) => f.path.with_file_name(name),
                    None => self.dir.join(name),
                };
                files.insert(
                    at,
                    WitFile {
                        shown: shown.to_string(),
                        path,
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
    read_input_from(&Disk, input, shown)
}

/// [`read_input`] from `tree`: the disk, or files held in memory.
pub fn read_input_from(
    tree: &dyn FileTree,
    input: &Path,
    shown: &str,
) -> Result<InputFiles, LoadError> {
    let fail = |d: LoadDiagnostic| LoadError::single(shown, d, Default::default());
    let kind = tree.kind(input).map_err(|e| {
        fail(
            LoadDiagnostic::new("io", format!("cannot read `{shown}`: {e}"))
                .at(Some(Location::whole_file(shown)))
                .hint("pass a folder of .wit files (usually `wit/`), a .wit file or a .wasm file"),
        )
    })?;
    let is_dir = kind == Kind::Folder;
    let mut entries = vec![(
        input.to_path_buf(),
        shown.to_string(),
        UnitRole::Root,
        is_dir,
    )];
    if is_dir {
        entries.extend(dep_entries(
            tree,
            &input.join("deps"),
            &shown_join(shown, "deps"),
        ));
    }
    // Sizes come from metadata first: too much WIT is refused before any of it is read.
    let total: u64 = entries
        .iter()
        .map(|(path, _, _, is_dir)| size_of(tree, path, *is_dir))
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
                read_folder(tree, &path, &shown)
            } else {
                read_file(tree, &path, &shown)
            },
            shown,
            role,
        })
        .collect();
    let manifest = |name: &str| {
        let text = String::from_utf8(tree.read(&input.join(name)).ok()?).ok()?;
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
fn dep_entries(
    tree: &dyn FileTree,
    deps_dir: &Path,
    deps_shown: &str,
) -> Vec<(PathBuf, String, UnitRole, bool)> {
    let Ok(paths) = tree.entries(deps_dir) else {
        return Vec::new();
    };
    paths
        .into_iter()
        .filter_map(|path| {
            let is_dir = tree.kind(&path).ok() == Some(Kind::Folder);
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
fn size_of(tree: &dyn FileTree, path: &Path, is_dir: bool) -> u64 {
    let file_size = |p: &Path| match tree.kind(p) {
        Ok(Kind::File(len)) => len,
        _ => 0,
    };
    if !is_dir {
        return file_size(path);
    }
    let Ok(entries) = tree.entries(path) else {
        return 0;
    };
    entries
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "wit"))
        .map(|p| file_size(p))
        .fold(0, u64::saturating_add)
}

/// The `*.wit` files of a folder, sorted by name, as one package.
fn read_folder(tree: &dyn FileTree, dir: &Path, shown: &str) -> UnitContent {
    let entries = match tree.entries(dir) {
        Ok(e) => e,
        Err(e) => {
            return UnitContent::Unreadable(
                LoadDiagnostic::new("io", format!("cannot read folder `{shown}`: {e}"))
                    .at(Some(Location::whole_file(shown))),
            );
        }
    };
    let paths: Vec<PathBuf> = entries
        .into_iter()
        .filter(|p| {
            p.extension().is_some_and(|e| e == "wit") && matches!(tree.kind(p), Ok(Kind::File(_)))
        })
        .collect();
    if paths.is_empty() {
        return UnitContent::Unreadable(no_wit_files(tree, dir, shown));
    }
    UnitContent::Wit(
        paths
            .iter()
            .map(|path| {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                wit_file(tree.read(path), path, shown_join(shown, &name))
            })
            .collect(),
    )
}

fn no_wit_files(tree: &dyn FileTree, dir: &Path, shown: &str) -> LoadDiagnostic {
    let d = LoadDiagnostic::new("io", format!("no .wit files in `{shown}`"))
        .at(Some(Location::whole_file(shown)));
    let packages = package_folders(tree, dir);
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
fn package_folders(tree: &dyn FileTree, dir: &Path) -> Vec<String> {
    let Ok(entries) = tree.entries(dir) else {
        return Vec::new();
    };
    entries
        .into_iter()
        .filter(|p| tree.kind(p).ok() == Some(Kind::Folder) && !p.ends_with("deps"))
        .filter(|p| {
            tree.entries(p).is_ok_and(|files| {
                files
                    .iter()
                    .any(|f| f.extension().is_some_and(|x| x == "wit"))
            })
        })
        .filter_map(|p| Some(p.file_name()?.to_string_lossy().into_owned()))
        .collect()
}

fn wit_file(bytes: std::io::Result<Vec<u8>>, path: &Path, shown: String) -> WitFile {
    let path = path.to_path_buf();
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(e) => {
            let problem = LoadDiagnostic::new("io", format!("cannot read `{shown}`: {e}"))
                .at(Some(Location::whole_file(&shown)));
            return WitFile {
                shown,
                path,
                text: String::new(),
                problem: Some(problem),
            };
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => WitFile {
            shown,
            path,
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
                path,
                text,
                problem: Some(problem),
            }
        }
    }
}

/// A single `.wit` file, or a `.wasm`/`.wat` file holding a package or a component (a
/// binary package is one under any name).
fn read_file(tree: &dyn FileTree, path: &Path, shown: &str) -> UnitContent {
    let is_wat = path.extension().is_some_and(|e| e == "wat");
    match tree.read(path) {
        Ok(bytes)
            if is_wat
                || bytes.starts_with(b"\0asm")
                || path.extension().is_some_and(|e| e == "wasm") =>
        {
            UnitContent::Wasm { bytes, is_wat }
        }
        Ok(bytes) => UnitContent::Wit(vec![wit_file(Ok(bytes), path, shown.to_string())]),
        Err(e) => UnitContent::Unreadable(
            LoadDiagnostic::new("io", format!("cannot read `{shown}`: {e}"))
                .at(Some(Location::whole_file(shown))),
        ),
    }
}
