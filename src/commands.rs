//! What each subcommand does, from parsed arguments to an exit code.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{CheckArgs, FailLevel, ListFormat, RulesArgs};
use crate::lint::config::{self, Config};
use crate::lint::{Finding, Level, Preset, Scope, baseline, rules::ALL};
use crate::report::{self, Format, Texts};
use crate::workspace::{self, LoadError, Workspace};

/// Exit codes: 0 clean, 1 findings at or above the fail level, 2 usage/config/load errors.
pub const EXIT_CLEAN: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

/// A usage error: message and hint on stderr, exit 2.
pub fn usage(message: &str, hint: &str) -> i32 {
    let _ = writeln!(
        std::io::stderr(),
        "error[usage]: {message}\n  = help: {hint}"
    );
    EXIT_ERROR
}

/// Writes a command's output to stdout. A failed write (stdout closed or full) is an
/// error the user sees on stderr, with exit 2: output that did not arrive never counts
/// as a clean run.
pub fn to_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), i32> {
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write(&mut stdout).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) => {
            // The buffer's bytes cannot go anywhere either: drop them without a retry.
            let _ = stdout.into_parts();
            let _ = writeln!(
                std::io::stderr(),
                "error[io]: cannot write to standard output: {e}"
            );
            Err(EXIT_ERROR)
        }
    }
}

/// [`to_stdout`] for a finished text, as an exit code.
pub fn print_out(text: &str, code: i32) -> i32 {
    match to_stdout(|out| out.write_all(text.as_bytes())) {
        Ok(()) => code,
        Err(code) => code,
    }
}

/// What a command works on: a path, or witlint's built-in reference world.
pub struct Input {
    pub path: PathBuf,
    /// How its files are named when not by their path: the built-in world's.
    shown: Option<&'static str>,
    _unpacked: Option<crate::reference::Unpacked>,
}

impl Input {
    pub fn given(path: PathBuf) -> Input {
        Input {
            path,
            shown: None,
            _unpacked: None,
        }
    }

    /// The input when none is given: `./wit` if it exists, the current folder if it holds
    /// `.wit` files, else the built-in reference world (said on stderr).
    pub fn found_here() -> Result<Input, i32> {
        if Path::new("wit").is_dir() {
            return Ok(Input::given(PathBuf::from("wit")));
        }
        let has_wit = std::fs::read_dir(".").is_ok_and(|entries| {
            entries
                .filter_map(Result::ok)
                .any(|e| e.path().extension().is_some_and(|x| x == "wit"))
        });
        if has_wit {
            return Ok(Input::given(PathBuf::from(".")));
        }
        let unpacked = crate::reference::unpack().map_err(|e| {
            let _ = writeln!(
                std::io::stderr(),
                "error[io]: cannot unpack the built-in reference world: {e}"
            );
            EXIT_ERROR
        })?;
        let _ = writeln!(
            std::io::stderr(),
            "witlint: no ./wit and no .wit files here: using the built-in reference world `{}` ({})",
            crate::reference::PACKAGE,
            crate::reference::SHOWN
        );
        Ok(Input {
            path: unpacked.path.clone(),
            shown: Some(crate::reference::SHOWN),
            _unpacked: Some(unpacked),
        })
    }

    /// The given input, or [`Input::found_here`].
    pub fn or_default(given: Option<&PathBuf>) -> Result<Input, i32> {
        match given {
            Some(path) => Ok(Input::given(path.clone())),
            None => Input::found_here(),
        }
    }

    /// Loads it for a check (`features`), or for reading (`None`).
    pub fn load(&self, features: Option<&[String]>) -> Result<Workspace, LoadError> {
        let shown = self
            .shown
            .map_or_else(|| workspace::display(&self.path), str::to_string);
        workspace::load_as(&self.path, &shown, features)
    }

    /// How messages name it.
    pub fn display(&self) -> String {
        self.shown
            .map_or_else(|| workspace::display(&self.path), str::to_string)
    }
}

/// The folder config discovery starts from for an input.
fn config_start(input: &Path) -> PathBuf {
    if input.is_dir() {
        input.to_path_buf()
    } else {
        input.parent().map(Path::to_path_buf).unwrap_or_default()
    }
}

