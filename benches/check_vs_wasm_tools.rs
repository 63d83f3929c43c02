//! `witlint check` against `wasm-tools component wit` on the same corpus entries.
//!
//! Both load and resolve the WIT (wasm-tools then prints it; witlint lints it), so the ratio
//! says what checking costs on top of loading. Targets: witlint's median at most 1.25× that
//! of wasm-tools per entry, and the whole corpus in one witlint call under 0.5 s.
//!
//! Run: `cargo bench --bench check_vs_wasm_tools` (needs `cargo install wasm-tools --locked`).
//! `WITLINT_BENCH_RUNS` sets the runs per measurement (default 21); `WITLINT_BENCH_ONLY`
//! keeps the entries whose path contains it.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One run: its wall time and whether the program loaded the input (exit 0: witlint runs
/// with `--fail-level never`, so findings do not change its exit code).
fn run(program: &Path, args: &[&str], inputs: &[&Path]) -> (Duration, bool) {
    let start = Instant::now();
    let status = Command::new(program)
        .args(args)
        .args(inputs)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("runs");
    (start.elapsed(), status.success())
}

/// Medians of both programs over `runs` runs each, alternating between them so that a
/// slow spell of the machine falls on both; `None` when either fails to load the input
/// (an input wasm-tools loads and witlint does not is printed).
fn medians(
    ours: (&Path, &[&str]),
    theirs: (&Path, &[&str]),
    inputs: &[&Path],
    runs: usize,
) -> Option<(Duration, Duration)> {
    // One unmeasured run each, so neither pays for a cold page cache.
    if !run(theirs.0, theirs.1, inputs).1 {
        return None; // no baseline to compare with
    }
    if !run(ours.0, ours.1, inputs).1 {
        println!("{:<48} witlint failed to load it", inputs[0].display());
        return None;
    }
    let (mut a, mut b) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    for _ in 0..runs {
        a.push(run(ours.0, ours.1, inputs).0);
        b.push(run(theirs.0, theirs.1, inputs).0);
    }
    Some((middle(a), middle(b)))
}

fn median(program: &Path, args: &[&str], inputs: &[&Path], runs: usize) -> Option<Duration> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let (t, ok) = run(program, args, inputs);
        if !ok {
            return None;
        }
        times.push(t);
    }
    Some(middle(times))
}

fn middle(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// How many findings witlint reports on an input: what its output costs to produce.
fn findings(witlint: &Path, args: &[&str], input: &Path) -> usize {
    let out = Command::new(witlint)
        .args(args)
        .arg(input)
        .output()
        .expect("runs");
    String::from_utf8_lossy(&out.stdout)
        .matches("\"rule\": ")
        .count()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is accepted.
    let runs = common::bench_runs();
    let witlint = PathBuf::from(env!("CARGO_BIN_EXE_witlint"));
    let check = ["check", "--format", "json", "--fail-level", "never"];
    let entries: Vec<PathBuf> = common::entries_with_wit()
        .into_iter()
        .filter(|e| common::bench_selected(e))
        .collect();

    match common::which("wasm-tools") {
        None => println!("wasm-tools not found: `cargo install wasm-tools --locked` to compare"),
        Some(wasm_tools) => {
            println!(
                "{:<48} {:>8} {:>10} {:>13} {:>7}",
                "entry (median of runs)", "findings", "witlint ms", "wasm-tools ms", "ratio"
            );
            let mut ratios = Vec::new();
            for entry in &entries {
                let name = entry
                    .parent()
                    .unwrap()
                    .file_name()
                    .unwrap()
                    .to_string_lossy();
                let wasm_tools_args: &[&str] = &["component", "wit"];
                let Some((ours, theirs)) = medians(
                    (&witlint, &check),
                    (&wasm_tools, wasm_tools_args),
                    &[entry],
                    runs,
                ) else {
                    continue;
                };
                let ratio = ours.as_secs_f64() / theirs.as_secs_f64();
                ratios.push(ratio);
                println!(
                    "{name:<48} {:>8} {:>10.2} {:>13.2} {:>6.2}x{}",
                    findings(&witlint, &check, entry),
                    ms(ours),
                    ms(theirs),
                    ratio,
                    if ratio > 1.25 { "  over 1.25x" } else { "" }
                );
            }
            ratios.sort_by(f64::total_cmp);
            if !ratios.is_empty() {
                println!(
                    "{} entries: median ratio {:.2}x, worst {:.2}x, {} over 1.25x",
                    ratios.len(),
                    ratios[ratios.len() / 2],
                    ratios[ratios.len() - 1],
                    ratios.iter().filter(|r| **r > 1.25).count()
                );
            }
        }
    }

    // The whole corpus in one call: every entry that loads.
    let loadable: Vec<&Path> = entries
        .iter()
        .filter(|e| run(&witlint, &check, &[e.as_path()]).1)
        .map(PathBuf::as_path)
        .collect();
    if let Some(all) = median(&witlint, &check, &loadable, runs) {
        println!(
            "whole corpus, {} entries in one call: {:.1} ms (target < 500 ms)",
            loadable.len(),
            ms(all)
        );
    }
}
