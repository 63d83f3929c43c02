//! `witlint docs --single` against `wit-bindgen markdown` on wasi-http's `proxy` world.
//!
//! Both load and resolve the WIT and write Markdown for the world (wit-bindgen writes
//! `proxy.md` and `proxy.html`; witlint one file with signatures, links and error sections).
//! Each run writes into a fresh folder. Target: witlint's median at most 1.0× wit-bindgen's.
//!
//! Run: `cargo bench --bench docs_vs_wit_bindgen` (needs `cargo install wit-bindgen-cli
//! --locked`). `WITLINT_BENCH_RUNS` sets the runs per measurement (default 21).

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The median wall time of `runs` runs; `args` gets a fresh output folder each run.
fn median(program: &Path, args: impl Fn(&Path) -> Vec<String>, runs: usize) -> Duration {
    let scratch = tempfile::tempdir().expect("temp dir");
    let mut times = Vec::with_capacity(runs);
    for i in 0..runs {
        let out = scratch.path().join(format!("run{i}"));
        std::fs::create_dir_all(&out).expect("scratch");
        let start = Instant::now();
        let status = Command::new(program)
            .args(args(&out))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("runs");
        times.push(start.elapsed());
        assert!(status.success(), "{} failed", program.display());
    }
    times.sort();
    times[runs / 2]
}

fn main() {
    let runs = common::bench_runs();
    let witlint = PathBuf::from(env!("CARGO_BIN_EXE_witlint"));
    let http = common::corpus().join("WebAssembly__wasi-http/wit");
    let http = http.display().to_string();
    let Some(wit_bindgen) = common::which("wit-bindgen") else {
        println!("wit-bindgen not found: `cargo install wit-bindgen-cli --locked` to compare");
        return;
    };
    let ours = median(
        &witlint,
        |out| {
            vec![
                "docs".into(),
                http.clone(),
                "--world".into(),
                "proxy".into(),
                "--inline-deps".into(),
                "--single".into(),
                out.join("proxy.md").display().to_string(),
            ]
        },
        runs,
    );
    let theirs = median(
        &wit_bindgen,
        |out| {
            vec![
                "markdown".into(),
                "--world".into(),
                "proxy".into(),
                "--out-dir".into(),
                out.display().to_string(),
                http.clone(),
            ]
        },
        runs,
    );
    let ratio = ours.as_secs_f64() / theirs.as_secs_f64();
    println!("wasi-http proxy, median of {runs} runs");
    println!(
        "witlint docs --single   {:8.2} ms",
        ours.as_secs_f64() * 1e3
    );
    println!(
        "wit-bindgen markdown    {:8.2} ms",
        theirs.as_secs_f64() * 1e3
    );
    println!(
        "ratio {ratio:.2}x (target <= 1.00x: {})",
        if ratio <= 1.0 { "met" } else { "NOT met" }
    );
}
