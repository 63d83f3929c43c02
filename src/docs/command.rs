//! `witlint docs`: from arguments to files (or a `--check` verdict) and an exit code.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use wit_bindgen_core::wit_parser::WorldId;

use super::model;
use super::render::{self, RenderOptions, Templates, is_generated};
use crate::cli::{DocsArgs, DocsFormat};
use crate::commands::{
    EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Input, print_load_error, print_out, to_stdout, usage,
};
use crate::emit::{self, Mode, Output};
use crate::workspace::{ItemPath, Workspace, display};

/// The marked region of a book's SUMMARY.md that witlint owns.
pub const SUMMARY_BEGIN: &str = "<!-- witlint:begin -->";
pub const SUMMARY_END: &str = "<!-- witlint:end -->";

/// The command line that regenerates this output, for file headers and `--check`.
fn regenerate_command(args: &DocsArgs, input: &str) -> String {
    let mut cmd = format!("witlint docs {input}");
    if let Some(out) = &args.out {
        cmd.push_str(&format!(" --out {}", display(out)));
    }
    if let Some(single) = &args.single {
        cmd.push_str(&format!(" --single {}", display(single)));
    }
    if let Some(w) = &args.world {
        cmd.push_str(&format!(" --world {w}"));
    }
    if args.inline_deps {
        cmd.push_str(" --inline-deps");
    }
    for d in &args.dep_url {
        cmd.push_str(&format!(" --dep-url {d}"));
    }
    if let Some(s) = &args.source_url {
        cmd.push_str(&format!(" --source-url '{s}'"));
    }
    if let Some(t) = &args.templates {
        cmd.push_str(&format!(" --templates {}", display(t)));
    }
    cmd
}

