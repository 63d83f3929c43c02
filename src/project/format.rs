//! `witlint fmt` as data: each `.wit` file of an input's own package laid out, and the
//! package loaded again and proved to mean what it meant (`fmt::proof`). `deps/` is never
//! formatted. What wit-parser rejects is rejected with its error, before anything is laid
//! out; a file whose layout the proof rejects is an error, and nothing is written.

use std::path::PathBuf;

use rayon::prelude::*;

use super::config_file;
use super::configs::{config_failure, config_start};
use super::load::{Mode, Overlays, load, read};
use crate::fmt::{DEFAULT_LINE_WIDTH, format_text, proof::differences};
use crate::lint::Config;
use crate::workspace::read::UnitContent;
use crate::workspace::{LoadDiagnostic, LoadError, Location, Workspace};

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
    format_proved(path, shown, unsaved, settings).map(|(_, files)| files)
}

/// [`format_with`], and the package as it was (loaded to prove the formatting against).
fn format_proved(
    path: &std::path::Path,
    shown: &str,
    unsaved: &Overlays,
    settings: &Settings,
) -> Result<(Workspace, Vec<Formatted>), LoadError> {
    let read_files = read(path, shown, unsaved)?;
    // The root package's files only (the first unit): deps/ is upstream's text.
    let root: Vec<(String, PathBuf, String)> = match read_files.units.first().map(|u| &u.content) {
        Some(UnitContent::Wit(wit)) => wit
            .iter()
            .map(|f| (f.shown.clone(), f.path.clone(), f.text.clone()))
            .collect(),
        _ => Vec::new(),
    };
    // Loaded as `check` loads it: what wit-parser rejects with the features consumers
    // enable (none, by default) is rejected here too, with its error. wit-parser reads a
    // package's files on one core: the files are formatted on the others meanwhile.
    let mode = Mode::Format(&settings.features);
    let (before, files) = rayon::join(
        || load(read_files, mode),
        || {
            root.into_par_iter()
                .map(|(shown, path, before)| Formatted {
                    after: format_text(&before, settings.line_width),
                    shown,
                    path,
                    before,
                })
                .collect::<Vec<_>>()
        },
    );
    let before = before?;
    if let Some(refused) = before.features_off() {
        return Err(LoadError::single(shown, refused, before.sources.clone()));
    }
    let mut overlays = unsaved.clone();
    for f in files.iter().filter(|f| f.after != f.before) {
        overlays.insert(f.path.clone(), f.after.clone());
    }
    // The formatted package, when anything changed, compared with the package as it was.
    if overlays.len() > unsaved.len() {
        let after = read(path, shown, &overlays).and_then(|f| load(f, Mode::Read));
        proved(shown, &before, after)?;
    }
    Ok((before, files))
}

/// One file of the input formatted on the lines `lines` touches only (0-based, the end
/// excluded): each change of [`format_with`] that touches them, and no other, proved to
/// keep the package's meaning as the whole is. `None`: nothing to change there.
pub fn format_lines(
    path: &std::path::Path,
    shown: &str,
    unsaved: &Overlays,
    settings: &Settings,
    file: &std::path::Path,
    lines: std::ops::Range<usize>,
) -> Result<Option<Formatted>, LoadError> {
    let (before, files) = format_proved(path, shown, unsaved, settings)?;
    let Some(whole) = files.into_iter().find(|f| f.path == file) else {
        return Ok(None);
    };
    let after = changes_on(&whole.before, &whole.after, &lines);
    if after == whole.before {
        return Ok(None);
    }
    let mut overlays = unsaved.clone();
    overlays.insert(whole.path.clone(), after.clone());
    let formatted = read(path, shown, &overlays).and_then(|f| load(f, Mode::Read));
    proved(shown, &before, formatted)?;
    Ok(Some(Formatted { after, ..whole }))
}

/// `before` with the changes that make it `after` applied where they touch `lines` only.
/// A change is a line's (a line re-indented or re-spaced), or, where lines split or join,
/// the lines that do together.
fn changes_on(before: &str, after: &str, lines: &std::ops::Range<usize>) -> String {
    use similar::DiffOp;
    let diff = similar::TextDiff::from_lines(before, after);
    let (old, new) = (diff.old_slices(), diff.new_slices());
    let touched = |was: &std::ops::Range<usize>| {
        if was.is_empty() {
            lines.start <= was.start && was.start <= lines.end
        } else {
            was.start < lines.end && lines.start < was.end
        }
    };
    let mut out = String::with_capacity(before.len());
    for op in diff.ops() {
        let (was, now) = (op.old_range(), op.new_range());
        match *op {
            DiffOp::Equal { .. } => old[was].iter().for_each(|l| out.push_str(l)),
            // As many lines as before: each its own change.
            DiffOp::Replace { .. } if was.len() == now.len() => {
                for (o, n) in was.zip(now) {
                    out.push_str(if touched(&(o..o + 1)) { new[n] } else { old[o] });
                }
            }
            _ => {
                let kept = if touched(&was) { &new[now] } else { &old[was] };
                kept.iter().for_each(|l| out.push_str(l));
            }
        }
    }
    out
}

/// Nothing but layout changed between `before` and the package as formatted: else an
/// error that names each difference (a bug of the formatter; nothing is written).
fn proved(
    shown: &str,
    before: &Workspace,
    formatted: Result<Workspace, LoadError>,
) -> Result<(), LoadError> {
    let problems = match formatted {
        Ok(after) => differences(before, &after),
        Err(e) => vec![format!("it would no longer load: {e}")],
    };
    if problems.is_empty() {
        return Ok(());
    }
    let diagnostics = problems
        .into_iter()
        .map(|p| {
            LoadDiagnostic::new(
                "fmt-proof",
                format!("formatting would change the package: {p}"),
            )
            .at(Some(Location::whole_file(shown)))
            .hint(
                "this is a bug of witlint fmt: please report it with the file; nothing was written",
            )
        })
        .collect();
    Err(LoadError {
        input: shown.to_string(),
        diagnostics,
        sources: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::changes_on;

    #[test]
    fn only_the_changes_on_the_lines_asked_for_are_made() {
        let before = "a\n  b\nc\n\n\nd\n  e\n";
        let after = "a\n    b\nc\n\nd\n    e\n";
        assert_eq!(
            changes_on(before, after, &(1..2)),
            "a\n    b\nc\n\n\nd\n  e\n"
        );
        assert_eq!(
            changes_on(before, after, &(6..7)),
            "a\n  b\nc\n\n\nd\n    e\n"
        );
        assert_eq!(
            changes_on(before, after, &(0..1)),
            before,
            "no change on line 0"
        );
        assert_eq!(changes_on(before, after, &(0..7)), after);
    }
}
