#![forbid(unsafe_code)]
//! The `witlint` command: parse the command line, run the command, exit with its status.
//! The command line lives here, in the binary: the library prints nothing.

mod cli;

use clap::Parser;

fn main() {
    let cli = cli::Cli::parse();
    std::process::exit(cli::run(&cli));
}
