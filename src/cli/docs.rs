//! `witlint docs`: an mdBook tree, one Markdown file, or the doc model, written (or with
//! `--check`, compared with the disk).

use std::path::PathBuf;

use std::io::Write;

use clap::{Args, ValueEnum};

use super::shared::{
    Exit, Failure, Input, Outcome, generated_by_docs, print_stdout, write_generated,
};
use witlint::docs::generated::RenderOptions;
use witlint::docs::{self, DocsOptions, book};
use witlint::emit::Output;
use witlint::workspace::display;

#[derive(Args, Debug)]
pub struct DocsArgs {
    /// The WIT folder (with deps/), .wit file or .wasm package. Default: `./wit` if it exists, else the current folder
    pub input: Option<PathBuf>,
    /// Write an mdBook source tree here: a page per package, interface and world, plus
    /// SUMMARY.md entries (inside an existing book, only witlint's marked region of its SUMMARY.md)
    #[arg(long, value_name = "DIR", conflicts_with = "single")]
    pub out: Option<PathBuf>,
    /// Write one Markdown file documenting a world and every interface it uses
    #[arg(long, value_name = "FILE")]
    pub single: Option<PathBuf>,
    /// The world for --single (name or `ns:pkg/name`); needed when the input has several
    #[arg(long, value_name = "WORLD")]
    pub world: Option<String>,
    /// Markdown, or the doc model as JSON
    #[arg(long, value_enum, default_value_t = DocsFormat::Markdown)]
    pub format: DocsFormat,
    /// Compare with the files on disk instead of writing: exit 1 with a diff when stale
    #[arg(long)]
    pub check: bool,
    /// Overwrite files witlint did not generate
    #[arg(long)]
    pub force: bool,
    /// Document the packages under deps/ too (default: link to them with --dep-url)
    #[arg(long)]
    pub inline_deps: bool,
    /// Where a dependency's docs live: PKG=URL, e.g. `wasi:io=https://…/{interface}.html#{anchor}`
    #[arg(long, value_name = "PKG=URL")]
    pub dep_url: Vec<String>,
    /// Link each item to its source: a URL with {path} (relative to the input) and {line}
    #[arg(long, value_name = "TEMPLATE")]
    pub source_url: Option<String>,
    /// A folder of handlebars templates overriding the built-in ones by name
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DocsFormat {
    Markdown,
    Json,
}

impl DocsArgs {
    /// The command line that regenerates this output, for `--check`'s advice.
    fn regenerate_command(&self, input: &str) -> String {
        let mut cmd = format!("witlint docs {input}");
        if let Some(out) = &self.out {
            cmd.push_str(&format!(" --out {}", display(out)));
        }
        if let Some(single) = &self.single {
            cmd.push_str(&format!(" --single {}", display(single)));
        }
        if let Some(w) = &self.world {
            cmd.push_str(&format!(" --world {w}"));
        }
        if self.inline_deps {
            cmd.push_str(" --inline-deps");
        }
        for d in &self.dep_url {
            cmd.push_str(&format!(" --dep-url {d}"));
        }
        if let Some(s) = &self.source_url {
            cmd.push_str(&format!(" --source-url '{s}'"));
        }
        if let Some(t) = &self.templates {
            cmd.push_str(&format!(" --templates {}", display(t)));
        }
        cmd
    }

    /// What each file's header says made it: the command without its paths.
    fn kind(&self) -> &'static str {
        match (&self.out, &self.single) {
            (Some(_), _) => "witlint docs --out",
            (None, Some(_)) => "witlint docs --single",
            (None, None) => "witlint docs",
        }
    }

    fn dep_urls(&self) -> Result<Vec<(String, String)>, Failure> {
        self.dep_url
            .iter()
            .map(|d| match d.split_once('=') {
                Some((pkg, url)) if pkg.contains(':') && !url.is_empty() => {
                    Ok((pkg.to_string(), url.to_string()))
                }
                _ => Err(Failure::usage(
                    format!("`--dep-url {d}` is not PKG=URL"),
                    "write e.g. `--dep-url wasi:io=https://example.com/wasi-io/{interface}.html#{anchor}`",
                )),
            })
            .collect()
    }
}

