//! What every command shares: exit statuses, failures (printed once, when the command ends),
//! the input a command works on, config discovery, and writing output.

use std::io::Write;
use std::path::{Path, PathBuf};

use witlint::Error;
use witlint::emit::{self, Mode, Output};
use witlint::lint::{Finding, Level, baseline};
use witlint::project;
pub use witlint::project::configs::Configs;
use witlint::report::{self, Texts};
use witlint::workspace::{self, InputFiles, LoadError, Workspace};

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Done, nothing to report.
    Clean,
    /// Findings at or above the fail level, or stale generated files (`--check`).
    Findings,
    /// Done, but an input, a config or a write failed: what failed was printed with the
    /// rest of the output (`check` reports load errors beside findings).
    Failed,
}

impl Exit {
    pub fn code(self) -> i32 {
        match self {
            Exit::Clean => 0,
            Exit::Findings => 1,
            Exit::Failed => 2,
        }
    }
}

/// Why a command stopped: printed once, at the edge, and the exit status is 2.
#[derive(Debug)]
pub enum Failure {
    /// Arguments, input or output the job refused, with what to do instead.
    Error(Error),
    /// Inputs that could not be loaded, printed rustc-style.
    Load(Vec<LoadError>),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Error(e)
    }
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Failure {
        Failure::Load(vec![e])
    }
}

impl From<emit::EmitError> for Failure {
    fn from(e: emit::EmitError) -> Failure {
        Failure::Error(Error::usage(e.to_string(), e.hint()))
    }
}

impl Failure {
    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Failure {
        Failure::Error(Error::usage(message, hint))
    }

    pub fn print(&self, color: bool) {
        match self {
            Failure::Error(e) => print_error(e),
            Failure::Load(errors) => print_load_errors(errors, &Texts::new(), color),
        }
    }
}

/// What a command returns: how it ended, or why it stopped.
pub type Outcome = Result<Exit, Failure>;

/// `error[kind]: message` and its hint, on stderr.
pub fn print_error(e: &Error) {
    let mut text = format!("error[{}]: {}", e.kind, e.message);
    if let Some(hint) = &e.hint {
        text.push_str(&format!("\n  = help: {hint}"));
    }
    let _ = writeln!(std::io::stderr(), "{}", report::escape_controls(&text));
}

/// A warning and its hint, on stderr.
pub fn print_warning(e: &Error) {
    let mut text = format!("warning: {}", e.message);
    if let Some(hint) = &e.hint {
        text.push_str(&format!("\n  = help: {hint}"));
    }
    let _ = writeln!(std::io::stderr(), "{}", report::escape_controls(&text));
}

/// Why inputs could not be loaded, rustc-style, on stderr. Snippets come from each error's
/// sources, or from `texts` (what was loaded, for errors found after loading).
pub fn print_load_errors(errors: &[LoadError], texts: &Texts<'_>, color: bool) {
    let mut all = texts.clone();
    for f in errors.iter().flat_map(|e| e.sources.iter()) {
        all.insert(&f.path, f.text.as_str());
    }
    let mut stderr = std::io::LineWriter::new(std::io::stderr().lock());
    for d in errors.iter().flat_map(|e| &e.diagnostics) {
        let _ = writeln!(
            stderr,
            "{}\n",
            report::text::render_load_error(d, &all, color)
        );
    }
}

/// Writes a command's output to stdout. A failed write (stdout closed or full) is a
/// failure: output that did not arrive never counts as a clean run.
pub fn write_stdout(
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write(&mut stdout).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) => {
            // The buffer's bytes cannot go anywhere either: drop them without a retry.
            let _ = stdout.into_parts();
            Err(Failure::Error(Error::new(
                "io",
                format!("cannot write to standard output: {e}"),
            )))
        }
    }
}

/// [`write_stdout`] of a finished text.
pub fn print_stdout(text: &str) -> Result<(), Failure> {
    write_stdout(|out| out.write_all(text.as_bytes()))
}

/// What a command works on: a path, or witlint's built-in reference world.
pub struct Input {
    pub path: PathBuf,
    /// How its files are named when not by their path: the built-in world's.
    shown: Option<&'static str>,
    _unpacked: Option<witlint::reference::Unpacked>,
}

