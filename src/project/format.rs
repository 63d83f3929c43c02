//! `witlint fmt` as data: each `.wit` file of an input's own package laid out, and the
//! package loaded again and proved to mean what it meant (`fmt::proof`). `deps/` is never
//! formatted. What wit-parser rejects is rejected with its error, before anything is laid
//! out; a file whose layout the proof rejects is an error, and nothing is written.

use std::path::PathBuf;

use super::config_file;
use super::configs::{config_failure, config_start};
use super::load::{Mode, Overlays, load, read};
use crate::fmt::{DEFAULT_LINE_WIDTH, format_text, proof::differences};
use crate::lint::Config;
use crate::workspace::{LoadDiagnostic, LoadError, Location};

/// A file of the input, as it is and as formatted.
pub struct Formatted {
    /// As messages name it.
    pub shown: String,
    pub path: PathBuf,
    pub before: String,
    pub after: String,
}

/// The input's own `.wit` files formatted, proved; `Err` when it does not load, or when
/// the proof fails (a bug of the formatter, said at the file).
pub fn format(path: &std::path::Path, shown: &str) -> Result<Vec<Formatted>, LoadError> {
    let settings = Settings::of(path, shown)?;
    format_with(path, shown, &Overlays::new(), &settings)
}

/// What `witlint.toml` says to `fmt`.
pub struct Settings {
    /// `[format] line-width`: where parameter lists wrap.
    pub line_width: usize,
    /// `features`: the `@unstable` features the package must also load with (as `check`).
    pub features: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            line_width: DEFAULT_LINE_WIDTH,
            features: Vec::new(),
        }
    }
}

impl Settings {
    /// The settings of the `witlint.toml` found upward from `input`, or the defaults; a
    /// config that cannot be read is the input's load error.
    pub fn of(input: &std::path::Path, shown: &str) -> Result<Settings, LoadError> {
        let Some(found) = config_file::discover(&config_start(input)) else {
            return Ok(Settings::default());
        };
        let config = Config::load(&found).map_err(|e| config_failure(shown, *e))?;
        Ok(Settings {
            line_width: config.line_width.unwrap_or(DEFAULT_LINE_WIDTH),
            features: config.features,
        })
    }
}

/// [`format`] with unsaved text over the files on disk (the editor's buffers).
pub fn format_with(
    path: &std::path::Path,
    shown: &str,
    unsaved: &Overlays,
    settings: &Settings,
) -> Result<Vec<Formatted>, LoadError> {
    // Loaded as `check` loads it: what wit-parser rejects with the features consumers
    // enable (none, by default) is rejected here too, with its error.
    let mode = Mode::Check(&settings.features);
    let before = load(read(path, shown, unsaved)?, mode)?;
    if let Some(refused) = before.features_off() {
        return Err(LoadError::single(shown, refused, before.sources.clone()));
    }
    let root = before
        .units
        .first()
        .map(|u| u.display.clone())
        .unwrap_or_default();
    let mut files = Vec::new();
    let mut overlays = unsaved.clone();
    // The root unit's files only: deps/ is upstream's text.
    for file in before
        .sources
        .of_unit(&root)
        .filter(|f| f.path.ends_with(".wit") || *f.path == *root)
    {
        let after = format_text(&file.text, settings.line_width);
        // Where it is on disk: the input itself, or the file of that name in its folder.
        let real = if path.is_dir() {
            let name = file.path.rsplit(['/', '\\']).next().unwrap_or(&file.path);
            path.join(name)
        } else {
            path.to_path_buf()
        };
        overlays.insert(real.clone(), after.clone());
        files.push(Formatted {
            shown: file.path.to_string(),
            path: real,
            before: file.text.clone(),
            after,
        });
    }
    let after = load(read(path, shown, &overlays)?, mode)?;
    let problems = differences(&before, &after);
    if !problems.is_empty() {
        let diagnostics = problems
            .into_iter()
            .map(|p| {
                LoadDiagnostic::new("fmt-proof", format!("formatting would change the package: {p}"))
                    .at(Some(Location::whole_file(shown)))
                    .hint("this is a bug of witlint fmt: please report it with the file; nothing was written")
            })
            .collect();
        return Err(LoadError {
            input: shown.to_string(),
            diagnostics,
            sources: Default::default(),
        });
    }
    Ok(files)
}
