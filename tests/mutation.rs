//! Mutation testing: corpus files changed at random — bytes flipped, ranges deleted or
//! doubled, WIT tokens, multi-byte and bidirectional characters, CRLF, a BOM or a NUL
//! inserted — and every change answered with a report or a located error. Never a panic,
//! never a hang. The mutations are seeded: every run tries the same ones, and a failure
//! names its seed.
//!
//! Most run in-process through the library (loading, every rule, every report format,
//! the docs model and pages, the scaffolds' models), which is fast enough for thousands; a sample runs through
//! the binary for exit codes, in every format, `docs` and `scaffold --dry-run`.

mod common;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use common::{Rng, corpus, witlint};
use witlint::docs::{Templates, generated, model, pages};
use witlint::lint::{self, Config};
use witlint::report;
use witlint::scaffold;

const TOKENS: &[&str] = &[
    "@since(version = 0.2.0)\n",
    "@since(version = 99.0.0)",
    "@unstable(feature = x)\n",
    "@deprecated(version = 0.1.0)\n",
    "@since(version = 0.2.0) @since(version = 0.2.0) ",
    "/// docs\n",
    "/*",
    "*/",
    "//",
    "use ",
    "use wasi:io/poll@0.2.0.{pollable};\n",
    "include ",
    "include wasi:io/imports@0.2.0;\n",
    "import ",
    "export ",
    "{",
    "}",
    "<",
    ">",
    "(",
    ")",
    ";",
    ",",
    ":",
    "func",
    "resource r;\n",
    "interface i {}\n",
    "world w {}\n",
    "type t = t;\n",
    "record r {}\n",
    "package a:b;\n",
    "result<",
    "borrow<",
    "future<",
    "stream<",
    "%",
    "-",
    "0x",
    "é",
    "\u{200b}",
    "\u{a0}",
    "\u{202e}",
    "\u{2066}",
    "\u{feff}",
    "\u{1}",
    "\0",
    "\r\n",
    "{{#include /etc/passwd}}",
];

/// One mutation of `text`.
fn mutate(text: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = text.to_vec();
    let at = rng.below(out.len() + 1);
    let span = 1 + rng.below(40);
    let end = (at + span).min(out.len());
    match rng.below(10) {
        0 if !out.is_empty() => {
            let i = at.min(out.len() - 1);
            out[i] ^= 1 << rng.below(8);
        }
        1 => {
            out.drain(at..end);
        }
        2 => {
            let copy = out[at..end].to_vec();
            out.splice(at..at, copy);
        }
        3 => {
            out = String::from_utf8_lossy(&out)
                .replace('\n', "\r\n")
                .into_bytes()
        }
        4 => out.splice(0..0, "\u{feff}".bytes()).for_each(drop),
        5 => out.truncate(at),
        _ => {
            let token = TOKENS[rng.below(TOKENS.len())];
            out.splice(at..at, token.bytes()).for_each(drop);
        }
    }
    out
}

/// The corpus entries mutated: small packages, with and without `deps/`, gated or not.
fn entries() -> Vec<PathBuf> {
    [
        "WebAssembly__wasi-keyvalue",
        "WebAssembly__wasi-config",
        "WebAssembly__wasi-io",
        "WebAssembly__wasi-clocks",
        "WebAssembly__wasi-messaging",
        "WebAssembly__wasi-blobstore",
        "zed-industries__zed__extension-api-since-v0.8.0",
    ]
    .iter()
    .map(|e| corpus().join(e).join("wit"))
    .collect()
}

/// A copy of an entry's `wit/` in a temporary folder, and the `.wit` files to mutate.
fn copy_entry(from: &Path, to: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![(from.to_path_buf(), to.to_path_buf())];
    while let Some((src, dst)) = stack.pop() {
        std::fs::create_dir_all(&dst).unwrap();
        for e in std::fs::read_dir(&src).unwrap().filter_map(Result::ok) {
            let target = dst.join(e.file_name());
            if e.file_type().unwrap().is_dir() {
                stack.push((e.path(), target));
            } else {
                std::fs::copy(e.path(), &target).unwrap();
                if target.extension().is_some_and(|x| x == "wit") {
                    files.push(target);
                }
            }
        }
    }
    files.sort();
    files
}

