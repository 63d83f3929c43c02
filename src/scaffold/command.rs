//! `witlint scaffold host|guest|world`: from arguments to files and an exit code.

use std::io::Write;
use std::path::{Path, PathBuf};

use wit_bindgen_core::wit_parser::{Resolve, WorldId};

use super::wit_tree::{self, Target, WitFile};
use super::{guest, host, invalid_crate_name, render, template_names, world};
use crate::cli::{GuestArgs, HostArgs, ScaffoldCommand, ScaffoldOutput, WorldArgs};
use crate::commands::{
    EXIT_CLEAN, EXIT_ERROR, Input, print_load_error, print_out, to_stdout, usage,
};
use crate::emit::{self, Mode, Output};
use crate::workspace::{Workspace, display};

fn failure(e: &anyhow::Error) -> i32 {
    let _ = writeln!(std::io::stderr(), "error: {e:#}");
    EXIT_ERROR
}

pub fn run(command: &ScaffoldCommand, color: bool) -> i32 {
    match command {
        ScaffoldCommand::Host(args) => run_host(args, color),
        ScaffoldCommand::Guest(args) => run_guest(args, color),
        ScaffoldCommand::World(args) => run_world(args, color),
    }
}

/// Checks what can be checked before reading any WIT.
fn preflight(name: Option<&str>, output: &ScaffoldOutput) -> Result<(), i32> {
    if let Some(why) = name.and_then(invalid_crate_name) {
        return Err(usage(
            &why,
            "pass a Rust package name such as `redis-keyvalue`; choose the parent folder with --out",
        ));
    }
    if let Some(dir) = &output.templates
        && !dir.is_dir()
    {
        return Err(usage(
            &format!("template folder `{}` does not exist", dir.display()),
            &format!(
                "pass a folder holding any of: {}",
                template_names()
                    .map(|n| format!("{n}.hbs"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    Ok(())
}

fn load(output: &ScaffoldOutput, color: bool) -> Result<Workspace, i32> {
    let input = Input::or_default(output.wit.as_ref())?;
    input.load(None).map_err(|e| {
        print_load_error(&e, color);
        EXIT_ERROR
    })
}

/// The crate's `wit/` files and the world its bindings are generated for.
struct CrateWit {
    files: Vec<WitFile>,
    resolve: Resolve,
    world: WorldId,
    /// The target as users name it: `ns:pkg/name@version`.
    target: String,
    /// `world: "…"` or, for an interface, `interfaces: "import …;"`.
    bindgen_source: String,
}

fn crate_wit(ws: &Workspace, target: Target) -> anyhow::Result<CrateWit> {
    let r = &ws.resolve;
    let pkg = wit_tree::target_package(r, target)
        .ok_or_else(|| anyhow::anyhow!("the target belongs to no package"))?;
    let packages = wit_tree::closure(ws, &[pkg]);
    let files = wit_tree::files(ws, Some(pkg), &packages)?;
    let (mut resolve, _) = wit_tree::local_resolve(&files)?;
    let local = wit_tree::same_target(r, target, &resolve)
        .ok_or_else(|| anyhow::anyhow!("the target is missing from the copied wit/"))?;
    Ok(match local {
        Target::World(w) => {
            let target = wit_tree::world_id(&resolve, w);
            CrateWit {
                bindgen_source: format!("world: \"{target}\""),
                files,
                resolve,
                world: w,
                target,
            }
        }
        Target::Interface(i) => {
            // wasmtime's `interfaces:` option: a synthesized world importing the interface.
            let target = resolve.id_of(i).unwrap_or_default();
            let pkg = resolve
                .push_str(
                    "interfaces.wit",
                    &format!(
                        "package wasmtime:component-macro-synthesized;\nworld interfaces {{\n    import {target};\n}}\n"
                    ),
                )
                .map_err(|e| anyhow::anyhow!("{e:#}"))?;
            let world = resolve.select_world(&[pkg], None)?;
            CrateWit {
                bindgen_source: format!("interfaces: \"import {target};\""),
                files,
                resolve,
                world,
                target,
            }
        }
    })
}

/// The common start of a crate scaffold: check the arguments, load the input, find the
/// target and gather the crate's `wit/`. On failure, the exit code (the error is printed).
fn prepare_crate(
    name: &str,
    output: &ScaffoldOutput,
    spec: &str,
    worlds_only: bool,
    color: bool,
) -> Result<CrateWit, i32> {
    preflight(Some(name), output)?;
    let ws = load(output, color)?;
    let target = wit_tree::find_target(&ws, spec, worlds_only).map_err(|msg| {
        let hint = if worlds_only {
            "name a world as ns:pkg/world[@version]"
        } else {
            "name a world or interface as ns:pkg/name[@version]"
        };
        usage(&msg, hint)
    })?;
    crate_wit(&ws, target).map_err(|e| failure(&e))
}

fn run_host(args: &HostArgs, color: bool) -> i32 {
    let cw = match prepare_crate(&args.name, &args.output, &args.target, false, color) {
        Ok(cw) => cw,
        Err(code) => return code,
    };
    if let Some(func) = host::unsupported_async(&cw.resolve, cw.world) {
        return usage(
            &format!("`{func}` is a WIT async function; host scaffolds do not cover those yet"),
            "wasmtime implements them through `HostWithStore` traits with an `Accessor`; scaffold a WASI 0.2 world, or write those traits by hand",
        );
    }
    let model = host::model(
        &cw.resolve,
        cw.world,
        host::HostOptions {
            crate_name: args.name.clone(),
            wasmtime: args.wasmtime,
            is_async: args.is_async,
            bindgen_source: cw.bindgen_source.clone(),
            target: cw.target.clone(),
        },
    );
    let dir = args.output.templates.as_deref();
    let rendered = (|| {
        Ok::<_, anyhow::Error>(vec![
            ("Cargo.toml".into(), render("host/Cargo.toml", &model, dir)?),
            ("src/lib.rs".into(), render("host/lib.rs", &model, dir)?),
            (
                "tests/linker.rs".into(),
                render("host/linker.rs", &model, dir)?,
            ),
        ])
    })();
    let mut files: Vec<(PathBuf, String)> = match rendered {
        Ok(f) => f,
        Err(e) => return failure(&e),
    };
    files.extend(cw.files.into_iter().map(|f| (f.path, f.text)));
    let dest = args.output.out.join(&args.name);
    finish(
        &dest,
        files,
        &args.output,
        &format!(
            "a wasmtime host for {} ({} host traits to implement)",
            cw.target,
            model.impls.len()
        ),
        &format!("cd {} && cargo test", display(&dest)),
    )
}

fn run_guest(args: &GuestArgs, color: bool) -> i32 {
    let cw = match prepare_crate(&args.name, &args.output, &args.world, true, color) {
        Ok(cw) => cw,
        Err(code) => return code,
    };
    let generated = guest::generate(
        &cw.resolve,
        cw.world,
        &args.name,
        &cw.target,
        args.bindings,
        args.output.templates.as_deref(),
    );
    let mut files = match generated {
        Ok(f) => f,
        Err(e) => return failure(&e),
    };
    files.extend(cw.files.into_iter().map(|f| (f.path, f.text)));
    let dest = args.output.out.join(&args.name);
    finish(
        &dest,
        files,
        &args.output,
        &format!("a guest component for {}", cw.target),
        &format!(
            "cd {} && cargo build --target wasm32-wasip2",
            display(&dest)
        ),
    )
}

fn run_world(args: &WorldArgs, color: bool) -> i32 {
    if let Err(code) = preflight(None, &args.output) {
        return code;
    }
    let ws = match load(&args.output, color) {
        Ok(ws) => ws,
        Err(code) => return code,
    };
    let package = match world::plan(&ws, args) {
        Ok(p) => p,
        Err((msg, hint)) => return usage(&msg, &hint),
    };
    for dep in world::prerelease_deps(&ws, &package) {
        let _ = writeln!(
            std::io::stderr(),
            "warning: {} is stable but depends on the prerelease {dep}\n  = help: `witlint check` reports this (stable-depends-on-prerelease); give the package a prerelease version such as {}-draft",
            package.package,
            package.package
        );
    }
    let files = match world::generate(&ws, &package, args.output.templates.as_deref()) {
        Ok(f) => f,
        Err(e) => return failure(&e),
    };
    let dest = args.output.out.join("wit");
    let files = files
        .into_iter()
        .map(|f| {
            let rel = f
                .path
                .strip_prefix("wit")
                .map(Path::to_path_buf)
                .unwrap_or(f.path);
            (rel, f.text)
        })
        .collect();
    finish(
        &dest,
        files,
        &args.output,
        &format!("the WIT package {}", package.package),
        &format!("witlint check {} --preset wasi", display(&dest)),
    )
}

/// Writes `files` under `dest`, or lists them with `--dry-run`. Refuses a non-empty `dest`
/// unless `--force`.
fn finish(
    dest: &Path,
    files: Vec<(PathBuf, String)>,
    output: &ScaffoldOutput,
    what: &str,
    next: &str,
) -> i32 {
    if output.dry_run {
        let listed = to_stdout(|out| {
            writeln!(out, "would create {what} in {}:", display(dest))?;
            for (path, text) in &files {
                writeln!(out, "  {} ({} bytes)", path.display(), text.len())?;
            }
            Ok(())
        });
        return listed.map_or_else(|code| code, |()| EXIT_CLEAN);
    }
    let non_empty = std::fs::read_dir(dest).is_ok_and(|mut d| d.next().is_some());
    if non_empty && !output.force {
        return usage(
            &format!("{} exists and is not empty", display(dest)),
            "choose another --out or --name, or pass --force to write into it (existing files with the same names are overwritten); nothing was written",
        );
    }
    if dest.exists() && !dest.is_dir() {
        return usage(
            &format!("{} exists and is not a folder", display(dest)),
            "choose another --out or --name; nothing was written",
        );
    }
    let outputs: Vec<Output> = files
        .into_iter()
        .map(|(path, text)| Output::new(dest.join(path), text))
        .collect();
    match emit::emit(
        &outputs,
        &[],
        Mode::Write {
            force: output.force,
        },
        Some(dest),
        |_| false,
    ) {
        Ok(report) => print_out(
            &format!(
                "created {what} in {} ({} files)\nnext: {next}\n",
                display(dest),
                report.written.len() + report.unchanged.len()
            ),
            EXIT_CLEAN,
        ),
        Err(e) => usage(&e.to_string(), e.hint()),
    }
}