impl Input {
    pub fn given(path: PathBuf) -> Input {
        Input {
            path,
            shown: None,
            _unpacked: None,
        }
    }

    /// An input named on the command line: a path, or `builtin:wit` for the built-in
    /// reference world.
    pub fn named(path: &Path) -> Result<Input, Failure> {
        if path == Path::new(witlint::reference::SHOWN) {
            return Input::builtin();
        }
        Ok(Input::given(path.to_path_buf()))
    }

    /// The built-in reference world, unpacked into a temporary folder.
    pub fn builtin() -> Result<Input, Failure> {
        let unpacked = witlint::reference::unpack().map_err(|e| {
            Error::new(
                "io",
                format!("cannot unpack the built-in reference world: {e}"),
            )
        })?;
        Ok(Input {
            path: unpacked.path.clone(),
            shown: Some(witlint::reference::SHOWN),
            _unpacked: Some(unpacked),
        })
    }

    /// The input when none is given: `./wit` if it exists, the current folder if it holds
    /// `.wit` files. Elsewhere there is nothing to check, and a CI step run in the wrong
    /// folder must not pass: a usage error that says how to name an input.
    pub fn found_here(command: &str) -> Result<Input, Failure> {
        Input::here().ok_or_else(|| {
            Failure::usage(
                "no WIT here: no `wit/` folder and no `.wit` files in the current folder",
                format!(
                    "name the input: `witlint {command} path/to/wit`, or `witlint {command} {}` for the built-in reference world",
                    witlint::reference::SHOWN
                ),
            )
        })
    }

    /// `./wit`, or the current folder when it holds `.wit` files.
    fn here() -> Option<Input> {
        if Path::new("wit").is_dir() {
            return Some(Input::given(PathBuf::from("wit")));
        }
        let has_wit = std::fs::read_dir(".").is_ok_and(|entries| {
            entries
                .filter_map(Result::ok)
                .any(|e| e.path().extension().is_some_and(|x| x == "wit"))
        });
        has_wit.then(|| Input::given(PathBuf::from(".")))
    }

    /// The inputs named on the command line, or the one found here.
    pub fn all_or_here(given: &[PathBuf], command: &str) -> Result<Vec<Input>, Failure> {
        if given.is_empty() {
            return Ok(vec![Input::found_here(command)?]);
        }
        given.iter().map(|p| Input::named(p)).collect()
    }

    /// The given input, or the one found here ([`Input::found_here`]).
    pub fn or_default(given: Option<&PathBuf>, command: &str) -> Result<Input, Failure> {
        match given {
            Some(path) => Input::named(path),
            None => Input::found_here(command),
        }
    }

    /// The given input, the one found here, or else the built-in reference world (said on
    /// stderr): for commands that show or start from a world (`docs`, `scaffold`).
    pub fn or_builtin(given: Option<&PathBuf>) -> Result<Input, Failure> {
        if let Some(path) = given {
            return Input::named(path);
        }
        if let Some(input) = Input::here() {
            return Ok(input);
        }
        let _ = writeln!(
            std::io::stderr(),
            "witlint: no ./wit and no .wit files here: using the built-in reference world `{}` ({})",
            witlint::reference::PACKAGE,
            witlint::reference::SHOWN
        );
        Input::builtin()
    }

    /// Reads it from disk.
    pub fn read(&self) -> Result<InputFiles, LoadError> {
        project::load::read(&self.path, &self.display(), &Default::default())
    }

    /// Reads and loads it, for a check or for reading.
    pub fn load(&self, mode: project::load::Mode<'_>) -> Result<Workspace, LoadError> {
        project::load::load(self.read()?, mode)
    }

    /// How messages name it.
    /// Whether it is the built-in reference world (its files are nowhere to write).
    pub fn is_builtin(&self) -> bool {
        self.shown.is_some()
    }

    pub fn display(&self) -> String {
        self.shown
            .map_or_else(|| workspace::display(&self.path), str::to_string)
    }
}

/// Rewrites the user's own files, asked to be rewritten (`check --fix`, `fmt`): each
/// written whole or not at all.
pub fn rewrite_own_files(outputs: &[Output]) -> Result<(), Failure> {
    emit::emit(outputs, &[], Mode::Write { force: true }, None, |_| true)?;
    Ok(())
}