fn configure(mut c: Config, args: &CheckArgs) -> Config {
    if let Some(p) = args.preset {
        c.preset = p;
    }
    c.lint_deps |= args.lint_deps;
    c.features.extend(args.features.iter().cloned());
    c
}

/// `witlint check`: prints the report and returns the exit code. Meant to be the last thing
/// a process does: what it loaded is left for the exit to free.
pub fn check(args: &CheckArgs, color: bool) -> i32 {
    let inputs = if args.inputs.is_empty() {
        match Input::found_here() {
            Ok(input) => vec![input],
            Err(code) => return code,
        }
    } else {
        args.inputs.iter().cloned().map(Input::given).collect()
    };
    // Not locked for the whole run: rules on other threads may report timings.
    let mut stderr = std::io::stderr();
    let mut discovered: HashMap<Option<PathBuf>, Option<Config>> = HashMap::new();
    let mut loaded: Vec<(Workspace, Config)> = Vec::new();
    // A config that cannot be used is a load error of its input: in every format's report
    // (JSON `load_errors`, SARIF notifications), with exit 2.
    let mut failures: Vec<LoadError> = Vec::new();
    let explicit = args.config.as_ref().map(|path| {
        Config::load(path)
            .map_err(|e| failures.push(config_failure(&path.display().to_string(), *e)))
    });
    let mut exit = EXIT_CLEAN;
    for input in &inputs {
        let config = match &explicit {
            Some(Ok(c)) => c,
            Some(Err(())) => break,
            None => {
                let found = config::discover(&config_start(&input.path));
                let c = discovered
                    .entry(found.clone())
                    .or_insert_with(|| match &found {
                        Some(p) => Config::load(p)
                            .map_err(|e| failures.push(config_failure(&input.display(), *e)))
                            .ok(),
                        None => Some(Config::default()),
                    });
                match c {
                    Some(c) => c,
                    None => continue,
                }
            }
        };
        let config = configure(config.clone(), args);
        let result = input.load(Some(&config.features));
        match result {
            Ok(ws) => loaded.push((ws, config)),
            Err(e) => failures.push(e),
        }
    }
    // Every input is loaded before any is checked: some rules compare inputs.
    let mut findings: Vec<Finding> = Vec::new();
    for (i, (ws, config)) in loaded.iter().enumerate() {
        let others: Vec<&Workspace> = loaded
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .map(|(_, (w, _))| w)
            .collect();
        let found = crate::lint::check(ws, &others, config);
        if findings.is_empty() {
            findings = found; // no copy of a large report
        } else {
            findings.extend(found);
        }
    }
    // Each input's findings come sorted: only several inputs' need merging.
    if loaded.len() > 1 {
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    let mut workspaces: Vec<Workspace> = loaded.into_iter().map(|(w, _)| w).collect();
    // Checked, but unloadable the way consumers load it: a load error too.
    let checked = workspaces.len();
    for ws in &mut workspaces {
        if let Some(d) = ws.features_off() {
            failures.push(LoadError {
                input: ws.input.clone(),
                diagnostics: vec![d],
                sources: Default::default(),
            });
        }
    }
    findings.dedup();

    if let Some(path) = &args.write_baseline {
        // A baseline of what loaded would silently drop the findings of what did not.
        if !failures.is_empty() || exit != EXIT_CLEAN {
            let mut texts: Texts<'_> = Texts::new();
            for f in failures.iter().flat_map(|f| f.sources.iter()) {
                texts.insert(&f.path, f.text.as_str());
            }
            for d in failures.iter().flat_map(|f| &f.diagnostics) {
                let _ = writeln!(
                    stderr,
                    "{}\n",
                    report::text::render_load_error(d, &texts, color)
                );
            }
            let _ = writeln!(
                stderr,
                "error[baseline]: {} not written: {} input(s) failed to load\n  = help: fix the inputs above, then record the baseline again",
                path.display(),
                failures.len().max(1)
            );
            return EXIT_ERROR;
        }
        if !args.force
            && std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
            && baseline::Baseline::load(path).is_err()
        {
            let _ = writeln!(
                stderr,
                "error[baseline]: {} exists and is not a witlint baseline\n  = help: pass --force to overwrite it, or choose another file; nothing was written",
                path.display()
            );
            return EXIT_ERROR;
        }
        let text = baseline::render(&findings);
        if let Err(e) = write_atomically(path, &text) {
            let _ = writeln!(stderr, "error[baseline]: {e}\n  = help: {}", e.hint());
            return EXIT_ERROR;
        }
        let _ = writeln!(
            stderr,
            "witlint: recorded {} findings in {}",
            findings.len(),
            path.display()
        );
        return if failures.is_empty() && exit == EXIT_CLEAN {
            EXIT_CLEAN
        } else {
            EXIT_ERROR
        };
    }
    if let Some(path) = &args.baseline {
        match baseline::Baseline::load(path) {
            Ok(b) => {
                findings = b.apply(findings);
                findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            }
            Err(e) => {
                let _ = writeln!(stderr, "error[baseline]: {e}");
                return EXIT_ERROR;
            }
        }
    }

    let mut texts: Texts<'_> = Texts::new();
    for src in workspaces
        .iter()
        .map(|w| &w.sources)
        .chain(failures.iter().map(|f| &f.sources))
    {
        for f in src.iter() {
            texts.insert(&f.path, f.text.as_str());
        }
    }
    for failure in &failures {
        for d in &failure.diagnostics {
            let _ = writeln!(
                stderr,
                "{}\n",
                report::text::render_load_error(d, &texts, color)
            );
        }
        exit = EXIT_ERROR;
    }
    let written = to_stdout(|stdout| {
        match args.format {
            Format::Text => stdout.write_all(
                report::text::render(&findings, &texts, color, checked, failures.len()).as_bytes(),
            ),
            Format::Json => report::json::write(&findings, &failures, stdout),
            Format::Sarif => {
                stdout.write_all(report::sarif::render(&findings, &failures).as_bytes())
            }
            Format::Github => {
                stdout.write_all(report::github::render(&findings, &failures).as_bytes())
            }
        }?;
        if args.statistics {
            stdout.write_all(report::statistics(&findings).as_bytes())?;
        }
        Ok(())
    });
    if let Err(code) = written {
        return code;
    }
    if exit == EXIT_CLEAN && fails(&findings, args.fail_level) {
        exit = EXIT_FINDINGS;
    }
    exit
}

fn fails(findings: &[Finding], at: FailLevel) -> bool {
    let threshold = match at {
        FailLevel::Error => Level::Error,
        FailLevel::Warn => Level::Warn,
        FailLevel::Info => Level::Info,
        FailLevel::Never => return false,
    };
    findings.iter().any(|f| f.level >= threshold)
}

/// A config file that cannot be used, as a load error of the input it configures.
fn config_failure(input: &str, e: config::ConfigError) -> LoadError {
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

/// Writes through a temporary file in the same folder and renames it into place, so a
/// reader never sees half a file.
pub use crate::emit::write_atomically;

/// Prints why an input could not be loaded, rustc-style, to stderr.
pub fn print_load_error(e: &LoadError, color: bool) {
    let mut texts: Texts<'_> = Texts::new();
    for f in e.sources.iter() {
        texts.insert(&f.path, f.text.as_str());
    }
    let mut stderr = std::io::stderr().lock();
    for d in &e.diagnostics {
        let _ = writeln!(
            stderr,
            "{}\n",
            report::text::render_load_error(d, &texts, color)
        );
    }
}

pub fn rules(args: &RulesArgs) -> i32 {
    if let Some(dir) = &args.out {
        return rule_pages(dir, args.check, args.force);
    }
    let out = match args.format {
        ListFormat::Json => {
            let rows: Vec<_> = ALL
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "category": r.category.as_str(),
                        "level": r.level.as_str(),
                        "scope": r.scope.id(),
                        "standard": r.level_in(Preset::Standard).map(Level::as_str),
                        "minimal": r.minimal,
                        "wasi": r.wasi.as_str(),
                        "summary": r.summary,
                        "options": r.options.iter().map(|o| serde_json::json!({"name": o.name, "default": o.default, "description": o.description})).collect::<Vec<_>>(),
                    })
                })
                .collect();
            serde_json::to_string_pretty(&rows).expect("rules serialize") + "\n"
        }
        ListFormat::Text => {
            let width = ALL.iter().map(|r| r.id.len()).max().unwrap_or(0);
            let mut s = format!(
                "{:<width$}  {:<10}  {:<16}  {:<8}  {:<8}  summary\n",
                "rule", "category", "auto applies to", "standard", "wasi"
            );
            for r in ALL {
                let std_level = match (r.level_in(Preset::Standard), r.minimal) {
                    (None, _) => "off".to_string(),
                    (Some(l), true) => format!("{}*", l.as_str()),
                    (Some(l), false) => l.as_str().to_string(),
                };
                let scope = match r.scope {
                    Scope::Anywhere => "any package",
                    Scope::WasiConventions => "WASI-style",
                    Scope::WasiPreset => "(wasi preset)",
                };
                s.push_str(&format!(
                    "{:<width$}  {:<10}  {:<16}  {:<8}  {:<8}  {}\n",
                    r.id,
                    r.category.as_str(),
                    scope,
                    std_level,
                    r.wasi.as_str(),
                    r.summary
                ));
            }
            s.push_str(
                "\nThe default preset is `auto`: `standard`'s levels, with the WASI-style rules only for\n\
                 packages in `wasi:` or that gate their own items (`wasi-conventions` in witlint.toml).\n\
                 * also enabled by the `minimal` preset. Details: witlint explain <rule>\n",
            );
            s
        }
    };
    print_out(&out, EXIT_CLEAN)
}

