//! Command-line definitions (clap derive), nothing else.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::lint::Preset;
use crate::report::Format;

#[derive(Parser, Debug)]
#[command(
    name = "witlint",
    version,
    about = "Lint, document and scaffold WIT packages of the WebAssembly component model"
)]
pub struct Cli {
    /// When to colour output (colour is never used when NO_COLOR is set)
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    pub color: Color,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check WIT packages against the conventions (gates, deps, error docs, docs)
    Check(CheckArgs),
    /// List every rule with its category and default level
    Rules(RulesArgs),
    /// Write reference docs: an mdBook tree (--out) or one Markdown file per world (--single)
    Docs(DocsArgs),
    /// Start a wasmtime host crate, a guest component crate or a new world from WIT
    Scaffold {
        #[command(subcommand)]
        command: ScaffoldCommand,
    },
    /// mdBook preprocessor: expands `{{#wit ns:pkg/name}}` in chapters (see book.toml)
    Mdbook {
        #[command(subcommand)]
        command: Option<MdbookCommand>,
    },
    /// Explain a rule: what it checks, why, and a bad and a good example
    Explain {
        /// The rule id, e.g. gate-missing
        rule: String,
    },
}

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
    /// `@unstable` features your consumers enable. witlint checks with every feature on, and
    /// also requires the package to load with only these on (default: none, as wasm-tools)
    #[arg(long, value_delimiter = ',', value_name = "FEATURE,...")]
    pub features: Vec<String>,
}

#[derive(Subcommand, Debug)]
pub enum MdbookCommand {
    /// Whether the preprocessor supports a renderer (it supports all)
    Supports { renderer: String },
}

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

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bindings {
    /// `wit_bindgen::generate!` in src/lib.rs
    Macro,
    /// src/bindings.rs written now by wit-bindgen-rust: no proc-macro at build time
    File,
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
    #[command(flatten)]
    pub output: ScaffoldOutput,
}

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

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailLevel {
    Error,
    Warn,
    Info,
    /// Never exit 1 because of findings
    Never,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// Write a Markdown page per rule (and an index) here, for an mdBook
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// With --out: compare with the files on disk instead of writing
    #[arg(long, requires = "out")]
    pub check: bool,
    /// With --out: overwrite files witlint did not generate
    #[arg(long, requires = "out")]
    pub force: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}