/// Whether an existing Markdown file is one witlint may overwrite: a generated page, or a
/// SUMMARY.md with witlint's region.
pub fn generated_by_docs(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    witlint::docs::generated::is_generated(&text) || text.contains("<!-- witlint:")
}

/// Writes generated files (or with `check`, compares them with the disk and prints the
/// diff), removes `orphans`, and says what happened on stderr. An existing file is
/// overwritten when `owned` recognises it as generated, or with `force`.
pub fn write_generated(
    check: bool,
    force: bool,
    outputs: &[Output],
    orphans: &[PathBuf],
    within: Option<&Path>,
    command: &str,
    owned: &dyn Fn(&[u8]) -> bool,
) -> Outcome {
    let mode = if check {
        Mode::Check
    } else {
        Mode::Write { force }
    };
    let report = emit::emit(outputs, orphans, mode, within, owned)?;
    // stderr is unbuffered: without this every piece of a formatted line is a write.
    let mut stderr = std::io::LineWriter::new(std::io::stderr().lock());
    if check {
        write_stdout(|stdout| {
            for (_, d) in &report.stale {
                stdout.write_all(d.as_bytes())?;
            }
            for o in &report.orphans {
                writeln!(
                    stdout,
                    "generated file has no source any more: {}",
                    o.display()
                )?;
            }
            Ok(())
        })?;
        if report.is_fresh() {
            let _ = writeln!(
                stderr,
                "witlint: {} generated files are up to date",
                report.unchanged.len()
            );
            return Ok(Exit::Clean);
        }
        let _ = writeln!(
            stderr,
            "witlint: {} stale, {} without a source; regenerate with:\n  {command}",
            report.stale.len(),
            report.orphans.len()
        );
        return Ok(Exit::Findings);
    }
    let _ = writeln!(
        stderr,
        "witlint: wrote {} file(s) ({} unchanged, {} removed)",
        report.written.len(),
        report.unchanged.len(),
        report.orphans.len()
    );
    Ok(Exit::Clean)
}

/// `--fail-level`: which findings make the run exit 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailLevel {
    Error,
    Warn,
    Info,
    /// Never exit 1 because of findings
    Never,
}

impl FailLevel {
    /// The lowest level that fails the run; `None` for never.
    pub fn threshold(self) -> Option<Level> {
        match self {
            FailLevel::Error => Some(Level::Error),
            FailLevel::Warn => Some(Level::Warn),
            FailLevel::Info => Some(Level::Info),
            FailLevel::Never => None,
        }
    }

    pub fn fails(self, findings: &[Finding]) -> bool {
        self.threshold()
            .is_some_and(|t| findings.iter().any(|f| f.level >= t))
    }
}

/// `--write-baseline FILE`: records the findings, unless an input failed to load (a
/// baseline of what loaded would silently drop the findings of what did not) or the file
/// is someone else's.
pub fn write_baseline(
    path: &std::path::Path,
    force: bool,
    findings: &[Finding],
    failures: Vec<LoadError>,
    color: bool,
) -> Outcome {
    if !failures.is_empty() {
        print_load_errors(&failures, &Texts::new(), color);
        return Err(Failure::Error(
            Error::new(
                "baseline",
                format!(
                    "{} not written: {} input(s) failed to load",
                    path.display(),
                    failures.len()
                ),
            )
            .with_hint("fix the inputs above, then record the baseline again"),
        ));
    }
    if !force
        && std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
        && project::check::load_baseline(path).is_err()
    {
        return Err(Failure::Error(
            Error::new(
                "baseline",
                format!("{} exists and is not a witlint baseline", path.display()),
            )
            .with_hint("pass --force to overwrite it, or choose another file; nothing was written"),
        ));
    }
    witlint::emit::write_atomically(path, &baseline::render(findings))
        .map_err(|e| Error::new("baseline", e.to_string()).with_hint(e.hint()))?;
    let _ = writeln!(
        std::io::stderr(),
        "witlint: recorded {} findings in {}",
        findings.len(),
        path.display()
    );
    Ok(Exit::Clean)
}
