//! `witlint lsp`: the language server, over stdio.

use clap::Args;

use super::shared::{Exit, Failure, Outcome};

#[derive(Args, Debug)]
pub struct LspArgs {
    /// Talk over stdin and stdout (the only transport; accepted for editors that pass it)
    #[arg(long)]
    pub stdio: bool,
}

pub fn run(_args: &LspArgs) -> Outcome {
    let (connection, io_threads) = witlint::lsp::transport::connect(
        std::io::BufReader::new(std::io::stdin()),
        std::io::stdout(),
    );
    let served = witlint::lsp::serve(&connection);
    // The reader and writer end with the connection.
    drop(connection);
    let joined = io_threads.join();
    served.map_err(|e| Failure::Error(witlint::Error::new("lsp", format!("{e:#}"))))?;
    joined.map_err(|e| Failure::Error(witlint::Error::new("lsp", e.to_string())))?;
    Ok(Exit::Clean)
}
