use clap::Parser;
use witlint::cli::{Cli, Color, Command};
use witlint::commands;

/// A check lives for milliseconds and allocates a few megabytes. By default glibc hands
/// every freed block over 128 KiB back to the kernel, and taking one again costs a page
/// fault per 4 KiB: keeping them makes a large check about 6 % faster
/// (`cargo bench --bench check_vs_wasm_tools`).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() {
    // SAFETY: mallopt only sets the allocator's parameters; no other thread exists yet.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 4 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}

fn main() {
    let start = std::time::Instant::now();
    tune_allocator();
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
    witlint::report_timing("total", start);
    std::process::exit(code);
}