pub fn run(args: &DocsArgs, color: bool) -> i32 {
    let input = match Input::or_default(args.input.as_ref()) {
        Ok(input) => input,
        Err(code) => return code,
    };
    let mut dep_urls = Vec::new();
    for d in &args.dep_url {
        match d.split_once('=') {
            Some((pkg, url)) if pkg.contains(':') && !url.is_empty() => {
                dep_urls.push((pkg.to_string(), url.to_string()))
            }
            _ => {
                return usage(
                    &format!("`--dep-url {d}` is not PKG=URL"),
                    "write e.g. `--dep-url wasi:io=https://example.com/wasi-io/{interface}.html#{anchor}`",
                );
            }
        }
    }
    if let Some(dir) = &args.templates
        && !dir.is_dir()
    {
        return usage(
            &format!("template folder `{}` does not exist", dir.display()),
            "pass a folder holding any of item.hbs, interface-body.hbs, interface.hbs, package.hbs, world.hbs",
        );
    }
    let ws = match input.load(None) {
        Ok(ws) => ws,
        Err(e) => {
            print_load_error(&e, color);
            return EXIT_ERROR;
        }
    };
    // A single file shows one world: only the packages it reaches need a model.
    let world_id = match (&args.out, args.format) {
        (None, DocsFormat::Markdown) => match pick_world(&ws, args.world.as_deref()) {
            Ok(w) => w,
            Err(code) => return code,
        },
        _ => None,
    };
    let reach = world_id.map(|id| model::Reach::of(&ws, id));
    // Without `--dep-url`, a world's page links only into the packages it reaches: index
    // only those (the others can be half of a workspace).
    if let Some(reach) = &reach
        && dep_urls.is_empty()
    {
        ws.index_only(&|pkg| reach.packages.contains(&pkg));
    }
    let model = match &reach {
        Some(reach) => {
            model::build_for_world(&ws, reach, args.inline_deps, args.source_url.is_some())
        }
        None => model::build(&ws, args.inline_deps),
    };
    let options = RenderOptions {
        dep_urls,
        source_url: args.source_url.clone(),
        command: regenerate_command(args, &input.display()),
        header: render::generated_header(
            &ws.roots
                .iter()
                .map(|&p| format!("`{}`", ws.resolve.packages[p].name))
                .collect::<Vec<_>>()
                .join(", "),
            match (&args.out, &args.single) {
                (Some(_), _) => "witlint docs --out",
                (None, Some(_)) => "witlint docs --single",
                (None, None) => "witlint docs",
            },
        ),
    };
    if args.format == DocsFormat::Json {
        let json = serde_json::to_string_pretty(&model).expect("the doc model serializes") + "\n";
        return match &args.single {
            Some(path) => finish(
                args,
                &[Output::new(path.clone(), json)],
                &[],
                &options.command,
            ),
            None => print_out(&json, EXIT_CLEAN),
        };
    }
    // A single file is most often a world's: only its templates are needed then.
    let compiled = match args.out {
        Some(_) => Templates::compile(args.templates.as_deref()),
        None => Templates::compile_only(args.templates.as_deref(), render::WORLD_TEMPLATES),
    };
    let mut templates = match compiled {
        Ok(t) => t,
        Err(e) => return usage(&format!("{e:#}"), "fix the template named above"),
    };
    if let Some(dir) = &args.out {
        let pages = match render::pages(&ws, &model, &options, &templates) {
            Ok(p) => p,
            Err(e) => return usage(&format!("{e:#}"), "fix the template named above"),
        };
        let mut outputs: Vec<Output> = pages
            .iter()
            .map(|p| Output::new(dir.join(&p.path), p.text.clone()))
            .collect();
        let entries = |prefix: &str| render::summary_entries(&pages, prefix);
        match summary(dir, &entries, &DOCS_REGION, &options.header) {
            Ok(s) => outputs.push(s),
            Err(code) => return code,
        }
        let orphans = orphans(dir, &outputs, &options.header);
        return finish_with(
            args.check,
            args.force,
            &outputs,
            &orphans,
            Some(dir),
            &options.command,
        );
    }
    let world = world_id.and_then(|id| {
        let path = ws.index().of_world(id)?.path.clone();
        model
            .packages
            .iter()
            .flat_map(|p| &p.worlds)
            .find(|w| w.id == path)
    });
    let file_name = args
        .single
        .as_ref()
        .and_then(|p| p.file_name())
        .map_or("reference.md".to_string(), |n| {
            n.to_string_lossy().into_owned()
        });
    if world.is_none()
        && let Err(e) = templates.add(args.templates.as_deref(), render::PACKAGE_TEMPLATES)
    {
        return usage(&format!("{e:#}"), "fix the template named above");
    }
    let text = match render::single(&ws, &model, world, &file_name, &options, &templates) {
        Ok(t) => t,
        Err(e) => return usage(&format!("{e:#}"), "fix the template named above"),
    };
    match &args.single {
        Some(path) => finish(
            args,
            &[Output::new(path.clone(), text)],
            &[],
            &options.command,
        ),
        None => print_out(&text, EXIT_CLEAN),
    }
}

