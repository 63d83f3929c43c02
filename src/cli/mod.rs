//! The command line: one module per subcommand, holding its clap arguments and its `run`,
//! and [`shared`], what they all use. Nothing below the CLI imports from here.

pub mod build;
pub mod check;
pub mod completions;
pub mod diff;
pub mod docs;
pub mod explain;
pub mod fmt;
pub mod lsp;
pub mod man;
pub mod mdbook;
pub mod rules;
pub mod scaffold;
pub mod shared;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use shared::Exit;

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

impl Color {
    /// Whether to colour what goes to the terminal.
    fn enabled(self) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
            }
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check WIT packages against the conventions (gates, deps, error docs, docs)
    Check(check::CheckArgs),
    /// Lay out WIT files in place, each change proved to keep the package's meaning
    Fmt(fmt::FmtArgs),
    /// Encode the package as a .wasm with its metadata (and an OCI layout), checked to decode to the same API
    Build(build::BuildArgs),
    /// What changed between two versions of a package, whom it breaks, and the bump it needs
    Diff(diff::DiffArgs),
    /// List every rule with its category and default level
    Rules(rules::RulesArgs),
    /// Explain a rule (what it checks, why, a bad and a good example) or a change kind of `diff`
    Explain(explain::ExplainArgs),
    /// Language server over stdio: diagnostics, hover, definition, symbols, fixes as code actions
    Lsp(lsp::LspArgs),
    /// Write reference docs: an mdBook tree (--out) or one Markdown file per world (--single)
    Docs(docs::DocsArgs),
    /// mdBook preprocessor: expands `{{#wit ns:pkg/name}}` in chapters (see book.toml)
    Mdbook(mdbook::MdbookArgs),
    /// Start a wasmtime host crate, a guest component crate or a new world from WIT
    Scaffold {
        #[command(subcommand)]
        command: scaffold::ScaffoldCommand,
    },
    /// Print a shell completion script: `witlint completions bash > ~/.local/share/bash-completion/completions/witlint`
    Completions(completions::CompletionsArgs),
    /// Print the man page, or write a page per subcommand with --out
    Man(man::ManArgs),
}

/// Runs the command and prints why it stopped, if it did; the process's exit code.
pub fn run(cli: &Cli) -> i32 {
    let color = cli.color.enabled();
    let outcome = match &cli.command {
        Command::Check(args) => check::run(args, color),
        Command::Diff(args) => diff::run(args),
        Command::Build(args) => build::run(args, color),
        Command::Fmt(args) => fmt::run(args, color),
        Command::Lsp(args) => lsp::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Docs(args) => docs::run(args),
        Command::Mdbook(args) => mdbook::run(args),
        Command::Scaffold { command } => scaffold::run(command),
        Command::Completions(args) => completions::run(args, Cli::command()),
        Command::Man(args) => man::run(args, Cli::command()),
    };
    match outcome {
        Ok(exit) => exit.code(),
        Err(failure) => {
            failure.print(color);
            Exit::Failed.code()
        }
    }
}