pub fn run(args: &DocsArgs) -> Outcome {
    let input = Input::or_builtin(args.input.as_ref())?;
    let dep_urls = args.dep_urls()?;
    if let Some(dir) = &args.templates
        && !dir.is_dir()
    {
        return Err(Failure::usage(
            format!("template folder `{}` does not exist", dir.display()),
            "pass a folder holding any of item.hbs, interface-body.hbs, interface.hbs, package.hbs, world.hbs",
        ));
    }
    let ws = input.load(witlint::project::load::Mode::Read)?;
    let options = DocsOptions {
        inline_deps: args.inline_deps,
        templates: args.templates.clone(),
        render: RenderOptions {
            dep_urls,
            source_url: args.source_url.clone(),
            command: args.regenerate_command(&input.display()),
            header: docs::generate::header(&ws, args.kind()),
        },
    };
    let command = &options.render.command;
    if args.format == DocsFormat::Json {
        let model = docs::doc_model(&ws, args.inline_deps);
        let json = serde_json::to_string_pretty(&model).expect("the doc model serializes") + "\n";
        return match &args.single {
            Some(path) => write_one(args, path, json, command),
            None => print_stdout(&json).map(|()| Exit::Clean),
        };
    }
    if let Some(dir) = &args.out {
        let pages = docs::book_pages(&ws, &options)?;
        let mut outputs: Vec<Output> = pages
            .iter()
            .map(|p| Output::new(dir.join(&p.path), p.text.clone()))
            .collect();
        // ```wit blocks highlighted in the book: mdBook's highlight.js has no WIT.
        outputs.push(Output::new(
            dir.join(docs::generated::WIT_HIGHLIGHT_FILE),
            docs::generated::WIT_HIGHLIGHT_JS.to_string(),
        ));
        let entries = |prefix: &str| docs::pages::summary_entries(&pages, prefix);
        outputs.push(book::summary(
            dir,
            &entries,
            &book::DOCS_REGION,
            &options.render.header,
        )?);
        let orphans = book::orphans(dir, &outputs, &options.render.header);
        if !args.check {
            hint_highlight(dir);
        }
        return write_generated(
            args.check,
            args.force,
            &outputs,
            &orphans,
            Some(dir),
            command,
            &generated_by_docs,
        );
    }
    let world = docs::pick_world(&ws, args.world.as_deref())?;
    let file_name = args
        .single
        .as_ref()
        .and_then(|p| p.file_name())
        .map_or("reference.md".to_string(), |n| {
            n.to_string_lossy().into_owned()
        });
    let text = docs::single_file(&ws, world, &file_name, &options)?;
    match &args.single {
        Some(path) => write_one(args, path, text, command),
        None => print_stdout(&text).map(|()| Exit::Clean),
    }
}

/// Writes or checks the one file of `--single`.
fn write_one(args: &DocsArgs, path: &std::path::Path, text: String, command: &str) -> Outcome {
    let outputs = [Output::new(path.to_path_buf(), text)];
    write_generated(
        args.check,
        args.force,
        &outputs,
        &[],
        None,
        command,
        &generated_by_docs,
    )
}

/// Says how to load the WIT grammar when the book around `dir` does not yet.
fn hint_highlight(dir: &std::path::Path) {
    let Some(abs) = std::path::absolute(dir).ok() else {
        return;
    };
    let Some(book) = abs
        .ancestors()
        .map(|d| d.join("book.toml"))
        .find(|p| p.is_file())
    else {
        return;
    };
    let config = std::fs::read_to_string(&book).unwrap_or_default();
    if config.contains(docs::generated::WIT_HIGHLIGHT_FILE) {
        return;
    }
    let root = book.parent().unwrap_or(std::path::Path::new("."));
    let script = abs.join(docs::generated::WIT_HIGHLIGHT_FILE);
    let rel = script.strip_prefix(root).unwrap_or(&script);
    let _ = writeln!(
        std::io::stderr(),
        "witlint: to highlight WIT in the book, add `additional-js = [\"{}\"]` under [output.html] in {}",
        rel.display(),
        book.display()
    );
}