/// The world a single file documents: `--world`, or the only world of the input.
fn pick_world(ws: &Workspace, wanted: Option<&str>) -> Result<Option<WorldId>, i32> {
    let worlds: Vec<(WorldId, String, String)> = ws
        .roots
        .iter()
        .flat_map(|&p| {
            let package = &ws.resolve.packages[p];
            package.worlds.iter().map(|(name, &id)| {
                // The world's path as the index names it, without indexing yet.
                let path = ItemPath::container(&package.name, name).to_string();
                (id, name.clone(), path)
            })
        })
        .collect();
    let names = || {
        worlds
            .iter()
            .map(|(_, _, path)| path.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match wanted {
        Some(w) => {
            let found = worlds.iter().find(|(_, name, path)| {
                name == w || path == w || path.split('@').next() == Some(w)
            });
            match found {
                Some((id, _, _)) => Ok(Some(*id)),
                None => Err(usage(
                    &format!("no world `{w}` in the input"),
                    &format!(
                        "the input defines: {}",
                        if worlds.is_empty() {
                            "no worlds".into()
                        } else {
                            names()
                        }
                    ),
                )),
            }
        }
        None if worlds.len() > 1 => Err(usage(
            "the input defines several worlds; a single file documents one",
            &format!("pass --world with one of: {}", names()),
        )),
        None => Ok(worlds.first().map(|(id, _, _)| *id)),
    }
}

/// The markers of a region of SUMMARY.md that witlint owns.
pub struct Region {
    pub begin: &'static str,
    pub end: &'static str,
}

pub const DOCS_REGION: Region = Region {
    begin: SUMMARY_BEGIN,
    end: SUMMARY_END,
};

/// SUMMARY.md: the marked region of an enclosing book's SUMMARY.md, or a new one in `dir`.
/// `entries` renders the list with paths relative to the SUMMARY's folder.
pub fn summary(
    dir: &Path,
    entries: &dyn Fn(&str) -> String,
    region: &Region,
    header: &str,
) -> Result<Output, i32> {
    // Searched from the absolute path: `--out reference` run inside a book's `src/` is in
    // that book. Found, it is shown from the current folder when it is below it.
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let found = absolute
        .ancestors()
        .take(4)
        .map(|a| a.join("SUMMARY.md"))
        .find(|p| p.is_file());
    let Some(found) = found else {
        let text = own_summary(header, region, &entries(""));
        return Ok(Output::new(dir.join("SUMMARY.md"), text));
    };
    // Spelled as `dir` when it is inside it (so that it matches the other outputs), else
    // from the current folder when it is below it.
    let path = match found.strip_prefix(&absolute) {
        Ok(inside) => dir.join(inside),
        Err(_) => std::env::current_dir()
            .ok()
            .and_then(|cwd| found.strip_prefix(cwd).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| found.clone()),
    };
    let existing = crate::input::read_to_string(&found).unwrap_or_default();
    let prefix = absolute
        .strip_prefix(found.parent().unwrap_or(Path::new("/")))
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        })
        .unwrap_or_default();
    let (begin, end) = (existing.find(region.begin), existing.find(region.end));
    // Other packages documented into the same book keep their entries.
    let old = match (begin, end) {
        (Some(b), Some(e)) if e > b => &existing[b + region.begin.len()..e],
        _ => "",
    };
    let summary_dir = found.parent().unwrap_or(Path::new("/"));
    let merged = merge_entries(old, &entries(&prefix), &|link| {
        summary_dir.join(link).is_file()
    });
    if is_generated(&existing) {
        return Ok(Output::new(path, own_summary(header, region, &merged)));
    }
    let block = format!("{}\n{merged}{}", region.begin, region.end);
    let text = match (begin, end) {
        (Some(b), Some(e)) if e > b => format!(
            "{}{block}{}",
            &existing[..b],
            &existing[e + region.end.len()..]
        ),
        (None, None) => format!("{}\n\n{block}\n", existing.trim_end()),
        _ => {
            return Err(usage(
                &format!("{} has only one of the witlint markers", path.display()),
                &format!(
                    "restore both `{}` and `{}`, or remove both",
                    region.begin, region.end
                ),
            ));
        }
    };
    Ok(Output {
        path,
        text,
        region_only: true,
    })
}

/// A SUMMARY.md of witlint's own, for an output folder outside any book.
fn own_summary(header: &str, region: &Region, entries: &str) -> String {
    format!(
        "{header}\n\n# Summary\n\n{}\n{entries}{}\n",
        region.begin, region.end
    )
}