/// Everything the library does with an input: load, check, every report, the docs, and
/// `fmt`, which formats what wit-parser accepts (with the proof holding, to a fixed
/// point) and rejects what it rejects, with its error.
fn exercise(dir: &Path) {
    formats_exactly_what_loads(dir);
    match witlint::open(dir, witlint::Mode::Check(&[])) {
        Ok(ws) => {
            let findings = lint::check(&ws, &[], &Config::default());
            let mut texts = report::Texts::new();
            for f in ws.sources.iter() {
                texts.insert(&f.path, f.text.as_str());
            }
            let _ = report::text::render(&findings, &texts, false, 1, 0);
            let mut json = Vec::new();
            report::json::write(&findings, &[], &mut json).unwrap();
            serde_json::from_slice::<serde_json::Value>(&json).expect("the JSON report parses");
            let sarif = report::sarif::render(&findings, witlint::lint::rules::all(), &[]);
            serde_json::from_str::<serde_json::Value>(&sarif).expect("SARIF parses");
            let _ = report::github::render(&findings, &[]);
            let doc_model = model::build(&ws, true);
            let options = generated::RenderOptions::default();
            let templates = Templates::compile(None).expect("built-in templates");
            let _ = pages::pages(&ws, &doc_model, &options, &templates);
            let world = doc_model.packages.iter().flat_map(|p| &p.worlds).next();
            let _ = pages::single(&ws, &doc_model, world, "single.md", &options, &templates);
            // What scaffold builds for each world: the host's and the guest's models.
            for (id, _) in ws.resolve.worlds.iter() {
                if scaffold::host::unsupported_async(&ws.resolve, id).is_some() {
                    continue;
                }
                let options = scaffold::host::HostOptions {
                    crate_name: "host".into(),
                    wasmtime: 48,
                    is_async: false,
                    bindgen_source: String::new(),
                    target: String::new(),
                };
                let _ = scaffold::host::model(&ws.resolve, id, options);
                let _ = scaffold::guest::model(&ws.resolve, id, "guest", "x:y/z", false);
            }
        }
        Err(e) => {
            assert!(!e.diagnostics.is_empty(), "a load error says why");
            let mut texts = report::Texts::new();
            for f in e.sources.iter() {
                texts.insert(&f.path, f.text.as_str());
            }
            for d in &e.diagnostics {
                assert!(d.location.is_some(), "unlocated: {}", d.message);
                let _ = report::text::render_load_error(d, &texts, false);
            }
        }
    }
}

fn formats_exactly_what_loads(dir: &Path) {
    use witlint::project::format::format_with;
    use witlint::project::load::{Mode, Overlays, load, read};
    let shown = dir.display().to_string();
    // As wit-parser loads it: with every feature, and with none.
    let loaded = read(dir, &shown, &Overlays::new())
        .and_then(|f| load(f, Mode::Check(&[])))
        .and_then(|ws| match ws.features_off() {
            Some(d) => Err(witlint::workspace::LoadError::single(
                &shown,
                d,
                Default::default(),
            )),
            None => Ok(ws),
        });
    let formatted = format_with(dir, &shown, &Overlays::new(), &Default::default());
    match (loaded, formatted) {
        (Ok(_), Ok(files)) => {
            for f in files {
                let again = witlint::fmt::format_text(&f.after, 100);
                assert!(again == f.after, "{}: not a fixed point", f.shown);
            }
        }
        (Ok(_), Err(e)) => panic!("fmt rejects what loads: {e}"),
        (Err(_), Ok(_)) => panic!("fmt formats what does not load"),
        (Err(before), Err(e)) => assert_eq!(
            e.diagnostics[0].message, before.diagnostics[0].message,
            "fmt rejects with wit-parser's error"
        ),
    }
}

/// How long one mutation may take before it counts as a hang.
const HANG: Duration = Duration::from_secs(30);

