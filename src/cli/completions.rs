//! `witlint completions SHELL`: a completion script for the shell, from the clap definitions.

use clap::Args;
use clap_complete::Shell;

use super::shared::{Exit, Outcome, write_stdout};

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish
    #[arg(value_enum)]
    pub shell: Shell,
}

/// `command` is witlint's whole command line.
pub fn run(args: &CompletionsArgs, mut command: clap::Command) -> Outcome {
    write_stdout(|out| {
        clap_complete::generate(args.shell, &mut command, "witlint", out);
        Ok(())
    })?;
    Ok(Exit::Clean)
}
