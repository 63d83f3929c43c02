//! `witlint mdbook`: the mdBook preprocessor protocol (see [`witlint::docs::mdbook`]).

use clap::{Args, Subcommand};

use super::shared::{Exit, Outcome, print_stdout};
use witlint::Error;

#[derive(Args, Debug)]
pub struct MdbookArgs {
    #[command(subcommand)]
    pub command: Option<MdbookCommand>,
}

#[derive(Subcommand, Debug)]
pub enum MdbookCommand {
    /// Whether the preprocessor supports a renderer (it supports all)
    Supports { renderer: String },
}

pub fn run(args: &MdbookArgs) -> Outcome {
    if args.command.is_some() {
        return Ok(Exit::Clean);
    }
    let input = witlint::input::read_stdin()
        .map_err(|e| Error::new("io", format!("cannot read mdBook's input: {e}")))?;
    let book = witlint::docs::mdbook::preprocess(&input).map_err(|e| {
        Error::new("mdbook", format!("{e:#}")).with_hint(
            "write `{{#wit ns:pkg/interface}}` with an interface or world of the input set by `[preprocessor.wit] input`",
        )
    })?;
    print_stdout(&book)?;
    Ok(Exit::Clean)
}
