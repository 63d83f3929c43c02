#![forbid(unsafe_code)]

use clap::Parser;
use witlint::cli::{Cli, Color, Command};
use witlint::commands;

fn main() {
    let cli = Cli::parse();
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
        }
    };
    let code = match &cli.command {
        Command::Check(args) => commands::check(args, color),
        Command::Rules(args) => commands::rules(args),
        Command::Docs(args) => witlint::docs::command::run(args, color),
        Command::Mdbook { command } => witlint::docs::command::mdbook(command.is_some()),
        Command::Explain { rule } => commands::explain(rule),
        Command::Scaffold { command } => witlint::scaffold::command::run(command, color),
    };
    std::process::exit(code);
}
