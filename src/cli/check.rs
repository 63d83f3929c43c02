//! `witlint check`: loads the inputs, checks them together, prints the report.

use std::path::PathBuf;

use std::io::Write;

use clap::Args;

use super::shared::{
    Configs, Exit, FailLevel, Failure, Input, Outcome, print_load_errors, write_baseline,
    write_stdout,
};
use witlint::Error;
use witlint::lint::{self, Config, Preset};
use witlint::project::{self, load::Mode};
use witlint::report::{self, Format, Texts};
use witlint::workspace::{LoadError, Workspace};

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// WIT folders (with deps/), .wit files or .wasm packages. Default: `./wit` if it exists, else the current folder
    pub inputs: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Config file (default: witlint.toml found upward from each input)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Preset, overriding the config's `preset`
    #[arg(long, value_enum)]
    pub preset: Option<Preset>,
    /// Exit 1 when a finding is at or above this level
    #[arg(long, value_enum, default_value_t = FailLevel::Error)]
    pub fail_level: FailLevel,
    /// Do not report findings recorded in this baseline file
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record today's findings in this baseline file (and exit 0). An existing file that
    /// is not a witlint baseline is kept unless --force; nothing is written when an input
    /// fails to load
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
    /// With --write-baseline: overwrite a file that is not a witlint baseline
    #[arg(long, requires = "write_baseline")]
    pub force: bool,
    /// Print the number of findings per rule after the report
    #[arg(long)]
    pub statistics: bool,
    /// Also lint the packages under deps/
    #[arg(long)]
    pub lint_deps: bool,
    /// Also lint an input package recognised as a copy of someone else's (a published
    /// release, byte for byte, or one `copies` in witlint.toml names)
    #[arg(long)]
    pub lint_copies: bool,
    /// Apply the safe fixes to the files, then report what remains
    #[arg(long)]
    pub fix: bool,
    /// Apply the unsafe fixes too (they change the API or what the docs say)
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the unified diff of what the fixes would change, write nothing, and exit 1
    /// if there is one
    #[arg(long)]
    pub diff: bool,
    /// `@unstable` features your consumers enable. witlint checks with every feature on, and
    /// also requires the package to load with only these on (default: none, as wasm-tools)
    #[arg(long, value_delimiter = ',', value_name = "FEATURE,...")]
    pub features: Vec<String>,
}

impl CheckArgs {
    /// The input's configuration with the command line's overrides.
    fn configure(&self, mut c: Config) -> Config {
        if let Some(p) = self.preset {
            c.preset = p;
        }
        c.lint_deps |= self.lint_deps;
        // The command line's baseline replaces the config's; one being written records
        // every finding.
        if self.baseline.is_some() || self.write_baseline.is_some() {
            c.baseline = None;
        }
        if self.lint_copies {
            c.copies = Some(Vec::new());
        }
        c.features.extend(self.features.iter().cloned());
        c
    }
}

pub fn run(args: &CheckArgs, color: bool) -> Outcome {
    let inputs = Input::all_or_here(&args.inputs, "check")?;
    // A config or an input that cannot be used is a load error: in every format's report,
    // with exit 2, beside the other inputs' findings.
    let mut failures: Vec<LoadError> = Vec::new();
    let mut configs = Configs::new(args.config.as_deref(), &mut failures);
    // Fixes first, on the files as they are; the check below reads what they left.
    let mut fixed = None;
    if args.fix || args.unsafe_fixes || args.diff {
        match apply_fixes(args, &inputs, &mut configs, &mut failures)? {
            // A load error is the run's answer in every mode: `--diff` of a package that
            // does not load shows no empty diff and exits 2.
            Fixes::Shown(exit) if failures.is_empty() => return Ok(exit),
            Fixes::Shown(_) => {
                print_load_errors(&failures, &Texts::new(), color);
                return Ok(Exit::Failed);
            }
            Fixes::Applied(n) => fixed = Some(n),
        }
    }
    // An input that failed above has said why once; it is not loaded again.
    let failed_before: Vec<String> = failures.iter().map(|f| f.input.clone()).collect();
    let mut loaded: Vec<(Workspace, Config)> = Vec::new();
    for input in &inputs {
        if failed_before.contains(&input.display()) {
            continue;
        }
        let Some(config) = configs.of(&input.path, &input.display(), &mut failures) else {
            continue;
        };
        let config = args.configure(config.clone());
        match input.load(Mode::Check(&config.features)) {
            Ok(ws) => loaded.push((ws, config)),
            Err(e) => failures.push(e),
        }
    }
    let checked = project::check::check(&loaded);
    let mut findings = checked.findings;
    for copy in &checked.copies {
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            report::escape_controls(&format!(
                "witlint: {} holds `{}`, a copy of someone else's package, so its files are not linted: {}",
                copy.input, copy.package, copy.why
            ))
        );
    }
    // Checked, but unloadable the way consumers load it: a load error too.
    failures.extend(checked.unloadable);
    let workspaces: Vec<Workspace> = loaded.into_iter().map(|(w, _)| w).collect();

    if let Some(path) = &args.write_baseline {
        return write_baseline(path, args.force, &findings, failures, color);
    }
    if let Some(path) = &args.baseline {
        findings = project::check::apply_baseline(path, findings)
            .map_err(|e| Error::new("baseline", e))?;
    }

    let mut texts: Texts<'_> = Texts::new();
    for f in workspaces.iter().flat_map(|w| w.sources.iter()) {
        texts.insert(&f.path, f.text.as_str());
    }
    print_load_errors(&failures, &texts, color);
    for f in failures.iter().flat_map(|f| f.sources.iter()) {
        texts.insert(&f.path, f.text.as_str());
    }
    write_stdout(|stdout| {
        match args.format {
            Format::Text => {
                stdout
                    .write_all(report::escape_controls(&metadata_lines(&workspaces)).as_bytes())?;
                stdout.write_all(
                    report::text::render(
                        &findings,
                        &texts,
                        color,
                        workspaces.len(),
                        failures.len(),
                    )
                    .as_bytes(),
                )
            }
            Format::Json => report::json::write(&findings, &failures, stdout),
            Format::Sarif => stdout.write_all(
                report::sarif::render(&findings, lint::rules::all(), &failures).as_bytes(),
            ),
            Format::Github => {
                stdout.write_all(report::github::render(&findings, &failures).as_bytes())
            }
        }?;
        if args.statistics {
            stdout.write_all(report::statistics(&findings).as_bytes())?;
        }
        Ok(())
    })?;
    if let Some(n) = fixed {
        let more = match project::check::unsafe_fixes_left(&findings) {
            m if m > 0 && !args.unsafe_fixes => format!(" ({m} more with --unsafe-fixes)"),
            _ => String::new(),
        };
        let _ = writeln!(std::io::stderr(), "witlint: {n} fixed{more}");
    }
    Ok(if !failures.is_empty() {
        Exit::Failed
    } else if args.fail_level.fails(&findings) {
        Exit::Findings
    } else {
        Exit::Clean
    })
}

