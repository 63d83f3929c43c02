//! witlint against its peers on a generated package of 2,000 interfaces with 20 functions
//! each (9.6 MB of WIT, gated and documented: `../shared/tools/gen_large_wit.py`).
//!
//! - `witlint check` against `wasm-tools component wit`: both load and resolve the package
//!   (wasm-tools then prints it, witlint checks it). Targets: at most 1.25× the wall time and
//!   1.5× the peak memory.
//! - `witlint docs --single` against `wit-bindgen markdown`: both write the Markdown of the
//!   package's world. Targets: at most 1.15× the wall time, and less peak memory.
//! - `witlint diff` of the package and its next version (one function more) against one
//!   `witlint check` of it. Target: at most 2× the wall time.
//! - `witlint fmt --check` against `wasm-tools component wit`: both read the whole package
//!   and print it (witlint keeping every comment, and loading it to prove the layout
//!   changes nothing when it changes anything). Target: no slower, on the package as
//!   generated (in witlint's style: one load). On a copy indented by two spaces, where
//!   every line changes and the formatted package is loaded and compared too, the figure
//!   is shown.
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

/// Runs `program args` under GNU time, its output discarded; panics when it fails (exit
/// 1, findings or files to format, is an answer).
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
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "{} {args:?} failed",
        program.display()
    );
    // Its last line (a first one says so when the exit status is not 0).
    let peak_kib = std::fs::read_to_string(&report)
        .expect("GNU time's report")
        .lines()
        .last()
        .unwrap_or_default()
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

/// A bound on the ratio of peak memory.
enum Memory {
    AtMost(f64),
    Less,
    /// No target: the figure is shown.
    Shown,
}

/// Prints both programs' figures and the ratios against their targets.
fn report(
    names: [&str; 2],
    results: [(Duration, u64); 2],
    max_wall: Option<f64>,
    max_memory: Memory,
) {
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
    let memory_target = match max_memory {
        Memory::AtMost(max) => format!(" (target <= {max:.2}x: {})", verdict(memory <= max)),
        Memory::Less => format!(" (target < 1.00x: {})", verdict(memory < 1.0)),
        Memory::Shown => String::new(),
    };
    let wall_target = match max_wall {
        Some(max) => format!(" (target <= {max:.2}x: {})", verdict(wall <= max)),
        None => String::new(),
    };
    println!("  ratio: time {wall:.2}x{wall_target}, memory {memory:.2}x{memory_target}");
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
    common::generate_large_package(&package, interfaces, funcs);
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
        Some(1.25),
        Memory::AtMost(1.5),
    );

    println!("diff");
    let next = next_version(&package, &scratch.path().join("next"));
    let next = next.display().to_string();
    let ours = |_: &Path| strings(&["diff", "--perspective", "importers", &input, &next]);
    let theirs = |_: &Path| strings(&["check", &input, "--fail-level", "never"]);
    let results = compare((&witlint, &ours), (&witlint, &theirs), runs, scratch.path());
    report(
        ["witlint diff", "witlint check"],
        results,
        Some(2.0),
        Memory::Shown,
    );

    // fmt on the package as generated (in witlint's style), then on a re-indented copy.
    let messy = reindented(&package, &scratch.path().join("messy"));
    let messy = messy.display().to_string();
    for (title, wit, target) in [
        ("fmt", &input, Some(1.0)),
        ("fmt, every line re-indented", &messy, None),
    ] {
        println!("{title}");
        let ours = |_: &Path| strings(&["fmt", "--check", wit]);
        let theirs = |_: &Path| strings(&["component", "wit", wit]);
        let results = compare(
            (&witlint, &ours),
            (&wasm_tools, &theirs),
            runs,
            scratch.path(),
        );
        report(
            ["witlint fmt --check", "wasm-tools component wit"],
            results,
            target,
            Memory::Shown,
        );
    }

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
        Some(1.15),
        Memory::Less,
    );
}

/// A copy of the package in `out`, indented by two spaces a level instead of four: every
/// indented line for `fmt` to change.
fn reindented(package: &Path, out: &Path) -> PathBuf {
    std::fs::create_dir_all(out).expect("scratch");
    for entry in std::fs::read_dir(package).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let text: String = text
            .split_inclusive('\n')
            .map(|line| {
                let body = line.trim_start_matches(' ');
                let depth = (line.len() - body.len()) / 4;
                format!("{}{body}", "  ".repeat(depth))
            })
            .collect();
        std::fs::write(out.join(path.file_name().unwrap()), text).unwrap();
    }
    out.to_path_buf()
}

/// The package's next minor version in `out`: every file's version bumped, and one
/// function added to the first interface.
fn next_version(package: &Path, out: &Path) -> PathBuf {
    std::fs::create_dir_all(out).expect("scratch");
    let mut names: Vec<PathBuf> = std::fs::read_dir(package)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for (i, path) in names.iter().enumerate() {
        let text = std::fs::read_to_string(path).unwrap();
        let (head, body) = text.split_once('\n').expect("a package line first");
        let head = head.replace("@1.0.0;", "@1.1.0;");
        let mut body = body.to_string();
        if i == 0 {
            let at = body.find("{\n").expect("an interface") + 2;
            body.insert_str(
                at,
                "    /// New.\n    @since(version = 1.1.0)\n    added: func();\n",
            );
        }
        std::fs::write(
            out.join(path.file_name().unwrap()),
            format!("{head}\n{body}"),
        )
        .unwrap();
    }
    out.to_path_buf()
}
