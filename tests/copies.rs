//! Copies of other people's packages: recognised by `copies` in witlint.toml or as a
//! published WASI release byte for byte, and not linted; the list of known releases is
//! regenerated from the corpus (`WITLINT_UPDATE_KNOWN=1 cargo test --test copies`).

mod common;

use std::path::{Path, PathBuf};

use common::{copy_dir, corpus, witlint};
use witlint::lint::copies;

/// Every package folder of the WASI release history: each tag's own `wit/` and the
/// packages under its deps/, as `(folder, package@version)`.
fn release_folders() -> Vec<(PathBuf, String)> {
    let history = corpus().join("wasi-history");
    let mut out = Vec::new();
    for pkg in sorted_dirs(&history) {
        for tag in sorted_dirs(&pkg) {
            let wit = tag.join("wit");
            let mut folders = vec![wit.clone()];
            if wit.join("deps").is_dir() {
                folders.extend(sorted_dirs(&wit.join("deps")));
            }
            for folder in folders {
                if let Some(name) = package_of(&folder) {
                    out.push((folder, name));
                }
            }
        }
    }
    out
}

fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn wit_files(folder: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "wit"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// The `package ns:name@version;` a folder declares.
fn package_of(folder: &Path) -> Option<String> {
    wit_files(folder).iter().find_map(|(_, bytes)| {
        String::from_utf8_lossy(bytes).lines().find_map(|l| {
            let rest = l.trim().strip_prefix("package ")?;
            Some(rest.trim_end_matches(';').trim().to_string())
        })
    })
}

fn known_releases_text() -> String {
    let mut lines: Vec<(String, String)> = release_folders()
        .iter()
        .map(|(folder, name)| {
            let files = wit_files(folder);
            let digest = copies::digest(files.iter().map(|(n, b)| (n.as_str(), b.as_slice())));
            (name.clone(), digest)
        })
        .collect();
    lines.sort();
    lines.dedup_by(|a, b| a.1 == b.1);
    lines
        .iter()
        .map(|(name, digest)| format!("{digest}\t{name}\n"))
        .collect()
}

#[test]
fn the_known_releases_are_those_of_the_corpus() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lint/known_releases.tsv");
    let text = known_releases_text();
    assert!(text.lines().count() >= 50, "{text}");
    if std::env::var_os("WITLINT_UPDATE_KNOWN").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "src/lint/known_releases.tsv is stale: WITLINT_UPDATE_KNOWN=1 cargo test --test copies"
    );
}

/// `witlint check --format json` in `dir` on `wit`: findings' rules and stderr.
fn check(dir: &Path) -> (Vec<String>, String) {
    let out = witlint()
        .current_dir(dir)
        .args([
            "check",
            "--format",
            "json",
            "--preset",
            "wasi",
            "--fail-level",
            "never",
            "wit",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{err}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["rule"].as_str().unwrap(),
                f["file"].as_str().unwrap()
            )
        })
        .collect();
    (rules, err)
}

/// A crate that vendors a published release as its own `wit/` (wasi:clocks as WASI tagged
/// it at v0.2.0) gets nothing of upstream's findings, and is told why; one changed byte,
/// or `copies = []`, and it is linted as the crate's own.
#[test]
fn a_published_release_copied_verbatim_is_not_linted() {
    let dir = tempfile::tempdir().unwrap();
    let wit = dir.path().join("wit");
    copy_dir(&corpus().join("wasi-history/clocks/v0.2.0/wit"), &wit);
    let (findings, err) = check(dir.path());
    assert!(findings.is_empty(), "{findings:?}");
    assert!(
        err.contains("holds `wasi:clocks@0.2.0`, a copy of someone else's package")
            && err.contains("published release `wasi:clocks@0.2.0`")
            && err.contains("copies = []"),
        "{err}"
    );

    std::fs::write(dir.path().join("witlint.toml"), "copies = []\n").unwrap();
    let (linted, err) = check(dir.path());
    assert!(!linted.is_empty() && !err.contains("copy"), "{err}");
    std::fs::remove_file(dir.path().join("witlint.toml")).unwrap();

    let world = wit.join("world.wit");
    let text = std::fs::read_to_string(&world).unwrap();
    std::fs::write(&world, format!("{text}\n")).unwrap();
    let (changed, err) = check(dir.path());
    assert_eq!(changed, linted, "a changed copy is the crate's own");
    assert!(!err.contains("copy"), "{err}");
}

/// `copies` names packages by glob; a bad glob is an error at its place.
#[test]
fn copies_in_the_config_name_packages_by_glob() {
    let dir = tempfile::tempdir().unwrap();
    let wit = dir.path().join("wit");
    std::fs::create_dir(&wit).unwrap();
    std::fs::write(
        wit.join("api.wit"),
        "package acme:fixture@1.0.0;\n\ninterface i {\n    // TODO: a note\n    f: func();\n}\n",
    )
    .unwrap();
    let (findings, _) = check(dir.path());
    assert!(!findings.is_empty());
    for (globs, copied) in [
        ("[\"acme:*\"]", true),
        ("[\"acme:fixture@1.0.0\"]", true),
        ("[\"acme:fixture\"]", true),
        ("[\"acme:other\", \"wasi:*\"]", false),
    ] {
        std::fs::write(
            dir.path().join("witlint.toml"),
            format!("copies = {globs}\n"),
        )
        .unwrap();
        let (findings, err) = check(dir.path());
        assert_eq!(findings.is_empty(), copied, "{globs}: {findings:?}");
        assert_eq!(
            err.contains("`copies` in witlint.toml names it"),
            copied,
            "{err}"
        );
    }
    std::fs::write(dir.path().join("witlint.toml"), "copies = [\"acme:{\"]\n").unwrap();
    let out = witlint()
        .current_dir(dir.path())
        .args(["check", "wit"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("bad glob `acme:{` in `copies`") && err.contains("witlint.toml:1:"),
        "{err}"
    );
}

/// Zed keeps each released extension API as `since_vX.Y.Z/` beside the one it edits: an
/// older snapshot is not linted (and says why); the newest is.
#[test]
fn a_frozen_snapshot_beside_a_newer_release_is_not_linted() {
    let dir = tempfile::tempdir().unwrap();
    for version in ["0.6.0", "0.8.0"] {
        copy_dir(
            &corpus().join(format!(
                "zed-industries__zed__extension-api-since-v{version}/wit"
            )),
            &dir.path().join(format!("since_v{version}")),
        );
    }
    let run = |folder: &str| {
        let out = witlint()
            .current_dir(dir.path())
            .args(["check", "--format", "json", "--fail-level", "never", folder])
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (
            report["findings"].as_array().unwrap().len(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (old, err) = run("since_v0.6.0");
    assert_eq!(old, 0, "{err}");
    assert!(
        err.contains("frozen snapshot of an older release, kept beside the newer `since_v0.8.0`"),
        "{err}"
    );
    let (new, err) = run("since_v0.8.0");
    assert!(new > 0 && !err.contains("frozen"), "{err}");
}
