//! witlint: lint, document and scaffold WIT packages of the WebAssembly component model.
//!
//! The pipeline runs one way: [`workspace::load`] reads WIT into a [`workspace::Workspace`];
//! [`lint::check`] runs the rules over it; [`report`] formats the findings.

pub mod cli;
pub mod commands;
pub mod docs;
pub mod emit;
pub mod input;
pub mod lint;
pub mod parallel;
pub mod reference;
pub mod report;
pub mod scaffold;
pub mod templates;
pub mod workspace;

pub use lint::{Config, Finding, Level, check};
pub use workspace::{Workspace, load};

/// With `WITLINT_TIMINGS` set, prints how long a step took, to stderr.
pub fn report_timing(step: &str, since: std::time::Instant) {
    if std::env::var_os("WITLINT_TIMINGS").is_some() {
        eprintln!("{:>8.3} ms  {step}", since.elapsed().as_secs_f64() * 1000.0);
    }
}
