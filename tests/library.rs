//! The library's jobs as the CLI, the tests and the language server call them: options in,
//! data out, nothing printed and nothing written.

use std::path::{Path, PathBuf};

use witlint::docs::{self, DocsOptions};
use witlint::scaffold::{self, Bindings, GuestSpec, HostSpec, WorldSpec};
use witlint::{Config, Workspace};

fn reference_world() -> Workspace {
    let wit = Path::new(env!("CARGO_MANIFEST_DIR")).join("wit");
    witlint::open(&wit, witlint::Mode::Check(&[])).expect("the reference world loads")
}

/// Every file under `dir`, to show that a job wrote nothing.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().map(Result::unwrap) {
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                out.push(e.path());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn check_all_returns_findings_of_several_inputs_sorted() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let load = |entry: &str| {
        witlint::open(&corpus.join(entry).join("wit"), witlint::Mode::Check(&[])).unwrap()
    };
    let inputs = vec![
        (load("WebAssembly__wasi-keyvalue"), Config::default()),
        (load("WebAssembly__wasi-config"), Config::default()),
    ];
    let checked = witlint::check_all(&inputs);
    assert!(checked.unloadable.is_empty());
    let keys: Vec<_> = checked.findings.iter().map(|f| f.sort_key()).collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "sorted by their key");
    // Each input's own findings are among them, found the same way one at a time.
    for (ws, config) in &inputs {
        for f in witlint::check(ws, &[], config) {
            assert!(checked.findings.contains(&f), "{f:?}");
        }
    }
}

#[test]
fn docs_come_back_as_pages_and_a_single_file() {
    let ws = reference_world();
    let options = DocsOptions {
        inline_deps: true,
        ..Default::default()
    };
    let pages = docs::book_pages(&ws, &options).unwrap();
    let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"wasi/keyvalue/store.md"), "{paths:?}");
    assert!(paths.iter().all(|p| !p.starts_with('/')), "relative paths");
    let world = docs::pick_world(&ws, Some("imports")).unwrap();
    assert!(world.is_some());
    let text = docs::single_file(&ws, world, "cloud.md", &options).unwrap();
    assert!(
        text.contains("# World `wasi:cloud-core/imports@0.2.0-draft2`"),
        "{}",
        &text[..300]
    );
    let model = docs::doc_model(&ws, false);
    assert_eq!(model.packages.iter().filter(|p| !p.dependency).count(), 1);
}

#[test]
fn docs_refusals_say_what_to_do() {
    let ws = reference_world();
    let e = docs::pick_world(&ws, Some("nope")).unwrap_err();
    assert_eq!(e.kind, "usage");
    assert!(e.message.contains("no world `nope`"), "{e:?}");
    assert!(e.hint.unwrap().contains("wasi:cloud-core/imports"));
}

#[test]
fn scaffolds_come_back_as_files_and_write_nothing() {
    let ws = reference_world();
    let before = files_under(&ws.dir);
    let guest = scaffold::guest_crate(
        &ws,
        &GuestSpec {
            world: "wasi:keyvalue/watch-service".into(),
            crate_name: "watcher".into(),
            bindings: Bindings::Macro,
            templates: None,
        },
    )
    .unwrap();
    assert_eq!(guest.folder, PathBuf::from("watcher"));
    let paths: Vec<String> = guest
        .files
        .iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert!(paths.contains(&"Cargo.toml".to_string()), "{paths:?}");
    assert!(paths.contains(&"src/lib.rs".to_string()), "{paths:?}");
    assert!(paths.iter().any(|p| p.starts_with("wit/")), "{paths:?}");
    assert_eq!(
        guest.next_step("watcher"),
        "cd watcher && cargo build --target wasm32-wasip2"
    );

    let host = scaffold::host_crate(
        &ws,
        &HostSpec {
            target: "wasi:keyvalue/store".into(),
            crate_name: "kv-host".into(),
            wasmtime: 48,
            is_async: false,
            templates: None,
        },
    )
    .unwrap();
    assert!(host.what.contains("wasi:keyvalue/store"), "{}", host.what);

    let world = scaffold::world_package(
        &ws,
        &WorldSpec {
            package: "acme:app@1.0.0".into(),
            include: vec!["wasi:keyvalue/imports@0.2.0-draft2".into()],
            ..Default::default()
        },
        None,
    )
    .unwrap();
    // A stable package on a prerelease: said, not refused.
    assert_eq!(world.warnings.len(), 1, "{:?}", world.warnings);
    assert_eq!(files_under(&ws.dir), before, "nothing written");
}

#[test]
fn scaffold_refusals_say_what_to_do() {
    let ws = reference_world();
    let e = scaffold::guest_crate(
        &ws,
        &GuestSpec {
            world: "wasi:keyvalue/watch-service".into(),
            crate_name: "../escape".into(),
            bindings: Bindings::Macro,
            templates: None,
        },
    )
    .unwrap_err();
    assert_eq!(e.kind, "usage");
    assert!(e.message.contains("is a path"), "{e:?}");
    let e = scaffold::host_crate(
        &ws,
        &HostSpec {
            target: "wasi:nope/x".into(),
            crate_name: "h".into(),
            wasmtime: 48,
            is_async: false,
            templates: None,
        },
    )
    .unwrap_err();
    assert_eq!(e.kind, "usage");
    assert!(e.hint.is_some());
}

/// The library prints nothing: only the binary's command line (`src/cli/`, `src/main.rs`)
/// talks to stdout and stderr, so the language server can call every job.
#[test]
fn only_the_command_line_prints() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let printing = [
        "println!",
        "print!(",
        "eprintln!",
        "eprint!(",
        "io::stdout",
        "io::stderr",
        "dbg!(",
    ];
    let mut offenders = Vec::new();
    for file in files_under(&src) {
        let rel = file.strip_prefix(&src).unwrap();
        if rel.starts_with("cli")
            || rel == Path::new("main.rs")
            || file.extension().is_none_or(|e| e != "rs")
        {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if printing.iter().any(|p| line.contains(p)) && !line.trim_start().starts_with("//") {
                offenders.push(format!("{}:{}: {}", rel.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}
