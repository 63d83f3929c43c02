//! witlint against its peers on a generated package of 2,000 interfaces with 20 functions
//! each (9.6 MB of WIT, gated and documented: `../shared/tools/gen_large_wit.py`).
//!
//! - `witlint check` against `wasm-tools component wit`: both load and resolve the package
//!   (wasm-tools then prints it, witlint checks it). Targets: at most 1.25× the wall time and
//!   1.5× the peak memory.
//! - `witlint docs --single` against `wit-bindgen markdown`: both write the Markdown of the
//!   package's world. Targets: at most 1.15× the wall time, and less peak memory.
//!
//! Runs alternate between the two programs of a pair, so that a slow spell of the machine
//! falls on both; each figure is a median. Peak memory is the maximum resident set size as
//! GNU time reports it.
//!
//! Run: `cargo bench --bench large_package` (needs `cargo install wasm-tools wit-bindgen-cli
//! --locked`, python3 and GNU time). `WITLINT_BENCH_RUNS` sets the runs (default 21);
//! `WITLINT_BENCH_SIZE=INTERFACES,FUNCS` another package size.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One run's wall time and peak memory.
#[derive(Clone, Copy)]
struct Sample {
    wall: Duration,
    peak_kib: u64,
}

/// Runs `program args` under GNU time, its output discarded; panics when it fails.
fn run(program: &Path, args: &[String], scratch: &Path) -> Sample {
    let report = scratch.join("time.txt");
    let start = Instant::now();
    let status = Command::new("/usr/bin/time")
        .args(["-f", "%M", "-o"])
        .arg(&report)
        .arg(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("GNU time runs (apt-get install time)");
    let wall = start.elapsed();
    assert!(status.success(), "{} {args:?} failed", program.display());
    let peak_kib = std::fs::read_to_string(&report)
        .expect("GNU time's report")
        .trim()
        .parse()
        .expect("a number of KiB");
    Sample { wall, peak_kib }
}

fn median<T: Ord + Copy>(mut values: Vec<T>) -> T {
    values.sort();
    values[values.len() / 2]
}

/// A program and the arguments of one run, given a fresh output folder.
type Job<'a> = (&'a Path, &'a dyn Fn(&Path) -> Vec<String>);

/// Medians of (wall time, peak memory) of both jobs, alternating, after one unmeasured run
/// each (so that neither pays for a cold page cache).
fn compare(ours: Job, theirs: Job, runs: usize, scratch: &Path) -> [(Duration, u64); 2] {
    let fresh = |name: String| {
        let dir = scratch.join(name);
        std::fs::create_dir_all(&dir).expect("scratch");
        dir
    };
    run(ours.0, &ours.1(&fresh("warm-ours".into())), scratch);
    run(theirs.0, &theirs.1(&fresh("warm-theirs".into())), scratch);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for i in 0..runs {
        a.push(run(ours.0, &ours.1(&fresh(format!("ours-{i}"))), scratch));
        b.push(run(
            theirs.0,
            &theirs.1(&fresh(format!("theirs-{i}"))),
            scratch,
        ));
    }
    [a, b].map(|samples| {
        (
            median(samples.iter().map(|s| s.wall).collect()),
            median(samples.iter().map(|s| s.peak_kib).collect()),
        )
    })
}

/// Prints both programs' figures and the ratios against their targets: `max_wall` for
/// time, and `max_memory` for memory (`None`: less than the peer's).
fn report(names: [&str; 2], results: [(Duration, u64); 2], max_wall: f64, max_memory: Option<f64>) {
    for (name, (t, kib)) in names.iter().zip(results) {
        println!(
            "  {name:<26} {:>8.1} ms {:>8.1} MiB",
            t.as_secs_f64() * 1e3,
            kib as f64 / 1024.0
        );
    }
    let [(ours, ours_kib), (theirs, theirs_kib)] = results;
    let wall = ours.as_secs_f64() / theirs.as_secs_f64();
    let memory = ours_kib as f64 / theirs_kib as f64;
    let verdict = |met: bool| if met { "met" } else { "NOT met" };
    let (memory_target, memory_met) = match max_memory {
        Some(max) => (format!("<= {max:.2}x"), memory <= max),
        None => ("< 1.00x".to_string(), memory < 1.0),
    };
    println!(
        "  ratio: time {wall:.2}x (target <= {max_wall:.2}x: {}), memory {memory:.2}x (target {memory_target}: {})",
        verdict(wall <= max_wall),
        verdict(memory_met)
    );
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

fn main() {
    let runs = common::bench_runs();
    let witlint = PathBuf::from(env!("CARGO_BIN_EXE_witlint"));
    let (Some(wasm_tools), Some(wit_bindgen)) =
        (common::which("wasm-tools"), common::which("wit-bindgen"))
    else {
        panic!(
            "needs wasm-tools and wit-bindgen: `cargo install wasm-tools wit-bindgen-cli --locked`"
        );
    };
    let size = std::env::var("WITLINT_BENCH_SIZE").unwrap_or_else(|_| "2000,20".into());
    let (interfaces, funcs) = size.split_once(',').expect("INTERFACES,FUNCS");
    let scratch = tempfile::tempdir().expect("temp dir");
    let package = scratch.path().join("wit");
    let generator = common::corpus().join("../tools/gen_large_wit.py");
    let made = Command::new("python3")
        .arg(&generator)
        .arg(&package)
        .args([interfaces, funcs])
        .stdout(Stdio::null())
        .status()
        .expect("python3 runs the generator");
    assert!(made.success(), "{} failed", generator.display());
    let bytes: u64 = std::fs::read_dir(&package)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    let input = package.display().to_string();
    println!(
        "generated package: {interfaces} interfaces x {funcs} functions, {:.1} MB of WIT; medians of {runs} runs",
        bytes as f64 / 1e6
    );

    println!("check");
    let ours = |_: &Path| strings(&["check", &input, "--format", "json", "--fail-level", "never"]);
    let theirs = |_: &Path| strings(&["component", "wit", &input]);
    let results = compare(
        (&witlint, &ours),
        (&wasm_tools, &theirs),
        runs,
        scratch.path(),
    );
    report(
        ["witlint check", "wasm-tools component wit"],
        results,
        1.25,
        Some(1.5),
    );

    println!("docs");
    let ours = |out: &Path| {
        let file = out.join("big.md").display().to_string();
        strings(&["docs", &input, "--world", "big", "--single", &file])
    };
    let theirs = |out: &Path| {
        let dir = out.display().to_string();
        strings(&["markdown", "--world", "big", "--out-dir", &dir, &input])
    };
    let results = compare(
        (&witlint, &ours),
        (&wit_bindgen, &theirs),
        runs,
        scratch.path(),
    );
    report(
        ["witlint docs --single", "wit-bindgen markdown"],
        results,
        1.15,
        None,
    );
}