/// The entries of a SUMMARY region, with `new`'s packages replacing the same packages'
/// entries in `old`, and the others kept while their page `exists`: each top-level entry
/// and the entries nested under it, keyed by the folder its link points into, in the order
/// of those folders.
fn merge_entries(old: &str, new: &str, exists: &dyn Fn(&str) -> bool) -> String {
    // (folder, link, text)
    fn groups(list: &str) -> Vec<(String, String, String)> {
        let mut out: Vec<(String, String, String)> = Vec::new();
        for line in list.lines().filter(|l| !l.trim().is_empty()) {
            if line.starts_with(' ') {
                if let Some((_, _, text)) = out.last_mut() {
                    text.push_str(line);
                    text.push('\n');
                }
                continue;
            }
            let link = line
                .rsplit_once("](")
                .map_or("", |(_, l)| l.trim_end_matches(')'));
            let folder = link.rsplit_once('/').map_or("", |(f, _)| f).to_string();
            out.push((folder, link.to_string(), format!("{line}\n")));
        }
        out
    }
    let fresh = groups(new);
    let mut all: Vec<(String, String, String)> = groups(old)
        .into_iter()
        .filter(|(folder, link, _)| !fresh.iter().any(|(f, ..)| f == folder) && exists(link))
        .collect();
    if all.is_empty() {
        // This run's packages alone keep their order (the input's own first).
        return new.to_string();
    }
    // With other runs' packages, an order that does not depend on which ran last.
    all.extend(fresh);
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all.into_iter().map(|(.., text)| text).collect()
}

/// Markdown files under `dir` that `generator` (`witlint docs`) generated and that no output
/// produces any more. Files other commands generated are left alone.
pub fn orphans(dir: &Path, outputs: &[Output], header: &str) -> Vec<PathBuf> {
    // Only what this kind of run of this package generated: its header, to the letter.
    let ours = |t: &str| t.lines().next() == Some(header);
    let keep: HashSet<&Path> = outputs.iter().map(|o| o.path.as_path()).collect();
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.filter_map(Result::ok) {
            let path = e.path();
            let Ok(kind) = e.file_type() else { continue };
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file()
                && path.extension().is_some_and(|x| x == "md")
                && !keep.contains(path.as_path())
                && std::fs::read_to_string(&path).is_ok_and(|t| ours(&t))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Writes or checks one file (`--single`).
fn finish(args: &DocsArgs, outputs: &[Output], orphans: &[PathBuf], command: &str) -> i32 {
    finish_with(args.check, args.force, outputs, orphans, None, command)
}

/// Writes or checks generated files and reports the outcome; the exit code.
pub fn finish_with(
    check: bool,
    force: bool,
    outputs: &[Output],
    orphans: &[PathBuf],
    within: Option<&Path>,
    command: &str,
) -> i32 {
    let mode = if check {
        Mode::Check
    } else {
        Mode::Write { force }
    };
    let owned = |t: &str| is_generated(t) || t.contains("<!-- witlint:");
    let report = match emit::emit(outputs, orphans, mode, within, owned) {
        Ok(r) => r,
        Err(e) => return usage(&e.to_string(), e.hint()),
    };
    // stderr is unbuffered: without this every piece of a formatted line is a write.
    let mut stderr = std::io::LineWriter::new(std::io::stderr().lock());
    if check {
        let written = to_stdout(|stdout| {
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
        });
        if let Err(code) = written {
            return code;
        }
        if report.is_fresh() {
            let _ = writeln!(
                stderr,
                "witlint: {} generated files are up to date",
                report.unchanged.len()
            );
            return EXIT_CLEAN;
        }
        let _ = writeln!(
            stderr,
            "witlint: {} stale, {} without a source; regenerate with:\n  {command}",
            report.stale.len(),
            report.orphans.len()
        );
        return EXIT_FINDINGS;
    }
    let _ = writeln!(
        stderr,
        "witlint: wrote {} file(s) ({} unchanged, {} removed)",
        report.written.len(),
        report.unchanged.len(),
        report.orphans.len()
    );
    EXIT_CLEAN
}

/// `witlint mdbook [supports R]`: the preprocessor protocol.
pub fn mdbook(supports: bool) -> i32 {
    if supports {
        return EXIT_CLEAN;
    }
    let input = match crate::input::read_stdin() {
        Ok(input) => input,
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "error[io]: cannot read mdBook's input: {e}"
            );
            return EXIT_ERROR;
        }
    };
    match super::mdbook::preprocess(&input) {
        Ok(book) => print_out(&book, EXIT_CLEAN),
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "error[mdbook]: {e:#}\n  = help: write `{{{{#wit ns:pkg/interface}}}}` with an interface or world of the input set by `[preprocessor.wit] input`"
            );
            EXIT_ERROR
        }
    }
}