/// What each `.wasm` input says of itself (its metadata sections), one block per input.
fn metadata_lines(workspaces: &[Workspace]) -> String {
    let mut out = String::new();
    for ws in workspaces {
        let Some(meta) = ws.metadata() else {
            continue;
        };
        out.push_str(&format!("{}: metadata\n", ws.input));
        for (key, value) in meta.fields() {
            out.push_str(&format!("  {key}: {value}\n"));
        }
        if !meta.processed_by.is_empty() {
            let tools: Vec<String> = meta
                .processed_by
                .iter()
                .map(|(tool, version)| format!("{tool} {version}"))
                .collect();
            out.push_str(&format!("  processed by: {}\n", tools.join(", ")));
        }
        out.push('\n');
    }
    out
}

/// What the fixes did: shown as a diff (the run ends with this exit), or applied.
enum Fixes {
    Shown(Exit),
    Applied(usize),
}

/// `--fix`, `--unsafe-fixes`, `--diff`: the fixes applied to each input's files in memory
/// (see [`lint::fix`]), then written atomically, or shown as a diff.
fn apply_fixes(
    args: &CheckArgs,
    inputs: &[Input],
    configs: &mut Configs,
    failures: &mut Vec<LoadError>,
) -> Result<Fixes, Failure> {
    let mut outputs = Vec::new();
    let mut diffs = String::new();
    let mut applied = 0;
    let mut stderr = std::io::stderr().lock();
    for input in inputs {
        if input.is_builtin() {
            return Err(Failure::usage(
                "the built-in reference world has no files to fix",
                "run `witlint check --fix` on a WIT folder or file",
            ));
        }
        let Some(config) = configs.of(&input.path, &input.display(), failures) else {
            continue;
        };
        let config = args.configure(config.clone());
        let files = match input.read() {
            Ok(files) => files,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        let (fixed, _) = match project::check::fix(files, &config, args.unsafe_fixes) {
            Ok(done) => done,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        applied += fixed.applied;
        for (file, why) in &fixed.rolled_back {
            let _ = writeln!(
                stderr,
                "{}",
                report::escape_controls(&format!(
                    "witlint: the fixes of {file} were undone: {why}; the file is as it was"
                ))
            );
        }
        for (file, (path, before, after)) in &fixed.files {
            diffs.push_str(&witlint::emit::diff(
                std::path::Path::new(file),
                before,
                after,
            ));
            outputs.push(witlint::emit::Output::new(path.clone(), after.clone()));
        }
    }
    if args.diff {
        if !failures.is_empty() {
            // Nothing to show of an input that does not load: its error is the answer.
            return Ok(Fixes::Shown(Exit::Failed));
        }
        super::shared::print_stdout(&diffs)?;
        let _ = writeln!(
            stderr,
            "witlint: {applied} fix(es) would change {} file(s)",
            outputs.len()
        );
        return Ok(Fixes::Shown(if outputs.is_empty() {
            Exit::Clean
        } else {
            Exit::Findings
        }));
    }
    super::shared::rewrite_own_files(&outputs)?;
    Ok(Fixes::Applied(applied))
}
