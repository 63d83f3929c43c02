//! Reading and loading inputs, for the command line and the editor alike: the files of an
//! input from disk, with the editor's unsaved buffers over them, loaded as
//! [`Mode`] says.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use crate::workspace::Mode;
use crate::workspace::{self, InputFiles, LoadError, Workspace, display};

/// Unsaved text of open files, by path: it stands in for what is on disk.
pub type Overlays = BTreeMap<PathBuf, String>;

/// The files of the input at `path` (a folder with its `deps/`, a `.wit` or `.wasm` file),
/// named `shown` in messages, with `overlays` over those on disk.
pub fn read(path: &Path, shown: &str, overlays: &Overlays) -> Result<InputFiles, LoadError> {
    let mut files = workspace::read_input(path, shown)?;
    for (file, text) in overlays.range(path.to_path_buf()..) {
        let Ok(relative) = file.strip_prefix(path) else {
            break;
        };
        // As the input names its files: `shown` for a file input, `shown/NAME` in a folder.
        let name = if relative.as_os_str().is_empty() {
            shown.to_string()
        } else {
            crate::workspace::sources::shown_join(shown, &display(relative))
        };
        files.set_text(&name, text.clone());
    }
    Ok(files)
}

/// Loads what was read.
pub fn load(files: InputFiles, mode: Mode<'_>) -> Result<Workspace, LoadError> {
    workspace::load(files, mode)
}

/// Reads the input at `path` from disk and loads it: the library's one-call entry.
pub fn open(path: &Path, mode: Mode<'_>) -> Result<Workspace, LoadError> {
    load(read(path, &display(path), &Overlays::new())?, mode)
}

/// Reads and loads an input shown under another name than its path (the built-in
/// reference world, unpacked into a temporary folder).
pub fn open_as(path: &Path, shown: &str, mode: Mode<'_>) -> Result<Workspace, LoadError> {
    load(read(path, shown, &Overlays::new())?, mode)
}

/// A `.wasm` package held in memory, named `shown` in messages.
pub fn from_wasm(bytes: Vec<u8>, shown: &str) -> Result<Workspace, LoadError> {
    workspace::from_wasm(bytes, shown)
}
