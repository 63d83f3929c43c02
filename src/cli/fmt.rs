//! `witlint fmt [INPUTS]`: lays out the input's own `.wit` files in place, each change
//! proved to keep the package's meaning first; `--check` and `--diff` write nothing; `-`
//! reads one file from stdin and writes it to stdout.

use std::io::{Read, Write};
use std::path::PathBuf;

use clap::Args;

use super::shared::{
    Exit, Failure, Input, Outcome, print_load_errors, print_stdout, rewrite_own_files,
};
use witlint::project::format::{Formatted, Settings, format, format_with};
use witlint::report::Texts;

#[derive(Args, Debug)]
pub struct FmtArgs {
    /// WIT folders or .wit files (default: ./wit if it exists, else .); `-` formats stdin
    /// to stdout
    pub inputs: Vec<PathBuf>,
    /// Write nothing: list the files that would change, and exit 1 if there are any
    #[arg(long)]
    pub check: bool,
    /// Write nothing: print the unified diff of what would change, and exit 1 if there is one
    #[arg(long)]
    pub diff: bool,
}

pub fn run(args: &FmtArgs, color: bool) -> Outcome {
    if args.inputs.iter().any(|p| p.as_os_str() == "-") {
        return stdin(args, color);
    }
    let inputs = Input::all_or_here(&args.inputs, "fmt")?;
    let mut changed: Vec<Formatted> = Vec::new();
    let mut failures = Vec::new();
    for input in &inputs {
        if input.is_builtin() {
            return Err(Failure::usage(
                "the built-in reference world has no files to format",
                "run `witlint fmt` on a WIT folder or file",
            ));
        }
        match format(&input.path, &input.display()) {
            Ok(files) => changed.extend(files.into_iter().filter(|f| f.after != f.before)),
            Err(e) => failures.push(e),
        }
    }
    if !failures.is_empty() {
        // Nothing is written when an input fails: its error is the answer.
        print_load_errors(&failures, &Texts::new(), color);
        return Ok(Exit::Failed);
    }
    let mut stderr = std::io::stderr().lock();
    if args.check || args.diff {
        let mut out = String::new();
        for f in &changed {
            if args.diff {
                out.push_str(&witlint::emit::diff(&f.path, &f.before, &f.after));
            } else {
                out.push_str(&format!("{}\n", f.shown));
            }
        }
        print_stdout(&out)?;
        let _ = writeln!(
            stderr,
            "witlint: {} file(s) would be formatted",
            changed.len()
        );
        return Ok(if changed.is_empty() {
            Exit::Clean
        } else {
            Exit::Findings
        });
    }
    let outputs: Vec<witlint::emit::Output> = changed
        .iter()
        .map(|f| witlint::emit::Output::new(f.path.clone(), f.after.clone()))
        .collect();
    rewrite_own_files(&outputs)?;
    let _ = writeln!(stderr, "witlint: formatted {} file(s)", changed.len());
    Ok(Exit::Clean)
}

/// `witlint fmt -`: one file from stdin, formatted to stdout (as editors run formatters),
/// proved as a package of its own.
fn stdin(args: &FmtArgs, color: bool) -> Outcome {
    if args.inputs.len() > 1 {
        return Err(Failure::usage(
            "`-` formats stdin alone",
            "run `witlint fmt -` on its own, or name the files to format",
        ));
    }
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| Failure::usage(format!("cannot read stdin: {e}"), "pipe a .wit file in"))?;
    let dir = tempfile::tempdir().map_err(|e| {
        Failure::usage(
            format!("cannot make a temporary folder: {e}"),
            "check TMPDIR",
        )
    })?;
    let file = dir.path().join("stdin.wit");
    std::fs::write(&file, &text)
        .map_err(|e| Failure::usage(format!("cannot stage stdin: {e}"), "check TMPDIR"))?;
    // An editor runs `witlint fmt -` in the project: its witlint.toml applies.
    let settings = match Settings::of(std::path::Path::new("."), "<stdin>") {
        Ok(settings) => settings,
        Err(e) => {
            print_load_errors(std::slice::from_ref(&e), &Texts::new(), color);
            return Ok(Exit::Failed);
        }
    };
    match format_with(&file, "<stdin>", &Default::default(), &settings) {
        Ok(files) => {
            let after = files.into_iter().next().map_or(text, |f| f.after);
            print_stdout(&after)?;
            Ok(Exit::Clean)
        }
        Err(e) => {
            print_load_errors(std::slice::from_ref(&e), &Texts::new(), color);
            Ok(Exit::Failed)
        }
    }
}
