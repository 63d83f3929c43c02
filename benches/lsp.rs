//! The language server's latency: from a change notification to the diagnostics of the
//! changed file, as an editor waits for them.
//!
//! - Every WASI entry of the corpus that loads: its first `.wit` file opened and changed
//!   (a comment added and removed in turn). Target: at most 50 ms, median per entry.
//! - The generated large package (2,000 interfaces × 20 functions): the same, against one
//!   `witlint check` of it, the two alternating. Target: within 2×.
//!
//! Run: `cargo bench --bench lsp`. `WITLINT_BENCH_RUNS` sets the runs (default 21).

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::lsp_client::Client;
use serde_json::json;

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

/// A server with `file` open, its first diagnostics received.
fn open(witlint: &str, file: &Path) -> (Client, String, String) {
    let mut client = Client::start(witlint);
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    client.notify("initialized", json!({}));
    let uri = format!("file://{}", file.display());
    let text = std::fs::read_to_string(file).expect("readable");
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "wit", "version": 1, "text": text}}),
    );
    client.diagnostics_for(&uri);
    (client, uri, text)
}

/// One change, timed until the changed file's diagnostics arrive.
fn change(client: &mut Client, uri: &str, text: &str, version: i64) -> Duration {
    let text = if version % 2 == 0 {
        format!("{text}\n// edited\n")
    } else {
        text.to_string()
    };
    let start = Instant::now();
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
    );
    client.diagnostics_for(uri);
    start.elapsed()
}

fn close(mut client: Client) {
    client.request("shutdown", serde_json::Value::Null);
    client.notify("exit", serde_json::Value::Null);
    let _ = client.child.wait();
}

fn first_wit(dir: &Path) -> Option<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "wit"))
        .collect();
    files.sort();
    files.into_iter().next()
}

fn main() {
    let runs = common::bench_runs();
    let witlint = env!("CARGO_BIN_EXE_witlint");

    println!("WASI entries: change -> diagnostics, median of {runs}");
    let mut worst = (Duration::ZERO, String::new());
    for wit in common::entries_with_wit()
        .into_iter()
        .filter(|p| common::entry_name(p).starts_with("WebAssembly__"))
    {
        if witlint::open(&wit, witlint::Mode::Check(&[])).is_err() {
            continue;
        }
        let Some(file) = first_wit(&wit) else {
            continue;
        };
        let (mut client, uri, text) = open(witlint, &file);
        let times: Vec<Duration> = (0..runs as i64)
            .map(|v| change(&mut client, &uri, &text, v + 2))
            .collect();
        close(client);
        let m = median(times);
        if m > worst.0 {
            worst = (m, common::entry_name(&wit));
        }
    }
    println!(
        "  slowest: {} {:.1} ms (target <= 50 ms: {})",
        worst.1,
        worst.0.as_secs_f64() * 1e3,
        if worst.0 <= Duration::from_millis(50) {
            "met"
        } else {
            "MISSED"
        }
    );

    let scratch = tempfile::tempdir().expect("temp dir");
    let package = scratch.path().join("wit");
    common::generate_large_package(&package, "2000", "20");
    let file = first_wit(&package).expect("generated files");
    let (mut client, uri, text) = open(witlint, &file);
    let mut lsp = Vec::new();
    let mut check = Vec::new();
    for v in 0..runs as i64 {
        lsp.push(change(&mut client, &uri, &text, v + 2));
        let start = Instant::now();
        Command::new(witlint)
            .args(["check", "--format", "json", "--fail-level", "never"])
            .arg(&package)
            .stdout(Stdio::null())
            .status()
            .expect("check runs");
        check.push(start.elapsed());
    }
    close(client);
    let (l, c) = (median(lsp), median(check));
    let ratio = l.as_secs_f64() / c.as_secs_f64();
    println!("large package (2000 interfaces x 20 functions), median of {runs}");
    println!(
        "  change -> diagnostics    {:8.1} ms",
        l.as_secs_f64() * 1e3
    );
    println!(
        "  witlint check            {:8.1} ms",
        c.as_secs_f64() * 1e3
    );
    println!(
        "  ratio: {ratio:.2}x (target <= 2.00x: {})",
        if ratio <= 2.0 { "met" } else { "MISSED" }
    );
}
