//! The bar for every safe fix, over the whole corpus: on a copy of every package that
//! loads (each corpus entry's folders, each release of the WASI history, each case of the
//! peer test suites), `check --fix` under the `wasi` preset (where every rule and every
//! fix is on) leaves a package that loads, whose API `witlint diff` finds unchanged (only
//! docs may differ), and on which a second run finds nothing left to fix safely.

mod common;

use std::path::{Path, PathBuf};

use common::{copy_dir, corpus, witlint, writable};

/// Every input of the corpus: each folder with `.wit` files outside deps/, and, for a
/// folder that holds many packages (the peer test suites), each of its files and folders.
fn inputs() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![corpus()];
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| !p.is_symlink())
            .collect();
        entries.sort();
        let wit: Vec<&PathBuf> = entries
            .iter()
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "wit"))
            .collect();
        if !wit.is_empty() {
            if loads(&dir) {
                out.push(dir.clone());
            } else {
                out.extend(wit.into_iter().cloned());
            }
        }
        stack.extend(
            entries
                .into_iter()
                .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n != "deps"))
                .rev(),
        );
    }
    out
}

fn loads(input: &Path) -> bool {
    witlint()
        .args(["check", "--fail-level", "never", "--format", "json"])
        .arg(input)
        .output()
        .unwrap()
        .status
        .code()
        == Some(0)
}

/// `check --format json` under the wasi preset: exit code and the findings that carry a
/// safe edit, as `rule file:line`.
fn safe_edits(input: &Path) -> (i32, Vec<String>) {
    let out = witlint()
        .args([
            "check",
            "--preset",
            "wasi",
            "--lint-copies",
            "--fail-level",
            "never",
            "--format",
            "json",
        ])
        .arg(input)
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    if code == 2 {
        return (
            code,
            vec![String::from_utf8_lossy(&out.stderr).into_owned()],
        );
    }
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let edits = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["fix"]["edit"].is_object() && f["fix"]["applicability"] == "safe")
        .map(|f| format!("{} {}:{}", f["rule"], f["file"], f["line"]))
        .collect();
    (code, edits)
}

#[test]
fn safe_fixes_keep_every_corpus_package_loading_with_its_api() {
    let inputs = inputs();
    assert!(inputs.len() > 400, "{} inputs", inputs.len());
    let (mut fixed, mut problems) = (0, Vec::new());
    for input in &inputs {
        let (code, before) = safe_edits(input);
        if code == 2 || before.is_empty() {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let copy = if input.is_dir() {
            let to = dir.path().join("wit");
            copy_dir(input, &to);
            to
        } else {
            let to = dir.path().join(input.file_name().unwrap());
            std::fs::copy(input, &to).unwrap();
            to
        };
        writable(dir.path());
        let out = witlint()
            .args(["check", "--preset", "wasi", "--lint-copies", "--fix"])
            .args(["--fail-level", "never"])
            .arg(&copy)
            .output()
            .unwrap();
        let shown = input.strip_prefix(corpus()).unwrap().display().to_string();
        if out.status.code() != Some(0) {
            problems.push(format!(
                "{shown}: --fix failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
            continue;
        }
        fixed += 1;
        let (code, left) = safe_edits(&copy);
        if code == 2 {
            problems.push(format!("{shown}: does not load after --fix: {left:?}"));
            continue;
        }
        if !left.is_empty() {
            problems.push(format!("{shown}: a second run still fixes {left:?}"));
        }
        let diff = witlint()
            .args(["diff", "--format", "json"])
            .arg(input)
            .arg(&copy)
            .output()
            .unwrap();
        let report: serde_json::Value = match serde_json::from_slice(&diff.stdout) {
            Ok(r) => r,
            Err(_) => {
                problems.push(format!(
                    "{shown}: diff failed: {}",
                    String::from_utf8_lossy(&diff.stderr)
                ));
                continue;
            }
        };
        for change in report["changes"].as_array().unwrap() {
            if change["kind"] != "docs-changed" {
                problems.push(format!(
                    "{shown}: a safe fix changed the API: {} {}",
                    change["kind"], change["path"]
                ));
            }
        }
    }
    eprintln!("{} inputs, {fixed} with safe fixes applied", inputs.len());
    assert!(fixed >= 20, "only {fixed} inputs had safe fixes");
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}