pub fn explain(id: &str) -> i32 {
    match crate::lint::rule(id) {
        Some(r) => {
            let options: String = r
                .options
                .iter()
                .map(|o| {
                    format!(
                        "\n- `{}` (default {}): {}",
                        o.name, o.default, o.description
                    )
                })
                .collect();
            let text = format!(
                "# {}\n\n{}\n\ncategory: {} · level: {} (standard), {} (wasi){} · applies to: {}{}\n\n{}\n",
                r.id,
                r.summary,
                r.category.as_str(),
                r.level_in(Preset::Standard).map_or("off", Level::as_str),
                r.wasi.as_str(),
                if r.minimal {
                    ", kept by the minimal preset"
                } else {
                    ""
                },
                r.scope.describe(),
                if options.is_empty() {
                    String::new()
                } else {
                    format!("\n\noptions:{options}")
                },
                r.explanation
            );
            print_out(&text, EXIT_CLEAN)
        }
        None => {
            let close: Vec<&str> = ALL
                .iter()
                .map(|r| r.id)
                .filter(|r| {
                    r.contains(id)
                        || id.contains(r)
                        || id.split('-').any(|w| w.len() > 3 && r.contains(w))
                })
                .collect();
            eprintln!("error: no rule `{id}`");
            if !close.is_empty() {
                eprintln!("  = help: did you mean {}?", close.join(", "));
            }
            eprintln!("  = help: `witlint rules` lists every rule");
            EXIT_ERROR
        }
    }
}

