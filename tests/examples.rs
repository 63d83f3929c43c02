//! Every command the README and the book's guide show, run as a reader would run it, so
//! the text cannot drift from the tool:
//!
//! - a ```` ```sh ```` block: each line runs (in bash, witlint first on the PATH) and must
//!   succeed (exit 0, or 1 for a check that reports findings);
//! - a ```` ```console ```` block: each `$ command` runs, and the lines shown under it must
//!   appear in its output (stdout, then stderr), in order: an excerpt may leave lines out.
//!
//! Where a block runs is said by an HTML comment on the line before it (mdBook and GitHub
//! show nothing of it): `<!-- example: corpus -->` (../shared/corpus, read only),
//! `<!-- example: repo -->` (a checkout: a copy of `wit/`, `tests/`, and the corpus at
//! `../shared/corpus`), `<!-- example: keyvalue -->` (a copy of wasi-keyvalue's `wit/`),
//! `<!-- example: empty -->` (a fresh folder) or `<!-- example: skip (why) -->`; without
//! one, a quick-start project: a copy of tests/fixtures/quickstart/wit, committed and
//! tagged `v0.1.0`. `HOME` is a fresh folder.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{copy_dir, corpus, fixtures, writable};

#[derive(Debug)]
struct Block {
    file: String,
    line: usize,
    lang: String,
    place: String,
    body: Vec<String>,
}

/// The fenced blocks of a Markdown file, with the place the comment before each names.
fn blocks(path: &Path) -> Vec<Block> {
    let text = std::fs::read_to_string(path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(lang) = lines[i].strip_prefix("```") else {
            i += 1;
            continue;
        };
        let start = i;
        let place = start
            .checked_sub(1)
            .and_then(|p| lines[p].strip_prefix("<!-- example: "))
            .and_then(|p| p.strip_suffix(" -->"))
            .unwrap_or("quickstart")
            .to_string();
        let mut body = Vec::new();
        i += 1;
        while i < lines.len() && !lines[i].starts_with("```") {
            body.push(lines[i].to_string());
            i += 1;
        }
        out.push(Block {
            file: path.display().to_string(),
            line: start + 1,
            lang: lang.trim().to_string(),
            place,
            body,
        });
        i += 1;
    }
    out
}

/// The Markdown files whose commands are run: the README, the guide's chapters and the
/// commands' pages.
fn documents() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = vec![root.join("README.md")];
    let mut guide: Vec<PathBuf> = ["book/src/guide", "book/src/commands"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    guide.sort();
    out.extend(guide);
    out
}

/// A folder for a block to run in, kept alive as long as the block runs.
struct Place {
    dir: PathBuf,
    _temp: Option<tempfile::TempDir>,
}

fn place(name: &str) -> Place {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    match name {
        "corpus" => Place {
            dir: corpus(),
            _temp: None,
        },
        "empty" => {
            let temp = tempfile::tempdir().unwrap();
            Place {
                dir: temp.path().to_path_buf(),
                _temp: Some(temp),
            }
        }
        "quickstart" => {
            let temp = tempfile::tempdir().unwrap();
            copy_dir(&fixtures().join("quickstart/wit"), &temp.path().join("wit"));
            git_commit(temp.path());
            let ok = Command::new("git")
                .args(["tag", "v0.1.0"])
                .current_dir(temp.path())
                .status()
                .unwrap()
                .success();
            assert!(ok, "git tag");
            Place {
                dir: temp.path().to_path_buf(),
                _temp: Some(temp),
            }
        }
        // A checkout as the examples expect it: `wit/` (a copy), `tests/`, and the corpus
        // at `../shared/corpus`; a git repository, so a build records a revision.
        "repo" => {
            let temp = tempfile::tempdir().unwrap();
            let main = temp.path().join("main");
            copy_dir(&root.join("wit"), &main.join("wit"));
            std::os::unix::fs::symlink(root.join("tests"), main.join("tests")).unwrap();
            std::fs::create_dir(temp.path().join("shared")).unwrap();
            std::os::unix::fs::symlink(corpus(), temp.path().join("shared/corpus")).unwrap();
            git_commit(&main);
            Place {
                dir: main,
                _temp: Some(temp),
            }
        }
        // A copy of wasi-keyvalue's `wit/`, to fix.
        "keyvalue" => {
            let temp = tempfile::tempdir().unwrap();
            copy_dir(
                &corpus().join("WebAssembly__wasi-keyvalue/wit"),
                &temp.path().join("wit"),
            );
            writable(temp.path());
            Place {
                dir: temp.path().to_path_buf(),
                _temp: Some(temp),
            }
        }
        other => panic!("unknown example place `{other}`"),
    }
}

