//! `witlint docs --single` against `wit-bindgen markdown` on wasi-http's `proxy` world.
//!
//! Both load and resolve the WIT and write Markdown for the world (wit-bindgen writes
//! `proxy.md` and `proxy.html`; witlint one file with signatures, links and error sections).
//! Each run writes into a fresh folder; runs alternate between the two programs. Target:
//! witlint's median at most 1.0× wit-bindgen's.
//!
//! Run: `cargo bench --bench docs_vs_wit_bindgen` (needs `cargo install wit-bindgen-cli
//! --locked`). `WITLINT_BENCH_RUNS` sets the runs per measurement (default 21).

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One run of `program` with `args` for a fresh output folder: its wall time.
fn run(program: &Path, args: &[String]) -> Duration {
    let start = Instant::now();
    let status = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("runs");
    let elapsed = start.elapsed();
    assert!(status.success(), "{} failed", program.display());
    elapsed
}

fn middle(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// A program's arguments for an output folder.
type ArgsFor<'a> = dyn Fn(&Path) -> Vec<String> + 'a;

/// Medians of both programs over `runs` runs each, alternating between them so that a slow
/// spell of the machine falls on both, after one unmeasured run each (cold page cache).
fn medians(
    ours: (&Path, &ArgsFor),
    theirs: (&Path, &ArgsFor),
    runs: usize,
) -> (Duration, Duration) {
    let scratch = tempfile::tempdir().expect("temp dir");
    let out = |name: String| {
        let dir = scratch.path().join(name);
        std::fs::create_dir_all(&dir).expect("scratch");
        dir
    };
    run(ours.0, &ours.1(&out("warm-ours".into())));
    run(theirs.0, &theirs.1(&out("warm-theirs".into())));
    let (mut a, mut b) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    for i in 0..runs {
        a.push(run(ours.0, &ours.1(&out(format!("ours{i}")))));
        b.push(run(theirs.0, &theirs.1(&out(format!("theirs{i}")))));
    }
    (middle(a), middle(b))
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
    let ours_args = |out: &Path| {
        vec![
            "docs".into(),
            http.clone(),
            "--world".into(),
            "proxy".into(),
            "--inline-deps".into(),
            "--single".into(),
            out.join("proxy.md").display().to_string(),
        ]
    };
    let theirs_args = |out: &Path| {
        vec![
            "markdown".into(),
            "--world".into(),
            "proxy".into(),
            "--out-dir".into(),
            out.display().to_string(),
            http.clone(),
        ]
    };
    let (ours, theirs) = medians((&witlint, &ours_args), (&wit_bindgen, &theirs_args), runs);
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