/// `witlint rules --out DIR`: the book's rule pages and their SUMMARY.md region.
fn rule_pages(dir: &Path, check: bool, force: bool) -> i32 {
    use crate::docs::command::{Region, finish_with, orphans, summary};
    use crate::emit::Output;
    let command = format!("witlint rules --out {}", dir.display());
    let header =
        crate::docs::render::generated_header("its rule catalogue", "witlint rules --out DIR");
    let pages = crate::lint::pages::pages(&header);
    let mut outputs: Vec<Output> = pages
        .iter()
        .map(|(file, _, text)| Output::new(dir.join(file), text.clone()))
        .collect();
    let entries = |prefix: &str| {
        let at = |file: &str| {
            if prefix.is_empty() {
                file.to_string()
            } else {
                format!("{prefix}/{file}")
            }
        };
        pages
            .iter()
            .enumerate()
            .map(|(i, (file, title, _))| {
                let indent = if i == 0 { "" } else { "  " };
                format!("{indent}- [{title}]({})\n", at(file))
            })
            .collect::<String>()
    };
    let region = Region {
        begin: "<!-- witlint:rules:begin -->",
        end: "<!-- witlint:rules:end -->",
    };
    match summary(dir, &entries, &region, &header) {
        Ok(s) => outputs.push(s),
        Err(code) => return code,
    }
    let orphans = orphans(dir, &outputs, &header);
    finish_with(check, force, &outputs, &orphans, Some(dir), &command)
}
