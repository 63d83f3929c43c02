//! Which configuration each input gets: `--config FILE` for all, or the `witlint.toml`
//! (and `wkg.toml`) found upward from each; a file that cannot be used is a located load
//! error of the input it configures, for the command line and the editor alike.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::config_file::ConfigError;
use crate::lint::Config;
use crate::workspace::{self, LoadError};

/// The folder config discovery starts from: the input's own, or a file's folder.
pub fn config_start(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.to_path_buf()
    } else {
        // A bare file name's parent is "": the current folder.
        match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }
}

/// The configuration of each input: `--config FILE` for all, or the `witlint.toml` found
/// upward from each, read once however many inputs share it.
pub struct Configs {
    explicit: Option<Result<Config, ()>>,
    /// By the `witlint.toml` and the `wkg.toml` found.
    found: HashMap<(Option<PathBuf>, Option<PathBuf>), Option<Config>>,
}

impl Configs {
    /// With `--config FILE`; a file that cannot be used is a load error in `failures`.
    pub fn new(explicit: Option<&Path>, failures: &mut Vec<LoadError>) -> Configs {
        Configs {
            explicit: explicit.map(|path| {
                Config::load(path)
                    .map_err(|e| failures.push(config_failure(&path.display().to_string(), *e)))
            }),
            found: HashMap::new(),
        }
    }

    /// The configuration of `input`, or `None` when it cannot be used (the reason is in
    /// `failures`, once).
    pub fn of(
        &mut self,
        path: &Path,
        shown: &str,
        failures: &mut Vec<LoadError>,
    ) -> Option<&Config> {
        match &self.explicit {
            Some(explicit) => explicit.as_ref().ok(),
            None => {
                let start = config_start(path);
                let found = super::config_file::discover(&start);
                let wkg = super::config_file::discover_wkg(&start);
                self.found
                    .entry((found.clone(), wkg.clone()))
                    .or_insert_with(|| {
                        super::config_file::load_found(found.as_deref(), wkg.as_deref())
                            .map_err(|e| failures.push(config_failure(shown, *e)))
                            .ok()
                    })
                    .as_ref()
            }
        }
    }
}

/// A config file that cannot be used, as a load error of the input it configures: in
/// every format's report (JSON `load_errors`, SARIF notifications), with exit 2.
pub fn config_failure(input: &str, e: ConfigError) -> LoadError {
    let mut sources = workspace::Sources::default();
    let location = match &e.span {
        Some(span) => {
            let file = workspace::SourceFile::new(e.file.clone(), e.text.clone());
            let location = file.location(span.clone());
            sources.add(file);
            location
        }
        None => workspace::Location::whole_file(&e.file),
    };
    let mut d = workspace::LoadDiagnostic::new("config", e.message).at(Some(location));
    d.hint = e.hint;
    LoadError {
        input: input.to_string(),
        diagnostics: vec![d],
        sources,
    }
}