#[test]
fn thousands_of_mutations_in_process_never_panic_or_hang() {
    const PER_WORKER: usize = 1100;
    const WORKERS: u64 = 2;
    let (tx, rx) = mpsc::channel::<Result<usize, String>>();
    for worker in 0..WORKERS {
        let tx = tx.clone();
        std::thread::spawn(move || {
            let tmp = tempfile::tempdir().unwrap();
            let entries = entries();
            let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (worker + 1));
            let mut copies = Vec::new();
            for (i, entry) in entries.iter().enumerate() {
                let dir = tmp.path().join(i.to_string());
                let files = copy_entry(entry, &dir);
                copies.push((dir, files));
            }
            for n in 0..PER_WORKER {
                let seed = rng.0;
                let (dir, files) = &copies[rng.below(copies.len())];
                let file = &files[rng.below(files.len())];
                let original = std::fs::read(file).unwrap();
                let mut text = original.clone();
                for _ in 0..1 + rng.below(3) {
                    text = mutate(&text, &mut rng);
                }
                std::fs::write(file, &text).unwrap();
                let outcome = std::panic::catch_unwind(|| exercise(dir));
                std::fs::write(file, &original).unwrap();
                let message = match outcome {
                    Ok(()) => Ok(n),
                    Err(panic) => Err(format!(
                        "worker {worker}, seed {seed:#x}, {}: {}",
                        file.display(),
                        panic
                            .downcast_ref::<String>()
                            .cloned()
                            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                            .unwrap_or_default()
                    )),
                };
                let failed = message.is_err();
                tx.send(message).unwrap();
                if failed {
                    return;
                }
            }
        });
    }
    drop(tx);
    let mut done = 0;
    loop {
        match rx.recv_timeout(HANG) {
            Ok(Ok(_)) => done += 1,
            Ok(Err(failure)) => panic!("a mutation made witlint panic: {failure}"),
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                panic!("a mutation hangs: no result for {HANG:?} after {done} mutations")
            }
        }
    }
    assert_eq!(done, PER_WORKER * WORKERS as usize);
}

/// A sample through the binary: every format, docs and scaffold answer with 0, 1 or 2.
#[test]
fn mutations_through_the_binary_exit_0_1_or_2() {
    let tmp = tempfile::tempdir().unwrap();
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let entries = entries();
    let mut copies = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let dir = tmp.path().join(i.to_string());
        let files = copy_entry(entry, &dir);
        copies.push((dir, files));
    }
    let commands: &[&[&str]] = &[
        &["check"],
        &["check", "--format", "json"],
        &["check", "--format", "sarif"],
        &["check", "--format", "github", "--preset", "wasi"],
        &["docs", "--format", "json"],
        &["docs", "--out"],
        &["scaffold", "guest", "--dry-run", "--name", "g", "--out"],
    ];
    for _ in 0..40 {
        let seed = rng.0;
        let (dir, files) = &copies[rng.below(copies.len())];
        let file = &files[rng.below(files.len())];
        let original = std::fs::read(file).unwrap();
        std::fs::write(file, mutate(&original, &mut rng)).unwrap();
        for args in commands {
            let mut cmd = witlint();
            cmd.timeout(HANG).env("RUST_BACKTRACE", "1");
            match args[0] {
                "docs" if args.contains(&"--out") => {
                    cmd.arg("docs")
                        .arg(dir)
                        .arg("--out")
                        .arg(tmp.path().join("out"));
                }
                "scaffold" => {
                    // Any world: the scaffold names what exists when this one does not.
                    cmd.args([
                        "scaffold",
                        "guest",
                        "x:y/z",
                        "--dry-run",
                        "--name",
                        "g",
                        "--out",
                    ])
                    .arg(tmp.path().join("crates"))
                    .arg("--wit")
                    .arg(dir);
                }
                _ => {
                    cmd.args(*args).arg(dir);
                }
            }
            let out = cmd.output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            let code = out.status.code();
            assert!(
                matches!(code, Some(0..=2)) && !stderr.contains("panicked"),
                "seed {seed:#x}, {} {args:?}: exit {code:?}\n{stderr}",
                file.display()
            );
            if code == Some(2) && args[0] == "check" {
                assert!(
                    stderr.contains("--> ") || stderr.contains("error["),
                    "{stderr}"
                );
            }
        }
        std::fs::write(file, &original).unwrap();
    }
}