/// `dir` as a git repository with everything in it committed.
fn git_commit(dir: &Path) {
    for args in [
        &["init", "-q"][..],
        &["add", "."],
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "commit",
            "-qm",
            "v0.1.0",
        ],
    ] {
        let ok = Command::new("git")
            .args(args)
            .current_dir(dir)
            .status()
            .unwrap()
            .success();
        assert!(ok, "git {args:?}");
    }
}

/// Runs a command line in bash, witlint first on the PATH and `HOME` a fresh folder:
/// exit code and stdout then stderr.
fn run(line: &str, dir: &Path, home: &Path) -> (i32, String) {
    let bin = Path::new(env!("CARGO_BIN_EXE_witlint")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .args(["-c", line])
        .current_dir(dir)
        .env("PATH", path)
        .env("HOME", home)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// Whether `shown` lines appear in `output`, in order.
fn shows(output: &str, shown: &[String]) -> Result<(), String> {
    let mut lines = output.lines().map(str::trim_end);
    for want in shown.iter().map(|s| s.trim_end()).filter(|s| !s.is_empty()) {
        if !lines.any(|l| l == want) {
            return Err(want.to_string());
        }
    }
    Ok(())
}

#[test]
fn every_command_of_the_readme_and_the_guide_runs_as_shown() {
    let mut problems = Vec::new();
    let mut ran = 0;
    for doc in documents() {
        for block in blocks(&doc) {
            if !matches!(block.lang.as_str(), "sh" | "console") || block.place.starts_with("skip") {
                continue;
            }
            let at = format!("{}:{}", block.file, block.line);
            let place = place(&block.place);
            let home = tempfile::tempdir().unwrap();
            if block.lang == "sh" {
                for line in block.body.iter().filter(|l| !l.trim().is_empty()) {
                    ran += 1;
                    let (code, output) = run(line, &place.dir, home.path());
                    if code != 0 && code != 1 {
                        problems.push(format!("{at}: `{line}` exited {code}:\n{output}"));
                    }
                }
                continue;
            }
            // console: `$ command`, then what it prints.
            let mut commands: Vec<(String, Vec<String>)> = Vec::new();
            for line in &block.body {
                match line.strip_prefix("$ ") {
                    Some(command) => commands.push((command.to_string(), Vec::new())),
                    None => match commands.last_mut() {
                        Some((_, shown)) => shown.push(line.clone()),
                        None => problems.push(format!("{at}: output before any `$ ` command")),
                    },
                }
            }
            // `export NAME=…` holds for the rest of the block, as in a terminal.
            let mut exports = String::new();
            for (command, shown) in commands {
                if command.starts_with("export ") {
                    exports.push_str(&format!("{command}; "));
                    continue;
                }
                ran += 1;
                // What it prints is the check: a refusal the text shows exits 2.
                let (_, output) = run(&format!("{exports}{command}"), &place.dir, home.path());
                if let Err(missing) = shows(&output, &shown) {
                    problems.push(format!(
                        "{at}: `{command}` does not print\n  {missing}\nit printed:\n{output}"
                    ));
                }
            }
        }
    }
    assert!(ran >= 15, "{ran} commands run");
    assert!(problems.is_empty(), "\n{}", problems.join("\n\n"));
}

/// The blocks that are not run say why, and only the ones nothing here can run are
/// skipped: installing witlint itself, the test suite, and what needs root.
#[test]
fn skipped_examples_say_why() {
    for doc in documents() {
        for block in blocks(&doc) {
            if let Some(why) = block.place.strip_prefix("skip") {
                assert!(
                    why.trim().starts_with('(') && why.len() > 8,
                    "{}:{}: `<!-- example: skip (why) -->`",
                    block.file,
                    block.line
                );
            }
        }
    }
}
