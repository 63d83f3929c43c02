//! `witlint scaffold host|guest|world`: generates the files, then writes them into a new
//! folder (or lists them with `--dry-run`).

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::shared::{Exit, Failure, Input, Outcome, print_stdout, print_warning, write_stdout};
use witlint::emit::{self, Mode, Output};
use witlint::scaffold::{self, Bindings, GuestSpec, HostSpec, Scaffold, WorldSpec};
use witlint::workspace::display;

#[derive(Subcommand, Debug)]
pub enum ScaffoldCommand {
    /// A wasmtime host crate implementing every import of a world (or one interface)
    Host(HostArgs),
    /// A guest component crate implementing every export of a world
    Guest(GuestArgs),
    /// A new WIT package whose world includes other worlds and interfaces
    World(WorldArgs),
}

/// Where a scaffold reads WIT from and writes to.
#[derive(Args, Debug)]
pub struct ScaffoldOutput {
    /// WIT folder (with deps/), .wit file or .wasm package. Default: `./wit` if it exists, else the current folder
    #[arg(long, value_name = "PATH")]
    pub wit: Option<PathBuf>,
    /// Folder to create the crate or package in
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,
    /// Write into a non-empty folder, overwriting files
    #[arg(long)]
    pub force: bool,
    /// List the files that would be written, write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Folder with replacements for the built-in templates (e.g. host/lib.rs.hbs)
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct HostArgs {
    /// The world or interface to implement: ns:pkg/name, optionally @version
    pub target: String,
    /// Crate name; the crate is written to <out>/<name>
    #[arg(long)]
    pub name: String,
    /// wasmtime major version to depend on (48 builds with rustc 1.95)
    #[arg(long, value_name = "N", default_value_t = 48)]
    pub wasmtime: u32,
    /// Generate async host functions (`imports: { default: async | trappable }`)
    #[arg(long = "async")]
    pub is_async: bool,
    #[command(flatten)]
    pub output: ScaffoldOutput,
}

#[derive(Args, Debug)]
pub struct GuestArgs {
    /// The world to target: ns:pkg/world, optionally @version
    pub world: String,
    /// Crate name; the crate is written to <out>/<name>
    #[arg(long)]
    pub name: String,
    /// How the crate gets its bindings
    #[arg(long, value_enum, default_value_t = Bindings::Macro)]
    pub bindings: Bindings,
    #[command(flatten)]
    pub output: ScaffoldOutput,
}

#[derive(Args, Debug)]
pub struct WorldArgs {
    /// The new package and world: ns:name@version (the world is named after the package)
    pub package: String,
    /// Worlds to include: ns:pkg/world@version
    #[arg(long, value_name = "WORLD")]
    pub include: Vec<String>,
    /// Interfaces to import: ns:pkg/interface@version
    #[arg(long, value_name = "INTERFACE")]
    pub import: Vec<String>,
    /// Interfaces to export: ns:pkg/interface@version
    #[arg(long, value_name = "INTERFACE")]
    pub export: Vec<String>,
    /// The package's licence, an SPDX expression: written to wit/witlint.toml for
    /// `witlint build`
    #[arg(long, value_name = "SPDX")]
    pub licenses: Option<String>,
    /// Where the package's source lives (a URL): written to wit/witlint.toml
    #[arg(long, value_name = "URL")]
    pub source: Option<String>,
    #[command(flatten)]
    pub output: ScaffoldOutput,
}

pub fn run(command: &ScaffoldCommand) -> Outcome {
    let (made, output) = match command {
        ScaffoldCommand::Host(args) => {
            let spec = HostSpec {
                target: args.target.clone(),
                crate_name: args.name.clone(),
                wasmtime: args.wasmtime,
                is_async: args.is_async,
                templates: args.output.templates.clone(),
            };
            // Refused before any WIT is read.
            scaffold::generate::check_arguments(Some(&args.name), spec.templates.as_deref())?;
            let ws = Input::or_builtin(args.output.wit.as_ref())?
                .load(witlint::project::load::Mode::Read)?;
            (scaffold::host_crate(&ws, &spec)?, &args.output)
        }
        ScaffoldCommand::Guest(args) => {
            let spec = GuestSpec {
                world: args.world.clone(),
                crate_name: args.name.clone(),
                bindings: args.bindings,
                templates: args.output.templates.clone(),
            };
            scaffold::generate::check_arguments(Some(&args.name), spec.templates.as_deref())?;
            let ws = Input::or_builtin(args.output.wit.as_ref())?
                .load(witlint::project::load::Mode::Read)?;
            (scaffold::guest_crate(&ws, &spec)?, &args.output)
        }
        ScaffoldCommand::World(args) => {
            let spec = WorldSpec {
                package: args.package.clone(),
                include: args.include.clone(),
                import: args.import.clone(),
                export: args.export.clone(),
                licenses: args.licenses.clone(),
                source: args.source.clone(),
            };
            let templates = args.output.templates.as_deref();
            scaffold::generate::check_arguments(None, templates)?;
            let ws = Input::or_builtin(args.output.wit.as_ref())?
                .load(witlint::project::load::Mode::Read)?;
            (
                scaffold::world_package(&ws, &spec, templates)?,
                &args.output,
            )
        }
    };
    for warning in &made.warnings {
        print_warning(warning);
    }
    write_scaffold(made, output)
}

/// Writes the files under `<out>/<folder>`, or lists them with `--dry-run`. Refuses a
/// non-empty folder unless `--force`.
fn write_scaffold(made: Scaffold, output: &ScaffoldOutput) -> Outcome {
    let dest = output.out.join(&made.folder);
    if output.dry_run {
        write_stdout(|out| {
            writeln!(out, "would create {} in {}:", made.what, display(&dest))?;
            for (path, text) in &made.files {
                writeln!(out, "  {} ({} bytes)", path.display(), text.len())?;
            }
            Ok(())
        })?;
        return Ok(Exit::Clean);
    }
    refuse_existing(&dest, output.force)?;
    let outputs: Vec<Output> = made
        .files
        .iter()
        .map(|(path, text)| Output::new(dest.join(path), text.clone()))
        .collect();
    let mode = Mode::Write {
        force: output.force,
    };
    let report = emit::emit(&outputs, &[], mode, Some(&dest), |_| false)?;
    print_stdout(&format!(
        "created {} in {} ({} files)\nnext: {}\n",
        made.what,
        display(&dest),
        report.written.len() + report.unchanged.len(),
        made.next_step(&display(&dest))
    ))?;
    Ok(Exit::Clean)
}

fn refuse_existing(dest: &Path, force: bool) -> Result<(), Failure> {
    let non_empty = std::fs::read_dir(dest).is_ok_and(|mut d| d.next().is_some());
    if non_empty && !force {
        return Err(Failure::usage(
            format!("{} exists and is not empty", display(dest)),
            "choose another --out or --name, or pass --force to write into it (existing files with the same names are overwritten); nothing was written",
        ));
    }
    if dest.exists() && !dest.is_dir() {
        return Err(Failure::usage(
            format!("{} exists and is not a folder", display(dest)),
            "choose another --out or --name; nothing was written",
        ));
    }
    Ok(())
}
