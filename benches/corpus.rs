//! `witlint check` on every corpus entry that loads, WASI and non-WASI, all in one call:
//! what a CI job that checks many packages waits for. Target: under 0.5 s.
//!
//! Run: `cargo bench --bench corpus`. `WITLINT_BENCH_RUNS` sets the runs (default 21).

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One run's wall time, and whether witlint loaded every input (exit 0: it runs with
/// `--fail-level never`, so findings do not change its exit code).
fn run(witlint: &Path, inputs: &[&Path]) -> (Duration, bool) {
    let start = Instant::now();
    let status = Command::new(witlint)
        .args(["check", "--format", "json", "--fail-level", "never"])
        .args(inputs)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("runs");
    (start.elapsed(), status.success())
}

fn main() {
    let runs = common::bench_runs();
    let witlint = PathBuf::from(env!("CARGO_BIN_EXE_witlint"));
    let entries = common::entries_with_wit();
    let loadable: Vec<&Path> = entries
        .iter()
        .map(PathBuf::as_path)
        .filter(|e| run(&witlint, &[e]).1)
        .collect();
    let mut times: Vec<Duration> = (0..runs).map(|_| run(&witlint, &loadable).0).collect();
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "whole corpus, {} of {} entries (those that load) in one call: {:.1} ms, median of {runs} runs (target < 500 ms: {})",
        loadable.len(),
        entries.len(),
        median.as_secs_f64() * 1e3,
        if median < Duration::from_millis(500) {
            "met"
        } else {
            "NOT met"
        }
    );
}
